// The HTTP side of `scio-index fetch`, on libcurl: one connection per host, at most one request per
// host every `delay` seconds, conditional requests, retries with growing waits on timeouts, 429 and
// 5xx (a Retry-After is honoured), and redirects (http and https only, bounded) followed hop by hop
// here rather than by libcurl, so that each hop waits for its own host's rate limit and the caller
// can check it against that host's robots.txt.
#pragma once

#include "indexer/fetch/url.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace scio::indexer::fetch {

struct HttpSettings {
  std::string user_agent;
  double delay_seconds = 1.0;              // between two requests to one host (retries included)
  double timeout_seconds = 30.0;           // one attempt, connection to last byte
  int retries = 3;                         // after the first attempt
  double retry_wait_seconds = 2.0;         // first wait before a retry; doubled each time
  double max_retry_after_seconds = 600.0;  // a longer Retry-After gives up on the URL for this run
  long max_redirects = 5;
};

struct Validators {
  std::string etag;
  std::string last_modified;
};

struct Response {
  bool ok = false;  // a response came (any status); else error says why
  long status = 0;
  std::string body;
  Url url;  // after redirects (the last hop)
  std::string content_type;
  Validators validators;  // ETag and Last-Modified as served, for the next conditional request
  std::string location;   // a redirect's target, absolute (libcurl's CURLINFO_REDIRECT_URL)
  std::string error;      // transport error or the last status, when no usable answer came
};

class HttpClient {
 public:
  explicit HttpClient(HttpSettings settings);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Asked before each redirect is followed: empty to follow it, else why not (the response then
  // fails with that reason).
  using RedirectCheck = std::function<std::string(const Url& to)>;

  // GET with retries, following redirects. conditional: send If-None-Match / If-Modified-Since on
  // the first hop (a 304 may come back).
  Response get(const Url& url, const Validators* conditional = nullptr, const RedirectCheck& check = {});

  std::size_t requests() const { return m_requests; }
  std::size_t bytes() const { return m_bytes; }
  // Called with true while waiting for a host's rate limit or a retry, false when it ends.
  std::function<void(bool)> on_wait;
  // Polled while waiting and during transfers: true stops at once (Ctrl-C).
  std::function<bool()> should_stop;

 private:
  struct Host;
  Host& host_of(const Url& url);
  // One URL, no redirect followed, retried after timeouts, 429 and 5xx.
  Response get_one(const Url& url, const Validators* conditional);
  Response attempt(Host& host, const Url& url, const Validators* conditional);
  bool wait_until(std::chrono::steady_clock::time_point when);

  HttpSettings m_settings;
  std::map<std::string, std::unique_ptr<Host>> m_hosts;  // by origin
  std::size_t m_requests = 0;
  std::size_t m_bytes = 0;
};

}  // namespace scio::indexer::fetch

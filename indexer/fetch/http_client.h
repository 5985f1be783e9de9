// The HTTP side of `scio-index fetch`, on libcurl: one connection per host, at most one request per
// host every `delay` seconds, bounded redirects (http and https only), conditional requests, and
// retries with growing waits on timeouts, 429 and 5xx (a Retry-After is honoured).
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
  Url url;  // after redirects
  std::string content_type;
  Validators validators;  // ETag and Last-Modified as served, for the next conditional request
  std::string error;      // transport error or the last status, when no usable answer came
};

class HttpClient {
 public:
  explicit HttpClient(HttpSettings settings);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET with retries. conditional: send If-None-Match / If-Modified-Since (a 304 may come back).
  Response get(const Url& url, const Validators* conditional = nullptr);

  std::size_t requests() const { return m_requests; }
  std::size_t bytes() const { return m_bytes; }
  // Called with true while waiting for a host's rate limit or a retry, false when it ends.
  std::function<void(bool)> on_wait;
  // Polled while waiting and during transfers: true stops at once (Ctrl-C).
  std::function<bool()> should_stop;

 private:
  struct Host;
  Response attempt(Host& host, const Url& url, const Validators* conditional);
  bool wait_until(std::chrono::steady_clock::time_point when);

  HttpSettings m_settings;
  std::map<std::string, std::unique_ptr<Host>> m_hosts;  // by origin
  std::size_t m_requests = 0;
  std::size_t m_bytes = 0;
};

}  // namespace scio::indexer::fetch

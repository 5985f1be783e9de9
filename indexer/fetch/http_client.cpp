#include "indexer/fetch/http_client.h"

#include <cmath>
#include <curl/curl.h>
#include <thread>

namespace scio::indexer::fetch {
namespace {

using Clock = std::chrono::steady_clock;

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* stop = static_cast<const std::function<bool()>*>(user);
  return (*stop && (*stop)()) ? 1 : 0;  // non-zero aborts the transfer
}

std::string header(CURL* curl, const char* name) {
  struct curl_header* h = nullptr;
  if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || h == nullptr) return {};
  return h->value;
}

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool retryable_status(long status) { return status == 429 || (status >= 500 && status <= 599); }

bool retryable_error(CURLcode code) {
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_COULDNT_CONNECT || code == CURLE_RECV_ERROR ||
         code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE;
}

}  // namespace

// One easy handle per host: libcurl keeps its connection open between requests, so each host sees
// one connection at a time.
struct HttpClient::Host {
  CURL* curl = nullptr;
  std::optional<Clock::time_point> last_request;
  ~Host() {
    if (curl) curl_easy_cleanup(curl);
  }
};

HttpClient::HttpClient(HttpSettings settings) : m_settings(std::move(settings)) { static CurlGlobal global; }

HttpClient::~HttpClient() = default;

bool HttpClient::wait_until(Clock::time_point when) {
  bool waiting = false;
  while (Clock::now() < when) {
    if (should_stop && should_stop()) break;
    if (!waiting && on_wait && when - Clock::now() > std::chrono::milliseconds(200)) {
      on_wait(true);
      waiting = true;
    }
    std::this_thread::sleep_for(std::min<Clock::duration>(when - Clock::now(), std::chrono::milliseconds(100)));
  }
  if (waiting && on_wait) on_wait(false);
  return !(should_stop && should_stop());
}

Response HttpClient::attempt(Host& host, const Url& url, const Validators* conditional) {
  Response r;
  CURL* curl = host.curl;
  curl_easy_reset(curl);  // keeps the connection, forgets the last request's options
  curl_easy_setopt(curl, CURLOPT_URL, url.full.c_str());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, m_settings.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // get() follows them, one checked hop at a time
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_settings.timeout_seconds * 1000));
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl decodes; saved decoded
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &should_stop);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  struct curl_slist* headers = nullptr;
  if (conditional && !conditional->etag.empty())
    headers = curl_slist_append(headers, ("If-None-Match: " + conditional->etag).c_str());
  if (conditional && !conditional->last_modified.empty())
    headers = curl_slist_append(headers, ("If-Modified-Since: " + conditional->last_modified).c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  ++m_requests;
  const CURLcode code = curl_easy_perform(curl);
  // The wait runs from the end of a request: a slow answer never shortens it.
  host.last_request = Clock::now();
  curl_slist_free_all(headers);
  m_bytes += r.body.size();
  if (code != CURLE_OK) {
    r.error = error[0] ? error : curl_easy_strerror(code);
    r.status = retryable_error(code) ? -1 : 0;  // -1: worth another try
    return r;
  }
  r.ok = true;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  char* effective = nullptr;
  curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  r.url = (effective ? parse_url(effective) : std::nullopt).value_or(url);
  // Where a redirect points, resolved by libcurl as it would follow it (empty when not a redirect).
  char* location = nullptr;
  if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) r.location = location;
  char* type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
  if (type) r.content_type = type;
  r.validators.etag = header(curl, "ETag");
  r.validators.last_modified = header(curl, "Last-Modified");
  return r;
}

HttpClient::Host& HttpClient::host_of(const Url& url) {
  auto& slot = m_hosts[url.origin()];
  if (!slot) {
    slot = std::make_unique<Host>();
    slot->curl = curl_easy_init();
  }
  return *slot;
}

Response HttpClient::get(const Url& url, const Validators* conditional, const RedirectCheck& check) {
  Response r = get_one(url, conditional);
  for (int hops = 0; r.ok && is_redirect(r.status) && !r.location.empty(); ++hops) {
    const auto next = parse_url(r.location);
    const std::string from = r.url.full;
    if (!next) {
      r.ok = false;
      r.error = "redirected by " + from + " to " + r.location + ", not an http or https URL";
      break;
    }
    if (hops >= m_settings.max_redirects) {
      r.ok = false;
      r.error = "more than " + std::to_string(m_settings.max_redirects) + " redirects (the last to " + next->full + ")";
      break;
    }
    if (check) {
      if (auto why = check(*next); !why.empty()) {
        r.ok = false;
        r.error = why;
        break;
      }
    }
    // The validators were the first URL's: a later hop is asked unconditionally.
    r = get_one(*next, nullptr);
    if (!r.error.empty() && r.error != "interrupted") r.error = "redirected to " + next->full + ": " + r.error;
  }
  return r;
}

Response HttpClient::get_one(const Url& url, const Validators* conditional) {
  Host& host = host_of(url);
  const auto delay =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(m_settings.delay_seconds));
  Response r;
  for (int attempt_no = 0;; ++attempt_no) {
    if (host.last_request && !wait_until(*host.last_request + delay)) {
      r.ok = false;
      r.error = "interrupted";
      return r;
    }
    r = attempt(host, url, conditional);
    const bool retry = (!r.ok && r.status == -1) || (r.ok && retryable_status(r.status));
    if (!retry) break;
    const std::string what = r.ok ? "status " + std::to_string(r.status) : r.error;
    if (attempt_no >= m_settings.retries) {
      r.ok = false;
      r.error = what + " (after " + std::to_string(attempt_no + 1) + " attempts)";
      break;
    }
    double wait = m_settings.retry_wait_seconds * std::pow(2.0, attempt_no);
    curl_off_t retry_after = -1;
    if (r.ok && curl_easy_getinfo(host.curl, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after >= 0) {
      if (static_cast<double>(retry_after) > m_settings.max_retry_after_seconds) {
        r.ok = false;
        r.error = what + " with Retry-After " + std::to_string(retry_after) + " s (longer than this run waits)";
        break;
      }
      wait = static_cast<double>(retry_after);
    }
    if (!wait_until(Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait)))) {
      r.ok = false;
      r.error = "interrupted";
      return r;
    }
  }
  if (r.ok && r.status >= 400) r.error = "status " + std::to_string(r.status);
  return r;
}

}  // namespace scio::indexer::fetch

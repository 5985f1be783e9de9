#include "indexer/fetch/url.h"

#include <algorithm>
#include <curl/curl.h>
#include <memory>

namespace scio::indexer::fetch {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

std::string part(CURLU* u, CURLUPart which) {
  char* value = nullptr;
  if (curl_url_get(u, which, &value, 0) != CURLUE_OK || value == nullptr) return {};
  std::string out(value);
  curl_free(value);
  return out;
}

std::optional<Url> from_handle(CURLU* u) {
  Url url;
  url.scheme = part(u, CURLUPART_SCHEME);
  std::transform(url.scheme.begin(), url.scheme.end(), url.scheme.begin(), ::tolower);
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  url.host = part(u, CURLUPART_HOST);
  std::transform(url.host.begin(), url.host.end(), url.host.begin(), ::tolower);
  if (url.host.empty()) return std::nullopt;
  url.port = part(u, CURLUPART_PORT);  // only when given, and not the default one
  if ((url.scheme == "http" && url.port == "80") || (url.scheme == "https" && url.port == "443")) url.port.clear();
  url.path = part(u, CURLUPART_PATH);
  if (url.path.empty()) url.path = "/";
  url.query = part(u, CURLUPART_QUERY);
  url.full = url.origin() + url.path + (url.query.empty() ? "" : "?" + url.query);
  return url;
}

}  // namespace

std::optional<Url> parse_url(const std::string& text) {
  UrlHandle u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) return std::nullopt;
  return from_handle(u.get());
}

std::optional<Url> resolve_url(const std::string& base, const std::string& href) {
  UrlHandle u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return std::nullopt;
  // Setting a relative URL on a handle holding an absolute one resolves it (curl_url_set(3)).
  if (curl_url_set(u.get(), CURLUPART_URL, href.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) return std::nullopt;
  return from_handle(u.get());
}

}  // namespace scio::indexer::fetch

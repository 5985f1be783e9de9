// URLs for `scio-index fetch`: parsed and resolved with libcurl's URL API (RFC 3986), never by hand.
#pragma once

#include <optional>
#include <string>

namespace scio::indexer::fetch {

struct Url {
  std::string full;    // normalised absolute URL, without fragment
  std::string scheme;  // http or https
  std::string host;    // lower case
  std::string port;    // empty for the scheme's default
  std::string path;    // starts with '/'
  std::string query;   // without '?', often empty

  std::string origin() const { return scheme + "://" + host + (port.empty() ? "" : ":" + port); }
  std::string filename() const { return path.substr(path.rfind('/') + 1); }
};

// An absolute http(s) URL, or nothing (another scheme, no host, unparsable).
std::optional<Url> parse_url(const std::string& text);

// href resolved against base (an absolute URL), as a browser does; nothing when it is not http(s).
std::optional<Url> resolve_url(const std::string& base, const std::string& href);

}  // namespace scio::indexer::fetch

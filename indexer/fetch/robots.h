// robots.txt as RFC 9309 reads it: the group for our product token (else "*"), Allow and Disallow
// rules with "*" and "$", the longest match deciding and Allow winning a tie.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scio::indexer::fetch {

class Robots {
 public:
  // Everything allowed: no robots.txt (4xx), or one that is not a robots file (an HTML page).
  static Robots allow_all() { return Robots(); }
  // Nothing allowed: robots.txt unreachable (5xx), as RFC 9309 section 2.3.1.4 says.
  static Robots disallow_all();
  // The rules of text for the product token (case-insensitive; "*" groups when none names it).
  static Robots parse(std::string_view text, std::string_view product_token);

  // path with its query ("/a/b.html?x=1"). /robots.txt itself is always allowed.
  bool allowed(std::string_view path) const;
  bool unreachable() const { return m_unreachable; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  std::vector<Rule> m_rules;
  bool m_unreachable = false;
};

// True when text looks like a robots.txt rather than an HTML page served in its place.
bool looks_like_robots_file(std::string_view content_type, std::string_view text);

}  // namespace scio::indexer::fetch

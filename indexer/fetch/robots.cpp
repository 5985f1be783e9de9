#include "indexer/fetch/robots.h"

#include <algorithm>
#include <cctype>

namespace scio::indexer::fetch {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// RFC 9309 section 2.2.3: "*" matches any sequence, a final "$" anchors the end.
bool matches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Iterative wildcard match with backtracking to the last '*'.
  std::size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;  // a prefix match
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

Robots Robots::disallow_all() {
  Robots r;
  r.m_rules.push_back({false, "/"});
  r.m_unreachable = true;
  return r;
}

Robots Robots::parse(std::string_view text, std::string_view product_token) {
  const std::string token = lower(product_token);
  std::vector<Rule> ours, star;
  bool group_is_ours = false, group_is_star = false, in_agents = false;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) group_is_ours = group_is_star = false;  // a new group starts
      in_agents = true;
      const std::string agent = lower(value);
      if (agent == "*") group_is_star = true;
      else if (agent == token) group_is_ours = true;
    } else if (key == "allow" || key == "disallow") {
      in_agents = false;
      if (value.empty()) continue;  // "Disallow:" with no path allows everything
      Rule rule{key == "allow", std::string(value)};
      if (group_is_ours) ours.push_back(rule);
      if (group_is_star) star.push_back(rule);
    } else {
      in_agents = false;  // sitemap and other records end the user-agent lines too
    }
  }
  Robots r;
  // RFC 9309 2.2.1: the groups naming the product token, else the "*" groups.
  bool named = false;
  {
    // A group naming us with no rules still counts: it allows everything.
    std::size_t pos = 0;
    const std::string all = lower(text);
    while ((pos = all.find("user-agent", pos)) != std::string::npos) {
      const auto colon = all.find(':', pos);
      const auto eol = all.find_first_of("\r\n#", colon == std::string::npos ? pos : colon);
      if (colon != std::string::npos && trim(std::string_view(all).substr(colon + 1, eol - colon - 1)) == token)
        named = true;
      pos += 10;
    }
  }
  r.m_rules = named ? ours : star;
  return r;
}

bool Robots::allowed(std::string_view path) const {
  if (path == "/robots.txt") return true;
  std::size_t best = 0;
  bool allow = true, any = false;
  for (const auto& rule : m_rules) {
    if (!matches(rule.pattern, path)) continue;
    const std::size_t length = rule.pattern.size();
    if (!any || length > best || (length == best && rule.allow)) {
      allow = rule.allow;
      best = length;
      any = true;
    }
  }
  return allow;
}

bool looks_like_robots_file(std::string_view content_type, std::string_view text) {
  const std::string type = lower(content_type);
  if (type.find("html") != std::string::npos) return false;
  const std::string head = lower(trim(text.substr(0, 512)));
  return head.rfind("<!doctype", 0) != 0 && head.rfind("<html", 0) != 0 && head.rfind("<?xml", 0) != 0;
}

}  // namespace scio::indexer::fetch

#include "indexer/page_name.h"

#include "core/text.h"

#include <algorithm>
#include <optional>

namespace scio::indexer {
namespace {

std::string sanitize(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool keep =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    out += keep ? c : '-';
  }
  if (out.size() > 100) out.resize(100);  // ids go into Xapian terms, which are length-limited
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  return out.empty() ? "page" : out;
}

bool has_letter(std::string_view s) {
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word(char c) { return has_letter(std::string_view(&c, 1)) || is_digit(c) || c == '_'; }

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// s without a final "(N)" and the spaces before it; nothing when it has none.
std::optional<std::string_view> without_number(std::string_view s) {
  if (s.empty() || s.back() != ')') return std::nullopt;
  const auto open = s.rfind('(');
  if (open == std::string_view::npos || open + 2 > s.size() - 1) return std::nullopt;
  const auto digits = s.substr(open + 1, s.size() - open - 2);
  if (!std::all_of(digits.begin(), digits.end(), is_digit)) return std::nullopt;
  return trim_right(s.substr(0, open));
}

// s without a final "copy" (any case) and what must come before it ("-" and spaces, or at least a space).
std::optional<std::string_view> without_copy(std::string_view s, bool after_dash) {
  if (s.size() < 4 || core::ascii_lower(s.substr(s.size() - 4)) != "copy") return std::nullopt;
  auto rest = s.substr(0, s.size() - 4);
  if (!after_dash) {
    if (rest.empty() || !is_space(rest.back())) return std::nullopt;
    return trim_right(rest);
  }
  rest = trim_right(rest);
  if (rest.empty() || rest.back() != '-') return std::nullopt;
  return trim_right(rest.substr(0, rest.size() - 1));
}

// A browser's name for a second download: "page (1)", "page - Copy", "page - Copy (2)", "page copy".
std::string_view without_duplicate_suffix(std::string_view stem) {
  if (auto copy = without_copy(without_number(stem).value_or(stem), true)) return *copy;
  if (auto number = without_number(stem)) return *number;
  if (auto copy = without_copy(stem, false)) return *copy;
  return stem;
}

}  // namespace

PageName page_name(const std::filesystem::path& path, std::string_view url) {
  PageName name;
  std::string stem;
  std::string parent;
  if (!url.empty()) {
    std::string u(url);
    auto q = u.find_first_of("?#");
    if (q != std::string::npos) u.resize(q);
    name.mobile = u.find("/m/") != std::string::npos;
    auto slash = u.find_last_of('/');
    std::string file = slash == std::string::npos ? u : u.substr(slash + 1);
    if (slash != std::string::npos) {
      auto prev = u.find_last_of('/', slash - 1);
      parent = u.substr(prev == std::string::npos ? 0 : prev + 1, slash - (prev == std::string::npos ? 0 : prev + 1));
    }
    stem = std::filesystem::path(file).stem().string();
  }
  if (stem.empty()) {
    stem = path.stem().string();
    parent = path.parent_path().filename().string();
    auto generic = path.generic_string();
    name.mobile = name.mobile || generic.find("/m/") != std::string::npos || generic.rfind("m/", 0) == 0;
  }
  stem = std::string(without_duplicate_suffix(stem));
  // "content_N_K" (K of one or two digits) is page K of content_N; so is any "name_K" of letters,
  // digits, "_" and "-" that starts with a letter.
  if (const auto underscore = stem.rfind('_'); underscore != std::string::npos && underscore > 0) {
    const std::string_view base = std::string_view(stem).substr(0, underscore);
    const std::string_view digits = std::string_view(stem).substr(underscore + 1);
    const bool paged = !digits.empty() && digits.size() <= 2 && std::all_of(digits.begin(), digits.end(), is_digit) &&
                       has_letter(base.substr(0, 1)) &&
                       std::all_of(base.begin(), base.end(), [](char c) { return is_word(c) || c == '-'; });
    if (paged && std::stoi(std::string(digits)) >= 1) {
      name.number = std::stoi(std::string(digits));
      stem.resize(underscore);
    }
  }
  name.conference_id = sanitize(has_letter(stem) || parent.empty() ? stem : parent + "-" + stem);
  return name;
}

}  // namespace scio::indexer

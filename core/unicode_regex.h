// Regular expressions over UTF-8 text that count characters, not bytes (ICU's RegexPattern):
// "[^主答]{2,4}" means two to four characters. std::regex over UTF-8 counts bytes, so a class or
// a count over Chinese text silently means something else.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core {

class UnicodeRegex {
 public:
  enum Flags : unsigned { none = 0, ignore_case = 1 };
  // pattern is ICU regex syntax, UTF-8; an invalid pattern is a programming error and throws
  // std::logic_error.
  explicit UnicodeRegex(std::string_view pattern, unsigned flags = none);
  ~UnicodeRegex();
  UnicodeRegex(const UnicodeRegex&) = delete;
  UnicodeRegex& operator=(const UnicodeRegex&) = delete;

  struct Match {
    std::vector<std::string> groups;  // group 0 (the whole match), then each capture group ("" when unused)
    std::size_t begin = 0;            // byte offsets of group 0 in the text searched
    std::size_t end = 0;
  };
  // The first match in text at or after byte offset from. Safe to call from several threads at once.
  std::optional<Match> find(std::string_view text, std::size_t from = 0) const;
  // The groups of the first match in text.
  std::optional<std::vector<std::string>> search(std::string_view text) const;
  bool found_in(std::string_view text) const { return search(text).has_value(); }
  // Every match replaced by replacement ($1 refers to a group).
  std::string replace_all(std::string_view text, std::string_view replacement) const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> m_compiled;
};

}  // namespace scio::core

#include "core/unicode_regex.h"

#include <stdexcept>
#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace scio::core {

struct UnicodeRegex::Compiled {
  std::unique_ptr<icu::RegexPattern> pattern;
};

UnicodeRegex::UnicodeRegex(std::string_view pattern, unsigned flags) : m_compiled(std::make_unique<Compiled>()) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  m_compiled->pattern.reset(
      icu::RegexPattern::compile(text, (flags & ignore_case) ? uint32_t{UREGEX_CASE_INSENSITIVE} : uint32_t{0}, where, status));
  if (U_FAILURE(status) || !m_compiled->pattern)
    throw std::logic_error("invalid regular expression \"" + std::string(pattern) + "\": " + u_errorName(status));
}

UnicodeRegex::~UnicodeRegex() = default;

namespace {

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

}  // namespace

std::optional<std::vector<std::string>> UnicodeRegex::search(std::string_view text) const {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString input = unicode(text);
  // A matcher per call: RegexPattern is shareable between threads, a matcher is not.
  std::unique_ptr<icu::RegexMatcher> matcher(m_compiled->pattern->matcher(input, status));
  if (U_FAILURE(status) || !matcher->find(status) || U_FAILURE(status)) return std::nullopt;
  std::vector<std::string> groups;
  for (int32_t g = 0; g <= matcher->groupCount(); ++g) {
    UErrorCode group_status = U_ZERO_ERROR;
    const icu::UnicodeString part = matcher->group(g, group_status);
    groups.push_back(U_FAILURE(group_status) ? std::string() : utf8(part));
  }
  return groups;
}

std::string UnicodeRegex::replace_all(std::string_view text, std::string_view replacement) const {
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString input = unicode(text);
  std::unique_ptr<icu::RegexMatcher> matcher(m_compiled->pattern->matcher(input, status));
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString out = matcher->replaceAll(unicode(replacement), status);
  return U_FAILURE(status) ? std::string(text) : utf8(out);
}

}  // namespace scio::core

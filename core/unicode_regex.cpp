#include "core/unicode_regex.h"

#include <stdexcept>
#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

namespace scio::core {

struct UnicodeRegex::Compiled {
  std::unique_ptr<icu::RegexPattern> pattern;
};

UnicodeRegex::UnicodeRegex(std::string_view pattern, unsigned flags) : m_compiled(std::make_unique<Compiled>()) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  const auto text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size())));
  m_compiled->pattern.reset(icu::RegexPattern::compile(
      text, (flags & ignore_case) ? uint32_t{UREGEX_CASE_INSENSITIVE} : uint32_t{0}, where, status));
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

std::optional<UnicodeRegex::Match> UnicodeRegex::find(std::string_view text, std::size_t from) const {
  if (from > text.size()) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  // Over the UTF-8 bytes themselves (UText): ICU's native indexes are then byte offsets.
  UText* input = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::optional<Match> out;
  {
    // A matcher per call: RegexPattern is shareable between threads, a matcher is not.
    std::unique_ptr<icu::RegexMatcher> matcher(m_compiled->pattern->matcher(status));
    if (U_SUCCESS(status)) matcher->reset(input);
    if (U_SUCCESS(status) && matcher->find(static_cast<int64_t>(from), status) && U_SUCCESS(status)) {
      Match m;
      for (int32_t g = 0; g <= matcher->groupCount(); ++g) {
        UErrorCode group_status = U_ZERO_ERROR;
        const int64_t start = matcher->start64(g, group_status);
        const int64_t end = matcher->end64(g, group_status);
        if (U_FAILURE(group_status) || start < 0) {
          m.groups.emplace_back();
          continue;
        }
        m.groups.emplace_back(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
        if (g == 0) {
          m.begin = static_cast<std::size_t>(start);
          m.end = static_cast<std::size_t>(end);
        }
      }
      out = std::move(m);
    }
  }
  utext_close(input);
  return out;
}

std::optional<std::vector<std::string>> UnicodeRegex::search(std::string_view text) const {
  auto m = find(text);
  if (!m) return std::nullopt;
  return std::move(m->groups);
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

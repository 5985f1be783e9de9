#include "core/text.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <xxhash.h>

namespace scio::core {

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) {
  if (i >= text.size()) return 0;
  auto b = static_cast<unsigned char>(text[i]);
  std::size_t n = 0;
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
    cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    cp = b & 0x07;
  } else return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    auto c = static_cast<unsigned char>(text[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::size_t utf8_length_at(std::string_view text, std::size_t i) {
  char32_t cp = 0;
  const auto n = decode_utf8(text, i, cp);
  return n == 0 ? 1 : n;
}

namespace {

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         cp == 0x3000 || cp == 0x200B || cp == 0xFEFF || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2000 && cp <= 0x200A);
}

bool is_dropped_control(char32_t cp) { return cp < 0x20 || cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF; }

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
  char32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto n = decode_utf8(text, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string normalize_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  char32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    // A run of printable ASCII other than the space is copied as it is, in one go.
    std::size_t run = i;
    while (run < text.size() && static_cast<unsigned char>(text[run]) > 0x20 &&
           static_cast<unsigned char>(text[run]) < 0x7F)
      ++run;
    if (run > i) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out.append(text.substr(i, run - i));
      i = run;
      continue;
    }
    auto n = decode_utf8(text, i, cp);
    if (n == 0) {  // invalid byte: replaced, never passed through
      cp = 0xFFFD;
      n = 1;
      if (!out.empty() && pending_space) out += ' ';
      pending_space = false;
      out += "\xEF\xBF\xBD";
      i += n;
      continue;
    }
    if (is_space(cp)) {
      pending_space = true;
    } else if (!is_dropped_control(cp)) {
      if (pending_space && !out.empty()) out += ' ';
      pending_space = false;
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string_view trim(std::string_view text) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && ws(text.front())) text.remove_prefix(1);
  while (!text.empty() && ws(text.back())) text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < text.size() && !(text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) ++j;
    if (j > i) words.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return words;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  char32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto n = decode_utf8(text, i, cp);
    if (n == 0) {
      ++width;
      ++i;
      continue;
    }  // shown as one replacement character
    i += n;
    const auto category = u_charType(static_cast<UChar32>(cp));
    if (category == U_CONTROL_CHAR || category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
        category == U_FORMAT_CHAR)
      continue;
    const auto east_asian = u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH);
    width += east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
  }
  return width;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string content_hash(std::string_view data) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(XXH3_64bits(data.data(), data.size())));
  return buf;
}

bool is_cjk(char32_t cp) {
  // Nothing below Hangul Jamo (U+1100) is of these scripts: Latin text never asks ICU.
  if (cp < 0x1100) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
  return U_SUCCESS(status) && (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
                               script == USCRIPT_HANGUL);
}

bool has_cjk(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(text, i, cp);
    if (n > 0 && is_cjk(cp)) return true;
    i += n > 0 ? n : 1;
  }
  return false;
}

std::string fold_width(std::string_view text) {
  // ASCII needs no folding: most English pages are spared the conversion.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }) ||
      find_invalid_utf8(text) != std::string_view::npos)
    return std::string(text);
  struct Folder {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeSet keep{icu::UnicodeString(u"[[^[:P:][:Z:]]\\uFF0E\\uFF05]"), status};
    std::unique_ptr<icu::FilteredNormalizer2> normalizer;
    Folder() {
      const auto* nfkc = icu::Normalizer2::getNFKCInstance(status);
      if (U_SUCCESS(status)) {
        keep.freeze();
        normalizer = std::make_unique<icu::FilteredNormalizer2>(*nfkc, keep);
      }
    }
  };
  static const Folder folder;
  if (!folder.normalizer) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  const auto in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::Normalizer2& normalizer = *folder.normalizer;
  const auto out = normalizer.normalize(in, status);
  if (U_FAILURE(status)) return std::string(text);
  std::string folded;
  out.toUTF8String(folded);
  return folded;
}

}  // namespace scio::core

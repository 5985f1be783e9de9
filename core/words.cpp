#include "core/words.h"

#include <xapian.h>

namespace scio::core {
namespace {

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019 || ch == 0x201B; }
bool is_digit(unsigned ch) { return ch >= '0' && ch <= '9'; }
bool is_word(unsigned ch) { return Xapian::Unicode::is_wordchar(ch) && !is_ngram_cjk(ch); }

// Calls emit(begin, end) for each word of text, as TermGenerator splits it.
template <typename Emit>
void scan_words(std::string_view text, Emit emit) {
  Xapian::Utf8Iterator it(text.data(), text.size());
  const Xapian::Utf8Iterator end;
  auto offset = [&](const Xapian::Utf8Iterator& at) {
    return at == end ? text.size() : static_cast<std::size_t>(at.raw() - text.data());
  };
  while (it != end) {
    const unsigned ch = *it;
    if (!Xapian::Unicode::is_wordchar(ch)) {
      ++it;
      continue;
    }
    const std::size_t begin = offset(it);
    ++it;
    if (!is_ngram_cjk(ch)) {
      unsigned prev = ch;
      while (it != end) {
        const unsigned c = *it;
        if (is_word(c)) {
          prev = c;
          ++it;
          continue;
        }
        // An apostrophe inside a word ("wanzhou's"), a comma or point inside a number ("1,000.5").
        auto next = it;
        if (++next == end) break;
        const unsigned n = *next;
        if (!((is_apostrophe(c) && is_word(n)) || ((c == ',' || c == '.') && is_digit(prev) && is_digit(n)))) break;
        it = next;
      }
    }
    emit(begin, offset(it));
  }
}

std::string term_of(std::string_view word) {
  std::string term;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (is_apostrophe(ch)) term += '\'';
    else Xapian::Unicode::append_utf8(term, Xapian::Unicode::tolower(ch));
  }
  return term;
}

}  // namespace

// Xapian 1.4's unicode/cjk-tokenizer.cc.
bool is_ngram_cjk(unsigned ch) {
  return (ch >= 0x2E80 && ch <= 0x2EFF) || (ch >= 0x3000 && ch <= 0x9FFF) || (ch >= 0xA700 && ch <= 0xA71F) ||
         (ch >= 0xAC00 && ch <= 0xD7AF) || (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFE30 && ch <= 0xFE4F) ||
         (ch >= 0xFF00 && ch <= 0xFFEF) || (ch >= 0x20000 && ch <= 0x2A6DF) || (ch >= 0x2F800 && ch <= 0x2FA1F);
}

std::vector<TextWord> text_words(std::string_view text) {
  std::vector<TextWord> out;
  scan_words(text, [&](std::size_t b, std::size_t e) { out.push_back({b, e, term_of(text.substr(b, e - b))}); });
  return out;
}

std::size_t count_words(std::string_view text) {
  std::size_t n = 0;
  scan_words(text, [&](std::size_t, std::size_t) { ++n; });
  return n;
}

}  // namespace scio::core

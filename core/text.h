// Small UTF-8 text helpers shared by the readers and the searcher.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core {

// The one UTF-8 decoder: the code point at text[i] and its length in bytes (1-4), or 0 when the
// bytes there are not valid UTF-8 (overlong, surrogate, truncated, stray continuation byte).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp);
// The length of the character at text[i]; a byte that starts no valid character counts as one.
std::size_t utf8_length_at(std::string_view text, std::size_t i);
// Whether text[i] starts a character (is not a UTF-8 continuation byte); true at the end.
inline bool is_char_start(std::string_view text, std::size_t i) {
  return i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}

// Byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t find_invalid_utf8(std::string_view text);

// Trims, turns every run of white space (ASCII, NBSP, ideographic space, zero-width) into one
// space, and drops control characters that XML cannot carry.
std::string normalize_space(std::string_view text);

// NFKC (ICU) of everything but punctuation and spaces: full-width digits and letters become ASCII
// ("２０２４" -> "2024", "ＷＴＯ" -> "WTO", "４．６％" -> "4.6%") so that they are found as typed, while the Chinese
// punctuation a quote is written with ("：", "（", "，") stays as published. Invalid UTF-8 is
// returned unchanged.
std::string fold_width(std::string_view text);

// Whether a code point is written without spaces between words (Han, kana, Hangul): the text
// Xapian's FLAG_CJK_NGRAM indexes as n-grams.
bool is_cjk(char32_t cp);
// Whether text holds such a character.
bool has_cjk(std::string_view text);

std::string_view trim(std::string_view text);
std::string ascii_lower(std::string_view text);
std::vector<std::string> split_words(std::string_view text);  // on ASCII white space

// Display width of UTF-8 text on a terminal: ICU's East Asian Width, wide and full-width
// characters 2 columns, combining marks, format and control characters none.
std::size_t display_width(std::string_view text);

// Levenshtein distance over bytes: how far a typed name or option is from a known one.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Hex of the xxh3-64 hash of data: stable across runs and machines.
std::string content_hash(std::string_view data);

}  // namespace scio::core

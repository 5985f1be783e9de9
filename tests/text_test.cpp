// core/text: the one UTF-8 decoder and what is built on it (validity, spaces, display width), the
// word and case helpers, edit distance and the content hash.
#include "core/text.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace scio::core;

TEST_CASE("decode_utf8 reads one character and its length, or 0 for bytes that are not UTF-8", "[text]") {
  using Case = std::tuple<std::string, std::size_t, char32_t>;  // text, length, code point
  auto [text, length, expected] = GENERATE(table<std::string, std::size_t, char32_t>({
      Case{"a", 1, U'a'},
      Case{"\u00E9", 2, U'\u00E9'},          // é
      Case{"\u4E2D", 3, U'\u4E2D'},          // 中
      Case{"\U0001F600", 4, U'\U0001F600'},  // an emoji, outside the BMP
      Case{"\xC0\xAF", 0, 0},                // overlong '/'
      Case{"\xE0\x80\xAF", 0, 0},            // overlong, three bytes
      Case{"\xED\xA0\x80", 0, 0},            // a UTF-16 surrogate
      Case{"\xF4\x90\x80\x80", 0, 0},        // beyond U+10FFFF
      Case{"\xE4\xB8", 0, 0},                // truncated
      Case{"\x80", 0, 0},                    // a stray continuation byte
      Case{"\xFF", 0, 0},
  }));
  INFO(text.size() << " bytes");
  char32_t cp = 0;
  CHECK(decode_utf8(text, 0, cp) == length);
  if (length > 0) CHECK(cp == expected);
  // A byte that starts nothing valid still moves a reader on by one.
  CHECK(utf8_length_at(text, 0) == (length == 0 ? 1 : length));
  CHECK(decode_utf8(text, text.size(), cp) == 0);
}

TEST_CASE("decode_utf8 reads from the middle of a text", "[text]") {
  const std::string text = "a\u4E2D\u6587b";
  char32_t cp = 0;
  CHECK(decode_utf8(text, 1, cp) == 3);
  CHECK(cp == U'\u4E2D');
  CHECK(decode_utf8(text, 2, cp) == 0);  // inside a character
  CHECK(is_char_start(text, 1));
  CHECK_FALSE(is_char_start(text, 2));
  CHECK(is_char_start(text, text.size()));
}

TEST_CASE("find_invalid_utf8 names the first bad byte", "[text]") {
  CHECK(find_invalid_utf8("plain \u4E2D\u6587 text") == std::string::npos);
  CHECK(find_invalid_utf8("ok\xC3(") == 2);
  CHECK(find_invalid_utf8("\u4E2D\xE4\xB8") == 3);
}

TEST_CASE("display width: wide and full-width characters take two columns, marks none", "[text]") {
  using Case = std::pair<std::string, std::size_t>;
  auto [text, width] = GENERATE(table<std::string, std::size_t>({
      Case{"", 0},                          // nothing
      Case{"press", 5},                     // ASCII
      Case{"\u5916\u4EA4\u90E8", 6},        // 外交部
      Case{"\u5916\u4EA4\u90E8 says", 11},  // mixed
      Case{"\uFF0C\u3002", 4},              // full-width comma, ideographic full stop
      Case{"\uFF21", 2},                    // full-width Latin A
      Case{"\uAC00", 2},                    // Hangul
      Case{"e\u0301", 1},                   // e + combining acute
      Case{"a\u200Bb", 2},                  // zero-width space is a format character
      Case{"na\u00EFve", 5},                // precomposed ï
      Case{"\xFF", 1},                      // a bad byte shows as one replacement character
  }));
  INFO(text);
  CHECK(display_width(text) == width);
}

TEST_CASE("normalize_space folds every kind of white space and drops control characters", "[text]") {
  CHECK(normalize_space("  a \t\n b  ") == "a b");
  CHECK(normalize_space("a\u00A0\u3000\u200Bb") == "a b");
  CHECK(normalize_space(std::string("a\x01") + "b\x7F") == "ab");
  CHECK(normalize_space(std::string("a\xFF") + "b") == "a\uFFFDb");
  // Runs of plain ASCII next to every other kind of character.
  CHECK(normalize_space(" Mr. Kirby:\u00A0\u201CYes,\u201D  said\t\u4E2D\u56FD ") ==
        "Mr. Kirby: \u201CYes,\u201D said \u4E2D\u56FD");
  CHECK(normalize_space(std::string("ab\x01"
                                    "cd\x7F"
                                    " ef\xC3") +
                        "gh") == "abcd ef\uFFFDgh");
  CHECK(normalize_space("~!") == "~!");
  CHECK(normalize_space(" \t ") == "");
}

TEST_CASE("is_cjk knows Han, kana and Hangul from the first Hangul Jamo up, and nothing below", "[text]") {
  CHECK_FALSE(is_cjk(U'A'));
  CHECK_FALSE(is_cjk(0x10FF));  // Georgian, the last character before Hangul Jamo
  CHECK(is_cjk(0x1100));        // Hangul Jamo
  CHECK(is_cjk(0x3042));        // Hiragana
  CHECK(is_cjk(0x4E2D));        // Han
  CHECK_FALSE(is_cjk(0x2014));  // em dash
  CHECK(has_cjk("Mr. \u4E2D"));
  CHECK_FALSE(has_cjk("Mr. Wang, caf\u00E9"));
}

TEST_CASE("trim, ascii_lower and split_words touch ASCII only", "[text]") {
  CHECK(trim("  a b \n") == "a b");
  CHECK(trim("\u3000a") == "\u3000a");
  CHECK(ascii_lower("Xin GUOBIN \u00C9") == "xin guobin \u00C9");
  CHECK(split_words(" xin\tguobin\n \u8D75\u7ACB\u575A ") ==
        std::vector<std::string>{"xin", "guobin", "\u8D75\u7ACB\u575A"});
  CHECK(split_words("   ").empty());
}

TEST_CASE("edit_distance counts insertions, deletions and substitutions", "[text]") {
  using Case = std::tuple<std::string, std::string, std::size_t>;
  auto [a, b, distance] = GENERATE(table<std::string, std::string, std::size_t>({
      Case{"", "", 0},
      Case{"", "abc", 3},
      Case{"reuters", "reuters", 0},
      Case{"reuter", "reuters", 1},
      Case{"bloomburg", "bloomberg", 1},
      Case{"--sicne", "--since", 2},
      Case{"kitten", "sitting", 3},
  }));
  INFO(a << " / " << b);
  CHECK(edit_distance(a, b) == distance);
  CHECK(edit_distance(b, a) == distance);
}

TEST_CASE("content_hash is stable hex of the bytes", "[text]") {
  const auto hash = content_hash("press conference");
  CHECK(hash.size() == 16);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(hash == content_hash("press conference"));
  CHECK(hash != content_hash("press conferences"));
  CHECK(content_hash("") != content_hash(std::string(1, '\0')));
}

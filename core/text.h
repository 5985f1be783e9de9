// Small UTF-8 text helpers shared by the readers and the searcher.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core {

// Byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
std::size_t find_invalid_utf8(std::string_view text);

// Trims, turns every run of white space (ASCII, NBSP, ideographic space, zero-width) into one
// space, and drops control characters that XML cannot carry.
std::string normalize_space(std::string_view text);

std::string_view trim(std::string_view text);
std::string ascii_lower(std::string_view text);
std::vector<std::string> split_words(std::string_view text);  // on ASCII white space

// Display width of UTF-8 text on a terminal (East Asian wide characters count 2).
std::size_t display_width(std::string_view text);

// Hex of the xxh3-64 hash of data: stable across runs and machines.
std::string content_hash(std::string_view data);

}  // namespace scio::core

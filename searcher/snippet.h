// Snippets: the part of a passage around its best matches (Xapian's MSet::snippet), as plain text
// segments that know which words matched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace scio::searcher {

struct Segment {
  std::string text;
  bool match = false;
  bool operator==(const Segment&) const = default;
};
using Snippet = std::vector<Segment>;

// What MSet::snippet is asked to put around a match: control characters, which passage text
// never holds (the readers drop them), so they cannot be confused with the text.
inline constexpr std::string_view k_match_start = "\x02";
inline constexpr std::string_view k_match_end = "\x03";
// Where the snippet leaves text out, before or after.
inline constexpr std::string_view k_omission = "\u2026";

// Reads MSet::snippet output made with the markers above: its HTML escaping undone, every run of
// white space (paragraph breaks too) one space.
Snippet read_marked(std::string_view marked);

// About length bytes of text around the best matches of the query of mset; when no word of the
// text matched (filters alone, a speaker: or title: field), its opening instead: Xapian's snippet
// of a text without matches is its end.
Snippet make_snippet(const Xapian::MSet& mset, const std::string& text, std::size_t length);

// The matched words of the whole text, each once (compared without case), in text order.
std::vector<std::string> matched_words(const Xapian::MSet& mset, const std::string& text);

// The first length bytes or so of text, white space runs as one space, cut at a space or between
// characters and ended by k_omission when there is more.
std::string opening(std::string_view text, std::size_t length);

std::string plain_text(const Snippet& snippet);

}  // namespace scio::searcher

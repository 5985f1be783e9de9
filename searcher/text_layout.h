// Text on a terminal: display widths, wrapping that holds for CJK text and narrow terminals, and
// colour that never counts towards the width.
#pragma once

#include "searcher/snippet.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scio::searcher {

// ANSI sequences for each kind of emphasis; all empty when colour is off.
struct Palette {
  std::string match;   // matched words
  std::string strong;  // titles, speakers
  std::string faint;   // passage ids
  std::string reset;

  static Palette colour();
  static Palette plain() { return {}; }
  std::string paint(const std::string& style, std::string_view text) const;
};

// Lines of at most width display columns (indent included): breaks at spaces and between wide
// (CJK) characters; a word longer than a line is cut between characters. Matched segments are
// painted, the paint closed at each line end so that it never runs into the indent.
std::vector<std::string> wrap(const Snippet& text, std::size_t width, std::string_view indent, const Palette& palette);
// The same with a hanging indent: the first line starts with first_indent, the others with indent.
std::vector<std::string> wrap(const Snippet& text, std::size_t width, std::string_view first_indent,
                              std::string_view indent, const Palette& palette);

// text cut to at most width display columns, ending in "…" when cut.
std::string fit(std::string_view text, std::size_t width);

// The longest start (head) or end (tail) of text at most width display columns wide, cut between
// characters: the two sides of a concordance line.
std::string_view head_columns(std::string_view text, std::size_t width);
std::string_view tail_columns(std::string_view text, std::size_t width);
// text with spaces added up to width display columns: before it (align_right) or after it.
std::string pad_columns(std::string_view text, std::size_t width, bool align_right);

}  // namespace scio::searcher

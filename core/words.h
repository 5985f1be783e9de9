// The words of passage text as Xapian's TermGenerator reads them: what `kwic` places hits among,
// what `timeline` counts as the words spoken, and what the indexer stores per passage
// (core/schema.h k_slot_words), so that the stored count and the counted one are one definition.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core {

// A word of passage text: a run of word characters with apostrophes (and, between digits, commas
// and points) inside it; each CJK character is one word. term is the word in lower case with its
// apostrophes folded to '.
struct TextWord {
  std::size_t begin = 0;  // bytes of the text
  std::size_t end = 0;
  std::string term;
};
std::vector<TextWord> text_words(std::string_view text);
// How many words text_words finds, without making them: the words spoken of a passage.
std::size_t count_words(std::string_view text);

// The code points Xapian 1.4's CJK n-gram code treats as CJK: each is a word of its own here, as
// each is an n-gram's unit there.
bool is_ngram_cjk(unsigned ch);

}  // namespace scio::core

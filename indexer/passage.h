// Conference -> passages -> Xapian documents: one passage per speaker turn, long turns split.
#pragma once

#include "core/conference.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace scio::indexer {

// A passage holds at most this many bytes of text (about 200 English words), unless one turn
// would need more than core::schema::k_max_parts_per_turn - 1 parts: then that turn's bound grows.
inline constexpr std::size_t k_passage_bytes = 1200;

struct Passage {
  std::string id;  // "<conference id>/<turn>.<part>"
  int turn = 0;    // 1-based over Conference::turns()
  int part = 0;    // 1-based within the turn
  // Speaker fields of the turn (a continued turn has its opener's).
  std::string speaker;
  std::string speaker_key;
  core::SpeakerKind kind = core::SpeakerKind::unknown;
  std::string outlet;
  int page = 1;            // page the passage starts on
  std::vector<int> pages;  // every page the passage draws text from, ascending
  std::string text;        // paragraphs joined by a blank line ("\n\n")

  // The turn's exchange (indexer/exchanges.h).
  std::optional<int> exchange;
};

std::string passage_id(std::string_view conference_id, int turn, int part);

// Splits every turn at paragraph boundaries into passages of at most max_bytes of text; a longer
// paragraph is cut at sentence ends (then at spaces, then between characters), so no passage is
// unbounded. A passage never spans two speakers; turns without text give no passage but keep
// their number.
std::vector<Passage> make_passages(const core::Conference& conference, std::size_t max_bytes = k_passage_bytes);

// Pieces of at most max_bytes, cut at sentence ends where possible (exposed for tests).
std::vector<std::string> split_paragraph(std::string_view paragraph, std::size_t max_bytes);

// The TermGenerator settings of core/schema.h (English stems, CJK n-grams). Spelling data is not
// added here: the writer adds it from the document's terms, so that it can also remove it.
Xapian::TermGenerator passage_term_generator();

// The passage's Xapian document: terms, values and data as core/schema.h lays them out.
Xapian::Document passage_document(const core::Conference& conference, const Passage& passage,
                                  Xapian::TermGenerator& generator);

// The passage text's words that feed "did you mean": unprefixed, at least two bytes, letters only.
bool is_spelling_word(std::string_view term);

}  // namespace scio::indexer

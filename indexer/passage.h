// Conference -> passages: one passage per speaker turn, long turns split; each passage becomes a
// record and a document through core/document.h, which owns their layout.
#pragma once

#include "core/conference.h"
#include "core/document.h"

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
  int page = 1;                 // page the passage starts on
  std::vector<int> pages;       // every page the passage draws text from, ascending
  std::string text;             // paragraphs joined by a blank line ("\n\n")
  std::string lang;             // the language of the whole turn (core::LanguageCounter), "zh" or "en"
  std::string conference_lang;  // the conference's (core::Conference::language)

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

// The passage's stored record (core/passage_record.h): the conference's fields, the speaker's
// role, and the source and URL of the page the passage starts on.
core::PassageRecord passage_record(const core::Conference& conference, const Passage& passage);

// The passage's Xapian document, built by core::passage_document from its record and the sources
// of every page it draws text from; title_terms is `here` for the conference's first passage
// (make_passages' first) and `elsewhere` for the others.
Xapian::Document passage_document(const core::Conference& conference, const Passage& passage,
                                  Xapian::TermGenerator& generator, core::TitleTerms title_terms);

}  // namespace scio::indexer

// The transcript model shared by the indexer and the searcher: a conference, its pages and turns.
#pragma once

#include "core/date.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core {

enum class SpeakerKind { unknown, moderator, official, reporter };

std::string_view to_string(SpeakerKind kind);
std::optional<SpeakerKind> speaker_kind_from_string(std::string_view text);

struct Participant {
  std::string name;  // as written, without the Mr./Ms. honorific
  std::string role;  // title as written, may be empty
  bool operator==(const Participant&) const = default;
};

// The language of a text, "zh" or "en": "zh" when most of its letters are Chinese characters,
// counting a Chinese character as one and a run of other letters (a Latin word) as one, so that
// "Zhao Lijian" weighs as much as "赵立坚" does and an English text never looks Chinese. The one
// definition of a language: conferences, turns and passages are all counted so.
class LanguageCounter {
 public:
  void add(std::string_view text);
  // fallback when the text has no letters at all.
  std::string_view language(std::string_view fallback = "en") const;

 private:
  std::size_t m_cjk = 0;
  std::size_t m_words = 0;
};

struct Turn {
  std::string speaker;      // display name as labelled ("Xin Guobin", "CCTV", "Q")
  std::string speaker_key;  // normalised key ("xin guobin", "cctv", "reporter")
  SpeakerKind kind = SpeakerKind::unknown;
  std::string outlet;  // media outlet, reporters only; empty when unknown
  std::vector<std::string> paragraphs;
  int page = 1;  // page on which the turn starts
  // True for the unlabelled text a page K >= 2 opens with: it runs on from page K-1.
  bool continued = false;
  // The exchange (a question and the answer it got, numbered from 1 in the conference) the turn
  // belongs to; none for opening statements and hand-offs. follows: the exchange a follow-up
  // question's exchange follows. Set by indexer/exchanges (number_exchanges).
  std::optional<int> exchange;
  std::optional<int> follows;
  // True when a rule on the page ("***", "* * *") separates the turn from the one before it: a new
  // part of the conference (the spokesperson's closing remarks), which ends the exchange before it.
  bool after_break = false;
  // The language of the turn's own speech (LanguageCounter); fallback (its conference's
  // language) when it has no letters. Derived like Conference::language().
  std::string_view language(std::string_view fallback) const;
  bool operator==(const Turn&) const = default;
};

struct Page {
  int number = 1;
  std::string source;  // path of the file it was read from
  std::string url;     // canonical URL when the page names one
  std::string hash;    // content hash of the page's speech (xxh3-64, hex)
  std::vector<Turn> turns;
  bool operator==(const Page&) const = default;
};

struct Conference {
  std::string id;
  std::string title;
  std::vector<std::string> urls;
  std::optional<Date> published;
  std::optional<Date> held;
  std::vector<Participant> participants;
  std::vector<Page> pages;  // in page order, one per page number

  // The ordered turns of all pages, with each page's continued text joined to the turn it ends.
  std::vector<Turn> turns() const;
  // The role of a speaker from the participant list, matched by speaker key; empty when unknown.
  std::string role_of(std::string_view speaker_key) const;
  // The language the conference is written in, "zh" or "en": "zh" when most of the letters of its
  // title and speech are Chinese characters (a Chinese page quoting English names stays "zh").
  // Derived from the text, never held in the model: the canonical XML writes it (and each turn's)
  // as an attribute for readers, and checks it on reading.
  std::string_view language() const;

  bool operator==(const Conference&) const = default;
};

}  // namespace scio::core

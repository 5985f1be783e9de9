// A conference's version in the other language (a Chinese original and its English translation),
// found when searching from what is indexed: never stored, so that it is right whichever version
// was indexed first (ARCHITECTURE.md says why).
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace scio::searcher {

// What pairs two versions, read from the passages of one conference.
struct ConferenceFacts {
  std::string id;
  std::string date;      // held (else published) date, YYYYMMDD, as the D terms hold it
  std::string language;  // "zh" or "en" (core::Conference::language of its title and a passage)
  // "briefing" (Regular Press Conference, Daily Briefing Online, 例行记者会) or "remarks"
  // (Remarks, 答记者问) for a Foreign Ministry title; "" for any other (SCIO's).
  std::string form;
  // Read only on a day with conferences of both languages (nothing else can pair):
  std::set<std::string> people;  // officials and moderators, romanised (core::romanised_name)
  int exchanges = 0;             // the highest exchange number: how many there are
};

class Counterparts {
 public:
  explicit Counterparts(const Xapian::Database& db) : m_db(db) {}

  // The counterpart of the conference held (else published) on date (ISO or YYYYMMDD): the one
  // conference of that date in the other language with the same form and a person in common
  // (when both name people), and whose only such conference is this one. None when there is
  // none, or when there are several; then a note (notes()) names them: it is never a guess.
  std::optional<std::string> of(const std::string& conference, const std::string& date);
  // The facts of a conference (nullptr when it has no passage on that date).
  const ConferenceFacts* facts(const std::string& conference, const std::string& date);
  // One line per ambiguity found, each once.
  const std::vector<std::string>& notes() const { return m_notes; }

 private:
  const std::vector<ConferenceFacts>& day(const std::string& date);
  std::vector<const ConferenceFacts*> candidates(const ConferenceFacts& c,
                                                 const std::vector<ConferenceFacts>& day) const;
  void note(const std::string& line);

  const Xapian::Database& m_db;
  std::map<std::string, std::vector<ConferenceFacts>> m_days;
  std::vector<std::string> m_notes;
};

// "Regular Press Conference" and "例行记者会" -> "briefing", "Remarks" and "答记者问" -> "remarks",
// anything else "": the kind of a Foreign Ministry conference, from its title.
std::string conference_form(const std::string& title);

}  // namespace scio::searcher

// Running queries over the passage database: ranked hits, a passage in its context, and the
// speakers and conferences that match.
#pragma once

#include "core/aliases.h"
#include "core/result.h"
#include "searcher/database.h"
#include "searcher/query_builder.h"
#include "searcher/snippet.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace scio::searcher {

enum class Sort { relevance, newest, oldest };

struct SearchRequest {
  std::string text;  // QueryParser syntax; may be empty when filters are given
  Filters filters;
  Sort sort = Sort::relevance;
  bool match_any = false;       // words are alternatives instead of all required
  unsigned per_conference = 0;  // at most this many hits per conference; 0: no limit
  unsigned limit = 10;
  unsigned offset = 0;
  bool exact = false;  // count every match instead of estimating the total
  std::size_t snippet_bytes = 240;
};

struct Hit {
  unsigned rank = 0;  // 1-based over the whole result list, paging included
  double score = 0;   // BM25 weight
  PassageRecord passage;
  Snippet snippet;
  std::vector<std::string> highlights;  // matched words of the whole passage
  // The conference's version in the other language (searcher/counterpart.h), when one is indexed.
  std::optional<std::string> counterpart;
};

struct Suggestion {
  std::string query;             // the spelling-corrected query text
  Xapian::doccount matches = 0;  // its estimated number of matches
};

struct SearchResults {
  std::vector<Hit> hits;
  Xapian::doccount total = 0;  // matches (after --per-conference), estimated unless total_exact
  bool total_exact = false;
  std::optional<Suggestion> suggestion;  // when the query found little and a correction finds more
  bool no_spelling = false;              // it found little, but a remote database cannot suggest
  std::vector<std::string> notes;        // one line each, shown with the hits (BuiltQuery::notes)
};

// A passage (or a turn) with the turns around it, or a whole conference, in transcript order.
struct PassageContext {
  std::string target;                // the id asked for: a passage, a turn or a conference
  std::vector<std::string> targets;  // the passages it names
  std::vector<PassageRecord> passages;
  bool whole = false;  // the id is a conference's: every passage of it
  bool is_target(const PassageRecord& p) const {
    return std::find(targets.begin(), targets.end(), p.passage) != targets.end();
  }
};

struct SpeakerRow {
  std::string key;
  std::string name;  // as written in one of the passages
  std::string kind;  // the kind most of the passages give
  std::size_t passages = 0;
  std::string first;  // held dates (ISO) of the first and the last passage
  std::string last;
};

// A listing's rows and the notes of the query that made them (BuiltQuery::notes).
template <typename Row>
struct Listing {
  std::vector<Row> rows;
  std::vector<std::string> notes;
};

struct ConferenceRow {
  std::string id;
  std::string title;
  std::string held;       // ISO, "" when unknown
  std::string published;  // ISO, "" when unknown
  std::size_t passages = 0;
  std::string lang;                        // the conference's language, "zh" or "en"
  std::optional<std::string> counterpart;  // the version in the other language (searcher/counterpart.h)
};

class Searcher {
 public:
  // aliases: names that mean the same speaker or outlet (core/aliases.h); a problem with them
  // (a bad line in the user's file) is a note on every result.
  explicit Searcher(OpenedDatabase db, core::Aliases aliases = core::Aliases::shipped());

  // A bad query, date or name gives an error value; the database failing throws DatabaseError.
  core::Result<SearchResults> search(const SearchRequest& request);
  // The passage (CONFERENCE/TURN.PART) or turn (CONFERENCE/TURN) and the turns (not passages)
  // before and after it; a conference id gives the whole conference.
  core::Result<PassageContext> context(const std::string& id, unsigned turns);
  // Speakers of the passages matching text and filters (every passage when both are empty), most
  // passages first; keys of one alias group are one row, under the group's key and name.
  core::Result<Listing<SpeakerRow>> speakers(const std::string& text, const Filters& filters);
  // Conferences with matching passages, newest first.
  core::Result<Listing<ConferenceRow>> conferences(const std::string& text, const Filters& filters);
  // Each row's counterpart, for the rows shown only (a day's passages are read for each date); an
  // ambiguity is a note.
  void link_counterparts(Listing<ConferenceRow>& listing);

  const OpenedDatabase& database() const { return m_db; }
  // For the commands of other files (searcher/exchanges): the database, read with read_with_retry.
  OpenedDatabase& opened() { return m_db; }
  const core::Aliases& aliases() const { return m_aliases; }

 private:
  core::Result<SearchResults> run_search(const SearchRequest& request);
  core::Result<Xapian::MSet> all_matches(const std::string& text, const Filters& filters,
                                         std::vector<std::string>& notes);
  std::vector<std::string> notes_of(const std::vector<std::string>& query_notes) const;
  OpenedDatabase m_db;
  core::Aliases m_aliases;
};

}  // namespace scio::searcher

// Query text and filter options -> one Xapian::Query, parsed the way scio-index indexes passages.
#pragma once

#include "core/aliases.h"
#include "core/result.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace scio::searcher {

// The filters every command shares. Values of one option are alternatives (OR); different
// options all apply (AND).
struct Filters {
  std::vector<std::string> speakers;
  std::vector<std::string> kinds;  // moderator, official, reporter, unknown
  std::vector<std::string> outlets;
  std::string since;  // held date from, inclusive: YYYY, YYYY-MM or YYYY-MM-DD
  std::string until;  // held date to, inclusive
  std::vector<std::string> conferences;
  std::vector<std::string> langs;  // zh, en: the language of the passage's turn

  bool empty() const;
};

struct BuiltQuery {
  Xapian::Query query;  // the words, filtered; MatchAll filtered when there are no words
  Xapian::Query words;  // the words alone (MatchAll when there are none)
  // One line each: where the query that runs is not exactly what was typed (a name that means
  // several speakers, a result known to be partial). Shown with the results, never dropped.
  std::vector<std::string> notes;
};

// The fields of the query language, as written before the colon.
inline constexpr std::string_view k_query_fields = "speaker:, title:, outlet:, kind:, date:, lang:";

// Bounds on one query's text. Parsing and matching cost grows faster than the text (thousands of
// ORs; each wildcard expands to up to 2,000 terms), so an unbounded query could keep scio-search
// busy for minutes and take gigabytes. A pasted passage (about 1,200 bytes) still fits.
inline constexpr std::size_t k_max_query_bytes = 2048;
inline constexpr std::size_t k_max_wildcards = 16;

// The window of a phrase or NEAR query (a "phrase" has its length, a ADJ b 11); nothing for any
// other query.
std::optional<Xapian::termcount> positional_window(const Xapian::Query& query);

// The first word:value in text (outside quotes) whose field is not one of k_query_fields, with
// the message for it; nothing when every field is known. QueryParser would silently search such
// a word as text.
std::optional<std::string> unknown_field(std::string_view text);

class QueryBuilder {
 public:
  // db and aliases must outlive the builder. spelling: ask for corrections (a remote database has
  // no spelling data). match_any: words are alternatives (OR) instead of all required (AND).
  // aliases: names that mean the same speaker or outlet (core/aliases.h).
  QueryBuilder(const Xapian::Database& db, bool spelling, bool match_any,
               const core::Aliases& aliases = core::Aliases::shipped());
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  core::Result<BuiltQuery> build(std::string_view text, const Filters& filters);
  // The spelling-corrected query text, "" when there is nothing to correct (or no spelling data).
  // Apart from build: Xapian's spelling lookups cost more than the search itself (a quarter of
  // the time of a typical query), and only a query that found little needs them.
  std::string correction(std::string_view text);
  // The filters alone (MatchAll when there are none); notes about how names were taken go to notes.
  core::Result<Xapian::Query> filter(const Filters& filters, std::vector<std::string>& notes);

 private:
  struct Fields;
  // With --outlet: how many questions the other filters and the words find that name no outlet at
  // all (a "Q:" label), which --outlet cannot attribute; a note when there are any.
  std::optional<std::string> unattributed_questions(const Xapian::Query& words, const Filters& filters);

  const Xapian::Database& m_db;
  const core::Aliases& m_aliases;
  bool m_spelling;
  std::unique_ptr<Fields> m_fields;  // declared before the parser, which refers to them
  Xapian::QueryParser m_parser;
};

}  // namespace scio::searcher

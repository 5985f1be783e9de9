// The scio-search commands: the options main parses into, and what each command does with them.
#pragma once

#include "searcher/kwic.h"
#include "searcher/output.h"
#include "searcher/query_builder.h"
#include "searcher/searcher.h"
#include "searcher/timeline.h"

#include <ostream>
#include <string>
#include <vector>

namespace scio::searcher {

// Exit codes (documented in scio-search --help).
inline constexpr int k_exit_found = 0;     // something was found (or listed)
inline constexpr int k_exit_nothing = 1;   // the query ran and found nothing (or no such passage)
inline constexpr int k_exit_usage = 2;     // bad options, query, field, date or name
inline constexpr int k_exit_database = 3;  // the database is missing, unreadable, damaged or unreachable
inline constexpr int k_exit_internal = 4;  // a bug: an exception scio-search did not mean to throw

// What a command ends with. A non-empty error is printed by main, the one place that prints them.
struct Outcome {
  int exit_code = k_exit_found;
  std::string error;
};

struct CommonOptions {
  std::vector<std::string> db;  // folders, stub files or tcp:HOST:PORT; empty: the default database
  Format format = Format::text;
  ColorMode color = ColorMode::automatic;
  bool bom = false;       // CSV only: a UTF-8 byte-order mark first, for spreadsheets
  bool no_pager = false;  // text on a terminal goes through a pager (searcher/pager.h) unless set
};

struct SearchOptions {
  CommonOptions common;
  std::vector<std::string> words;
  Filters filters;
  Sort sort = Sort::relevance;
  bool any = false;
  unsigned per_conference = 0;
  unsigned limit = 10;
  unsigned offset = 0;
  bool exact = false;
};

struct ShowOptions {
  CommonOptions common;
  std::string id;  // a passage (CONFERENCE/TURN.PART), a turn (CONFERENCE/TURN) or a conference
  unsigned context = 1;
  bool context_given = false;
  // The counterpart's (searcher/counterpart.h) version instead: the same exchange by order when
  // both versions have as many, else the whole counterpart, with a note saying why.
  bool other_language = false;
};

struct ListOptions {
  CommonOptions common;
  std::vector<std::string> words;
  Filters filters;
  // relevance: most matching passages first; newest: latest (last) held date first; oldest:
  // earliest (first) held date first. Unless given: speakers by relevance, conferences newest first.
  Sort sort = Sort::relevance;
  bool sort_given = false;
  unsigned limit = 0;  // rows to show, 0: the count only; all unless limit_given
  bool limit_given = false;
  unsigned offset = 0;
};

struct TimelineOptions {
  CommonOptions common;
  std::vector<std::string> words;
  Filters filters;
  Period by = Period::automatic;
  Split split = Split::none;
  unsigned top = 5;
  bool per_million = false;
  std::string plot;  // FILE.svg or FILE.png, "" for none
};

struct KwicOptions {
  CommonOptions common;
  std::vector<std::string> words;
  Filters filters;
  KwicSort sort = KwicSort::date;
  unsigned limit = 25;
  unsigned offset = 0;
  std::size_t width = 0;  // context each side; 0: fit the terminal (text), 60 characters (tsv, csv, json)
};

// Each opens the database (throwing DatabaseError when it cannot be used), runs, and writes its
// results to out and notes to err.
// The database of --db (else $SCIO_DB, else the default) with the aliases; throws DatabaseError.
Searcher open_searcher(const CommonOptions& options);

Outcome run_search(const SearchOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err);
Outcome run_show(const ShowOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err);
Outcome run_speakers(const ListOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err);
Outcome run_conferences(const ListOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err);
// unicode: bars of Unicode eighths, else ASCII (utf8_locale()).
Outcome run_timeline(const TimelineOptions& options, const Terminal& terminal, bool unicode, std::ostream& out,
                     std::ostream& err);
Outcome run_kwic(const KwicOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err);

}  // namespace scio::searcher

// How often a query's words or phrase were said, period by period: exact counts of passages,
// conferences and occurrences, and the words spoken under the same filters, drawn as bars in the
// terminal, written as CSV or JSON, or plotted by gnuplot.
#pragma once

#include "core/aliases.h"
#include "core/result.h"
#include "searcher/database.h"
#include "searcher/output.h"
#include "searcher/query_builder.h"

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace scio::searcher {

enum class Period { automatic, year, quarter, month, week, day };
enum class Split { none, speaker, outlet, kind, conference };

struct TimelineRequest {
  std::string text;
  Filters filters;
  Period by = Period::automatic;  // automatic: the finest period giving at most k_max_periods bars
  Split split = Split::none;
  unsigned top = 5;  // with a split: series of their own, the rest is "other"
};

inline constexpr std::size_t k_max_periods = 60;

struct TimelineRow {
  std::string period;  // 2023, 2023-Q1, 2023-01, 2023-W05 (ISO week), 2023-01-05
  std::string start;   // ISO, first and last day of the period
  std::string end;
  std::string series;  // "" without a split
  std::size_t passages = 0;
  std::size_t conferences = 0;
  std::size_t occurrences = 0;
  std::size_t words = 0;  // spoken in the period (by the series), under the same filters
  double per_million() const {
    return words == 0 ? 0.0 : static_cast<double>(occurrences) * 1e6 / static_cast<double>(words);
  }
};

struct Timeline {
  Period by = Period::month;
  std::string query;                // as typed, in quotes (for headings)
  std::vector<std::string> series;  // legend order, "other" last; empty without a split
  std::vector<TimelineRow> rows;    // every period from the first to the last, empty ones too; series within
  // Totals over every matching passage, the undated ones included (they agree with search --exact).
  std::size_t passages = 0;
  std::size_t conferences = 0;
  std::size_t occurrences = 0;
  std::size_t undated = 0;  // matching passages without a date: in the totals, in no period
  std::vector<std::string> notes;
};

// The name of a period unit ("month").
std::string period_name(Period by);

// Counts every passage the query and filters match (as search --exact and speakers do) and every
// passage the filters alone match (the words spoken). A bad query is an error value; the database
// failing throws DatabaseError.
core::Result<Timeline> timeline(OpenedDatabase& db, const core::Aliases& aliases, const TimelineRequest& request);

// Whether this process's locale (LC_ALL, LC_CTYPE, LANG) writes UTF-8: else bars are ASCII.
bool utf8_locale();

// Text: a bar per period (Unicode eighths, or ASCII), labelled, the value at its end; a split
// stacks its series, with a legend. csv and json: one row per period (and series).
void write_timeline(const Timeline& timeline, Format format, bool per_million, bool unicode, const Terminal& terminal,
                    std::ostream& out, std::ostream& err);

// The chart as an image (FILE.svg or FILE.png) drawn by gnuplot. An error message, or "" when written.
std::string plot_timeline(const Timeline& timeline, bool per_million, const std::string& path);

}  // namespace scio::searcher

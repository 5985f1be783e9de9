// Held-date ranges from the command line and the date: field: whole years, months or days.
#pragma once

#include "core/result.h"

#include <string>
#include <string_view>
#include <xapian.h>

namespace scio::searcher {

// Inclusive bounds in the held slot's YYYYMMDD form; an empty bound is open.
struct DateRange {
  std::string from;
  std::string to;

  // The filter on the held date; MatchAll when both ends are open. It matches what a value range
  // on core::schema::k_slot_held would, but is made of Y, M and D terms, the largest that fit (a
  // year, a month, a day): a value range reads the slot of every document, a term only its own
  // postings (bench/RESULTS.md). Open ends stop at db's first and last held dates.
  Xapian::Query query(const Xapian::Database& db) const;
  bool operator==(const DateRange&) const = default;
};

// The first and the last day of a period written YYYY, YYYY-MM or YYYY-MM-DD (also YYYYMMDD):
// "2023" -> 20230101 / 20231231, "2024-02" -> 20240201 / 20240229.
core::Result<std::string> period_start(std::string_view text);
core::Result<std::string> period_end(std::string_view text);

// "A..B", "A..", "..B" or a single period "A" (the whole of it); A and B are periods as above.
core::Result<DateRange> parse_date_range(std::string_view text);

// One range from --since and --until (either may be empty); fails when since comes after until.
core::Result<DateRange> since_until(std::string_view since, std::string_view until);

}  // namespace scio::searcher

#include "searcher/date_range.h"

#include "core/date.h"
#include "core/schema.h"
#include "core/text.h"

#include <charconv>

namespace scio::searcher {
namespace {

namespace schema = core::schema;

std::string invalid(std::string_view text) {
  return "invalid date \"" + std::string(text) + "\" (use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2023-05-17)";
}

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view s) {
  int n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

enum class End { start, finish };

core::Result<std::string> period_bound(std::string_view raw, End end) {
  const auto text = core::trim(raw);
  if (text.size() == 4 && digits(text)) {
    // The year must be one make_date accepts, so that a year range never reaches odd values.
    if (!core::make_date(number(text), 1, 1)) return core::Error{invalid(raw)};
    return std::string(text) + (end == End::start ? "0101" : "1231");
  }
  if (text.size() == 7 && text[4] == '-' && digits(text.substr(0, 4)) && digits(text.substr(5))) {
    const int year = number(text.substr(0, 4));
    const int month = number(text.substr(5));
    if (!core::make_date(year, month, 1)) return core::Error{invalid(raw)};
    if (end == End::start) return core::make_date(year, month, 1)->compact();
    for (int day = 31; day >= 28; --day)
      if (auto last = core::make_date(year, month, day)) return last->compact();
    return core::Error{invalid(raw)};
  }
  if (auto date = core::parse_iso_date(text)) return date->compact();
  return core::Error{invalid(raw)};
}

}  // namespace

Xapian::Query DateRange::query() const {
  const auto slot = schema::k_slot_held;
  if (!from.empty() && !to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, from, to);
  if (!from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, from);
  if (!to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, to);
  return Xapian::Query::MatchAll;
}

core::Result<std::string> period_start(std::string_view text) { return period_bound(text, End::start); }
core::Result<std::string> period_end(std::string_view text) { return period_bound(text, End::finish); }

core::Result<DateRange> parse_date_range(std::string_view text) {
  const auto dots = text.find("..");
  const auto first = dots == std::string_view::npos ? text : text.substr(0, dots);
  const auto last = dots == std::string_view::npos ? text : text.substr(dots + 2);
  if (core::trim(first).empty() && core::trim(last).empty())
    return core::Error{"empty date range \"" + std::string(text) + "\" (write e.g. 2023..2024, 2023-05.., ..2022-12-31)"};
  DateRange range;
  if (!core::trim(first).empty()) {
    auto from = period_start(first);
    if (!from) return core::Error{from.error()};
    range.from = *from;
  }
  if (!core::trim(last).empty()) {
    auto to = period_end(last);
    if (!to) return core::Error{to.error()};
    range.to = *to;
  }
  if (!range.from.empty() && !range.to.empty() && range.from > range.to)
    return core::Error{"date range \"" + std::string(text) + "\" ends before it starts"};
  return range;
}

core::Result<DateRange> since_until(std::string_view since, std::string_view until) {
  DateRange range;
  if (!since.empty()) {
    auto from = period_start(since);
    if (!from) return core::Error{"--since: " + from.error()};
    range.from = *from;
  }
  if (!until.empty()) {
    auto to = period_end(until);
    if (!to) return core::Error{"--until: " + to.error()};
    range.to = *to;
  }
  if (!range.from.empty() && !range.to.empty() && range.from > range.to)
    return core::Error{"--since " + std::string(since) + " is after --until " + std::string(until)};
  return range;
}

}  // namespace scio::searcher

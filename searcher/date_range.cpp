#include "searcher/date_range.h"

#include "core/date.h"
#include "core/document.h"
#include "core/schema.h"
#include "core/text.h"

#include <algorithm>
#include <charconv>
#include <vector>

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

int last_day(int year, int month) {
  for (int day = 31; day > 28; --day)
    if (core::make_date(year, month, day)) return day;
  return 28;
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
    return core::make_date(year, month, end == End::start ? 1 : last_day(year, month))->compact();
  }
  if (auto date = core::parse_iso_date(text)) return date->compact();
  return core::Error{invalid(raw)};
}

}  // namespace

Xapian::Query DateRange::query(const Xapian::Database& db) const {
  const auto slot = schema::k_slot_held;
  if (from.empty() && to.empty()) return Xapian::Query::MatchAll;
  // Held values lie between the slot's bounds, so the range may be cut to them: that bounds the
  // terms below by the days the database spans, whatever the range asked.
  const std::string first = db.get_value_lower_bound(slot);
  const std::string last = db.get_value_upper_bound(slot);
  const std::string lo = std::max(from, first);
  const std::string hi = to.empty() ? last : std::min(to, last);
  if (first.empty() || lo > hi) return Xapian::Query::MatchNothing;
  const auto start = core::parse_iso_date(lo);
  const auto end = core::parse_iso_date(hi);
  // Only a damaged slot gets here; the value range is slow but right.
  if (!start || !end) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);

  // Walk from start to end a year, a month or a day at a time, the largest that fits.
  std::vector<Xapian::Query> terms;
  auto next_month = [](core::Date d) {
    return d.month == 12 ? core::Date{d.year + 1, 1, 1} : core::Date{d.year, d.month + 1, 1};
  };
  for (auto date = *start; date <= *end;) {
    const auto day = date.compact();
    const core::Date month_end{date.year, date.month, last_day(date.year, date.month)};
    if (date.month == 1 && date.day == 1 && core::Date{date.year, 12, 31} <= *end) {
      terms.emplace_back(core::term(schema::k_prefix_year, day.substr(0, 4)));
      date = core::Date{date.year + 1, 1, 1};
    } else if (date.day == 1 && month_end <= *end) {
      terms.emplace_back(core::term(schema::k_prefix_month, day.substr(0, 6)));
      date = next_month(date);
    } else {
      terms.emplace_back(core::term(schema::k_prefix_day, day));
      date = date == month_end ? next_month(date) : core::Date{date.year, date.month, date.day + 1};
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

core::Result<std::string> period_start(std::string_view text) { return period_bound(text, End::start); }
core::Result<std::string> period_end(std::string_view text) { return period_bound(text, End::finish); }

core::Result<DateRange> parse_date_range(std::string_view text) {
  const auto dots = text.find("..");
  const auto first = dots == std::string_view::npos ? text : text.substr(0, dots);
  const auto last = dots == std::string_view::npos ? text : text.substr(dots + 2);
  if (core::trim(first).empty() && core::trim(last).empty())
    return core::Error{"empty date range \"" + std::string(text) +
                       "\" (write e.g. 2023..2024, 2023-05.., ..2022-12-31)"};
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

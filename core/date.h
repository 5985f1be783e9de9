// Calendar dates as they appear on transcript pages, parsed into one comparable value.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace scio::core {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  std::string iso() const;      // 2024-01-19
  std::string compact() const;  // 20240119, the sortable value-slot form
  auto operator<=>(const Date&) const = default;
};

// A valid calendar date (1900..2100, real month lengths), or nothing.
std::optional<Date> make_date(int year, int month, int day);

// The first date found anywhere in text: "Jan. 19, 2024", "Sept. 3, 2019", "February 1, 2024",
// "10 a.m. April 18, 2022", "June11, 2018", "19 January 2024", "2024-01-19", "2024/1/19",
// "2020年2月3日". Dates without a year are not dates.
std::optional<Date> find_date(std::string_view text);

// A month and day without a year ("on September 10"), for titles that lack the year; the year is
// taken from reference: the latest such date not after it.
std::optional<Date> find_date_before(std::string_view text, const Date& reference);

// True when text is a date and nothing more than a time of day, weekday or
// punctuation: the "held" line of a transcript.
bool is_date_line(std::string_view text);

// True when text also carries a time of day ("10 a.m.", "4:49 P.M.", "15:00").
bool has_time_of_day(std::string_view text);

// Strict ISO form YYYY-MM-DD (also YYYYMMDD), for command-line options and stored values.
std::optional<Date> parse_iso_date(std::string_view text);

}  // namespace scio::core

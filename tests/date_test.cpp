// Dates in every form seen on real pages, and the held-date line test.
#include "core/date.h"

#include <catch2/catch.hpp>

using scio::core::find_date;
using scio::core::is_date_line;

TEST_CASE("find_date reads every real form", "[date]") {
  auto [text, iso] = GENERATE(table<const char*, const char*>({
      {"Jan. 19, 2024", "2024-01-19"},
      {"Sept. 3, 2019", "2019-09-03"},
      {"February 1, 2024", "2024-02-01"},
      {"10 a.m. April 18, 2022", "2022-04-18"},
      {"Beijing | 10 a.m. April 18, 2022", "2022-04-18"},
      {"June11, 2018", "2018-06-11"},
      {"2024-01-19", "2024-01-19"},
      {"2020年2月3日", "2020-02-03"},
      // An ideographic space (U+3000) is white space: the patterns count characters, not bytes.
      {"2024年\u30001月19日", "2024-01-19"},
      {"时间：2024年 1月 19日", "2024-01-19"},
      {"China SCIO丨Updated: January 22, 2018", "2018-01-22"},
      {"China.org.cn | February 1, 2024", "2024-02-01"},
      {"China SCIOUpdated: May 22, 2020", "2020-05-22"},
      {"China.org.cn, May 26, 2015", "2015-05-26"},
      {"Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on November 29, 2018", "2018-11-29"},
      {"19 January 2024", "2024-01-19"},
      {"Dec 31st, 1999", "1999-12-31"},
  }));
  CAPTURE(text);
  auto d = find_date(text);
  REQUIRE(d);
  CHECK(d->iso() == iso);
}

TEST_CASE("find_date refuses what is not a date", "[date]") {
  auto text = GENERATE("", "in 2023", "Feb. 30, 2024", "May 2024", "2024-13-01", "version 1.2.3",
                       "grew by 4.6% year on year", "1  2  3  4  5  >");
  CAPTURE(text);
  CHECK_FALSE(find_date(text));
}

TEST_CASE("is_date_line tells a held-date line from a dateline", "[date]") {
  CHECK(is_date_line("Jan. 19, 2024"));
  CHECK(is_date_line("  July 27, 2023 "));
  CHECK(is_date_line("10 a.m. April 18, 2022"));
  CHECK(is_date_line("2021年1月4日"));
  CHECK(is_date_line("Thursday, August 4, 2016"));
  CHECK_FALSE(is_date_line("China.org.cn | February 1, 2024"));
  CHECK_FALSE(is_date_line("Beijing | 10 a.m. April 18, 2022"));
  CHECK_FALSE(is_date_line("The meeting on Jan. 19, 2024 was fruitful."));
}

TEST_CASE("iso and compact forms, strict ISO parsing", "[date]") {
  auto d = scio::core::make_date(2024, 2, 29);
  REQUIRE(d);
  CHECK(d->iso() == "2024-02-29");
  CHECK(d->compact() == "20240229");
  CHECK_FALSE(scio::core::make_date(2023, 2, 29));
  CHECK(scio::core::parse_iso_date("2024-01-19") == scio::core::make_date(2024, 1, 19));
  CHECK(scio::core::parse_iso_date("20240119") == scio::core::make_date(2024, 1, 19));
  CHECK_FALSE(scio::core::parse_iso_date("2024-1-19"));
  CHECK_FALSE(scio::core::parse_iso_date("Jan. 19, 2024"));
}

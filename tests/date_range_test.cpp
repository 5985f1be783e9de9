// Date ranges (searcher/date_range): partial dates as whole periods, the forms refused, and the
// year, month and day terms against a value range on the held slot.
#include "core/date.h"
#include "core/schema.h"
#include "searcher/date_range.h"
#include "search_fixture.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <tuple>

using namespace scio::searcher;
using namespace scio::test;
namespace schema = scio::core::schema;

TEST_CASE("date ranges expand partial dates to whole periods, inclusive", "[date_range]") {
  using Case = std::tuple<std::string, std::string, std::string>;
  auto [text, from, to] = GENERATE(table<std::string, std::string, std::string>({
      Case{"2023", "20230101", "20231231"},
      Case{"2023..2024", "20230101", "20241231"},
      Case{"2023-05..2023-06", "20230501", "20230630"},
      Case{"2024-02", "20240201", "20240229"},
      Case{"2023-02", "20230201", "20230228"},
      Case{"2023-01-01..2023-12-31", "20230101", "20231231"},
      Case{"..2023", "", "20231231"},
      Case{"2024..", "20240101", ""},
      Case{"20230517", "20230517", "20230517"},
  }));
  auto range = parse_date_range(text);
  INFO(text);
  REQUIRE(range);
  CHECK(range->from == from);
  CHECK(range->to == to);
}

TEST_CASE("invalid dates are refused with the form to use", "[date_range]") {
  auto text = GENERATE(as<std::string>{}, "2023-13", "2023-02-30", "abc", "..", "2024..2023", "20230230", "23",
                       "2023-5", "1800");
  auto range = parse_date_range(text);
  INFO(text);
  REQUIRE_FALSE(range);
  CHECK_FALSE(range.error().empty());
  CHECK_FALSE(since_until("2024", "2023"));
  CHECK(since_until("2023-12-31", "2023-12-31"));
}

TEST_CASE("a date range made of year, month and day terms matches what a value range on the held slot matches",
          "[date_range]") {
  // One passage every other day from 2019-11-20 to 2021-03-10, dated as the indexer dates them.
  TempDir dir;
  std::vector<Row> rows;
  for (int y = 2019; y <= 2021; ++y)
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= 31; d += 2) {
        auto date = scio::core::make_date(y, m, d);
        const auto c = date ? date->compact() : std::string();
        if (c.empty() || c < "20191120" || c > "20210310") continue;
        const auto iso = c.substr(0, 4) + "-" + c.substr(4, 2) + "-" + c.substr(6);
        rows.push_back({"c-" + c, "Briefing", iso, iso, 1, 1, "Zhao Lijian", "official", "", "", "words"});
      }
  build_database(dir.path() / "db", rows);
  Xapian::Database db((dir.path() / "db").string());
  auto matched = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::set<Xapian::docid> out;
    for (auto m : enquire.get_mset(0, db.get_doccount())) out.insert(m);
    return out;
  };
  const auto text = GENERATE(as<std::string>{}, "2020", "2019..2021", "2020-02", "2020-02-28..2020-03-01",
                             "2019-12-31..2020-01-01", "2019-11-21..2021-03-09", "2019-12..2020-01", "..2020-06-15",
                             "2020-06-15..", "1999..2019-12-05", "2021-03-10..2030", "2020-05-07", "2020-05-08",
                             "2022..", "..2018", "2020-01-02..2020-12-31", "2020-01-01..2020-12-30");
  INFO(text);
  auto range = parse_date_range(text);
  REQUIRE(range);
  const auto lo = range->from.empty() ? std::string("0") : range->from;
  const auto hi = range->to.empty() ? std::string("9") : range->to;
  const auto expected = matched(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::k_slot_held, lo, hi));
  CHECK(matched(range->query(db)) == expected);
  // The mechanism, not only the outcome: terms alone, no slot to read; a whole year is one term.
  const auto description = range->query(db).get_description();
  CHECK(description.find("VALUE") == std::string::npos);
  if (text == "2020") CHECK(description == "Query(Y2020)");
  if (text == "2020-02-28..2020-03-01") CHECK(description == "Query((D20200228 OR D20200229 OR D20200301))");
}

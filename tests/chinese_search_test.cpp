// Chinese and English in one database, searched by the real scio-search: one person in both
// languages (--speaker, speaker:, speakers), --lang and lang:, and traditional characters that find
// simplified text and the reverse. Pages in tests/data/zh-both (README.txt there).
#include "test_support.h"

#include <catch2/catch.hpp>

#include <set>

using scio::test::json_lines;
using scio::test::run;

namespace {

std::vector<std::string> search(const std::vector<std::string>& args) {
  std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", scio::test::indexed_database("zh-both"), "--no-pager"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return {r.out, r.err};
}

std::set<std::string> field_values(const std::string& out, const char* field) {
  std::set<std::string> values;
  for (const auto& j : json_lines(out)) values.insert(j.at(field).get<std::string>());
  return values;
}

}  // namespace

TEST_CASE("a Chinese name and its English form are one speaker", "[chinese][names]") {
  for (const char* name : {"Geng Shuang", "耿爽", "geng shuang", "Mr. Geng Shuang"}) {
    INFO(name);
    const auto found = search({"--format", "json", "-n", "1000", "--speaker", name});
    CHECK(field_values(found[0], "lang") == std::set<std::string>{"en", "zh"});
    CHECK(field_values(found[0], "speaker_key") == std::set<std::string>{"geng shuang"});
    CHECK(found[1].empty());  // the same question: no note
  }
  // speaker: too, in characters or letters.
  for (const char* query : {"speaker:耿爽", "speaker:\"Geng Shuang\"", "speaker:geng"}) {
    INFO(query);
    CHECK(field_values(search({"--format", "json", "-n", "1000", query})[0], "lang") ==
          std::set<std::string>{"en", "zh"});
  }
  // speakers: one row holding both.
  const auto rows = json_lines(search({"speakers", "--kind", "official", "--format", "json"})[0]);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["speaker_key"] == "geng shuang");
  CHECK(rows[0]["speaker"] == "Geng Shuang (耿爽)");
}

TEST_CASE("lang: and --lang take the passages of one language", "[chinese][lang]") {
  const auto zh = json_lines(search({"--format", "json", "-n", "1000", "--lang", "zh"})[0]);
  const auto en = json_lines(search({"--format", "json", "-n", "1000", "lang:en"})[0]);
  REQUIRE_FALSE(zh.empty());
  REQUIRE_FALSE(en.empty());
  for (const auto& j : zh) CHECK(j["conference"] == "t1760304");
  for (const auto& j : en) CHECK(j["conference"] == "t1760477");
  const auto conferences = json_lines(search({"conferences", "--lang", "en", "--format", "json"})[0]);
  REQUIRE(conferences.size() == 1);
  CHECK(conferences[0]["lang"] == "en");
  auto bad = run({SCIO_SEARCH_BIN, "--db", scio::test::indexed_database("zh-both"), "x lang:fr"});
  CHECK(bad.exit_code != 0);
  CHECK(bad.err == "scio-search: error: lang:fr: unknown language \"fr\" (zh or en)\n");
}

TEST_CASE("traditional characters find simplified text and the reverse", "[chinese][opencc]") {
  scio::test::TempDir dir;
  auto conference = [](const char* id, const char* text) {
    return std::string(R"(<conference version="1" id=")") + id +
           R"("><title>記者會</title><held>2020-01-02</held><participants/><page number="1" source=")" + id +
           R"(" hash=")" + id + R"("><turn speaker="耿爽" key="geng shuang" kind="official"><p>)" + text +
           "</p></turn></page></conference>";
  };
  scio::test::write_file(dir / "both.xml", std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") +
                                               R"(<conferences xmlns="urn:scio:canonical:1">)" +
                                               conference("trad", "關於臺灣問題，我們的立場是明確的。") +
                                               conference("simp", "关于台湾问题，我们的立场是明确的。") +
                                               "</conferences>");
  const std::string db = (dir / "db").string();
  auto indexed = run({SCIO_INDEX_BIN, "-q", "--db", db, (dir / "both.xml").string()});
  REQUIRE(indexed.exit_code == 0);
  for (const char* query : {"臺灣問題", "台湾问题", "臺灣 question OR 問題"}) {
    INFO(query);
    auto r = run({SCIO_SEARCH_BIN, "--db", db, "--format", "json", query});
    REQUIRE(r.exit_code == 0);
    CHECK(field_values(r.out, "conference") == std::set<std::string>{"simp", "trad"});
    CHECK(r.err.empty());  // a change of script is the same question: no note
  }
  // The stored text stays as published.
  auto shown = run({SCIO_SEARCH_BIN, "--db", db, "--format", "json", "--conference", "trad"});
  CHECK(shown.out.find("關於臺灣問題") != std::string::npos);
}

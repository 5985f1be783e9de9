// Names that mean several people, outlets under several names, follow-up questions and questions
// that name no outlet: scio-search over real pages (tests/data/names, sources in its README), and
// the alias table (core/aliases.h).
#include "core/aliases.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace {

using scio::test::run;
using scio::test::RunResult;
using scio::test::TempDir;

const std::string& database() { return scio::test::indexed_database("names"); }

// scio-search with no user alias file (HOME and XDG_CONFIG_HOME point nowhere) unless env names one.
RunResult search(std::vector<std::string> args, std::vector<std::string> env = {}) {
  std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", database()};
  argv.insert(argv.end(), args.begin(), args.end());
  env.push_back("HOME=/nonexistent");
  env.push_back("XDG_CONFIG_HOME=/nonexistent");
  return run(argv, env);
}

// speaker -> passages, over the JSON lines of a search.
std::map<std::string, int> by_speaker(const std::string& out, const std::string& field = "speaker") {
  std::map<std::string, int> counts;
  std::size_t start = 0;
  while (start < out.size()) {
    auto end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    if (end > start) ++counts[nlohmann::json::parse(out.substr(start, end - start))[field].get<std::string>()];
    start = end + 1;
  }
  return counts;
}

std::set<std::string> keys(const std::map<std::string, int>& m) {
  std::set<std::string> out;
  for (const auto& [k, v] : m) out.insert(k);
  return out;
}

}  // namespace

TEST_CASE("a name that means several speakers matches all of them, and says so") {
  // Before: only Mrs. Obama, whose key "obama" is the name's own key.
  auto r = search({"--speaker", "obama", "--format", "json", "-n", "1000"});
  REQUIRE(r.exit_code == 0);
  CHECK(keys(by_speaker(r.out)) == std::set<std::string>{"President Obama", "Mrs. Obama"});
  CHECK(r.err.find("--speaker \"obama\" matches 2 speakers, all searched: President Obama (") != std::string::npos);
  CHECK(r.err.find("Mrs. Obama (6 passages)") != std::string::npos);
  // The President may be him too; scio cannot know, and says so.
  CHECK(r.err.find("not included: The President (") != std::string::npos);

  // Before: only Ms. Rice (one passage), the speakers' words matched on the surname's whole key.
  r = search({"--speaker", "susan rice", "--format", "json", "-n", "1000"});
  REQUIRE(r.exit_code == 0);
  const auto rice = by_speaker(r.out);
  CHECK(keys(rice) == std::set<std::string>{"Ambassador Rice", "Ms. Rice"});
  CHECK(rice.at("Ambassador Rice") > 20);
  CHECK(r.err.find("matches 2 speakers") != std::string::npos);

  // The text form ends with the same note.
  r = search({"--speaker", "obama", "-n", "1"}, {"COLUMNS=100"});
  CHECK(r.out.find("Note: --speaker \"obama\" matches 2 speakers") != std::string::npos);
}

TEST_CASE("a speaker's own name, or a name of one speaker, needs no note") {
  auto r = search({"--speaker", "Dr. Biden", "--format", "json", "-n", "1000"});
  REQUIRE(r.exit_code == 0);
  CHECK(keys(by_speaker(r.out)) == std::set<std::string>{"Dr. Biden"});
  CHECK(r.err.empty());

  r = search({"--speaker", "Ambassador Rice", "--format", "json", "-n", "1000"});
  CHECK(keys(by_speaker(r.out)) == std::set<std::string>{"Ambassador Rice"});
  CHECK(r.err.empty());

  // "Josh Earnest": the transcripts say "MR. EARNEST"; that the name was taken so is said.
  r = search({"--speaker", "josh earnest", "--format", "json", "-n", "1000"});
  REQUIRE(r.exit_code == 0);
  CHECK(keys(by_speaker(r.out)) == std::set<std::string>{"Mr. Earnest"});
  CHECK(r.err.find("--speaker \"josh earnest\" is taken as Mr. Earnest (") != std::string::npos);
}

TEST_CASE("a title that is not the speaker's never falls back to someone else of that name") {
  // Before: Dr. Biden's passages, as if she were the Vice President.
  auto r = search({"--speaker", "vice president biden"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("no speaker matches \"vice president biden\"; with another title: Dr. Biden (5 passages)") !=
        std::string::npos);
  // A title the transcripts leave out still finds the person ("President Obama" is his key).
  r = search({"--speaker", "president obama", "--format", "json", "-n", "1000"});
  CHECK(keys(by_speaker(r.out)) == std::set<std::string>{"President Obama"});
}

TEST_CASE("speakers takes names the same way, with the note") {
  auto r = search({"speakers", "--speaker", "obama", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("President Obama") != std::string::npos);
  CHECK(r.out.find("Mrs. Obama") != std::string::npos);
  CHECK(r.err.find("matches 2 speakers") != std::string::npos);
}

TEST_CASE("an outlet is found under all its names, and aliases merge in speakers") {
  // "Bloomberg" and "Bloomberg News" are two labels of one outlet on these pages.
  auto r = search({"--outlet", "bloomberg", "--format", "json", "-n", "1000"});
  REQUIRE(r.exit_code == 0);
  const auto bloomberg = by_speaker(r.out, "outlet");
  CHECK(keys(bloomberg) == std::set<std::string>{"Bloomberg", "Bloomberg News"});
  CHECK(r.err.find("--outlet \"bloomberg\" includes its other names: Bloomberg News (") != std::string::npos);

  // "AFP" is "Agence France-Presse" by the shipped alias table only: no word in common.
  r = search({"--outlet", "AFP", "--format", "json", "-n", "1000"});
  REQUIRE(r.exit_code == 0);
  CHECK(keys(by_speaker(r.out, "outlet")) == std::set<std::string>{"AFP", "Agence France-Presse"});

  // speakers lists one row for the outlet under the table's name.
  r = search({"speakers", "--kind", "reporter", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const auto rows = by_speaker(r.out);
  CHECK(rows.count("Bloomberg") == 1);
  CHECK(rows.count("Bloomberg News") == 0);
  CHECK(rows.count("AFP") == 1);
  CHECK(rows.count("Agence France-Presse") == 0);
}

TEST_CASE("a user's alias file applies without re-indexing; a bad line is named") {
  TempDir home;
  scio::test::write_file(home / "aliases.tsv",
                         "# mine\noutlet\tThe Bloomberg Wire\tBloomberg\nspeaker\tSusan Rice\tAmbassador Rice\n"
                         "outlet only two\n");
  const std::string env = "SCIO_ALIASES=" + (home / "aliases.tsv").string();
  auto r = search({"--outlet", "bloomberg wire", "--format", "json", "-n", "1000"}, {env});
  REQUIRE(r.exit_code == 0);
  // Bloomberg News came along: a line naming a member of another group joins the two groups.
  CHECK(keys(by_speaker(r.out, "outlet")) == std::set<std::string>{"Bloomberg", "Bloomberg News"});
  CHECK(r.err.find("aliases.tsv:4: expected KIND<TAB>NAME") != std::string::npos);

  // A named file that is missing is said once, and the search runs on.
  r = search({"--outlet", "bloomberg", "-n", "1"}, {"SCIO_ALIASES=/nonexistent/aliases.tsv"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("/nonexistent/aliases.tsv: no such aliases file") != std::string::npos);
}

TEST_CASE("a follow-up keeps the outlet of the question it follows") {
  auto r = run({SCIO_INDEX_BIN, "inspect", "--format", "json", scio::test::data_path("names/t1760477.shtml").string()});
  REQUIRE(r.exit_code == 0);
  const auto conference = nlohmann::json::parse(r.out).at(0);
  int follow_ups = 0;
  for (const auto& turn : conference["turns"]) {
    if (turn["speaker"] != "Follow-up") continue;
    ++follow_ups;
    CHECK(turn["outlet"] == "Bloomberg News");
    CHECK(turn["speaker_key"] == "bloomberg news");
  }
  CHECK(follow_ups == 1);
  // A follow-up to "Q:" names no outlet: there is none to keep.
  r = run({SCIO_INDEX_BIN, "inspect", "--format", "json", scio::test::data_path("mfa/t1568234.shtml").string()});
  REQUIRE(r.exit_code == 0);
  const auto q_only = nlohmann::json::parse(r.out);
  int questions = 0;
  for (const auto& turn : q_only.at(0)["turns"]) {
    if (turn["kind"] != "reporter") continue;
    ++questions;
    CHECK(turn["outlet"].is_null());
  }
  CHECK(questions > 5);
}

TEST_CASE("an official who asks a question is no reporter, and his name no outlet") {
  // Before: "MR. EARNEST" asking "Ben, do you want to take it from here?" was a reporter of the
  // outlet "MR. EARNEST" (a participant line read from the header made officials "known").
  auto r = run({SCIO_INDEX_BIN, "inspect", "--format", "json", scio::test::data_path("names/wh-0016.txt").string()});
  REQUIRE(r.exit_code == 0);
  int reporters = 0;
  const auto parsed = nlohmann::json::parse(r.out);
  for (const auto& turn : parsed.at(0)["turns"]) {
    if (turn["kind"] != "reporter") continue;
    ++reporters;
    CHECK(turn["speaker"] == "Q");
    CHECK(turn["outlet"].is_null());
  }
  CHECK(reporters > 40);
  r = search({"--outlet", "earnest"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no outlet matches \"earnest\"") != std::string::npos);
}

TEST_CASE("an outlet search says how many questions name no outlet") {
  // t1558711 (May 2018) asks every question as "Q:".
  auto r = search({"--outlet", "bloomberg", "--format", "json", "-n", "1000"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find(" questions in this search name no outlet (\"Q:\"): --outlet cannot tell whose they are") !=
        std::string::npos);
  // Within 2020 every question of these pages names its outlet: no such note.
  r = search({"--outlet", "bloomberg", "--since", "2020-03", "--format", "json", "-n", "1000"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("name no outlet") == std::string::npos);
}

TEST_CASE("the alias table: groups, canonical keys, a user's line overriding the shipped one") {
  using scio::core::AliasKind;
  scio::core::Aliases aliases = scio::core::Aliases::shipped();
  CHECK(aliases.errors().empty());
  CHECK(aliases.canonical(AliasKind::outlet, "agence france presse") == "afp");
  CHECK(aliases.canonical(AliasKind::outlet, "cctv") == "cctv");
  CHECK(aliases.canonical(AliasKind::outlet, "unknown outlet") == "unknown outlet");
  CHECK(aliases.canonical(AliasKind::speaker, "agence france presse") == "agence france presse");
  CHECK(aliases.display(AliasKind::outlet, "bloomberg news") == "Bloomberg");
  const auto group = aliases.group(AliasKind::outlet, "kyodo news");
  CHECK(std::set<std::string>(group.begin(), group.end()) ==
        std::set<std::string>{"kyodo", "kyodo news", "共同社", "日本共同社"});
  aliases.add("outlet\tAgence France-Presse\tAFP\n", "mine.tsv");
  CHECK(aliases.canonical(AliasKind::outlet, "afp") == "agence france presse");
  CHECK(aliases.canonical(AliasKind::outlet, "法新社") == "agence france presse");
  CHECK(aliases.display(AliasKind::outlet, "afp") == "Agence France-Presse");
  aliases.add("reporter\tX\tY\n\nspeaker\t...\tZ\n", "mine.tsv");
  CHECK(aliases.errors() ==
        std::vector<std::string>{
            "mine.tsv:1: expected KIND<TAB>NAME<TAB>OTHER NAME..., KIND speaker or outlet; line skipped",
            "mine.tsv:3: the name \"...\" has no letters; line skipped"});
}

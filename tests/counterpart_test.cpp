// Counterparts (searcher/counterpart.h): a conference's version in the other language, found from
// what is indexed, over databases built by the real builder (search_fixture.h).
#include "searcher/counterpart.h"

#include "core/speaker.h"
#include "search_fixture.h"
#include "searcher/database.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

using namespace scio::searcher;
using namespace scio::test;

namespace {

const std::string k_en_title = "Foreign Ministry Spokesperson Zhao Lijian's Regular Press Conference on July 3, 2020";
const std::string k_zh_title = "2020年7月3日外交部发言人赵立坚主持例行记者会";

// One Foreign Ministry conference in English, one in Chinese, the same day; a Chinese 答记者问 of
// that day by the same spokesperson, which is another kind; a SCIO conference in both languages.
const std::vector<Row> k_english = {
    {"en-0703", k_en_title, "2020-07-03", "", 1, 1, "CCTV", "reporter", "CCTV", "", "Laos has voiced support."},
    {"en-0703", k_en_title, "2020-07-03", "", 2, 1, "Zhao Lijian", "official", "", "", "China highly appreciates it."},
    {"en-scio", "SCIO press conference on industry", "2024-01-19", "", 1, 1, "Xing Huina", "moderator", "", "",
     "Good morning, ladies and gentlemen."},
    {"en-scio", "SCIO press conference on industry", "2024-01-19", "", 2, 1, "Xin Guobin", "official", "", "",
     "Industry grew steadily last year."},
};
const std::vector<Row> k_chinese = {
    {"zh-0703", k_zh_title, "2020-07-03", "", 1, 1, "中央电视台记者", "reporter", "CCTV", "",
     "日前，老挝外交部发表声明，表示老方祝贺并坚定支持中方。"},
    {"zh-0703", k_zh_title, "2020-07-03", "", 2, 1, "赵立坚", "official", "", "",
     "中方高度赞赏老方和越方坚定支持中方。"},
    {"zh-remarks", "外交部发言人赵立坚就美方涉港言论答记者问", "2020-07-03", "", 1, 1, "赵立坚", "official", "", "",
     "香港事务纯属中国内政，任何外国无权干涉。"},
    {"zh-scio", "国新办举行2023年工业和信息化发展情况新闻发布会", "2024-01-19", "", 1, 1, "邢慧娜", "moderator", "", "",
     "女士们、先生们，上午好。"},
    {"zh-scio", "国新办举行2023年工业和信息化发展情况新闻发布会", "2024-01-19", "", 2, 1, "辛国斌", "official", "", "",
     "去年工业经济稳中有进。"},
};

std::vector<Row> joined(std::vector<Row> a, const std::vector<Row>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("a Chinese name and its English form romanise alike", "[counterpart]") {
  CHECK(scio::core::romanised_name("赵立坚") == "zhaolijian");
  CHECK(scio::core::romanised_name("Zhao Lijian") == "zhaolijian");
  CHECK(scio::core::same_person_across_languages("华春莹", "hua chunying"));
  CHECK_FALSE(scio::core::same_person_across_languages("耿爽", "Zhao Lijian"));
  CHECK_FALSE(scio::core::same_person_across_languages("", ""));
}

TEST_CASE("the kind of a Foreign Ministry conference from its title", "[counterpart]") {
  CHECK(conference_form(k_en_title) == "briefing");
  CHECK(conference_form(k_zh_title) == "briefing");
  CHECK(conference_form("Foreign Ministry Spokesperson Hua Chunying's Daily Briefing Online on February 3, 2020") ==
        "briefing");
  CHECK(conference_form("2020年2月24日外交部发言人赵立坚主持网上例行记者会") == "briefing");
  CHECK(conference_form("Foreign Ministry Spokesperson Hua Chunying's Remarks on August 5, 2019") == "remarks");
  CHECK(conference_form("外交部发言人华春莹答记者问") == "remarks");
  CHECK(conference_form("SCIO press conference on industry") == "");
}

TEST_CASE("each version finds the other, by date, kind and person, whichever was indexed first", "[counterpart]") {
  TempDir dir;
  const auto path = dir.path() / "db";
  // Only the English: nothing to link.
  build_database(path, k_english);
  {
    auto db = open_database({path.string()});
    Counterparts c(db.db);
    CHECK_FALSE(c.of("en-0703", "2020-07-03"));
    CHECK(c.notes().empty());
  }
  // The Chinese indexed later (the English rows after the Chinese: the order does not matter).
  build_database(path, joined(k_chinese, k_english));
  auto db = open_database({path.string()});
  Counterparts c(db.db);
  CHECK(c.of("en-0703", "2020-07-03") == std::optional<std::string>("zh-0703"));
  CHECK(c.of("zh-0703", "2020-07-03") == std::optional<std::string>("en-0703"));
  // 答记者问 is another kind of conference than the regular one: no English version of it.
  CHECK_FALSE(c.of("zh-remarks", "2020-07-03"));
  // SCIO: the date and the people (辛国斌 = Xin Guobin).
  CHECK(c.of("en-scio", "20240119") == std::optional<std::string>("zh-scio"));
  CHECK(c.of("zh-scio", "2024-01-19") == std::optional<std::string>("en-scio"));
  CHECK(c.notes().empty());
  REQUIRE(c.facts("zh-0703", "2020-07-03"));
  CHECK(c.facts("zh-0703", "2020-07-03")->language == "zh");
  CHECK(c.facts("en-0703", "2020-07-03")->language == "en");
}

TEST_CASE("a counterpart needs the same spokesperson", "[counterpart]") {
  TempDir dir;
  auto other = k_chinese;
  for (auto& row : other)
    if (row.speaker == "赵立坚") row.speaker = "华春莹";
  build_database(dir.path() / "db", joined(k_english, other));
  auto db = open_database({(dir.path() / "db").string()});
  Counterparts c(db.db);
  CHECK_FALSE(c.of("en-0703", "2020-07-03"));
}

TEST_CASE("two candidates: no counterpart and a note naming them, never a guess", "[counterpart]") {
  TempDir dir;
  auto rows = joined(k_english, k_chinese);
  for (const auto& row : k_chinese) {
    if (row.conference != "zh-0703") continue;
    auto copy = row;
    copy.conference = "zh-0703b";
    rows.push_back(copy);
  }
  build_database(dir.path() / "db", rows);
  auto db = open_database({(dir.path() / "db").string()});
  Counterparts c(db.db);
  CHECK_FALSE(c.of("en-0703", "2020-07-03"));
  REQUIRE(c.notes().size() == 1);
  CHECK(c.notes().front() ==
        "conference en-0703 has no counterpart shown: 2 Chinese conferences of 2020-07-03 could be it (zh-0703, "
        "zh-0703b)");
  // Each of the two could be the English one's, which has only one: neither gets it.
  CHECK_FALSE(c.of("zh-0703", "2020-07-03"));
  CHECK(c.notes().back() ==
        "conference zh-0703 has no counterpart shown: en-0703 could be the English version of 2 conferences of "
        "2020-07-03 (zh-0703, zh-0703b)");
  CHECK(c.of("en-scio", "2024-01-19") == std::optional<std::string>("zh-scio"));
}

TEST_CASE("hits and conference rows carry their counterpart", "[counterpart]") {
  TempDir dir;
  build_database(dir.path() / "db", joined(k_english, k_chinese));
  Searcher searcher(open_database({(dir.path() / "db").string()}));
  auto r = searcher.search(request_for("appreciates"));
  REQUIRE(r);
  REQUIRE(r->hits.size() == 1);
  CHECK(r->hits.front().counterpart == std::optional<std::string>("zh-0703"));
  Filters filters;
  filters.since = "2020-07-03";
  auto listing = searcher.conferences("", filters);
  REQUIRE(listing);
  searcher.link_counterparts(*listing);
  std::map<std::string, std::optional<std::string>> linked;
  for (const auto& row : listing->rows) linked[row.id] = row.counterpart;
  CHECK(linked == std::map<std::string, std::optional<std::string>>{{"en-0703", "zh-0703"},
                                                                    {"zh-0703", "en-0703"},
                                                                    {"zh-remarks", std::nullopt},
                                                                    {"en-scio", "zh-scio"},
                                                                    {"zh-scio", "en-scio"}});
}

TEST_CASE("show --other-language: the same exchange by order, else the whole counterpart and why", "[counterpart]") {
  // A real pair (tests/data/mfa/README.txt): the English and the Chinese page of 2020-07-03.
  TempDir dir;
  const std::string english = data_path("mfa/t1794629.shtml").string();
  const std::string chinese = data_path("mfa/zh-t1794584.shtml").string();
  const std::string db = (dir / "db").string();
  REQUIRE(run({SCIO_INDEX_BIN, "-q", "--db", db, english, chinese}).exit_code == 0);
  auto show = [&](const std::string& database, std::vector<std::string> args) {
    std::vector<std::string> argv = {SCIO_SEARCH_BIN, "--db", database, "--no-pager", "--color", "never", "show"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv, {"COLUMNS=200"});
  };

  auto r = show(db, {"t1794629/5.1", "--other-language"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Answer by 赵立坚") != std::string::npos);
  CHECK(r.out.find("zh-t1794584/q3\n") != std::string::npos);
  CHECK(r.out.find("Note: zh-t1794584/q3 is taken for t1794629/q3 by order: both versions have 11 exchanges") !=
        std::string::npos);
  // And back, by exchange id.
  r = show(db, {"zh-t1794584/q3", "--other-language"});
  CHECK(r.out.find("t1794629/q3\n") != std::string::npos);
  // A conference id: its counterpart whole, nothing to explain.
  r = show(db, {"t1794629", "--other-language"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("2020年7月3日外交部发言人赵立坚主持例行记者会") != std::string::npos);
  CHECK(r.out.find("Note:") == std::string::npos);
  CHECK(show(db, {"t1794629", "--other-language", "--context", "2"}).exit_code == 2);

  // One question of the Chinese version unlabelled: 10 exchanges against 11, none matched by order.
  {
    std::ifstream in(chinese, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string page = text.str();
    const std::string label = "会后有记者问及：";
    REQUIRE(page.find(label) != std::string::npos);
    page.erase(page.find(label), label.size());
    std::ofstream(dir / "zh-t1794584.shtml", std::ios::binary) << page;
  }
  const std::string other_db = (dir / "other").string();
  REQUIRE(run({SCIO_INDEX_BIN, "-q", "--db", other_db, english, (dir / "zh-t1794584.shtml").string()}).exit_code == 0);
  r = show(other_db, {"t1794629/q2", "--other-language"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("zh-t1794584/21.1") != std::string::npos);  // the whole conference
  CHECK(r.out.find("Note: t1794629 has 11 exchanges and its counterpart zh-t1794584 has 10: exchanges are matched "
                   "by order only when the counts agree, so the whole counterpart is shown") != std::string::npos);

  // Only one version indexed: one line, exit code 1.
  const std::string alone = (dir / "alone").string();
  REQUIRE(run({SCIO_INDEX_BIN, "-q", "--db", alone, english}).exit_code == 0);
  r = show(alone, {"t1794629/5.1", "--other-language"});
  CHECK(r.exit_code == 1);
  CHECK(
      r.err ==
      "scio-search: error: show --other-language: conference t1794629 (2020-07-03) has no counterpart in the database: "
      "no conference of that date in the other language with the same kind and spokesperson or officials\n");
}

// Chinese transcripts: labels, outlets, participants, dates and width folding, on real Foreign
// Ministry pages and purpose-made SCIO pages (tests/data/zh/README.txt).
#include "core/chinese_name.h"
#include "core/date.h"
#include "core/speaker.h"
#include "core/text.h"
#include "indexer/reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <set>

using scio::core::SpeakerKind;

namespace {

scio::core::Conference read_one(const std::string& name) {
  auto r = scio::indexer::read_file(scio::test::data_path(name));
  INFO(name << ": " << (r.error ? r.error->message : std::string()));
  REQUIRE_FALSE(r.error);
  REQUIRE(r.conferences.size() == 1);
  return r.conferences[0];
}

std::vector<std::string> speakers(const scio::core::Conference& c) {
  std::vector<std::string> out;
  for (const auto& t : c.turns()) out.push_back(t.speaker);
  return out;
}

}  // namespace

TEST_CASE("Chinese labels: names, outlets, roles; a sentence ending in a colon is none") {
  using scio::core::chinese_label;
  struct Row {
    const char* label;
    const char* name;  // nullptr: not a label
    const char* role;
  };
  const Row rows[] = {
      {"问", "问", ""},
      {"答", "答", ""},
      {"追问", "追问", ""},
      {"记者", "记者", ""},
      {"主持人", "主持人", ""},
      {"赵立坚", "赵立坚", ""},
      {"耿爽", "耿爽", ""},
      {"欧阳明高", "欧阳明高", ""},
      {"路透社记者", "路透社记者", ""},
      {"中央广播电视总台央视记者", "中央广播电视总台央视记者", ""},
      {"《北京青年报》记者", "《北京青年报》记者", ""},
      {"加拿大《环球邮报》记者", "加拿大《环球邮报》记者", ""},
      {"CNN记者", "CNN记者", ""},
      {"路透社记者提问", "路透社记者提问", ""},
      {"会后，有记者问及", "会后，有记者问及", ""},
      {"会后有俄罗斯记者问及", "会后有俄罗斯记者问及", ""},
      {"国务院新闻办新闻局副局长、新闻发言人 邢慧娜", "邢慧娜", "国务院新闻办新闻局副局长、新闻发言人"},
      {"新闻发言人寿小丽", "寿小丽", "新闻发言人"},
      {"中方立场是明确的", nullptr, nullptr},
      {"这里我想强调几点", nullptr, nullptr},
      {"首先向大家通报一组数字", nullptr, nullptr},
      {"外交部发言人赵立坚宣布", "赵立坚", "外交部发言人"},
      {"耿爽宣布", nullptr, nullptr},
      {"华春莹表示", nullptr, nullptr},
      {"王毅说", nullptr, nullptr},
      {"我想告诉记者", nullptr, nullptr},
      {"（记者", nullptr, nullptr},
      {"中方宣布，自即日起", nullptr, nullptr},
      {"时间", nullptr, nullptr},
      {"来源", nullptr, nullptr},
  };
  for (const auto& row : rows) {
    INFO(row.label);
    auto got = chinese_label(row.label);
    if (!row.name) {
      CHECK_FALSE(got);
      continue;
    }
    REQUIRE(got);
    CHECK(got->name == row.name);
    CHECK(got->role == row.role);
  }
  // The speech may follow a Chinese label on its line; a sentence with a colon is no label.
  auto inline_label = scio::core::parse_label("邢慧娜：女士们、先生们，上午好。", false);
  REQUIRE(inline_label);
  CHECK(inline_label->name == "邢慧娜");
  CHECK(inline_label->rest == "女士们、先生们，上午好。");
  CHECK_FALSE(scio::core::parse_label("中方立场是明确的：", true));
  CHECK_FALSE(scio::core::parse_label("首先向大家通报一组数字：3月23日0-24时，中国境内新增治愈出院病例456例", true));
}

TEST_CASE("Chinese reporters' outlets without brackets or the words around them") {
  using scio::core::reporter_label;
  CHECK(reporter_label("路透社记者")->outlet == "路透社");
  CHECK(reporter_label("《北京青年报》记者")->outlet == "北京青年报");
  CHECK(reporter_label("北京青年报记者")->outlet == "北京青年报");
  CHECK(reporter_label("路透社记者提问")->outlet == "路透社");
  CHECK(reporter_label("彭博社记者追问")->outlet == "彭博社");
  CHECK(reporter_label("会后有俄罗斯记者问及")->outlet == "俄罗斯");
  CHECK(reporter_label("会后，有记者问及")->outlet.empty());
  CHECK(reporter_label("记者追问")->outlet.empty());
  CHECK_FALSE(reporter_label("主持人"));
}

TEST_CASE("Chinese participant lists: roles before names") {
  auto lead = scio::core::parse_chinese_participants(
      "国务院新闻办公室于2023年7月19日（星期三）上午10时举行新闻发布会，请工业和信息化部新闻发言人、总工程师赵志国，"
      "新闻发言人、运行监测协调局局长陶青介绍2023年上半年工业和信息化发展情况，并答记者问。");
  REQUIRE(lead.size() == 2);
  CHECK(lead[0].name == "赵志国");
  CHECK(lead[0].role == "工业和信息化部新闻发言人、总工程师");
  CHECK(lead[1].name == "陶青");
  CHECK(lead[1].role == "新闻发言人、运行监测协调局局长");
  auto listed = scio::core::parse_chinese_participants(
      "发布人：工业和信息化部副部长 辛国斌；工业和信息化部新闻发言人、总工程师 赵志国");
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].name == "辛国斌");
  CHECK(listed[1].role == "工业和信息化部新闻发言人、总工程师");
  CHECK(scio::core::parse_chinese_participants("中方立场是明确的，请各方介绍情况。").empty());
}

TEST_CASE("Chinese dates: full-width digits, numerals, weekdays and times") {
  using scio::core::find_date;
  CHECK(find_date("二〇二四年一月十九日")->iso() == "2024-01-19");
  CHECK(find_date("二〇二三年十二月三十一日")->iso() == "2023-12-31");
  CHECK(find_date("二〇二〇年二月二十日")->iso() == "2020-02-20");
  CHECK(find_date(scio::core::fold_width("２０２４年１月１９日"))->iso() == "2024-01-19");
  CHECK(scio::core::is_date_line("2024年1月19日（星期五）上午10时"));
  CHECK(scio::core::is_date_line("二〇二三年七月十九日"));
  CHECK(scio::core::has_time_of_day("2023年7月19日上午10时"));
  CHECK_FALSE(scio::core::is_date_line("2024年1月19日，中方宣布"));
}

TEST_CASE("NFKC folds full-width digits and letters, keeps Chinese punctuation") {
  using scio::core::fold_width;
  CHECK(fold_width("２０２３年，ＡＩ产业增长４．６％：") == "2023年，AI产业增长4.6%：");
  CHECK(fold_width("　　答：好。") == "　　答：好。");
  CHECK(fold_width("plain ASCII") == "plain ASCII");
}

TEST_CASE("Foreign Ministry Chinese pages: sentences ending in a colon stay speech") {
  // Before: "这里我想强调几点" and "首先向大家通报一组数字" were speakers.
  for (const char* name : {"zh/t1719544.shtml", "zh/t1760304.shtml", "zh/t1418796.shtml"}) {
    INFO(name);
    auto c = read_one(name);
    for (const auto& t : c.turns()) {
      INFO(t.speaker);
      CHECK((t.speaker == "耿爽" || t.kind == SpeakerKind::reporter));
    }
  }
  auto first = read_one("zh/t1760304.shtml").turns().front();
  CHECK(first.speaker == "耿爽");
  REQUIRE_FALSE(first.paragraphs.empty());
  CHECK(first.paragraphs.front().rfind("首先向大家通报一组数字：", 0) == 0);
}

TEST_CASE("Foreign Ministry Chinese pages: post-conference questions and outlets") {
  auto c = read_one("zh/t1418796.shtml");
  int after = 0;
  const auto turns = c.turns();
  for (std::size_t i = 0; i < turns.size(); ++i)
    if (turns[i].speaker.rfind("会后", 0) == 0) {
      ++after;
      CHECK(turns[i].kind == SpeakerKind::reporter);
      REQUIRE(i + 1 < turns.size());
      CHECK(turns[i + 1].speaker == "耿爽");
    }
  CHECK(after > 0);
  std::set<std::string> outlets;
  for (const auto& t : read_one("mfa/zh-t1794584.shtml").turns()) outlets.insert(t.outlet);
  CHECK(outlets.count("北京青年报") == 1);  // "《北京青年报》记者：" on this page
  CHECK(outlets.count("中国日报") == 1);    // "《中国日报》记者："
  for (const auto& o : outlets) CHECK(o.find("《") == std::string::npos);
}

TEST_CASE("A Chinese SCIO page with inline labels is a transcript") {
  // Before: "not a transcript: no speaker turns found".
  auto c = read_one("zh/scio-zh-inline.html");
  CHECK(c.title == "国新办举行2023年工业和信息化发展情况新闻发布会");
  REQUIRE(c.held);
  CHECK(c.held->iso() == "2024-01-19");
  CHECK(speakers(c) == std::vector<std::string>{"邢慧娜", "辛国斌", "中央广播电视总台央视记者", "辛国斌",
                                                "《北京青年报》记者", "赵志国", "路透社记者", "赵志国", "邢慧娜"});
  CHECK(c.role_of(scio::core::person_key("辛国斌")) == "工业和信息化部副部长");
  CHECK(c.role_of(scio::core::person_key("邢慧娜")) == "国务院新闻办公室新闻局副局长、新闻发言人");
  const auto turns = c.turns();
  CHECK(turns[0].kind == SpeakerKind::moderator);
  CHECK(turns[1].kind == SpeakerKind::official);
  CHECK(turns[1].paragraphs.front().find("2023年，全国规模以上工业增加值同比增长4.6%，AI产业") != std::string::npos);
  CHECK(turns[3].paragraphs.size() == 2);  // "我们的判断是明确的：" and what follows
  CHECK(turns[2].outlet == "中央广播电视总台央视");
  CHECK(turns[4].outlet == "北京青年报");
  for (const auto& t : turns)
    for (const auto& p : t.paragraphs) CHECK(p.find("图为") == std::string::npos);
}

TEST_CASE("A Chinese SCIO reprint: lead sentence, labels with roles, an ASCII colon") {
  auto c = read_one("zh/scio-zh-lead.txt");
  REQUIRE(c.held);
  CHECK(c.held->iso() == "2023-07-19");
  std::set<std::string> names;
  for (const auto& p : c.participants) names.insert(p.name);
  CHECK(names == std::set<std::string>{"赵志国", "陶青", "寿小丽"});
  CHECK(speakers(c) == std::vector<std::string>{"寿小丽", "赵志国", "新华社记者", "陶青", "寿小丽"});
  const auto turns = c.turns();
  CHECK(turns[3].paragraphs.size() == 2);  // "主要有三方面：" is speech
}

TEST_CASE("a conference's language is the language most of its letters are in") {
  scio::core::Conference c;
  c.title = "2019年11月4日外交部发言人耿爽主持例行记者会";
  CHECK(c.language() == "zh");
  // An English page quoting a Chinese name, and a Chinese page quoting English names.
  c.title = "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on November 4, 2019";
  scio::core::Turn turn;
  turn.speaker = "Geng Shuang";
  turn.paragraphs = {"We have noted 一带一路, the Belt and Road."};
  c.pages.emplace_back().turns.push_back(turn);
  CHECK(c.language() == "en");
  c.title = "外交部发言人耿爽主持例行记者会";
  c.pages[0].turns[0].paragraphs = {"路透社记者：Reuters 报道说，中方对此有何评论？"};
  CHECK(c.language() == "zh");
  CHECK(scio::core::Conference{}.language() == "en");
}

TEST_CASE("the language counter counts words across ASCII and accented letters alike") {
  // Five words (Ça, va, à, l, Élysée) against six Chinese characters, then six against six.
  scio::core::LanguageCounter counter;
  counter.add("\u00C7a va \u00E0 l'\u00C9lys\u00E9e \u4E2D\u56FD\u4E2D\u56FD\u4E2D\u56FD");
  CHECK(counter.language() == "zh");
  counter.add("\tMr.");
  CHECK(counter.language() == "en");  // a tie is English
  CHECK(scio::core::LanguageCounter{}.language("zh") == "zh");
  scio::core::LanguageCounter digits;
  digits.add("2019-11-04, 10:00 \u3002");
  CHECK(digits.language("zh") == "zh");  // no letters: the fallback
}

TEST_CASE("bad input: GBK pages, mixed languages, ASCII colons, answers without a named spokesperson") {
  // Purpose-made (tests/data/zh/make_bad_input.py): each page's speakers, as a reader sees them.
  using Case = std::pair<std::string, std::vector<std::string>>;
  auto [name, expected] = GENERATE(table<std::string, std::vector<std::string>>({
      Case{"zh/bad_gbk_declared.html", {"问", "赵立坚", "问", "赵立坚"}},
      Case{"zh/bad_gbk_undeclared.html", {"问", "赵立坚", "问", "赵立坚"}},
      Case{"zh/bad_mixed_languages.html", {"问", "赵立坚", "Reuters", "赵立坚"}},
      Case{"zh/bad_ascii_colons.html", {"问", "赵立坚", "路透社记者", "赵立坚"}},
      // The title names the office, not the person: "答" is that office's, never a speaker "答".
      Case{"zh/bad_no_spokesperson.html", {"问", "外交部发言人", "问", "外交部发言人"}},
  }));
  INFO(name);
  auto c = read_one(name);
  CHECK(speakers(c) == expected);
  const auto turns = c.turns();
  REQUIRE(turns.size() == 4);
  // The GBK bytes decoded: the text is the Chinese it was written from.
  REQUIRE_FALSE(turns[0].paragraphs.empty());
  CHECK(turns[0].paragraphs.front().rfind("日前，老挝外交部发表声明", 0) == 0);
  CHECK(turns[0].kind == SpeakerKind::reporter);
  CHECK(turns[1].kind == SpeakerKind::official);
  CHECK(turns[2].kind == SpeakerKind::reporter);
  CHECK(turns[3].kind == SpeakerKind::official);
  CHECK(c.language() == "zh");
}

TEST_CASE("bad input: scio-index takes every purpose-made Chinese page, exit code 0") {
  // Each into a database of its own: the pages share their speech, so together all but the first
  // of a kind would be copies of one page.
  for (const char* name : {"bad_gbk_declared.html", "bad_gbk_undeclared.html", "bad_mixed_languages.html",
                           "bad_ascii_colons.html", "bad_no_spokesperson.html"}) {
    scio::test::TempDir dir;
    auto r = scio::test::run(
        {SCIO_INDEX_BIN, "--db", (dir / "db").string(), scio::test::data_path(std::string("zh/") + name).string()});
    INFO(name << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("1 files: 1 added") != std::string::npos);
  }
}

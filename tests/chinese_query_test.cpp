// Mixed Chinese and English queries over tests/data/zh indexed by the real scio-index: the user
// never sees Xapian 1.4.22's "parse error" (fixed upstream in 1.4.25, not in Debian 12), and NEAR
// next to Chinese is named instead of silently searching something else.
#include "test_support.h"

#include <catch2/catch.hpp>

using scio::test::run;
using scio::test::TempDir;

namespace {

const std::string& chinese_db() {
  static TempDir dir;
  static const std::string db = [] {
    const std::string path = (dir / "db").string();
    auto r = run({SCIO_INDEX_BIN, "-q", "--db", path, scio::test::data_path("zh").string()});
    if (r.exit_code != 0) throw std::runtime_error("scio-index failed: " + r.err);
    return path;
  }();
  return db;
}

}  // namespace

TEST_CASE("mixed Chinese and English queries parse, quoted or not, with fields and filters", "[chinese]") {
  struct Row {
    std::vector<std::string> args;  // after scio-search --db DB
    bool matches;                   // whether passages must be found (else: any outcome but an error)
  };
  const Row rows[] = {
      {{"Taiwan 台湾 question"}, false},
      {{"Taiwan 台湾问题 question"}, false},
      {{"台湾 Taiwan"}, false},
      {{"AI 产业"}, true},
      {{"AI 产业 发展"}, true},
      {{"AI 工业经济 发展"}, false},
      {{"\"AI产业\""}, true},
      {{"AI \"产业\" 发展"}, true},
      {{"\"工业经济\" AI"}, false},
      {{"speaker:辛国斌 AI 产业"}, true},
      {{"AI 产业 speaker:辛国斌"}, true},
      {{"title:工业 AI 增长"}, true},
      {{"出口管制 OR export"}, true},
      {{"export OR 出口管制 措施"}, true},
      {{"AI 产业 NOT 出口"}, true},
      {{"outlet:Reuters 出口管制"}, true},
      {{"outlet:路透社 出口管制 export"}, false},
      {{"AI 产业", "--speaker", "辛国斌"}, true},
      {{"出口 管制", "--outlet", "Reuters"}, true},
      {{"manufacturing 数字化转型", "--kind", "reporter"}, false},
      {{"台湾 Taiwan", "--since", "2016-01-01", "--until", "2020-12-31"}, false},
  };
  for (const auto& row : rows) {
    std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", chinese_db()};
    argv.insert(argv.end(), row.args.begin(), row.args.end());
    const auto r = run(argv);
    INFO(row.args.front() << "\n" << r.out << r.err);
    CHECK(r.err.find("parse error") == std::string::npos);
    CHECK(r.err.find("malformed") == std::string::npos);
    if (row.matches) CHECK(r.exit_code == 0);
    else CHECK((r.exit_code == 0 || r.exit_code == 1));
  }
}

TEST_CASE("NEAR next to Chinese text is named, not searched as a word", "[chinese]") {
  const auto r = run({SCIO_SEARCH_BIN, "--db", chinese_db(), "出口 NEAR 管制"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("NEAR does not apply to Chinese") != std::string::npos);
  // English NEAR is untouched: no note.
  const auto english = run({SCIO_SEARCH_BIN, "--db", chinese_db(), "AI NEAR industry"});
  CHECK(english.out.find("does not apply") == std::string::npos);
  CHECK(english.err.find("does not apply") == std::string::npos);
}

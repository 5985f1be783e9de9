// scio-search timeline over tests/data/search indexed by the real scio-index: its counts against
// counts made here straight from the database's documents (regular expressions over the stored
// text, dates from the data), its agreement with search --exact and speakers, remote databases,
// bars, csv/json and --plot.
#include "core/document.h"
#include "core/schema.h"
#include "core/text.h"
#include "core/words.h"
#include "searcher/kwic.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>
#include <xapian.h>

namespace {

namespace fs = std::filesystem;
using scio::test::json_lines;
using scio::test::run;
using scio::test::RunResult;

const std::string& database() { return scio::test::indexed_database("search"); }

RunResult scio_search(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{SCIO_SEARCH_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env);
}

RunResult timeline(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{"--db", database(), "timeline"};
  argv.insert(argv.end(), args.begin(), args.end());
  return scio_search(argv, env);
}

struct Doc {
  std::string date;  // held, else published (ISO)
  std::string conference;
  std::string speaker;
  std::string kind;
  std::string text;
};

std::vector<Doc> documents() {
  Xapian::Database db(database());
  std::vector<Doc> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const auto j = nlohmann::json::parse(scio::core::passage_record_json(db.get_document(*it)));
    const std::string held = j["held"];
    out.push_back(
        {held.empty() ? j["published"].get<std::string>() : held, j["conference"], j["speaker"], j["kind"], j["text"]});
  }
  return out;
}

std::size_t matches(const std::string& text, const std::regex& re) {
  return static_cast<std::size_t>(std::distance(std::sregex_iterator(text.begin(), text.end(), re), {}));
}

struct Expected {
  std::size_t passages = 0;
  std::size_t occurrences = 0;
  std::set<std::string> conferences;
  std::size_t words = 0;
};

struct Case {
  std::vector<std::string> args;  // query and options after "timeline"
  std::string pattern;            // what the query finds, as an ECMAScript regex (case-insensitive)
  std::function<bool(const Doc&)> filter;
  std::function<std::string(const std::string&)> period;  // ISO date -> period label
};

std::string year(const std::string& d) { return d.substr(0, 4); }
std::string month(const std::string& d) { return d.substr(0, 7); }
std::string quarter(const std::string& d) {
  return d.substr(0, 4) + "-Q" + std::to_string((std::stoi(d.substr(5, 2)) + 2) / 3);
}
bool all(const Doc&) { return true; }

}  // namespace

TEST_CASE("timeline: counts per period agree with counts made from the documents", "[timeline]") {
  const auto docs = documents();
  REQUIRE(docs.size() > 20);
  const std::vector<Case> cases = {
      // A stemmed word: every form; years 2019-2024 with 2020 empty.
      {{"tariff", "--by", "year"}, R"(\btariff(s|'s)?\b)", all, year},
      // A phrase only itself.
      {{"\"shore power\"", "--by", "month"}, R"(\bshore power\b)", all, month},
      // Filters apply to the words spoken too.
      {{"tariffs", "--by", "year", "--kind", "official"},
       R"(\btariff(s|'s)?\b)",
       [](const Doc& d) { return d.kind == "official"; },
       year},
      {{"exports", "--by", "quarter", "--since", "2023-06"},
       R"(\bexport(s|ed|ing|ers?)?\b)",
       [](const Doc& d) { return d.date >= "2023-06-01"; },
       quarter},
      {{"emissions", "--by", "year", "--speaker", "Li Wei"},
       R"(\bemissions?\b)",
       [](const Doc& d) { return d.speaker == "Li Wei"; },
       year},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    const std::regex re(c.pattern, std::regex::icase);
    std::map<std::string, Expected> expected;
    std::string first, last;
    for (const auto& d : docs) {
      if (!c.filter(d)) continue;
      auto& e = expected[c.period(d.date)];
      e.words += scio::core::count_words(d.text);
      if (first.empty() || d.date < first) first = d.date;
      if (d.date > last) last = d.date;
      const auto n = matches(d.text, re);
      if (n == 0) continue;
      ++e.passages;
      e.occurrences += n;
      e.conferences.insert(d.conference);
    }
    auto args = c.args;
    args.insert(args.end(), {"--format", "json"});
    const auto r = timeline(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto rows = json_lines(r.out);
    REQUIRE(!rows.empty());
    CHECK(rows.front()["period"] == c.period(first));
    CHECK(rows.back()["period"] == c.period(last));
    std::size_t total = 0;
    for (const auto& row : rows) {
      const std::string period = row["period"];
      CAPTURE(period);
      const auto& e = expected[period];  // an empty period: all zero
      CHECK(row["passages"] == e.passages);
      CHECK(row["occurrences"] == e.occurrences);
      CHECK(row["conferences"] == e.conferences.size());
      CHECK(row["words"] == e.words);
      const double pm = e.words == 0 ? 0.0 : static_cast<double>(e.occurrences) * 1e6 / static_cast<double>(e.words);
      CHECK(row["per_million"].get<double>() == Approx(pm).margin(0.006));
      total += row["passages"].get<std::size_t>();
    }
    std::size_t total_expected = 0;
    for (const auto& [period, e] : expected) total_expected += e.passages;
    CHECK(total == total_expected);
    CHECK(total > 0);
  }
}

TEST_CASE("timeline: empty periods are rows of zeros; the default period gives at most 60 bars", "[timeline]") {
  auto r = timeline({"tariff", "--by", "year", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> years;
  for (const auto& row : json_lines(r.out)) years.push_back(row["period"]);
  CHECK(years == std::vector<std::string>{"2019", "2020", "2021", "2022", "2023", "2024"});
  const auto rows = json_lines(r.out);
  CHECK(rows[1]["passages"] == 0);
  CHECK(rows[1]["words"] == 0);
  CHECK(rows[1]["start"] == "2020-01-01");
  CHECK(rows[1]["end"] == "2020-12-31");

  // 2019-06 to 2024-01: 56 months would do, but not 240 weeks.
  auto automatic = json_lines(timeline({"tariff", "--format", "json"}).out);
  CHECK(automatic.size() == 56);
  CHECK(automatic.front()["period"] == "2019-06");

  auto weeks = json_lines(timeline({"tariff", "--by", "week", "--since", "2023-12-25", "--format", "json"}).out);
  REQUIRE(weeks.size() == 4);  // the weeks of 2023-12-31 to 2024-01-19
  CHECK(weeks.front()["period"] == "2023-W52");
  CHECK(weeks.front()["start"] == "2023-12-25");
  CHECK(weeks[1]["period"] == "2024-W01");
  CHECK(weeks[1]["start"] == "2024-01-01");
}

TEST_CASE("timeline: one definition of a match with search --exact, speakers and kwic", "[timeline]") {
  for (const auto& query : {std::vector<std::string>{"tariffs"},
                            {"\"shore power\""},
                            {"exports", "OR", "imports"},
                            {"the"},
                            {"kind:reporter", "will"},
                            {"title:trade", "growth"}}) {
    for (const auto& filters : {std::vector<std::string>{}, {"--since", "2023"}, {"--kind", "official"}}) {
      CAPTURE(query, filters);
      std::vector<std::string> args = filters;
      args.insert(args.end(), {"--format", "json", "--by", "year", "--split", "speaker", "--top", "1000"});
      args.insert(args.end(), query.begin(), query.end());
      const auto t = timeline(args);
      std::vector<std::string> exact{"--db", database(), "--exact", "-n", "0", "--format", "json"};
      exact.insert(exact.end(), filters.begin(), filters.end());
      exact.push_back("--");
      exact.insert(exact.end(), query.begin(), query.end());
      const auto e = json_lines(scio_search(exact).out);
      REQUIRE(e.size() == 1);
      std::vector<std::string> sp{"--db", database(), "speakers", "--format", "json"};
      sp.insert(sp.end(), filters.begin(), filters.end());
      sp.insert(sp.end(), query.begin(), query.end());
      std::map<std::string, std::size_t> by_speaker;
      for (const auto& row : json_lines(scio_search(sp).out)) by_speaker[row["speaker"]] = row["passages"];
      std::map<std::string, std::size_t> timeline_by_speaker;
      std::size_t passages = 0;
      std::size_t occurrences = 0;
      for (const auto& row : json_lines(t.out)) {
        passages += row["passages"].get<std::size_t>();
        occurrences += row["occurrences"].get<std::size_t>();
        if (row["passages"] > 0) timeline_by_speaker[row["series"]] += row["passages"].get<std::size_t>();
      }
      CHECK(passages == e[0]["total"]);
      CHECK(timeline_by_speaker == by_speaker);
      std::vector<std::string> k{"--db", database(), "kwic", "-n", "0"};
      k.insert(k.end(), filters.begin(), filters.end());
      k.insert(k.end(), query.begin(), query.end());
      const auto kw = scio_search(k);
      if (occurrences > 0) CHECK(kw.out.rfind(scio::searcher::number_text(occurrences) + " occurrence", 0) == 0);
    }
  }
}

TEST_CASE("timeline: --split gives the top series and the rest as other, words per series", "[timeline]") {
  const auto rows =
      json_lines(timeline({"tariffs", "--by", "year", "--split", "speaker", "--top", "1", "--format", "json"}).out);
  std::set<std::string> series;
  std::size_t top = 0, other = 0, words = 0;
  for (const auto& row : rows) {
    series.insert(row["series"].get<std::string>());
    (row["series"] == "other" ? other : top) += row["occurrences"].get<std::size_t>();
    words += row["words"].get<std::size_t>();
  }
  CHECK(series == std::set<std::string>{"Wang Shouwen", "other"});
  std::size_t unsplit = 0;
  for (const auto& row : json_lines(timeline({"tariffs", "--by", "year", "--format", "json"}).out))
    unsplit += row["occurrences"].get<std::size_t>();
  CHECK(top + other == unsplit);
  CHECK(top > 0);
  CHECK(other > 0);
  // Every word of every passage, in its speaker's series.
  std::size_t all_words = 0;
  for (const auto& d : documents()) all_words += scio::core::count_words(d.text);
  CHECK(words == all_words);
}

TEST_CASE("timeline: bars in Unicode eighths, ASCII outside UTF-8, within the width", "[timeline]") {
  auto utf8 = timeline({"tariffs", "--by", "year"}, {"LC_ALL=C.UTF-8", "COLUMNS=60"});
  REQUIRE(utf8.exit_code == 0);
  CHECK(utf8.out.find("\u2588") != std::string::npos);
  std::istringstream lines(utf8.out);
  std::size_t rows = 0;
  for (std::string line; std::getline(lines, line);) {
    CHECK(scio::core::display_width(line) <= 60);
    if (line.rfind("20", 0) == 0 && std::isdigit(static_cast<unsigned char>(line.back()))) ++rows;
  }
  CHECK(rows == 6);
  CHECK(utf8.out.find("2020 ") != std::string::npos);
  auto ascii = timeline({"tariffs", "--by", "year"}, {"LC_ALL=C", "COLUMNS=60"});
  CHECK(ascii.out.find('#') != std::string::npos);
  for (unsigned char c : ascii.out) CHECK(c < 0x80);
  auto split = timeline({"tariffs", "--by", "year", "--split", "kind"}, {"LC_ALL=C.UTF-8", "COLUMNS=60"});
  CHECK(split.out.find("\u2588 official") != std::string::npos);
  auto rate = timeline({"tariffs", "--by", "year", "--per-million"}, {"LC_ALL=C.UTF-8"});
  CHECK(rate.out.find("per million") != std::string::npos);
}

TEST_CASE("timeline: csv columns; bad input is one line", "[timeline]") {
  auto csv = timeline({"tariffs", "--by", "year", "--format", "csv"});
  CHECK(csv.out.rfind("period,start,end,passages,conferences,occurrences,words,per_million\n", 0) == 0);
  auto split = timeline({"tariffs", "--by", "year", "--format", "csv", "--split", "kind"});
  CHECK(split.out.rfind("period,start,end,passages,conferences,occurrences,words,per_million,series\n", 0) == 0);
  auto empty = timeline({"--by", "year"});
  CHECK(empty.exit_code == 2);
  CHECK(empty.err.find("timeline needs words") != std::string::npos);
  auto bad = timeline({"tariffs", "--by", "decade"});
  CHECK(bad.exit_code == 2);
  auto plot = timeline({"tariffs", "--plot", "chart.pdf"});
  CHECK(plot.exit_code == 2);
  CHECK(plot.err.find(".svg or .png") != std::string::npos);
  auto none = timeline({"zebra"});
  CHECK(none.exit_code == 1);
}

TEST_CASE("timeline: each passage's stored word count is its text's words, counted as timeline counts them",
          "[timeline][words]") {
  // Real Foreign Ministry pages, English and Chinese (tests/data/mfa and zh), and the search fixture.
  const std::string folder = GENERATE(as<std::string>{}, "mfa", "zh", "search");
  CAPTURE(folder);
  Xapian::Database db(scio::test::indexed_database(folder));
  std::size_t passages = 0, total = 0;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const auto doc = db.get_document(*it);
    const auto text = nlohmann::json::parse(scio::core::passage_record_json(doc))["text"].get<std::string>();
    const auto stored = doc.get_value(scio::core::schema::k_slot_words);
    REQUIRE_FALSE(stored.empty());
    const auto counted = scio::core::count_words(text);
    CAPTURE(text);
    CHECK(Xapian::sortable_unserialise(stored) == static_cast<double>(counted));
    ++passages;
    total += counted;
  }
  CHECK(passages > 0);
  CHECK(total > passages);
}

TEST_CASE("timeline: over a remote database, the same counts and words", "[timeline][remote]") {
  REQUIRE(fs::exists("/usr/bin/xapian-tcpsrv"));
  scio::test::XapianServer server(database());
  // Split by speaker (each record read) and not split (the words slot alone, no filter), filtered.
  const auto args = GENERATE(
      std::vector<std::string>{"timeline", "--format", "json", "--by", "month", "--split", "speaker", "tariffs"},
      std::vector<std::string>{"timeline", "--format", "json", "--by", "month", "tariffs"},
      std::vector<std::string>{"timeline", "--format", "json", "--by", "month", "--kind", "official", "tariffs"});
  CAPTURE(args);
  RunResult remote;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::vector<std::string> argv{"--db", server.spec()};
    argv.insert(argv.end(), args.begin(), args.end());
    remote = scio_search(argv);
    if (remote.exit_code != 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  INFO(remote.err);
  REQUIRE(remote.exit_code == 0);
  std::vector<std::string> argv{"--db", database()};
  argv.insert(argv.end(), args.begin(), args.end());
  const auto local = scio_search(argv);
  CHECK(remote.out == local.out);
  std::size_t words = 0;
  for (const auto& row : json_lines(remote.out)) words += row["words"].get<std::size_t>();
  // Every passage's words (of the filter's kind), in a series of its own or in "other".
  const bool officials = std::find(args.begin(), args.end(), "--kind") != args.end();
  std::size_t all_words = 0;
  for (const auto& d : documents())
    if (!officials || d.kind == "official") all_words += scio::core::count_words(d.text);
  CHECK(words == all_words);
}

TEST_CASE("timeline: --plot draws an SVG with gnuplot (skipped without gnuplot)", "[timeline][plot]") {
  if (!fs::exists("/usr/bin/gnuplot")) {
    WARN("gnuplot is not installed: --plot not tested (scripts/setup installs gnuplot-nox)");
    return;
  }
  scio::test::TempDir dir;
  const auto file = (dir / "chart.svg").string();
  auto r = timeline({"tariffs", "--by", "year", "--plot", file});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto svg = scio::test::read_file(file);
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("occurrences") != std::string::npos);
  CHECK(svg.find("2020") != std::string::npos);
  auto split = timeline({"tariffs", "--by", "year", "--split", "kind", "--plot", (dir / "split.png").string()});
  INFO(split.err);
  CHECK(split.exit_code == 0);
  CHECK(scio::test::read_file(dir / "split.png").rfind("\x89PNG", 0) == 0);
}

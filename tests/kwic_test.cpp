// scio-search kwic: words of a text as TermGenerator reads them, occurrences of words, stems and
// phrases, alignment by display width (CJK two columns), sorting orders and the output formats;
// over tests/data/search indexed by the real scio-index.
#include "core/text.h"
#include "core/words.h"
#include "searcher/kwic.h"
#include "searcher/text_layout.h"
#include "test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <xapian.h>

using namespace scio::searcher;
using scio::core::count_words;
using scio::core::text_words;

namespace {

using scio::test::json_lines;
using scio::test::run;
using scio::test::RunResult;

const std::string& database() { return scio::test::indexed_database("search"); }

RunResult kwic_run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", database(), "kwic"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env);
}

std::vector<std::string> terms(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : text_words(text)) out.push_back(w.term);
  return out;
}

// The hits the finder places in text, as the text's bytes.
std::vector<std::string> hits(const Xapian::Query& query, const std::string& text) {
  const OccurrenceFinder finder(query);
  const auto words = text_words(text);
  std::vector<std::string> out;
  for (const auto& s : finder.find(words))
    out.push_back(text.substr(words[s.begin].begin, words[s.end - 1].end - words[s.begin].begin));
  return out;
}

Xapian::Query parsed(const std::string& q) {
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  return parser.parse_query(
      q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM | Xapian::QueryParser::FLAG_WILDCARD);
}

}  // namespace

TEST_CASE("kwic: words as TermGenerator reads them", "[kwic]") {
  struct Case {
    std::string text;
    std::vector<std::string> words;
  };
  const std::vector<Case> cases = {
      {"Tariffs raise prices.", {"tariffs", "raise", "prices"}},
      {"Meng Wanzhou\u2019s case", {"meng", "wanzhou's", "case"}},
      {"rose by 7.5 percent, to 1,000", {"rose", "by", "7.5", "percent", "to", "1,000"}},
      {"trade, growth", {"trade", "growth"}},
      {"\u7eff\u6c34 green", {"\u7eff", "\u6c34", "green"}},
      {"'quoted'", {"quoted"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(terms(c.text) == c.words);
    CHECK(count_words(c.text) == c.words.size());
  }
}

TEST_CASE("kwic: a stemmed word finds its forms, a phrase only itself, NOT and fields nothing", "[kwic]") {
  const std::string text = "Tariffs rose. The tariff commission's tariff policy; shore power and power shore.";
  CHECK(hits(parsed("tariff"), text) == std::vector<std::string>{"Tariffs", "tariff", "tariff"});
  CHECK(hits(parsed("\"shore power\""), text) == std::vector<std::string>{"shore power"});
  CHECK(hits(parsed("tariff -power"), text) == std::vector<std::string>{"Tariffs", "tariff", "tariff"});
  CHECK(hits(parsed("commission"), text) == std::vector<std::string>{"commission's"});
  CHECK(hits(parsed("\"tariff commission\""), text).empty());  // the phrase is the words as typed
  CHECK(OccurrenceFinder(Xapian::Query("XSwang shouwen")).empty());
  CHECK(OccurrenceFinder(parsed("tar*")).partial());
  // CJK text: its n-grams are one run, not each character wherever it is.
  const std::string zh = "\u6211\u4eec\u8981\u52a0\u5feb\u53d1\u5c55\u98ce\u7535\u548c\u592a\u9633\u80fd\u53d1\u7535";
  CHECK(hits(parsed("\u53d1\u7535"), zh) == std::vector<std::string>{"\u53d1\u7535"});
  CHECK(hits(parsed("\"\u53d1\u7535\""), zh) == std::vector<std::string>{"\u53d1\u7535"});
  CHECK(hits(parsed("\u7535"), zh).size() == 2);
}

TEST_CASE("kwic: one line per occurrence, the hit as spoken", "[kwic]") {
  auto r = kwic_run({"tariff", "--format", "json", "-n", "100"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = json_lines(r.out);
  REQUIRE(lines.size() >= 7);
  std::set<std::string> forms;
  for (const auto& l : lines) {
    forms.insert(l["hit"].get<std::string>());
    for (const auto& f : {"left", "hit", "right", "held", "speaker", "outlet", "passage", "conference"})
      CHECK(l.contains(f));
  }
  CHECK(forms.count("tariffs") == 1);
  CHECK(forms.count("Tariffs") == 1);
  auto phrase = json_lines(kwic_run({"\"shore power\"", "--format", "json", "-n", "100"}).out);
  REQUIRE(!phrase.empty());
  for (const auto& l : phrase) CHECK(scio::core::ascii_lower(l["hit"].get<std::string>()) == "shore power");
  auto header = kwic_run({"tariffs", "-n", "2"});
  CHECK(header.out.rfind(std::to_string(lines.size()) + " occurrences in ", 0) == 0);
  CHECK(header.out.find("(showing 1-2;") != std::string::npos);
}

TEST_CASE("kwic: hits in one column by display width, with CJK context", "[kwic]") {
  for (const std::string columns : {"60", "100"}) {
    CAPTURE(columns);
    auto r = kwic_run({"\u53d1\u7535", "OR", "gas", "OR", "energy", "--color", "always"}, {"COLUMNS=" + columns});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::istringstream in(r.out);
    std::string line;
    std::getline(in, line);  // the header
    std::set<std::size_t> starts;
    bool wide = false;
    std::size_t lines = 0;
    while (std::getline(in, line)) {
      const auto esc = line.find(Palette::colour().match);
      if (esc == std::string::npos) continue;  // a note, or the date line under the hit
      starts.insert(scio::core::display_width(line.substr(0, esc)));
      wide = wide || scio::core::display_width(line.substr(0, esc)) != line.substr(0, esc).size();
      CHECK(scio::core::display_width(scio::test::without_ansi(line)) <= std::stoul(columns));
      ++lines;
    }
    CHECK(lines >= 3);
    CHECK(wide);                // some left context holds Chinese characters
    CHECK(starts.size() == 1);  // and yet every hit starts in the same column
  }
  CHECK(tail_columns("\u4e2d\u6587abc", 4) == "abc");
  CHECK(tail_columns("\u4e2d\u6587abc", 5) == "\u6587abc");
  CHECK(head_columns("ab\u4e2d\u6587", 3) == "ab");
  CHECK(pad_columns("\u4e2d", 4, true) == "  \u4e2d");
}

TEST_CASE("kwic: --sort orders by the words around the hit, case-folded", "[kwic]") {
  auto words_at = [](const std::string& text, bool last) {
    const auto t = terms(text);
    if (t.empty()) return std::string();
    return last ? t.back() : t.front();
  };
  struct Case {
    std::string sort;
    std::function<std::string(const nlohmann::json&)> key;
  };
  const std::vector<Case> cases = {
      {"1L", [&](const nlohmann::json& l) { return words_at(l["left"], true); }},
      {"1R", [&](const nlohmann::json& l) { return words_at(l["right"], false); }},
      {"2R",
       [&](const nlohmann::json& l) {
         const auto t = terms(l["right"].get<std::string>());
         return t.size() > 1 ? t[1] : std::string();
       }},
      {"hit", [&](const nlohmann::json& l) { return scio::core::ascii_lower(l["hit"].get<std::string>()); }},
      {"date", [&](const nlohmann::json& l) { return l["held"].get<std::string>(); }},
  };
  for (const auto& c : cases) {
    CAPTURE(c.sort);
    auto r =
        kwic_run({"tariff OR exports OR the", "--sort", c.sort, "--format", "json", "-n", "1000", "--width", "200"});
    REQUIRE(r.exit_code == 0);
    const auto lines = json_lines(r.out);
    REQUIRE(lines.size() > 20);
    for (std::size_t i = 1; i < lines.size(); ++i) {
      CAPTURE(i, lines[i - 1].dump(), lines[i].dump());
      CHECK(c.key(lines[i - 1]) <= c.key(lines[i]));
    }
  }
  auto bad = kwic_run({"tariff", "--sort", "3L"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("kwic: tsv and csv with a header, --width in characters, paging", "[kwic]") {
  auto tsv = kwic_run({"tariffs", "--format", "tsv", "--width", "10"});
  std::istringstream in(tsv.out);
  std::string header;
  std::getline(in, header);
  CHECK(header == "left\thit\tright\theld\tspeaker\toutlet\tpassage\tconference");
  for (std::string line; std::getline(in, line);) {
    const auto left = line.substr(0, line.find('\t'));
    CHECK(left.size() <= 10);
    CHECK(std::count(line.begin(), line.end(), '\t') == 7);
  }
  auto csv = kwic_run({"tariffs", "--format", "csv"});
  CHECK(csv.out.rfind("left,hit,right,held,speaker,outlet,passage,conference\n", 0) == 0);
  auto all = json_lines(kwic_run({"tariffs", "--format", "json", "-n", "100"}).out);
  auto page = json_lines(kwic_run({"tariffs", "--format", "json", "-n", "2", "--offset", "3"}).out);
  REQUIRE(page.size() == 2);
  CHECK(page[0] == all[3]);
  CHECK(page[1] == all[4]);
  auto tsv_elsewhere = run({SCIO_SEARCH_BIN, "--db", database(), "speakers", "--format", "tsv"});
  CHECK(tsv_elsewhere.exit_code == 2);
  auto nothing = kwic_run({"speaker:wang"});
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err.find("names no words of the passage text") != std::string::npos);
}

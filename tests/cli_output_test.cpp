// scio-search and scio-index through the real binaries (issue 18, "Trustworthy answers"): nothing
// on the command line is dropped, every usage error is one line for people, titles and names wrap
// rather than being cut, and the paging, counting and CSV options.
#include "core/text.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using scio::test::json_lines;
using scio::test::run;
using scio::test::RunResult;
using scio::test::TempDir;
using scio::test::without_ansi;

const std::string& database() { return scio::test::indexed_database("search"); }

RunResult search(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", database()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

// The text as one line: the line breaks and indents of wrapping undone.
std::string unwrapped(const std::string& text) {
  std::string out;
  for (const auto& line : lines_of(text)) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    out += (out.empty() ? "" : " ") + line.substr(start);
  }
  return out;
}

std::string without_spaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

void check_width(const std::string& out, std::size_t columns) {
  for (const auto& line : lines_of(out)) {
    INFO(columns << " [" << line << "]");
    CHECK(scio::core::display_width(without_ansi(line)) <= columns);
  }
}

void check_one_line_error(const RunResult& r, int code, const std::string& program, const std::string& part) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.exit_code == code);
  CHECK(r.err.rfind(program + ": error: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(r.err.find(part) != std::string::npos);
  // CLI11's own wording never reaches the user.
  for (const char* raw : {"FAILED", "Run with --help", "was not expected", "->"})
    CHECK(r.err.find(raw) == std::string::npos);
}

}  // namespace

TEST_CASE("cli: words before a command are refused, filters before a listing apply to it") {
  auto words = search({"\"trade war\"", "conferences"});
  check_one_line_error(words, 2, "scio-search", "words before the command conferences (\"trade war\")");
  check_one_line_error(search({"tariffs", "speakers"}), 2, "scio-search", "words before the command speakers");
  check_one_line_error(search({"tariffs", "show", "trade-2023-start/3.1"}), 2, "scio-search",
                       "words before the command show");

  // Filters, -n, --offset and --sort before a listing mean what they mean after it.
  const auto before = search({"--since", "2023", "speakers", "--format", "json"});
  const auto after = search({"speakers", "--since", "2023", "--format", "json"});
  REQUIRE(after.exit_code == 0);
  CHECK(before.exit_code == 0);
  CHECK(before.out == after.out);
  CHECK(before.out != search({"speakers", "--format", "json"}).out);
  CHECK(search({"--kind", "reporter", "--speaker", "CCTV", "conferences", "--format", "csv"}).out ==
        search({"conferences", "--kind", "reporter", "--speaker", "CCTV", "--format", "csv"}).out);
  CHECK(search({"-n", "2", "--sort", "oldest", "conferences"}).out ==
        search({"conferences", "-n", "2", "--sort", "oldest"}).out);

  // What a command does not take is refused, not dropped; so is a value given twice.
  check_one_line_error(search({"--exact", "speakers"}), 2, "scio-search", "--exact does not apply to speakers");
  check_one_line_error(search({"--any", "conferences", "tariffs"}), 2, "scio-search",
                       "--any does not apply to conferences");
  check_one_line_error(search({"--speaker", "Wang Shouwen", "show", "trade-2023-start/3.1"}), 2, "scio-search",
                       "--speaker does not apply to show");
  check_one_line_error(search({"-n", "3", "show", "trade-2023-start/3.1"}), 2, "scio-search",
                       "--limit does not apply to show");
  check_one_line_error(search({"--since", "2023", "speakers", "--since", "2024"}), 2, "scio-search",
                       "--since is given both before and after speakers");
  check_one_line_error(search({"--format", "json", "speakers", "--format", "csv"}), 2, "scio-search",
                       "--format is given both before and after speakers");
  check_one_line_error(search({"-n", "1", "conferences", "-n", "2"}), 2, "scio-search",
                       "--limit is given both before and after conferences");

  // scio-index: only --db counts before stats and compact.
  check_one_line_error(run({SCIO_INDEX_BIN, "--prune", "stats", "--db", database()}), 2, "scio-index",
                       "--prune before stats does not apply to it");
  check_one_line_error(run({SCIO_INDEX_BIN, "somewhere", "inspect", scio::test::data_path("search").string()}), 2,
                       "scio-index", "the path somewhere before inspect");
  CHECK(run({SCIO_INDEX_BIN, "--db", database(), "stats"}).exit_code == 0);
}

TEST_CASE("cli: every usage error is one line naming the option and what it accepts") {
  using Case = std::tuple<std::vector<std::string>, std::string>;
  auto [args, part] = GENERATE(table<std::vector<std::string>, std::string>({
      Case{{"--sort", "date", "x"}, "--sort: \"date\" is not one of relevance, newest or oldest"},
      Case{{"--sort", "newst", "x"}, "(did you mean newest?)"},
      Case{{"--format", "xml", "x"}, "--format: \"xml\" is not one of text, json or csv"},
      Case{{"--color", "sometimes", "x"}, "--color: \"sometimes\" is not one of auto, always or never"},
      Case{{"--kind", "journalist", "x"},
           "--kind: \"journalist\" is not one of moderator, official, reporter or unknown"},
      Case{{"--kind", "reporters", "x"}, "(did you mean reporter?)"},
      Case{{"--limt", "3", "x"}, "unknown option --limt (did you mean --limit?)"},
      Case{{"--frobnicate", "x"}, "unknown option --frobnicate; scio-search --help lists the options"},
      Case{{"-tariffs"}, "a word that starts with - goes after --: scio-search -- -tariffs"},
      Case{{"-n", "abc", "x"}, "--limit: \"abc\" is not a whole number from 0 to 100000"},
      Case{{"--offset", "-1", "x"}, "--offset"},
      Case{{"--per-conference", "0", "x"}, "--per-conference: \"0\" is not a whole number from 1 to 100000"},
      Case{{"--speaker"}, "--speaker needs a value"},
      Case{{"show"}, "show: ID is required"},
      Case{{"show", "trade-2023-start/3.1", "extra"}, "show: unexpected argument \"extra\""},
      Case{{"show", "trade-2023-start/3.1", "--contxt", "2"},
           "show: unknown option --contxt (did you mean --context?)"},
      Case{{"speakers", "--sort", "most"}, "--sort: \"most\" is not one of relevance, newest or oldest"},
      Case{{"conferences", "--limits", "2"}, "conferences: unknown option --limits (did you mean --limit?)"},
  }));
  check_one_line_error(search(args), 2, "scio-search", part);
}

TEST_CASE("cli: scio-index usage errors read the same way") {
  using Case = std::tuple<std::vector<std::string>, std::string>;
  auto [args, part] = GENERATE(table<std::vector<std::string>, std::string>({
      Case{{"-j", "0", "x"}, "--jobs: \"0\" is not a whole number from 1 to 1024"},
      Case{{"--shards", "many", "x"}, "--shards: \"many\" is not a whole number from 1 to 256"},
      Case{{"--prnue", "x"}, "unknown option --prnue (did you mean --prune?)"},
      Case{{"inspect", "--format", "yaml", "x"}, "inspect: --format: \"yaml\" is not one of json or xml"},
      Case{{"compact"}, "compact: OUTPUT is required"},
  }));
  std::vector<std::string> argv{SCIO_INDEX_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  check_one_line_error(run(argv), 2, "scio-index", part);
}

TEST_CASE("cli: hit headers wrap the title instead of cutting it") {
  const std::string title = "SCIO press conference on the development of industry and information technology in 2023";
  auto columns = GENERATE(20, 60, 100);
  auto r = search({"--conference", "industry-2024", "-n", "2"}, {"COLUMNS=" + std::to_string(columns)});
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  check_width(r.out, columns);
  CHECK(unwrapped(r.out).find("2024-01-19 \u00b7 Xin Guobin") != std::string::npos);
  CHECK(unwrapped(r.out).find(title) != std::string::npos);
  // The header's later lines take the snippet's indent.
  CHECK(lines_of(r.out)[1].rfind("   ", 0) == 0);
  auto coloured =
      search({"--color", "always", "--conference", "industry-2024", "-n", "2"}, {"COLUMNS=" + std::to_string(columns)});
  CHECK(without_ansi(coloured.out) == r.out);
}

TEST_CASE("cli: listings and show wrap titles and names in English and Chinese") {
  auto columns = GENERATE(20, 60, 100);
  const std::string env = "COLUMNS=" + std::to_string(columns);
  // The listings' fixed columns (dates, counts, ids) take about 45: below that only their last
  // column wraps, under the row.
  const bool table_fits = columns >= 60;
  auto conferences = search({"conferences"}, {env});
  REQUIRE(conferences.exit_code == 0);
  if (table_fits) check_width(conferences.out, columns);
  for (const auto& row : json_lines(search({"conferences", "--format", "json"}).out)) {
    CHECK(unwrapped(conferences.out).find(row["conference"].get<std::string>() + " ") != std::string::npos);
    CHECK(unwrapped(conferences.out).find(row["title"].get<std::string>()) != std::string::npos);
  }
  auto speakers = search({"speakers"}, {env});
  if (table_fits) check_width(speakers.out, columns);
  for (const auto& row : json_lines(search({"speakers", "--format", "json"}).out))
    CHECK(unwrapped(speakers.out).find(row["speaker"].get<std::string>()) != std::string::npos);
  auto show = search({"show", "industry-2024/2.1"}, {env});
  check_width(show.out, columns);
  CHECK(unwrapped(show.out).find(
            "SCIO press conference on the development of industry and information technology in 2023") !=
        std::string::npos);

  // A Chinese title, wide characters, in a database of its own.
  TempDir dir;
  const std::string title = "国务院新闻办公室就二〇二三年工业和信息化发展情况举行新闻发布会（第二场，全文实录）";
  scio::test::write_file(dir / "in" / "cn-2023.txt", title +
                                                         "\n\nChina.org.cn | January 20, 2024\n\n"
                                                         "Xin Guobin, vice minister of industry\n\nJanuary 19, 2024\n\n"
                                                         "Xin Guobin:\n\n我们将继续推进新型工业化。\n");
  const std::string db = (dir / "db").string();
  REQUIRE(run({SCIO_INDEX_BIN, "-q", "--db", db, (dir / "in").string()}).exit_code == 0);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"conferences"}, {"--speaker", "xin guobin"}, {"show", "cn-2023/1"}, {"show", "cn-2023"}}) {
    std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = run(argv, {env});
    INFO(args.front() << ": " << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    if (table_fits || args.front() != "conferences") check_width(r.out, columns);
    CHECK(without_spaces(unwrapped(r.out)).find(title) != std::string::npos);
    CHECK(r.out.find("\u2026") == std::string::npos);  // nothing cut
  }
}

TEST_CASE("cli: a passage that no word matched shows its opening") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--speaker", "wang shouwen"}, {"--kind", "moderator", "-n", "5"}, {"speaker:lyu"}}) {
    std::vector<std::string> argv{"--format", "json"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = search(argv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    for (const auto& hit : json_lines(r.out)) {
      const auto snippet = hit["snippet"].get<std::string>();
      auto text = scio::core::split_words(hit["text"].get<std::string>());
      std::string flat;
      for (const auto& w : text) flat += (flat.empty() ? "" : " ") + w;
      INFO(snippet << "\n" << flat);
      CHECK(snippet.rfind(flat.substr(0, std::min<std::size_t>(40, flat.size())), 0) == 0);
      CHECK(snippet.size() <= flat.size() + 3);
    }
  }
  // With words, the snippet is still around them.
  auto words = search({"--format", "json", "--speaker", "wang shouwen", "settle"});
  REQUIRE(words.exit_code == 0);
  CHECK(json_lines(words.out).front()["snippet"].get<std::string>().find("settle") != std::string::npos);
}

TEST_CASE("cli: show takes a passage, a turn or a conference id") {
  auto turn = json_lines(search({"show", "trade-2023-start/3", "--format", "json"}).out);
  REQUIRE(turn.size() == 3);
  CHECK(turn[0]["passage"] == "trade-2023-start/2.1");
  CHECK(turn[1]["passage"] == "trade-2023-start/3.1");
  CHECK(turn[1]["target"] == true);
  CHECK(turn[0]["target"] == false);
  CHECK(json_lines(search({"show", "trade-2023-start/3", "--context", "0", "--format", "json"}).out).size() == 1);

  auto whole = search({"show", "trade-2023-start", "--format", "json"});
  INFO(whole.err);
  REQUIRE(whole.exit_code == 0);
  auto rows = json_lines(whole.out);
  std::size_t listed = 0;
  for (const auto& c : json_lines(search({"conferences", "--format", "json"}).out))
    if (c["conference"] == "trade-2023-start") listed = c["passages"];
  CHECK(rows.size() == listed);
  for (const auto& row : rows) CHECK(row["target"] == true);
  auto text = search({"show", "trade-2023-start"});
  CHECK(text.out.find("\u2502") == std::string::npos);  // nothing set apart in a whole transcript
  CHECK(text.out.find("Wang Shouwen, vice minister of commerce:") != std::string::npos);

  check_one_line_error(search({"show", "trade-2023-start/99"}), 1, "scio-search",
                       "no turn 99 with text in conference trade-2023-start");
  check_one_line_error(search({"show", "trade-2023-start/3.9"}), 1, "scio-search",
                       "no passage \"trade-2023-start/3.9\"");
  check_one_line_error(search({"show", "trade-2023-start", "--context", "2"}), 2, "scio-search",
                       "--context: \"trade-2023-start\" is a conference id");
  check_one_line_error(search({"show", "nope"}), 1, "scio-search", "no passage, turn or conference \"nope\"");
}

TEST_CASE("cli: speakers and conferences take -n, --offset and --sort") {
  auto all = json_lines(search({"speakers", "--format", "json"}).out);
  REQUIRE(all.size() > 4);
  auto page = search({"speakers", "--format", "json", "-n", "2", "--offset", "2"});
  auto rows = json_lines(page.out);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == all[2]);
  CHECK(rows[1] == all[3]);
  CHECK(page.err ==
        "scio-search: note: speakers 3-4 of " + std::to_string(all.size()) + " (-n and --offset page through them)\n");
  CHECK(search({"speakers", "-n", "2"}).out.find("Note: speakers 1-2 of") != std::string::npos);
  CHECK(search({"speakers"}).out.find("Note:") == std::string::npos);  // the whole list says nothing
  auto past = search({"speakers", "--offset", "1000"});
  CHECK(past.exit_code == 1);
  CHECK(past.out.find("Note: no speakers on this page: " + std::to_string(all.size()) + " match") != std::string::npos);

  auto newest = json_lines(search({"speakers", "--format", "json", "--sort", "newest"}).out);
  for (std::size_t i = 1; i < newest.size(); ++i) CHECK(newest[i - 1]["last"] >= newest[i]["last"]);
  auto oldest = json_lines(search({"speakers", "--format", "json", "--sort", "oldest"}).out);
  CHECK(oldest.front()["first"] == "2019-06-11");
  for (std::size_t i = 1; i < oldest.size(); ++i) CHECK(oldest[i - 1]["first"] <= oldest[i]["first"]);

  auto by_date = json_lines(search({"conferences", "--format", "json", "--sort", "oldest"}).out);
  REQUIRE(by_date.size() == 6);
  CHECK(by_date.front()["conference"] == "energy-2019");
  CHECK(by_date.back()["conference"] == "industry-2024");
  auto by_count = json_lines(search({"conferences", "--format", "json", "--sort", "relevance", "tariffs"}).out);
  REQUIRE(by_count.size() == 2);
  CHECK(by_count[0]["passages"] >= by_count[1]["passages"]);
  CHECK(by_count[0]["conference"] == "trade-2023-start");
}

TEST_CASE("cli: -n 0 gives the count only") {
  auto text = search({"-n", "0", "tariffs"});
  CHECK(text.exit_code == 0);
  CHECK(text.out == "5 passages match.\n");
  auto json = search({"-n", "0", "--format", "json", "tariffs"});
  CHECK(json.out == "{\"total\":5,\"total_exact\":true}\n");
  auto csv = search({"-n", "0", "--format", "csv", "tariffs"});
  CHECK(csv.out == "total,total_exact\r\n5,true\r\n");
  auto none = search({"-n", "0", "zebra"});
  CHECK(none.exit_code == 1);
  CHECK(none.out == "0 passages match.\n");

  const auto speakers = json_lines(search({"speakers", "--format", "json", "tariffs"}).out).size();
  auto count = search({"speakers", "-n", "0", "tariffs"});
  CHECK(count.exit_code == 0);
  CHECK(count.out == std::to_string(speakers) + " speakers.\n");
  CHECK(search({"conferences", "-n", "0", "--format", "json"}).out == "{\"total\":6,\"total_exact\":true}\n");
  CHECK(search({"conferences", "-n", "0", "--conference", "energy-2019"}).out == "1 conference.\n");
}

TEST_CASE("cli: --bom starts CSV with a UTF-8 byte-order mark, and only CSV") {
  const std::string bom = "\xEF\xBB\xBF";
  auto hits = search({"--format", "csv", "--bom", "tariffs"});
  CHECK(hits.exit_code == 0);
  CHECK(hits.out.rfind(bom + "rank,score,", 0) == 0);
  CHECK(hits.out.substr(bom.size()) == search({"--format", "csv", "tariffs"}).out);
  CHECK(search({"--bom", "conferences", "--format", "csv"}).out.rfind(bom + "conference,held,", 0) == 0);
  CHECK(search({"speakers", "--format", "csv", "--bom"}).out.rfind(bom + "speaker_key,", 0) == 0);
  CHECK(search({"show", "trade-2023-start/3.1", "--format", "csv", "--bom"}).out.rfind(bom + "passage,", 0) == 0);
  CHECK(search({"--format", "csv", "tariffs"}).out.rfind("rank,", 0) == 0);
  check_one_line_error(search({"--bom", "tariffs"}), 2, "scio-search", "--bom applies to --format csv only");
  check_one_line_error(search({"--bom", "--format", "json", "speakers"}), 2, "scio-search",
                       "--bom applies to --format csv");
}

TEST_CASE("cli: CSV joins highlights with spaces, as the README says") {
  auto csv = search({"--format", "csv", "--any", "tariffs settle"});
  auto json = json_lines(search({"--format", "json", "--any", "tariffs settle"}).out);
  REQUIRE(csv.exit_code == 0);
  bool several = false;
  for (const auto& hit : json) {
    if (hit["highlights"].size() < 2) continue;
    several = true;
    std::string joined;
    for (const auto& w : hit["highlights"]) joined += (joined.empty() ? "" : " ") + w.get<std::string>();
    CHECK(csv.out.find("," + joined + ",") != std::string::npos);
  }
  CHECK(several);
  const auto readme = scio::test::read_file(fs::path(SCIO_TEST_DATA).parent_path().parent_path() / "README.md");
  CHECK(readme.find("in CSV joined by spaces") != std::string::npos);
}

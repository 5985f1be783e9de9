// scio-search through the real binary, over tests/data/search indexed by the real scio-index:
// output formats, listings, `show`, and every kind of bad input with its exit code.
#include "core/document.h"
#include "core/text.h"
#include "core/version.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <xapian.h>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using scio::test::json_lines;
using scio::test::run;
using scio::test::RunResult;
using scio::test::TempDir;
using scio::test::without_ansi;

const std::vector<std::string> k_hit_fields = {
    "rank", "score",  "passage", "conference", "title", "held",   "speaker", "speaker_key", "role",
    "kind", "outlet", "snippet", "highlights", "text",  "source", "url",     "page",        "lang"};

const std::string& database() { return scio::test::indexed_database("search"); }

RunResult search(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{SCIO_SEARCH_BIN};
  const bool has_db = std::find(args.begin(), args.end(), "--db") != args.end();
  if (!has_db) {
    argv.push_back("--db");
    argv.push_back(database());
  }
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, env);
}

// RFC 4180: fields separated by commas, records by CRLF; a quoted field may hold commas, line
// breaks and doubled quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  bool any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
      any = false;
      ++i;
    } else {
      field += c;
      any = true;
    }
  }
  if (any) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

std::vector<std::string> passages_of(const RunResult& r) {
  std::vector<std::string> out;
  for (const auto& j : json_lines(r.out)) out.push_back(j["passage"]);
  return out;
}

// Runs scio-search with stdout on a pseudo-terminal of the given width (and no COLUMNS), and
// returns what the terminal showed.
std::string run_on_terminal(const std::vector<std::string>& args, const std::vector<std::string>& env,
                            unsigned short columns) {
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) throw std::runtime_error("no pseudo-terminal");
  winsize size{};
  size.ws_row = 40;
  size.ws_col = columns;
  ::ioctl(master, TIOCSWINSZ, &size);
  const std::string slave = ::ptsname(master);
  std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", database()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    if (entry.rfind("COLUMNS=", 0) == 0 || entry.rfind("NO_COLOR=", 0) == 0 || entry.rfind("SCIO_DB=", 0) == 0)
      continue;
    environment.push_back(entry);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> argp, envp;
  for (auto& a : argv) argp.push_back(a.data());
  argp.push_back(nullptr);
  for (auto& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, slave.c_str(), O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&actions, master);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  std::string shown;
  if (spawned == 0) {
    char buf[4096];
    // Reading ends with EIO once the program has exited and closed the terminal.
    for (ssize_t n; (n = ::read(master, buf, sizeof buf)) > 0;) shown.append(buf, static_cast<std::size_t>(n));
    ::waitpid(pid, nullptr, 0);
  }
  ::close(master);
  shown.erase(std::remove(shown.begin(), shown.end(), '\r'), shown.end());
  return shown;
}

void check_one_line_error(const RunResult& r, int code, const std::string& part) {
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.exit_code == code);
  CHECK(r.err.rfind("scio-search: error: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(r.err.find(part) != std::string::npos);
}

}  // namespace

TEST_CASE("cli: text output has a header, a snippet and the passage id per hit") {
  auto r = search({"shore power"}, {"COLUMNS=100"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto lines = lines_of(r.out);
  REQUIRE(lines.size() >= 4);
  CHECK(lines[0].rfind("1. 2021-03-02 \u00b7 Li Wei, vice minister of transport \u00b7 SCIO press conference", 0) == 0);
  CHECK(r.out.find("shore power") != std::string::npos);
  CHECK(r.out.find("   shipping-2021/4.1\n") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // piped: plain
  CHECK(r.out.find("Passages 1-") != std::string::npos);

  auto coloured = search({"--color", "always", "shore power"}, {"NO_COLOR=1", "COLUMNS=100"});
  CHECK(coloured.out.find("\x1b[1;31m") != std::string::npos);
  CHECK(without_ansi(coloured.out) == r.out);
  CHECK(search({"--color", "never", "shore power"}, {"COLUMNS=100"}).out == r.out);
}

TEST_CASE("cli: a terminal gets colour and its own width, unless NO_COLOR") {
  // --no-pager: what scio-search itself writes to a terminal (the pager has its own test).
  const auto shown = run_on_terminal({"--no-pager", "-n", "2", "--any", "清洁能源 wind solar"}, {}, 44);
  REQUIRE(shown.find("清洁") != std::string::npos);
  CHECK(shown.find("\x1b[1;31m") != std::string::npos);
  for (const auto& line : lines_of(shown)) {
    INFO("[" << line << "]");
    CHECK(scio::core::display_width(without_ansi(line)) <= 44);
  }
  const auto plain = run_on_terminal({"--no-pager", "-n", "2", "--any", "清洁能源 wind solar"}, {"NO_COLOR=1"}, 44);
  CHECK(plain.find("\x1b[") == std::string::npos);
  CHECK(plain == without_ansi(shown));
}

TEST_CASE("cli: narrow terminals and wide characters keep every line within COLUMNS") {
  auto columns = GENERATE(20, 31, 52);
  auto r = search({"--color", "always", "--any", "清洁能源 wind"}, {"COLUMNS=" + std::to_string(columns)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("清洁") != std::string::npos);
  for (const auto& line : lines_of(r.out)) {
    INFO(columns << " [" << line << "]");
    CHECK(scio::core::display_width(without_ansi(line)) <= static_cast<std::size_t>(columns));
  }
}

TEST_CASE("cli: JSON lines carry every field") {
  auto r = search({"--format", "json", "tariffs"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto rows = json_lines(r.out);
  REQUIRE(rows.size() == 5);
  int rank = 0;
  for (const auto& j : rows) {
    std::vector<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    auto expected = k_hit_fields;
    expected.push_back("exchange");     // JSON only: the exchange id, or null
    expected.push_back("counterpart");  // JSON only: the version in the other language, or null
    std::sort(expected.begin(), expected.end());
    CHECK(keys == expected);
    CHECK(j["rank"] == ++rank);
    CHECK(j["score"].get<double>() > 0);
    CHECK(j["passage"].get<std::string>().rfind(j["conference"].get<std::string>() + "/", 0) == 0);
    CHECK(j["held"].get<std::string>().size() == 10);
    CHECK(j["snippet"].get<std::string>().find("ariffs") != std::string::npos);
    CHECK(j["text"].get<std::string>().find("ariff") != std::string::npos);
    CHECK_FALSE(j["highlights"].empty());
    for (const auto& word : j["highlights"])
      CHECK(scio::core::ascii_lower(word.get<std::string>()).rfind("tariff", 0) == 0);
    CHECK(j["source"].get<std::string>().find("tests/data/search/") != std::string::npos);
    CHECK(j["page"] == 1);
  }
  const auto& wang =
      *std::find_if(rows.begin(), rows.end(), [](const auto& j) { return j["passage"] == "trade-2023-start/4.1"; });
  CHECK(wang["speaker"] == "Wang Shouwen");
  CHECK(wang["speaker_key"] == "wang shouwen");
  CHECK(wang["role"] == "vice minister of commerce");
  CHECK(wang["kind"] == "official");
  CHECK(wang["text"].get<std::string>().find("sides.\n\nWe will settle") != std::string::npos);
  const auto& cctv = *std::find_if(rows.begin(), rows.end(), [](const auto& j) { return j["speaker"] == "CCTV"; });
  CHECK(cctv["kind"] == "reporter");
  CHECK(cctv["outlet"] == "CCTV");
}

TEST_CASE("cli: CSV parses back with the same fields as JSON") {
  auto csv = search({"--format", "csv", "--any", "tariffs \"new three\""});
  auto json = search({"--format", "json", "--any", "tariffs \"new three\""});
  INFO(csv.err);
  REQUIRE(csv.exit_code == 0);
  auto rows = parse_csv(csv.out);
  auto objects = json_lines(json.out);
  REQUIRE(rows.size() == objects.size() + 1);
  CHECK(rows.front() == k_hit_fields);
  for (std::size_t i = 0; i < objects.size(); ++i) {
    REQUIRE(rows[i + 1].size() == k_hit_fields.size());
    for (std::size_t f = 0; f < k_hit_fields.size(); ++f) {
      const auto& value = objects[i][k_hit_fields[f]];
      std::string expected;
      if (value.is_string()) expected = value.get<std::string>();
      else if (value.is_array()) {
        for (const auto& v : value) {  // appended: `" " + string&&` trips g++ 12's -O3 -Wrestrict false positive
          if (!expected.empty()) expected += ' ';
          expected += v.get<std::string>();
        }
      } else if (value.is_number_float()) {
        CHECK(std::stod(rows[i + 1][f]) == Approx(value.get<double>()));
        continue;
      } else expected = value.dump();
      INFO(k_hit_fields[f]);
      CHECK(rows[i + 1][f] == expected);
    }
  }
  // The quotes and the paragraph break survived the quoting.
  CHECK(csv.out.find("\"\"new three\"\"") != std::string::npos);
}

TEST_CASE("cli: speaker names are forgiving, an unknown one lists the closest") {
  const std::vector<std::string> expected{"industry-2024/2.1", "industry-2024/4.1", "industry-2024/6.1"};
  auto name = GENERATE(as<std::string>{}, "xin guobin", "Mr. Xin Guobin", "Guobin Xin", "Vice Minister XIN GUOBIN");
  auto r = search({"--format", "json", "--sort", "oldest", "--speaker", name});
  INFO(name << ": " << r.err);
  CHECK(r.exit_code == 0);
  auto got = passages_of(r);
  std::sort(got.begin(), got.end());
  CHECK(got == expected);

  auto unknown = search({"--speaker", "Xin Guobim", "chips"});
  check_one_line_error(unknown, 2, "Xin Guobin");
}

TEST_CASE("cli: filters as options and as fields") {
  auto conferences = [](const RunResult& r) {
    std::set<std::string> out;
    for (const auto& j : json_lines(r.out)) out.insert(j["conference"]);
    return out;
  };
  auto r =
      search({"--format", "json", "-n", "100", "--since", "2023-01-01", "--until", "2023-12-31", "--kind", "official"});
  CHECK(conferences(r) == std::set<std::string>{"trade-2023-start", "customs-2023-end"});
  r = search({"--format", "json", "-n", "100", "date:2023"});
  CHECK(conferences(r) == std::set<std::string>{"trade-2023-start", "customs-2023-end"});
  r = search({"--format", "json", "-n", "100", "date:..2022-12-31"});
  CHECK(conferences(r) == std::set<std::string>{"grain-2022-end", "shipping-2021", "energy-2019"});
  r = search({"--format", "json", "--outlet", "CCTV", "--outlet", "china daily"});
  CHECK(passages_of(r).size() == 4);
  r = search({"--format", "json", "tariffs", "--conference", "customs-2023-end"});
  CHECK(passages_of(r) == std::vector<std::string>{"customs-2023-end/4.1", "customs-2023-end/3.1"});
  r = search({"--format", "json", "--per-conference", "1", "tariffs"});
  CHECK(passages_of(r).size() == 2);
  r = search({"--format", "json", "--sort", "newest", "-n", "3", "--kind", "moderator"});
  REQUIRE(json_lines(r.out).size() == 3);
  CHECK(json_lines(r.out)[0]["held"] == "2024-01-19");
  CHECK(json_lines(r.out)[2]["held"] == "2023-01-01");
}

TEST_CASE("cli: show prints the turns around a passage in transcript order") {
  auto r = search({"show", "trade-2023-start/3.1", "--context", "1", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto rows = json_lines(r.out);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["passage"] == "trade-2023-start/2.1");
  CHECK(rows[1]["passage"] == "trade-2023-start/3.1");
  CHECK(rows[2]["passage"] == "trade-2023-start/4.1");
  CHECK(rows[1]["target"] == true);
  CHECK(rows[0]["target"] == false);

  auto text = search({"--db", database(), "show", "trade-2023-start/3.1"});
  REQUIRE(text.exit_code == 0);
  const auto wang = text.out.find("Wang Shouwen, vice minister of commerce:");
  const auto cctv = text.out.find("CCTV (reporter):");
  REQUIRE(wang != std::string::npos);
  REQUIRE(cctv != std::string::npos);
  CHECK(wang < cctv);
  CHECK(text.out.find("\u2502 Some trading partners") != std::string::npos);

  check_one_line_error(search({"show", "trade-2023-start/99.1"}), 1, "no passage");
}

TEST_CASE("cli: speakers and conferences") {
  auto r = search({"speakers", "tariffs", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, int> counts;
  for (const auto& j : json_lines(r.out)) counts[j["speaker"]] = j["passages"];
  CHECK(counts == std::map<std::string, int>{{"Wang Shouwen", 2}, {"CCTV", 1}, {"Reuters", 1}, {"Lyu Daliang", 1}});

  auto all = search({"speakers", "--format", "json"});
  auto rows = json_lines(all.out);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows.front()["speaker"] == "Shou Xiaoli");
  CHECK(rows.front()["passages"] == 4);
  CHECK(rows.front()["first"] == "2021-03-02");
  CHECK(rows.front()["last"] == "2023-01-01");

  auto text = search({"speakers", "--kind", "reporter"});
  CHECK(text.out.rfind("passages  first       last        kind       speaker\n", 0) == 0);
  CHECK(text.out.find("Phoenix TV") != std::string::npos);
  CHECK(text.out.find("Li Wei") == std::string::npos);

  auto conferences = search({"conferences", "--format", "csv"});
  auto csv = parse_csv(conferences.out);
  REQUIRE(csv.size() == 7);
  CHECK(csv[0] == std::vector<std::string>{"conference", "held", "published", "title", "passages", "lang"});
  CHECK(csv[1] == std::vector<std::string>{
                      "industry-2024", "2024-01-19", "2024-02-01",
                      "SCIO press conference on the development of industry and information technology in 2023", "6",
                      "en"});
  CHECK(csv[6][0] == "energy-2019");
}

TEST_CASE("cli: did you mean") {
  auto r = search({"tarifs"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("No passages match.") != std::string::npos);
  CHECK(r.out.find("Did you mean: tariffs (5 passages)") != std::string::npos);
  auto json = search({"--format", "json", "tarifs"});
  CHECK(json.out.empty());
  CHECK(json.err == "scio-search: note: did you mean: tariffs (5 passages)\n");
  CHECK(search({"tariffs"}).out.find("Did you mean") == std::string::npos);
}

TEST_CASE("cli: bad input gets one line and a documented exit code") {
  using Case = std::tuple<std::vector<std::string>, int, std::string>;
  auto [args, code, part] = GENERATE(table<std::vector<std::string>, int, std::string>({
      Case{{"tariffs AND"}, 2, "malformed query"},
      Case{{"foo:bar"}, 2, "unknown field \"foo:\""},
      Case{{}, 2, "empty query"},
      Case{{"   "}, 2, "empty query"},
      Case{{"--since", "2023-13-01", "tariffs"}, 2, "invalid date \"2023-13-01\""},
      Case{{"date:2023-02-30"}, 2, "invalid date"},
      Case{{"--since", "2024", "--until", "2023", "tariffs"}, 2, "is after --until"},
      Case{{"--outlet", "Reuter", "tariffs"}, 2, "Reuters"},
      Case{{"--conference", "nope", "tariffs"}, 2, "no conference"},
      Case{{"--db", "/nonexistent/scio", "tariffs"},
           3,
           "no database at /nonexistent/scio (run scio-index first or pass --db)"},
      Case{{"--db", "tcp:127.0.0.1:notaport", "tariffs"}, 3, "tcp:HOST:PORT"},
  }));
  auto r = search(args);
  check_one_line_error(r, code, part);
}

TEST_CASE("cli: the database comes from --db, else SCIO_DB, else the XDG data folder") {
  auto r = run({SCIO_SEARCH_BIN, "--format", "json", "tariffs"}, {"SCIO_DB=" + database()});
  CHECK(r.exit_code == 0);
  CHECK(passages_of(r).size() == 5);
  TempDir home;
  fs::create_directories(home / "data" / "scio");
  fs::copy(database(), home / "data" / "scio" / "db", fs::copy_options::recursive);
  r = run({SCIO_SEARCH_BIN, "tariffs"}, {"XDG_DATA_HOME=" + (home / "data").string()});
  CHECK(r.exit_code == 0);
  r = run({SCIO_SEARCH_BIN, "tariffs"}, {"XDG_DATA_HOME=" + (home / "elsewhere").string()});
  check_one_line_error(r, 3, "no database at " + (home / "elsewhere" / "scio" / "db").string());
}

TEST_CASE("cli: usage errors exit 2, help exits 0") {
  CHECK(search({"--frobnicate"}).exit_code == 2);
  CHECK(search({"--kind", "journalist", "x"}).exit_code == 2);
  CHECK(search({"-n", "abc", "x"}).exit_code == 2);
  CHECK(search({"show"}).exit_code == 2);
  auto help = search({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("Exit codes:") != std::string::npos);
  auto version = search({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out == "scio-search " SCIO_VERSION " (Xapian " + std::string(Xapian::version_string()) + ")\n");
  // After --, a command name is a word to search for.
  auto word = search({"--", "speakers"});
  CHECK(word.exit_code == 1);
  CHECK(word.out.find("No passages match.") != std::string::npos);
}

TEST_CASE("cli: a damaged database or a folder of other files is a database error") {
  TempDir dir;
  fs::copy(database(), dir / "db", fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(dir / "db"))
    if (entry.path().filename().string().rfind("postlist", 0) == 0)
      scio::test::write_file(entry.path(), std::string(fs::file_size(entry.path()), 'x'));
  check_one_line_error(search({"--db", (dir / "db").string(), "tariffs"}), 3, (dir / "db").string());

  scio::test::write_file(dir / "other" / "notes.txt", "not a database");
  check_one_line_error(search({"--db", (dir / "other").string(), "tariffs"}), 3, "cannot be opened");

  fs::create_directories(dir / "empty");
  auto r = search({"--db", (dir / "empty").string(), "tariffs"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("abort") == std::string::npos);
}

TEST_CASE("cli: a database being written is searched at its last commit") {
  TempDir dir;
  fs::copy(database(), dir / "db", fs::copy_options::recursive);
  const std::string db = (dir / "db").string();
  Xapian::WritableDatabase writer(db, Xapian::DB_OPEN);  // holds the write lock
  Xapian::Document doc;
  doc.add_term("zebra");
  doc.add_term("Zzebra");
  scio::core::set_passage_record(doc, {});
  writer.add_document(doc);
  auto r = search({"--db", db, "tariffs"});
  CHECK(r.exit_code == 0);
  CHECK(search({"--db", db, "zebra"}).exit_code == 1);  // not committed yet
  writer.commit();
  CHECK(search({"--db", db, "zebra"}).exit_code == 0);

  // scio-index itself refuses to write while the lock is held, and searching goes on.
  auto index = run({SCIO_INDEX_BIN, "-q", "--db", db, scio::test::data_path("search").string()});
  CHECK(index.exit_code == 3);
  CHECK(search({"--db", db, "tariffs"}).exit_code == 0);
}

TEST_CASE("cli: searching while scio-index commits batch after batch") {
  TempDir dir;
  // 120 conferences, one file per committed batch. Each copy ends differently: scio-index keeps
  // one of identical pages.
  for (int copy = 0; copy < 20; ++copy)
    for (const auto& entry : fs::directory_iterator(scio::test::data_path("search")))
      if (entry.path().extension() == ".txt" && entry.path().stem() != "README") {
        std::string name = "c";  // appended: `"c" + string&&` trips g++ 12's -O3 -Wrestrict false positive
        name += std::to_string(copy) + "-" + entry.path().filename().string();
        scio::test::write_file(dir / "in" / name,
                               scio::test::read_file(entry.path()) + "\nThis is copy " + std::to_string(copy) + ".\n");
      }
  const std::string db = (dir / "db").string();
  // A first batch, so that the database exists before the searches start.
  REQUIRE(run({SCIO_INDEX_BIN, "-q", "--db", db, scio::test::data_path("search/energy-2019.txt").string()}).exit_code ==
          0);

  std::vector<std::string> argv{SCIO_INDEX_BIN, "-q", "--batch-size",       "1", "-j", "1",
                                "--db",         db,   (dir / "in").string()};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t indexer = 0;
  REQUIRE(posix_spawn(&indexer, args[0], nullptr, nullptr, args.data(), environ) == 0);
  int searches = 0;
  int status = 0;
  while (::waitpid(indexer, &status, WNOHANG) == 0) {
    auto r = search({"--db", db, "--exact", "tariffs OR wind"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    ++searches;
  }
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(searches > 0);
  auto last = search({"--db", db, "--format", "json", "-n", "1000", "tariffs"});
  CHECK(passages_of(last).size() == 100);  // 5 passages in each of the 20 copies
}

TEST_CASE("cli: a remote database over tcp, without spelling suggestions") {
  REQUIRE(fs::exists("/usr/bin/xapian-tcpsrv"));
  scio::test::XapianServer server(database());
  const std::string remote = server.spec();
  RunResult r;
  for (int attempt = 0; attempt < 100; ++attempt) {
    r = search({"--db", remote, "--format", "json", "tariffs"});
    if (r.exit_code != 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(passages_of(r).size() == 5);
  auto misspelt = search({"--db", remote, "tarifs"});
  CHECK(misspelt.exit_code == 1);
  CHECK(misspelt.out.find("Note: a remote database offers no spelling suggestions.") != std::string::npos);
  auto speakers = search({"--db", remote, "speakers", "tariffs", "--format", "json"});
  CHECK(json_lines(speakers.out).size() == 4);
}

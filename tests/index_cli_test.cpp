// The scio-index command line: help and exit codes, usage errors, the lock, stats, output channels.
#include "core/db_path.h"
#include "core/version.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <xapian.h>

using scio::test::data_path;
using scio::test::run;
using scio::test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("database path: --db, else $SCIO_DB, else the XDG data folder", "[cli][db-path]") {
  using scio::core::DbPathEnvironment;
  auto [option, scio_db, xdg, home, expected] =
      GENERATE(table<const char*, const char*, const char*, const char*, const char*>({
          {"/opt/db", "/env/db", "/xdg", "/home/u", "/opt/db"},
          {"", "/env/db", "/xdg", "/home/u", "/env/db"},
          {"", "", "/xdg", "/home/u", "/xdg/scio/db"},
          {"", nullptr, nullptr, "/home/u", "/home/u/.local/share/scio/db"},
          // A relative XDG_DATA_HOME is invalid (XDG spec): ignored.
          {"", nullptr, "relative/xdg", "/home/u", "/home/u/.local/share/scio/db"},
          {"", nullptr, "", "/home/u", "/home/u/.local/share/scio/db"},
      }));
  CAPTURE(option, expected);
  auto path = scio::core::resolve_db_path(option, DbPathEnvironment{scio_db, xdg, home});
  REQUIRE(path.ok());
  CHECK(path->string() == expected);
}

TEST_CASE("database path: nothing to go by is an error, not a guess", "[cli][db-path]") {
  auto path = scio::core::resolve_db_path("", scio::core::DbPathEnvironment{nullptr, nullptr, nullptr});
  REQUIRE(!path.ok());
  CHECK(path.error().find("--db") != std::string::npos);
}

TEST_CASE("scio-index --help documents the commands, options and exit codes", "[cli]") {
  auto r = run({SCIO_INDEX_BIN, "--help"});
  REQUIRE(r.exit_code == 0);
  for (const char* expected : {"PATH", "--db", "--jobs", "--prune", "--strict", "--dry-run", "--quiet", "inspect",
                               "stats", "Exit codes:", "  0  every input indexed", "  1  some inputs failed",
                               "  2  usage error", "  3  environment error", "$SCIO_DB", "XDG_DATA_HOME"}) {
    CAPTURE(expected);
    CHECK(r.out.find(expected) != std::string::npos);
  }
  CHECK(r.out.find("--batch-size") == std::string::npos);  // a tuning knob, hidden
  auto version = run({SCIO_INDEX_BIN, "--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out == "scio-index " SCIO_VERSION " (Xapian " + std::string(Xapian::version_string()) + ")\n");
}

TEST_CASE("scio-index usage errors exit 2", "[cli]") {
  TempDir tmp;
  auto [args] = GENERATE(table<std::vector<std::string>>({
      {{}},  // nothing to index
      {{"--no-such-option", "x"}},
      {{"--jobs", "0", "x"}},
      {{"--jobs", "many", "x"}},
      {{"inspect"}},  // inspect needs a PATH
  }));
  std::vector<std::string> argv{SCIO_INDEX_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run(argv, {"SCIO_DB=" + (tmp / "db").string()});
  CHECK(r.exit_code == 2);
  CHECK(!fs::exists(tmp / "db"));
}

TEST_CASE("scio-index inspect still parses without a database", "[cli]") {
  TempDir tmp;
  auto r = run({SCIO_INDEX_BIN, "inspect", data_path("index/wh_briefing.txt").string()},
               {"SCIO_DB=" + (tmp / "db").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\"id\": \"wh_briefing\"") != std::string::npos);
  CHECK(!fs::exists(tmp / "db"));
}

TEST_CASE("a second writer fails at once with the lock message, exit 3", "[cli][lock]") {
  TempDir tmp;
  const auto db = tmp / "db";
  Xapian::WritableDatabase holder(db.string(), Xapian::DB_CREATE_OR_OPEN);
  auto r = run({SCIO_INDEX_BIN, "--db", db.string(), data_path("index").string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err == "scio-index: error: database " + db.string() + " is being written by another scio-index (locked)\n");
  CHECK(holder.get_doccount() == 0);
  // Reading is not blocked by a writer: stats works meanwhile.
  auto stats = run({SCIO_INDEX_BIN, "stats", "--db", db.string()});
  CHECK(stats.exit_code == 0);
  holder.close();
  CHECK(run({SCIO_INDEX_BIN, "-q", "--db", db.string(), data_path("index").string()}).exit_code == 0);
}

TEST_CASE("environment errors exit 3 and name the database", "[cli]") {
  TempDir tmp;
  SECTION("a folder of other files is not taken over") {
    scio::test::write_file(tmp / "docs" / "letter.txt", "Dear Sir");
    auto r = run({SCIO_INDEX_BIN, "--db", (tmp / "docs").string(), data_path("index/wh_briefing.txt").string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err == "scio-index: error: database " + (tmp / "docs").string() +
                       " is a folder of other files, not a Xapian database\n");
    CHECK(fs::directory_iterator(tmp / "docs") != fs::directory_iterator());
    CHECK(!fs::exists(tmp / "docs" / "iamglass"));
  }
  SECTION("stats of a database that does not exist") {
    auto r = run({SCIO_INDEX_BIN, "stats", "--db", (tmp / "none").string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.rfind("scio-index: error: no database at " + (tmp / "none").string(), 0) == 0);
    CHECK(!fs::exists(tmp / "none"));
  }
  SECTION("a database of another schema version") {
    {
      Xapian::WritableDatabase db((tmp / "old").string(), Xapian::DB_CREATE_OR_OPEN);
      db.set_metadata("scio:schema", "0");
      db.commit();
    }
    auto r = run({SCIO_INDEX_BIN, "--db", (tmp / "old").string(), data_path("index/wh_briefing.txt").string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("has schema version 0") != std::string::npos);
  }
  SECTION("a damaged stored conference") {
    const auto input = tmp / "in" / "wh_briefing.txt";
    const auto text = scio::test::read_file(data_path("index/wh_briefing.txt"));
    scio::test::write_file(input, text);
    REQUIRE(run({SCIO_INDEX_BIN, "-q", "--db", (tmp / "db").string(), input.string()}).exit_code == 0);
    std::string id;
    {
      Xapian::WritableDatabase db((tmp / "db").string(), Xapian::DB_OPEN);
      auto key = db.metadata_keys_begin("scio:conf:");
      REQUIRE(key != db.metadata_keys_end("scio:conf:"));
      id = (*key).substr(10);
      db.set_metadata(*key, "<conference/>");
      db.commit();
    }
    scio::test::write_file(input, text + "\nMR. CARNEY: One more thing.\n");
    auto r = run({SCIO_INDEX_BIN, "--db", (tmp / "db").string(), input.string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err == "scio-index: error: database " + (tmp / "db").string() + ": stored conference " + id +
                       " does not read back: not zlib-compressed data\n");
    CHECK(Xapian::Database((tmp / "db").string()).get_doccount() > 0);
  }
}

TEST_CASE("scio-index stats: counts, speakers, dates, size, last update", "[cli][stats]") {
  TempDir tmp;
  REQUIRE(run({SCIO_INDEX_BIN, "-q", "--db", (tmp / "db").string(), data_path("index").string()}).exit_code == 0);
  auto r = run({SCIO_INDEX_BIN, "stats", "--db", (tmp / "db").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("database:     " + (tmp / "db").string() + "\n") != std::string::npos);
  CHECK(r.out.find("conferences:  3\n") != std::string::npos);
  CHECK(r.out.find("passages:     25\n") != std::string::npos);
  // seed: xing huina, xin guobin; content_100: chen wenjun, wang hong, liu fang, cctv, bloomberg;
  // the briefing: carney, reporter.
  CHECK(r.out.find("speakers:     9\n") != std::string::npos);
  CHECK(r.out.find("held:         2014-04-21 .. 2024-04-30\n") != std::string::npos);
  CHECK(r.out.find("size:         ") != std::string::npos);
  CHECK(r.out.find("last update:  20") != std::string::npos);
  CHECK(r.err.empty());
  // `scio-index --db DIR stats` is the same.
  CHECK(run({SCIO_INDEX_BIN, "--db", (tmp / "db").string(), "stats"}).out == r.out);
}

TEST_CASE("output channels: no progress line off a terminal, --quiet silences the summary", "[cli]") {
  TempDir tmp;
  auto r = run({SCIO_INDEX_BIN, "--db", (tmp / "db").string(), data_path("index").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.err.rfind("scio-index: 5 files: ", 0) == 0);
  auto quiet = run({SCIO_INDEX_BIN, "--quiet", "--db", (tmp / "db2").string(), data_path("index").string()});
  REQUIRE(quiet.exit_code == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
}

// Hostile inputs through the real scio-index (inspect, and indexing into a database): one line
// naming the file, no crash, the good files in the same run still read or indexed, and exit code 1.
#include "core/schema.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <xapian.h>

using scio::test::data_path;
using scio::test::run;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Exit code 1 and one line on stderr, naming the hostile file and what is wrong with it.
void check_one_error(const scio::test::RunResult& r, const fs::path& hostile, const std::string& expected_message) {
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 1);
  auto lines = lines_of(r.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("scio-index: error: " + hostile.string(), 0) == 0);
  CHECK(lines[0].find(expected_message) != std::string::npos);
}

// Indexes the good seed page plus one hostile path into a new database: one line naming the file,
// exit code 1, and the good page indexed in the same run.
void index_with_good(const fs::path& hostile, const std::string& expected_message) {
  scio::test::TempDir dir;
  const std::string db = (dir / "db").string();
  check_one_error(run({SCIO_INDEX_BIN, "--quiet", "--db", db, data_path("text/seed_000_9544d068414588cc.txt").string(),
                       hostile.string()}),
                  hostile, expected_message);
  Xapian::Database indexed(db);
  const std::string seed = std::string(scio::core::schema::k_prefix_conference) + "seed_000_9544d068414588cc";
  CHECK(indexed.get_termfreq(seed) > 0);
  CHECK(indexed.get_doccount() == indexed.get_termfreq(seed));
}

// Runs `scio-index inspect` over the good seed page plus one hostile path; checks the contract,
// then the same through the index command.
nlohmann::json inspect_with_good(const fs::path& hostile, const std::string& expected_message) {
  index_with_good(hostile, expected_message);
  auto r = run({SCIO_INDEX_BIN, "inspect", data_path("text/seed_000_9544d068414588cc.txt").string(), hostile.string()});
  check_one_error(r, hostile, expected_message);
  auto all = nlohmann::json::parse(r.out);
  REQUIRE(all.size() >= 1);
  bool seed = false;
  for (const auto& c : all) seed = seed || c["id"] == "seed_000_9544d068414588cc";
  CHECK(seed);
  return all;
}

}  // namespace

TEST_CASE("hostile files committed in tests/data/hostile are refused with a reason", "[hostile]") {
  auto [name, message] = GENERATE(table<const char*, const char*>({
      {"empty.txt", "empty file"},
      {"binary_junk.htm", "binary file"},
      {"xml_billion_laughs.xml", "DOCTYPE and entity declarations are not allowed"},
      {"xml_external_entity.xml", "DOCTYPE and entity declarations are not allowed"},
  }));
  CAPTURE(name);
  inspect_with_good(data_path(std::string("hostile/") + name), message);
}

TEST_CASE("hostile files that still hold a transcript are read, not mangled", "[hostile]") {
  auto [name, phrase] = GENERATE(table<const char*, const char*>({
      {"truncated_content_901.htm", "Ladies and gentlemen, good morning."},
      {"invalid_utf8_content_902.txt", "Green shipping is the \xEF\xBF\xBD"},
      {"utf16_bom_content_903.htm", "Green shipping \xE2\x80\x94 the future."},
      {"gbk_undeclared_content_904.htm", "绿色航运是未来的方向"},
  }));
  CAPTURE(name);
  auto r = run({SCIO_INDEX_BIN, "inspect", data_path(std::string("hostile/") + name).string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(phrase) != std::string::npos);
}

TEST_CASE("a 200 MB single-line file is refused without being read", "[hostile]") {
  scio::test::TempDir dir;
  auto big = dir / "huge_one_line.txt";
  { std::ofstream(big) << "x"; }
  fs::resize_file(big, 200u << 20);  // sparse: no 200 MB written to disk
  inspect_with_good(big, "file too large");
}

TEST_CASE("HTML nested 100,000 levels deep is refused, not a crash", "[hostile]") {
  scio::test::TempDir dir;
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "Xin Guobin: deep</body></html>";
  scio::test::write_file(dir / "deep.htm", html);
  inspect_with_good(dir / "deep.htm", "nested deeper than");
}

TEST_CASE("a file that vanished after listing, a FIFO, a symlink loop", "[hostile]") {
  scio::test::TempDir dir;
  fs::create_symlink(dir / "gone.htm", dir / "vanished.htm");  // listed, then not there
  inspect_with_good(dir / "vanished.htm", "no such file");
  REQUIRE(::mkfifo((dir / "pipe.txt").c_str(), 0600) == 0);
  inspect_with_good(dir / "pipe.txt", "not a regular file");

  scio::test::TempDir tree;
  scio::test::write_file(tree / "in/content_900.txt", scio::test::read_file(data_path("text/content_900.txt")));
  fs::create_directory_symlink(tree / "in", tree / "in/loop");
  auto r = run({SCIO_INDEX_BIN, "inspect", (tree / "in").string()});
  CHECK(r.exit_code == 1);
  auto lines = lines_of(r.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("symlink loop") != std::string::npos);
  CHECK(nlohmann::json::parse(r.out).size() == 1);

  scio::test::TempDir out;
  auto indexed = run({SCIO_INDEX_BIN, "--quiet", "--db", (out / "db").string(), (tree / "in").string()});
  CHECK(indexed.exit_code == 1);
  lines = lines_of(indexed.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("symlink loop") != std::string::npos);
  const std::string conference = std::string(scio::core::schema::k_prefix_conference) + "content_900";
  CHECK(Xapian::Database((out / "db").string()).get_termfreq(conference) > 0);
}

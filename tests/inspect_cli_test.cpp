// The real `scio-index inspect` binary, end to end.
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using scio::test::data_path;
using scio::test::run;

TEST_CASE("inspect prints the conferences as JSON", "[cli][inspect]") {
  auto r = run({SCIO_INDEX_BIN, "inspect", data_path("text").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  auto all = nlohmann::json::parse(r.out);
  REQUIRE(all.is_array());
  REQUIRE(all.size() == 4);  // content_900 (3 pages), colon_paragraph, seed, wh_excerpt
  const nlohmann::json* seed = nullptr;
  for (const auto& c : all)
    if (c["id"] == "seed_000_9544d068414588cc") seed = &c;
  REQUIRE(seed);
  CHECK((*seed)["held"] == "2024-01-19");
  CHECK((*seed)["published"] == "2024-02-01");
  CHECK((*seed)["urls"].is_array());
  CHECK((*seed)["participants"].size() == 4);
  CHECK((*seed)["participants"][0]["name"] == "Xin Guobin");
  CHECK((*seed)["sources"].size() == 1);
  const auto& turn = (*seed)["turns"][1];
  CHECK(turn["speaker"] == "Xin Guobin");
  CHECK(turn["speaker_key"] == "xin guobin");
  CHECK(turn["kind"] == "official");
  CHECK(turn["outlet"].is_null());
  CHECK(turn["paragraphs"].size() == 9);
}

TEST_CASE("inspect --format xml prints canonical XML that reads back", "[cli][inspect]") {
  scio::test::TempDir dir;
  auto r = run({SCIO_INDEX_BIN, "inspect", "--format", "xml", data_path("text").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("<conferences") != std::string::npos);
  scio::test::write_file(dir / "all.xml", r.out);
  auto again = run({SCIO_INDEX_BIN, "inspect", "--format", "xml", (dir / "all.xml").string()});
  REQUIRE(again.exit_code == 0);
  CHECK(again.out == r.out);
}

TEST_CASE("inspect: a bad input gets one line naming it, the others still print, exit 1", "[cli][inspect]") {
  scio::test::TempDir dir;
  scio::test::write_file(dir / "empty.txt", "");
  scio::test::write_file(dir / "notes.txt", "Just a note.\n");
  auto r = run({SCIO_INDEX_BIN, "inspect", (dir / "empty.txt").string(), (dir / "notes.txt").string(),
                data_path("text/wh_excerpt.txt").string(), (dir / "missing.txt").string()});
  CHECK(r.exit_code == 1);
  auto all = nlohmann::json::parse(r.out);
  CHECK(all.size() == 1);
  std::vector<std::string> lines;
  std::istringstream err(r.err);
  for (std::string line; std::getline(err, line);) lines.push_back(line);
  REQUIRE(lines.size() == 3);
  for (const auto& line : lines) CHECK(line.rfind("scio-index: error: ", 0) == 0);
  CHECK(r.err.find("empty.txt: empty file") != std::string::npos);
  CHECK(r.err.find("notes.txt: not a transcript") != std::string::npos);
  CHECK(r.err.find("missing.txt: no such file or folder") != std::string::npos);
}

TEST_CASE("inspect: usage errors exit 2", "[cli][inspect]") {
  CHECK(run({SCIO_INDEX_BIN, "inspect"}).exit_code == 2);
  CHECK(run({SCIO_INDEX_BIN, "inspect", "--format", "yaml", "x"}).exit_code == 2);
}

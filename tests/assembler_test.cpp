// Multi-page assembly: page order, turns running on across pages, duplicates, page naming.
#include "indexer/assembler.h"
#include "indexer/page_name.h"
#include "indexer/reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using scio::core::SpeakerKind;
using scio::test::data_path;
namespace fs = std::filesystem;

TEST_CASE("page names give conference and page number", "[assembly]") {
  using scio::indexer::page_name;
  auto [path, url, id, number, mobile] = GENERATE(table<const char*, const char*, const char*, int, bool>({
      {"saved/content_12345.htm", "", "content_12345", 1, false},
      {"saved/content_12345_2.htm", "", "content_12345", 2, false},
      {"saved/content_12345_10.htm", "", "content_12345", 10, false},
      {"saved/content_12345_1.htm", "", "content_12345", 1, false},
      {"saved/content_12345_2 (1).htm", "", "content_12345", 2, false},
      {"saved/page.htm", "http://english.scio.gov.cn/m/pressroom/2024-01/19/content_777_3.htm", "content_777", 3, true},
      {"x.htm", "http://www.china.org.cn/china/special_coverage/2024-01/19/content_5555_2.htm", "content_5555", 2,
       false},
      {"pressroom/node_9001.html", "", "node_9001", 1, false},
      {"mfa/t1558711.shtml", "", "t1558711", 1, false},
      {"txt/0000.txt", "", "txt-0000", 1, false},
      {"seed/000_9544d068414588cc.txt", "", "000_9544d068414588cc", 1, false},
      {"m/pressroom/content_12345.htm", "", "content_12345", 1, true},
      // Browser duplicate names, and what is not a page number.
      {"saved/content_12345 - Copy.htm", "", "content_12345", 1, false},
      {"saved/content_12345_2 - copy (3).htm", "", "content_12345", 2, false},
      {"saved/content_12345_2 copy.htm", "", "content_12345", 2, false},
      {"saved/content_1 copy (1).htm", "", "content_1-copy", 1, false},
      {"saved/content_12345_0.htm", "", "content_12345_0", 1, false},
      {"saved/content_12345_100.htm", "", "content_12345_100", 1, false},
      {"saved/press-briefing_4.txt", "", "press-briefing", 4, false},
      {"saved/2024_05.txt", "", "saved-2024_05", 1, false},
  }));
  CAPTURE(path, url);
  auto n = page_name(path, url);
  CHECK(n.conference_id == id);
  CHECK(n.number == number);
  CHECK(n.mobile == mobile);
}

TEST_CASE("three pages assemble in order, page 2 running on mid-turn", "[assembly]") {
  // Given in reverse order on purpose: page order comes from the names, not the arguments.
  auto res = scio::indexer::read_inputs(
      {data_path("text/content_900_3.txt"), data_path("text/content_900_2.txt"), data_path("text/content_900.txt")});
  REQUIRE(res.errors.empty());
  REQUIRE(res.conferences.size() == 1);
  const auto& c = res.conferences.front();
  CHECK(c.id == "content_900");
  REQUIRE(c.pages.size() == 3);
  CHECK(c.pages[0].number == 1);
  CHECK(c.pages[2].number == 3);
  REQUIRE(c.held);
  CHECK(c.held->iso() == "2024-02-27");
  REQUIRE(c.published);
  CHECK(c.published->iso() == "2024-03-05");
  REQUIRE(c.participants.size() == 3);
  CHECK(c.participants[2].name == "Shou Xiaoli");

  auto turns = c.turns();
  std::vector<std::string> speakers;
  for (const auto& t : turns) speakers.push_back(t.speaker);
  CHECK(speakers == std::vector<std::string>{"Shou Xiaoli", "Li Wei", "Shou Xiaoli", "CCTV", "Chen Jing",
                                             "Bloomberg reporter", "Li Wei", "Shou Xiaoli"});
  // Li Wei's turn runs from page 1 onto page 2 and keeps its speaker.
  REQUIRE(turns[1].paragraphs.size() == 4);
  CHECK(turns[1].paragraphs[0] == "Thank you. Our position is very clear:");
  CHECK(turns[1].paragraphs[2].rfind("The electrification of river ferries", 0) == 0);
  CHECK(turns[1].page == 1);
  CHECK(turns[0].kind == SpeakerKind::moderator);
  CHECK(turns[1].kind == SpeakerKind::official);
  CHECK(turns[3].kind == SpeakerKind::reporter);
  CHECK(turns[3].outlet == "CCTV");
  CHECK(turns[5].outlet == "Bloomberg");
  CHECK(turns[5].speaker_key == "bloomberg");
  CHECK(turns[4].page == 2);
}

TEST_CASE("the transcript may start on page 2", "[assembly]") {
  auto res = scio::indexer::read_inputs({data_path("text/content_900_2.txt"), data_path("text/content_900_3.txt")});
  REQUIRE(res.errors.empty());
  REQUIRE(res.conferences.size() == 1);
  auto turns = res.conferences.front().turns();
  REQUIRE_FALSE(turns.empty());
  CHECK(turns[0].kind == SpeakerKind::unknown);  // runs on from a page we do not have
  CHECK(turns[1].speaker == "Shou Xiaoli");
}

TEST_CASE("the same page saved twice is one page", "[assembly]") {
  scio::test::TempDir dir;
  auto page = scio::test::read_file(data_path("text/content_900.txt"));
  scio::test::write_file(dir / "content_900.txt", page);
  scio::test::write_file(dir / "m/content_900.txt", page);              // mobile copy
  scio::test::write_file(dir / "downloads/content_900 (1).txt", page);  // second download
  scio::test::write_file(dir / "other-name.txt", page);                 // another name entirely
  auto res = scio::indexer::read_inputs({dir.path()});
  REQUIRE(res.errors.empty());
  REQUIRE(res.conferences.size() == 1);
  CHECK(res.conferences.front().pages.size() == 1);
  CHECK(res.conferences.front().pages.front().source == (dir / "content_900.txt").string());
  CHECK(res.duplicate_pages == 3);
}

TEST_CASE("merging a changed page replaces it, keep_existing keeps the first", "[assembly]") {
  auto base = scio::indexer::read_file(data_path("text/content_900.txt")).conferences.at(0);
  auto changed = base;
  changed.pages[0].turns[0].paragraphs = {"Changed."};
  auto merged = base;
  scio::indexer::merge_conference(merged, changed, scio::indexer::MergePolicy::keep_existing);
  CHECK(merged.turns()[0].paragraphs != std::vector<std::string>{"Changed."});
  scio::indexer::merge_conference(merged, changed, scio::indexer::MergePolicy::replace);
  CHECK(merged.turns()[0].paragraphs == std::vector<std::string>{"Changed."});
  CHECK(merged.pages.size() == 1);
}

TEST_CASE("folders are read recursively and sorted, missing paths are errors", "[assembly]") {
  std::vector<scio::indexer::InputError> errors;
  auto files = scio::indexer::list_inputs({data_path("text"), data_path("does-not-exist")}, errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "no such file or folder");
  CHECK(std::is_sorted(files.begin(), files.end()));
  for (const auto& f : files) CHECK(f.filename() != "README.txt");
  CHECK(files.size() == 6);
}

TEST_CASE("a symlink loop in an input folder is reported once and not followed", "[assembly]") {
  scio::test::TempDir dir;
  scio::test::write_file(dir / "a/content_900.txt", scio::test::read_file(data_path("text/content_900.txt")));
  fs::create_directory_symlink(dir / "a", dir / "a/loop");
  std::vector<scio::indexer::InputError> errors;
  auto files = scio::indexer::list_inputs({dir.path()}, errors);
  CHECK(files.size() == 1);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.find("symlink loop") != std::string::npos);
}

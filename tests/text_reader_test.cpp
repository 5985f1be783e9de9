// Plain-text transcripts (the seed's layout) read end to end into the conference model.
#include "indexer/reader.h"
#include "indexer/text_reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using scio::core::SpeakerKind;
using scio::test::data_path;

namespace {

scio::core::Conference read_one(const std::string& name) {
  auto r = scio::indexer::read_file(data_path(name));
  INFO((r.error ? r.error->message : std::string()));
  REQUIRE_FALSE(r.error);
  REQUIRE(r.conferences.size() == 1);
  return r.conferences.front();
}

}  // namespace

TEST_CASE("the seed page: title, both dates, participants, every turn", "[text]") {
  auto res = scio::indexer::read_inputs({data_path("text/seed_000_9544d068414588cc.txt")});
  REQUIRE(res.errors.empty());
  REQUIRE(res.conferences.size() == 1);
  const auto& c = res.conferences.front();
  CHECK(c.id == "seed_000_9544d068414588cc");
  CHECK(c.title == "SCIO press conference on the development of industry and information technology in 2023");
  REQUIRE(c.published);
  CHECK(c.published->iso() == "2024-02-01");
  REQUIRE(c.held);
  CHECK(c.held->iso() == "2024-01-19");
  REQUIRE(c.participants.size() == 4);
  CHECK(c.participants[0].name == "Xin Guobin");
  CHECK(c.participants[0].role == "vice minister of industry and information technology");
  CHECK(c.participants[1].name == "Zhao Zhiguo");
  CHECK(c.participants[2].name == "Tao Qing");
  CHECK(c.participants[3].name == "Xing Huina");
  CHECK(c.participants[3].role.find("spokesperson of the SCIO") != std::string::npos);

  auto turns = c.turns();
  REQUIRE(turns.size() == 3);
  CHECK(turns[0].speaker == "Xing Huina");
  CHECK(turns[0].kind == SpeakerKind::moderator);
  CHECK(turns[0].paragraphs.size() == 2);
  CHECK(turns[1].speaker == "Xin Guobin");
  CHECK(turns[1].speaker_key == "xin guobin");
  CHECK(turns[1].kind == SpeakerKind::official);
  CHECK(c.role_of(turns[1].speaker_key) == "vice minister of industry and information technology");
  CHECK(turns[1].paragraphs.size() == 9);
  CHECK(turns[1].paragraphs.front().rfind("Ladies and gentlemen, friends from the media", 0) == 0);
  CHECK(turns[2].speaker == "Xing Huina");
  CHECK(turns[2].kind == SpeakerKind::moderator);
  // Furniture is never speech.
  for (const auto& t : turns)
    for (const auto& p : t.paragraphs) {
      CHECK(p.find("Read in Chinese") == std::string::npos);
      CHECK(p.find("1  2  3") == std::string::npos);
      CHECK(p != "1 2 3 4 5 6 7 8 9 10 >");
    }
}

TEST_CASE("White House layout: all-caps labels, anonymous reporters, preamble dropped", "[text]") {
  auto c = read_one("text/wh_excerpt.txt");
  CHECK(c.title == "Press Briefing by Press Secretary Josh Earnest, 8/3/2016");
  REQUIRE(c.held);
  CHECK(c.held->iso() == "2016-08-03");
  auto turns = c.turns();
  REQUIRE(turns.size() == 4);
  CHECK(turns[0].speaker == "Mr. Earnest");  // shown in title case; the label was "MR. EARNEST:"
  CHECK(turns[0].speaker_key == "earnest");
  CHECK(turns[0].paragraphs.size() == 1);  // "James S. Brady Press Briefing Room" is not speech
  CHECK(turns[1].kind == SpeakerKind::reporter);
  CHECK(turns[1].outlet.empty());
  CHECK(turns[3].speaker == "Senior Administration Official");
  CHECK(turns[3].kind == SpeakerKind::official);
}

TEST_CASE("a paragraph that ends with a colon is not a speaker line", "[text]") {
  auto c = read_one("text/colon_paragraph.txt");
  auto turns = c.turns();
  REQUIRE(turns.size() == 3);
  CHECK(turns[0].speaker == "Wang Wenbin");
  REQUIRE(turns[0].paragraphs.size() == 3);
  CHECK(turns[0].paragraphs[0] == "Let me say three things about trade:");
  CHECK(turns[1].speaker == "AFP");
  CHECK(turns[1].kind == SpeakerKind::reporter);
  CHECK(turns[1].outlet == "AFP");
  CHECK(turns[2].paragraphs ==
        std::vector<std::string>{"China's position is as follows:", "We oppose unilateral tariffs."});
}

TEST_CASE("text blocks are lines, white space normalised", "[text]") {
  auto page = scio::indexer::read_text("  Title  line \r\n\r\n\tXin Guobin:\n\nFirst\u00a0paragraph.\n");
  REQUIRE(page.blocks.size() == 3);
  CHECK(page.blocks[0].text == "Title line");
  CHECK(page.blocks[1].text == "Xin Guobin:");
  CHECK(page.blocks[2].text == "First paragraph.");
}

TEST_CASE("a file with no speaker turns is an error, not an empty result", "[text]") {
  scio::test::TempDir dir;
  scio::test::write_file(dir / "notes.txt", "Shopping list\n\nMilk, eggs and bread.\n");
  auto r = scio::indexer::read_file(dir / "notes.txt");
  REQUIRE(r.error);
  CHECK(r.error->message.find("no speaker turns") != std::string::npos);
}

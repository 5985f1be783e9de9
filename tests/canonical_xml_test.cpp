// The canonical XML form: a lossless round trip, both roots, and refusal of DTDs and entities.
#include "core/canonical_xml.h"
#include "indexer/reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using namespace scio::core;

namespace {

Conference sample() {
  Conference c;
  c.id = "content_900";
  c.title = "Press <conference> & \"quotes\" — 绿色航运";
  c.urls = {"http://english.scio.gov.cn/pressroom/2024-03/05/content_900.htm"};
  c.published = make_date(2024, 3, 5);
  c.held = make_date(2024, 2, 27);
  c.participants = {{"Li Wei", "vice minister of transport"}, {"Shou Xiaoli", ""}};
  Page p1;
  p1.number = 1;
  p1.source = "saved/content_900.htm";
  p1.hash = "0123456789abcdef";
  p1.turns.push_back({"Shou Xiaoli",
                      "shou xiaoli",
                      SpeakerKind::moderator,
                      "",
                      {"Good morning.", "Second <para> & more."},
                      1,
                      false,
                      std::nullopt,
                      std::nullopt});
  p1.turns.push_back(
      {"CCTV reporter", "cctv", SpeakerKind::reporter, "CCTV", {"A question?"}, 1, false, std::nullopt, std::nullopt});
  Page p3;
  p3.number = 3;
  p3.source = "saved/content_900_3.htm";
  p3.url = "http://english.scio.gov.cn/pressroom/2024-03/05/content_900_3.htm";
  p3.hash = "fedcba9876543210";
  p3.turns.push_back(
      {"CCTV reporter", "cctv", SpeakerKind::reporter, "CCTV", {"Runs on."}, 3, true, std::nullopt, std::nullopt});
  p3.turns.push_back({"", "", SpeakerKind::unknown, "", {"Unknown voice."}, 3, false, std::nullopt, std::nullopt});
  c.pages = {p1, p3};
  return c;
}

}  // namespace

TEST_CASE("canonical XML round-trips losslessly", "[xml]") {
  auto c = sample();
  auto xml = to_canonical_xml(c);
  CHECK(is_canonical_xml(xml));
  auto back = from_canonical_xml(xml);
  INFO((back ? std::string() : back.error()));
  REQUIRE(back);
  REQUIRE(back->size() == 1);
  CHECK(back->front() == c);
  CHECK(to_canonical_xml(back->front()) == xml);
}

TEST_CASE("a conference with no dates and no pages round-trips", "[xml]") {
  Conference c;
  c.id = "empty";
  auto back = from_canonical_xml(to_canonical_xml(c));
  REQUIRE(back);
  CHECK(back->front() == c);
}

TEST_CASE("several conferences under <conferences>", "[xml]") {
  auto a = sample();
  auto b = sample();
  b.id = "other";
  auto back = from_canonical_xml(to_canonical_xml(std::vector<Conference>{a, b}));
  REQUIRE(back);
  REQUIRE(back->size() == 2);
  CHECK((*back)[0] == a);
  CHECK((*back)[1] == b);
}

TEST_CASE("real transcripts round-trip through canonical XML", "[xml]") {
  auto res = scio::indexer::read_inputs({scio::test::data_path("text")});
  REQUIRE(res.errors.empty());
  REQUIRE(res.conferences.size() >= 3);
  auto back = from_canonical_xml(to_canonical_xml(res.conferences));
  REQUIRE(back);
  CHECK(*back == res.conferences);
}

TEST_CASE("bad canonical XML is an error with a reason", "[xml]") {
  auto [xml, expected] = GENERATE(table<const char*, const char*>({
      {"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><conference "
       "id=\"x\" version=\"1\"><title>&lol2;</title></conference>",
       "DOCTYPE"},
      {"<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><conference id=\"x\" "
       "version=\"1\"><title>&xxe;</title></conference>",
       "DOCTYPE"},
      {"<?xml version=\"1.0\"?><conference id=\"x\" version=\"1\"><title>open", "invalid XML"},
      {"<?xml version=\"1.0\"?><other/>", "not canonical XML"},
      {"<conference version=\"1\"><title>t</title></conference>", "no id"},
      {"<conference id=\"x\" version=\"9\"/>", "version"},
      {"<conference id=\"x\" version=\"1\"><held>2024-02-30</held></conference>", "invalid <held> date"},
      {"<conference id=\"x\" version=\"1\"><page number=\"1\"><turn kind=\"boss\"/></page></conference>",
       "invalid turn kind"},
  }));
  CAPTURE(xml);
  auto r = from_canonical_xml(xml);
  REQUIRE_FALSE(r);
  CHECK(r.error().find(expected) != std::string::npos);
}

TEST_CASE("canonical XML files are read as inputs", "[xml]") {
  scio::test::TempDir dir;
  scio::test::write_file(dir / "archive.xml", to_canonical_xml(sample()));
  auto res = scio::indexer::read_inputs({dir.path()});
  REQUIRE(res.errors.empty());
  REQUIRE(res.conferences.size() == 1);
  CHECK(res.conferences.front().id == "content_900");
  CHECK(res.conferences.front().pages.size() == 2);
}

TEST_CASE("canonical XML files written by inspect read back to the same conferences", "[xml]") {
  // tests/data/xml/*.xml: `scio-index inspect --format xml` of corpus/scio/content_900*.txt (three
  // pages) and of corpus/mfa/t1794266.shtml. They also seed xml_fuzz.
  for (const char* name : {"xml/content_900.xml", "xml/t1794266.xml"}) {
    CAPTURE(name);
    const std::string text = scio::test::read_file(scio::test::data_path(name));
    auto parsed = scio::core::from_canonical_xml(text);
    REQUIRE(parsed);
    REQUIRE(parsed->size() == 1);
    CHECK(scio::core::to_canonical_xml(*parsed) == text);
    auto read = scio::indexer::read_file(scio::test::data_path(name));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.conferences.size() == 1);
    CHECK(scio::core::to_canonical_xml(read.conferences) == text);
  }
  auto shipping = scio::core::from_canonical_xml(scio::test::read_file(scio::test::data_path("xml/content_900.xml")));
  REQUIRE(shipping);
  CHECK(shipping->front().pages.size() == 3);
}

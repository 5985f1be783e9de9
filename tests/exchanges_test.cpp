// Exchanges: which turns form a question and its answer (indexer/exchanges.h), over fixtures in
// the SCIO, White House and Foreign Ministry layouts, and their round trip through canonical XML.
#include "core/canonical_xml.h"
#include "indexer/exchanges.h"
#include "indexer/reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>

using scio::test::data_path;

namespace {

// "speaker=exchange" per turn ("-" for none), with "<follows" for a follow-up.
std::vector<std::string> layout(const scio::core::Conference& c) {
  std::vector<std::string> out;
  for (const auto& t : c.turns())
    out.push_back(t.speaker + "=" + (t.exchange ? std::to_string(*t.exchange) : "-") +
                  (t.follows ? "<" + std::to_string(*t.follows) : ""));
  return out;
}

scio::core::Conference read_one(const std::string& name) {
  auto res = scio::indexer::read_inputs({data_path(name)});
  REQUIRE(res.errors.empty());
  REQUIRE(res.conferences.size() == 1);
  return res.conferences.front();
}

}  // namespace

TEST_CASE("SCIO: the moderator belongs to no exchange, several officials answer one question", "[exchanges]") {
  const auto c = read_one("exchanges/exchanges_scio.txt");
  CHECK(layout(c) == std::vector<std::string>{"Shou Xiaoli=-", "Li Wei=-", "Shou Xiaoli=-", "CCTV=1", "Li Wei=1",
                                              "Shou Xiaoli=-", "Chen Jing=1", "Shou Xiaoli=-", "Bloomberg=2",
                                              "Chen Jing=2", "Bloomberg=3<2", "Chen Jing=3<2", "Shou Xiaoli=-",
                                              "China Daily=4", "Shou Xiaoli=-"});
}

TEST_CASE("White House: a run of Q: questions, one asked twice before the answer", "[exchanges]") {
  const auto c = read_one("exchanges/exchanges_wh.txt");
  CHECK(layout(c) == std::vector<std::string>{"Mr. Earnest=-", "Q=1", "Mr. Earnest=1", "Q=2", "Mr. Earnest=2", "Q=3",
                                              "Mr. Earnest=3", "Q=4", "Q=5", "Mr. Earnest=5", "Q=6"});
}

TEST_CASE("Foreign Ministry: Q:/A: and outlet labels, a Follow-up: follows", "[exchanges]") {
  SECTION("Q: and A: (2018)") {
    const auto c = read_one("mfa/t1558711.shtml");
    const auto turns = c.turns();
    int questions = 0;
    for (const auto& t : turns) {
      if (t.kind == scio::core::SpeakerKind::reporter) CHECK(t.exchange == ++questions);
      else if (questions > 0) CHECK(t.exchange == questions);  // the spokesperson answers each
      else CHECK_FALSE(t.exchange);                            // the announcements before the first
    }
    CHECK(questions > 5);
  }
  SECTION("Chinese labels") {
    const auto c = read_one("mfa/zh-t1794584.shtml");
    int exchanges = 0;
    for (const auto& t : c.turns())
      if (t.exchange) exchanges = std::max(exchanges, *t.exchange);
    CHECK(exchanges > 5);
  }
}

TEST_CASE("a turn's exchange survives canonical XML", "[exchanges]") {
  auto c = read_one("exchanges/exchanges_scio.txt");
  const auto xml = scio::core::to_canonical_xml(c);
  CHECK(xml.find("exchange=\"3\" follows=\"2\"") != std::string::npos);
  auto back = scio::core::from_canonical_xml(xml);
  REQUIRE(back);
  REQUIRE(back->size() == 1);
  CHECK(back->front() == c);
  auto bad = scio::core::from_canonical_xml(
      "<conference version=\"1\" id=\"x\"><page number=\"1\"><turn kind=\"reporter\" exchange=\"0\"/></page>"
      "</conference>");
  REQUIRE_FALSE(bad);
  CHECK(bad.error() == "invalid turn exchange '0'");
}

TEST_CASE("exchange ids", "[exchanges]") { CHECK(scio::indexer::exchange_id("t1558711", 3) == "t1558711/q3"); }

TEST_CASE("Foreign Ministry: a rule ends the exchange, a question put after the conference opens one", "[exchanges]") {
  using scio::core::SpeakerKind;
  SECTION("closing remarks after \"***\" answer nothing (t1794266)") {
    const auto turns = read_one("mfa/t1794266.shtml").turns();
    REQUIRE(turns.size() > 3);
    const auto& last = turns.back();
    CHECK(last.speaker == "Zhao Lijian");
    CHECK(last.after_break);
    CHECK_FALSE(last.exchange);
    CHECK(last.paragraphs.front().rfind("As you may have noticed, today in Lanting", 0) == 0);
    // The answer before the rule keeps its exchange, without the remarks.
    const auto& answer = turns[turns.size() - 2];
    CHECK(answer.exchange);
    CHECK_FALSE(answer.after_break);
    for (const auto& p : answer.paragraphs) CHECK(p.find("Lanting") == std::string::npos);
  }
  SECTION("the lead-in and the question in one paragraph (t1583054)") {
    const auto turns = read_one("mfa/t1583054.shtml").turns();
    const auto q = std::find_if(turns.begin(), turns.end(), [](const auto& t) {
      return !t.paragraphs.empty() && t.paragraphs.front().rfind("After the press conference", 0) == 0;
    });
    REQUIRE(q != turns.end());
    CHECK(q->speaker == "Q");
    CHECK(q->kind == SpeakerKind::reporter);
    CHECK(q->paragraphs.front().find("Malaysia Airlines") != std::string::npos);
    REQUIRE(q + 1 != turns.end());
    CHECK((q + 1)->exchange == q->exchange);
    CHECK((q + 1)->speaker == "Geng Shuang");
    CHECK((q - 1)->exchange != q->exchange);  // the answer before does not swallow it
  }
  SECTION("a lead-in on its own, then Q: (t1793861)") {
    const auto turns = read_one("mfa/t1793861.shtml").turns();
    const auto q = std::find_if(turns.begin(), turns.end(), [](const auto& t) {
      return !t.paragraphs.empty() && t.paragraphs.front().rfind("The following question was asked", 0) == 0;
    });
    REQUIRE(q != turns.end());
    CHECK(q->kind == SpeakerKind::reporter);
    REQUIRE(q->paragraphs.size() >= 2);
    CHECK(q->paragraphs[1].find("Chushul") != std::string::npos);  // the question itself follows
    CHECK((q + 1)->exchange == q->exchange);
    CHECK((q - 1)->exchange != q->exchange);
  }
  SECTION("break survives canonical XML") {
    const auto c = read_one("mfa/t1794266.shtml");
    auto back = scio::core::from_canonical_xml(scio::core::to_canonical_xml(c));
    REQUIRE(back);
    CHECK(back->front() == c);
  }
}

// Conference -> passages -> Xapian documents: splitting, numbering, pages, terms, values, data.
#include "core/document.h"
#include "core/schema.h"
#include "core/text.h"
#include "indexer/passage.h"
#include "indexer/reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

using scio::core::TitleTerms;
using scio::indexer::make_passages;
using scio::indexer::Passage;
using scio::indexer::split_paragraph;
using scio::test::data_path;
namespace schema = scio::core::schema;

namespace {

scio::core::Conference read_one(const std::vector<std::filesystem::path>& paths) {
  auto res = scio::indexer::read_inputs(paths);
  REQUIRE(res.errors.empty());
  REQUIRE(res.conferences.size() == 1);
  return res.conferences.front();
}

scio::core::Conference content_100() {
  return read_one(
      {data_path("index/content_100.txt"), data_path("index/content_100_2.txt"), data_path("index/content_100_3.txt")});
}

// The words of a text, whatever white space separated them.
std::vector<std::string> words(const std::string& text) {
  std::string flat = text;
  for (auto& c : flat)
    if (c == '\n') c = ' ';
  return scio::core::split_words(flat);
}

std::set<std::string> terms(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.insert(*t);
  return out;
}

bool valid_utf8(const std::string& s) { return scio::core::find_invalid_utf8(s) == std::string::npos; }

}  // namespace

TEST_CASE("split_paragraph: pieces are bounded and cut where a reader would", "[passage]") {
  auto [text, max, expected] = GENERATE(table<std::string, std::size_t, std::vector<std::string>>({
      // Short enough: untouched.
      {"One sentence. Two sentences.", 100, {"One sentence. Two sentences."}},
      // At the last sentence end that fits.
      {"Aaa bbb. Ccc ddd. Eee fff ggg.", 18, {"Aaa bbb. Ccc ddd.", "Eee fff ggg."}},
      // A question mark inside closing quotes ends a sentence too.
      {"He asked \"why?\" Then he left the room quietly.",
       20,
       {"He asked \"why?\"", "Then he left the", "room quietly."}},
      // One long sentence: at spaces.
      {"alpha beta gamma delta epsilon", 12, {"alpha beta", "gamma delta", "epsilon"}},
      // CJK: at the ideographic full stop.
      {"\u6211\u4EEC\u6B22\u8FCE\u3002\u4F60\u4EEC\u597D\u3002",
       15,
       {"\u6211\u4EEC\u6B22\u8FCE\u3002", "\u4F60\u4EEC\u597D\u3002"}},
      // No space, no sentence end: between characters, never inside one.
      {"\u4E00\u4E8C\u4E09\u56DB\u4E94\u516D\u4E03", 10, {"\u4E00\u4E8C\u4E09", "\u56DB\u4E94\u516D", "\u4E03"}},
  }));
  CAPTURE(text, max);
  auto pieces = split_paragraph(text, max);
  CHECK(pieces == expected);
  for (const auto& p : pieces) {
    CHECK(p.size() <= std::max<std::size_t>(max, 8));
    CHECK(valid_utf8(p));
  }
}

TEST_CASE("passages: one per turn, long turns split, numbered 1-based, never across speakers", "[passage]") {
  const auto c = content_100();
  const auto turns = c.turns();
  const auto passages = make_passages(c);
  REQUIRE(turns.size() == 8);
  // Turn 2 (Wang Hong, 2,000 bytes over pages 1 and 2) needs three passages; the others one each.
  REQUIRE(passages.size() == 10);
  std::vector<std::string> ids;
  for (const auto& p : passages) ids.push_back(p.id);
  CHECK(ids == std::vector<std::string>{"content_100/1.1", "content_100/2.1", "content_100/2.2", "content_100/2.3",
                                        "content_100/3.1", "content_100/4.1", "content_100/5.1", "content_100/6.1",
                                        "content_100/7.1", "content_100/8.1"});
  for (const auto& p : passages) {
    CAPTURE(p.id);
    CHECK(p.text.size() <= scio::indexer::k_passage_bytes);
    const auto& turn = turns[static_cast<std::size_t>(p.turn - 1)];
    CHECK(p.speaker == turn.speaker);
    CHECK(p.speaker_key == turn.speaker_key);
    CHECK(p.kind == turn.kind);
  }
  // Every word of every turn is in its passages, in order, once.
  for (std::size_t t = 0; t < turns.size(); ++t) {
    std::string turn_text, passage_text;
    for (const auto& para : turns[t].paragraphs) turn_text += para + " ";
    for (const auto& p : passages)
      if (p.turn == static_cast<int>(t + 1)) passage_text += p.text + " ";
    CHECK(words(turn_text) == words(passage_text));
  }
}

TEST_CASE("passages: a turn running on to the next page keeps each passage's pages", "[passage]") {
  const auto passages = make_passages(content_100());
  const Passage& first = passages[1];  // 2.1: the turn's opening, page 1
  const Passage& last = passages[3];   // 2.3: ends with page 2's continued text
  CHECK(first.page == 1);
  CHECK(first.pages == std::vector<int>{1});
  CHECK(last.page == 1);
  CHECK(last.pages == std::vector<int>{1, 2});
  CHECK(last.text.find("That concludes my introduction.") != std::string::npos);
  CHECK(passages[4].page == 2);  // 3.1: the moderator on page 2
  CHECK(passages[7].page == 3);  // 6.1: Bloomberg on page 3
}

TEST_CASE("passages: a turn too long for the order value gets larger passages, not more", "[passage]") {
  scio::core::Conference c;
  c.id = "huge";
  c.pages.push_back({});
  scio::core::Turn turn;
  turn.speaker = "Speaker";
  turn.speaker_key = "speaker";
  std::string paragraph;
  while (paragraph.size() < 1'500'000) paragraph += "Words make a sentence here. ";
  turn.paragraphs.push_back(paragraph);
  c.pages.front().turns.push_back(turn);
  const auto passages = make_passages(c);
  CHECK(passages.size() < schema::k_max_parts_per_turn);
  CHECK(passages.size() > 500);
  CHECK(passages.back().id == "huge/1." + std::to_string(passages.size()));
  for (const auto& p : passages) CHECK(p.text.size() <= 4 * scio::indexer::k_passage_bytes);
}

TEST_CASE("passages: a turn without text gives no passage but keeps its number", "[passage]") {
  scio::core::Conference c;
  c.id = "gap";
  c.pages.push_back({});
  scio::core::Turn a, empty, b;
  a.speaker = "A";
  a.paragraphs = {"First."};
  empty.speaker = "B";
  b.speaker = "C";
  b.paragraphs = {"Third."};
  c.pages.front().turns = {a, empty, b};
  const auto passages = make_passages(c);
  REQUIRE(passages.size() == 2);
  CHECK(passages[0].id == "gap/1.1");
  CHECK(passages[1].id == "gap/3.1");
}

TEST_CASE("passage_document: terms, values and data follow core/schema.h", "[passage][schema]") {
  auto c = content_100();
  const auto passages = make_passages(c);
  auto generator = scio::core::passage_term_generator();

  SECTION("a reporter's question") {
    const Passage& p = passages[5];  // 4.1: CCTV asks
    REQUIRE(p.id == "content_100/4.1");
    auto doc = scio::indexer::passage_document(c, p, generator, TitleTerms::elsewhere);
    auto t = terms(doc);
    for (const char* expected :
         {"Qcontent_100/4.1", "XCcontent_100", "XScctv", "XWcctv", "XKreporter", "XOcctv", "Y2024", "M202404",
          "electronics", "Zelectron", "small", "makers", "Zmaker", "Acctv"}) {
      CAPTURE(expected);
      CHECK(t.count(expected) == 1);
    }
    CHECK(t.count("Selectronics") == 0);  // the title is on the conference's first passage only
    const std::string source_term =
        scio::core::term(schema::k_prefix_source, scio::core::content_hash(c.pages[1].source));
    CHECK(t.count(source_term) == 1);
    CHECK(doc.get_value(schema::k_slot_held) == "20240430");
    CHECK(doc.get_value(schema::k_slot_published) == "20240508");
    CHECK(doc.get_value(schema::k_slot_conference) == "content_100");
    CHECK(Xapian::sortable_unserialise(doc.get_value(schema::k_slot_order)) == 4001.0);
    auto data = nlohmann::json::parse(scio::core::passage_record_json(doc));
    CHECK(data ==
          nlohmann::json{{"passage", "content_100/4.1"},
                         {"conference", "content_100"},
                         {"title", "SCIO press conference on the electronics industry in the first quarter of 2024"},
                         {"held", "2024-04-30"},
                         {"published", "2024-05-08"},
                         {"speaker", "CCTV"},
                         {"speaker_key", "cctv"},
                         {"role", ""},
                         {"kind", "reporter"},
                         {"outlet", "CCTV"},
                         {"source", c.pages[1].source},
                         {"url", ""},
                         {"page", 2},
                         {"turn", 4},
                         {"part", 1},
                         {"text", "How will the ministry help small electronics makers cope with higher costs?"},
                         {"exchange", 1},
                         {"follows", nullptr},
                         {"lang", "en"},
                         {"conference_lang", "en"}});
    // Keys in the schema's order, so that a dump reads like the schema.
    std::vector<std::string> keys;
    const auto ordered = nlohmann::ordered_json::parse(scio::core::passage_record_json(doc));
    for (auto it = ordered.begin(); it != ordered.end(); ++it) keys.push_back(it.key());
    CHECK(keys == std::vector<std::string>{"passage", "conference",  "title",   "held", "published",
                                           "speaker", "speaker_key", "role",    "kind", "outlet",
                                           "source",  "url",         "page",    "turn", "part",
                                           "text",    "exchange",    "follows", "lang", "conference_lang"});
    // Its exchange (indexer/exchanges): the first question, answered by Liu Fang.
    for (const char* expected : {"XEcontent_100/q1", "XTquestion", "XAcctv", "XRliu fang"}) {
      CAPTURE(expected);
      CHECK(t.count(expected) == 1);
    }
    CHECK(t.count("XTunanswered") == 0);
    CHECK(doc.get_value(schema::k_slot_exchange) == "content_100/q1");
    CHECK(doc.get_value(schema::k_slot_exchange_side) == "content_100/q1 q");
  }

  SECTION("an official's answer: role, no outlet, positions for phrases") {
    const Passage& p = passages[6];  // 5.1: Liu Fang answers
    auto doc = scio::indexer::passage_document(c, p, generator, TitleTerms::elsewhere);
    auto t = terms(doc);
    CHECK(t.count("XSliu fang") == 1);
    CHECK(t.count("XWliu") == 1);
    CHECK(t.count("XWfang") == 1);
    CHECK(t.count("XKofficial") == 1);
    CHECK(t.count("Aliu") == 1);
    CHECK(std::none_of(t.begin(), t.end(), [](const std::string& x) { return x.rfind("XO", 0) == 0; }));
    auto data = nlohmann::json::parse(scio::core::passage_record_json(doc));
    CHECK(data["role"] == "director general of the Department of Electronic Information");
    CHECK(data["outlet"] == "");
    // "tax relief" is a phrase: consecutive positions.
    std::vector<Xapian::termpos> tax, relief;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
      if (*it == "tax") tax.assign(it.positionlist_begin(), it.positionlist_end());
      if (*it == "relief") relief.assign(it.positionlist_begin(), it.positionlist_end());
    }
    REQUIRE(tax.size() == 1);
    REQUIRE(relief.size() == 1);
    CHECK(relief[0] == tax[0] + 1);
  }

  SECTION("the title: on the first passage only, with its positions") {
    auto positions = [](const Xapian::Document& doc, const std::string& term) {
      for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it)
        if (*it == term) return std::vector<Xapian::termpos>(it.positionlist_begin(), it.positionlist_end());
      return std::vector<Xapian::termpos>{};
    };
    const auto first = scio::indexer::passage_document(c, passages[0], generator, TitleTerms::here);
    const auto other = scio::indexer::passage_document(c, passages[6], generator, TitleTerms::elsewhere);
    const auto t = terms(first);
    CHECK(t.count("Selectronics") == 1);
    CHECK(t.count("Sindustry") == 1);
    CHECK(t.count("ZSindustri") == 1);
    std::size_t title_terms_elsewhere = 0;
    for (const auto& term : terms(other)) title_terms_elsewhere += term.rfind("S", 0) == 0 || term.rfind("ZS", 0) == 0;
    CHECK(title_terms_elsewhere == 0);
    // "electronics industry": consecutive positions on the first passage.
    const auto electronics = positions(first, "Selectronics");
    const auto industry = positions(first, "Sindustry");
    REQUIRE(electronics.size() == 1);
    REQUIRE(industry.size() == 1);
    CHECK(industry[0] == electronics[0] + 1);
    CHECK(positions(other, "Selectronics").empty());
    CHECK(positions(other, "Sindustry").empty());
    // The text keeps its positions either way.
    CHECK_FALSE(positions(other, "tax").empty());
  }

  SECTION("no held date: the publish date stands in for filters, data says so") {
    c.held.reset();
    auto doc = scio::indexer::passage_document(c, passages[0], generator, TitleTerms::here);
    auto t = terms(doc);
    CHECK(t.count("Y2024") == 1);
    CHECK(t.count("M202405") == 1);
    CHECK(doc.get_value(schema::k_slot_held) == "20240508");
    CHECK(nlohmann::json::parse(scio::core::passage_record_json(doc))["held"] == "");
    c.published.reset();
    auto undated = scio::indexer::passage_document(c, passages[0], generator, TitleTerms::here);
    CHECK(undated.get_value(schema::k_slot_held).empty());
    CHECK(undated.get_value(schema::k_slot_published).empty());
  }
}

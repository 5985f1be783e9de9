// core/document and core/passage_record: the stored record read back as written, damaged data
// refused, the schema version checked, and the words that feed "did you mean".
#include "core/document.h"
#include "core/schema.h"
#include "core/text.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <string>

using namespace scio::core;

namespace {

PassageRecord sample() {
  PassageRecord r;
  r.passage = "c-2024/2.1";
  r.conference = "c-2024";
  r.title = "\u5916\u4EA4\u90E8\u53D1\u8A00\u4EBA\u4F8B\u884C\u8BB0\u8005\u4F1A";
  r.held = "2024-01-19";
  r.published = "2024-02-01";
  r.speaker = "Bloomberg";
  r.speaker_key = "bloomberg";
  r.kind = "reporter";
  r.outlet = "Bloomberg";
  r.source = "/saved/t1.html";
  r.url = "https://example.org/t1.html";
  r.page = 2;
  r.turn = 2;
  r.part = 1;
  r.text = "Do you expect \"exports\" to grow?\n\nAnd chips?";
  return r;
}

bool same(const PassageRecord& a, const PassageRecord& b) {
  return a.passage == b.passage && a.conference == b.conference && a.title == b.title && a.held == b.held &&
         a.published == b.published && a.speaker == b.speaker && a.speaker_key == b.speaker_key && a.role == b.role &&
         a.kind == b.kind && a.outlet == b.outlet && a.source == b.source && a.url == b.url && a.page == b.page &&
         a.turn == b.turn && a.part == b.part && a.text == b.text;
}

}  // namespace

TEST_CASE("a passage record reads back as it was written", "[document]") {
  const auto r = sample();
  const auto data = encode_passage_record(r);
  CHECK(data.rfind("{\"passage\":\"c-2024/2.1\",\"conference\":\"c-2024\",", 0) == 0);
  const auto back = decode_passage_record(data);
  REQUIRE(back);
  CHECK(same(*back, r));
  CHECK(back->date() == "2024-01-19");
}

TEST_CASE("a record with missing or mistyped fields reads them as empty; data that is no object is refused",
          "[document]") {
  const auto partial = decode_passage_record(R"({"passage":"a/1.1","page":"two","turn":3,"text":7})");
  REQUIRE(partial);
  CHECK(partial->passage == "a/1.1");
  CHECK(partial->page == 0);
  CHECK(partial->turn == 3);
  CHECK(partial->text.empty());
  CHECK(partial->held.empty());
  for (const char* damaged : {"", "[1,2]", "\"text\"", "{\"passage\":", "\xff"}) {
    INFO(damaged);
    CHECK_FALSE(decode_passage_record(damaged));
  }
}

TEST_CASE("a stray byte in a record is replaced, not fatal", "[document]") {
  auto r = sample();
  r.text = "bad \xff byte";
  const auto back = decode_passage_record(encode_passage_record(r));
  REQUIRE(back);
  CHECK(back->text == "bad \uFFFD byte");
}

TEST_CASE("the document holds the record's encoding, compressed, in its record slot", "[document]") {
  auto generator = passage_term_generator();
  const auto r = sample();
  const auto doc = passage_document(r, {r.source}, generator, TitleTerms::here);
  CHECK(doc.get_data().empty());
  const auto json = encode_passage_record(r);
  CHECK(passage_record_json(doc) == json);
  CHECK(doc.get_value(schema::k_slot_record).size() < json.size());
  const auto back = passage_record_of(doc);
  REQUIRE(back);
  CHECK(back->passage == r.passage);
  CHECK(back->text == r.text);
  CHECK(doc.get_value(schema::k_slot_held) == "20240119");
  bool has_source = false;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    has_source = has_source || *t == term(schema::k_prefix_source, content_hash(r.source));
  CHECK(has_source);
}

TEST_CASE("schema_mismatch names a database of another version or none", "[document][schema]") {
  scio::test::TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
  CHECK_FALSE(schema_mismatch(db, "this test reads", "do something"));  // empty: nothing to refuse
  db.add_document(Xapian::Document());
  db.commit();
  auto mismatch = schema_mismatch(db, "this test reads", "do something");
  REQUIRE(mismatch);
  CHECK(*mismatch == "was not written by scio-index (no schema version)");
  db.set_metadata(std::string(schema::k_meta_version), "3");
  db.commit();
  mismatch = schema_mismatch(db, "this test reads", "do something");
  REQUIRE(mismatch);
  CHECK(*mismatch ==
        "has schema version 3; this test reads version " + std::string(schema::k_version) + ": do something");
  set_schema_version(db);
  db.commit();
  CHECK_FALSE(schema_mismatch(db, "this test reads", "do something"));
}

TEST_CASE("is_spelling_word: words of letters only", "[document]") {
  auto [word, expected] = GENERATE(table<std::string, bool>({
      {"electronics", true},
      {"don't", true},
      {"caf\u00E9", true},
      {"a", false},
      {"2024", false},
      {"13.6", false},
      {"Zelectron", false},
      {"XScctv", false},
      {"\u4E2D\u56FD", false},
  }));
  CAPTURE(word);
  CHECK(is_spelling_word(word) == expected);
}

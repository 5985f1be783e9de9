// Pins core/schema.h: a prefix, slot or key that changes breaks every existing database.
#include "core/catalog.h"
#include "core/passage_record.h"
#include "core/schema.h"
#include "core/text.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

namespace schema = scio::core::schema;

TEST_CASE("schema: term prefixes are pinned", "[schema]") {
  auto [prefix, expected] = GENERATE(table<std::string_view, std::string_view>({
      {schema::k_prefix_passage_id, "Q"},
      {schema::k_prefix_conference, "XC"},
      {schema::k_prefix_speaker, "XS"},
      {schema::k_prefix_speaker_word, "XW"},
      {schema::k_prefix_kind, "XK"},
      {schema::k_prefix_outlet, "XO"},
      {schema::k_prefix_year, "Y"},
      {schema::k_prefix_month, "M"},
      {schema::k_prefix_day, "D"},
      {schema::k_prefix_title, "S"},
      {schema::k_prefix_name, "A"},
      {schema::k_prefix_source, "XP"},
      {schema::k_prefix_exchange, "XE"},
      {schema::k_prefix_exchange_side, "XT"},
      {schema::k_prefix_asked_by, "XA"},
      {schema::k_prefix_answered_by, "XR"},
      {schema::k_prefix_lang, "XL"},
  }));
  CHECK(prefix == expected);
}

TEST_CASE("schema: no prefix is a prefix of another that could be mistaken for it", "[schema]") {
  // Xapian's convention: a multi-letter prefix starts with X, so "S" + "XC..." never collides.
  std::set<std::string_view> single{schema::k_prefix_passage_id, schema::k_prefix_year,  schema::k_prefix_month,
                                    schema::k_prefix_day,        schema::k_prefix_title, schema::k_prefix_name};
  for (auto p : single) CHECK(p.size() == 1);
  for (auto p : {schema::k_prefix_conference, schema::k_prefix_speaker, schema::k_prefix_speaker_word,
                 schema::k_prefix_kind, schema::k_prefix_outlet, schema::k_prefix_source, schema::k_prefix_exchange,
                 schema::k_prefix_exchange_side, schema::k_prefix_asked_by, schema::k_prefix_answered_by}) {
    CHECK(p.size() == 2);
    CHECK(p[0] == 'X');
  }
}

TEST_CASE("schema: value slots, metadata keys, version and limits are pinned", "[schema]") {
  CHECK(schema::k_slot_held == 0);
  CHECK(schema::k_slot_published == 1);
  CHECK(schema::k_slot_conference == 2);
  CHECK(schema::k_slot_order == 3);
  CHECK(schema::k_slot_exchange == 4);
  CHECK(schema::k_slot_exchange_side == 5);
  CHECK(schema::k_slot_words == 6);
  CHECK(schema::k_slot_record == 7);

  CHECK(schema::k_version == "10");
  CHECK(schema::k_meta_version == "scio:schema");
  CHECK(schema::k_meta_last_update == "scio:last-update");
  CHECK(schema::k_meta_record_dictionary == "scio:record-dictionary");
  CHECK(schema::k_meta_conference_prefix == "scio:conf:");
  CHECK(schema::k_meta_source_prefix == "scio:src:");
  CHECK(schema::k_meta_page_prefix == "scio:page:");
  CHECK(schema::k_meta_failed_prefix == "scio:failed:");
  CHECK(schema::k_max_parts_per_turn == 1000);
  CHECK(schema::k_stem_language == "english");
}

TEST_CASE("schema: the dictionary records are compressed with is pinned", "[schema]") {
  // Records are read with the dictionary they were written with: a new one (data/
  // record-dictionary.zdict, scripts/train-record-dictionary) is a new schema version (core/schema.h).
  const auto& dictionary = scio::core::record_dictionary();
  REQUIRE(dictionary.size() == 112640);
  CHECK(dictionary.substr(0, 4) == "\x37\xA4\x30\xEC");  // a trained zstd dictionary (ZSTD_MAGIC_DICTIONARY)
  CHECK(scio::core::content_hash(dictionary) == "622b5d450bf461e1");
}

TEST_CASE("schema: the catalog record of an input file, written and read back", "[schema]") {
  using scio::core::SourceRecord;
  const SourceRecord record{"9f0c2d4e1a7b3c55", {"content_100", "t1558711"}, "/saved/a file\twith a tab.txt"};
  const auto encoded = scio::core::encode_source_record(record);
  CHECK(encoded == "9f0c2d4e1a7b3c55\tcontent_100 t1558711\t/saved/a file\twith a tab.txt");
  const auto decoded = scio::core::decode_source_record(encoded);
  REQUIRE(decoded);
  CHECK(decoded->hash == record.hash);
  CHECK(decoded->conferences == record.conferences);
  CHECK(decoded->path == record.path);
  // A file whose every page was dropped names no conference: still a record.
  const auto none = scio::core::decode_source_record("abc\t\t/p");
  REQUIRE(none);
  CHECK(none->conferences.empty());
  for (const char* bad : {"", "abc", "abc\tids", "\tids\t/p", "abc\tids\t"})
    CHECK_FALSE(scio::core::decode_source_record(bad));
  CHECK(scio::core::source_key("/p") == "scio:src:" + scio::core::content_hash("/p"));
}

TEST_CASE("schema: the record of an input that failed, written and read back", "[schema]") {
  using scio::core::FailedRecord;
  const FailedRecord record{"9f0c2d4e1a7b3c55", "not a transcript:\tno speaker turns\nfound", "/saved/a\tb.htm"};
  const auto encoded = scio::core::encode_failed_record(record);
  CHECK(encoded == "9f0c2d4e1a7b3c55\tnot a transcript: no speaker turns found\t/saved/a\tb.htm");
  const auto decoded = scio::core::decode_failed_record(encoded);
  REQUIRE(decoded);
  CHECK(decoded->hash == record.hash);
  CHECK(decoded->reason == "not a transcript: no speaker turns found");
  CHECK(decoded->path == record.path);
  for (const char* bad : {"", "abc", "abc\treason", "\treason\t/p", "abc\treason\t"})
    CHECK_FALSE(scio::core::decode_failed_record(bad));
  CHECK(scio::core::failed_key("/p") == "scio:failed:" + scio::core::content_hash("/p"));
}

// The Xapian schema, written down once: term prefixes, value slots and document data fields.
// Changing any of these breaks existing databases; tests/schema_test.cpp pins them.
#pragma once

#include <string_view>

namespace scio::core::schema {

// Bumped whenever a prefix, slot or the data layout changes; stored as database metadata.
// Version 3 added the D (day) terms: a date filter is then made of terms alone (searcher/date_range).
// Version 4 has the same layout, but what it holds was read differently: a "Follow-up:" keeps the
// outlet of the question it follows, a label naming a person is never an outlet, and pages take
// their URL from a folder's manifest; a version 3 database would go on giving the old answers.
// Version 5 added exchanges (a question and the answer it got): the XE, XT, XA and XR terms, the
// exchange slots and the data keys exchange and follows.
// Version 6 added k_slot_words, so that timeline sums the words spoken instead of reading every
// text, and languages (the XL terms, the data keys lang and conference_lang) and keys a
// Chinese personal name by its romanisation ("赵立坚" is the speaker "zhao lijian").
// Version 7 kept the positions of the title's words (S) on each conference's first passage only,
// its words on every passage (version 10: the title on the first passage alone).
// Version 8 keeps the passage record in a value slot (k_slot_record), compressed where the document is
// built, and leaves the document data empty: Xapian compresses document data itself, on its one
// writing thread (bench/RESULTS.md, 2026-12-01: what that cost).
// Version 9 compresses the record with zstd and a trained dictionary (data/record-dictionary.zdict)
// instead of raw deflate with the JSON of an empty record: smaller records, for a quarter of the work.
// Version 10 indexes the title (S) on each conference's first passage only, positions and all
// (core::TitleTerms): a title: query is matched there and asked of the conference's passages;
// the title's words on every passage were a sixth of their terms (bench/RESULTS.md).
inline constexpr std::string_view k_version = "10";

// Term prefixes (Omega conventions where one exists).
inline constexpr std::string_view k_prefix_passage_id = "Q";     // unique id of a passage document
inline constexpr std::string_view k_prefix_conference = "XC";    // conference id (boolean)
inline constexpr std::string_view k_prefix_speaker = "XS";       // speaker key (boolean, whole key)
inline constexpr std::string_view k_prefix_speaker_word = "XW";  // each word of the speaker key (boolean)
inline constexpr std::string_view k_prefix_kind = "XK";          // speaker kind (boolean)
inline constexpr std::string_view k_prefix_outlet = "XO";        // outlet key (boolean)
inline constexpr std::string_view k_prefix_year = "Y";           // held year, YYYY (boolean)
inline constexpr std::string_view k_prefix_month = "M";          // held month, YYYYMM (boolean)
inline constexpr std::string_view k_prefix_day = "D";            // held day, YYYYMMDD (boolean; since version 3)
inline constexpr std::string_view k_prefix_title =
    "S";  // conference title words (free text; one passage a conference: see version 10)
inline constexpr std::string_view k_prefix_name = "A";     // speaker name words (free text)
inline constexpr std::string_view k_prefix_source = "XP";  // hash of a source path (boolean)
// Exchanges (since version 5), on the passages of a question and its answer:
inline constexpr std::string_view k_prefix_exchange = "XE";       // exchange id, "<conference>/q<N>" (boolean)
inline constexpr std::string_view k_prefix_exchange_side = "XT";  // "question", "answer"; "unanswered" too (boolean)
inline constexpr std::string_view k_prefix_asked_by = "XA";       // outlet key of the exchange's question (boolean)
inline constexpr std::string_view k_prefix_answered_by = "XR";    // speaker key of each answering turn (boolean)
// Since version 6:
inline constexpr std::string_view k_prefix_lang = "XL";  // the language of the passage's turn, "zh" or "en" (boolean)

// Value slots.
enum Slot : unsigned {
  k_slot_held = 0,        // held date, YYYYMMDD as text (sorts and ranges as text)
  k_slot_published = 1,   // publish date, YYYYMMDD as text, empty when unknown
  k_slot_conference = 2,  // conference id (collapse key)
  k_slot_order = 3,       // Xapian::sortable_serialise(turn * 1000 + part) within the conference

  // Since version 5: the exchange id, "<conference>/q<N>" (collapse key), and the exchange id
  // + " q" or " a" (collapse key: the best passage of each side).
  k_slot_exchange = 4,
  k_slot_exchange_side = 5,

  // Since version 6: the passage text's words (core::count_words, the words spoken that timeline
  // divides by), Xapian::sortable_serialise.
  k_slot_words = 6,

  // Since version 8: the passage record (core/passage_record.h), its JSON compressed (since
  // version 9: one zstd frame) with the dictionary k_meta_record_dictionary names
  // (core::record_codec); core::set_passage_record writes it, core::passage_record_of reads it.
  k_slot_record = 7,
};

// Metadata keys of the database.
inline constexpr std::string_view k_meta_version = "scio:schema";
inline constexpr std::string_view k_meta_last_update = "scio:last-update";
// Since version 8: the dictionary the records (k_slot_record) are compressed with; since version 9
// a zstd dictionary (core::record_dictionary), so that any zstd reads them: in Python,
// zstandard.ZstdDecompressor(dict_data=zstandard.ZstdCompressionDict(db.get_metadata(
// "scio:record-dictionary"))).decompress(doc.get_value(7)).
inline constexpr std::string_view k_meta_record_dictionary = "scio:record-dictionary";
// Set by `scio-index compact --read-only`, which drops the termlist table: Xapian then cannot
// delete or replace a document, so scio-index refuses to write there. Its value says why.
inline constexpr std::string_view k_meta_read_only = "scio:read-only";
// + id -> canonical XML, zlib-compressed (core::compress; Xapian stores metadata uncompressed).
// Version 1 stored the XML as it is.
inline constexpr std::string_view k_meta_conference_prefix = "scio:conf:";
// + xxh3 of the absolute source path (keys are length-limited) -> "content hash\tconference id\tpath";
// a canonical XML file holding several conferences lists their ids separated by spaces (ids never
// contain one), a file whose every page was a copy of one indexed already names that page's conference.
inline constexpr std::string_view k_meta_source_prefix = "scio:src:";
// + a page's content hash -> "conference id\tpage number": the same page saved twice is one page
inline constexpr std::string_view k_meta_page_prefix = "scio:page:";
// + xxh3 of the absolute path of an input that failed -> "content hash\treason\tpath": not read
// again until its bytes change (or --retry-failed); `scio-index stats` lists them.
inline constexpr std::string_view k_meta_failed_prefix = "scio:failed:";

// The record (k_slot_record) is a JSON object with the fields of core::PassageRecord
// (core/passage_record.h, whose codec spells the keys); core::passage_document (core/document.h)
// builds the document. Before version 8 it was the document data, not compressed. Since version 5 a passage
// also carries exchange and follows (exchange numbers within the conference, or null); since version 6
// lang and conference_lang.

// Passage ids are "<conference id>/<turn>.<part>", turn and part 1-based.
inline constexpr unsigned k_max_parts_per_turn = 1000;

// When the held date is unknown, the publish date stands in for it in k_slot_held and the Y, M and D
// terms (data "held" stays ""), so that date filters and sorting still place the passage.

// How the passage text is indexed; the searcher's QueryParser must parse the same way. Stemming
// is STEM_SOME with this language: words with positions (phrases, NEAR), Z-prefixed stems
// without. CJK text is indexed as n-grams (TermGenerator and QueryParser FLAG_CJK_NGRAM). The A
// and S fields are indexed the same way, with positions (S: on the conference's first passage). Spelling data ("did you
// mean") is kept for the unprefixed text only, and only for words of letters at least two bytes long.
inline constexpr std::string_view k_stem_language = "english";

}  // namespace scio::core::schema

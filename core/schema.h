// The Xapian schema, written down once: term prefixes, value slots and document data fields.
// Changing any of these breaks existing databases; tests/schema_test.cpp pins them.
#pragma once

#include <string_view>

namespace scio::core::schema {

// Bumped whenever a prefix, slot or the data layout changes; stored as database metadata.
inline constexpr std::string_view k_version = "1";

// Term prefixes (Omega conventions where one exists).
inline constexpr std::string_view k_prefix_passage_id = "Q";   // unique id of a passage document
inline constexpr std::string_view k_prefix_conference = "XC";  // conference id (boolean)
inline constexpr std::string_view k_prefix_speaker = "XS";     // speaker key (boolean, whole key)
inline constexpr std::string_view k_prefix_speaker_word = "XW";  // each word of the speaker key (boolean)
inline constexpr std::string_view k_prefix_kind = "XK";        // speaker kind (boolean)
inline constexpr std::string_view k_prefix_outlet = "XO";      // outlet key (boolean)
inline constexpr std::string_view k_prefix_year = "Y";         // held year, YYYY (boolean)
inline constexpr std::string_view k_prefix_month = "M";        // held month, YYYYMM (boolean)
inline constexpr std::string_view k_prefix_title = "S";        // conference title words (free text)
inline constexpr std::string_view k_prefix_name = "A";         // speaker name words (free text)
inline constexpr std::string_view k_prefix_source = "XP";      // hash of a source path (boolean)

// Value slots.
enum Slot : unsigned {
  k_slot_held = 0,        // held date, YYYYMMDD as text (sorts and ranges as text)
  k_slot_published = 1,   // publish date, YYYYMMDD as text, empty when unknown
  k_slot_conference = 2,  // conference id (collapse key)
  k_slot_order = 3,       // Xapian::sortable_serialise(turn * 1000 + part) within the conference
};

// Metadata keys of the database.
inline constexpr std::string_view k_meta_version = "scio:schema";
inline constexpr std::string_view k_meta_last_update = "scio:last-update";
inline constexpr std::string_view k_meta_conference_prefix = "scio:conf:";  // + id -> canonical XML
// + xxh3 of the absolute source path (keys are length-limited) -> "content hash\tconference id\tpath"
inline constexpr std::string_view k_meta_source_prefix = "scio:src:";
// + a page's content hash -> "conference id\tpage number": the same page saved twice is one page
inline constexpr std::string_view k_meta_page_prefix = "scio:page:";

// Document data is a JSON object with the keys: passage, conference, title, held, published
// (ISO or ""), speaker, speaker_key, role, kind, outlet, source, url, page, turn, part, text.

// Passage ids are "<conference id>/<turn>.<part>", turn and part 1-based.
inline constexpr unsigned k_max_parts_per_turn = 1000;

}  // namespace scio::core::schema

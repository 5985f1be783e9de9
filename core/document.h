// The passage document as core/schema.h lays it out, built and checked in one place: the indexer
// writes it with these functions, the searcher and the tests read and build it with the same ones.
#pragma once

#include "core/passage_record.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace scio::core {

// A term or metadata key: its prefix (core/schema.h) followed by the value.
std::string term(std::string_view prefix, std::string_view value);

// The TermGenerator settings of core/schema.h (English stems, CJK n-grams). Spelling data is not
// added here: the writer adds it from the document's terms, so that it can also remove it.
Xapian::TermGenerator passage_term_generator();

// What a passage's document says about its exchange (indexer/exchanges.h; the passage's turn has
// one): the id, which side the passage is on, the exchange's asker (outlet key) and answerers
// (speaker keys).
struct ExchangeFacts {
  int number = 0;
  std::optional<int> follows;
  bool question = false;                 // the passage is (part of) the question
  bool answered = false;                 // the exchange has answer turns
  std::string asked_by;                  // outlet key of the question, "" when it names none
  std::vector<std::string> answered_by;  // speaker keys of the answer turns
};

// Adds the exchange's terms and values (core/schema.h) to a passage's document.
void add_exchange_terms(Xapian::Document& doc, std::string_view conference_id, const ExchangeFacts& facts);

// Whether the conference's title is indexed on a passage (k_prefix_title, with positions): on its
// conference's first passage only (schema version 10), where a title: query is matched; the
// searcher then asks for the passages of the conferences found (searcher/query_builder.cpp).
enum class TitleTerms { here, elsewhere };

// The passage's Xapian document: terms and values, its record among them (set_passage_record), as
// core/schema.h lays them out. sources are the paths of every page the passage draws text from.
Xapian::Document passage_document(const PassageRecord& record, const std::vector<std::string>& sources,
                                  Xapian::TermGenerator& generator, TitleTerms title_terms);

// The passage's record, stored in its document (schema::k_slot_record): the JSON of
// encode_passage_record, compressed here (core::record_codec), on the thread that builds the document, rather than by
// Xapian on its one writing thread (which compresses document data, never values).
void set_passage_record(Xapian::Document& doc, const PassageRecord& record);

// The record a document holds; nullopt when it holds none or one that does not read back (the
// database is damaged). Missing keys read as empty (decode_passage_record).
std::optional<PassageRecord> passage_record_of(const Xapian::Document& doc);

// The record's JSON, "" when the document holds none that inflates (tests, tools).
std::string passage_record_json(const Xapian::Document& doc);

// The passage text's words that feed "did you mean": unprefixed, at least two bytes, letters only.
bool is_spelling_word(std::string_view term);

// Marks db as written in this schema version, with the records' dictionary (schema.h).
void set_schema_version(Xapian::WritableDatabase& db);

// What keeps db from being read with this schema, or nullopt when nothing does: "was not written by
// scio-index (no schema version)", or "has schema version V; " + this_program + " version 4: " +
// remedy. Callers put the database's name before it and throw their own error.
std::optional<std::string> schema_mismatch(const Xapian::Database& db, std::string_view this_program,
                                           std::string_view remedy);

}  // namespace scio::core

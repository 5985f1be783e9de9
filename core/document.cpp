#include "core/document.h"

#include "core/chinese_name.h"
#include "core/chinese_script.h"
#include "core/compress.h"
#include "core/conference.h"
#include "core/date.h"
#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"
#include "core/words.h"

namespace scio::core {

std::string term(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  out += value;
  return out;
}

Xapian::TermGenerator passage_term_generator() {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(std::string(schema::k_stem_language)));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  return generator;
}

Xapian::Document passage_document(const PassageRecord& r, const std::vector<std::string>& sources,
                                  Xapian::TermGenerator& generator, TitleTerms title_terms) {
  Xapian::Document doc;
  generator.set_document(doc);
  // Chinese is indexed in simplified characters (core/chinese_script.h): "臺灣" finds "台湾".
  generator.index_text(to_simplified(r.text));
  // The fields are indexed with positions too, so that a phrase can be asked of a title or name.
  generator.increase_termpos();
  generator.index_text(to_simplified(r.speaker), 1, std::string(schema::k_prefix_name));
  // A Chinese name is also its English one (core/chinese_name.h): speaker:"Zhao Lijian" finds 赵立坚.
  if (const auto latin = romanize_chinese_name(r.speaker)) {
    generator.increase_termpos();
    generator.index_text(*latin, 1, std::string(schema::k_prefix_name));
  }
  // The title on one passage of the conference only, with positions: a title: query is matched
  // there, and then asked of the conference's passages (searcher/query_builder.cpp).
  if (title_terms == TitleTerms::here) {
    generator.increase_termpos();
    generator.index_text(to_simplified(r.title), 1, std::string(schema::k_prefix_title));
  }

  doc.add_boolean_term(term(schema::k_prefix_passage_id, r.passage));
  doc.add_boolean_term(term(schema::k_prefix_conference, r.conference));
  if (!r.speaker_key.empty()) {
    doc.add_boolean_term(term(schema::k_prefix_speaker, r.speaker_key));
    for (const auto& word : split_words(r.speaker_key)) doc.add_boolean_term(term(schema::k_prefix_speaker_word, word));
  }
  doc.add_boolean_term(term(schema::k_prefix_kind, r.kind));
  if (!r.lang.empty()) doc.add_boolean_term(term(schema::k_prefix_lang, r.lang));
  if (r.kind == to_string(SpeakerKind::reporter) && !r.outlet.empty())
    doc.add_boolean_term(term(schema::k_prefix_outlet, speaker_key(r.outlet)));
  // The publish date stands in for an unknown held date in the terms and the held slot.
  if (const auto date = parse_iso_date(r.date())) {
    const auto compact = date->compact();
    doc.add_boolean_term(term(schema::k_prefix_year, compact.substr(0, 4)));
    doc.add_boolean_term(term(schema::k_prefix_month, compact.substr(0, 6)));
    doc.add_boolean_term(term(schema::k_prefix_day, compact));
    doc.add_value(schema::k_slot_held, compact);
  }
  if (const auto published = parse_iso_date(r.published)) doc.add_value(schema::k_slot_published, published->compact());
  doc.add_value(schema::k_slot_conference, r.conference);
  doc.add_value(schema::k_slot_order,
                Xapian::sortable_serialise(static_cast<double>(r.turn) * schema::k_max_parts_per_turn + r.part));
  doc.add_value(schema::k_slot_words, Xapian::sortable_serialise(static_cast<double>(count_words(r.text))));
  for (const auto& source : sources)
    if (!source.empty()) doc.add_boolean_term(term(schema::k_prefix_source, content_hash(source)));

  set_passage_record(doc, r);
  // The generator keeps a handle on its document; Xapian's reference counts are not atomic, and
  // the document may go to another thread.
  generator.set_document(Xapian::Document());
  return doc;
}

namespace {

// Far past any record (a passage is a few kB at most): a damaged one must not take all memory.
constexpr std::size_t k_max_record_bytes = std::size_t{64} << 20;

// The JSON a document's record slot holds, decompressed with the records' dictionary.
Result<std::string> stored_json(const Xapian::Document& doc) {
  return record_codec().decompress(doc.get_value(schema::k_slot_record), k_max_record_bytes);
}

}  // namespace

void set_passage_record(Xapian::Document& doc, const PassageRecord& record) {
  doc.add_value(schema::k_slot_record, record_codec().compress(encode_passage_record(record)));
}

std::string passage_record_json(const Xapian::Document& doc) {
  auto json = stored_json(doc);
  return json ? std::move(*json) : std::string();
}

std::optional<PassageRecord> passage_record_of(const Xapian::Document& doc) {
  const auto json = stored_json(doc);
  if (!json) return std::nullopt;
  return decode_passage_record(*json);
}

bool is_spelling_word(std::string_view term) {
  if (term.size() < 2) return false;
  for (std::size_t i = 0; i < term.size(); ++i) {
    const auto c = static_cast<unsigned char>(term[i]);
    if ((c >= 'a' && c <= 'z') || c == '\'') continue;
    // Two-byte UTF-8 letters (accented Latin, Greek, Cyrillic); CJK n-grams and digits stay out.
    if (c >= 0xC3 && c <= 0xDF && i + 1 < term.size() && !is_char_start(term, i + 1)) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

void set_schema_version(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::k_meta_version), std::string(schema::k_version));
  db.set_metadata(std::string(schema::k_meta_record_dictionary), record_dictionary());
}

std::optional<std::string> schema_mismatch(const Xapian::Database& db, std::string_view this_program,
                                           std::string_view remedy) {
  const auto version = db.get_metadata(std::string(schema::k_meta_version));
  if (version.empty() && db.get_doccount() > 0) return "was not written by scio-index (no schema version)";
  if (!version.empty() && version != schema::k_version)
    return "has schema version " + version + "; " + std::string(this_program) + " version " +
           std::string(schema::k_version) + ": " + std::string(remedy);
  return std::nullopt;
}

void add_exchange_terms(Xapian::Document& doc, std::string_view conference_id, const ExchangeFacts& facts) {
  const std::string id = exchange_id(conference_id, facts.number);
  doc.add_boolean_term(term(schema::k_prefix_exchange, id));
  doc.add_boolean_term(term(schema::k_prefix_exchange_side, facts.question ? "question" : "answer"));
  if (!facts.answered) doc.add_boolean_term(term(schema::k_prefix_exchange_side, "unanswered"));
  if (!facts.asked_by.empty()) doc.add_boolean_term(term(schema::k_prefix_asked_by, facts.asked_by));
  for (const auto& key : facts.answered_by) doc.add_boolean_term(term(schema::k_prefix_answered_by, key));
  doc.add_value(schema::k_slot_exchange, id);
  doc.add_value(schema::k_slot_exchange_side, id + (facts.question ? " q" : " a"));
}

}  // namespace scio::core

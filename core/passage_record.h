// One passage as stored in a document's data: the record and its codec, the one place that
// spells the JSON keys (core/schema.h lays out the rest of the document; core/document.h builds it).
#pragma once

#include "core/compress.h"

#include <optional>
#include <string>
#include <string_view>

namespace scio::core {

// "<conference>/q<N>", exchange N's citable id.
std::string exchange_id(std::string_view conference_id, int exchange);

struct PassageRecord {
  std::string passage;  // "<conference>/<turn>.<part>"
  std::string conference;
  std::string title;
  std::string held;       // ISO, "" when unknown
  std::string published;  // ISO, "" when unknown
  std::string speaker;
  std::string speaker_key;
  std::string role;
  std::string kind;
  std::string outlet;
  std::string source;
  std::string url;
  int page = 0;
  int turn = 0;
  int part = 0;
  std::string text;
  // The exchange (indexer/exchanges.h) the passage's turn belongs to, and the one it follows,
  // numbered within the conference; 0: none (stored as null). Since schema version 5.
  int exchange = 0;
  int follows = 0;
  // The language of the passage's turn and of its conference, "zh" or "en" (core::LanguageCounter).
  // Since schema version 6.
  std::string lang;
  std::string conference_lang;
  std::string exchange_id() const;

  // The held date, else the publish date that stands in for it (as the held slot does).
  const std::string& date() const { return held.empty() ? published : held; }
};

// The document data: a JSON object with every field, keys in the order above. A byte that is not
// valid UTF-8 is replaced, so that it cannot cost the passage.
std::string encode_passage_record(const PassageRecord& record);

// The zstd dictionary records are compressed with (core/document.h), trained on the records of
// Foreign Ministry transcripts in English and Chinese (scripts/train-record-dictionary): their
// keys, and the words and phrases they share, cost a few bits each. Shipped in data/, compiled in;
// every database holds a copy as metadata (schema::k_meta_record_dictionary). A new dictionary
// is a new schema version (tests/schema_test.cpp pins it).
const std::string& record_dictionary();
// The codec of that dictionary, for every thread.
const DictionaryCodec& record_codec();

// Reads document data. Missing keys (and values of another type) read as empty; nullopt when the
// data is not a JSON object, which means the database is damaged.
std::optional<PassageRecord> decode_passage_record(std::string_view data);

}  // namespace scio::core

// One passage as stored in a document's data (the JSON layout of core/schema.h), read back.
#pragma once

#include <string>
#include <string_view>

namespace scio::searcher {

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
  // The exchange (searcher/exchanges.h) the passage's turn belongs to, and the one it follows; 0: none.
  int exchange = 0;
  int follows = 0;
  std::string exchange_id() const { return exchange ? conference + "/q" + std::to_string(exchange) : std::string(); }

  // The held date, else the publish date that stands in for it (as the held slot does).
  const std::string& date() const { return held.empty() ? published : held; }
};

// Reads document data. Missing keys read as empty; data that is not a JSON object means the
// database is damaged, and throws DatabaseError.
PassageRecord parse_passage_record(std::string_view data);

}  // namespace scio::searcher

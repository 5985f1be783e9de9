#include "searcher/passage_record.h"

#include "searcher/database.h"

#include <nlohmann/json.hpp>

namespace scio::searcher {
namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

}  // namespace

PassageRecord parse_passage_record(std::string_view data) {
  auto j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) throw DatabaseError("a passage's stored data is not a JSON object: the database is damaged");
  PassageRecord r;
  r.passage = text_of(j, "passage");
  r.conference = text_of(j, "conference");
  r.title = text_of(j, "title");
  r.held = text_of(j, "held");
  r.published = text_of(j, "published");
  r.speaker = text_of(j, "speaker");
  r.speaker_key = text_of(j, "speaker_key");
  r.role = text_of(j, "role");
  r.kind = text_of(j, "kind");
  r.outlet = text_of(j, "outlet");
  r.source = text_of(j, "source");
  r.url = text_of(j, "url");
  r.page = int_of(j, "page");
  r.turn = int_of(j, "turn");
  r.part = int_of(j, "part");
  r.text = text_of(j, "text");
  r.exchange = int_of(j, "exchange");
  r.follows = int_of(j, "follows");
  return r;
}

}  // namespace scio::searcher

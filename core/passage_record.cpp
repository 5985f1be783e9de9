#include "core/passage_record.h"

#include <nlohmann/json.hpp>
#include <type_traits>

namespace scio::core {
namespace {

// A number whose 0 means "none", stored as null.
template <typename Int>
struct ZeroIsNull {
  Int& value;
};

// Every field with its key, in the stored order: the encoder and the decoder both walk this, so a
// key is spelled once and the two cannot disagree.
template <typename Record, typename Visit>
void for_each_field(Record& r, Visit&& visit) {
  visit("passage", r.passage);
  visit("conference", r.conference);
  visit("title", r.title);
  visit("held", r.held);
  visit("published", r.published);
  visit("speaker", r.speaker);
  visit("speaker_key", r.speaker_key);
  visit("role", r.role);
  visit("kind", r.kind);
  visit("outlet", r.outlet);
  visit("source", r.source);
  visit("url", r.url);
  visit("page", r.page);
  visit("turn", r.turn);
  visit("part", r.part);
  visit("text", r.text);
  visit("exchange", ZeroIsNull<std::remove_reference_t<decltype((r.exchange))>>{r.exchange});
  visit("follows", ZeroIsNull<std::remove_reference_t<decltype((r.follows))>>{r.follows});
  visit("lang", r.lang);
  visit("conference_lang", r.conference_lang);
}

}  // namespace

std::string exchange_id(std::string_view conference_id, int exchange) {
  return std::string(conference_id) + "/q" + std::to_string(exchange);
}

std::string PassageRecord::exchange_id() const {
  return exchange ? core::exchange_id(conference, exchange) : std::string();
}

std::string encode_passage_record(const PassageRecord& record) {
  nlohmann::ordered_json data = nlohmann::ordered_json::object();
  for_each_field(record, [&](const char* key, const auto& value) {
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, ZeroIsNull<const int>>)
      data[key] = value.value ? nlohmann::ordered_json(value.value) : nlohmann::ordered_json(nullptr);
    else data[key] = value;
  });
  // The readers guarantee valid UTF-8; replace keeps a stray byte from costing the passage.
  return data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// data/record-dictionary.zdict, compiled in (core/record_dictionary_data.cpp.in).
extern const unsigned char k_record_dictionary[];
extern const std::size_t k_record_dictionary_size;

const std::string& record_dictionary() { return record_codec().dictionary(); }

const DictionaryCodec& record_codec() {
  static const DictionaryCodec codec(
      std::string(reinterpret_cast<const char*>(k_record_dictionary), k_record_dictionary_size));
  return codec;
}

std::optional<PassageRecord> decode_passage_record(std::string_view data) {
  auto j = nlohmann::json::parse(data, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  PassageRecord r;
  for_each_field(r, [&](const char* key, auto&& value) {
    using Value = std::decay_t<decltype(value)>;
    const auto it = j.find(key);
    if (it == j.end()) return;
    if constexpr (std::is_same_v<Value, ZeroIsNull<int>>) {
      if (it->is_number_integer()) value.value = it->template get<int>();
    } else if constexpr (std::is_same_v<Value, int>) {
      if (it->is_number_integer()) value = it->template get<int>();
    } else {
      if (it->is_string()) value = it->template get<std::string>();
    }
  });
  return r;
}

}  // namespace scio::core

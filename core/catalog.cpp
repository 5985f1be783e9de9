#include "core/catalog.h"

#include "core/schema.h"
#include "core/text.h"

namespace scio::core {

std::string source_key(std::string_view path) { return std::string(schema::k_meta_source_prefix) + content_hash(path); }

std::string encode_source_record(const SourceRecord& record) {
  std::string ids;
  for (const auto& id : record.conferences) ids += (ids.empty() ? "" : " ") + id;
  return record.hash + "\t" + ids + "\t" + record.path;
}

std::optional<SourceRecord> decode_source_record(std::string_view value) {
  const auto a = value.find('\t');
  const auto b = a == std::string_view::npos ? a : value.find('\t', a + 1);
  if (b == std::string_view::npos || a == 0 || b + 1 >= value.size()) return std::nullopt;
  return SourceRecord{std::string(value.substr(0, a)), split_words(value.substr(a + 1, b - a - 1)),
                      std::string(value.substr(b + 1))};
}

std::string failed_key(std::string_view path) { return std::string(schema::k_meta_failed_prefix) + content_hash(path); }

std::string encode_failed_record(const FailedRecord& record) {
  std::string reason = record.reason;
  for (auto& c : reason)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return record.hash + "\t" + reason + "\t" + record.path;
}

std::optional<FailedRecord> decode_failed_record(std::string_view value) {
  const auto a = value.find('\t');
  const auto b = a == std::string_view::npos ? a : value.find('\t', a + 1);
  if (b == std::string_view::npos || a == 0 || b + 1 >= value.size()) return std::nullopt;
  return FailedRecord{std::string(value.substr(0, a)), std::string(value.substr(a + 1, b - a - 1)),
                      std::string(value.substr(b + 1))};
}

}  // namespace scio::core

// The catalog: what a scio database remembers of each input file between runs, so that an
// unchanged file is skipped and a changed or vanished one replaces or removes what it gave. One
// metadata entry per file (core/schema.h, k_meta_source_prefix), written and read only here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core {

struct SourceRecord {
  std::string hash;                      // content hash of the file's bytes (core::content_hash)
  std::vector<std::string> conferences;  // the conferences its pages went to (ids hold no white space)
  std::string path;                      // absolute path
};

// The metadata key of a path's record: the prefix and the xxh3 of the path (Xapian's metadata
// keys are length-limited, paths are not).
std::string source_key(std::string_view path);

// "HASH<TAB>ID ID ...<TAB>PATH": the path last, so that it may hold any character but a newline.
std::string encode_source_record(const SourceRecord& record);
// Nothing when value is not such a record (no hash, no path, fewer than two tabs).
std::optional<SourceRecord> decode_source_record(std::string_view value);

// An input that failed, remembered so that an unchanged one is neither read nor reported again
// (k_meta_failed_prefix).
struct FailedRecord {
  std::string hash;    // content hash of the bytes that failed
  std::string reason;  // one line
  std::string path;    // absolute path
};

std::string failed_key(std::string_view path);
// "HASH<TAB>REASON<TAB>PATH"; a tab or line break in the reason becomes a space.
std::string encode_failed_record(const FailedRecord& record);
// Nothing when value is not such a record.
std::optional<FailedRecord> decode_failed_record(std::string_view value);

}  // namespace scio::core

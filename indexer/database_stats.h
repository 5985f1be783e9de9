// What a passage database holds: counts, date range, size and last update (`scio-index stats`).
#pragma once

#include "core/catalog.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace scio::indexer {

struct DatabaseStats {
  std::string path;
  std::size_t conferences = 0;
  std::size_t passages = 0;
  std::size_t speakers = 0;  // distinct speaker keys
  std::string first_held;    // ISO, empty when no passage has a date
  std::string last_held;
  std::size_t shards = 0;    // 0: one database, not sharded
  std::uintmax_t bytes = 0;  // files of the database folder
  std::string last_update;   // ISO timestamp of the last commit that changed something
  std::string schema_version;
  std::vector<core::FailedRecord> failed;  // inputs that failed, not read again until they change
};

// Reads the statistics without taking the write lock (a running scio-index does not block it).
// Throws EnvironmentError when there is no database at path or it cannot be read.
DatabaseStats read_stats(const std::filesystem::path& path);

// "conferences:  1658" lines, one per field; then the failed inputs, one line each with the reason.
void print_stats(const DatabaseStats& stats, std::ostream& out);

}  // namespace scio::indexer

// A sharded scio database: a folder holding shard databases (shard-0, shard-1, ...) and a Xapian
// stub file named XAPIANDB listing them ("auto shard-0" lines), so that every Xapian reader opens
// the folder as one database. A conference and all its passages live in one shard, chosen by a
// stable hash of its id; the catalog (sources and pages, core/schema.h) lives in shard 0.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core::shards {

inline constexpr std::string_view k_stub_name = "XAPIANDB";
inline constexpr std::size_t k_max_shards = 256;

// The folder name of shard i.
std::string shard_name(std::size_t i);

// The shard of a conference among n (xxh3 of the id: stable across runs and machines).
std::size_t shard_of(std::string_view conference_id, std::size_t n);

// The stub file's text for n shards.
std::string stub_text(std::size_t n);

// True when db is a folder holding a stub file.
bool is_sharded(const std::filesystem::path& db);

// The shard folders of a sharded database, in shard order, read from its stub; fails, naming the
// line, on a stub scio-index did not write (remote shards, other paths).
Result<std::vector<std::filesystem::path>> shard_paths(const std::filesystem::path& db);

}  // namespace scio::core::shards

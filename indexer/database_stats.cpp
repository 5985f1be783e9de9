#include "indexer/database_stats.h"

#include "core/date.h"
#include "core/schema.h"
#include "core/shards.h"
#include "indexer/environment_error.h"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <xapian.h>

namespace scio::indexer {
namespace {

namespace fs = std::filesystem;
namespace schema = core::schema;

std::string iso(const std::string& compact) {
  auto date = core::parse_iso_date(compact);
  return date ? date->iso() : compact;
}

std::string human_size(std::uintmax_t bytes) {
  char buf[64];
  if (bytes < 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024);
  else std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024 * 1024));
  return buf;
}

}  // namespace

DatabaseStats read_stats(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    throw EnvironmentError("no database at " + path.string() + " (index something first, or give --db)");
  DatabaseStats stats;
  stats.path = path.string();
  try {
    Xapian::Database db(path.string());
    // Metadata is read from one database at a time: a conference's record is in its own shard.
    std::vector<fs::path> parts{path};
    if (core::shards::is_sharded(path)) {
      auto listed = core::shards::shard_paths(path);
      if (!listed) throw EnvironmentError("database " + path.string() + ": " + listed.error());
      parts = std::move(*listed);
    }
    stats.shards = core::shards::is_sharded(path) ? parts.size() : 0;
    {
      // The catalog is in the first shard.
      Xapian::Database catalog(parts.front().string());
      const std::string failed_prefix(schema::k_meta_failed_prefix);
      for (auto it = catalog.metadata_keys_begin(failed_prefix); it != catalog.metadata_keys_end(failed_prefix); ++it)
        if (auto record = core::decode_failed_record(catalog.get_metadata(*it))) stats.failed.push_back(*record);
      std::sort(stats.failed.begin(), stats.failed.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    }
    const std::string conf_prefix(schema::k_meta_conference_prefix);
    for (const auto& part_path : parts) {
      Xapian::Database part(part_path.string());
      for (auto it = part.metadata_keys_begin(conf_prefix); it != part.metadata_keys_end(conf_prefix); ++it)
        ++stats.conferences;
    }
    stats.passages = db.get_doccount();
    const std::string speaker_prefix(schema::k_prefix_speaker);
    for (auto it = db.allterms_begin(speaker_prefix); it != db.allterms_end(speaker_prefix); ++it) ++stats.speakers;
    // The slot's bounds are not tightened by deletions, so read the values themselves.
    for (auto it = db.valuestream_begin(schema::k_slot_held); it != db.valuestream_end(schema::k_slot_held); ++it) {
      const std::string value = *it;
      if (stats.first_held.empty() || value < stats.first_held) stats.first_held = value;
      if (stats.last_held.empty() || value > stats.last_held) stats.last_held = value;
    }
    stats.first_held = stats.first_held.empty() ? "" : iso(stats.first_held);
    stats.last_held = stats.last_held.empty() ? "" : iso(stats.last_held);
    stats.last_update = db.get_metadata(std::string(schema::k_meta_last_update));
    stats.schema_version = db.get_metadata(std::string(schema::k_meta_version));
  } catch (const Xapian::Error& e) {
    throw EnvironmentError("database " + path.string() + ": cannot read: " + e.get_msg());
  }
  for (const auto& entry : fs::recursive_directory_iterator(path, ec))
    if (entry.is_regular_file(ec)) stats.bytes += entry.file_size(ec);
  return stats;
}

void print_stats(const DatabaseStats& s, std::ostream& out) {
  auto or_dash = [](const std::string& v) { return v.empty() ? std::string("-") : v; };
  out << "database:     " << s.path << '\n'
      << "conferences:  " << s.conferences << '\n'
      << "passages:     " << s.passages << '\n'
      << "speakers:     " << s.speakers << '\n'
      << "held:         " << (s.first_held.empty() ? "-" : s.first_held + " .. " + s.last_held) << '\n'
      << "shards:       " << (s.shards ? std::to_string(s.shards) : std::string("- (one database)")) << '\n'
      << "size:         " << human_size(s.bytes) << " (" << s.bytes << " bytes)\n"
      << "last update:  " << or_dash(s.last_update) << '\n'
      << "schema:       " << or_dash(s.schema_version) << '\n'
      << "failed:       " << s.failed.size() << (s.failed.size() == 1 ? " file" : " files")
      << (s.failed.empty() ? "" : ", not read again until they change (--retry-failed reads them)") << '\n';
  for (const auto& f : s.failed) out << "  " << f.path << ": " << f.reason << '\n';
}

}  // namespace scio::indexer

// `scio-index` proper: incremental, idempotent indexing of inputs into a Xapian passage database.
#pragma once

#include "core/conference.h"
#include "indexer/passage.h"

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>
#include <xapian.h>

namespace scio::indexer {

// Exit codes of scio-index (also in --help and the README).
inline constexpr int k_exit_ok = 0;           // every input indexed (or unchanged)
inline constexpr int k_exit_some_failed = 1;  // some inputs failed; the others were indexed
inline constexpr int k_exit_usage = 2;        // bad command line
inline constexpr int k_exit_environment = 3;  // database locked, unopenable or unwritable

struct IndexOptions {
  std::filesystem::path db;
  std::vector<std::filesystem::path> paths;
  unsigned jobs = 1;
  bool prune = false;
  bool strict = false;
  bool dry_run = false;
  bool quiet = false;
  std::size_t batch_files = 200;  // files per committed transaction
};

struct IndexSummary {
  std::size_t files = 0;
  std::size_t added = 0;      // files not indexed before
  std::size_t updated = 0;    // files whose content changed
  std::size_t unchanged = 0;  // files skipped by content hash
  std::size_t pruned = 0;     // files gone from the given folders, removed from the index
  std::size_t failed = 0;
  std::size_t conferences = 0;  // in the database after the run
  std::size_t passages = 0;
};

// Runs the index command: progress and per-file errors go to err. Returns the exit code.
int run_index(const IndexOptions& options, std::ostream& err, IndexSummary* summary = nullptr);

// Prints the database's statistics. Returns the exit code.
int run_stats(const std::filesystem::path& db, std::ostream& out, std::ostream& err);

// The Xapian document of one passage (schema in core/schema.h).
Xapian::Document passage_document(const core::Conference& conference, const core::Turn& turn,
                                  const Passage& passage, Xapian::TermGenerator& generator);

}  // namespace scio::indexer

// The `scio-index [PATH...]` and `scio-index stats` commands: options and run functions.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace scio::indexer {

// Exit codes of scio-index (also in its --help).
inline constexpr int k_exit_ok = 0;           // every input indexed (or unchanged)
inline constexpr int k_exit_some_failed = 1;  // some inputs failed, each named on stderr; the others were indexed
inline constexpr int k_exit_usage = 2;        // bad command line
inline constexpr int k_exit_environment = 3;  // database locked, unopenable, of another schema, or a write failed
inline constexpr int k_exit_internal = 4;     // a bug: an exception scio-index did not mean to throw
// Stopped by SIGINT (Ctrl-C: 130) or SIGTERM (143) between two files, as a shell reports a signal:
// the files taken in so far are committed, a re-run finishes the job.
inline constexpr int k_exit_interrupted_base = 128;

// A batch is committed at this many files or 8 MB of input, whichever comes first: a commit costs
// Xapian a flush, so small pages (a SCIO article in 6 pages of 4 KB) are batched by their bytes.
inline constexpr std::size_t k_default_batch_files = 2000;

struct IndexOptions {
  std::vector<std::filesystem::path> paths;
  std::string db;  // --db; empty: $SCIO_DB, else the XDG default (core/db_path.h)
  unsigned jobs = 1;
  std::size_t shards = 0;  // --shards: 0 keeps the database as it is; N > 1 makes N shards (core/shards.h)
  bool prune = false;
  bool strict = false;
  bool retry_failed = false;  // read again the files that failed in an earlier run, changed or not
  bool dry_run = false;
  bool quiet = false;     // no summary line
  bool verbose = false;   // name each file that is a copy of a page already indexed
  bool progress = false;  // a \r-updated status line on err (main: stderr is a terminal, not --quiet)
  std::size_t batch_files = k_default_batch_files;  // files per committed transaction
};

// Indexes the inputs. Progress (on a terminal), per-file errors and the summary go to err; a dry
// run lists what would change on out. Returns the exit code; throws EnvironmentError.
int run_index(const IndexOptions& options, std::ostream& out, std::ostream& err);

struct StatsOptions {
  std::string db;
};

struct CompactOptions {
  std::string db;          // as for indexing
  std::string output;      // a new folder
  bool read_only = false;  // drop the termlists: a smaller copy for searching only
};

// Merges the database (one, or all its shards) into one compact database at output, which must
// not exist or be empty. The result is a scio database like any other: it can be searched, served
// and indexed into. With read_only, the termlist table (a quarter of the size) is left out, as
// Xapian's DB_NO_TERMLIST allows: searching, serving and every scio-search command work alike,
// but Xapian cannot replace or delete a passage there, so scio-index refuses to write to it.
// Throws EnvironmentError.
int run_compact(const CompactOptions& options, std::ostream& err);

// Prints the database's statistics to out. Throws EnvironmentError.
int run_stats(const StatsOptions& options, std::ostream& out);

}  // namespace scio::indexer

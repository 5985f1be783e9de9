// scio-index: ingest transcript pages into a Xapian database; `inspect` parses without one.
#include "core/cli_options.h"
#include "core/cli_usage.h"
#include "core/shards.h"
#include "core/version.h"
#include "indexer/environment_error.h"
#include "indexer/fetch/fetch_command.h"
#include "indexer/index_command.h"
#include "indexer/index_writer.h"
#include "indexer/inspect.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <new>
#include <malloc.h>
#include <thread>
#include <unistd.h>
#include <xapian.h>

#ifdef SCIO_JEMALLOC
// jemalloc's settings, read when it starts: freed pages are kept for jemalloc's default 10 s
// before they go back to the system. Returning them at once (dirty_decay_ms:0) made every free an
// madvise and a TLB shootdown across the threads: a fifth of scio-index's CPU on the White House
// corpus for a third less peak memory (bench/RESULTS.md, 2026-12-01).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "muzzy_decay_ms:0";
}
#endif

namespace {

constexpr const char* k_footer =
    R"(The index command is the default: `scio-index [OPTIONS] PATH...` takes files and folders
(recursive) of saved HTML pages, text dumps and canonical XML. Re-running is safe and cheap:
files whose bytes are unchanged are skipped, a changed file replaces what it gave, a newly saved
page of a conference already indexed is merged in page order. Identical pages saved twice count
once: a copy of a page already held, under whatever name, joins that page's conference (its id
never moves); --verbose names each such copy. Batches are committed in transactions: a killed run leaves the last committed state, and
re-running completes it.

A file that fails is named on stderr once and remembered with its reason (`scio-index stats`
lists them): until its bytes change it is not read again, and the summary counts it as "failed
earlier"; --retry-failed reads such files again. A conference that cannot be made into passages
(say, a name too long for Xapian) is skipped the same way, naming its files; the rest is indexed.

--prune removes what was indexed from files now gone from the given folders: a conference none
of whose files is left goes; one with some files left loses the pages of the gone ones.

Database: --db DIR, else $SCIO_DB, else ${XDG_DATA_HOME:-~/.local/share}/scio/db.
--shards N makes a new database of N shards in DIR (DIR/shard-0 ... and the Xapian stub file
DIR/XAPIANDB listing them): each conference goes to one shard by a hash of its id, and the shards
are written in parallel. Readers (scio-search, xapian-delve, xapian-tcpsrv) open DIR as one
database. `scio-index compact --db DIR OUT` merges them into one compact database.

Exit codes:
  0  every input indexed (or unchanged; one that failed in an earlier run and is unchanged is
     only counted, as "failed earlier")
  1  some inputs failed in this run, each named on stderr ("scio-index: error: FILE: reason");
     the others were indexed (with --strict: stopped there, that batch not written)
  2  usage error
  3  environment error: the database is being written by another scio-index (locked), cannot be
     opened or written, or has another schema version
  4  internal error: a bug in scio-index (the message says what; please report it)
  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM: the files taken in so far are committed
     ("scio-index: interrupted: N of M files committed; run again to finish"); a re-run finishes

Examples:
  scio-index ~/transcripts                      index (or bring up to date) the default database
  scio-index --prune ~/transcripts              the same, forgetting files gone from the folder
  scio-index --db archive --shards 4 saved/     a new database of 4 shards
  scio-index inspect --format xml page.htm      how a page is read, without a database
  scio-index stats --db archive)";

}  // namespace

int main(int argc, char** argv) {
  using namespace scio::indexer;
  CLI::App app{"scio-index: index press-conference transcripts into a Xapian database of passages", "scio-index"};
  app.footer(k_footer);
  app.set_version_flag("--version",
                       std::string("scio-index " SCIO_VERSION " (Xapian ") + Xapian::version_string() + ")");
  app.require_subcommand(0, 1);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
#ifndef SCIO_JEMALLOC
  // Documents are built on one thread and freed on another: glibc's default of up to 8 malloc
  // arenas per core then holds freed memory apart (one per core peaks lower, as fast: bench/RESULTS.md).
  ::mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, cores)));
#endif

  // Before any thread starts (it sets the environment Xapian reads).
  use_flush_threshold();

  auto* inspect_cmd =
      app.add_subcommand("inspect", "Parse files and folders and print their conferences (no database)");
  auto* stats_cmd = app.add_subcommand(
      "stats", "Print conferences, passages, speakers, held dates, size, last update and failed inputs");
  auto* compact_cmd = app.add_subcommand(
      "compact", "Merge the database (all its shards) into one compact database in a new folder (xapian-compact)");
  FetchOptions fetch;
  fetch.index.jobs = cores;
  auto* fetch_cmd = add_fetch_command(app, fetch);
  // Every command but inspect works on one database, named before or after the command's name.
  std::string db;
  scio::core::cli::add_shared_option(app, {stats_cmd, compact_cmd, fetch_cmd}, [&](CLI::App& command) {
    scio::core::cli::add_db_option(command, db, "Database folder (sharded or not)");
  });

  IndexOptions index;
  index.jobs = cores;
  app.add_option("-j,--jobs", index.jobs, "Parser threads (default: the number of cores); one thread writes")
      ->check(scio::core::cli::number_in(1, 1024));
  app.add_option("--shards", index.shards,
                 "Make a new database of N shards, written in parallel (a folder with a Xapian stub file); "
                 "an existing database keeps the shards it has")
      ->check(scio::core::cli::number_in(1, scio::core::shards::k_max_shards))
      ->option_text("N");
  app.add_flag("--prune", index.prune, "Remove what came from files gone from the given folders");
  app.add_flag("--strict", index.strict, "Stop at the first bad input, without writing its batch");
  app.add_flag("--retry-failed", index.retry_failed,
               "Read again the files that failed in an earlier run (an unchanged one is skipped otherwise)");
  app.add_flag("--dry-run", index.dry_run, "Parse and list what would change (stdout); write nothing");
  app.add_flag("-q,--quiet", index.quiet, "No progress line and no summary line");
  app.add_flag("-v,--verbose", index.verbose,
               "Name each file that is a copy of a page already indexed (and the copy it repeats)");
  // For tests and tuning: smaller batches commit more often.
  app.add_option("--batch-size", index.batch_files, "Files per committed transaction")
      ->check(scio::core::cli::number_in(1, std::size_t{1} << 20))
      ->group("");
  app.add_option("PATH", index.paths, "Files and folders to index (recursive)");

  InspectOptions inspect;
  inspect.jobs = cores;
  inspect_cmd->add_option("--format", inspect.format, "Output format")
      ->transform(scio::core::cli::one_of<std::string>({{"json", "json"}, {"xml", "xml"}}))
      ->capture_default_str();
  inspect_cmd->add_option("PATH", inspect.paths, "Files and folders (recursive)")->required();

  StatsOptions stats;
  CompactOptions compact;
  compact_cmd->add_option("OUTPUT", compact.output, "New folder for the compact database")->required();
  compact_cmd->add_flag("--read-only", compact.read_only,
                        "Leave out the termlists (a quarter of the size): for searching and serving only; "
                        "scio-index will not write to it");

  try {
    app.parse(argc, argv);
    if (!*inspect_cmd && !*stats_cmd && !*compact_cmd && !*fetch_cmd && index.paths.empty())
      throw CLI::RequiredError("PATH (files or folders to index)");
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? k_exit_ok : k_exit_usage;
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e) == 0 ? k_exit_ok : k_exit_usage;
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e) == 0 ? k_exit_ok : k_exit_usage;
  } catch (const CLI::ParseError& e) {
    std::cerr << "scio-index: error: " << scio::core::cli::usage_message(e, app) << '\n';
    return k_exit_usage;
  }
  // Before a command's name only --db counts (for stats and compact); the index options and paths
  // there are refused rather than dropped ("scio-index --prune stats").
  for (auto* command : {inspect_cmd, stats_cmd, compact_cmd, fetch_cmd}) {
    if (!*command) continue;
    for (const auto* o : app.get_options()) {
      const std::string option = scio::core::cli::option_name(*o);
      if (o->count() == 0 || (option == "--db" && command != inspect_cmd)) continue;
      const std::string name = o->get_positional() ? "the path " + index.paths.front().string() : option;
      std::cerr << "scio-index: error: " << name << " before " << command->get_name()
                << " does not apply to it (scio-index " << command->get_name() << " --help lists what it takes)\n";
      return k_exit_usage;
    }
  }
  try {
    if (*inspect_cmd) return run_inspect(inspect, std::cout, std::cerr);
    index.db = stats.db = compact.db = fetch.index.db = db;
    if (*stats_cmd) return run_stats(stats, std::cout);
    if (*compact_cmd) return run_compact(compact, std::cerr);
    if (*fetch_cmd) {
      fetch.index.progress = !fetch.index.quiet && !fetch.dry_run && ::isatty(STDERR_FILENO);
      return run_fetch(fetch, std::cout, std::cerr);
    }
    index.progress = !index.quiet && ::isatty(STDERR_FILENO);
    return run_index(index, std::cout, std::cerr);
  } catch (const EnvironmentError& e) {
    std::cerr << "scio-index: error: " << e.what() << '\n';
    return k_exit_environment;
  } catch (const Xapian::Error& e) {
    std::cerr << "scio-index: error: database: " << e.get_description() << '\n';
    return k_exit_environment;
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "scio-index: error: " << e.what() << '\n';
    return k_exit_environment;
  } catch (const std::bad_alloc&) {
    std::cerr << "scio-index: error: out of memory\n";
    return k_exit_environment;
  } catch (const std::exception& e) {
    // Anything else is a bug of scio-index's, not an unusable database: said as such.
    std::cerr << "scio-index: internal error: " << e.what() << " (a bug in scio-index: please report it)\n";
    return k_exit_internal;
  }
}

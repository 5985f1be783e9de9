// scio-index: ingest transcript pages into a Xapian database; `inspect` parses without one.
#include "core/db_path.h"
#include "indexer/index_writer.h"
#include "indexer/inspect.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <thread>

namespace {

constexpr const char* k_footer = R"(Exit codes:
  0  every input indexed (or unchanged)
  1  some inputs failed (each named on stderr); the others were indexed
  2  usage error
  3  environment error: the database is locked by another scio-index, or cannot be opened/written

The database is --db, else $SCIO_DB, else $XDG_DATA_HOME/scio/db (~/.local/share/scio/db).)";

}  // namespace

int main(int argc, char** argv) {
  using namespace scio::indexer;
  CLI::App app{"scio-index: index press-conference transcripts (saved HTML pages, text dumps, canonical XML)\n"
               "into a Xapian database of speaker-tagged passages. Re-running is safe: unchanged files\n"
               "are skipped, changed ones replace what they gave, new pages are merged.",
               "scio-index"};
  app.footer(k_footer);
  app.require_subcommand(0, 1);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());

  IndexOptions index;
  std::string db_flag;
  index.jobs = cores;
  app.add_option("--db", db_flag, "Database folder");
  app.add_option("-j,--jobs", index.jobs, "Parser threads (default: the number of cores)")->check(CLI::Range(1u, 256u));
  app.add_flag("--prune", index.prune, "Remove what was indexed from files now gone from the given folders");
  app.add_flag("--strict", index.strict, "Stop at the first bad input without committing its batch");
  app.add_flag("--dry-run", index.dry_run, "Parse and report what would change; write nothing");
  app.add_flag("-q,--quiet", index.quiet, "No progress bar and no summary line");
  app.add_option("--batch-size", index.batch_files, "Files per committed transaction")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();
  app.add_option("PATH", index.paths, "Files and folders to index (recursive)");

  InspectOptions inspect;
  inspect.jobs = cores;
  auto* inspect_cmd = app.add_subcommand("inspect", "Parse files and folders and print their conferences (no database)");
  inspect_cmd->add_option("--format", inspect.format, "Output format")
      ->check(CLI::IsMember({"json", "xml"}))
      ->capture_default_str();
  inspect_cmd->add_option("PATH", inspect.paths, "Files and folders (recursive)")->required();

  std::string stats_db;
  auto* stats_cmd = app.add_subcommand("stats", "Print conferences, passages, speakers, date range, size, last update");
  stats_cmd->add_option("--db", stats_db, "Database folder");

  try {
    app.parse(argc, argv);
    if (!*inspect_cmd && !*stats_cmd && index.paths.empty())
      throw CLI::RequiredError("PATH (files or folders to index)");
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : k_exit_usage;  // CLI11's own codes start at 100
  }
  try {
    if (*inspect_cmd) return run_inspect(inspect, std::cout, std::cerr);
    auto db = scio::core::resolve_db_path(stats_db.empty() ? db_flag : stats_db);
    if (!db) {
      std::cerr << "scio-index: error: " << db.error() << '\n';
      return k_exit_usage;
    }
    if (*stats_cmd) return run_stats(*db, std::cout, std::cerr);
    index.db = *db;
    return run_index(index, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "scio-index: error: " << e.what() << '\n';
    return k_exit_environment;
  }
}

// `scio-index fetch`: bring the archive of saved pages up to date from the press rooms' listings,
// politely, then index the new and changed pages through `scio-index PATH`'s own path.
#pragma once

#include "indexer/index_command.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace scio::indexer {

struct FetchOptions {
  std::vector<std::string> urls;
  std::string archive;  // --archive; empty: ${XDG_DATA_HOME:-~/.local/share}/scio/pages
  std::string since;    // --since YYYY-MM-DD: listing items older than this are not fetched
  bool dry_run = false;
  double delay = 1.0;       // seconds between two requests to one host
  double timeout = 30.0;    // seconds for one request
  int retries = 3;          // after the first attempt, on timeouts, 429 and 5xx
  double retry_wait = 2.0;  // first wait before a retry, doubled each time (a Retry-After wins)
  std::string contact;      // --contact: URL or address in the User-Agent
  IndexOptions index;       // --db, --jobs, --quiet, --verbose and the progress line, as for indexing
};

// Registers the `fetch` subcommand on app, filling options.
CLI::App* add_fetch_command(CLI::App& app, FetchOptions& options);

// Fetches, archives and indexes. A dry run lists on out what would be fetched. Per-URL errors and
// the summary go to err. Returns scio-index's exit codes; throws EnvironmentError as run_index does.
int run_fetch(const FetchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace scio::indexer

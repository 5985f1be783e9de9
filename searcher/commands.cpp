#include "searcher/commands.h"

#include "core/aliases.h"
#include "core/db_path.h"

namespace scio::searcher {
namespace {

Searcher open_searcher(const CommonOptions& options) {
  if (!options.db.empty()) return Searcher(open_database(options.db), core::load_aliases());
  auto path = core::resolve_db_path("");
  if (!path) throw DatabaseError(path.error());
  return Searcher(open_database({path->string()}), core::load_aliases());
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

Outcome usage(const std::string& error) { return Outcome{k_exit_usage, error}; }

}  // namespace

Outcome run_search(const SearchOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  SearchRequest request;
  request.text = joined(options.words);
  request.filters = options.filters;
  request.sort = options.sort;
  request.match_any = options.any;
  request.per_conference = options.per_conference;
  request.limit = options.limit;
  request.offset = options.offset;
  request.exact = options.exact;
  // About three lines of snippet under each header.
  request.snippet_bytes = 3 * (terminal.width > 3 ? terminal.width - 3 : 1);
  Searcher searcher = open_searcher(options.common);
  auto results = searcher.search(request);
  if (!results) return usage(results.error());
  write_hits(*results, request, options.common.format, terminal, out, err);
  return Outcome{results->hits.empty() ? k_exit_nothing : k_exit_found, {}};
}

Outcome run_show(const ShowOptions& options, const Terminal& terminal, std::ostream& out) {
  Searcher searcher = open_searcher(options.common);
  auto context = searcher.context(options.passage, options.context);
  if (!context) return Outcome{k_exit_nothing, context.error()};
  write_context(*context, options.common.format, terminal, out);
  return {};
}

Outcome run_speakers(const ListOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  Searcher searcher = open_searcher(options.common);
  auto listing = searcher.speakers(joined(options.words), options.filters);
  if (!listing) return usage(listing.error());
  write_speakers(*listing, options.common.format, terminal, out, err);
  return Outcome{listing->rows.empty() ? k_exit_nothing : k_exit_found, {}};
}

Outcome run_conferences(const ListOptions& options, const Terminal& terminal, std::ostream& out,
                        std::ostream& err) {
  Searcher searcher = open_searcher(options.common);
  auto listing = searcher.conferences(joined(options.words), options.filters);
  if (!listing) return usage(listing.error());
  write_conferences(*listing, options.common.format, terminal, out, err);
  return Outcome{listing->rows.empty() ? k_exit_nothing : k_exit_found, {}};
}

}  // namespace scio::searcher

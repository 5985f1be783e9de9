#include "searcher/commands.h"

#include "core/aliases.h"
#include "core/db_path.h"
#include "core/passage_record.h"
#include "searcher/counterpart.h"
#include "searcher/exchanges.h"

#include <algorithm>

namespace scio::searcher {

namespace {

OpenedDatabase open_db(const CommonOptions& options) {
  if (!options.db.empty()) return open_database(options.db);
  auto path = core::resolve_db_path("");
  if (!path) throw DatabaseError(path.error());
  return open_database({path->string()});
}

}  // namespace

Searcher open_searcher(const CommonOptions& options) { return Searcher(open_db(options), core::load_aliases()); }

namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

Outcome usage(const std::string& error) { return Outcome{k_exit_usage, error}; }

// Spreadsheets read a CSV file as UTF-8 only when it starts with the byte-order mark.
void write_bom(const CommonOptions& options, std::ostream& out) {
  if (options.bom && options.format == Format::csv) out << "\xEF\xBB\xBF";
}

// A listing sorted and paged as asked; a page that is not the whole list says so in a note.
template <typename Row, typename Less>
std::size_t page(Listing<Row>& listing, const ListOptions& options, Less less, const std::string& noun) {
  auto& rows = listing.rows;
  const std::size_t total = rows.size();
  if (options.sort_given) std::stable_sort(rows.begin(), rows.end(), less);
  if (options.limit_given && options.limit == 0) return total;
  const std::size_t first = std::min<std::size_t>(options.offset, total);
  rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(first));
  if (options.limit_given && rows.size() > options.limit) rows.resize(options.limit);
  if (rows.size() < total) {
    listing.notes.push_back(rows.empty()
                                ? "no " + noun + " on this page: " + number_text(total) + " match"
                                : noun + " " + number_text(first + 1) + "-" + number_text(first + rows.size()) +
                                      " of " + number_text(total) + " (-n and --offset page through them)");
  }
  return total;
}

// Dates compared with the unknown ones last, whichever the direction.
bool earlier(const std::string& a, const std::string& b) { return !a.empty() && (b.empty() || a < b); }
bool later(const std::string& a, const std::string& b) { return !a.empty() && (b.empty() || a > b); }

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
  write_bom(options.common, out);
  write_hits(*results, request, options.common.format, terminal, out, err);
  const bool found = options.limit == 0 ? results->total > 0 : !results->hits.empty();
  return Outcome{found ? k_exit_found : k_exit_nothing, {}};
}

namespace {

// show ID --other-language: what ID names (its conference, date and exchange), then the same
// exchange of the counterpart when both versions have as many exchanges, else the whole counterpart.
Outcome run_show_other_language(const ShowOptions& options, const Terminal& terminal, std::ostream& out,
                                std::ostream& err) {
  if (options.context_given)
    return usage("--context: --other-language shows an exchange or a conference whole; give one or the other");
  Searcher searcher = open_searcher(options.common);
  const auto exchange_of_id = parse_exchange_id(options.id);
  auto context = searcher.context(exchange_of_id ? exchange_of_id->first : options.id, 0);
  if (!context) return Outcome{k_exit_nothing, context.error()};
  const PassageRecord* target = nullptr;
  for (const auto& p : context->passages)
    if (context->is_target(p) && (!target || (!target->exchange && p.exchange))) target = &p;
  if (!target) return Outcome{k_exit_nothing, "show --other-language: \"" + options.id + "\" has no text"};
  const std::string conference = target->conference;
  const int exchange = exchange_of_id ? exchange_of_id->second : context->whole ? 0 : target->exchange;

  std::optional<std::string> other;
  int own_count = 0, other_count = 0;
  std::vector<std::string> notes;
  read_with_retry(searcher.opened(), [&](Xapian::Database& db) {
    Counterparts counterparts(db);
    other = counterparts.of(conference, target->date());
    notes = counterparts.notes();
    if (other) {
      own_count = counterparts.facts(conference, target->date())->exchanges;
      other_count = counterparts.facts(*other, target->date())->exchanges;
    }
    return 0;
  });
  if (!other && target->date().empty())
    return Outcome{k_exit_nothing, "show --other-language: conference " + conference +
                                       " has no held or publish date, which its counterpart is found by"};
  if (!other)
    return Outcome{k_exit_nothing,
                   "show --other-language: " +
                       (notes.empty() ? "conference " + conference + " (" + target->date() +
                                            ") has no counterpart in the database: no conference of that date in "
                                            "the other language with the same kind and spokesperson or officials"
                                      : notes.front())};

  if (exchange > 0 && own_count == other_count) {
    ShowOptions shown = options;
    shown.other_language = false;
    shown.id = core::exchange_id(*other, exchange);
    notes.push_back(shown.id + " is taken for " + core::exchange_id(conference, exchange) +
                    " by order: both versions have " + std::to_string(own_count) + " exchanges");
    auto outcome = run_show_exchange(shown, terminal, out);
    if (outcome.error.empty()) write_notes(notes, options.common.format, terminal, out, err);
    return outcome;
  }
  if (context->whole && !exchange_of_id) {
    // A conference asked for: its counterpart whole is the answer, nothing to explain.
  } else if (exchange == 0) {
    notes.push_back(options.id + " is in no exchange (an opening statement or a hand-off): the whole counterpart " +
                    *other + " is shown");
  } else {
    notes.push_back(conference + " has " + std::to_string(own_count) + " exchanges and its counterpart " + *other +
                    " has " + std::to_string(other_count) +
                    ": exchanges are matched by order only when the counts agree, so the whole counterpart is shown");
  }
  auto whole = searcher.context(*other, 0);
  if (!whole) return Outcome{k_exit_nothing, whole.error()};
  write_bom(options.common, out);
  write_context(*whole, options.common.format, terminal, out);
  write_notes(notes, options.common.format, terminal, out, err);
  return {};
}

}  // namespace

Outcome run_show(const ShowOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  if (options.other_language) return run_show_other_language(options, terminal, out, err);
  if (parse_exchange_id(options.id)) return run_show_exchange(options, terminal, out);  // searcher/exchanges
  Searcher searcher = open_searcher(options.common);
  auto context = searcher.context(options.id, options.context);
  if (!context) return Outcome{k_exit_nothing, context.error()};
  if (context->whole && options.context_given)
    return usage("--context: \"" + options.id +
                 "\" is a conference id, shown whole; --context takes a passage or turn id");
  write_bom(options.common, out);
  write_context(*context, options.common.format, terminal, out);
  return {};
}

namespace {

// A listing command: fetch the rows, page and sort them, then write them or (-n 0) their count.
template <typename Row, typename Fetch, typename Before, typename Write>
Outcome run_listing(const ListOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err,
                    const char* one, const char* many, Fetch fetch, Before before, Write write) {
  Searcher searcher = open_searcher(options.common);
  core::Result<Listing<Row>> listing = fetch(searcher);
  if (!listing) return usage(listing.error());
  const auto total = page(*listing, options, before, many);
  write_bom(options.common, out);
  if (options.limit_given && options.limit == 0) {
    write_count(total, true, total == 1 ? one : many, options.common.format, terminal, out);
    write_notes(listing->notes, options.common.format, terminal, out, err);
    return Outcome{total == 0 ? k_exit_nothing : k_exit_found, {}};
  }
  write(searcher, *listing);
  return Outcome{listing->rows.empty() ? k_exit_nothing : k_exit_found, {}};
}

}  // namespace

Outcome run_speakers(const ListOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  return run_listing<SpeakerRow>(
      options, terminal, out, err, "speaker", "speakers",
      [&](Searcher& searcher) { return searcher.speakers(joined(options.words), options.filters); },
      [&](const SpeakerRow& a, const SpeakerRow& b) {
        switch (options.sort) {
          case Sort::relevance: return a.passages > b.passages;
          case Sort::newest: return later(a.last, b.last);
          case Sort::oldest: return earlier(a.first, b.first);
        }
        return false;
      },
      [&](Searcher&, const Listing<SpeakerRow>& listing) {
        write_speakers(listing, options.common.format, terminal, out, err);
      });
}

Outcome run_conferences(const ListOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  return run_listing<ConferenceRow>(
      options, terminal, out, err, "conference", "conferences",
      [&](Searcher& searcher) { return searcher.conferences(joined(options.words), options.filters); },
      [&](const ConferenceRow& a, const ConferenceRow& b) {
        switch (options.sort) {
          case Sort::relevance: return a.passages > b.passages;
          case Sort::newest: return later(a.held, b.held);
          case Sort::oldest: return earlier(a.held, b.held);
        }
        return false;
      },
      [&](Searcher& searcher, Listing<ConferenceRow>& listing) {
        searcher.link_counterparts(listing);
        write_conferences(listing, options.common.format, terminal, out, err);
      });
}

Outcome run_timeline(const TimelineOptions& options, const Terminal& terminal, bool unicode, std::ostream& out,
                     std::ostream& err) {
  auto db = open_db(options.common);
  const auto aliases = core::load_aliases();
  auto t = timeline(db, aliases,
                    TimelineRequest{joined(options.words), options.filters, options.by, options.split, options.top});
  if (!t) return usage(t.error());
  if (!options.plot.empty()) {
    const auto error = plot_timeline(*t, options.per_million, options.plot);
    if (!error.empty()) return usage(error);
  }
  write_bom(options.common, out);
  write_timeline(*t, options.common.format, options.per_million, unicode, terminal, out, err);
  if (!options.plot.empty() && options.common.format == Format::text)
    out << "Chart written to " << options.plot << ".\n";
  return Outcome{t->passages > 0 ? k_exit_found : k_exit_nothing, {}};
}

Outcome run_kwic(const KwicOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  auto db = open_db(options.common);
  const auto aliases = core::load_aliases();
  auto r = kwic(db, aliases,
                KwicRequest{joined(options.words), options.filters, options.sort, options.limit, options.offset});
  if (!r) return usage(r.error());
  write_bom(options.common, out);
  write_kwic(*r, options.common.format, options.width, terminal, out, err);
  const bool found = options.limit == 0 ? r->total > 0 : !r->lines.empty();
  return Outcome{found ? k_exit_found : k_exit_nothing, {}};
}

}  // namespace scio::searcher

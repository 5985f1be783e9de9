#include "indexer/fetch/fetch_command.h"

#include "indexer/stop_signals.h"

#include "core/cli_usage.h"
#include "core/date.h"
#include "core/version.h"
#include "indexer/environment_error.h"
#include "indexer/fetch/archive.h"
#include "indexer/fetch/http_client.h"
#include "indexer/fetch/listing.h"
#include "indexer/fetch/robots.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#ifndef SCIO_HOMEPAGE_URL
#define SCIO_HOMEPAGE_URL ""
#endif

namespace fs = std::filesystem;

namespace scio::indexer {
namespace {

using fetch::Archive;
using fetch::Url;

// The product token robots.txt groups are matched against (RFC 9309 2.2.1).
constexpr const char* k_robots_token = "scio";
// A listing walk stops after this many items in a row already in the archive (or a whole page of
// them, when pages are shorter): the newer items come first on every known press room.
constexpr std::size_t k_known_run = 10;

class Fetcher {
 public:
  Fetcher(const FetchOptions& options, Archive& archive, std::ostream& out, std::ostream& err)
      : m_options(options), m_archive(archive), m_out(out), m_err(err), m_http(settings(options)) {
    if (!options.since.empty()) m_since = core::parse_iso_date(options.since);
    m_http.should_stop = [] { return StopSignals::caught() != 0; };
    m_http.on_wait = [this](bool waiting) {
      m_waiting = waiting;
      progress();
    };
  }

  void run_url(const Url& url);
  bool stopped() const { return StopSignals::caught() != 0; }
  void end_progress() {
    if (m_options.index.progress && m_progress_shown) m_err << "\r\x1b[K" << std::flush;
  }
  void summary(double seconds) const;

  std::size_t failed = 0;

 private:
  static fetch::HttpSettings settings(const FetchOptions& o) {
    fetch::HttpSettings s;
    const std::string contact = !o.contact.empty() ? o.contact : SCIO_HOMEPAGE_URL;
    s.user_agent =
        "scio-index/" SCIO_VERSION " (press-conference archive" + (contact.empty() ? "" : "; +" + contact) + ")";
    s.delay_seconds = o.delay;
    s.timeout_seconds = o.timeout;
    s.retries = o.retries;
    s.retry_wait_seconds = o.retry_wait;
    return s;
  }

  void error(const std::string& url, const std::string& what) {
    clear_progress();
    m_err << "scio-index: error: " << url << ": " << what << '\n';
    ++failed;
  }
  void clear_progress() {
    if (m_options.index.progress && m_progress_shown) m_err << "\r\x1b[K";
  }
  void progress() {
    if (!m_options.index.progress) return;
    m_err << "\rfetch: " << m_pages << " pages, " << (m_http.bytes() + 1023) / 1024 << " KB, " << m_conferences
          << " new conferences" << (m_waiting ? ", waiting for the rate limit" : "") << "\x1b[K" << std::flush;
    m_progress_shown = true;
  }

  bool allowed(const Url& url);
  std::optional<fetch::Response> get(const Url& url, const fetch::Validators* conditional = nullptr);
  void walk_listing(const Url& start, std::string first_page);
  // Fetches a transcript page; returns its body (as fetched or archived) when there is one.
  std::optional<std::string> fetch_page(const Url& url, bool refetch);
  void fetch_article(const Url& url, bool refetch, bool from_listing);
  void more_pages(const Url& url, const std::string& body);

  const FetchOptions& m_options;
  Archive& m_archive;
  std::ostream& m_out;
  std::ostream& m_err;
  fetch::HttpClient m_http;
  std::optional<core::Date> m_since;
  std::map<std::string, fetch::Robots> m_robots;  // by origin, for this run
  std::set<std::string> m_done;                   // URLs handled this run
  std::size_t m_pages = 0, m_added = 0, m_changed = 0, m_unchanged = 0, m_soft_404 = 0, m_robots_skipped = 0;
  std::size_t m_conferences = 0, m_would_fetch = 0;
  bool m_waiting = false;
  bool m_progress_shown = false;
};

bool Fetcher::allowed(const Url& url) {
  auto it = m_robots.find(url.origin());
  if (it == m_robots.end()) {
    auto robots_url = *fetch::parse_url(url.origin() + "/robots.txt");
    auto r = m_http.get(robots_url);
    fetch::Robots robots = fetch::Robots::allow_all();
    if (!r.ok && r.error == "interrupted") return false;
    if (!r.ok || r.status >= 500) {
      robots = fetch::Robots::disallow_all();  // 5xx or unreachable: nothing from this host this run
    } else if (r.ok && r.status == 200 && fetch::looks_like_robots_file(r.content_type, r.body)) {
      robots = fetch::Robots::parse(r.body, k_robots_token);
    }
    // 4xx, or a redirect to an HTML page (the Foreign Ministry's): no rules.
    if (robots.unreachable())
      error(url.origin(), "robots.txt could not be read (" + r.error + "): nothing fetched from this host this run");
    it = m_robots.emplace(url.origin(), robots).first;
  }
  if (it->second.unreachable()) return false;
  if (it->second.allowed(url.path + (url.query.empty() ? "" : "?" + url.query))) return true;
  clear_progress();
  m_err << "scio-index: skipped: " << url.full << ": disallowed by " << url.origin() << "/robots.txt\n";
  ++m_robots_skipped;
  return false;
}

std::optional<fetch::Response> Fetcher::get(const Url& url, const fetch::Validators* conditional) {
  if (stopped() || !allowed(url)) return std::nullopt;
  auto r = m_http.get(url, conditional);
  if (stopped()) return std::nullopt;
  if (!r.ok || (r.status != 200 && r.status != 304)) {
    error(url.full, r.error.empty() ? "status " + std::to_string(r.status) : r.error);
    return std::nullopt;
  }
  progress();
  return r;
}

void Fetcher::run_url(const Url& url) {
  if (fetch::is_article_page(url)) {
    fetch_article(url, true, false);
    return;
  }
  // Anything else: a listing or a single page, told apart by its content.
  const auto validators = m_archive.validators(url);
  auto r = get(url, validators ? &*validators : nullptr);
  if (!r) return;
  if (r->status == 304) {
    m_done.insert(url.full);
    ++m_unchanged;
    return;
  }
  if (auto reason = fetch::soft_404_reason(url, r->url, r->body); !reason.empty()) {
    ++m_soft_404;
    error(url.full, reason + "; not saved");
    return;
  }
  if (fetch::read_listing(url, r->body)) {
    walk_listing(url, std::move(r->body));
    return;
  }
  if (m_options.dry_run) {
    m_out << "fetch " << url.full << '\n';
    ++m_would_fetch;
    return;
  }
  m_done.insert(url.full);
  ++m_pages;
  switch (m_archive.save(url, r->body, r->validators)) {
    case Archive::Saved::added: ++m_added; break;
    case Archive::Saved::changed: ++m_changed; break;
    case Archive::Saved::unchanged: ++m_unchanged; break;
  }
}

void Fetcher::walk_listing(const Url& start, std::string page) {
  const bool complete_before = m_archive.listing_complete(start);
  Url page_url = start;
  std::size_t known_run = 0;
  bool reached_end = false, stopped_early = false;
  while (!stopped()) {
    const auto listing = fetch::read_listing(page_url, page);
    if (!listing) {
      error(page_url.full, "not a listing page like the one before it; the walk stops here");
      break;
    }
    const std::size_t enough = std::min(k_known_run, listing->items.size());
    for (const auto& item : listing->items) {
      if (stopped()) break;
      if (m_since && item.date && *item.date < *m_since) {
        stopped_early = true;  // older items follow: --since ends the walk
        break;
      }
      if (m_archive.has(item.url)) {
        ++known_run;
        // An article saved by an interrupted run may miss later pages: its archived copy says which.
        if (fetch::is_article_first_page(item.url) && !m_done.count(item.url.full))
          more_pages(item.url, *m_archive.read(item.url));
        m_done.insert(item.url.full);
        // Only a walk that once reached the listing's end may stop at known items: an interrupted
        // first walk is resumed to the end, skipping (not fetching) what it saved.
        if (complete_before && known_run >= enough) {
          stopped_early = true;
          break;
        }
        continue;
      }
      known_run = 0;
      fetch_article(item.url, false, true);
    }
    if (stopped_early || stopped()) break;
    if (!listing->next_page) {
      reached_end = true;
      break;
    }
    page_url = *listing->next_page;
    auto r = get(page_url);
    if (!r) break;
    if (auto reason = fetch::soft_404_reason(page_url, r->url, r->body); !reason.empty()) {
      ++m_soft_404;
      error(page_url.full, reason + "; the walk stops here");
      break;
    }
    page = std::move(r->body);
  }
  if (!m_options.dry_run && !stopped()) m_archive.set_listing_complete(start, reached_end || complete_before);
}

std::optional<std::string> Fetcher::fetch_page(const Url& url, bool refetch) {
  if (m_done.count(url.full)) return std::nullopt;
  if (!refetch && m_archive.has(url)) {
    m_done.insert(url.full);
    return m_archive.read(url);
  }
  if (m_options.dry_run) {
    m_out << "fetch " << url.full << '\n';
    ++m_would_fetch;
    m_done.insert(url.full);
    return std::nullopt;
  }
  const auto validators = m_archive.validators(url);
  auto r = get(url, validators ? &*validators : nullptr);
  if (!r) return std::nullopt;
  m_done.insert(url.full);
  ++m_pages;
  if (r->status == 304) {
    ++m_unchanged;
    m_archive.touch(url, r->validators);
    return m_archive.read(url);
  }
  if (auto reason = fetch::soft_404_reason(url, r->url, r->body); !reason.empty()) {
    ++m_soft_404;
    error(url.full, reason + "; not saved");
    return std::nullopt;
  }
  switch (m_archive.save(url, r->body, r->validators)) {
    case Archive::Saved::added: ++m_added; break;
    case Archive::Saved::changed: ++m_changed; break;
    case Archive::Saved::unchanged: ++m_unchanged; break;
  }
  return std::move(r->body);
}

void Fetcher::more_pages(const Url& url, const std::string& body) {
  // The pager is followed until it ends: each page may link only to its neighbours.
  for (const auto& page : fetch::article_pages(url, body)) {
    if (stopped()) return;
    if (auto next = fetch_page(page, false)) more_pages(page, *next);
  }
}

void Fetcher::fetch_article(const Url& url, bool refetch, bool from_listing) {
  const bool is_new = !m_archive.has(url);
  auto body = fetch_page(url, refetch);
  if (from_listing && is_new && (body || m_options.dry_run)) ++m_conferences;
  if (body) more_pages(url, *body);
}

void Fetcher::summary(double seconds) const {
  if (m_options.index.quiet) return;
  if (m_options.dry_run) {
    m_err << "scio-index: fetch: " << m_would_fetch << " pages would be fetched (" << m_http.requests()
          << " requests made to find them)\n";
    return;
  }
  m_err << "scio-index: fetch: " << m_http.requests() << " requests, " << m_pages << " pages (" << std::fixed
        << std::setprecision(1) << static_cast<double>(m_http.bytes()) / 1e6 << " MB) in " << seconds
        << " s: " << m_added << " new, " << m_changed << " changed, " << m_unchanged << " unchanged";
  if (m_soft_404) m_err << ", " << m_soft_404 << " error pages";
  if (m_robots_skipped) m_err << ", " << m_robots_skipped << " disallowed by robots.txt";
  m_err << "; " << failed << " failed\n";
}

}  // namespace

CLI::App* add_fetch_command(CLI::App& app, FetchOptions& o) {
  auto* cmd = app.add_subcommand("fetch",
                                 "Download what press-room listings (or transcript pages) published since the last "
                                 "run into the archive, politely, and index the new and changed pages");
  cmd->add_option("--archive", o.archive,
                  "Folder of saved pages (default: ${XDG_DATA_HOME:-~/.local/share}/scio/pages)");
  cmd->add_option("--since", o.since, "Fetch no listing item older than this date (YYYY-MM-DD)")
      ->check([](const std::string& s) {
        return core::parse_iso_date(s) ? std::string() : "not a date (YYYY-MM-DD): " + s;
      });
  cmd->add_flag("--dry-run", o.dry_run, "List what would be fetched (stdout); save and index nothing");
  cmd->add_option("--delay", o.delay, "Seconds between two requests to one host")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  cmd->add_option("--timeout", o.timeout, "Seconds for one request before it is retried")
      ->check(CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  cmd->add_option("--retries", o.retries, "Retries of a request after a timeout, 429 or 5xx")
      ->check(CLI::Range(0, 20))
      ->capture_default_str();
  cmd->add_option("--contact", o.contact, "A URL or e-mail address put in the User-Agent for the sites' operators");
  // For tests: the first wait before a retry (doubled each time).
  cmd->add_option("--retry-wait", o.retry_wait, "")->check(CLI::Range(0.0, 3600.0))->group("");
  cmd->add_flag("-q,--quiet", o.index.quiet, "No progress line and no summary lines");
  cmd->add_flag("-v,--verbose", o.index.verbose, "As for indexing: name each copy of a page already indexed");
  cmd->add_option("URL", o.urls, "Press-room listing pages or transcript pages (http or https)")->required();
  cmd->footer(
      "Pages are saved unchanged in the archive (HOST/PATH), then the new and changed ones are indexed as by\n"
      "`scio-index PATH...`. A listing is walked from its newest page until items already archived; a second\n"
      "run with nothing new requests only robots.txt and the first listing page. robots.txt is honoured,\n"
      "one request per --delay seconds per host. Exit codes as for indexing; a URL that could not be\n"
      "fetched (each named on stderr) makes it 1.");
  return cmd;
}

int run_fetch(const FetchOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<Url> urls;
  for (const auto& text : options.urls) {
    auto url = fetch::parse_url(text);
    if (!url) {
      err << "scio-index: error: " << text << ": not an http or https URL\n";
      return k_exit_usage;
    }
    urls.push_back(*url);
  }
  fs::path root = options.archive.empty() ? fetch::default_archive_root() : fs::path(options.archive);
  if (root.empty()) {
    err << "scio-index: error: no archive folder: give --archive DIR, or set XDG_DATA_HOME or HOME\n";
    return k_exit_usage;
  }
  root = fs::absolute(root);
  std::optional<Archive> archive;
  try {
    archive.emplace(root, options.dry_run);
  } catch (const std::exception& e) { throw EnvironmentError("archive " + root.string() + ": " + e.what()); }
  const auto start = std::chrono::steady_clock::now();
  int stop_signal = 0;
  std::size_t failed = 0;
  {
    // Stops the fetching between (or during) requests; restored before indexing, which has its own.
    StopSignals signals(0);
    Fetcher fetcher(options, *archive, out, err);
    for (const auto& url : urls) {
      if (fetcher.stopped()) break;
      fetcher.run_url(url);
    }
    fetcher.end_progress();
    fetcher.summary(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    stop_signal = StopSignals::caught();
    failed = fetcher.failed;
  }
  if (options.dry_run) return failed ? k_exit_some_failed : k_exit_ok;
  if (stop_signal) {
    err << "scio-index: interrupted: the pages saved so far are in " << root.string()
        << "; run again to finish (nothing saved is fetched again)\n";
    return k_exit_interrupted_base + stop_signal;
  }
  // The new and changed pages, and any a stopped run saved without indexing, in one batch.
  const auto paths = archive->unindexed();
  int code = k_exit_ok;
  if (paths.empty()) {
    if (!options.index.quiet) err << "scio-index: nothing new to index\n";
  } else {
    IndexOptions index = options.index;
    index.paths = paths;
    code = run_index(index, out, err);
    if (code == k_exit_ok || code == k_exit_some_failed) archive->mark_indexed(paths);
  }
  if (code == k_exit_ok && failed) code = k_exit_some_failed;
  return code;
}

}  // namespace scio::indexer

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

// Whom the sites' operators can reach: --contact (or $SCIO_CONTACT), else the homepage the build
// names, else nobody.
std::string contact_of(const FetchOptions& o) { return !o.contact.empty() ? o.contact : SCIO_HOMEPAGE_URL; }

// "scio/VERSION (+CONTACT)": the product token is the one robots.txt groups are matched against.
std::string user_agent(const FetchOptions& o) {
  const std::string contact = contact_of(o);
  return std::string(k_robots_token) + "/" SCIO_VERSION + (contact.empty() ? "" : " (+" + contact + ")");
}

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
    s.user_agent = user_agent(o);
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

  // The robots.txt rules of url's host, read once per run; nothing when interrupted.
  const fetch::Robots* robots_of(const Url& url);
  // True when robots.txt lets url be fetched; else it is named on err (once its host's robots.txt
  // could not be read, that is said once for the host) and the run counts as incomplete.
  bool allowed(const Url& url);
  // Empty when a redirect to `to` may be followed; else why not.
  std::string redirect_refusal(const Url& to);
  std::optional<fetch::Response> get(const Url& url, const fetch::Validators* conditional = nullptr);
  // The listing page at url: fetched conditionally when the server gave validators (a 304 answered
  // from the archive), saved unchanged under ROOT/.listings, and returned.
  std::optional<std::string> get_listing_page(const Url& url);
  void save_listing(const Url& url, const fetch::Response& r);
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
  std::size_t m_conferences = 0, m_would_fetch = 0, m_listing_pages = 0;
  bool m_waiting = false;
  bool m_progress_shown = false;
};

std::string path_and_query(const Url& url) { return url.path + (url.query.empty() ? "" : "?" + url.query); }

const fetch::Robots* Fetcher::robots_of(const Url& url) {
  auto it = m_robots.find(url.origin());
  if (it == m_robots.end()) {
    auto robots_url = *fetch::parse_url(url.origin() + "/robots.txt");
    // Its own redirects are followed unchecked (RFC 9309 2.3.1.2: robots.txt is always allowed).
    auto r = m_http.get(robots_url);
    fetch::Robots robots = fetch::Robots::allow_all();
    if (!r.ok && r.error == "interrupted") return nullptr;
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
  return &it->second;
}

bool Fetcher::allowed(const Url& url) {
  const auto* robots = robots_of(url);
  if (!robots || robots->unreachable()) return false;
  if (robots->allowed(path_and_query(url))) return true;
  ++m_robots_skipped;
  error(url.full, "disallowed by " + url.origin() + "/robots.txt; not fetched");
  return false;
}

std::string Fetcher::redirect_refusal(const Url& to) {
  // A redirect to another host is a request to that host: its robots.txt and its rate limit apply.
  const auto* robots = robots_of(to);
  if (!robots) return "interrupted";
  if (robots->unreachable()) return "redirected to " + to.full + ", whose host's robots.txt could not be read";
  if (robots->allowed(path_and_query(to))) return {};
  ++m_robots_skipped;
  return "redirected to " + to.full + ", which " + to.origin() + "/robots.txt disallows; not fetched";
}

std::optional<fetch::Response> Fetcher::get(const Url& url, const fetch::Validators* conditional) {
  if (stopped() || !allowed(url)) return std::nullopt;
  auto r = m_http.get(url, conditional, [this](const Url& to) { return redirect_refusal(to); });
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
  // Anything else: a listing or a single page, told apart by its content (or by where the archive
  // has it, when the server answers 304).
  const bool was_listing = m_archive.has(url, Archive::Kind::listing);
  const auto validators = m_archive.validators(url, was_listing ? Archive::Kind::listing : Archive::Kind::page);
  auto r = get(url, validators ? &*validators : nullptr);
  if (!r) return;
  if (r->status == 304 && was_listing) {
    save_listing(url, *r);
    walk_listing(url, *m_archive.read(url, Archive::Kind::listing));
    return;
  }
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
    save_listing(url, *r);
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
      // A disallowed item is named, and neither new nor known: the run of known items goes on, so
      // that a run with nothing new still stops early.
      if (!allowed(item.url)) continue;
      known_run = 0;
      fetch_article(item.url, false, true);
    }
    if (stopped_early || stopped()) break;
    if (!listing->next_page) {
      reached_end = true;
      break;
    }
    page_url = *listing->next_page;
    auto next = get_listing_page(page_url);
    if (!next) break;
    page = std::move(*next);
  }
  if (!m_options.dry_run && !stopped()) m_archive.set_listing_complete(start, reached_end || complete_before);
}

void Fetcher::save_listing(const Url& url, const fetch::Response& r) {
  ++m_listing_pages;
  if (m_options.dry_run) return;
  // Saved apart from the transcripts (a dot folder, which `scio-index ROOT` skips), so that the
  // walk can be repeated offline from the archive alone.
  if (r.status == 304) m_archive.touch(url, r.validators, Archive::Kind::listing);
  else m_archive.save(url, r.body, r.validators, Archive::Kind::listing);
}

std::optional<std::string> Fetcher::get_listing_page(const Url& url) {
  const auto validators = m_archive.validators(url, Archive::Kind::listing);
  auto r = get(url, validators ? &*validators : nullptr);
  if (!r) return std::nullopt;
  if (r->status == 304) {
    save_listing(url, *r);
    return m_archive.read(url, Archive::Kind::listing);
  }
  if (auto reason = fetch::soft_404_reason(url, r->url, r->body); !reason.empty()) {
    ++m_soft_404;
    error(url.full, reason + "; the walk stops here");
    return std::nullopt;
  }
  save_listing(url, *r);
  return std::move(r->body);
}

std::optional<std::string> Fetcher::fetch_page(const Url& url, bool refetch) {
  if (m_done.count(url.full)) return std::nullopt;
  if (!refetch && m_archive.has(url)) {
    m_done.insert(url.full);
    return m_archive.read(url);
  }
  if (m_options.dry_run) {
    m_done.insert(url.full);
    if (stopped() || !allowed(url)) return std::nullopt;  // a dry run names what robots.txt refuses too
    m_out << "fetch " << url.full << '\n';
    ++m_would_fetch;
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
  progress();  // with this page counted
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
  if (from_listing && is_new && (body || m_options.dry_run)) {
    ++m_conferences;
    progress();
  }
  if (body) more_pages(url, *body);
}

namespace {
// "1 page", "2 pages": the summary's counts read as English.
std::string count_of(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}
}  // namespace

void Fetcher::summary(double seconds) const {
  if (m_options.index.quiet) return;
  if (m_options.dry_run) {
    m_err << "scio-index: fetch: " << count_of(m_would_fetch, "page", "pages") << " would be fetched ("
          << count_of(m_http.requests(), "request", "requests") << " made to find them)\n";
    return;
  }
  m_err << "scio-index: fetch: " << count_of(m_http.requests(), "request", "requests") << ", "
        << count_of(m_pages, "page", "pages") << " and " << count_of(m_listing_pages, "listing page", "listing pages")
        << " (" << std::fixed << std::setprecision(1) << static_cast<double>(m_http.bytes()) / 1e6 << " MB) in "
        << seconds << " s: " << m_added << " new, " << m_changed << " changed, " << m_unchanged << " unchanged";
  if (m_soft_404) m_err << ", " << count_of(m_soft_404, "error page", "error pages");
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
  cmd->add_option("--contact", o.contact,
                  "A URL or e-mail address put in the User-Agent for the sites' operators (default: $SCIO_CONTACT, "
                  "else the build's homepage)")
      ->envname("SCIO_CONTACT")
      ->check([](const std::string& s) {
        // It becomes part of a request header: printable ASCII only, never a line break.
        for (unsigned char c : s)
          if (c < 0x21 || c > 0x7e)
            return std::string(
                "has a space, a control character or a non-ASCII letter (from --contact or SCIO_CONTACT): "
                "give a URL or an e-mail address");
        return std::string();
      });
  // For tests: the first wait before a retry (doubled each time).
  cmd->add_option("--retry-wait", o.retry_wait, "")->check(CLI::Range(0.0, 3600.0))->group("");
  cmd->add_flag("-q,--quiet", o.index.quiet, "No progress line and no summary lines");
  cmd->add_flag("-v,--verbose", o.index.verbose, "As for indexing: name each copy of a page already indexed");
  cmd->add_option("URL", o.urls, "Press-room listing pages or transcript pages (http or https)")->required();
  cmd->footer(
      "Pages are saved unchanged in the archive (HOST/PATH; listing pages in .listings/HOST/PATH), then the\n"
      "new and changed ones are indexed as by `scio-index PATH...`. A listing is walked from its newest page\n"
      "until items already archived; a second run with nothing new requests only robots.txt and the first\n"
      "listing page. robots.txt is honoured, one request per --delay seconds per host, redirects included.\n"
      "Exit codes as for indexing; a URL that could not be fetched or that robots.txt disallows (each named\n"
      "on stderr) makes it 1.");
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
  if (contact_of(options).empty())
    err << "scio-index: note: the User-Agent names no contact, so the sites' operators cannot reach you: give "
           "--contact URL-or-EMAIL or set SCIO_CONTACT\n";
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

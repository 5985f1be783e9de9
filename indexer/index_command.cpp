#include "indexer/index_command.h"

#include "core/db_path.h"
#include "core/schema.h"
#include "indexer/database_stats.h"
#include "indexer/index_writer.h"
#include "indexer/input_file.h"
#include "indexer/ordered_pipeline.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <ostream>
#include <map>
#include <set>

namespace scio::indexer {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Xapian holds a batch's changes in memory until it commits, many times the input text
// (bench/RESULTS.md): a batch is also cut by size, so that a folder of large files stays within memory.
constexpr std::size_t k_batch_bytes = 8u << 20;

// The signal that asked the run to stop (SIGINT, SIGTERM), or 0. Checked between files.
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int signal) { g_stop_signal = signal; }

// Catches SIGINT and SIGTERM for its lifetime, once: a second one ends the process as usual
// (safe: every committed batch is whole).
class StopSignals {
 public:
  StopSignals() {
    g_stop_signal = 0;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    ::sigaction(SIGINT, &action, &m_int);
    ::sigaction(SIGTERM, &action, &m_term);
    // A signal ignored on entry (nohup, a background job of a script) stays ignored, as shells expect.
    if (m_int.sa_handler == SIG_IGN) ::sigaction(SIGINT, &m_int, nullptr);
    if (m_term.sa_handler == SIG_IGN) ::sigaction(SIGTERM, &m_term, nullptr);
  }
  ~StopSignals() {
    ::sigaction(SIGINT, &m_int, nullptr);
    ::sigaction(SIGTERM, &m_term, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  int signal() const { return g_stop_signal; }

 private:
  struct sigaction m_int {};
  struct sigaction m_term {};
};

std::string absolute_path(const fs::path& p) {
  std::error_code ec;
  auto abs = fs::absolute(p, ec);
  std::string s = (ec ? p : abs).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

fs::path resolve(const std::string& option) {
  auto path = core::resolve_db_path(option);
  if (!path) throw EnvironmentError(path.error());
  return *path;
}

struct Tally {
  std::size_t files = 0;
  std::size_t added = 0;
  std::size_t duplicates = 0;  // new files whose every page was a copy of a page held
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::size_t pruned = 0;
  std::size_t failed = 0;
  std::size_t failed_earlier = 0;  // failed in an earlier run and unchanged since: not read again

  std::size_t& of(FileChange change) {
    return change == FileChange::added ? added : change == FileChange::duplicate ? duplicates : updated;
  }
};

// The \r-updated status line on a terminal; every other line clears it first.
class Progress {
 public:
  Progress(std::ostream& err, bool enabled, std::size_t total)
      : m_err(err), m_enabled(enabled), m_total(total), m_start(Clock::now()) {}
  ~Progress() { clear(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::size_t files, const WriteCounts& counts, bool force = false) {
    if (!m_enabled) return;
    auto now = Clock::now();
    if (!force && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    const std::size_t width = 24;
    const std::size_t filled = m_total ? width * files / m_total : width;
    m_err << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << files << '/' << m_total
          << " files, " << counts.conferences_written << " conferences, " << counts.passages_written << " passages, "
          << static_cast<long>(seconds > 0 ? static_cast<double>(files) / seconds : 0) << " files/s\033[K"
          << std::flush;
    m_shown = true;
  }

  void clear() {
    if (m_shown) m_err << "\r\033[K" << std::flush;
    m_shown = false;
  }

  void line(const std::string& text) {
    clear();
    m_err << text << '\n';
  }

  void error(const InputError& e) { line(input_error_line(e)); }

 private:
  std::ostream& m_err;
  bool m_enabled;
  std::size_t m_total;
  Clock::time_point m_start;
  Clock::time_point m_last{};
  bool m_shown = false;
};

std::string summary(const Tally& t, const WriteCounts& c, bool dry_run) {
  std::string out = "scio-index: ";
  if (dry_run) out += "dry run: ";
  out += std::to_string(t.files) + " files: " + std::to_string(t.added) + " added, ";
  if (t.duplicates) out += std::to_string(t.duplicates) + " duplicates of indexed pages, ";
  out += std::to_string(t.updated) + " updated, " + std::to_string(t.unchanged) + " unchanged, " +
         std::to_string(t.pruned) + " pruned, " + std::to_string(t.failed) + " failed" +
         (t.failed_earlier ? ", " + std::to_string(t.failed_earlier) + " failed earlier" : std::string()) + "; " +
         std::to_string(c.conferences_written) + " conferences, " + std::to_string(c.passages_written) + " passages " +
         (dry_run ? "would be written" : "written");
  if (c.conferences_removed) out += ", " + std::to_string(c.conferences_removed) + " conferences removed";
  return out;
}

int index_inputs(const IndexOptions& options, const fs::path& db, std::ostream& out, std::ostream& err) {
  std::vector<fs::path> roots;
  std::vector<std::string> scope;
  for (const auto& p : options.paths) {
    scope.push_back(absolute_path(p));
    roots.emplace_back(scope.back());
  }
  std::vector<InputError> listing_errors;
  std::vector<std::string> files;
  for (const auto& f : list_inputs(roots, listing_errors)) files.push_back(absolute_path(f));
  // One order whatever the order of the arguments: page copies are ranked by it.
  std::sort(files.begin(), files.end(), ranks_before);
  files.erase(std::unique(files.begin(), files.end()), files.end());

  Tally tally;
  Progress progress(err, options.progress, files.size());
  for (const auto& e : listing_errors) progress.error(e);
  tally.failed += listing_errors.size();
  if (options.strict && !listing_errors.empty()) return k_exit_some_failed;

  IndexWriter writer(db, options.dry_run, options.jobs, options.shards);
  // The batch's files and how they were counted: a conference skipped at the commit fails them.
  std::map<std::string, FileChange> batch;
  auto commit = [&] {
    for (const auto& skipped : writer.commit()) {
      std::string files;
      for (const auto& f : skipped.files) files += (files.empty() ? "" : ", ") + f;
      progress.error({files, "conference " + skipped.id + " cannot be indexed: " + skipped.reason});
      std::size_t counted = 0;
      for (const auto& f : skipped.files)
        if (auto it = batch.find(f); it != batch.end()) {
          --tally.of(it->second);
          batch.erase(it);
          ++counted;
        }
      tally.failed += std::max<std::size_t>(counted, 1);
    }
    batch.clear();
  };
  StopSignals stop;
  // Ctrl-C: what was taken in is whole, so it is kept; the rest (and --prune) waits for a re-run.
  auto interrupted = [&] {
    commit();
    progress.clear();
    err << "scio-index: interrupted: " << tally.files << " of " << files.size() << " files "
        << (options.dry_run ? "looked at (dry run: nothing written)" : "committed") << "; run again to finish\n";
    return k_exit_interrupted_base + stop.signal();
  };
  // The hash each file had when it was indexed, or when it failed: unchanged, it is not read again.
  std::vector<std::string> known(files.size());
  std::vector<bool> failed_before(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (auto failure = writer.failed(files[i])) {
      failed_before[i] = true;
      if (!options.retry_failed) known[i] = failure->hash;
    } else if (auto record = writer.source(files[i])) {
      known[i] = record->hash;
    }
  }

  {
    // Files are read and parsed on worker threads, a bounded distance ahead of this one.
    OrderedPipeline<LoadedFile> pipeline(files.size(), options.jobs, std::max<std::size_t>(16, 4 * options.jobs),
                                         [&](std::size_t i) { return load_file(files[i], known[i]); });
    std::size_t pending_bytes = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (stop.signal()) return interrupted();
      LoadedFile loaded = pipeline.take(i);
      ++tally.files;
      if (loaded.unchanged && failed_before[i]) {
        ++tally.failed_earlier;
      } else if (loaded.unchanged && !writer.holds_all(files[i])) {
        // Recorded, but a conference its record names is gone (a run cut off between shards, a
        // page removed under another file): it is not indexed, whatever its hash says.
        loaded = load_file(files[i], "");
      }
      if (loaded.unchanged) {
        if (!failed_before[i]) ++tally.unchanged;
      } else if (loaded.result.error) {
        ++tally.failed;
        progress.error(*loaded.result.error);
        writer.record_failure(files[i], loaded.hash, loaded.result.error->message);
        if (options.strict) {
          writer.cancel();
          progress.line("scio-index: --strict: stopped at the first failure; the batch it was in was not written");
          return k_exit_some_failed;
        }
      } else {
        pending_bytes += loaded.bytes;
        auto applied = writer.apply(files[i], loaded.hash, std::move(loaded.result.conferences));
        const auto change = applied.change;
        ++tally.of(change);
        batch[files[i]] = change;
        if (options.dry_run) {
          progress.clear();
          out << (change == FileChange::added       ? "add "
                  : change == FileChange::duplicate ? "duplicate "
                                                    : "update ")
              << files[i] << '\n';
        }
        if (options.verbose)
          for (const auto& copy : applied.copies)
            progress.line("scio-index: duplicate: " + files[i] + ": the same page as " + copy.held_source + " (" +
                          copy.conference + " page " + std::to_string(copy.number) + "), indexed once");
      }
      if (writer.pending_files() >= options.batch_files || pending_bytes >= k_batch_bytes) {
        commit();
        pending_bytes = 0;
      }
      progress.update(tally.files, writer.counts());
    }
  }
  if (stop.signal()) return interrupted();
  commit();
  if (options.prune) {
    std::set<std::string> present(files.begin(), files.end());
    auto gone = writer.prune(scope, present);
    tally.pruned = gone.size();
    if (options.dry_run)
      for (const auto& path : gone) out << "prune " << path << '\n';
    commit();
  }
  progress.update(tally.files, writer.counts(), true);
  progress.clear();
  if (!options.quiet) err << summary(tally, writer.counts(), options.dry_run) << '\n';
  return tally.failed ? k_exit_some_failed : k_exit_ok;
}

}  // namespace

int run_index(const IndexOptions& options, std::ostream& out, std::ostream& err) {
  const fs::path db = resolve(options.db);
  try {
    return index_inputs(options, db, out, err);
  } catch (const Xapian::Error& e) { throw EnvironmentError("database " + db.string() + ": " + e.get_description()); }
}

int run_stats(const StatsOptions& options, std::ostream& out) {
  print_stats(read_stats(resolve(options.db)), out);
  return k_exit_ok;
}

namespace {

// Xapian's documented way to a database without termlists: mark it, then delete termlist.*.
void drop_termlists(const fs::path& folder) {
  {
    Xapian::WritableDatabase db(folder.string(), Xapian::DB_OPEN);
    db.set_metadata(std::string(core::schema::k_meta_read_only),
                    "made by scio-index compact --read-only, without termlists");
    db.commit();
  }
  std::vector<fs::path> termlists;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().filename().string().rfind("termlist.", 0) == 0) termlists.push_back(entry.path());
  if (termlists.empty()) throw EnvironmentError("compact: " + folder.string() + " has no termlist table to drop");
  for (const auto& path : termlists) fs::remove(path);
}

}  // namespace

int run_compact(const CompactOptions& options, std::ostream& err) {
  const fs::path db = resolve(options.db);
  const fs::path output = options.output;
  std::error_code ec;
  if (!fs::exists(db, ec))
    throw EnvironmentError("no database at " + db.string() + " (index something first, or give --db)");
  if (fs::exists(output, ec) && !fs::is_empty(output, ec))
    throw EnvironmentError("compact: " + output.string() + " already exists and is not empty: give a new folder");
  try {
    Xapian::Database source(db.string());
    // Every shard holds the schema version; the catalog, conferences and spelling are merged.
    if (source.get_metadata(std::string(core::schema::k_meta_version)).empty() && source.get_doccount() > 0)
      throw EnvironmentError("database " + db.string() + " was not written by scio-index (no schema version)");
    source.compact(output.string(), Xapian::DBCOMPACT_MULTIPASS);
    if (options.read_only) drop_termlists(output);
    Xapian::Database result(output.string());
    err << "scio-index: compacted " << db.string() << " (" << source.get_doccount() << " passages) into "
        << output.string() << " (" << result.get_doccount() << " passages)\n";
  } catch (const Xapian::DatabaseModifiedError&) {
    throw EnvironmentError("database " + db.string() +
                           " changed while it was compacted (scio-index wrote it): run it again");
  } catch (const Xapian::Error& e) {
    throw EnvironmentError("compact " + db.string() + " into " + output.string() + ": " + e.get_description());
  }
  return k_exit_ok;
}

}  // namespace scio::indexer

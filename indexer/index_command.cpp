#include "indexer/index_command.h"

#include "indexer/stop_signals.h"

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

// One `scio-index PATH...` run over a database: the files in their order, the batch being taken
// in, what was done (the tally), and the lines it prints.
class IndexRun {
 public:
  IndexRun(const IndexOptions& options, std::ostream& out, std::ostream& err, const std::vector<std::string>& files)
      : m_options(options), m_out(out), m_files(files), m_progress(err, options.progress, files.size()) {}

  int run(const fs::path& db, const std::vector<std::string>& scope, const std::vector<InputError>& listing_errors);

 private:
  // The hash each file had when it was indexed, or when it failed: unchanged, it is not read again.
  void find_known_hashes(const IndexWriter& writer);
  // One file, read (on a worker thread), taken in, counted and reported. Nonzero: stop with this exit code.
  int take(IndexWriter& writer, std::size_t i, LoadedFile loaded);
  // Commits the batch; a conference skipped there fails the batch's files that gave it pages.
  // Nonzero: --strict and a conference was skipped, stop with this exit code.
  int commit(IndexWriter& writer);
  int interrupted(IndexWriter& writer, int signal);

  const IndexOptions& m_options;
  std::ostream& m_out;
  const std::vector<std::string>& m_files;
  Progress m_progress;
  Tally m_tally;
  std::vector<std::string> m_known;
  std::vector<bool> m_failed_before;
  std::map<std::string, FileChange> m_batch;  // the batch's files and how they were counted
  std::size_t m_batch_bytes = 0;
};

int IndexRun::run(const fs::path& db, const std::vector<std::string>& scope,
                  const std::vector<InputError>& listing_errors) {
  for (const auto& e : listing_errors) m_progress.error(e);
  m_tally.failed += listing_errors.size();
  if (m_options.strict && !listing_errors.empty()) return k_exit_some_failed;

  IndexWriter writer(db, m_options.dry_run, m_options.jobs, m_options.shards);
  StopSignals stop(SA_RESETHAND | SA_RESTART);  // a second Ctrl-C ends the run at once (safe)
  find_known_hashes(writer);
  {
    // Files are read and parsed on worker threads, up to a batch ahead of this one: the next
    // batch is parsed while this one is written and committed (Xapian writes on one thread).
    OrderedPipeline<LoadedFile> pipeline(m_files.size(), m_options.jobs,
                                         std::max<std::size_t>({16, 4 * m_options.jobs, m_options.batch_files}),
                                         [&](std::size_t i) { return load_file(m_files[i], m_known[i]); },
                                         {[](const LoadedFile& loaded) { return loaded.bytes; }, k_batch_bytes});
    for (std::size_t i = 0; i < m_files.size(); ++i) {
      if (stop.signal()) return interrupted(writer, stop.signal());
      if (int stopped = take(writer, i, pipeline.take(i))) return stopped;
      if (writer.pending_files() >= m_options.batch_files || m_batch_bytes >= k_batch_bytes)
        if (int stopped = commit(writer)) return stopped;
      m_progress.update(m_tally.files, writer.counts());
    }
  }
  if (stop.signal()) return interrupted(writer, stop.signal());
  if (int stopped = commit(writer)) return stopped;
  if (m_options.prune) {
    auto gone = writer.prune(scope, std::set<std::string>(m_files.begin(), m_files.end()));
    m_tally.pruned = gone.size();
    if (m_options.dry_run)
      for (const auto& path : gone) m_out << "prune " << path << '\n';
    commit(writer);
  }
  m_progress.update(m_tally.files, writer.counts(), true);
  m_progress.clear();
  if (!m_options.quiet) m_progress.line(summary(m_tally, writer.counts(), m_options.dry_run));
  return m_tally.failed ? k_exit_some_failed : k_exit_ok;
}

void IndexRun::find_known_hashes(const IndexWriter& writer) {
  m_known.assign(m_files.size(), std::string());
  m_failed_before.assign(m_files.size(), false);
  for (std::size_t i = 0; i < m_files.size(); ++i) {
    if (auto failure = writer.failed(m_files[i])) {
      m_failed_before[i] = true;
      if (!m_options.retry_failed) m_known[i] = failure->hash;
    } else if (auto record = writer.source(m_files[i])) {
      m_known[i] = record->hash;
    }
  }
}

int IndexRun::take(IndexWriter& writer, std::size_t i, LoadedFile loaded) {
  const std::string& file = m_files[i];
  ++m_tally.files;
  if (loaded.unchanged && m_failed_before[i]) {
    ++m_tally.failed_earlier;
    return 0;
  }
  if (loaded.unchanged && !writer.holds_all(file)) {
    // Recorded, but a conference its record names is gone (a run cut off between shards, a page
    // removed under another file): it is not indexed, whatever its hash says.
    loaded = load_file(file, "");
  }
  if (loaded.unchanged) {
    ++m_tally.unchanged;
    return 0;
  }
  if (loaded.result.error) {
    ++m_tally.failed;
    m_progress.error(*loaded.result.error);
    writer.record_failure(file, loaded.hash, loaded.result.error->message);
    if (!m_options.strict) return 0;
    writer.cancel();
    m_progress.line("scio-index: --strict: stopped at the first failure; the batch it was in was not written");
    return k_exit_some_failed;
  }
  m_batch_bytes += loaded.bytes;
  auto applied = writer.apply(file, loaded.hash, std::move(loaded.result.conferences));
  ++m_tally.of(applied.change);
  m_batch[file] = applied.change;
  if (m_options.dry_run) {
    m_progress.clear();
    m_out << (applied.change == FileChange::added       ? "add "
              : applied.change == FileChange::duplicate ? "duplicate "
                                                        : "update ")
          << file << '\n';
  }
  if (m_options.verbose)
    for (const auto& copy : applied.copies)
      m_progress.line("scio-index: duplicate: " + file + ": the same page as " + copy.held_source + " (" +
                      copy.conference + " page " + std::to_string(copy.number) + "), indexed once");
  return 0;
}

int IndexRun::commit(IndexWriter& writer) {
  const auto skipped_conferences = writer.commit();
  for (const auto& skipped : skipped_conferences) {
    std::string files;
    for (const auto& f : skipped.files) files += (files.empty() ? "" : ", ") + f;
    m_progress.error({files, "conference " + skipped.id + " cannot be indexed: " + skipped.reason});
    std::size_t counted = 0;
    for (const auto& f : skipped.files)
      if (auto it = m_batch.find(f); it != m_batch.end()) {
        --m_tally.of(it->second);
        m_batch.erase(it);
        ++counted;
      }
    m_tally.failed += std::max<std::size_t>(counted, 1);
  }
  m_batch.clear();
  m_batch_bytes = 0;
  if (!m_options.strict || skipped_conferences.empty()) return 0;
  // Found while its batch was written: the batch's other conferences are in the database.
  m_progress.line(
      "scio-index: --strict: stopped at the first failure; the other conferences of its batch were written");
  return k_exit_some_failed;
}

// Ctrl-C: what was taken in is whole, so it is kept; the rest (and --prune) waits for a re-run.
int IndexRun::interrupted(IndexWriter& writer, int signal) {
  commit(writer);
  m_progress.line("scio-index: interrupted: " + std::to_string(m_tally.files) + " of " +
                  std::to_string(m_files.size()) + " files " +
                  (m_options.dry_run ? "looked at (dry run: nothing written)" : "committed") + "; run again to finish");
  return k_exit_interrupted_base + signal;
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
  return IndexRun(options, out, err, files).run(db, scope, listing_errors);
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
  constexpr int k_read_only_block_size = 32768;
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
    // A read-only copy is written once and only read: 32 KiB blocks instead of Xapian's 8 KiB
    // hold the same tables 1.6% smaller (the White House corpus; bench/RESULTS.md, 2026-12-01).
    source.compact(output.string(), Xapian::DBCOMPACT_MULTIPASS, options.read_only ? k_read_only_block_size : 0);
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

#include "indexer/index_writer.h"

#include "core/canonical_xml.h"
#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"
#include "indexer/assembler.h"
#include "indexer/reader.h"
#include "indexer/source_file.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <thread>
#include <unistd.h>

namespace scio::indexer {
namespace {

namespace fs = std::filesystem;
namespace schema = core::schema;
using Clock = std::chrono::steady_clock;

std::string meta_key(std::string_view prefix, std::string_view rest) { return std::string(prefix) + std::string(rest); }

std::string source_key(const std::string& abs_path) {
  return meta_key(schema::k_meta_source_prefix, core::content_hash(abs_path));
}

struct SourceRecord {
  std::string hash;
  std::string conference;
  std::string path;
};

std::optional<SourceRecord> parse_source_record(const std::string& value) {
  auto a = value.find('\t');
  auto b = a == std::string::npos ? a : value.find('\t', a + 1);
  if (b == std::string::npos) return std::nullopt;
  return SourceRecord{value.substr(0, a), value.substr(a + 1, b - a - 1), value.substr(b + 1)};
}

std::string absolute_path(const fs::path& p) {
  std::error_code ec;
  auto abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal().string();
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// One input file after the parallel phase.
struct Loaded {
  fs::path path;
  std::string abs;
  std::optional<SourceRecord> previous;
  std::string hash;
  bool unchanged = false;
  FileResult result;
};

class Writer {
 public:
  Writer(const fs::path& db, bool dry_run) : m_db(db.string(), Xapian::DB_CREATE_OR_OPEN), m_dry_run(dry_run) {
    m_generator.set_stemmer(Xapian::Stem("english"));
    m_generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    m_generator.set_database(m_db);
    m_generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    if (m_db.get_metadata(std::string(schema::k_meta_version)).empty() && !dry_run)
      m_db.set_metadata(std::string(schema::k_meta_version), std::string(schema::k_version));
  }

  Xapian::WritableDatabase& db() { return m_db; }

  std::optional<SourceRecord> source(const std::string& abs) {
    return parse_source_record(m_db.get_metadata(source_key(abs)));
  }

  // The conference as it will be written: pending edits, else the stored XML, else nothing.
  core::Conference* conference(const std::string& id) {
    auto it = m_pending.find(id);
    if (it != m_pending.end()) return &it->second;
    auto xml = m_db.get_metadata(meta_key(schema::k_meta_conference_prefix, id));
    if (xml.empty()) return nullptr;
    auto parsed = core::from_canonical_xml(xml);
    if (!parsed || parsed->size() != 1)
      throw Xapian::DatabaseCorruptError("stored conference " + id + " does not parse");
    m_stored_pages[id] = page_hashes(parsed->front());
    return &m_pending.emplace(id, std::move(parsed->front())).first->second;
  }

  // Adds a file's conference: its pages replace pages of the same number; a page already indexed
  // under another conference or number (the same page saved twice) is dropped.
  void add(core::Conference incoming) {
    std::erase_if(incoming.pages, [&](const core::Page& page) {
      if (page.hash.empty()) return false;
      auto owner = m_batch_pages.find(page.hash);
      std::string where = incoming.id + "\t" + std::to_string(page.number);
      if (owner != m_batch_pages.end()) return owner->second != where;
      auto stored = m_db.get_metadata(meta_key(schema::k_meta_page_prefix, page.hash));
      if (!stored.empty() && stored != where) return true;
      m_batch_pages.emplace(page.hash, where);
      return false;
    });
    if (incoming.pages.empty()) return;
    if (auto* existing = conference(incoming.id)) {
      merge_conference(*existing, incoming, MergePolicy::replace);
    } else {
      classify_speakers(incoming);
      auto id = incoming.id;
      m_pending.emplace(id, std::move(incoming));
    }
  }

  // Drops the pages read from a source path (a file that changed conference, or is gone).
  void remove_source(const std::string& id, const std::string& abs) {
    auto* c = conference(id);
    if (!c) return;
    std::erase_if(c->pages, [&](const core::Page& p) { return p.source == abs; });
    classify_speakers(*c);
  }

  void record_source(const std::string& abs, const std::string& hash, const std::string& id) {
    if (!m_dry_run) m_db.set_metadata(source_key(abs), hash + "\t" + id + "\t" + abs);
  }

  void forget_source(const std::string& abs) {
    if (!m_dry_run) m_db.set_metadata(source_key(abs), "");
  }

  // Writes every pending conference (its passages replace the old ones) and clears the batch.
  std::size_t flush() {
    std::size_t passages = 0;
    for (auto& [id, c] : m_pending) passages += write(c);
    m_pending.clear();
    m_stored_pages.clear();
    m_batch_pages.clear();
    return passages;
  }

  void discard() {
    m_pending.clear();
    m_stored_pages.clear();
    m_batch_pages.clear();
  }

  bool dry_run() const { return m_dry_run; }

 private:
  static std::set<std::string> page_hashes(const core::Conference& c) {
    std::set<std::string> out;
    for (const auto& p : c.pages) out.insert(p.hash);
    return out;
  }

  std::size_t write(const core::Conference& c) {
    if (m_dry_run) return 0;
    const std::string conf_term = std::string(schema::k_prefix_conference) + c.id;
    m_db.delete_document(conf_term);
    for (const auto& hash : m_stored_pages[c.id])
      m_db.set_metadata(meta_key(schema::k_meta_page_prefix, hash), "");
    if (c.pages.empty()) {
      m_db.set_metadata(meta_key(schema::k_meta_conference_prefix, c.id), "");
      return 0;
    }
    auto turns = c.turns();
    auto passages = make_passages(c.id, turns);
    for (const auto& p : passages) {
      auto doc = passage_document(c, turns[static_cast<std::size_t>(p.turn - 1)], p, m_generator);
      m_db.replace_document(std::string(schema::k_prefix_passage_id) + p.id, doc);
    }
    for (const auto& page : c.pages)
      if (!page.hash.empty())
        m_db.set_metadata(meta_key(schema::k_meta_page_prefix, page.hash), c.id + "\t" + std::to_string(page.number));
    m_db.set_metadata(meta_key(schema::k_meta_conference_prefix, c.id), core::to_canonical_xml(c));
    return passages.size();
  }

  Xapian::WritableDatabase m_db;
  Xapian::TermGenerator m_generator;
  bool m_dry_run;
  std::map<std::string, core::Conference> m_pending;
  std::map<std::string, std::set<std::string>> m_stored_pages;  // page hashes as stored, per conference
  std::map<std::string, std::string> m_batch_pages;              // page hash -> "id\tnumber" this batch
};

class Progress {
 public:
  Progress(std::ostream& err, bool enabled, std::size_t total)
      : m_err(err), m_enabled(enabled), m_total(total), m_start(Clock::now()) {}
  void update(std::size_t files, std::size_t conferences, std::size_t passages) {
    if (!m_enabled) return;
    double secs = std::chrono::duration<double>(Clock::now() - m_start).count();
    int width = 30;
    int filled = m_total ? static_cast<int>(width * files / m_total) : width;
    m_err << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
          << std::string(static_cast<std::size_t>(width - filled), '.') << "] " << files << "/" << m_total
          << " files, " << conferences << " conferences, " << passages << " passages, "
          << static_cast<long>(secs > 0 ? files / secs : 0) << " files/s " << std::flush;
  }
  void done() {
    if (m_enabled) m_err << "\r\033[K" << std::flush;
  }

 private:
  std::ostream& m_err;
  bool m_enabled;
  std::size_t m_total;
  Clock::time_point m_start;
};

std::size_t count_conferences(Xapian::Database& db) {
  std::size_t n = 0;
  for (auto it = db.metadata_keys_begin(std::string(schema::k_meta_conference_prefix));
       it != db.metadata_keys_end(std::string(schema::k_meta_conference_prefix)); ++it)
    ++n;
  return n;
}

// Loads and hashes a batch of files in parallel; parses only those whose content changed.
void load_batch(std::vector<Loaded>& batch, unsigned jobs) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < batch.size();) {
      auto& item = batch[i];
      auto source = load_source(item.path);
      if (!source) {
        item.result = FileResult{item.path.string(), {}, InputError{item.path.string(), source.error()}};
        continue;
      }
      item.hash = core::content_hash(source->utf8);
      if (item.previous && item.previous->hash == item.hash) {
        item.unchanged = true;
        continue;
      }
      item.result = parse_source(item.path, *source);
    }
  };
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(batch.size())));
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
}

// Removes what was indexed from files that are gone from the given folders.
std::size_t prune(Writer& writer, const std::vector<fs::path>& roots) {
  std::vector<std::string> prefixes;
  for (const auto& r : roots) {
    auto abs = absolute_path(r);
    if (fs::is_directory(r) && abs.back() != '/') abs += '/';
    prefixes.push_back(abs);
  }
  std::vector<SourceRecord> gone;
  auto& db = writer.db();
  const std::string prefix(schema::k_meta_source_prefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    auto record = parse_source_record(db.get_metadata(*it));
    if (!record) continue;
    bool under = std::any_of(prefixes.begin(), prefixes.end(),
                             [&](const std::string& p) { return record->path.rfind(p, 0) == 0 || record->path == p; });
    std::error_code ec;
    if (under && !fs::exists(record->path, ec)) gone.push_back(*record);
  }
  for (const auto& record : gone) {
    writer.remove_source(record.conference, record.path);
    writer.forget_source(record.path);
  }
  return gone.size();
}

std::string summary_line(const IndexSummary& s, bool dry_run) {
  return std::string("scio-index: ") + (dry_run ? "dry run, nothing written: " : "") + std::to_string(s.files) +
         " files: " + std::to_string(s.added) + " added, " + std::to_string(s.updated) + " updated, " +
         std::to_string(s.unchanged) + " unchanged, " + std::to_string(s.pruned) + " pruned, " +
         std::to_string(s.failed) + " failed; database: " + std::to_string(s.conferences) + " conferences, " +
         std::to_string(s.passages) + " passages";
}

}  // namespace

Xapian::Document passage_document(const core::Conference& c, const core::Turn& turn, const Passage& p,
                                  Xapian::TermGenerator& generator) {
  Xapian::Document doc;
  generator.set_document(doc);
  const std::string text = p.text();
  generator.index_text(text);
  generator.increase_termpos();
  generator.index_text_without_positions(c.title, 1, std::string(schema::k_prefix_title));
  generator.index_text(turn.speaker, 1, std::string(schema::k_prefix_name));

  doc.add_boolean_term(std::string(schema::k_prefix_passage_id) + p.id);
  doc.add_boolean_term(std::string(schema::k_prefix_conference) + c.id);
  if (!turn.speaker_key.empty()) {
    doc.add_boolean_term(std::string(schema::k_prefix_speaker) + turn.speaker_key);
    for (const auto& w : core::split_words(turn.speaker_key))
      doc.add_boolean_term(std::string(schema::k_prefix_speaker_word) + w);
  }
  doc.add_boolean_term(std::string(schema::k_prefix_kind) + std::string(core::to_string(turn.kind)));
  if (!turn.outlet.empty()) doc.add_boolean_term(std::string(schema::k_prefix_outlet) + core::speaker_key(turn.outlet));

  auto date = c.held ? c.held : c.published;
  if (date) {
    doc.add_boolean_term(std::string(schema::k_prefix_year) + date->compact().substr(0, 4));
    doc.add_boolean_term(std::string(schema::k_prefix_month) + date->compact().substr(0, 6));
    doc.add_value(schema::k_slot_held, date->compact());
  }
  if (c.published) doc.add_value(schema::k_slot_published, c.published->compact());
  doc.add_value(schema::k_slot_conference, c.id);
  // Parts beyond the slot's bound share its last value; their ids still tell them apart.
  int part = std::min(p.part, static_cast<int>(schema::k_max_parts_per_turn) - 1);
  doc.add_value(schema::k_slot_order, Xapian::sortable_serialise(p.turn * double(schema::k_max_parts_per_turn) + part));

  const core::Page* page = nullptr;
  for (const auto& pg : c.pages)
    if (pg.number == turn.page) page = &pg;
  nlohmann::ordered_json data{
      {"passage", p.id},
      {"conference", c.id},
      {"title", c.title},
      {"held", c.held ? c.held->iso() : std::string()},
      {"published", c.published ? c.published->iso() : std::string()},
      {"speaker", turn.speaker},
      {"speaker_key", turn.speaker_key},
      {"role", c.role_of(turn.speaker_key)},
      {"kind", std::string(core::to_string(turn.kind))},
      {"outlet", turn.outlet},
      {"source", page ? page->source : std::string()},
      {"url", page && !page->url.empty() ? page->url : (c.urls.empty() ? std::string() : c.urls.front())},
      {"page", turn.page},
      {"turn", p.turn},
      {"part", p.part},
      {"text", text},
  };
  doc.set_data(data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  return doc;
}

int run_index(const IndexOptions& options, std::ostream& err, IndexSummary* out_summary) {
  IndexSummary summary;
  std::vector<InputError> path_errors;
  auto files = list_inputs(options.paths, path_errors);
  for (const auto& e : path_errors) err << "scio-index: error: " << e.path << ": " << e.message << '\n';
  summary.failed += path_errors.size();
  if (options.strict && !path_errors.empty()) return k_exit_some_failed;

  std::optional<Writer> writer;
  try {
    if (!options.dry_run) fs::create_directories(options.db);
    writer.emplace(options.db, options.dry_run);
  } catch (const Xapian::DatabaseLockError&) {
    err << "scio-index: error: database " << options.db.string()
        << " is being written by another scio-index (locked); try again when it has finished\n";
    return k_exit_environment;
  } catch (const Xapian::Error& e) {
    err << "scio-index: error: database " << options.db.string() << ": cannot open: " << e.get_msg() << '\n';
    return k_exit_environment;
  } catch (const fs::filesystem_error& e) {
    err << "scio-index: error: database " << options.db.string() << ": " << e.code().message() << '\n';
    return k_exit_environment;
  }

  Progress progress(err, !options.quiet && ::isatty(2), files.size());
  std::size_t done = 0, written_passages = 0;
  try {
    auto& db = writer->db();
    for (std::size_t start = 0; start < files.size(); start += options.batch_files) {
      std::size_t end = std::min(files.size(), start + options.batch_files);
      std::vector<Loaded> batch;
      for (std::size_t i = start; i < end; ++i) {
        Loaded item;
        item.path = files[i];
        item.abs = absolute_path(files[i]);
        item.previous = writer->source(item.abs);
        batch.push_back(std::move(item));
      }
      load_batch(batch, options.jobs);

      if (!options.dry_run) db.begin_transaction();
      bool stop = false;
      for (auto& item : batch) {
        ++summary.files;
        if (item.unchanged) {
          ++summary.unchanged;
          continue;
        }
        if (item.result.error) {
          ++summary.failed;
          err << "scio-index: error: " << item.result.error->path << ": " << item.result.error->message << '\n';
          if (options.strict) {
            stop = true;
            break;
          }
          continue;
        }
        ++(item.previous ? summary.updated : summary.added);
        // What this file gave before goes first: its page may have moved or changed conference.
        if (item.previous && !item.previous->conference.empty())
          writer->remove_source(item.previous->conference, item.abs);
        std::string id;
        for (auto& c : item.result.conferences) {
          for (auto& page : c.pages) page.source = item.abs;
          id = c.id;
          writer->add(std::move(c));
        }
        writer->record_source(item.abs, item.hash, id);
      }
      if (stop) {
        writer->discard();
        if (!options.dry_run) db.cancel_transaction();
        progress.done();
        err << "scio-index: --strict: stopped at the first failure; this batch was not committed\n";
        if (out_summary) *out_summary = summary;
        return k_exit_some_failed;
      }
      written_passages += writer->flush();
      if (!options.dry_run) {
        db.set_metadata(std::string(schema::k_meta_last_update), now_iso());
        db.commit_transaction();
      }
      done = end;
      progress.update(done, count_conferences(db), db.get_doccount());
    }
    if (options.prune) {
      if (!options.dry_run) db.begin_transaction();
      summary.pruned = prune(*writer, options.paths);
      writer->flush();
      if (!options.dry_run) db.commit_transaction();
    }
    summary.conferences = count_conferences(db);
    summary.passages = db.get_doccount();
    if (!options.dry_run) db.commit();
  } catch (const Xapian::Error& e) {
    progress.done();
    err << "scio-index: error: database " << options.db.string() << ": " << e.get_description() << '\n';
    return k_exit_environment;
  }
  progress.done();
  (void)written_passages;
  if (!options.quiet) err << summary_line(summary, options.dry_run) << '\n';
  if (out_summary) *out_summary = summary;
  return summary.failed ? k_exit_some_failed : k_exit_ok;
}

int run_stats(const fs::path& path, std::ostream& out, std::ostream& err) {
  if (!fs::exists(path)) {
    err << "scio-index: error: no database at " << path.string() << " (run scio-index first or pass --db)\n";
    return k_exit_environment;
  }
  try {
    Xapian::Database db(path.string());
    std::size_t speakers = 0;
    const std::string sp(schema::k_prefix_speaker);
    for (auto it = db.allterms_begin(sp); it != db.allterms_end(sp); ++it) ++speakers;
    auto lo = db.get_value_lower_bound(schema::k_slot_held);
    auto hi = db.get_value_upper_bound(schema::k_slot_held);
    auto iso = [](const std::string& v) {
      auto d = core::parse_iso_date(v);
      return d ? d->iso() : std::string("-");
    };
    std::uintmax_t bytes = 0;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(path, ec))
      if (e.is_regular_file(ec)) bytes += e.file_size(ec);
    out << "database:     " << path.string() << '\n'
        << "conferences:  " << count_conferences(db) << '\n'
        << "passages:     " << db.get_doccount() << '\n'
        << "speakers:     " << speakers << '\n'
        << "held dates:   " << (db.get_doccount() ? iso(lo) + " .. " + iso(hi) : std::string("-")) << '\n'
        << "size on disk: " << (bytes + 512 * 1024) / (1024 * 1024) << " MB (" << bytes << " bytes)\n"
        << "last update:  " << db.get_metadata(std::string(schema::k_meta_last_update)) << '\n';
  } catch (const Xapian::Error& e) {
    err << "scio-index: error: database " << path.string() << ": " << e.get_description() << '\n';
    return k_exit_environment;
  }
  return k_exit_ok;
}

}  // namespace scio::indexer

#include "indexer/index_writer.h"

#include "core/canonical_xml.h"
#include "core/document.h"
#include "core/schema.h"
#include "core/shards.h"
#include "core/text.h"
#include "indexer/input_file.h"
#include "indexer/ordered_pipeline.h"
#include "indexer/passage.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string_view>
#include <utility>

namespace scio::indexer {
namespace {

namespace fs = std::filesystem;
namespace schema = core::schema;

// A stored conference is made of pages of at most k_max_source_bytes each; no real one comes
// near this, and a damaged record must not take all memory.
constexpr std::size_t k_max_stored_bytes = std::size_t{1} << 30;

// Xapian (glass) refuses a term longer than this when the document is written.
constexpr std::size_t k_max_term_bytes = 245;

// What every shard carries, not the catalog (shard 0) alone: whoever opens one shard can read it.
constexpr std::array<std::string_view, 3> k_every_shard_keys{schema::k_meta_version, schema::k_meta_record_dictionary,
                                                             schema::k_meta_last_update};

using core::failed_key;
using core::source_key;
std::string conference_key(const std::string& id) { return core::term(schema::k_meta_conference_prefix, id); }
std::string page_key(const std::string& hash) { return core::term(schema::k_meta_page_prefix, hash); }

std::string format_source(const std::string& hash, const std::set<std::string>& ids, const std::string& path) {
  return core::encode_source_record(SourceRecord{hash, {ids.begin(), ids.end()}, path});
}

std::optional<SourceRecord> parse_source_record(const std::string& value) { return core::decode_source_record(value); }

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool in_scope(const std::string& path, const std::vector<std::string>& scope) {
  return std::any_of(scope.begin(), scope.end(), [&](const std::string& s) {
    return path == s ||
           (path.size() > s.size() && path.compare(0, s.size(), s) == 0 && (s.back() == '/' || path[s.size()] == '/'));
  });
}

// Refuses to turn a folder of other files into a database: Xapian would create one inside it.
void check_not_foreign_folder(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec) || fs::is_empty(path, ec)) return;
  for (const char* marker : {"iamglass", "iamchert", "iamhoney", "XAPIANDB"})
    if (fs::exists(path / marker, ec)) return;
  throw EnvironmentError("database " + path.string() + " is a folder of other files, not a Xapian database");
}

}  // namespace

IndexWriter::IndexWriter(const fs::path& db, bool dry_run, unsigned jobs, std::size_t shards)
    : m_path(db), m_dry_run(dry_run), m_jobs(std::max(1u, jobs)) {
  const std::string where = "database " + db.string();
  try {
    std::error_code ec;
    std::vector<fs::path> paths;
    if (core::shards::is_sharded(db)) {
      auto listed = core::shards::shard_paths(db);
      if (!listed) throw EnvironmentError(where + ": " + listed.error());
      if (shards > 0 && shards != listed->size())
        throw EnvironmentError(where + " has " + std::to_string(listed->size()) + " shards, not " +
                               std::to_string(shards) + ": the number of shards is fixed when it is made");
      paths = std::move(*listed);
    } else if (shards > 1) {
      if (fs::exists(db, ec) && !fs::is_empty(db, ec))
        throw EnvironmentError(where + " already exists and is not sharded: --shards makes a new database");
      if (!dry_run) {
        fs::create_directories(db, ec);
        if (ec) throw EnvironmentError(where + ": cannot create it: " + ec.message());
        // The stub goes first, whole (written aside, then renamed): the shards it lists are
        // created next, and a run cut off in between just creates them next time.
        const fs::path stub = db / core::shards::k_stub_name;
        const fs::path temporary = db / (std::string(core::shards::k_stub_name) + ".tmp");
        {
          std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
          out << core::shards::stub_text(shards);
          if (!out.flush()) throw EnvironmentError(where + ": cannot write " + temporary.string());
        }
        fs::rename(temporary, stub, ec);
        if (ec) throw EnvironmentError(where + ": cannot write " + stub.string() + ": " + ec.message());
      }
      for (std::size_t i = 0; i < shards; ++i) paths.push_back(db / core::shards::shard_name(i));
    } else {
      paths.push_back(db);
    }
    if (!dry_run && db.has_parent_path()) {
      fs::create_directories(db.parent_path(), ec);
      if (ec) throw EnvironmentError(where + ": cannot create its folder: " + ec.message());
    }
    for (const auto& path : paths) open_shard(path);
  } catch (const Xapian::DatabaseLockError&) {
    throw EnvironmentError(where + " is being written by another scio-index (locked)");
  } catch (const Xapian::Error& e) { throw EnvironmentError(where + ": cannot open: " + e.get_msg()); }
}

namespace {

void refuse_read_only(const Xapian::Database& db, const std::string& where) {
  if (!db.get_metadata(std::string(schema::k_meta_read_only)).empty())
    throw EnvironmentError(where + " is a read-only copy (scio-index compact --read-only, without termlists): " +
                           "index into the database it was made from, then compact again");
}

}  // namespace

void IndexWriter::open_shard(const fs::path& path) {
  const std::string where = "database " + path.string();
  Shard shard;
  shard.path = path;
  std::error_code ec;
  if (m_dry_run) {
    if (fs::exists(path, ec)) {
      check_not_foreign_folder(path);
      shard.readable = std::make_unique<Xapian::Database>(path.string());
      shard.db = shard.readable.get();
      refuse_read_only(*shard.db, where);
    }
  } else {
    check_not_foreign_folder(path);
    // Xapian cannot open a database without termlists for writing: say why before it tries.
    if (fs::exists(path, ec)) {
      try {
        refuse_read_only(Xapian::Database(path.string()), where);
      } catch (const Xapian::DatabaseNotFoundError&) {}
    }
    shard.writable = std::make_unique<Xapian::WritableDatabase>(path.string(), Xapian::DB_CREATE_OR_OPEN);
    shard.db = shard.writable.get();
  }
  if (shard.db) {
    if (auto mismatch = core::schema_mismatch(*shard.db, "this scio-index writes", "index into a new database"))
      throw EnvironmentError(where + " " + *mismatch);
  }
  m_shards.push_back(std::move(shard));
}

IndexWriter::~IndexWriter() {
  // Closing releases the lock; an uncommitted batch is dropped, never half-written.
  for (auto& shard : m_shards) {
    try {
      if (shard.writable) shard.writable->close();
    } catch (const Xapian::Error&) {}
  }
}

std::size_t IndexWriter::shard_of_key(const std::string& k) const {
  const std::string_view prefix = schema::k_meta_conference_prefix;
  if (k.rfind(prefix, 0) != 0) return 0;  // the catalog
  return core::shards::shard_of(std::string_view(k).substr(prefix.size()), m_shards.size());
}

std::string IndexWriter::get_meta(const std::string& k) const {
  if (auto it = m_meta.find(k); it != m_meta.end()) return it->second;
  const Xapian::Database* db = m_shards[shard_of_key(k)].db;
  return db ? db->get_metadata(k) : std::string();
}

void IndexWriter::set_meta(const std::string& k, std::string value) { m_meta[k] = std::move(value); }

std::optional<SourceRecord> IndexWriter::source(const std::string& path) const {
  auto record = parse_source_record(get_meta(source_key(path)));
  // Two paths with the same key hash are different files: treat as not recorded.
  if (record && record->path != path) return std::nullopt;
  return record;
}

IndexWriter::Pending& IndexWriter::load(const std::string& id) {
  auto it = m_conferences.find(id);
  if (it != m_conferences.end()) return it->second;
  Pending pending;
  auto stored = get_meta(conference_key(id));
  if (!stored.empty()) {
    auto conference = core::unpack_conference(stored, k_max_stored_bytes);
    if (!conference)
      throw EnvironmentError("database " + m_path.string() + ": stored conference " + id +
                             " does not read back: " + conference.error());
    pending.conference = std::move(*conference);
    pending.stored = true;
  }
  return m_conferences.emplace(id, std::move(pending)).first->second;
}

std::string IndexWriter::page_holder(const std::string& hash) const {
  auto value = get_meta(page_key(hash));
  return value.substr(0, value.find('\t'));
}

void IndexWriter::hold_page(const std::string& hash, const std::string& id, int number) {
  set_meta(page_key(hash), id + "\t" + std::to_string(number));
}

void IndexWriter::release_page(const std::string& hash, const std::string& id) {
  if (get_meta(page_key(hash)).rfind(id + "\t", 0) == 0) set_meta(page_key(hash), "");
}

std::optional<FailedRecord> IndexWriter::failed(const std::string& path) const {
  auto record = core::decode_failed_record(get_meta(failed_key(path)));
  if (record && record->path != path) return std::nullopt;
  return record;
}

void IndexWriter::record_failure(const std::string& path, const std::string& hash, const std::string& reason) {
  if (!hash.empty()) set_meta(failed_key(path), core::encode_failed_record(FailedRecord{hash, reason, path}));
}

Applied IndexWriter::apply(const std::string& path, const std::string& hash,
                           std::vector<core::Conference> conferences) {
  auto previous = source(path);
  // What the file gave before goes first: a changed page may now have another number, or belong
  // to another conference, and must not linger under the old one.
  if (previous)
    for (const auto& id : previous->conferences) remove_pages_from(*this, id, path);
  AddedPages added = add_pages(*this, std::move(conferences));
  set_meta(source_key(path), format_source(hash, added.conferences, path));
  if (failed(path)) set_meta(failed_key(path), "");
  ++m_pending_files;
  Applied applied;
  applied.change = previous                                                ? FileChange::updated
                   : added.pages > 0 && added.copies.size() == added.pages ? FileChange::duplicate
                                                                           : FileChange::added;
  applied.copies = std::move(added.copies);
  return applied;
}

bool IndexWriter::holds(const std::string& id) const {
  auto it = m_conferences.find(id);
  if (it != m_conferences.end()) return it->second.conference.has_value();
  return !get_meta(conference_key(id)).empty();
}

bool IndexWriter::holds_all(const std::string& path) const {
  auto record = source(path);
  return !record || std::all_of(record->conferences.begin(), record->conferences.end(),
                                [&](const std::string& id) { return holds(id); });
}

std::map<std::string, SourceRecord> IndexWriter::all_sources() const {
  std::map<std::string, SourceRecord> out;
  const std::string prefix(schema::k_meta_source_prefix);
  if (const Xapian::Database* db = m_shards[0].db)
    for (auto it = db->metadata_keys_begin(prefix); it != db->metadata_keys_end(prefix); ++it)
      if (auto record = parse_source_record(get_meta(*it))) out.emplace(*it, std::move(*record));
  for (auto it = m_meta.lower_bound(prefix); it != m_meta.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    if (auto record = parse_source_record(it->second)) out.insert_or_assign(it->first, std::move(*record));
    else out.erase(it->first);
  }
  return out;
}

std::vector<std::string> IndexWriter::prune(const std::vector<std::string>& scope,
                                            const std::set<std::string>& present) {
  std::vector<std::string> gone;
  std::map<std::string, std::vector<std::string>> gone_by_conference, kept_by_conference;
  // A failure of a file that is gone is forgotten with it.
  const std::string failed_prefix(schema::k_meta_failed_prefix);
  if (const Xapian::Database* db = m_shards[0].db)
    for (auto it = db->metadata_keys_begin(failed_prefix); it != db->metadata_keys_end(failed_prefix); ++it)
      if (auto record = core::decode_failed_record(get_meta(*it)))
        if (in_scope(record->path, scope) && !present.count(record->path)) set_meta(*it, "");
  for (const auto& [k, record] : all_sources()) {
    if (in_scope(record.path, scope) && !present.count(record.path)) {
      gone.push_back(record.path);
      set_meta(k, "");
      for (const auto& id : record.conferences) gone_by_conference[id].push_back(record.path);
    } else {
      for (const auto& id : record.conferences) kept_by_conference[id].push_back(record.path);
    }
  }
  for (const auto& [id, paths] : gone_by_conference) {
    const auto& kept = kept_by_conference[id];
    if (kept.empty()) {
      Pending& pending = load(id);
      while (pending.conference) remove_page(*this, id, pending.conference->pages.size() - 1);
      continue;
    }
    for (const auto& path : paths) remove_pages_from(*this, id, path);
    // A file kept only as a copy of a page that was just dropped gives that page back, under the
    // same conference id (its own name may give another: a copy saved as "x-backup.htm").
    for (const auto& path : kept) {
      const Pending& pending = load(id);
      bool backs_a_page =
          pending.conference && std::any_of(pending.conference->pages.begin(), pending.conference->pages.end(),
                                            [&](const core::Page& p) { return p.source == path; });
      if (backs_a_page || !exists(path)) continue;  // PageStore::exists
      auto record = source(path);
      auto loaded = load_file(path, "");
      if (loaded.result.error) continue;
      auto& conferences = loaded.result.conferences;
      // Unchanged since it was recorded as a source of this conference: its pages are this
      // conference's pages.
      if (record && record->hash == loaded.hash && conferences.size() == 1 &&
          std::find(record->conferences.begin(), record->conferences.end(), conferences[0].id) ==
              record->conferences.end())
        conferences[0].id = id;
      apply(path, loaded.hash, std::move(conferences));
    }
  }
  std::sort(gone.begin(), gone.end());
  return gone;
}

namespace {

// Longer terms are cut here, at a character's start, to name them in a message.
std::string term_excerpt(const std::string& term) {
  if (term.size() <= 60) return term;
  std::size_t end = 60;
  while (end > 0 && !core::is_char_start(term, end)) --end;
  return term.substr(0, end) + "...";
}

}  // namespace

void use_flush_threshold() {
  const char* set = std::getenv("XAPIAN_FLUSH_THRESHOLD");
  if (set == nullptr || *set == '\0') ::setenv("XAPIAN_FLUSH_THRESHOLD", k_flush_threshold, 1);
}

IndexWriter::BuiltPassages IndexWriter::build(const core::Conference& conference) {
  BuiltPassages built;
  thread_local Xapian::TermGenerator generator = core::passage_term_generator();
  try {
    // The title goes on the first passage alone (core::TitleTerms).
    auto title_terms = core::TitleTerms::here;
    for (const auto& passage : make_passages(conference)) {
      auto doc =
          passage_document(conference, passage, generator, std::exchange(title_terms, core::TitleTerms::elsewhere));
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string term = *t;
        if (term.size() > k_max_term_bytes) {
          built.error = "a term of " + std::to_string(term.size()) + " bytes, more than Xapian takes (" +
                        std::to_string(k_max_term_bytes) + "): " + term_excerpt(term);
          return built;
        }
        if (core::is_spelling_word(term)) built.spelling[term] += t.get_wdf();
      }
      built.documents.emplace_back(core::term(schema::k_prefix_passage_id, passage.id), std::move(doc));
    }
  } catch (const Xapian::Error& e) {
    built.error = e.get_description();
    return built;
  }
  built.stored = core::pack_conference(conference);
  return built;
}
std::size_t IndexWriter::write_conference(Xapian::WritableDatabase& db, const std::string& id,
                                          const BuiltPassages& built, SpellingChanges& spelling) const {
  const std::string conference_term = core::term(schema::k_prefix_conference, id);
  std::vector<Xapian::docid> old;
  for (auto it = db.postlist_begin(conference_term); it != db.postlist_end(conference_term); ++it) old.push_back(*it);
  // The old passages' words leave the spelling data as they came in, so that it stays exact.
  for (auto did : old)
    for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t)
      if (core::is_spelling_word(*t)) spelling[*t] -= t.get_wdf();
  for (const auto& [word, count] : built.spelling) spelling[word] += count;
  std::set<Xapian::docid> kept;
  for (const auto& [id_term, doc] : built.documents) {
    // Replacing by id keeps a passage's document where it was; a new conference just adds.
    kept.insert(old.empty() ? db.add_document(doc) : db.replace_document(id_term, doc));
  }
  for (auto did : old)
    if (!kept.count(did)) db.delete_document(did);
  db.set_metadata(conference_key(id), built.stored);
  return built.documents.size();
}

std::vector<std::pair<std::string, const core::Conference*>> IndexWriter::take_changed() {
  std::vector<std::pair<std::string, const core::Conference*>> changed;
  for (auto& [id, pending] : m_conferences) {
    if (!pending.dirty) continue;
    if (pending.conference) {
      // The assembly's last step, once the batch's pages are in: continued turns and the
      // moderator may have changed with pages that came and went.
      classify_speakers(*pending.conference);
      ++m_counts.conferences_written;
    } else if (pending.stored) {
      ++m_counts.conferences_removed;
    }
    changed.emplace_back(id, pending.conference ? &*pending.conference : nullptr);
  }
  return changed;
}

IndexWriter::ShardWrite IndexWriter::write_shard(
    std::size_t s, const std::vector<std::pair<std::string, const core::Conference*>>& part) {
  ShardWrite out;
  const unsigned builders = std::max<unsigned>(1, m_jobs / static_cast<unsigned>(m_shards.size()));
  try {
    auto& db = *m_shards[s].writable;
    db.begin_transaction();
    // Documents are built on worker threads while this one writes them: Xapian writes on one.
    OrderedPipeline<BuiltPassages> built(part.size(), builders, 2 * std::size_t{builders} + 2, [&](std::size_t i) {
      return part[i].second ? build(*part[i].second) : BuiltPassages{};
    });
    SpellingChanges spelling;
    for (std::size_t i = 0; i < part.size(); ++i) {
      BuiltPassages conference = built.take(i);
      if (conference.error.empty()) out.passages += write_conference(db, part[i].first, conference, spelling);
      else out.skipped.emplace_back(part[i].first, conference.error);
    }
    // Once per word and batch: Xapian's spelling table costs per call, and a word comes often.
    for (const auto& [word, change] : spelling) {
      if (change > 0) db.add_spelling(word, static_cast<Xapian::termcount>(change));
      if (change < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-change));
    }
    // Every shard carries the schema version and the time of the last update.
    for (const auto k : k_every_shard_keys) db.set_metadata(std::string(k), get_meta(std::string(k)));
    // The catalog is written and committed last, once every shard holds what its records will say.
    if (s != 0) db.commit_transaction();
  } catch (const Xapian::Error& e) {
    out.error = "database " + m_shards[s].path.string() + ": cannot write: " + e.get_description();
  }
  return out;
}

SkippedConference IndexWriter::skip(const std::string& id, const std::string& reason) {
  SkippedConference skipped{id, {}, reason};
  // The batch's files that gave it pages go back to what the database held of them, and are
  // remembered as failed: an unchanged one is not read again.
  const std::string source_prefix(schema::k_meta_source_prefix), page_prefix(schema::k_meta_page_prefix);
  for (auto it = m_meta.lower_bound(source_prefix); it != m_meta.end() && it->first.rfind(source_prefix, 0) == 0;) {
    auto record = parse_source_record(it->second);
    if (!record || std::find(record->conferences.begin(), record->conferences.end(), id) == record->conferences.end()) {
      ++it;
      continue;
    }
    skipped.files.push_back(record->path);
    record_failure(record->path, record->hash, "conference " + id + " cannot be indexed: " + reason);
    it = m_meta.erase(it);
  }
  for (auto it = m_meta.lower_bound(page_prefix); it != m_meta.end() && it->first.rfind(page_prefix, 0) == 0;)
    it = it->second.rfind(id + "\t", 0) == 0 ? m_meta.erase(it) : std::next(it);
  if (skipped.files.empty())
    if (const auto& conference = m_conferences[id].conference)
      for (const auto& page : conference->pages) skipped.files.push_back(page.source);
  return skipped;
}

std::vector<SkippedConference> IndexWriter::commit() {
  const auto changed = take_changed();
  if (m_dry_run) {
    // A dry run writes nothing: the batch stays in the overlay for the next batches to read.
    for (const auto& [id, conference] : changed) {
      if (conference) m_counts.passages_written += make_passages(*conference).size();
      set_meta(conference_key(id), conference ? core::pack_conference(*conference) : std::string());
    }
    end_batch();
    return {};
  }
  if (changed.empty() && m_meta.empty()) {
    end_batch();
    return {};
  }
  set_meta(std::string(schema::k_meta_version), std::string(schema::k_version));
  set_meta(std::string(schema::k_meta_record_dictionary), core::record_dictionary());
  set_meta(std::string(schema::k_meta_last_update), now_iso());

  // Each shard's conferences are written on its own thread (shards are written in parallel).
  const std::size_t n = m_shards.size();
  std::vector<std::vector<std::pair<std::string, const core::Conference*>>> parts(n);
  for (const auto& item : changed) parts[core::shards::shard_of(item.first, n)].push_back(item);
  std::vector<ShardWrite> written;
  {
    OrderedPipeline<ShardWrite> shards(n, static_cast<unsigned>(n), n,
                                       [&](std::size_t s) { return write_shard(s, parts[s]); });
    for (std::size_t s = 0; s < n; ++s) written.push_back(shards.take(s));
  }
  std::vector<SkippedConference> skipped;
  std::string failure;
  for (const auto& w : written) {
    if (failure.empty()) failure = w.error;
    for (const auto& [id, reason] : w.skipped) skipped.push_back(skip(id, reason));
  }
  if (failure.empty()) failure = commit_catalog();
  if (!failure.empty()) {
    cancel_transactions();
    throw EnvironmentError(failure);
  }
  for (const auto& w : written) m_counts.passages_written += w.passages;
  m_counts.conferences_written -= skipped.size();
  end_batch();
  return skipped;
}

std::string IndexWriter::commit_catalog() {
  try {
    auto& catalog = *m_shards[0].writable;
    for (const auto& [k, value] : m_meta)
      if (shard_of_key(k) == 0 &&
          std::find(k_every_shard_keys.begin(), k_every_shard_keys.end(), k) == k_every_shard_keys.end())
        catalog.set_metadata(k, value);
    catalog.commit_transaction();
    return {};
  } catch (const Xapian::Error& e) {
    return "database " + m_shards[0].path.string() + ": cannot write: " + e.get_description();
  }
}

void IndexWriter::cancel_transactions() {
  for (auto& shard : m_shards) {
    try {
      shard.writable->cancel_transaction();
    } catch (const Xapian::Error&) {
      // Not in a transaction (it committed, or never began), or the shard is past cancelling: the
      // error that stops the run is the one that brought us here.
    }
  }
}

void IndexWriter::end_batch() {
  m_conferences.clear();
  if (!m_dry_run) m_meta.clear();
  m_pending_files = 0;
}

void IndexWriter::cancel() { end_batch(); }

}  // namespace scio::indexer

#include "indexer/index_writer.h"

#include "core/canonical_xml.h"
#include "core/document.h"
#include "core/schema.h"
#include "core/shards.h"
#include "core/text.h"
#include "indexer/assembler.h"
#include "indexer/ordered_pipeline.h"
#include "indexer/passage.h"
#include "indexer/source_file.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <thread>

namespace scio::indexer {
namespace {

namespace fs = std::filesystem;
namespace schema = core::schema;

// A stored conference is made of pages of at most k_max_source_bytes each; no real one comes
// near this, and a damaged record must not take all memory.
constexpr std::size_t k_max_stored_bytes = std::size_t{1} << 30;

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

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// A stored page keeps its place against an incoming copy when it is the better-ranked copy and
// its file is still there (a moved file's new copy takes over).
bool keeps(const std::string& stored, const std::string& incoming) {
  return stored != incoming && ranks_before(stored, incoming) && exists(stored);
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

LoadedFile load_file(const std::string& path, const std::string& known_hash) {
  LoadedFile out;
  try {
    std::error_code ec;
    auto status = fs::status(path, ec);
    auto size = ec ? 0 : fs::file_size(path, ec);
    // Anything unusual (not a regular file, empty, too large, unreadable) goes to read_file,
    // which names the reason.
    if (!ec && fs::is_regular_file(status) && size > 0 && size <= k_max_source_bytes) {
      std::ifstream in(path, std::ios::binary);
      std::string bytes(static_cast<std::size_t>(size), '\0');
      in.read(bytes.data(), static_cast<std::streamsize>(size));
      if (in && static_cast<std::uintmax_t>(in.gcount()) == size) {
        out.bytes = bytes.size();
        out.hash = core::content_hash(bytes);
        if (out.hash == known_hash) {
          out.unchanged = true;
          out.result.path = path;
          return out;
        }
        auto source = decode_source(bytes);
        if (source) {
          out.result = parse_source(path, *source);
          return out;
        }
        out.result = FileResult{path, {}, InputError{path, source.error()}};
        return out;
      }
    }
    out.hash.clear();
    out.result = read_file(path);
    if (!out.result.error) out.result.error = InputError{path, "cannot read: the file changed while it was read"};
  } catch (const std::exception& e) {
    out.result = FileResult{path, {}, InputError{path, std::string("cannot read: ") + e.what()}};
  }
  return out;
}

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

void IndexWriter::remove_page(Pending& pending, const std::string& id, std::size_t index) {
  auto& pages = pending.conference->pages;
  const auto& hash = pages[index].hash;
  if (!hash.empty() && get_meta(page_key(hash)).rfind(id + "\t", 0) == 0) set_meta(page_key(hash), "");
  pages.erase(pages.begin() + static_cast<std::ptrdiff_t>(index));
  pending.dirty = true;
  // With no page left nothing of the old header may linger: the next page starts it afresh.
  if (pages.empty()) pending.conference.reset();
}

void IndexWriter::drop_pages_from(const std::string& id, const std::string& path) {
  Pending& pending = load(id);
  for (std::size_t i = pending.conference ? pending.conference->pages.size() : 0; i-- > 0;) {
    if (!pending.conference) break;
    if (pending.conference->pages[i].source == path) remove_page(pending, id, i);
  }
}

void IndexWriter::add_pages(core::Conference incoming, std::set<std::string>& ids, std::vector<std::string>& copies) {
  const std::string id = incoming.id;
  Pending& target = load(id);
  std::vector<core::Page> pages = std::move(incoming.pages);
  core::Conference& winners = incoming;  // the header, and the pages that win their place
  winners.pages.clear();
  for (auto& page : pages) {
    if (!page.hash.empty()) {
      auto owner = get_meta(page_key(page.hash));
      if (!owner.empty()) {
        const std::string owner_id = owner.substr(0, owner.find('\t'));
        Pending& holder = load(owner_id);
        if (holder.conference) {
          auto& held = holder.conference->pages;
          auto same = std::find_if(held.begin(), held.end(), [&](const core::Page& p) { return p.hash == page.hash; });
          if (same != held.end()) {
            // A copy of a page held (a mobile copy, a second download, a backup under another
            // name): the page stays where it is, under its conference's id, whichever copy came
            // first; this file is recorded as another source of it. Passage ids never move.
            ids.insert(owner_id);
            copies.push_back(owner_id + " page " + std::to_string(same->number) + "\t" + same->source);
            if (same->source != page.source && !keeps(same->source, page.source)) {
              // The better-ranked copy is named the page's source, as if the run had seen it first.
              same->source = page.source;
              if (!page.url.empty()) same->url = page.url;
              holder.dirty = true;
            }
            continue;
          }
        }
      }
    }
    if (target.conference) {
      auto& pages = target.conference->pages;
      auto same =
          std::find_if(pages.begin(), pages.end(), [&](const core::Page& p) { return p.number == page.number; });
      if (same != pages.end()) {
        if (keeps(same->source, page.source)) {
          ids.insert(id);
          continue;
        }
        remove_page(target, id, static_cast<std::size_t>(same - pages.begin()));
      }
    }
    winners.pages.push_back(std::move(page));
  }
  if (winners.pages.empty()) return;
  ids.insert(id);
  for (const auto& page : winners.pages)
    if (!page.hash.empty()) set_meta(page_key(page.hash), id + "\t" + std::to_string(page.number));
  if (!target.conference) {
    target.conference = std::move(winners);
    classify_speakers(*target.conference);
  } else {
    merge_conference(*target.conference, winners, MergePolicy::replace);
  }
  target.dirty = true;
}

Applied IndexWriter::apply(const std::string& path, const std::string& hash,
                           std::vector<core::Conference> conferences) {
  auto previous = source(path);
  // What the file gave before goes first: a changed page may now have another number, or belong
  // to another conference, and must not linger under the old one.
  if (previous)
    for (const auto& id : previous->conferences) drop_pages_from(id, path);
  std::set<std::string> ids;
  Applied applied;
  std::size_t pages = 0;
  for (auto& c : conferences) {
    pages += c.pages.size();
    add_pages(std::move(c), ids, applied.copies);
  }
  set_meta(source_key(path), format_source(hash, ids, path));
  ++m_pending_files;
  applied.change = previous                                      ? FileChange::updated
                   : pages > 0 && applied.copies.size() == pages ? FileChange::duplicate
                                                                 : FileChange::added;
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
      while (pending.conference) remove_page(pending, id, pending.conference->pages.size() - 1);
      continue;
    }
    for (const auto& path : paths) drop_pages_from(id, path);
    // A file kept only as a copy of a page that was just dropped gives that page back, under the
    // same conference id (its own name may give another: a copy saved as "x-backup.htm").
    for (const auto& path : kept) {
      const Pending& pending = load(id);
      bool backs_a_page =
          pending.conference && std::any_of(pending.conference->pages.begin(), pending.conference->pages.end(),
                                            [&](const core::Page& p) { return p.source == path; });
      if (backs_a_page || !exists(path)) continue;
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

void IndexWriter::write_conference(Xapian::WritableDatabase& db, const std::string& id, BuiltPassages built,
                                   SpellingChanges& spelling, std::size_t& passages) const {
  if (!built.error.empty())
    throw EnvironmentError("database " + m_path.string() + ": conference " + id + ": " + built.error);
  const std::string conference_term = core::term(schema::k_prefix_conference, id);
  std::vector<Xapian::docid> old;
  for (auto it = db.postlist_begin(conference_term); it != db.postlist_end(conference_term); ++it) old.push_back(*it);
  // The old passages' words leave the spelling data as they came in, so that it stays exact.
  for (auto did : old)
    for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t)
      if (core::is_spelling_word(*t)) spelling[*t] -= t.get_wdf();
  for (const auto& [word, count] : built.spelling) spelling[word] += count;
  std::set<Xapian::docid> kept;
  for (auto& [id_term, doc] : built.documents) {
    // Replacing by id keeps a passage's document where it was; a new conference just adds.
    kept.insert(old.empty() ? db.add_document(doc) : db.replace_document(id_term, doc));
    ++passages;
  }
  for (auto did : old)
    if (!kept.count(did)) db.delete_document(did);
  db.set_metadata(conference_key(id), built.stored);
}

void IndexWriter::commit() {
  std::vector<std::pair<std::string, const core::Conference*>> dirty;
  for (auto& [id, pending] : m_conferences) {
    if (!pending.dirty) continue;
    if (pending.conference) {
      // Pages came and went: speakers of continued turns and the moderator may have changed.
      classify_speakers(*pending.conference);
      ++m_counts.conferences_written;
      if (m_dry_run) {
        m_counts.passages_written += make_passages(*pending.conference).size();
        set_meta(conference_key(id), core::pack_conference(*pending.conference));
      }
    } else {
      if (m_dry_run) set_meta(conference_key(id), "");
      if (pending.stored) ++m_counts.conferences_removed;
    }
    dirty.emplace_back(id, pending.conference ? &*pending.conference : nullptr);
  }
  if (m_dry_run || (dirty.empty() && m_meta.empty())) {
    // A dry run writes nothing: the batch stays in the overlay for the next batches to read.
    m_conferences.clear();
    m_pending_files = 0;
    return;
  }
  set_meta(std::string(schema::k_meta_version), std::string(schema::k_version));
  set_meta(std::string(schema::k_meta_last_update), now_iso());
  const std::size_t n = m_shards.size();
  // Each shard's part of the batch: its conferences and metadata; every shard carries the schema
  // version and the time of the last update.
  std::vector<std::vector<std::size_t>> items(n);
  for (std::size_t i = 0; i < dirty.size(); ++i) items[core::shards::shard_of(dirty[i].first, n)].push_back(i);
  std::vector<std::map<std::string, std::string>> meta(n);
  for (const auto& [k, value] : m_meta) {
    if (k == schema::k_meta_version || k == schema::k_meta_last_update) {
      for (auto& m : meta) m.emplace(k, value);
    } else {
      meta[shard_of_key(k)].emplace(k, value);
    }
  }
  std::vector<std::size_t> written(n, 0);
  std::vector<std::string> failures(n);
  const unsigned builders = std::max<unsigned>(1, m_jobs / static_cast<unsigned>(n));
  auto write_shard = [&](std::size_t s) {
    try {
      auto& db = *m_shards[s].writable;
      db.begin_transaction();
      // Documents, stored records and spelling words are made on worker threads while this one
      // writes them: Xapian writes on one.
      const auto& mine = items[s];
      OrderedPipeline<BuiltPassages> builder(mine.size(), builders, 2 * std::size_t{builders} + 2, [&](std::size_t j) {
        const core::Conference* conference = dirty[mine[j]].second;
        BuiltPassages built;
        if (!conference) return built;
        try {
          thread_local Xapian::TermGenerator generator = core::passage_term_generator();
          for (const auto& passage : make_passages(*conference)) {
            auto doc = passage_document(*conference, passage, generator);
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
              if (core::is_spelling_word(*t)) built.spelling[*t] += t.get_wdf();
            built.documents.emplace_back(core::term(schema::k_prefix_passage_id, passage.id), std::move(doc));
          }
          built.stored = core::pack_conference(*conference);
        } catch (const std::exception& e) { built.error = e.what(); } catch (const Xapian::Error& e) {
          built.error = e.get_description();
        }
        return built;
      });
      SpellingChanges spelling;
      for (std::size_t j = 0; j < mine.size(); ++j)
        write_conference(db, dirty[mine[j]].first, builder.take(j), spelling, written[s]);
      // Once per word and batch: Xapian's spelling table costs per call, and a word comes often.
      for (const auto& [word, change] : spelling) {
        if (change > 0) db.add_spelling(word, static_cast<Xapian::termcount>(change));
        if (change < 0) db.remove_spelling(word, static_cast<Xapian::termcount>(-change));
      }
      for (const auto& [k, value] : meta[s]) db.set_metadata(k, value);
      // The catalog commits last, once every shard holds what its records will say.
      if (s != 0) db.commit_transaction();
    } catch (const EnvironmentError& e) { failures[s] = e.what(); } catch (const Xapian::Error& e) {
      failures[s] = "database " + m_shards[s].path.string() + ": cannot write: " + e.get_description();
    } catch (const std::exception& e) {
      failures[s] = "database " + m_shards[s].path.string() + ": cannot write: " + e.what();
    }
  };
  if (n == 1) {
    write_shard(0);
  } else {
    std::vector<std::thread> threads;
    for (std::size_t s = 0; s < n; ++s) threads.emplace_back(write_shard, s);
    for (auto& t : threads) t.join();
  }
  auto failure = std::find_if(failures.begin(), failures.end(), [](const std::string& f) { return !f.empty(); });
  if (failure == failures.end()) {
    try {
      m_shards[0].writable->commit_transaction();
    } catch (const Xapian::Error& e) {
      failures[0] = "database " + m_shards[0].path.string() + ": cannot write: " + e.get_description();
      failure = failures.begin();
    }
  }
  if (failure != failures.end()) {
    for (auto& shard : m_shards) {
      try {
        shard.writable->cancel_transaction();
      } catch (const Xapian::Error&) {
        // not in a transaction: it committed, or never began
      }
    }
    throw EnvironmentError(*failure);
  }
  for (auto w : written) m_counts.passages_written += w;
  m_conferences.clear();
  m_meta.clear();
  m_pending_files = 0;
}

void IndexWriter::cancel() {
  m_conferences.clear();
  if (!m_dry_run) m_meta.clear();
  m_pending_files = 0;
}

}  // namespace scio::indexer

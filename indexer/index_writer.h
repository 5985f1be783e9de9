// Writing the passage database incrementally: sources by hash, conferences via their stored XML.
#pragma once

#include "core/catalog.h"
#include "core/conference.h"
#include "indexer/environment_error.h"
#include "indexer/reader.h"

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>
#include <xapian.h>

namespace scio::indexer {

// What the database remembers of one input file (core/catalog.h).
using core::SourceRecord;

// One input file read for indexing: hashed and, unless its hash was already recorded, parsed.
struct LoadedFile {
  std::string hash;       // content hash of the bytes; empty when the file could not be read
  std::size_t bytes = 0;  // size read
  bool unchanged = false;
  FileResult result;
};

// Reads path's bytes once: hashes them and parses them unless the hash equals known_hash. Never
// throws; a file that cannot be read gives result.error.
LoadedFile load_file(const std::string& path, const std::string& known_hash);

enum class FileChange { added, updated, duplicate };

// What apply() did with one file.
struct Applied {
  // added: new pages; updated: the file was indexed before; duplicate: a new file each of whose
  // pages was a copy of a page already held (it is recorded as another source of them).
  FileChange change = FileChange::added;
  // For each page that was a copy of a held page: "conference/page number\tthe held page's source".
  std::vector<std::string> copies;
};

struct WriteCounts {
  std::size_t conferences_written = 0;  // conferences whose passages were (re)written
  std::size_t conferences_removed = 0;  // conferences left with no page (prune, a page moved away)
  std::size_t passages_written = 0;
};

class IndexWriter {
 public:
  // Opens (creating it and its parent folders) the database for writing; when another writer
  // holds it, fails at once. A dry run only reads the database, which need not exist, and never
  // writes anything. Throws EnvironmentError.
  // jobs threads build the Xapian documents of a batch while this thread writes them.
  // shards: 0 takes the database as it is (one database, or the shards its stub lists); N > 1
  // makes a new database of N shards (core/shards.h), written in parallel, or checks that the
  // existing one has N.
  IndexWriter(const std::filesystem::path& db, bool dry_run, unsigned jobs = 1, std::size_t shards = 0);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // The record of an absolute source path, when it was indexed before (this batch included).
  std::optional<SourceRecord> source(const std::string& path) const;

  // Takes in one parsed input file (absolute path, hash of its bytes): the pages it gave before
  // are dropped, then its pages are merged into their conferences. A page replaces the page of the
  // same number; a conference that lost all its pages starts afresh. A copy of a page already held
  // (same page hash), whatever its file name, stays in the conference that holds it, under that id:
  // the file is recorded as another source of it, and the better-ranked copy is named the page's
  // source. So a conference id, once given, never moves with a copy.
  Applied apply(const std::string& path, const std::string& hash, std::vector<core::Conference> conferences);

  // True when the conference is held (in the database or this batch).
  bool holds(const std::string& id) const;
  // True when every conference the path's record names is held (also when it has no record).
  bool holds_all(const std::string& path) const;

  // Forgets every recorded source under one of scope (absolute files or folders) that is not in
  // present. A conference left with no source is removed; one with sources left loses the pages
  // read from the gone files (a surviving copy of such a page is read again and takes its place).
  // Returns the forgotten paths, sorted.
  std::vector<std::string> prune(const std::vector<std::string>& scope, const std::set<std::string>& present);

  // Files taken in since the last commit.
  std::size_t pending_files() const { return m_pending_files; }
  // Writes the batch (passages of every changed conference, the stored XML, the source records)
  // in one transaction per shard; an empty batch writes nothing. Shards are written in parallel;
  // the catalog (shard 0) commits last, so that a run cut off in between re-reads those files. A dry run keeps the
  // batch in memory instead, for the next batches to see.
  void commit();
  // Drops the batch: nothing of it is written.
  void cancel();

  const WriteCounts& counts() const { return m_counts; }

 private:
  // Word -> the change of its spelling frequency in a batch.
  using SpellingChanges = std::unordered_map<std::string, long long>;

  // What the builder threads make of one conference for the writer.
  struct BuiltPassages {
    std::vector<std::pair<std::string, Xapian::Document>> documents;  // Q term, document
    std::string stored;        // the conference as stored (compressed canonical XML); "" when it is gone
    SpellingChanges spelling;  // the words of the documents
    std::string error;         // building failed
  };

  struct Pending {
    std::optional<core::Conference> conference;  // nothing: absent, or lost all its pages
    bool stored = false;                         // present before this batch
    bool dirty = false;
  };

  struct Shard {
    std::filesystem::path path;
    std::unique_ptr<Xapian::WritableDatabase> writable;
    std::unique_ptr<Xapian::Database> readable;  // a dry run's view; null when the shard does not exist
    Xapian::Database* db = nullptr;              // whichever of the two is open
  };

  void open_shard(const std::filesystem::path& path);
  std::size_t shard_of_key(const std::string& key) const;
  std::string get_meta(const std::string& key) const;
  void set_meta(const std::string& key, std::string value);
  Pending& load(const std::string& id);
  void remove_page(Pending& pending, const std::string& id, std::size_t index);
  void drop_pages_from(const std::string& id, const std::string& path);
  void add_pages(core::Conference incoming, std::set<std::string>& ids, std::vector<std::string>& copies);
  void write_conference(Xapian::WritableDatabase& db, const std::string& id, BuiltPassages built,
                        SpellingChanges& spelling, std::size_t& passages) const;
  std::map<std::string, SourceRecord> all_sources() const;

  std::filesystem::path m_path;
  bool m_dry_run;
  unsigned m_jobs;
  std::vector<Shard> m_shards;                   // one, or those of a sharded database; [0] holds the catalog
  std::map<std::string, Pending> m_conferences;  // this batch's conferences
  std::map<std::string, std::string> m_meta;     // this batch's metadata writes ("" deletes)
  std::size_t m_pending_files = 0;
  WriteCounts m_counts;
};

}  // namespace scio::indexer

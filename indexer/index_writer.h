// Writing the passage database incrementally: sources by hash, conferences via their stored XML.
#pragma once

#include "core/catalog.h"
#include "core/conference.h"
#include "indexer/assembler.h"
#include "indexer/environment_error.h"

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

// What the database remembers of one input file, and of one that failed (core/catalog.h).
using core::FailedRecord;
using core::SourceRecord;

enum class FileChange { added, updated, duplicate };

// How many passages Xapian's writer holds in memory before it flushes them into its tables
// (Xapian reads XAPIAN_FLUSH_THRESHOLD when a database is opened for writing; its default is
// 10,000 documents). It keeps them in a tree of documents per term: at a passage's hundred-odd
// terms, 10,000 passages' trees outgrow the caches and adding a passage becomes a walk of cache
// misses, where much of the writing thread's time went. Flushing every 1,000 made indexing about
// a quarter faster and halved peak memory, the database the same size (bench/RESULTS.md, 2026-12-01).
inline constexpr const char* k_flush_threshold = "1000";

// Sets XAPIAN_FLUSH_THRESHOLD to k_flush_threshold unless the user set it (their value is kept).
// Changes the environment: call it before any thread starts.
void use_flush_threshold();

// What apply() did with one file.
struct Applied {
  // added: new pages; updated: the file was indexed before; duplicate: a new file each of whose
  // pages was a copy of a page already held (it is recorded as another source of them).
  FileChange change = FileChange::added;
  std::vector<PageCopy> copies;  // the file's pages that were copies of held pages
};

struct WriteCounts {
  std::size_t conferences_written = 0;  // conferences whose passages were (re)written
  std::size_t conferences_removed = 0;  // conferences left with no page (prune, a page moved away)
  std::size_t passages_written = 0;
};

// A conference of the batch that could not be made into documents: not written (what the database
// held of it stays), and the batch's files that gave it pages are recorded as failed instead.
struct SkippedConference {
  std::string id;
  std::vector<std::string> files;  // those files, else the conference's sources
  std::string reason;              // one line
};

// The index's side of the assembly (a PageStore over the database): conferences read back from
// their stored XML, page holders and file records kept between runs.
class IndexWriter : private PageStore {
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
  // The record of an absolute path that failed, while it is remembered.
  std::optional<FailedRecord> failed(const std::string& path) const;
  // Remembers that the file with these bytes (hash) failed; without a hash (unreadable) nothing is.
  void record_failure(const std::string& path, const std::string& hash, const std::string& reason);

  // Takes in one parsed input file (absolute path, hash of its bytes): the pages it gave before
  // are dropped, then its pages go to their conferences by add_pages (indexer/assembler.h). A
  // failure remembered for the path is forgotten.
  Applied apply(const std::string& path, const std::string& hash, std::vector<core::Conference> conferences);

  // True when the conference is held (in the database or this batch).
  bool holds(const std::string& id) const;
  // True when every conference the path's record names is held (also when it has no record).
  bool holds_all(const std::string& path) const;

  // Forgets every recorded source (and failure) under one of scope (absolute files or folders) that is not in
  // present. A conference left with no source is removed; one with sources left loses the pages
  // read from the gone files (a surviving copy of such a page is read again and takes its place).
  // Returns the forgotten paths, sorted.
  std::vector<std::string> prune(const std::vector<std::string>& scope, const std::set<std::string>& present);

  // Files taken in since the last commit.
  std::size_t pending_files() const { return m_pending_files; }
  // Classifies the speakers of every changed conference (classify_speakers), then writes the batch
  // (their passages, the stored XML, the file records) in one transaction per shard; an empty batch
  // writes nothing. Shards are written in parallel; the catalog (shard 0) is written and committed
  // last, so that a run cut off in between re-reads those files. A conference that cannot be made
  // into documents is skipped and returned. A dry run keeps the batch in memory instead, for the
  // next batches to see. Throws EnvironmentError when a write fails (nothing of the batch is kept).
  std::vector<SkippedConference> commit();
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
    std::string error;         // it cannot be made into documents: why
  };

  // What one shard's thread did with its part of the batch.
  struct ShardWrite {
    std::size_t passages = 0;
    std::vector<std::pair<std::string, std::string>> skipped;  // conference id, reason
    std::string error;                                         // the write failed
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

  // PageStore: the assembly's view of the database.
  std::optional<core::Conference>& conference(const std::string& id) override { return load(id).conference; }
  void changed(const std::string& id) override { load(id).dirty = true; }
  std::string page_holder(const std::string& hash) const override;
  void hold_page(const std::string& hash, const std::string& id, int number) override;
  void release_page(const std::string& hash, const std::string& id) override;

  void open_shard(const std::filesystem::path& path);
  std::size_t shard_of_key(const std::string& key) const;
  std::string get_meta(const std::string& key) const;
  void set_meta(const std::string& key, std::string value);
  Pending& load(const std::string& id);
  std::vector<std::pair<std::string, const core::Conference*>> take_changed();
  ShardWrite write_shard(std::size_t shard, const std::vector<std::pair<std::string, const core::Conference*>>& part);
  std::size_t write_conference(Xapian::WritableDatabase& db, const std::string& id, const BuiltPassages& built,
                               SpellingChanges& spelling) const;
  SkippedConference skip(const std::string& id, const std::string& reason);
  std::string commit_catalog();  // "" or what failed
  void cancel_transactions();
  void end_batch();
  static BuiltPassages build(const core::Conference& conference);
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

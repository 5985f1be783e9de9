// Opening the passage database for reading (folders, stub files, tcp:HOST:PORT), and reading it
// while scio-index commits.
#pragma once

#include "core/passage_record.h"

#include <stdexcept>
#include <string>
#include <vector>
#include <xapian.h>

namespace scio::searcher {

// The database cannot be used: missing, not a database, corrupt, another schema, unreachable, or
// it kept changing while it was read. Environment failures like these are thrown (exit 3); bad
// queries are returned as values instead.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OpenedDatabase {
  Xapian::Database db;
  std::string where;    // the --db values as given, for messages
  bool remote = false;  // a tcp: part has no spelling data and cannot run local match spies
};

// Opens every spec (a database folder, a Xapian stub file, or tcp:HOST:PORT) as one database and
// checks that each part carries this schema version. Throws DatabaseError.
OpenedDatabase open_database(const std::vector<std::string>& specs);

// How often a read that met a commit of scio-index is retried on a reopened database.
inline constexpr int k_read_attempts = 20;

// Runs read(db) until it completes without Xapian::DatabaseModifiedError (a writer committed
// twice while it read: Xapian keeps only the last two revisions), reopening in between. Other
// Xapian database failures become DatabaseError.
template <typename Read>
auto read_with_retry(OpenedDatabase& opened, Read&& read) -> decltype(read(opened.db)) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read(opened.db);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == k_read_attempts)
        throw DatabaseError("database " + opened.where + " kept changing while it was read (" + e.get_msg() +
                            "); try again when scio-index has finished");
      opened.db.reopen();
    } catch (const Xapian::DatabaseCorruptError& e) {
      // Seen while scio-index commits (a block reused under the reader): read the newest revision;
      // damage that is real is still there after the last attempt.
      if (attempt == k_read_attempts) throw DatabaseError("database " + opened.where + ": " + e.get_msg());
      opened.db.reopen();
    } catch (const Xapian::DatabaseError& e) {
      throw DatabaseError("database " + opened.where + ": " + e.get_msg());
    } catch (const Xapian::NetworkError& e) { throw DatabaseError("database " + opened.where + ": " + e.get_msg()); }
  }
}

using core::PassageRecord;

// A passage's stored record read back (core::passage_record_of); a document without one that reads
// means the database is damaged, and throws DatabaseError.
PassageRecord parse_passage_record(const Xapian::Document& doc);

}  // namespace scio::searcher

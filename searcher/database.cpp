#include "searcher/database.h"

#include "core/document.h"

#include <charconv>
#include <filesystem>
#include <fstream>

namespace scio::searcher {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_tcp = "tcp:";

// The one place a remote database is opened: "tcp:HOST:PORT".
Xapian::Database open_remote(const std::string& spec) {
  const std::string rest = spec.substr(k_tcp.size());
  const auto colon = rest.rfind(':');
  unsigned port = 0;
  const char* first = rest.data() + (colon == std::string::npos ? rest.size() : colon + 1);
  const char* last = rest.data() + rest.size();
  auto [end, ec] = std::from_chars(first, last, port);
  if (colon == std::string::npos || colon == 0 || ec != std::errc() || end != last || port == 0 || port > 65535)
    throw DatabaseError("bad remote database \"" + spec + "\" (expected tcp:HOST:PORT)");
  try {
    return Xapian::Remote::open(rest.substr(0, colon), port);
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot reach database " + spec + ": " + e.get_msg() + " (is xapian-tcpsrv running there?)");
  }
}

// A Xapian stub (a file, or a folder holding XAPIANDB) that lists a remote database: such a
// database has no spelling data, as a tcp: one.
bool stub_lists_remote(const std::string& spec) {
  std::error_code ec;
  fs::path stub = spec;
  if (fs::is_directory(stub, ec)) stub /= "XAPIANDB";
  if (!fs::is_regular_file(stub, ec) || fs::file_size(stub, ec) > (1u << 20)) return false;
  std::ifstream in(stub);
  std::string line;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, 6, "remote") == 0) return true;
  }
  return false;
}

Xapian::Database open_local(const std::string& spec) {
  std::error_code ec;
  if (!fs::exists(spec, ec)) throw DatabaseError("no database at " + spec + " (run scio-index first or pass --db)");
  for (int attempt = 1;; ++attempt) {
    try {
      return Xapian::Database(spec);
    } catch (const Xapian::DatabaseModifiedError&) {
      // scio-index committed twice while the database was being opened: open its newest revision.
      if (attempt == k_read_attempts) throw DatabaseError("database " + spec + " kept changing while it was opened");
    } catch (const Xapian::DatabaseCorruptError& e) {
      // A block reused by a commit that raced the open reads as damage; real damage stays.
      if (attempt == k_read_attempts)
        throw DatabaseError("database " + spec + " cannot be read: " + e.get_msg() +
                            " (it may be damaged: xapian-check can tell; re-index into a new folder)");
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw DatabaseError("database " + spec + " cannot be opened: " + e.get_msg() +
                          " (is it a scio database? run scio-index --db " + spec + " PATH...)");
    } catch (const Xapian::Error& e) {
      throw DatabaseError("database " + spec + " cannot be read: " + e.get_msg() +
                          " (it may be damaged: xapian-check can tell; re-index into a new folder)");
    }
  }
}

// A part written by another schema would answer queries wrongly rather than fail: refuse it.
void check_schema(const Xapian::Database& part, const std::string& spec) {
  if (auto mismatch =
          core::schema_mismatch(part, "this scio-search reads", "re-index it with this version's scio-index"))
    throw DatabaseError("database " + spec + " " + *mismatch);
}

}  // namespace

OpenedDatabase open_database(const std::vector<std::string>& specs) {
  OpenedDatabase opened;
  for (const auto& spec : specs) {
    const bool tcp = spec.rfind(k_tcp, 0) == 0;
    Xapian::Database part = tcp ? open_remote(spec) : open_local(spec);
    const bool remote = tcp || stub_lists_remote(spec);
    for (int attempt = 1;; ++attempt) {
      try {
        check_schema(part, spec);
        break;
      } catch (const Xapian::DatabaseModifiedError& e) {
        // scio-index committed twice since the open: read the newest revision instead.
        if (attempt == k_read_attempts) throw DatabaseError("database " + spec + " kept changing while it was opened");
        part.reopen();
      } catch (const Xapian::DatabaseCorruptError& e) {
        if (attempt == k_read_attempts) throw DatabaseError("database " + spec + " cannot be read: " + e.get_msg());
        part.reopen();
      } catch (const Xapian::Error& e) { throw DatabaseError("database " + spec + " cannot be read: " + e.get_msg()); }
    }
    opened.db.add_database(part);
    opened.remote = opened.remote || remote;
    opened.where += (opened.where.empty() ? "" : ", ") + spec;
  }
  return opened;
}

core::PassageRecord parse_passage_record(const Xapian::Document& doc) {
  auto record = core::passage_record_of(doc);
  if (!record) throw DatabaseError("a passage's stored record does not read back: the database is damaged");
  return std::move(*record);
}

}  // namespace scio::searcher

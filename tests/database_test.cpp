// Opening databases (searcher/database): several at once, stub files, those that cannot be used,
// and reads that meet a commit of scio-index.
#include "core/schema.h"
#include "searcher/database.h"
#include "searcher/searcher.h"
#include "search_fixture.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>
#include <xapian.h>

using namespace scio::searcher;
using namespace scio::test;
namespace schema = scio::core::schema;

TEST_CASE("several databases, stub files, and databases that cannot be used", "[database]") {
  TempDir dir;
  std::vector<Row> early, late;
  for (const auto& r : k_rows) (r.conference < "c-2023" ? early : late).push_back(r);
  build_database(dir / "early", early);
  build_database(dir / "late", late);
  scio::test::write_file(dir / "stub", "auto " + (dir / "late").string() + "\n");

  Searcher both(open_database({(dir / "early").string(), (dir / "stub").string()}));
  SearchRequest request = request_for("tariffs OR emissions OR grain");
  request.limit = 100;
  auto r = both.search(request);
  REQUIRE(r);
  CHECK(r->hits.size() == 7);
  auto c = both.context("c-2023a/2.1", 1);
  REQUIRE(c);
  CHECK(c->passages.size() == 4);

  auto message = [](const std::vector<std::string>& specs) {
    try {
      open_database(specs);
    } catch (const DatabaseError& e) { return std::string(e.what()); }
    return std::string("opened");
  };
  CHECK(message({(dir / "missing").string()}).find("no database at") != std::string::npos);
  std::filesystem::create_directories(dir / "not-a-db");
  scio::test::write_file(dir / "not-a-db" / "notes.txt", "hello");
  CHECK(message({(dir / "not-a-db").string()}).find("cannot be opened") != std::string::npos);
  CHECK(message({"tcp:localhost"}).find("tcp:HOST:PORT") != std::string::npos);
  {
    Xapian::WritableDatabase other((dir / "other").string(), Xapian::DB_CREATE_OR_OVERWRITE);
    other.set_metadata(std::string(schema::k_meta_version), "0");
    other.add_document(Xapian::Document());
    other.commit();
  }
  CHECK(message({(dir / "other").string()}).find("schema version 0") != std::string::npos);
}

TEST_CASE("a read that meets a commit is retried on the reopened database", "[database]") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  auto opened = open_database({(dir / "db").string()});
  int calls = 0;
  auto value = read_with_retry(opened, [&](Xapian::Database& db) {
    if (++calls < 3) throw Xapian::DatabaseModifiedError("the revision being read has been discarded");
    return db.get_doccount();
  });
  CHECK(calls == 3);
  CHECK(value == k_rows.size());
  CHECK_THROWS_AS(
      read_with_retry(opened, [](Xapian::Database&) -> int { throw Xapian::DatabaseModifiedError("again"); }),
      DatabaseError);

  // A writer committing again and again while this process searches: every search succeeds and
  // sees a committed state.
  Searcher searcher(open_database({(dir / "db").string()}));
  Xapian::WritableDatabase writer((dir / "db").string(), Xapian::DB_OPEN);
  for (int i = 0; i < 20; ++i) {
    Row extra = k_rows.front();
    extra.turn = 100 + i;
    extra.text = "Extra tariffs paragraph number " + std::to_string(i) + ".";
    writer.add_document(make_document(extra, scio::core::TitleTerms::elsewhere));
    writer.commit();
    SearchRequest request = request_for("tariffs");
    request.exact = true;
    auto r = searcher.search(request);
    REQUIRE(r);
    CHECK(r->total >= 4);
  }
}

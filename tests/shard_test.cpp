// Scale-out on Xapian's own machinery: scio-index --shards, scio-index compact, and scio-search
// over local shards, several --db options and xapian-tcpsrv servers, each against one database
// holding everything (the bundled corpus/ indexed by the real scio-index).
#include "core/passage_record.h"
#include "core/schema.h"
#include "core/shards.h"
#include "db_support.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <xapian.h>

namespace {

namespace fs = std::filesystem;
namespace schema = scio::core::schema;
namespace shards = scio::core::shards;
using scio::test::run;
using scio::test::RunResult;
using scio::test::TempDir;

using scio::test::conference_ids;
using scio::test::passage_data;

RunResult index(const std::vector<std::string>& options) {
  std::vector<std::string> argv{SCIO_INDEX_BIN, "-q"};
  argv.insert(argv.end(), options.begin(), options.end());
  return run(argv);
}

// The bundled corpus indexed once as one database and once in two shards.
struct Databases {
  TempDir dir;
  std::string single = (dir / "single").string();
  std::string sharded = (dir / "sharded").string();
  Databases() {
    for (auto r : {index({"--db", single, SCIO_CORPUS}), index({"--db", sharded, "--shards", "2", SCIO_CORPUS})})
      if (r.exit_code != 0) throw std::runtime_error("scio-index failed: " + r.err);
  }
};

const Databases& databases() {
  static Databases d;
  return d;
}

struct Hit {
  std::string passage;
  double score;
};

// The ranked hits of one search, as scio-search --format json prints them.
std::vector<Hit> hits(const std::vector<std::string>& dbs, const std::vector<std::string>& query,
                      std::string* err = nullptr, const std::string& limit = "20") {
  std::vector<std::string> argv{SCIO_SEARCH_BIN, "--format", "json", "-n", limit};
  for (const auto& db : dbs) {
    argv.push_back("--db");
    argv.push_back(db);
  }
  argv.push_back("--");
  argv.insert(argv.end(), query.begin(), query.end());
  auto r = run(argv);
  if (err) *err = r.err;
  std::vector<Hit> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) {
      auto j = nlohmann::json::parse(line);
      out.push_back({j["passage"].get<std::string>(), j["score"].get<double>()});
    }
  return out;
}

const std::vector<std::vector<std::string>> k_queries = {{"china"},
                                                         {"the", "president"},
                                                         {"trade", "OR", "economy"},
                                                         {"\"the united states\""},
                                                         {"question"},
                                                         {"kind:reporter", "united", "states"},
                                                         {"date:2018..2019", "foreign", "minister"},
                                                         // matched on one passage per conference first
                                                         {"title:\"press conference\"", "china"}};

std::set<std::string> passages(const std::vector<Hit>& found) {
  std::set<std::string> out;
  for (const auto& h : found) out.insert(h.passage);
  return out;
}

// Same passages, same order, same scores (BM25 statistics are those of the whole collection).
// Xapian 1.4 expands a wildcard in each shard and weighs the expansion with that shard's
// statistics: the same passages match, ranked a little differently.
void check_same_ranking(const std::vector<std::string>& dbs) {
  const auto all = passages(hits({databases().single}, {"develop*"}, nullptr, "10000"));
  CHECK(all.size() > 20);
  CHECK(passages(hits(dbs, {"develop*"}, nullptr, "10000")) == all);
  for (const auto& q : k_queries) {
    CAPTURE(q);
    auto expected = hits({databases().single}, q);
    REQUIRE(expected.size() >= 5);
    std::string err;
    auto got = hits(dbs, q, &err);
    INFO(err);
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CAPTURE(i);
      CHECK(got[i].passage == expected[i].passage);
      CHECK(got[i].score == Approx(expected[i].score).epsilon(1e-9));
    }
  }
}

// Waits until a server answers a search (it takes a moment to listen).
void wait_for(const std::string& spec) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto r = run({SCIO_SEARCH_BIN, "--db", spec, "conferences"});
    if (r.exit_code != 3) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("xapian-tcpsrv at " << spec << " did not answer");
}

}  // namespace

TEST_CASE("shards: --shards N writes N shards behind one stub, each conference in its hash's shard", "[shards]") {
  const auto& d = databases();
  auto listed = shards::shard_paths(d.sharded);
  REQUIRE(listed);
  REQUIRE(listed->size() == 2);
  Xapian::Database single(d.single);
  const auto all = conference_ids(single);
  REQUIRE(all.size() >= 8);
  std::set<std::string> seen;
  std::size_t passages = 0;
  for (std::size_t i = 0; i < listed->size(); ++i) {
    Xapian::Database shard((*listed)[i].string());
    CHECK(shard.get_metadata(std::string(schema::k_meta_version)) == schema::k_version);
    CHECK(shard.get_metadata(std::string(schema::k_meta_record_dictionary)) == scio::core::record_dictionary());
    for (const auto& id : conference_ids(shard)) {
      CAPTURE(id);
      CHECK(shards::shard_of(id, 2) == i);
      CHECK_FALSE(shard.get_metadata(std::string(schema::k_meta_conference_prefix) + id).empty());
      CHECK(seen.insert(id).second);
    }
    passages += shard.get_doccount();
    // The catalog of sources is in shard 0 only.
    const std::string src(schema::k_meta_source_prefix);
    CHECK((shard.metadata_keys_begin(src) != shard.metadata_keys_end(src)) == (i == 0));
  }
  CHECK(seen == all);
  CHECK(passages == single.get_doccount());
  // Opened by its folder, the sharded database holds exactly the same passages.
  Xapian::Database whole(d.sharded);
  CHECK(passage_data(whole) == passage_data(single));

  auto stats = run({SCIO_INDEX_BIN, "stats", "--db", d.sharded});
  REQUIRE(stats.exit_code == 0);
  CHECK(stats.out.find("conferences:  " + std::to_string(all.size()) + "\n") != std::string::npos);
  CHECK(stats.out.find("shards:       2\n") != std::string::npos);
}

TEST_CASE("shards: re-indexing a sharded database keeps its shards, whose number is fixed", "[shards]") {
  TempDir tmp;
  const std::string db = (tmp / "db").string();
  REQUIRE(index({"--db", db, "--shards", "3", SCIO_CORPUS}).exit_code == 0);
  const auto before = passage_data(Xapian::Database(db));

  auto again = run({SCIO_INDEX_BIN, "--db", db, SCIO_CORPUS});  // no --shards: the database's own
  CHECK(again.exit_code == 0);
  CHECK(again.err.find(" 0 added, 0 updated,") != std::string::npos);
  CHECK(again.err.find("0 passages written") != std::string::npos);
  CHECK(passage_data(Xapian::Database(db)) == before);

  auto other = run({SCIO_INDEX_BIN, "--db", db, "--shards", "2", SCIO_CORPUS});
  CHECK(other.exit_code == 3);
  CHECK(other.err ==
        "scio-index: error: database " + db + " has 3 shards, not 2: the number of shards is fixed when it is made\n");

  // A one-database folder cannot become sharded in place.
  const std::string plain = (tmp / "plain").string();
  REQUIRE(index({"--db", plain, SCIO_CORPUS}).exit_code == 0);
  auto reshard = run({SCIO_INDEX_BIN, "--db", plain, "--shards", "2", SCIO_CORPUS});
  CHECK(reshard.exit_code == 3);
  CHECK(reshard.err.find("already exists and is not sharded") != std::string::npos);

  // A changed file in a sharded database replaces its passages in its own shard.
  const fs::path inputs = tmp / "inputs";
  fs::copy(SCIO_CORPUS, inputs, fs::copy_options::recursive);
  const std::string moved = (tmp / "moved").string();
  REQUIRE(index({"--db", moved, "--shards", "2", inputs.string()}).exit_code == 0);
  auto text = scio::test::read_file(inputs / "scio" / "content_900_2.txt");
  scio::test::write_file(inputs / "scio" / "content_900_2.txt",
                         text + "\nZebra crossing policy was discussed at length.\n");
  REQUIRE(index({"--db", moved, inputs.string()}).exit_code == 0);
  auto found = run({SCIO_SEARCH_BIN, "--db", moved, "--format", "json", "zebra"});
  CHECK(found.exit_code == 0);
  CHECK(found.out.find("\"conference\":\"content_900\"") != std::string::npos);
  auto whole = passage_data(Xapian::Database(moved));
  std::size_t in_shards = 0;
  auto moved_shards = shards::shard_paths(moved);
  REQUIRE(moved_shards);
  for (const auto& shard : *moved_shards) in_shards += Xapian::Database(shard.string()).get_doccount();
  CHECK(in_shards == whole.size());
}

TEST_CASE("shards: local shards rank the top 20 exactly as one database", "[shards]") {
  check_same_ranking({databases().sharded});
  // Each shard named with its own --db is the same database too.
  auto listed = shards::shard_paths(databases().sharded);
  REQUIRE(listed);
  check_same_ranking({(*listed)[0].string(), (*listed)[1].string()});
}

TEST_CASE("shards: two xapian-tcpsrv servers rank the top 20 exactly as one database", "[shards][remote]") {
  REQUIRE(fs::exists("/usr/bin/xapian-tcpsrv"));
  auto listed = shards::shard_paths(databases().sharded);
  REQUIRE(listed);
  scio::test::XapianServer first((*listed)[0]);
  scio::test::XapianServer second((*listed)[1]);
  wait_for(first.spec());
  wait_for(second.spec());
  // A stub file of remote lines, as the README shows, and the same as two --db options.
  TempDir tmp;
  const auto stub = tmp / "remote.stub";
  scio::test::write_file(stub, "remote 127.0.0.1:" + first.port() + "\nremote 127.0.0.1:" + second.port() + "\n");
  check_same_ranking({stub.string()});
  check_same_ranking({first.spec(), second.spec()});

  // What the remote backend lacks degrades with a note, never an error.
  auto misspelt = run({SCIO_SEARCH_BIN, "--db", stub.string(), "chinna"});
  CHECK(misspelt.exit_code == 1);
  CHECK(misspelt.out.find("Note: a remote database offers no spelling suggestions.") != std::string::npos);
  auto local = run({SCIO_SEARCH_BIN, "--db", databases().sharded, "chinna"});
  CHECK(local.out.find("Did you mean: china") != std::string::npos);
}

TEST_CASE("shards: compact merges the shards into one database that ranks alike and takes new pages", "[shards]") {
  TempDir tmp;
  const std::string compacted = (tmp / "compact").string();
  auto r = run({SCIO_INDEX_BIN, "compact", "--db", databases().sharded, compacted});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(shards::is_sharded(compacted));
  CHECK(passage_data(Xapian::Database(compacted)) == passage_data(Xapian::Database(databases().single)));
  check_same_ranking({compacted});

  // Its catalog came along: indexing the same folder again changes nothing.
  auto again = run({SCIO_INDEX_BIN, "--db", compacted, SCIO_CORPUS});
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("0 passages written") != std::string::npos);

  SECTION("--read-only leaves the termlists out: smaller, searched alike, and refused to scio-index") {
    const std::string lean = (tmp / "lean").string();
    auto made = run({SCIO_INDEX_BIN, "compact", "--read-only", "--db", databases().sharded, lean});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    CHECK(fs::exists(fs::path(compacted) / "termlist.glass"));
    CHECK_FALSE(fs::exists(fs::path(lean) / "termlist.glass"));
    auto size = [](const std::string& dir) {
      std::uintmax_t total = 0;
      for (const auto& e : fs::directory_iterator(dir)) total += fs::file_size(e.path());
      return total;
    };
    CHECK(size(lean) < size(compacted));
    // Written in 32 KiB blocks (Xapian's default is 8 KiB), as Xapian's own checker reads each table.
    REQUIRE(fs::exists("/usr/bin/xapian-check"));
    auto checked = run({"/usr/bin/xapian-check", lean});
    INFO(checked.out << checked.err);
    CHECK(checked.exit_code == 0);
    std::size_t tables = 0;
    for (std::size_t at = checked.out.find("blocksize="); at != std::string::npos;
         at = checked.out.find("blocksize=", at + 1), ++tables)
      CHECK(checked.out.compare(at, 14, "blocksize=32K ") == 0);
    CHECK(tables >= 2);  // postlist and position at least (no termlist; no data: records are values)
    CHECK(passage_data(Xapian::Database(lean)) == passage_data(Xapian::Database(databases().single)));
    check_same_ranking({lean});
    for (std::vector<std::string> command :
         {std::vector<std::string>{"speakers", "china"}, {"conferences", "trade"}, {"china", "--format", "json"}}) {
      std::vector<std::string> argv{SCIO_SEARCH_BIN, "--db", lean};
      argv.insert(argv.end(), command.begin(), command.end());
      auto searched = run(argv);
      INFO(command.front() << ": " << searched.err);
      CHECK(searched.exit_code == 0);
      CHECK(searched.err.empty());
    }

    const auto before = Xapian::Database(lean).get_doccount();
    auto refused = run({SCIO_INDEX_BIN, "--db", lean, SCIO_CORPUS});
    CHECK(refused.exit_code == 3);
    CHECK(refused.err == "scio-index: error: database " + lean +
                             " is a read-only copy (scio-index compact --read-only, without termlists): index into "
                             "the database it was made from, then compact again\n");
    CHECK(Xapian::Database(lean).get_doccount() == before);
  }

  auto exists = run({SCIO_INDEX_BIN, "compact", "--db", databases().sharded, compacted});
  CHECK(exists.exit_code == 3);
  CHECK(exists.err ==
        "scio-index: error: compact: " + compacted + " already exists and is not empty: give a new folder\n");
  auto missing = run({SCIO_INDEX_BIN, "compact", "--db", (tmp / "none").string(), (tmp / "out").string()});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("no database at") != std::string::npos);
}

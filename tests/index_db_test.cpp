// scio-index into a real Xapian database, checked through the Xapian API: contents, re-runs,
// changed and late pages, duplicates, prune, bad inputs, spelling data, dry runs.
#include "core/canonical_xml.h"
#include "core/compress.h"
#include "core/document.h"
#include "core/schema.h"
#include "core/text.h"
#include "indexer/index_writer.h"
#include "indexer/passage.h"
#include "indexer/reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <zstd.h>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <xapian.h>

using scio::test::data_path;
using scio::test::run;
using scio::test::TempDir;
namespace fs = std::filesystem;
namespace schema = scio::core::schema;

namespace {

scio::test::RunResult index(const fs::path& db, std::vector<std::string> args) {
  std::vector<std::string> argv{SCIO_INDEX_BIN, "--db", db.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

// Copies fixtures from tests/data/index into dir (names relative to that folder).
void copy_fixtures(const fs::path& dir, const std::vector<std::string>& names) {
  fs::create_directories(dir);
  for (const auto& name : names)
    fs::copy_file(data_path("index/" + name), dir / name, fs::copy_options::overwrite_existing);
}

std::set<std::string> all_terms(const Xapian::Database& db, const std::string& prefix) {
  std::set<std::string> out;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
    out.insert((*it).substr(prefix.size()));
  return out;
}

std::set<std::string> passage_ids(const fs::path& path) {
  return all_terms(Xapian::Database(path.string()), std::string(schema::k_prefix_passage_id));
}

// Every passage's data, by id: what the searcher prints.
std::map<std::string, std::string> passage_data(const fs::path& path) {
  Xapian::Database db(path.string());
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    auto data = scio::core::passage_record_json(db.get_document(*it));
    out.emplace(nlohmann::json::parse(data)["passage"].get<std::string>(), data);
  }
  return out;
}

std::map<std::string, std::string> metadata(const fs::path& path, const std::string& prefix) {
  Xapian::Database db(path.string());
  std::map<std::string, std::string> out;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
    out.emplace(*it, db.get_metadata(*it));
  return out;
}

std::map<std::string, Xapian::doccount> spellings(const fs::path& path) {
  Xapian::Database db(path.string());
  std::map<std::string, Xapian::doccount> out;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) out.emplace(*it, it.get_termfreq());
  return out;
}

scio::core::Conference stored_conference(const fs::path& path, const std::string& id) {
  Xapian::Database db(path.string());
  auto parsed =
      scio::core::unpack_conference(db.get_metadata(std::string(schema::k_meta_conference_prefix) + id), 1u << 30);
  REQUIRE(parsed.ok());
  return *parsed;
}

Xapian::Document document_of(const Xapian::Database& db, const std::string& passage) {
  const std::string term = std::string(schema::k_prefix_passage_id) + passage;
  REQUIRE(db.get_termfreq(term) == 1);
  return db.get_document(*db.postlist_begin(term));
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

const std::vector<std::string> k_fixtures{"000_9544d068414588cc.txt", "content_100.txt", "content_100_2.txt",
                                          "content_100_3.txt", "wh_briefing.txt"};

}  // namespace

TEST_CASE("index: the fixtures' passages, terms, values, data and stored XML", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", k_fixtures);
  auto r = index(tmp / "db", {(tmp / "in").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err ==
        "scio-index: 5 files: 5 added, 0 updated, 0 unchanged, 0 pruned, 0 failed; 3 conferences, "
        "25 passages written\n");

  // What the readers make of the same files, in this process: the database must hold exactly it.
  auto read = scio::indexer::read_inputs({tmp / "in"});
  REQUIRE(read.errors.empty());
  REQUIRE(read.conferences.size() == 3);
  std::set<std::string> expected_ids;
  for (const auto& c : read.conferences)
    for (const auto& p : scio::indexer::make_passages(c)) expected_ids.insert(p.id);

  Xapian::Database db((tmp / "db").string());
  CHECK(db.get_doccount() == 25);
  CHECK(passage_ids(tmp / "db") == expected_ids);
  CHECK(all_terms(db, "XC") == std::set<std::string>{"000_9544d068414588cc", "content_100", "wh_briefing"});
  CHECK(db.get_metadata("scio:schema") == scio::core::schema::k_version);
  CHECK(scio::core::parse_iso_date(db.get_metadata("scio:last-update").substr(0, 10)).has_value());

  SECTION("the stored XML reads back as the conference inspect gives") {
    for (const auto& c : read.conferences) {
      CAPTURE(c.id);
      CHECK(stored_conference(tmp / "db", c.id) == c);
    }
  }

  SECTION("each source records the hash of its bytes and its conference") {
    auto sources = metadata(tmp / "db", "scio:src:");
    REQUIRE(sources.size() == 5);
    const auto path = fs::absolute(tmp / "in" / "content_100_2.txt").lexically_normal().string();
    auto value = sources.at("scio:src:" + scio::core::content_hash(path));
    CHECK(value == scio::core::content_hash(scio::test::read_file(path)) + "\tcontent_100\t" + path);
    CHECK(metadata(tmp / "db", "scio:page:").size() == 5);
  }

  SECTION("a known passage: the seed's first official turn, three passages long") {
    auto doc = document_of(db, "000_9544d068414588cc/2.1");
    std::set<std::string> t;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) t.insert(*it);
    for (const char* expected : {"XC000_9544d068414588cc", "XSxin guobin", "XWxin", "XWguobin", "XKofficial", "Y2024",
                                 "M202401", "Axin", "Aguobin", "friends", "Zfriend"}) {
      CAPTURE(expected);
      CHECK(t.count(expected) == 1);
    }
    // The title is indexed on the conference's first passage alone (core::TitleTerms).
    CHECK(t.count("Sindustry") == 0);
    std::set<std::string> titled;  // one passage per conference whose title says "industry"
    for (auto it = db.postlist_begin("Sindustry"); it != db.postlist_end("Sindustry"); ++it)
      CHECK(titled.insert(db.get_document(*it).get_value(schema::k_slot_conference)).second);
    CHECK(titled.count("000_9544d068414588cc") == 1);
    const auto first = document_of(db, "000_9544d068414588cc/1.1");
    CHECK(std::count_if(first.termlist_begin(), first.termlist_end(),
                        [](const std::string& term) { return term == "Sindustry"; }) == 1);
    CHECK(doc.get_value(schema::k_slot_held) == "20240119");
    CHECK(doc.get_value(schema::k_slot_published) == "20240201");
    CHECK(doc.get_value(schema::k_slot_conference) == "000_9544d068414588cc");
    CHECK(Xapian::sortable_unserialise(doc.get_value(schema::k_slot_order)) == 2001.0);
    auto data = nlohmann::json::parse(scio::core::passage_record_json(doc));
    CHECK(data["speaker"] == "Xin Guobin");
    CHECK(data["role"] == "vice minister of industry and information technology");
    CHECK(data["kind"] == "official");
    CHECK(data["held"] == "2024-01-19");
    CHECK(data["page"] == 1);
    CHECK(data["source"] == fs::absolute(tmp / "in" / "000_9544d068414588cc.txt").lexically_normal().string());
    CHECK(data["text"].get<std::string>().rfind("Ladies and gentlemen, friends from the media, good morning.", 0) == 0);
    CHECK(db.get_termfreq("Q000_9544d068414588cc/2.4") == 1);  // 9 paragraphs, 6,400 bytes
  }

  SECTION("a record reads back with zstd and the dictionary the database holds, nothing of scio's") {
    CHECK(db.get_metadata("scio:record-dictionary") == scio::core::record_dictionary());
    auto doc = document_of(db, "000_9544d068414588cc/2.1");
    CHECK(doc.get_data().empty());
    const auto stored = doc.get_value(schema::k_slot_record);
    const auto dictionary = db.get_metadata("scio:record-dictionary");
    // libzstd alone: the frame says how long the record is.
    const auto size = ZSTD_getFrameContentSize(stored.data(), stored.size());
    REQUIRE(size < (1u << 20));
    std::string json(size, '\0');
    ZSTD_DCtx* context = ZSTD_createDCtx();
    const auto got = ZSTD_decompress_usingDict(context, json.data(), json.size(), stored.data(), stored.size(),
                                               dictionary.data(), dictionary.size());
    REQUIRE_FALSE(ZSTD_isError(got));
    CHECK(got == json.size());
    CHECK(nlohmann::json::parse(json)["speaker"] == "Xin Guobin");
    // Without the dictionary the record does not read: the dictionary is part of the stored form.
    std::string without(size, '\0');
    CHECK(ZSTD_isError(ZSTD_decompressDCtx(context, without.data(), without.size(), stored.data(), stored.size())));
    ZSTD_freeDCtx(context);
    // The dictionary pays: the record is smaller than zstd makes it on its own.
    CHECK(stored.size() < scio::core::DictionaryCodec("").compress(json).size());
  }

  SECTION("phrases work: positions are kept") {
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_database(db);
    Xapian::Enquire enquire(db);
    enquire.set_query(qp.parse_query("\"lighthouse factories\""));
    auto mset = enquire.get_mset(0, 10);
    REQUIRE(mset.size() == 1);
    CHECK(nlohmann::json::parse(scio::core::passage_record_json(mset.begin().get_document()))["passage"] ==
          "000_9544d068414588cc/2.5");
  }

  SECTION("spelling data is kept for the text's words") {
    CHECK(db.get_spelling_suggestion("electronicss") == "electronics");
    auto words = spellings(tmp / "db");
    CHECK(words.count("semiconductor") == 1);
    CHECK(words.count("2024") == 0);
  }
}

TEST_CASE("index: re-running over the same input changes nothing", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", k_fixtures);
  REQUIRE(index(tmp / "db", {(tmp / "in").string()}).exit_code == 0);
  Xapian::rev revision;
  Xapian::doccount count;
  Xapian::docid last;
  {
    Xapian::Database db((tmp / "db").string());
    revision = db.get_revision();
    count = db.get_doccount();
    last = db.get_lastdocid();
  }
  for (int i = 0; i < 2; ++i) {
    auto r = index(tmp / "db", {(tmp / "in").string()});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err ==
          "scio-index: 5 files: 0 added, 0 updated, 5 unchanged, 0 pruned, 0 failed; 0 conferences, "
          "0 passages written\n");
    Xapian::Database db((tmp / "db").string());
    CHECK(db.get_revision() == revision);  // not even a commit
    CHECK(db.get_doccount() == count);
    CHECK(db.get_lastdocid() == last);
  }
}

TEST_CASE("index: a changed file replaces its passages", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", k_fixtures);
  REQUIRE(index(tmp / "db", {(tmp / "in").string()}).exit_code == 0);
  const auto before = passage_data(tmp / "db");
  const auto ids_before = passage_ids(tmp / "db");

  // The White House briefing gets an answer rewritten and one exchange fewer.
  auto text = scio::test::read_file(tmp / "in" / "wh_briefing.txt");
  auto cut = text.find("Q:\n\nAnd on trade");
  REQUIRE(cut != std::string::npos);
  text = text.substr(0, cut);
  auto pos = text.find("freedom of navigation");
  text.replace(pos, std::string("freedom of navigation").size(), "open sea lanes");
  scio::test::write_file(tmp / "in" / "wh_briefing.txt", text);

  auto r = index(tmp / "db", {(tmp / "in").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err ==
        "scio-index: 5 files: 0 added, 1 updated, 4 unchanged, 0 pruned, 0 failed; 1 conferences, "
        "3 passages written\n");
  auto after = passage_data(tmp / "db");
  auto ids = passage_ids(tmp / "db");
  CHECK(ids.size() == ids_before.size() - 2);
  CHECK(ids.count("wh_briefing/3.1") == 1);
  CHECK(ids.count("wh_briefing/4.1") == 0);
  CHECK(ids.count("wh_briefing/5.1") == 0);
  CHECK(nlohmann::json::parse(after.at("wh_briefing/3.1"))["text"] ==
        "He will discuss regional security with each of his hosts, including open sea lanes.");
  Xapian::Database db((tmp / "db").string());
  CHECK(db.get_termfreq("navigation") == 0);
  CHECK(db.get_termfreq("lanes") == 1);
  // The other conferences were not touched.
  for (const auto& [id, data] : before)
    if (id.rfind("wh_briefing/", 0) != 0) CHECK(after.at(id) == data);
  // The spelling data is what a clean index of the new files has: nothing stale.
  REQUIRE(index(tmp / "clean", {(tmp / "in").string()}).exit_code == 0);
  CHECK(spellings(tmp / "db") == spellings(tmp / "clean"));
  CHECK(after == passage_data(tmp / "clean"));
}

TEST_CASE("index: page 2 arriving in a later run is merged, in page order, renumbered", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", {"content_100.txt", "content_100_3.txt"});
  REQUIRE(index(tmp / "db", {(tmp / "in").string()}).exit_code == 0);
  {
    auto ids = passage_ids(tmp / "db");
    // Without page 2: turns 1-2 of page 1, then page 3's three turns.
    CHECK(ids == std::set<std::string>{"content_100/1.1", "content_100/2.1", "content_100/2.2", "content_100/2.3",
                                       "content_100/3.1", "content_100/4.1", "content_100/5.1"});
  }
  copy_fixtures(tmp / "in", {"content_100_2.txt"});
  auto r = index(tmp / "db", {(tmp / "in").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err ==
        "scio-index: 3 files: 1 added, 0 updated, 2 unchanged, 0 pruned, 0 failed; 1 conferences, "
        "10 passages written\n");
  auto c = stored_conference(tmp / "db", "content_100");
  REQUIRE(c.pages.size() == 3);
  CHECK(c.pages[0].number == 1);
  CHECK(c.pages[1].number == 2);
  CHECK(c.pages[2].number == 3);
  CHECK(c.pages[1].turns.front().continued);
  // Page 2's opening text joined Wang Hong's turn, and Bloomberg's question moved from turn 3 to 6.
  auto data = passage_data(tmp / "db");
  auto joined = nlohmann::json::parse(data.at("content_100/2.3"));
  CHECK(joined["text"].get<std::string>().find("That concludes my introduction.") != std::string::npos);
  CHECK(joined["speaker"] == "Wang Hong");
  CHECK(nlohmann::json::parse(data.at("content_100/6.1"))["speaker"] == "Bloomberg reporter");
  CHECK(nlohmann::json::parse(data.at("content_100/6.1"))["page"] == 3);
  // Exactly what indexing all three pages at once gives.
  REQUIRE(index(tmp / "clean", {(tmp / "in").string()}).exit_code == 0);
  CHECK(data == passage_data(tmp / "clean"));
  CHECK(stored_conference(tmp / "clean", "content_100") == c);
  CHECK(spellings(tmp / "db") == spellings(tmp / "clean"));
}

TEST_CASE("index: pages of one conference in different batches merge the same", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", k_fixtures);
  REQUIRE(index(tmp / "one", {"--batch-size", "1000", (tmp / "in").string()}).exit_code == 0);
  REQUIRE(index(tmp / "many", {"--batch-size", "1", "--jobs", "3", (tmp / "in").string()}).exit_code == 0);
  CHECK(passage_data(tmp / "one") == passage_data(tmp / "many"));
  CHECK(metadata(tmp / "one", "scio:conf:") == metadata(tmp / "many", "scio:conf:"));
  CHECK(spellings(tmp / "one") == spellings(tmp / "many"));
}

TEST_CASE("index: the same page saved twice is one page, whichever run sees the copy", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", {"content_100.txt", "content_100_2.txt"});
  fs::copy_file(data_path("index/content_100_2.txt"), tmp / "in" / "content_100_2 (1).txt");
  fs::create_directories(tmp / "in" / "m");
  fs::copy_file(data_path("index/content_100.txt"), tmp / "in" / "m" / "content_100.txt");

  auto r = index(tmp / "all", {(tmp / "in").string()});
  REQUIRE(r.exit_code == 0);
  auto c = stored_conference(tmp / "all", "content_100");
  REQUIRE(c.pages.size() == 2);
  // The better copy is kept: the desktop page over the mobile one, then path order.
  CHECK(c.pages[0].source == fs::absolute(tmp / "in" / "content_100.txt").lexically_normal().string());
  CHECK(c.pages[1].source == fs::absolute(tmp / "in" / "content_100_2 (1).txt").lexically_normal().string());

  // The copies first, the originals in a later run: the same result.
  TempDir later;
  fs::create_directories(later / "in" / "m");
  fs::copy_file(data_path("index/content_100.txt"), later / "in" / "m" / "content_100.txt");
  fs::copy_file(data_path("index/content_100_2.txt"), later / "in" / "content_100_2.txt");
  REQUIRE(index(later / "db", {(later / "in").string()}).exit_code == 0);
  fs::copy_file(data_path("index/content_100.txt"), later / "in" / "content_100.txt");
  fs::copy_file(data_path("index/content_100_2.txt"), later / "in" / "content_100_2 (1).txt");
  REQUIRE(index(later / "db", {(later / "in").string()}).exit_code == 0);
  auto d = stored_conference(later / "db", "content_100");
  REQUIRE(d.pages.size() == 2);
  CHECK(d.pages[0].source == fs::absolute(later / "in" / "content_100.txt").lexically_normal().string());
  CHECK(d.pages[1].source == fs::absolute(later / "in" / "content_100_2 (1).txt").lexically_normal().string());
  CHECK(passage_ids(later / "db") == passage_ids(tmp / "all"));
  CHECK(Xapian::Database((later / "db").string()).get_doccount() ==
        Xapian::Database((tmp / "all").string()).get_doccount());
}

TEST_CASE("index: --prune removes what came from files gone from the folders", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", k_fixtures);
  copy_fixtures(tmp / "elsewhere", {"wh_briefing.txt"});
  fs::rename(tmp / "elsewhere" / "wh_briefing.txt", tmp / "elsewhere" / "wh_other.txt");
  REQUIRE(index(tmp / "db", {(tmp / "in").string(), (tmp / "elsewhere").string()}).exit_code == 0);
  const auto sources_before = metadata(tmp / "db", "scio:src:").size();

  SECTION("a conference with no file left goes, the others stay") {
    fs::remove(tmp / "in" / "000_9544d068414588cc.txt");
    auto r = index(tmp / "db", {"--prune", (tmp / "in").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err ==
          "scio-index: 4 files: 0 added, 0 updated, 4 unchanged, 1 pruned, 0 failed; 0 conferences, "
          "0 passages written, 1 conferences removed\n");
    Xapian::Database db((tmp / "db").string());
    CHECK(db.get_termfreq("XC000_9544d068414588cc") == 0);
    CHECK(db.get_metadata("scio:conf:000_9544d068414588cc").empty());
    CHECK(metadata(tmp / "db", "scio:src:").size() == sources_before - 1);
    CHECK(db.get_termfreq("XCcontent_100") > 0);
    CHECK(db.get_termfreq("XCwh_other") > 0);  // not under the folder given
    // The pruned conference's words left the spelling data too.
    CHECK(spellings(tmp / "db").count("lighthouse") == 0);
  }

  SECTION("without --prune nothing is removed") {
    fs::remove(tmp / "in" / "000_9544d068414588cc.txt");
    REQUIRE(index(tmp / "db", {(tmp / "in").string()}).exit_code == 0);
    CHECK(Xapian::Database((tmp / "db").string()).get_termfreq("XC000_9544d068414588cc") > 0);
  }

  SECTION("a conference with some pages gone loses those pages") {
    fs::remove(tmp / "in" / "content_100_3.txt");
    auto r = index(tmp / "db", {"--prune", (tmp / "in").string()});
    REQUIRE(r.exit_code == 0);
    auto c = stored_conference(tmp / "db", "content_100");
    REQUIRE(c.pages.size() == 2);
    CHECK(c.pages.back().number == 2);
    // The same as indexing what is left from scratch.
    REQUIRE(index(tmp / "clean", {(tmp / "in").string(), (tmp / "elsewhere").string()}).exit_code == 0);
    CHECK(passage_data(tmp / "db") == passage_data(tmp / "clean"));
    CHECK(spellings(tmp / "db") == spellings(tmp / "clean"));
  }

  SECTION("a page whose copy survives comes back from the copy") {
    // The copy ranks after the original (a subfolder sorts after the file), so it was set aside.
    fs::create_directories(tmp / "in" / "zz");
    fs::copy_file(tmp / "in" / "content_100_3.txt", tmp / "in" / "zz" / "content_100_3.txt");
    REQUIRE(index(tmp / "db", {(tmp / "in").string()}).exit_code == 0);
    CHECK(stored_conference(tmp / "db", "content_100").pages[2].source ==
          fs::absolute(tmp / "in" / "content_100_3.txt").lexically_normal().string());
    fs::remove(tmp / "in" / "content_100_3.txt");
    auto r = index(tmp / "db", {"--prune", (tmp / "in").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto c = stored_conference(tmp / "db", "content_100");
    REQUIRE(c.pages.size() == 3);
    CHECK(c.pages[2].source == fs::absolute(tmp / "in" / "zz" / "content_100_3.txt").lexically_normal().string());
    REQUIRE(index(tmp / "clean", {(tmp / "in").string(), (tmp / "elsewhere").string()}).exit_code == 0);
    CHECK(passage_data(tmp / "db") == passage_data(tmp / "clean"));
  }

  SECTION("a folder removed entirely: its path fails, what came from it is pruned") {
    fs::remove_all(tmp / "elsewhere");
    auto r = index(tmp / "db", {"--prune", (tmp / "elsewhere").string()});
    CHECK(r.exit_code == 1);
    CHECK(lines(r.err).front() == "scio-index: error: " + (tmp / "elsewhere").string() + ": no such file or folder");
    CHECK(metadata(tmp / "db", "scio:src:").size() == sources_before - 1);
    // wh_other.txt was the same page as in/wh_briefing.txt, which still holds it: the conference
    // stays, under the id it had, now read from the copy that is left.
    Xapian::Database db((tmp / "db").string());
    CHECK(db.get_termfreq("XCwh_other") > 0);
    CHECK(db.get_termfreq("XCwh_briefing") == 0);
    CHECK(stored_conference(tmp / "db", "wh_other").pages[0].source ==
          fs::absolute(tmp / "in" / "wh_briefing.txt").lexically_normal().string());
  }
}

TEST_CASE("index: a bad file among good ones is named, the good ones are indexed, exit 1", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", k_fixtures);
  scio::test::write_file(tmp / "in" / "empty.txt", "");
  scio::test::write_file(tmp / "in" / "junk.htm", std::string("\x00\x01\x02\xff binary", 11));
  auto r = index(tmp / "db", {(tmp / "in").string()});
  CHECK(r.exit_code == 1);
  auto err = lines(r.err);
  REQUIRE(err.size() == 3);
  CHECK(err[0] == "scio-index: error: " + (tmp / "in" / "empty.txt").string() + ": empty file");
  CHECK(err[1].rfind("scio-index: error: " + (tmp / "in" / "junk.htm").string() + ": ", 0) == 0);
  CHECK(err[2] ==
        "scio-index: 7 files: 5 added, 0 updated, 0 unchanged, 0 pruned, 2 failed; 3 conferences, "
        "25 passages written");
  CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 25);

  SECTION("a failed file is remembered: not read or named again until it changes or --retry-failed") {
    auto again = index(tmp / "db", {(tmp / "in").string()});
    CHECK(again.exit_code == 0);
    CHECK(lines(again.err) ==
          std::vector<std::string>{"scio-index: 7 files: 0 added, 0 updated, 5 unchanged, 0 pruned, 0 failed, 2 failed "
                                   "earlier; 0 conferences, 0 passages written"});
    auto stats = run({SCIO_INDEX_BIN, "stats", "--db", (tmp / "db").string()});
    REQUIRE(stats.exit_code == 0);
    CHECK(stats.out.find("failed:       2 files, not read again until they change (--retry-failed reads them)\n  " +
                         (tmp / "in" / "empty.txt").string() + ": empty file\n  " + (tmp / "in" / "junk.htm").string() +
                         ": ") != std::string::npos);

    auto retried = index(tmp / "db", {"--retry-failed", (tmp / "in").string()});
    CHECK(retried.exit_code == 1);
    CHECK(lines(retried.err).size() == 3);

    // A changed file is always read again: still bad, then good.
    scio::test::write_file(tmp / "in" / "empty.txt", "Not a transcript at all.\n");
    auto changed = index(tmp / "db", {(tmp / "in").string()});
    CHECK(changed.exit_code == 1);
    REQUIRE(lines(changed.err).size() == 2);
    CHECK(lines(changed.err)[0].rfind("scio-index: error: " + (tmp / "in" / "empty.txt").string() + ": ", 0) == 0);
    CHECK(lines(changed.err)[1].find("1 failed, 1 failed earlier;") != std::string::npos);
    fs::copy_file(data_path("index/wh_briefing.txt"), tmp / "in" / "empty.txt", fs::copy_options::overwrite_existing);
    auto fixed = index(tmp / "db", {(tmp / "in").string()});
    CHECK(fixed.exit_code == 0);
    CHECK(lines(fixed.err).back().find("1 updated") == std::string::npos);
    CHECK(lines(fixed.err).back().find("0 failed, 1 failed earlier;") != std::string::npos);
    stats = run({SCIO_INDEX_BIN, "stats", "--db", (tmp / "db").string()});
    CHECK(stats.out.find("failed:       1 file, not read again") != std::string::npos);
    CHECK(stats.out.find("empty.txt") == std::string::npos);

    // A failed file that is gone is forgotten with --prune.
    fs::remove(tmp / "in" / "junk.htm");
    REQUIRE(index(tmp / "db", {"--prune", (tmp / "in").string()}).exit_code == 0);
    stats = run({SCIO_INDEX_BIN, "stats", "--db", (tmp / "db").string()});
    CHECK(stats.out.find("failed:       0 files\n") != std::string::npos);
  }

  SECTION("--strict stops at the first failure and does not write its batch") {
    TempDir other;
    auto s = index(other / "db", {"--strict", (tmp / "in").string()});
    CHECK(s.exit_code == 1);
    CHECK(lines(s.err).size() == 2);
    CHECK(Xapian::Database((other / "db").string()).get_doccount() == 0);
    // With a batch per file, what came before the failure is committed.
    auto b = index(other / "db", {"--strict", "--batch-size", "1", (tmp / "in").string()});
    CHECK(b.exit_code == 1);
    CHECK(Xapian::Database((other / "db").string()).get_termfreq("XC000_9544d068414588cc") > 0);
    CHECK(Xapian::Database((other / "db").string()).get_termfreq("XCwh_briefing") == 0);
  }
}

TEST_CASE("index: --dry-run lists what would change and writes nothing", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", k_fixtures);
  auto r = index(tmp / "db", {"--dry-run", (tmp / "in").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(!fs::exists(tmp / "db"));
  CHECK(lines(r.out).size() == 5);
  CHECK(lines(r.out).front() == "add " + (tmp / "in" / "000_9544d068414588cc.txt").string());
  CHECK(r.err ==
        "scio-index: dry run: 5 files: 5 added, 0 updated, 0 unchanged, 0 pruned, 0 failed; 3 conferences, "
        "25 passages would be written\n");

  REQUIRE(index(tmp / "db", {(tmp / "in").string()}).exit_code == 0);
  const auto revision = Xapian::Database((tmp / "db").string()).get_revision();
  fs::remove(tmp / "in" / "wh_briefing.txt");
  scio::test::write_file(tmp / "in" / "content_100_3.txt",
                         scio::test::read_file(tmp / "in" / "content_100_3.txt") + "\nExtra.\n");
  auto d = index(tmp / "db", {"--dry-run", "--prune", (tmp / "in").string()});
  REQUIRE(d.exit_code == 0);
  CHECK(lines(d.out) == std::vector<std::string>{"update " + (tmp / "in" / "content_100_3.txt").string(),
                                                 "prune " + (tmp / "in" / "wh_briefing.txt").string()});
  CHECK(Xapian::Database((tmp / "db").string()).get_revision() == revision);
}

TEST_CASE("index: the database comes from --db, else $SCIO_DB, else the XDG data folder", "[index][db]") {
  TempDir tmp;
  copy_fixtures(tmp / "in", {"wh_briefing.txt"});
  auto by_env = run({SCIO_INDEX_BIN, "-q", (tmp / "in").string()}, {"SCIO_DB=" + (tmp / "env-db").string()});
  REQUIRE(by_env.exit_code == 0);
  CHECK(Xapian::Database((tmp / "env-db").string()).get_doccount() == 5);
  // env(1) replaces HOME and XDG_DATA_HOME (run() only appends to the environment).
  auto by_home = run({"/usr/bin/env", "HOME=" + (tmp / "home").string(), "XDG_DATA_HOME=", SCIO_INDEX_BIN, "-q",
                      (tmp / "in").string()});
  REQUIRE(by_home.exit_code == 0);
  CHECK(Xapian::Database((tmp / "home" / ".local" / "share" / "scio" / "db").string()).get_doccount() == 5);
  auto by_xdg = run({"/usr/bin/env", "HOME=" + (tmp / "home2").string(), "XDG_DATA_HOME=" + (tmp / "xdg").string(),
                     SCIO_INDEX_BIN, "-q", (tmp / "in").string()});
  REQUIRE(by_xdg.exit_code == 0);
  CHECK(Xapian::Database((tmp / "xdg" / "scio" / "db").string()).get_doccount() == 5);
  CHECK(!fs::exists(tmp / "home2"));
  auto stats = run({SCIO_INDEX_BIN, "stats"}, {"SCIO_DB=" + (tmp / "env-db").string()});
  REQUIRE(stats.exit_code == 0);
  CHECK(stats.out.find("passages:     5\n") != std::string::npos);
}

namespace {

std::string abs_path(const fs::path& p) { return fs::absolute(p).lexically_normal().string(); }

std::set<std::string> conference_ids_of(const fs::path& db) {
  std::set<std::string> out;
  for (const auto& [k, v] : metadata(db, std::string(schema::k_meta_conference_prefix)))
    if (!v.empty()) out.insert(k.substr(schema::k_meta_conference_prefix.size()));
  return out;
}

// The catalog's promise: every conference a source record names exists, with its passages.
void check_catalog(const fs::path& db) {
  Xapian::Database x(db.string());
  for (const auto& [k, record] : metadata(db, std::string(schema::k_meta_source_prefix))) {
    // "content hash\tconference ids\tpath"
    const auto a = record.find('\t'), b = record.find('\t', a + 1);
    REQUIRE(b != std::string::npos);
    auto ids = scio::core::split_words(record.substr(a + 1, b - a - 1));
    CHECK_FALSE(ids.empty());
    for (const auto& id : ids) {
      CAPTURE(record, id);
      CHECK_FALSE(x.get_metadata(std::string(schema::k_meta_conference_prefix) + id).empty());
      CHECK(x.get_termfreq(std::string(schema::k_prefix_conference) + id) > 0);
    }
  }
}

// Passage ids without their conference part: the same passages under whichever id.
std::set<std::string> passage_tails(const fs::path& db) {
  std::set<std::string> out;
  for (const auto& id : passage_ids(db)) out.insert(id.substr(id.find('/')));
  return out;
}

}  // namespace

TEST_CASE("index: a copy under another name never moves or loses its conference", "[index][db][copies]") {
  // The sequence on a real Foreign Ministry page: the original is indexed, a backup copy
  // under another name is indexed, the backup is deleted and pruned, the original is re-indexed.
  TempDir tmp;
  const auto original = tmp / "in" / "mfa" / "t1558711.shtml";
  const auto backup = tmp / "in" / "backup" / "t1558711-backup.shtml";
  fs::create_directories(original.parent_path());
  fs::create_directories(backup.parent_path());
  fs::copy_file(data_path("mfa/t1558711.shtml"), original);
  REQUIRE(index(tmp / "clean", {original.string()}).exit_code == 0);
  const auto clean_ids = passage_ids(tmp / "clean");
  REQUIRE(conference_ids_of(tmp / "clean") == std::set<std::string>{"t1558711"});

  SECTION("the copy later") {
    REQUIRE(index(tmp / "db", {(tmp / "in" / "mfa").string()}).exit_code == 0);
    fs::copy_file(original, backup);
    auto r = index(tmp / "db", {"--verbose", (tmp / "in" / "backup").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(lines(r.err).front() == "scio-index: duplicate: " + abs_path(backup) + ": the same page as " +
                                      abs_path(original) + " (t1558711 page 1), indexed once");
    CHECK(lines(r.err).back() ==
          "scio-index: 1 files: 0 added, 1 duplicates of indexed pages, 0 updated, 0 unchanged, 0 pruned, 0 failed; "
          "1 conferences, 27 passages written");
    // The same passage ids (old ones keep working); the better-ranked copy is named the source.
    CHECK(passage_ids(tmp / "db") == clean_ids);
    CHECK(stored_conference(tmp / "db", "t1558711").pages[0].source == abs_path(backup));
    check_catalog(tmp / "db");

    fs::remove(backup);
    r = index(tmp / "db", {"--prune", (tmp / "in" / "backup").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(conference_ids_of(tmp / "db") == std::set<std::string>{"t1558711"});
    CHECK(passage_ids(tmp / "db") == clean_ids);
    check_catalog(tmp / "db");

    r = index(tmp / "db", {(tmp / "in" / "mfa").string()});
    CHECK(r.err.find("1 unchanged") != std::string::npos);
    CHECK(passage_data(tmp / "db") == passage_data(tmp / "clean"));
  }

  SECTION("the copy first: the id it gave stays, and the original's removal keeps it") {
    fs::copy_file(original, backup);
    REQUIRE(index(tmp / "db", {(tmp / "in" / "backup").string()}).exit_code == 0);
    REQUIRE(conference_ids_of(tmp / "db") == std::set<std::string>{"t1558711-backup"});
    const auto ids = passage_ids(tmp / "db");
    CHECK(passage_tails(tmp / "db") == passage_tails(tmp / "clean"));
    // The original arrives: it joins the page held, as another source of it.
    auto r = index(tmp / "db", {(tmp / "in" / "mfa").string()});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("1 duplicates of indexed pages") != std::string::npos);
    CHECK(passage_ids(tmp / "db") == ids);
    CHECK(stored_conference(tmp / "db", "t1558711-backup").pages[0].source == abs_path(backup));
    check_catalog(tmp / "db");
    // Either copy removed and pruned: the other holds the page, under the same id.
    const bool remove_original = GENERATE(true, false);
    CAPTURE(remove_original);
    fs::remove(remove_original ? original : backup);
    r = index(tmp / "db", {"--prune", (tmp / "in").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(passage_ids(tmp / "db") == ids);
    CHECK(stored_conference(tmp / "db", "t1558711-backup").pages[0].source ==
          abs_path(remove_original ? backup : original));
    check_catalog(tmp / "db");
    r = index(tmp / "db", {(tmp / "in").string()});
    CHECK(r.err.find("1 files: 0 added, 0 updated, 1 unchanged") != std::string::npos);
    CHECK(passage_ids(tmp / "db") == ids);
  }

  SECTION("the copy in the same folder, both in one run") {
    fs::copy_file(original, original.parent_path() / "t1558711-backup.shtml");
    auto dry = index(tmp / "dry", {"--dry-run", (tmp / "in").string()});
    CHECK(dry.out == "add " + abs_path(original.parent_path() / "t1558711-backup.shtml") + "\nduplicate " +
                         abs_path(original) + "\n");
    auto r = index(tmp / "db", {"--verbose", (tmp / "in").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("2 files: 1 added, 1 duplicates of indexed pages") != std::string::npos);
    const auto ids = passage_ids(tmp / "db");
    CHECK(passage_tails(tmp / "db") == passage_tails(tmp / "clean"));
    CHECK(conference_ids_of(tmp / "db").size() == 1);
    // inspect, which reads without a database, keeps the same copy under the same id.
    auto inspected = run({SCIO_INDEX_BIN, "inspect", (tmp / "in").string()});
    REQUIRE(inspected.exit_code == 0);
    auto json = nlohmann::json::parse(inspected.out);
    REQUIRE(json.size() == 1);
    CHECK(json[0]["id"] == *conference_ids_of(tmp / "db").begin());
    CHECK(json[0]["sources"] == nlohmann::json::array({stored_conference(tmp / "db", json[0]["id"]).pages[0].source}));
    for (const auto& gone : {original.parent_path() / "t1558711-backup.shtml", original}) {
      CAPTURE(gone);
      fs::remove(gone);
      REQUIRE(index(tmp / "db", {"--prune", (tmp / "in").string()}).exit_code == 0);
      check_catalog(tmp / "db");
      if (fs::exists(original)) CHECK(passage_ids(tmp / "db") == ids);
    }
    CHECK(passage_ids(tmp / "db").empty());  // no copy left: the conference goes
  }

  SECTION("a mobile copy") {
    const auto mobile = tmp / "in" / "m" / "t1558711.shtml";
    fs::create_directories(mobile.parent_path());
    fs::copy_file(original, mobile);
    REQUIRE(index(tmp / "db", {(tmp / "in" / "m").string()}).exit_code == 0);
    REQUIRE(index(tmp / "db", {(tmp / "in" / "mfa").string()}).exit_code == 0);
    CHECK(stored_conference(tmp / "db", "t1558711").pages[0].source == abs_path(original));
    fs::remove(original);
    REQUIRE(index(tmp / "db", {"--prune", (tmp / "in" / "mfa").string()}).exit_code == 0);
    CHECK(passage_ids(tmp / "db") == clean_ids);
    CHECK(stored_conference(tmp / "db", "t1558711").pages[0].source == abs_path(mobile));
    check_catalog(tmp / "db");
  }

  SECTION("a crash left the catalog naming a conference that is gone: the file is read again") {
    // The state a run cut off between shards leaves (or the old copy handling): the source record
    // says "indexed", the conference's passages and stored XML are not there.
    REQUIRE(index(tmp / "db", {(tmp / "in" / "mfa").string()}).exit_code == 0);
    {
      Xapian::WritableDatabase db((tmp / "db").string());
      db.delete_document(std::string(schema::k_prefix_conference) + "t1558711");
      db.set_metadata(std::string(schema::k_meta_conference_prefix) + "t1558711", "");
      db.commit();
    }
    auto r = index(tmp / "db", {(tmp / "in" / "mfa").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("1 files: 0 added, 1 updated, 0 unchanged") != std::string::npos);
    CHECK(passage_data(tmp / "db") == passage_data(tmp / "clean"));
    check_catalog(tmp / "db");
  }
}

TEST_CASE("index: a folder's manifest gives the hits the URL the page does not name", "[index][db][manifest]") {
  TempDir tmp;
  fs::create_directories(tmp / "in" / "txt");
  fs::copy_file(data_path("index/wh_briefing.txt"), tmp / "in" / "txt" / "0001.txt");
  fs::copy_file(data_path("index/000_9544d068414588cc.txt"), tmp / "in" / "txt" / "0002.txt");
  const auto size = std::to_string(fs::file_size(tmp / "in" / "txt" / "0001.txt"));
  // The White House corpus's INDEX.tsv layout: paths relative to the list's folder; 0002.txt is
  // listed with another size (another file saved under that name), so its URL is not trusted.
  scio::test::write_file(tmp / "in" / "INDEX.tsv",
                         "file\tsource_url\tdate\tturns\tbytes\ttitle\n"
                         "txt/0001.txt\thttps://www.whitehouse.gov/the-press-office/2016/08/04/briefing\tAugust 04, "
                         "2016\t3\t" +
                             size +
                             "\tA briefing\n"
                             "txt/0002.txt\thttps://www.whitehouse.gov/the-press-office/2016/08/05/other\tAugust 05, "
                             "2016\t3\t1\tAnother\n");
  REQUIRE(index(tmp / "db", {(tmp / "in").string()}).exit_code == 0);
  std::map<std::string, std::string> urls;
  for (const auto& [id, data] : passage_data(tmp / "db")) {
    auto json = nlohmann::json::parse(data);
    urls[json["conference"]] = json["url"];
  }
  // The ids still come from the file names: a manifest URL does not rename what earlier runs named.
  CHECK(urls == std::map<std::string, std::string>{
                    {"txt-0001", "https://www.whitehouse.gov/the-press-office/2016/08/04/briefing"}, {"txt-0002", ""}});
}

TEST_CASE("index: inspect and indexing assemble the same pages into the same conferences", "[index][db][assembly]") {
  // Both take the pages through one assembly (indexer/assembler.h): the same copies kept, under the
  // same ids, in the same order, with the same speakers.
  TempDir tmp;
  copy_fixtures(tmp / "in", {"content_100.txt", "content_100_2.txt", "content_100_3.txt", "wh_briefing.txt"});
  // A mobile copy, and a second download of page 2 that is a page of its own (it changed since):
  // it loses page 2 to the first download, which ranks before it ("content_100_2 (1)" < "content_100_2").
  fs::create_directories(tmp / "in" / "m");
  fs::copy_file(data_path("index/content_100.txt"), tmp / "in" / "m" / "content_100.txt");
  fs::rename(tmp / "in" / "content_100_2.txt", tmp / "in" / "content_100_2 (1).txt");
  scio::test::write_file(tmp / "in" / "content_100_2.txt",
                         scio::test::read_file(tmp / "in" / "content_100_2 (1).txt") + "\nA later line.\n");
  // A copy of that losing page under another name (page 2 of zz_saved): no page holds its text, so
  // it is a conference of its own (inspect used to drop it as a copy of a page it had not kept).
  fs::copy_file(tmp / "in" / "content_100_2.txt", tmp / "in" / "zz_saved_2.txt");
  // A copy of the briefing under a name that ranks before it: that name gives the id.
  fs::copy_file(data_path("index/wh_briefing.txt"), tmp / "in" / "a_briefing.txt");

  const fs::path in = abs_path(tmp / "in");
  auto r = index(tmp / "db", {in.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto inspected = scio::indexer::read_inputs({in});
  REQUIRE(inspected.errors.empty());
  std::set<std::string> ids;
  std::vector<scio::core::Conference> stored;
  for (const auto& c : inspected.conferences) {
    ids.insert(c.id);
    stored.push_back(stored_conference(tmp / "db", c.id));
  }
  CHECK(ids == std::set<std::string>{"a_briefing", "content_100", "zz_saved"});
  CHECK(conference_ids_of(tmp / "db") == ids);
  CHECK(scio::core::to_canonical_xml(stored) == scio::core::to_canonical_xml(inspected.conferences));
}

TEST_CASE("index: a conference that cannot be indexed is skipped, naming its file; the run goes on, exit 1",
          "[index][db]") {
  // Xapian takes terms of at most 245 bytes: a speaker label this long cannot be a term. Before,
  // the whole run stopped there with exit 3, as if the database were unusable.
  TempDir tmp;
  copy_fixtures(tmp / "in", k_fixtures);
  std::string label = "Spokesperson";
  for (int i = 0; i < 25; ++i) label += " Verylongname";
  scio::test::write_file(tmp / "in" / "long_label.xml",
                         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<conferences xmlns=\"urn:scio:canonical:1\">\n"
                         "  <conference version=\"1\" id=\"long_label\">\n"
                         "    <title>A briefing with a label too long to index</title>\n"
                         "    <held>2024-02-27</held>\n"
                         "    <page number=\"1\" source=\"long_label.xml\">\n"
                         "      <turn speaker=\"" +
                             label +
                             "\" key=\"x\" kind=\"official\"><p>Good morning.</p></turn>\n"
                             "    </page>\n"
                             "  </conference>\n"
                             "</conferences>\n");
  auto r = index(tmp / "db", {"--batch-size", "1000", (tmp / "in").string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto err = lines(r.err);
  REQUIRE(err.size() == 2);
  CHECK(
      err[0].rfind("scio-index: error: " + abs_path(tmp / "in" / "long_label.xml") +
                       ": conference long_label cannot be indexed: a term of 339 bytes, more than Xapian takes (245): "
                       "XSspokesperson verylongname",
                   0) == 0);
  CHECK(err[1] ==
        "scio-index: 6 files: 5 added, 0 updated, 0 unchanged, 0 pruned, 1 failed; 3 conferences, 25 passages written");
  CHECK(Xapian::Database((tmp / "db").string()).get_doccount() == 25);
  CHECK(conference_ids_of(tmp / "db") == std::set<std::string>{"000_9544d068414588cc", "content_100", "wh_briefing"});
  check_catalog(tmp / "db");
  // Remembered like any failed file.
  auto again = index(tmp / "db", {(tmp / "in").string()});
  CHECK(again.exit_code == 0);
  CHECK(lines(again.err).back().find("0 failed, 1 failed earlier;") != std::string::npos);

  // --strict stops there too: found while its batch is written, the batch's others are kept.
  auto strict = index(tmp / "strict", {"--strict", "--batch-size", "1000", (tmp / "in").string()});
  INFO(strict.err);
  CHECK(strict.exit_code == 1);
  auto strict_err = lines(strict.err);
  REQUIRE(strict_err.size() == 2);
  CHECK(strict_err[0].find(": conference long_label cannot be indexed: ") != std::string::npos);
  CHECK(strict_err[1] ==
        "scio-index: --strict: stopped at the first failure; the other conferences of its batch were written");
  CHECK(conference_ids_of(tmp / "strict") ==
        std::set<std::string>{"000_9544d068414588cc", "content_100", "wh_briefing"});
}

TEST_CASE("index: Xapian flushes every k_flush_threshold passages unless the user says otherwise", "[index]") {
  const char* before = std::getenv("XAPIAN_FLUSH_THRESHOLD");
  const std::optional<std::string> saved = before ? std::optional<std::string>(before) : std::nullopt;
  auto current = [] {
    const char* v = std::getenv("XAPIAN_FLUSH_THRESHOLD");
    return v ? std::string(v) : std::string("(unset)");
  };

  ::unsetenv("XAPIAN_FLUSH_THRESHOLD");
  scio::indexer::use_flush_threshold();
  CHECK(current() == scio::indexer::k_flush_threshold);
  CHECK(std::string(scio::indexer::k_flush_threshold) != "10000");  // not Xapian's default

  // Xapian takes an empty value as its default: scio's applies.
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "", 1);
  scio::indexer::use_flush_threshold();
  CHECK(current() == scio::indexer::k_flush_threshold);

  ::setenv("XAPIAN_FLUSH_THRESHOLD", "5000", 1);
  scio::indexer::use_flush_threshold();
  CHECK(current() == "5000");

  if (saved) ::setenv("XAPIAN_FLUSH_THRESHOLD", saved->c_str(), 1);
  else ::unsetenv("XAPIAN_FLUSH_THRESHOLD");
}

// The searcher library over a database this file builds with the Xapian API, exactly as
// core/schema.h lays passages out: queries, filters, ranking, dates, speakers, context, output.
#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"
#include "searcher/database.h"
#include "core/date.h"
#include "searcher/date_range.h"
#include "searcher/name_filter.h"
#include "searcher/output.h"
#include "searcher/query_builder.h"
#include "searcher/searcher.h"
#include "searcher/snippet.h"
#include "searcher/text_layout.h"
#include "test_support.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace scio::searcher;
namespace schema = scio::core::schema;
using scio::test::TempDir;

namespace {

struct Row {
  std::string conference;
  std::string title;
  std::string held;  // ISO or ""
  std::string published;
  int turn;
  int part;
  std::string speaker;
  std::string kind;
  std::string outlet;
  std::string role;
  std::string text;
};

// Six conferences; the rows are deliberately not in transcript order, so that only the order slot
// can put them back in it.
const std::vector<Row> k_rows = {
    {"c-2023a", "Press conference on foreign trade", "2023-01-01", "2023-01-03", 3, 2, "Wang Shouwen", "official", "",
     "vice minister of commerce", "Tariffs on steel remain unchanged this year."},
    {"c-2021", "Press conference on green shipping", "2021-03-02", "2021-03-05", 1, 1, "Shou Xiaoli", "moderator", "",
     "spokesperson of the SCIO", "Welcome to the press conference on green shipping."},
    {"c-2021", "Press conference on green shipping", "2021-03-02", "2021-03-05", 2, 1, "Li Wei", "official", "",
     "vice minister of transport",
     "Shore power will reach every container terminal. Shore power lets ships at berth switch off their diesel "
     "generators."},
    {"c-2021", "Press conference on green shipping", "2021-03-02", "2021-03-05", 3, 1, "CCTV", "reporter", "CCTV", "",
     "When will ports cut their emissions, and will power prices rise?"},
    {"c-2021", "Press conference on green shipping", "2021-03-02", "2021-03-05", 4, 1, "Li Wei", "official", "",
     "vice minister of transport", "Ports cut their emissions by twelve percent last year."},
    {"c-2023a", "Press conference on foreign trade", "2023-01-01", "2023-01-03", 1, 1, "Wang Shouwen", "official", "",
     "vice minister of commerce", "We oppose unilateral tariffs. Tariffs raise prices for consumers."},
    {"c-2023a", "Press conference on foreign trade", "2023-01-01", "2023-01-03", 2, 1, "Reuters", "reporter", "Reuters",
     "", "Will tariffs on steel rise, now that the steel market is weak and several mills have closed?"},
    {"c-2023a", "Press conference on foreign trade", "2023-01-01", "2023-01-03", 3, 1, "Wang Shouwen", "official", "",
     "vice minister of commerce", "Steel exports fell."},
    {"c-2023a", "Press conference on foreign trade", "2023-01-01", "2023-01-03", 4, 1, "Phoenix TV", "reporter",
     "Phoenix TV", "", "What about small exporters?"},
    {"c-2023b", "Press conference on customs", "2023-12-31", "2024-01-02", 1, 1, "Lyu Daliang", "official", "",
     "spokesperson of the General Administration of Customs", "Port clearance times fell by a third & more <fast>."},
    {"c-2023b", "Press conference on customs", "2023-12-31", "2024-01-02", 2, 1, "China Daily", "reporter",
     "China Daily", "", "Will the tariff commission change tariffs on farm products?"},
    {"c-2022", "Press conference on grain", "2022-12-31", "2023-01-04", 1, 1, "Deng Xiaogang", "official", "",
     "vice minister of agriculture", "Grain output reached a record despite the drought."},
    {"c-2024", "Press conference on industry", "2024-01-19", "2024-02-01", 1, 1, "Xin Guobin", "official", "",
     "vice minister of industry",
     "Semiconductor supply chains stay open. We support semiconductor design, semiconductor manufacturing and "
     "semiconductor packaging."},
    {"c-2024", "Press conference on industry", "2024-01-19", "2024-02-01", 2, 1, "Bloomberg", "reporter", "Bloomberg",
     "",
     "Electric vehicle exports grew fast last year, although a shortage of semiconductor parts slowed some carmakers "
     "for several months. Do you expect exports to keep growing next year?"},
    {"c-nodate", "Press conference without a held date", "", "2020-05-05", 1, 1, "Zhao Lijian", "official", "",
     "spokesperson",
     "中国坚持走和平发展道路，反对任何形式的霸权主义和强权政治，愿同各国一道构建人类命运共同体，共同维护世界和平与稳定"
     "。"},
};

std::string compact(const std::string& iso) {
  std::string out;
  for (char c : iso)
    if (c != '-') out += c;
  return out;
}

bool spelling_word(const std::string& t) {
  return t.size() >= 2 && std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

Xapian::Document make_document(const Row& r) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(std::string(schema::k_stem_language)));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(r.text);
  generator.increase_termpos();
  generator.index_text(r.speaker, 1, std::string(schema::k_prefix_name));
  generator.increase_termpos();
  generator.index_text(r.title, 1, std::string(schema::k_prefix_title));
  const std::string id = r.conference + "/" + std::to_string(r.turn) + "." + std::to_string(r.part);
  const std::string key = scio::core::speaker_key(r.speaker);
  doc.add_boolean_term(std::string(schema::k_prefix_passage_id) + id);
  doc.add_boolean_term(std::string(schema::k_prefix_conference) + r.conference);
  doc.add_boolean_term(std::string(schema::k_prefix_speaker) + key);
  for (const auto& w : scio::core::split_words(key))
    doc.add_boolean_term(std::string(schema::k_prefix_speaker_word) + w);
  doc.add_boolean_term(std::string(schema::k_prefix_kind) + r.kind);
  if (r.kind == "reporter" && !r.outlet.empty())
    doc.add_boolean_term(std::string(schema::k_prefix_outlet) + scio::core::speaker_key(r.outlet));
  const std::string date = compact(r.held.empty() ? r.published : r.held);
  doc.add_boolean_term(std::string(schema::k_prefix_year) + date.substr(0, 4));
  doc.add_boolean_term(std::string(schema::k_prefix_month) + date.substr(0, 6));
  doc.add_boolean_term(std::string(schema::k_prefix_day) + date);
  doc.add_value(schema::k_slot_held, date);
  doc.add_value(schema::k_slot_published, compact(r.published));
  doc.add_value(schema::k_slot_conference, r.conference);
  doc.add_value(schema::k_slot_order,
                Xapian::sortable_serialise(r.turn * double(schema::k_max_parts_per_turn) + r.part));
  nlohmann::ordered_json data{{"passage", id},
                              {"conference", r.conference},
                              {"title", r.title},
                              {"held", r.held},
                              {"published", r.published},
                              {"speaker", r.speaker},
                              {"speaker_key", key},
                              {"role", r.role},
                              {"kind", r.kind},
                              {"outlet", r.outlet},
                              {"source", "/saved/" + r.conference + ".txt"},
                              {"url", ""},
                              {"page", 1},
                              {"turn", r.turn},
                              {"part", r.part},
                              {"text", r.text}};
  doc.set_data(data.dump());
  return doc;
}

void build_database(const std::filesystem::path& path, const std::vector<Row>& rows) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  for (const auto& r : rows) {
    auto doc = make_document(r);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      if (spelling_word(*t)) db.add_spelling(*t, t.get_wdf());
    db.add_document(doc);
  }
  db.set_metadata(std::string(schema::k_meta_version), std::string(schema::k_version));
  db.commit();
}

struct Fixture {
  TempDir dir;
  Searcher searcher;
  Fixture() : searcher(open_at(dir.path() / "db")) {}
  static OpenedDatabase open_at(const std::filesystem::path& path) {
    build_database(path, k_rows);
    return open_database({path.string()});
  }

  SearchResults search(const std::string& text, const Filters& filters = {}, Sort sort = Sort::relevance) {
    SearchRequest request;
    request.text = text;
    request.filters = filters;
    request.sort = sort;
    request.limit = 100;
    auto results = searcher.search(request);
    INFO(text << ": " << (results ? std::string() : results.error()));
    REQUIRE(results);
    return *results;
  }
};

SearchRequest request_for(const std::string& text, const Filters& filters = {}) {
  SearchRequest request;
  request.text = text;
  request.filters = filters;
  return request;
}

std::vector<std::string> ids(const SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.passage.passage);
  return out;
}

std::set<std::string> id_set(const SearchResults& r) {
  auto v = ids(r);
  return {v.begin(), v.end()};
}

std::set<std::string> conference_set(const SearchResults& r) {
  std::set<std::string> out;
  for (const auto& h : r.hits) out.insert(h.passage.conference);
  return out;
}

}  // namespace

TEST_CASE("date ranges expand partial dates to whole periods, inclusive") {
  using Case = std::tuple<std::string, std::string, std::string>;
  auto [text, from, to] = GENERATE(table<std::string, std::string, std::string>({
      Case{"2023", "20230101", "20231231"},
      Case{"2023..2024", "20230101", "20241231"},
      Case{"2023-05..2023-06", "20230501", "20230630"},
      Case{"2024-02", "20240201", "20240229"},
      Case{"2023-02", "20230201", "20230228"},
      Case{"2023-01-01..2023-12-31", "20230101", "20231231"},
      Case{"..2023", "", "20231231"},
      Case{"2024..", "20240101", ""},
      Case{"20230517", "20230517", "20230517"},
  }));
  auto range = parse_date_range(text);
  INFO(text);
  REQUIRE(range);
  CHECK(range->from == from);
  CHECK(range->to == to);
}

TEST_CASE("invalid dates are refused with the form to use") {
  auto text = GENERATE(as<std::string>{}, "2023-13", "2023-02-30", "abc", "..", "2024..2023", "20230230", "23",
                       "2023-5", "1800");
  auto range = parse_date_range(text);
  INFO(text);
  REQUIRE_FALSE(range);
  CHECK_FALSE(range.error().empty());
  CHECK_FALSE(since_until("2024", "2023"));
  CHECK(since_until("2023-12-31", "2023-12-31"));
}

TEST_CASE("fields QueryParser does not know are reported, quoted text and times are not") {
  using Case = std::pair<std::string, bool>;
  auto [text, unknown] = GENERATE(table<std::string, bool>({
      Case{"foo:bar", true},
      Case{"tariffs foo:bar", true},
      Case{"-foo:bar", true},
      Case{"Speaker:xin", true},
      Case{"speaker:xin title:trade outlet:cctv kind:reporter date:2023", false},
      Case{"\"foo:bar\"", false},
      Case{"meeting at 10:30", false},
      Case{"note: the price", false},
      Case{"tariffs", false},
  }));
  INFO(text);
  CHECK(unknown_field(text).has_value() == unknown);
}

TEST_CASE("the case of a field is named in its message") {
  auto message = unknown_field("Speaker:xin");
  REQUIRE(message);
  CHECK(message->find("lower case") != std::string::npos);
  message = unknown_field("foo:bar");
  REQUIRE(message);
  CHECK(message->find("speaker:") != std::string::npos);
}

TEST_CASE("ranking puts the obviously best passage first") {
  Fixture f;
  using Case = std::pair<std::string, std::string>;
  auto [query, best] = GENERATE(table<std::string, std::string>({
      Case{"semiconductor", "c-2024/1.1"},
      Case{"shore power", "c-2021/2.1"},
      Case{"unilateral tariffs", "c-2023a/1.1"},
      Case{"tariffs steel", "c-2023a/2.1"},
      Case{"steel", "c-2023a/2.1"},
      Case{"grain drought", "c-2022/1.1"},
      Case{"speaker:wei emissions", "c-2021/4.1"},
      Case{"和平发展", "c-nodate/1.1"},
  }));
  auto r = f.search(query);
  INFO(query);
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits.front().passage.passage == best);
  for (std::size_t i = 1; i < r.hits.size(); ++i) CHECK(r.hits[i - 1].score >= r.hits[i].score);
}

TEST_CASE("a quoted phrase is exact, a word is stemmed") {
  Fixture f;
  CHECK(id_set(f.search("emission")) == std::set<std::string>{"c-2021/3.1", "c-2021/4.1"});
  CHECK(f.search("\"emission\"").hits.empty());
  CHECK(id_set(f.search("\"cut their emissions\"")) == std::set<std::string>{"c-2021/3.1", "c-2021/4.1"});
  CHECK(f.search("\"their cut emissions\"").hits.empty());
  CHECK(id_set(f.search("ship")) == id_set(f.search("ships")));
  CHECK(id_set(f.search("tariffs -steel")) == std::set<std::string>{"c-2023a/1.1", "c-2023b/2.1"});
  CHECK(id_set(f.search("semi*")) == std::set<std::string>{"c-2024/1.1", "c-2024/2.1"});
  CHECK(id_set(f.search("ports NEAR emissions")) == std::set<std::string>{"c-2021/3.1", "c-2021/4.1"});
  CHECK(id_set(f.search("grain OR drought OR steel")).size() == 4);
}

TEST_CASE("each filter alone and combined") {
  Fixture f;
  auto speakers = [](std::vector<std::string> v) {
    Filters x;
    x.speakers = std::move(v);
    return x;
  };
  CHECK(id_set(f.search("", speakers({"Li Wei"}))) == std::set<std::string>{"c-2021/2.1", "c-2021/4.1"});
  CHECK(id_set(f.search("", speakers({"Li Wei", "Xin Guobin"}))).size() == 3);

  Filters kind;
  kind.kinds = {"reporter"};
  auto reporters = f.search("", kind);
  CHECK(reporters.hits.size() == 5);
  for (const auto& h : reporters.hits) CHECK(h.passage.kind == "reporter");

  Filters outlet;
  outlet.outlets = {"china daily"};
  CHECK(ids(f.search("", outlet)) == std::vector<std::string>{"c-2023b/2.1"});

  Filters conference;
  conference.conferences = {"c-2023a"};
  CHECK(f.search("", conference).hits.size() == 5);

  Filters dates;
  dates.since = "2023";
  dates.until = "2023";
  CHECK(conference_set(f.search("", dates)) == std::set<std::string>{"c-2023a", "c-2023b"});

  Filters combined;
  combined.speakers = {"wang shouwen"};
  combined.since = "2023-01-01";
  combined.kinds = {"official"};
  CHECK(id_set(f.search("tariffs", combined)) == std::set<std::string>{"c-2023a/1.1", "c-2023a/3.2"});
  combined.until = "2022-12-31";
  CHECK_FALSE(f.searcher.search(request_for("tariffs", combined)));  // --since after --until
  combined.until = "2023-01-01";
  CHECK(f.search("tariffs", combined).hits.size() == 2);
  combined.outlets = {"Reuters"};
  CHECK(f.search("tariffs", combined).hits.empty());  // officials have no outlet

  // The same filters in the query language.
  CHECK(ids(f.search("outlet:\"China Daily\"")) == std::vector<std::string>{"c-2023b/2.1"});
  CHECK(f.search("kind:reporter").hits.size() == 5);
  CHECK(id_set(f.search("tariffs kind:official date:2023-01")) == std::set<std::string>{"c-2023a/1.1", "c-2023a/3.2"});
  CHECK(id_set(f.search("title:grain")) == std::set<std::string>{"c-2022/1.1"});
  CHECK(id_set(f.search("speaker:guobin")) == std::set<std::string>{"c-2024/1.1"});
}

TEST_CASE("speaker names are matched forgivingly") {
  Fixture f;
  auto name = GENERATE(as<std::string>{}, "xin guobin", "Mr. Xin Guobin", "Guobin Xin", "XIN GUOBIN",
                       "Vice Minister Xin Guobin", "  xin   guobin ");
  Filters filters;
  filters.speakers = {name};
  INFO(name);
  CHECK(ids(f.search("", filters)) == std::vector<std::string>{"c-2024/1.1"});
}

TEST_CASE("an unknown speaker, outlet or conference names the closest known ones") {
  Fixture f;
  Filters filters;
  filters.speakers = {"Xin Guobim"};
  auto r = f.searcher.search(request_for("", filters));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("Xin Guobin") != std::string::npos);
  filters.speakers = {"Wang Li"};  // both words known, never together
  r = f.searcher.search(request_for("", filters));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("closest known") != std::string::npos);

  Filters outlet;
  outlet.outlets = {"Reuter"};
  r = f.searcher.search(request_for("", outlet));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("Reuters") != std::string::npos);
  r = f.searcher.search(request_for("outlet:Bloomburg"));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("Bloomberg") != std::string::npos);

  Filters conference;
  conference.conferences = {"c-2023"};
  r = f.searcher.search(request_for("", conference));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("c-2023a") != std::string::npos);
}

TEST_CASE("date ranges are inclusive at both ends") {
  Fixture f;
  using Case = std::pair<std::string, std::set<std::string>>;
  auto [query, conferences] = GENERATE(table<std::string, std::set<std::string>>({
      Case{"date:2023", {"c-2023a", "c-2023b"}}, Case{"date:2023-01-01..2023-12-31", {"c-2023a", "c-2023b"}},
      Case{"date:2022-12-31..2023-01-01", {"c-2022", "c-2023a"}}, Case{"date:2023-01-02..2023-12-30", {}},
      Case{"date:..2022", {"c-2021", "c-2022", "c-nodate"}}, Case{"date:2024..", {"c-2024"}},
      Case{"date:2023-12..2024-01", {"c-2023b", "c-2024"}},
      Case{"date:2020", {"c-nodate"}},  // the publish date stands in for an unknown held date
  }));
  INFO(query);
  CHECK(conference_set(f.search(query)) == conferences);
}

TEST_CASE("a date range made of year, month and day terms matches what a value range on the held slot matches") {
  // One passage every other day from 2019-11-20 to 2021-03-10, dated as the indexer dates them.
  TempDir dir;
  std::vector<Row> rows;
  for (int y = 2019; y <= 2021; ++y)
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= 31; d += 2) {
        auto date = scio::core::make_date(y, m, d);
        const auto c = date ? date->compact() : std::string();
        if (c.empty() || c < "20191120" || c > "20210310") continue;
        const auto iso = c.substr(0, 4) + "-" + c.substr(4, 2) + "-" + c.substr(6);
        rows.push_back({"c-" + c, "Briefing", iso, iso, 1, 1, "Zhao Lijian", "official", "", "", "words"});
      }
  build_database(dir.path() / "db", rows);
  Xapian::Database db((dir.path() / "db").string());
  auto matched = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::set<Xapian::docid> out;
    for (auto m : enquire.get_mset(0, db.get_doccount())) out.insert(m);
    return out;
  };
  const auto text = GENERATE(as<std::string>{}, "2020", "2019..2021", "2020-02", "2020-02-28..2020-03-01",
                             "2019-12-31..2020-01-01", "2019-11-21..2021-03-09", "2019-12..2020-01", "..2020-06-15",
                             "2020-06-15..", "1999..2019-12-05", "2021-03-10..2030", "2020-05-07", "2020-05-08",
                             "2022..", "..2018", "2020-01-02..2020-12-31", "2020-01-01..2020-12-30");
  INFO(text);
  auto range = parse_date_range(text);
  REQUIRE(range);
  const auto lo = range->from.empty() ? std::string("0") : range->from;
  const auto hi = range->to.empty() ? std::string("9") : range->to;
  const auto expected = matched(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::k_slot_held, lo, hi));
  CHECK(matched(range->query(db)) == expected);
  // The mechanism, not only the outcome: terms alone, no slot to read; a whole year is one term.
  const auto description = range->query(db).get_description();
  CHECK(description.find("VALUE") == std::string::npos);
  if (text == "2020") CHECK(description == "Query(Y2020)");
  if (text == "2020-02-28..2020-03-01") CHECK(description == "Query((D20200228 OR D20200229 OR D20200301))");
}

TEST_CASE("since and until options include their own days") {
  Fixture f;
  using Case = std::tuple<std::string, std::string, std::set<std::string>>;
  auto [since, until, conferences] = GENERATE(table<std::string, std::string, std::set<std::string>>({
      Case{"2023-01-01", "2023-12-31", {"c-2023a", "c-2023b"}},
      Case{"2022-12-31", "", {"c-2022", "c-2023a", "c-2023b", "c-2024"}},
      Case{"", "2021-03-02", {"c-2021", "c-nodate"}},
      Case{"2023-12", "2023-12", {"c-2023b"}},
  }));
  Filters filters;
  filters.since = since;
  filters.until = until;
  INFO(since << ".." << until);
  CHECK(conference_set(f.search("", filters)) == conferences);
}

TEST_CASE("sort orders") {
  Fixture f;
  Filters all;
  all.kinds = {"official", "moderator", "reporter"};
  auto newest = f.search("", all, Sort::newest);
  auto oldest = f.search("", all, Sort::oldest);
  REQUIRE(newest.hits.size() == k_rows.size());
  CHECK(newest.hits.front().passage.conference == "c-2024");
  CHECK(oldest.hits.front().passage.conference == "c-nodate");
  for (std::size_t i = 1; i < newest.hits.size(); ++i) {
    CHECK(newest.hits[i - 1].passage.date() >= newest.hits[i].passage.date());
    CHECK(oldest.hits[i - 1].passage.date() <= oldest.hits[i].passage.date());
  }
  // Among passages of one date, relevance decides.
  auto tariffs = f.search("tariffs", {}, Sort::oldest);
  REQUIRE(tariffs.hits.size() == 4);
  CHECK(tariffs.hits.front().passage.passage == "c-2023a/1.1");
  CHECK(tariffs.hits.back().passage.conference == "c-2023b");
}

TEST_CASE("per-conference option collapses, paging and the exact count") {
  Fixture f;
  SearchRequest request = request_for("tariffs");
  request.per_conference = 1;
  request.exact = true;
  auto r = f.searcher.search(request);
  REQUIRE(r);
  CHECK(conference_set(*r) == std::set<std::string>{"c-2023a", "c-2023b"});
  CHECK(r->total == 2);
  CHECK(r->total_exact);
  request.per_conference = 2;
  r = f.searcher.search(request);
  REQUIRE(r);
  CHECK(r->hits.size() == 3);

  request.per_conference = 0;
  request.limit = 2;
  request.offset = 2;
  r = f.searcher.search(request);
  REQUIRE(r);
  REQUIRE(r->hits.size() == 2);
  CHECK(r->hits.front().rank == 3);
  CHECK(r->total == 4);
  auto all = f.search("tariffs");
  CHECK(r->hits[0].passage.passage == all.hits[2].passage.passage);
}

TEST_CASE("snippets hold and mark the matched words") {
  Fixture f;
  auto r = f.search("semiconductor");
  REQUIRE_FALSE(r.hits.empty());
  const auto& hit = r.hits.front();
  bool marked = false;
  for (const auto& s : hit.snippet)
    marked = marked || (s.match && scio::core::ascii_lower(s.text).find("semiconductor") != std::string::npos);
  CHECK(marked);
  CHECK(hit.highlights == std::vector<std::string>{"Semiconductor"});

  auto clearance = f.search("clearance");
  REQUIRE(clearance.hits.size() == 1);
  // Xapian escapes the snippet for HTML; the terminal gets the text back as it was.
  CHECK(plain_text(clearance.hits.front().snippet) == "Port clearance times fell by a third & more <fast>.");

  auto cjk = f.search("霸权主义");
  REQUIRE(cjk.hits.size() == 1);
  CHECK(plain_text(cjk.hits.front().snippet).find("霸权") != std::string::npos);
}

TEST_CASE("did you mean, only when a correction finds more") {
  Fixture f;
  auto r = f.search("tarifs");
  CHECK(r.hits.empty());
  REQUIRE(r.suggestion);
  CHECK(r.suggestion->query == "tariffs");
  CHECK(r.suggestion->matches == 4);
  CHECK_FALSE(f.search("tariffs").suggestion);
  CHECK_FALSE(r.no_spelling);
}

TEST_CASE("bad queries are values, not exceptions") {
  Fixture f;
  auto text = GENERATE(as<std::string>{}, "tariffs AND", "NOT", "foo:bar", "date:2023-02-30", "kind:journalist", "",
                       "   ", "date:2024..2023");
  auto r = f.searcher.search(request_for(text));
  INFO(text);
  REQUIRE_FALSE(r);
  CHECK_FALSE(r.error().empty());
}

TEST_CASE("field prefixes without values, open quotes and odd bytes build to a query or an error") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  auto text = GENERATE(as<std::string>{}, "speaker:", "date:..", "title:\"\"", "title:\"x", "date:2024-13-45",
                       "outlet:", "kind:", "date:", "\"", "((", "a NEAR", "-", "*", "econ*", "\xff\xfe tarif*",
                       "speaker: date:.. title:\"\"", "kind:reporter outlet:cctv", "outlet:nowhere outlet:elsewhere");
  INFO(text);
  for (bool spelling : {false, true}) {
    QueryBuilder builder(db, spelling, false);
    scio::core::Result<BuiltQuery> built = scio::core::Error{""};
    REQUIRE_NOTHROW(built = builder.build(text, {}));
    if (built) {
      Xapian::Enquire enquire(db);
      enquire.set_query(built->query);
      REQUIRE_NOTHROW(enquire.get_mset(0, 10));
    } else {
      CHECK_FALSE(built.error().empty());
    }
    REQUIRE_NOTHROW(builder.correction(text));
    if (!spelling) CHECK(builder.correction(text).empty());
  }
}

TEST_CASE("spelling corrections are asked for apart from building the query") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  QueryBuilder builder(db, true, false);
  CHECK(builder.correction("tarifs") == "tariffs");
  CHECK(builder.correction("  tarifs ") == "tariffs");
  CHECK(builder.correction("tariffs").empty());
  CHECK(builder.correction("tariffs AND").empty());  // does not parse: nothing to offer
  // The query built afterwards is the one asked for, not its correction.
  auto built = builder.build("tarifs", {});
  REQUIRE(built);
  INFO(built->query.get_description());
  CHECK(built->query.get_description().find("tarif") != std::string::npos);
  CHECK(built->query.get_description().find("tariff") == std::string::npos);
  QueryBuilder without(db, false, false);
  CHECK(without.correction("tarifs").empty());
}

TEST_CASE("queries are bounded in length and in wildcards") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  QueryBuilder builder(db, true, true);
  auto words = [](std::size_t bytes) {
    std::string text = "tariffs";
    while (text.size() + 8 <= bytes) text += " tariffs";
    return text + std::string(bytes - text.size(), ' ') + "x";
  };
  auto wildcards = [](std::size_t n, const std::string& around) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += around.substr(0, 1) + char('a' + i % 26) + "*" + around.substr(1) + " ";
    return text;
  };
  using Case = std::pair<std::string, std::string>;  // query, "" or what the error says
  auto [text, error] = GENERATE_COPY(table<std::string, std::string>({
      Case{words(k_max_query_bytes - 1), ""},
      Case{words(k_max_query_bytes), "query too long: 2049 bytes (at most 2048)"},
      Case{wildcards(k_max_wildcards, "  "), ""},
      Case{wildcards(k_max_wildcards + 1, "  "), "too many wildcards"},
      Case{wildcards(k_max_wildcards + 1, "()"), "too many wildcards"},
      Case{"tariffs OR (" + wildcards(k_max_wildcards, "  ") + ") OR steel*", "17 (at most 16"},
  }));
  INFO(text.substr(0, 80));
  auto built = builder.build(text, {});
  if (error.empty()) {
    CHECK(built);
  } else {
    REQUIRE_FALSE(built);
    CHECK(built.error().find(error) != std::string::npos);
  }
}

TEST_CASE("an error of one query does not stay behind for the builder's next") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  QueryBuilder builder(db, false, false);
  // Both fields fail; only the first error is reported, and neither may fail the next query.
  auto bad = builder.build("date:2024-13 kind:journalist outlet:nowhere tariffs", {});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().find("date:2024-13") != std::string::npos);
  CHECK(builder.build("kind:reporter tariffs", {}));
  CHECK(builder.build("tariffs", {}));
}

// Inputs fuzz/query_fuzz.cpp found trouble with, read as it reads them: the query text, then
// NUL-separated speaker, outlet, kind, since, until and conference, values of one split by 0x01.
TEST_CASE("query fuzz regressions build to a query or an error") {
  using Case = std::pair<std::string, std::string>;  // file, "" or what the error says
  auto [name, error] = GENERATE(table<std::string, std::string>({
      Case{"query-many-wildcards", "query too long"},  // 20,000 "a*": a timeout in the match
      // Two fields failed; the error not reported stayed in the builder and failed its next query.
      Case{"query-stale-field-error", "unknown speaker kind"},
  }));
  INFO(name);
  const std::string input = scio::test::read_file(scio::test::data_path("fuzz-regressions/" + name));
  REQUIRE_FALSE(input.empty());
  auto split = [](const std::string& text, char separator) {
    std::vector<std::string> out{""};
    for (char c : text) {
      if (c == separator) out.emplace_back();
      else out.back().push_back(c);
    }
    return out;
  };
  auto fields = split(input, '\0');
  fields.resize(std::max<std::size_t>(fields.size(), 7));
  auto values = [&](std::size_t i) {
    return fields[i].empty() ? std::vector<std::string>{} : split(fields[i], '\x01');
  };
  Filters filters;
  filters.speakers = values(1);
  filters.outlets = values(2);
  filters.kinds = values(3);
  filters.since = fields[4];
  filters.until = fields[5];
  filters.conferences = values(6);

  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  for (bool spelling : {false, true})
    for (bool any : {false, true}) {
      QueryBuilder builder(db, spelling, any);
      auto built = builder.build(fields[0], filters);
      if (error.empty()) {
        REQUIRE(built);
        Xapian::Enquire enquire(db);
        enquire.set_query(built->query);
        CHECK_NOTHROW(enquire.get_mset(0, 10));
      } else {
        REQUIRE_FALSE(built);
        CHECK(built.error().find(error) != std::string::npos);
      }
      CHECK(builder.build("tariffs", {}));
    }
}

TEST_CASE("a passage in context, in transcript order") {
  Fixture f;
  auto order = [](const PassageContext& c) {
    std::vector<std::string> out;
    for (const auto& p : c.passages) out.push_back(p.passage);
    return out;
  };
  auto c = f.searcher.context("c-2023a/2.1", 1);
  REQUIRE(c);
  CHECK(order(*c) == std::vector<std::string>{"c-2023a/1.1", "c-2023a/2.1", "c-2023a/3.1", "c-2023a/3.2"});
  c = f.searcher.context("c-2023a/3.2", 1);
  REQUIRE(c);
  CHECK(order(*c) == std::vector<std::string>{"c-2023a/2.1", "c-2023a/3.1", "c-2023a/3.2", "c-2023a/4.1"});
  c = f.searcher.context("c-2021/1.1", 0);
  REQUIRE(c);
  CHECK(order(*c) == std::vector<std::string>{"c-2021/1.1"});
  c = f.searcher.context("c-2021/4.1", 10);
  REQUIRE(c);
  CHECK(order(*c) == std::vector<std::string>{"c-2021/1.1", "c-2021/2.1", "c-2021/3.1", "c-2021/4.1"});
  CHECK_FALSE(f.searcher.context("c-2021/9.1", 1));
  CHECK_FALSE(f.searcher.context("", 1));
}

TEST_CASE("speakers with counts and dates, and who talks about a query") {
  Fixture f;
  auto rows = f.searcher.speakers("", {});
  REQUIRE(rows);
  std::map<std::string, SpeakerRow> by_key;
  for (const auto& r : rows->rows) by_key[r.key] = r;
  CHECK(rows->rows.size() == 12);
  CHECK(rows->rows.front().key == "wang shouwen");
  CHECK(by_key["wang shouwen"].passages == 3);
  CHECK(by_key["li wei"].passages == 2);
  CHECK(by_key["li wei"].name == "Li Wei");
  CHECK(by_key["li wei"].first == "2021-03-02");
  CHECK(by_key["zhao lijian"].first == "2020-05-05");
  CHECK(by_key["cctv"].kind == "reporter");

  auto tariffs = f.searcher.speakers("tariffs", {});
  REQUIRE(tariffs);
  std::vector<std::pair<std::string, std::size_t>> counts;
  for (const auto& r : tariffs->rows) counts.emplace_back(r.key, r.passages);
  CHECK(counts ==
        std::vector<std::pair<std::string, std::size_t>>{{"wang shouwen", 2}, {"china daily", 1}, {"reuters", 1}});
  Filters reporters;
  reporters.kinds = {"reporter"};
  auto asking = f.searcher.speakers("tariffs", reporters);
  REQUIRE(asking);
  CHECK(asking->rows.size() == 2);
}

TEST_CASE("conferences, newest first, with passage counts") {
  Fixture f;
  auto rows = f.searcher.conferences("", {});
  REQUIRE(rows);
  std::vector<std::pair<std::string, std::size_t>> got;
  for (const auto& r : rows->rows) got.emplace_back(r.id, r.passages);
  CHECK(got == std::vector<std::pair<std::string, std::size_t>>{
                   {"c-2024", 2}, {"c-2023b", 2}, {"c-2023a", 5}, {"c-2022", 1}, {"c-2021", 4}, {"c-nodate", 1}});
  CHECK(rows->rows.front().title == "Press conference on industry");
  Filters since;
  since.since = "2023-06";
  rows = f.searcher.conferences("tariffs", since);
  REQUIRE(rows);
  REQUIRE(rows->rows.size() == 1);
  CHECK(rows->rows.front().id == "c-2023b");
}

TEST_CASE("several databases, stub files, and databases that cannot be used") {
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

TEST_CASE("a read that meets a commit is retried on the reopened database") {
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
    writer.add_document(make_document(extra));
    writer.commit();
    SearchRequest request = request_for("tariffs");
    request.exact = true;
    auto r = searcher.search(request);
    REQUIRE(r);
    CHECK(r->total >= 4);
  }
}

TEST_CASE("wrapping keeps every line within the width, CJK and colour included") {
  const Snippet text{
      {"Ports cut their ", false},
      {"emissions", true},
      {" by twelve percent; 中国坚持走和平发展道路，反对任何形式的霸权主义 and a verylongwordthatcannotfitanywhere.",
       false}};
  auto width = GENERATE(as<std::size_t>{}, 12, 20, 33, 80);
  for (bool colour : {false, true}) {
    const Palette palette = colour ? Palette::colour() : Palette::plain();
    auto lines = wrap(text, width, "   ", palette);
    REQUIRE_FALSE(lines.empty());
    std::string joined;
    for (const auto& line : lines) {
      const std::string plain = scio::test::without_ansi(line);
      INFO(width << " [" << plain << "]");
      CHECK(scio::core::display_width(plain) <= width);
      CHECK(plain.rfind("   ", 0) == 0);
      joined += plain.substr(3);
    }
    // Nothing is lost: the words are all there, in order.
    CHECK(joined.find("emissions") != std::string::npos);
    if (width >= 20) CHECK(joined.find("霸权主义") != std::string::npos);
    if (colour) {
      std::string all;
      for (const auto& line : lines) all += line;
      CHECK(all.find("\x1b[1;31memissions\x1b[0m") != std::string::npos);
    }
  }
}

TEST_CASE("CJK closing punctuation never starts a line") {
  const Snippet text{{"中国坚持走和平发展道路，反对任何形式的霸权主义。我们要加快发展风电和太阳能发电。", false}};
  for (std::size_t width = 8; width <= 30; ++width)
    for (const auto& line : wrap(text, width, "", Palette::plain())) {
      INFO(width << " [" << line << "]");
      CHECK(line.rfind("\uFF0C", 0) != 0);
      CHECK(line.rfind("\u3002", 0) != 0);
      CHECK(scio::core::display_width(line) <= width);
    }
}

TEST_CASE("fit cuts at display width with an ellipsis") {
  CHECK(fit("short", 10) == "short");
  CHECK(fit("a longer title here", 10) == "a longer\u2026");
  CHECK(scio::core::display_width(fit("中国坚持走和平发展道路", 7)) <= 7);
  CHECK(fit("anything", 0).empty());
}

TEST_CASE("snippet markers and HTML escapes are read back") {
  // (A hex escape runs on over hex digits: "\x02" "emissions" keeps the e out of it.)
  auto s = read_marked(
      "\u2026the \x02ports\x03 cut &amp; \x02their\x03 \x02"
      "emissions\x03\n\n&lt;fast&gt;\u2026");
  CHECK(s == Snippet{{"\u2026the ", false},
                     {"ports", true},
                     {" cut & ", false},
                     {"their emissions", true},
                     {" <fast>\u2026", false}});
}

TEST_CASE("colour and width follow the options, the terminal and the environment") {
  CHECK(use_colour(ColorMode::automatic, true, nullptr));
  CHECK(use_colour(ColorMode::automatic, true, ""));
  CHECK_FALSE(use_colour(ColorMode::automatic, true, "1"));
  CHECK_FALSE(use_colour(ColorMode::automatic, false, nullptr));
  CHECK(use_colour(ColorMode::always, false, "1"));
  CHECK_FALSE(use_colour(ColorMode::never, true, nullptr));
  CHECK(terminal_width("100", -1) == 100);
  CHECK(terminal_width("5", -1) == k_min_width);
  CHECK(terminal_width("wide", -1) == 80);
  CHECK(terminal_width(nullptr, -1) == 80);
}

TEST_CASE("CSV fields are quoted as RFC 4180 asks") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\n\nlines") == "\"two\n\nlines\"");
}

TEST_CASE("a hit in JSON carries every documented field") {
  Fixture f;
  auto r = f.search("semiconductor");
  REQUIRE_FALSE(r.hits.empty());
  auto j = hit_json(r.hits.front());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  auto expected = k_hit_fields;
  expected.push_back("exchange");  // JSON only (CSV keeps k_hit_fields): the exchange id, or null
  CHECK(keys == expected);
  CHECK(j["rank"] == 1);
  CHECK(j["speaker_key"] == "xin guobin");
  CHECK(j["held"] == "2024-01-19");
}

TEST_CASE("the closing lines of a result list wrap to the terminal too") {
  SearchResults r;
  Hit hit;
  hit.rank = 1;
  hit.passage.passage = "c-2022/1.1";
  hit.snippet = {{"Grain ", false}, {"exports", true}, {" rose.", false}};
  r.hits.push_back(hit);
  r.total = 1234567;
  r.total_exact = false;
  r.suggestion = Suggestion{"grain exports from the northeastern provinces", 4321};
  SearchRequest request;
  request.per_conference = 2;
  for (bool colour : {false, true}) {
    for (std::size_t width : {24u, 44u, 200u}) {
      std::ostringstream out, err;
      write_hits(r, request, Format::text, Terminal{colour, width}, out, err);
      const std::string text = out.str();
      INFO(colour << " " << width << "\n" << text);
      const std::string plain = scio::test::without_ansi(text);
      std::istringstream lines(plain);
      for (std::string line; std::getline(lines, line);) CHECK(scio::core::display_width(line) <= width);
      // Nothing is lost by wrapping: the words are all there, in order.
      std::string joined;
      for (char c : plain) joined += c == '\n' ? ' ' : c;
      std::string words;
      std::istringstream in(joined);
      for (std::string w; in >> w;) words += (words.empty() ? "" : " ") + w;
      CHECK(words.find("Passages 1-1 of about 1,234,567 (at most 2 per conference) (an estimate; --exact counts them "
                       "all).") != std::string::npos);
      CHECK(words.find("Did you mean: grain exports from the northeastern provinces (4,321 passages)") !=
            std::string::npos);
      CHECK((text.find("\x1b[") != std::string::npos) == colour);
    }
  }
}

// The Searcher (searcher/searcher) over the fixture database of search_fixture.h: ranking, phrases,
// filters, dates, sorting, collapsing, did you mean, a passage's context, speakers and conferences.
#include "searcher/searcher.h"
#include "search_fixture.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace scio::searcher;
using namespace scio::test;

TEST_CASE("ranking puts the obviously best passage first", "[searcher]") {
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

TEST_CASE("a quoted phrase is exact, a word is stemmed", "[searcher]") {
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

TEST_CASE("each filter alone and combined", "[searcher]") {
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

TEST_CASE("a title query finds every passage of the conferences whose title holds it", "[searcher][title]") {
  // scio-index indexes the title on one passage per conference (core::TitleTerms): here the
  // first row of each conference in k_rows, which for c-2023a is not its first turn.
  Fixture f;
  const std::set<std::string> trade{"c-2023a/1.1", "c-2023a/2.1", "c-2023a/3.1", "c-2023a/3.2", "c-2023a/4.1"};
  // A word, stemmed or not, and a wildcard (Xapian 1.4 names its pattern in the description only).
  CHECK(id_set(f.search("title:trade")) == trade);
  CHECK(id_set(f.search("title:trading")) == trade);
  CHECK(id_set(f.search("title:trad*")) == trade);
  CHECK(id_set(f.search("title:trade steel")) == std::set<std::string>{"c-2023a/2.1", "c-2023a/3.1", "c-2023a/3.2"});
  CHECK(id_set(f.search("tariffs -title:trade")) == std::set<std::string>{"c-2023b/2.1"});
  CHECK(id_set(f.search("title:trad* -title:foreign")).empty());
  CHECK(f.search("title:shipbuilding").hits.empty());
  CHECK(id_set(f.search("title:\"foreign trade\"")) == trade);
  CHECK(id_set(f.search("title:\"Foreign Trade\"")) == trade);
  CHECK(f.search("title:\"trade foreign\"").hits.empty());  // the words, not in this order
  CHECK(f.search("title:\"conference on shipping\"").hits.empty());
  CHECK(conference_set(f.search("title:\"press conference\"")).size() == 6);
  CHECK(conference_set(f.search("title:\"press conference on\"")).size() == 5);  // not "without a held date"
  CHECK(conference_set(f.search("title:\"conference on green shipping\"")) == std::set<std::string>{"c-2021"});
  // NEAR of title words, a phrase next to words of the text, negated, and in an OR.
  CHECK(conference_set(f.search("title:foreign NEAR/2 title:trade")) == std::set<std::string>{"c-2023a"});
  CHECK(id_set(f.search("title:\"foreign trade\" steel")) ==
        std::set<std::string>{"c-2023a/2.1", "c-2023a/3.1", "c-2023a/3.2"});
  CHECK(id_set(f.search("tariffs -title:\"foreign trade\"")) == std::set<std::string>{"c-2023b/2.1"});
  CHECK(conference_set(f.search("title:\"foreign trade\" OR title:\"on grain\"")) ==
        std::set<std::string>{"c-2023a", "c-2022"});
  // Ranked as before: a phrase weighs what its words weigh, and passages of one conference alike.
  const auto phrase = f.search("title:\"foreign trade\" tariffs");
  const auto words = f.search("title:foreign title:trade tariffs");
  REQUIRE(phrase.hits.size() == words.hits.size());
  for (std::size_t i = 0; i < phrase.hits.size(); ++i) {
    CHECK(phrase.hits[i].passage.passage == words.hits[i].passage.passage);
    CHECK(phrase.hits[i].score == Approx(words.hits[i].score));
  }
}

TEST_CASE("date ranges are inclusive at both ends", "[searcher]") {
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

TEST_CASE("since and until options include their own days", "[searcher]") {
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

TEST_CASE("sort orders", "[searcher]") {
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

TEST_CASE("per-conference option collapses, paging and the exact count", "[searcher]") {
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

TEST_CASE("did you mean, only when a correction finds more", "[searcher]") {
  Fixture f;
  auto r = f.search("tarifs");
  CHECK(r.hits.empty());
  REQUIRE(r.suggestion);
  CHECK(r.suggestion->query == "tariffs");
  CHECK(r.suggestion->matches == 4);
  CHECK_FALSE(f.search("tariffs").suggestion);
  CHECK_FALSE(r.no_spelling);
}

TEST_CASE("did you mean knows the accented words the indexer keeps for spelling", "[searcher]") {
  // The fixture is written by the indexer's builder, so its spelling data follows the indexer's
  // rule (core::is_spelling_word), two-byte letters included.
  TempDir dir;
  std::vector<Row> rows = {k_rows.front()};
  rows.front().text = "A na\u00EFve reading of the tariff schedule.";
  build_database(dir / "db", rows);
  Searcher searcher(open_database({(dir / "db").string()}));
  auto r = searcher.search(request_for("naive"));
  REQUIRE(r);
  CHECK(r->hits.empty());
  REQUIRE(r->suggestion);
  CHECK(r->suggestion->query == "na\u00EFve");
  CHECK(r->suggestion->matches == 1);
}

TEST_CASE("bad queries are values, not exceptions", "[searcher]") {
  Fixture f;
  auto text = GENERATE(as<std::string>{}, "tariffs AND", "NOT", "foo:bar", "date:2023-02-30", "kind:journalist", "",
                       "   ", "date:2024..2023");
  auto r = f.searcher.search(request_for(text));
  INFO(text);
  REQUIRE_FALSE(r);
  CHECK_FALSE(r.error().empty());
}

TEST_CASE("a passage in context, in transcript order", "[searcher]") {
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

TEST_CASE("speakers with counts and dates, and who talks about a query", "[searcher]") {
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

TEST_CASE("conferences, newest first, with passage counts", "[searcher]") {
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

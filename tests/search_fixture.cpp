#include "search_fixture.h"

#include "core/document.h"
#include "core/speaker.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>

namespace scio::test {

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

core::PassageRecord record_of(const Row& row) {
  core::PassageRecord r;
  r.passage = row.conference + "/" + std::to_string(row.turn) + "." + std::to_string(row.part);
  r.conference = row.conference;
  r.title = row.title;
  r.held = row.held;
  r.published = row.published;
  r.speaker = row.speaker;
  r.speaker_key = core::speaker_key(row.speaker);
  r.role = row.role;
  r.kind = row.kind;
  r.outlet = row.outlet;
  r.source = "/saved/" + row.conference + ".txt";
  r.page = 1;
  r.turn = row.turn;
  r.part = row.part;
  r.text = row.text;
  return r;
}

Xapian::Document make_document(const Row& row, core::TitleTerms title_terms) {
  auto generator = core::passage_term_generator();
  const auto record = record_of(row);
  return core::passage_document(record, {record.source}, generator, title_terms);
}

void build_database(const std::filesystem::path& path, const std::vector<Row>& rows) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  std::map<std::string, Xapian::termcount> spelling;
  std::set<std::string> titled;  // conferences whose title is indexed already, on one passage as scio-index does
  for (const auto& r : rows) {
    auto doc =
        make_document(r, titled.insert(r.conference).second ? core::TitleTerms::here : core::TitleTerms::elsewhere);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      if (core::is_spelling_word(*t)) spelling[*t] += t.get_wdf();
    db.add_document(doc);
  }
  for (const auto& [word, count] : spelling) db.add_spelling(word, count);
  core::set_schema_version(db);
  db.commit();
}

namespace {

searcher::OpenedDatabase open_at(const std::filesystem::path& path) {
  build_database(path, k_rows);
  return searcher::open_database({path.string()});
}

}  // namespace

Fixture::Fixture() : searcher(open_at(dir.path() / "db")) {}

searcher::SearchResults Fixture::search(const std::string& text, const searcher::Filters& filters,
                                        searcher::Sort sort) {
  searcher::SearchRequest request;
  request.text = text;
  request.filters = filters;
  request.sort = sort;
  request.limit = 100;
  auto results = searcher.search(request);
  INFO(text << ": " << (results ? std::string() : results.error()));
  REQUIRE(results);
  return *results;
}

searcher::SearchRequest request_for(const std::string& text, const searcher::Filters& filters) {
  searcher::SearchRequest request;
  request.text = text;
  request.filters = filters;
  return request;
}

std::vector<std::string> ids(const searcher::SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.passage.passage);
  return out;
}

std::set<std::string> id_set(const searcher::SearchResults& r) {
  auto v = ids(r);
  return {v.begin(), v.end()};
}

std::set<std::string> conference_set(const searcher::SearchResults& r) {
  std::set<std::string> out;
  for (const auto& h : r.hits) out.insert(h.passage.conference);
  return out;
}

}  // namespace scio::test

// Fuzzes scio-search's query building: query text and filter options -> QueryBuilder::build ->
// Enquire, over a small database indexed the way scio-index indexes passages (with spelling data).
// Input: the query text, then the filter options, separated by NUL bytes, in the order speaker,
// outlet, kind, since, until, conference; several values of one option are separated by 0x01.
// Spelling correction and match-any come from the input's size.
#include "core/conference.h"
#include "core/date.h"
#include "core/document.h"
#include "core/speaker.h"
#include "indexer/passage.h"
#include "searcher/query_builder.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <xapian.h>

namespace {

using scio::core::Conference;
using scio::core::SpeakerKind;

scio::core::Turn turn(std::string speaker, SpeakerKind kind, std::string outlet, std::string text) {
  scio::core::Turn t;
  t.speaker_key = scio::core::speaker_key(speaker);
  t.speaker = std::move(speaker);
  t.kind = kind;
  t.outlet = std::move(outlet);
  t.paragraphs.push_back(std::move(text));
  return t;
}

Conference conference(std::string id, std::string title, std::optional<scio::core::Date> held,
                      std::optional<scio::core::Date> published, std::vector<scio::core::Turn> turns) {
  Conference c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.held = held;
  c.published = published;
  scio::core::Page page;
  page.source = "/fuzz/" + c.id + ".htm";
  page.turns = std::move(turns);
  c.pages.push_back(std::move(page));
  return c;
}

std::vector<Conference> conferences() {
  using scio::core::make_date;
  return {
      conference("c-2024", "Press conference on industry and information technology", make_date(2024, 1, 19),
                 make_date(2024, 2, 1),
                 {turn("Xin Guobin", SpeakerKind::official, "",
                       "Semiconductor supply chains stay open. We support semiconductor design and manufacturing."),
                  turn("CCTV", SpeakerKind::reporter, "CCTV",
                       "How will the economy and economic growth benefit from electric vehicles?"),
                  turn("Shou Xiaoli", SpeakerKind::moderator, "", "Thank you. The press conference is adjourned.")}),
      conference("c-2023", "Press conference on foreign trade", make_date(2023, 12, 31), make_date(2024, 1, 2),
                 {turn("Wang Shouwen", SpeakerKind::official, "",
                       "We oppose unilateral tariffs. Tariffs raise prices for consumers; the exact phrase matters."),
                  turn("China Daily", SpeakerKind::reporter, "China Daily",
                       "Will the tariff commission change tariffs on farm products? Café owners ask too.")}),
      conference(
          "c-nodate", "外交部发言人例行记者会", std::nullopt, make_date(2020, 5, 5),
          {turn("赵立坚", SpeakerKind::official, "", "中国坚持走和平发展道路，反对任何形式的霸权主义和强权政治。"),
           turn("Q", SpeakerKind::reporter, "", "Какова позиция Китая? Ελληνικά words and naïve résumé.")}),
  };
}

// The database, written once per process into a temporary directory removed at exit.
class Fixture {
 public:
  Fixture() {
    char dir[] = "/tmp/scio-query-fuzz-XXXXXX";
    if (!mkdtemp(dir)) std::abort();
    m_dir = dir;
    {
      Xapian::WritableDatabase db((m_dir / "db").string(), Xapian::DB_CREATE_OR_OVERWRITE);
      auto generator = scio::core::passage_term_generator();
      std::map<std::string, Xapian::termcount> spelling;
      for (const auto& c : conferences()) {
        auto title_terms = scio::core::TitleTerms::here;  // on the first passage, as scio-index
        for (const auto& p : scio::indexer::make_passages(c)) {
          auto doc = scio::indexer::passage_document(c, p, generator,
                                                     std::exchange(title_terms, scio::core::TitleTerms::elsewhere));
          for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            if (scio::core::is_spelling_word(*t)) spelling[*t] += t.get_wdf();
          db.add_document(doc);
        }
      }
      for (const auto& [word, count] : spelling) db.add_spelling(word, count);
      scio::core::set_schema_version(db);
      db.commit();
    }
    m_db = Xapian::Database((m_dir / "db").string());
  }
  ~Fixture() {
    std::error_code ignored;
    std::filesystem::remove_all(m_dir, ignored);
  }
  const Xapian::Database& db() const { return m_db; }

 private:
  std::filesystem::path m_dir;
  Xapian::Database m_db;
};

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto end = text.find(separator, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::vector<std::string> values(const std::vector<std::string>& fields, std::size_t i) {
  if (i >= fields.size() || fields[i].empty()) return {};
  return split(fields[i], '\x01');
}

void run(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  try {
    auto mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) (void)scio::core::passage_record_of(it.get_document());
  } catch (const Xapian::DatabaseError&) {  // what scio-search reports as a database failure
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  const auto fields = split({reinterpret_cast<const char*>(data), size}, '\0');
  scio::searcher::Filters filters;
  filters.speakers = values(fields, 1);
  filters.outlets = values(fields, 2);
  filters.kinds = values(fields, 3);
  if (fields.size() > 4) filters.since = fields[4];
  if (fields.size() > 5) filters.until = fields[5];
  filters.conferences = values(fields, 6);

  scio::searcher::QueryBuilder builder(fixture.db(), size % 2 == 0, size % 4 >= 2);
  auto built = builder.build(fields[0], filters);
  if (!built) {
    if (built.error().empty()) std::abort();  // an error always says what is wrong
  } else {
    run(fixture.db(), built->query);
    // scio-search builds the "did you mean" query the same way and counts its matches.
    if (const auto correction = builder.correction(fields[0]); !correction.empty()) {
      auto corrected = builder.build(correction, filters);
      if (corrected) run(fixture.db(), corrected->query);
      else if (corrected.error().empty()) std::abort();
    }
  }
  // Nothing of this query may stay behind in the builder to fail the next one.
  if (!builder.build("tariffs", {})) std::abort();
  return 0;
}

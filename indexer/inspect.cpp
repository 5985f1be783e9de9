#include "indexer/inspect.h"

#include "core/canonical_xml.h"
#include "indexer/reader.h"

#include <ostream>

namespace scio::indexer {

nlohmann::ordered_json conference_json(const core::Conference& c) {
  using json = nlohmann::ordered_json;
  auto date = [](const std::optional<core::Date>& d) { return d ? json(d->iso()) : json(nullptr); };
  json participants = json::array();
  for (const auto& p : c.participants) participants.push_back({{"name", p.name}, {"role", p.role}});
  json sources = json::array();
  for (const auto& page : c.pages) sources.push_back(page.source);
  json turns = json::array();
  const std::string lang(c.language());
  for (const auto& t : c.turns()) {
    turns.push_back({{"speaker", t.speaker},
                     {"speaker_key", t.speaker_key},
                     {"kind", std::string(core::to_string(t.kind))},
                     {"lang", std::string(t.language(lang))},
                     {"outlet", t.outlet.empty() ? json(nullptr) : json(t.outlet)},
                     {"page", t.page},
                     {"break", t.after_break},
                     {"exchange", t.exchange ? json(*t.exchange) : json(nullptr)},
                     {"follows", t.follows ? json(*t.follows) : json(nullptr)},
                     {"paragraphs", t.paragraphs}});
  }
  return {{"id", c.id},
          {"title", c.title},
          {"lang", lang},
          {"urls", c.urls},
          {"published", date(c.published)},
          {"held", date(c.held)},
          {"participants", participants},
          {"sources", sources},
          {"turns", turns}};
}

int run_inspect(const InspectOptions& options, std::ostream& out, std::ostream& err) {
  auto result = read_inputs(options.paths, options.jobs);
  if (options.format == "xml") {
    out << core::to_canonical_xml(result.conferences);
  } else {
    auto all = nlohmann::ordered_json::array();
    for (const auto& c : result.conferences) all.push_back(conference_json(c));
    out << all.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  }
  for (const auto& e : result.errors) err << input_error_line(e) << '\n';
  return result.errors.empty() ? 0 : 1;
}

}  // namespace scio::indexer

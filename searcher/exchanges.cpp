#include "searcher/exchanges.h"

#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"
#include "searcher/name_filter.h"
#include "searcher/text_layout.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

namespace scio::searcher {
namespace {

namespace schema = core::schema;
using Json = nlohmann::ordered_json;

// The best passages (one per exchange and side, by the collapse key) looked at to rank exchanges:
// an exchange's score adds its sides' best weights, so one side's strong match alone may be passed
// by an exchange that matches on both sides with two weaker ones.
constexpr Xapian::doccount k_candidates = 2000;
constexpr Xapian::doccount k_estimate_check = 1000;  // as the search's (searcher.cpp)

std::string term(std::string_view prefix, std::string_view value) { return std::string(prefix) + std::string(value); }

// The option a name filter's messages name, replaced by ours: "--outlet \"AFP\" ..." reads
// "--asked-by \"AFP\" ...".
std::string renamed(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// --asked-by and --answered-by: names resolved as --outlet and --speaker resolve them (forgiving,
// with aliases and notes), then asked of the exchange terms XA and XR, which every passage of an
// exchange carries.
core::Result<Xapian::Query> exchange_name_filter(const Xapian::Database& db, const std::vector<std::string>& names,
                                                 bool asked, const core::Aliases& aliases,
                                                 std::vector<std::string>& notes) {
  const std::string_view option = asked ? "--asked-by" : "--answered-by";
  const std::string_view theirs = asked ? "--outlet" : "--speaker";
  const std::string_view from = asked ? schema::k_prefix_outlet : schema::k_prefix_speaker;
  const std::string_view to = asked ? schema::k_prefix_asked_by : schema::k_prefix_answered_by;
  std::vector<Xapian::Query> any;
  for (const auto& name : names) {
    std::vector<std::string> own;
    auto q = asked ? outlet_filter(db, name, aliases, own) : speaker_filter(db, name, aliases, own);
    if (!q) return core::Error{std::string(option) + ": " + renamed(q.error(), theirs, option)};
    for (const auto& n : own) notes.push_back(renamed(n, theirs, option));
    for (auto t = q->get_unique_terms_begin(); t != q->get_unique_terms_end(); ++t)
      if ((*t).rfind(from, 0) == 0) any.emplace_back(term(to, (*t).substr(from.size())));
  }
  return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

struct Stored {
  Xapian::docid did = 0;
  PassageRecord record;
};

// Every passage of exchange id, in transcript order.
std::vector<Stored> exchange_passages(const Xapian::Database& db, const std::string& id) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(term(schema::k_prefix_exchange, id)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(schema::k_slot_order, false);
  auto mset = enquire.get_mset(0, db.get_doccount());
  std::vector<Stored> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back({*it, parse_passage_record(it.get_document())});
  return out;
}

// The exchange whole; snippets from mset around each side's best passage (did 0: the side's
// opening).
ExchangeHit make_hit(const std::string& id, const std::vector<Stored>& passages, const Xapian::MSet* mset,
                     Xapian::docid best_question, Xapian::docid best_answer, std::size_t snippet_bytes) {
  ExchangeHit hit;
  hit.id = id;
  for (const auto& s : passages) {
    auto& side = s.record.kind == "reporter" ? hit.question : hit.answer;
    const Xapian::docid best = &side == &hit.question ? best_question : best_answer;
    if (side.passages.empty() || s.did == best) {
      side.snippet = mset ? make_snippet(*mset, s.record.text, snippet_bytes)
                          : Snippet{{opening(s.record.text, snippet_bytes), false}};
    }
    side.passages.push_back(s.record);
  }
  if (!passages.empty()) {
    const auto& first = passages.front().record;
    hit.conference = first.conference;
    hit.title = first.title;
    hit.held = first.held;
    hit.published = first.published;
    if (first.follows > 0) hit.follows = core::exchange_id(first.conference, first.follows);
  }
  return hit;
}

}  // namespace

std::optional<std::pair<std::string, int>> parse_exchange_id(const std::string& id) {
  const auto at = id.rfind("/q");
  if (at == std::string::npos || at == 0) return std::nullopt;
  const char* begin = id.data() + at + 2;
  const char* end = id.data() + id.size();
  int n = 0;
  const auto [stop, ec] = std::from_chars(begin, end, n);
  if (begin == end || ec != std::errc() || stop != end || n < 1) return std::nullopt;
  return std::pair{id.substr(0, at), n};
}

core::Result<ExchangeResults> search_exchanges(Searcher& searcher, const ExchangeRequest& r) {
  return read_with_retry(searcher.opened(), [&](Xapian::Database& db) -> core::Result<ExchangeResults> {
    if (r.text.find_first_not_of(" \t\r\n") == std::string::npos && r.filters.empty() && r.asked_by.empty() &&
        r.answered_by.empty() && !r.unanswered)
      return core::Error{
          "empty query: give words to search the questions and answers for, e.g. scio-search exchanges \"coast "
          "guard\", or a filter such as --asked-by"};
    QueryBuilder builder(db, false, r.match_any, searcher.aliases());
    auto built = builder.build(r.text, r.filters);
    if (!built) return core::Error{built.error()};
    ExchangeResults results;
    results.notes = searcher.aliases().errors();
    results.notes.insert(results.notes.end(), built->notes.begin(), built->notes.end());

    std::vector<Xapian::Query> filters{Xapian::Query(Xapian::Query::OP_OR,
                                                     Xapian::Query(term(schema::k_prefix_exchange_side, "question")),
                                                     Xapian::Query(term(schema::k_prefix_exchange_side, "answer")))};
    for (const auto* names : {&r.asked_by, &r.answered_by}) {
      if (names->empty()) continue;
      auto q = exchange_name_filter(db, *names, names == &r.asked_by, searcher.aliases(), results.notes);
      if (!q) return core::Error{q.error()};
      filters.push_back(*q);
    }
    if (r.unanswered) filters.emplace_back(term(schema::k_prefix_exchange_side, "unanswered"));
    const Xapian::Query query(Xapian::Query::OP_FILTER, built->query,
                              Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));

    // The best passage of each side of each exchange (the collapse key is the exchange and side).
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    enquire.set_sort_by_relevance_then_value(schema::k_slot_held, true);
    enquire.set_collapse_key(schema::k_slot_exchange_side, 1);
    const Xapian::doccount want = std::max<Xapian::doccount>(k_candidates, 4 * (r.offset + r.limit));
    const Xapian::MSet mset = enquire.get_mset(0, want, want);
    struct Ranked {
      std::string id;
      double score = 0;
      Xapian::docid question = 0, answer = 0;
    };
    std::vector<Ranked> ranked;
    std::map<std::string, std::size_t> at;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string key = it.get_collapse_key();
      if (key.size() < 3) continue;
      const std::string id = key.substr(0, key.size() - 2);
      auto [pos, added] = at.try_emplace(id, ranked.size());
      if (added) ranked.push_back({id});
      auto& e = ranked[pos->second];
      e.score += it.get_weight();
      (key.back() == 'q' ? e.question : e.answer) = *it;
    }
    // Equal scores keep the MSet's order: the newest first.
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    if (mset.size() < want) {
      results.total = static_cast<Xapian::doccount>(ranked.size());
      results.total_exact = true;
    } else {
      Xapian::Enquire count(db);
      count.set_query(query);
      count.set_weighting_scheme(Xapian::BoolWeight());
      count.set_collapse_key(schema::k_slot_exchange, 1);
      const auto estimate = count.get_mset(0, 0, k_estimate_check);
      results.total = std::max<Xapian::doccount>(estimate.get_matches_estimated(), ranked.size());
      results.notes.push_back("exchanges ranked among the best " + number_text(want) +
                              " matching questions and answers only; a narrower query ranks every match");
    }
    for (std::size_t i = r.offset; i < ranked.size() && i < std::size_t{r.offset} + r.limit; ++i) {
      auto hit = make_hit(ranked[i].id, exchange_passages(db, ranked[i].id), &mset, ranked[i].question,
                          ranked[i].answer, r.snippet_bytes);
      hit.rank = static_cast<unsigned>(i + 1);
      hit.score = ranked[i].score;
      hit.question.matched = ranked[i].question != 0;
      hit.answer.matched = ranked[i].answer != 0;
      results.hits.push_back(std::move(hit));
    }
    return results;
  });
}

core::Result<ExchangeHit> find_exchange(Searcher& searcher, const std::string& id) {
  return read_with_retry(searcher.opened(), [&](Xapian::Database& db) -> core::Result<ExchangeHit> {
    const auto parsed = parse_exchange_id(id);
    auto passages = exchange_passages(db, id);
    if (!parsed || passages.empty()) {
      const bool known = parsed && db.term_exists(term(schema::k_prefix_conference, parsed->first));
      return core::Error{"no exchange \"" + id + "\" in the database" +
                         (known ? " (conference " + parsed->first +
                                      " has fewer exchanges; scio-search exchanges --conference " + parsed->first +
                                      " lists them)"
                                : std::string(" (exchange ids look like CONFERENCE/qN, as printed under each "
                                              "exchange of scio-search exchanges)"))};
    }
    return make_hit(id, passages, nullptr, 0, 0, 240);
  });
}

namespace {

// The turns of a side: passages of one turn joined, in order.
struct TurnText {
  const PassageRecord* first;
  std::string text;
};

std::vector<TurnText> turns_of(const ExchangeSide& side) {
  std::vector<TurnText> out;
  for (const auto& p : side.passages) {
    if (out.empty() || out.back().first->turn != p.turn) out.push_back({&p, p.text});
    else out.back().text += "\n\n" + p.text;
  }
  return out;
}

// Who spoke, after "Question from" or "Answer by": "AFP", "Li Hua (CCTV)", "Q (no outlet named)";
// "Li Wei, vice minister of transport".
std::string who(const PassageRecord& p) {
  std::string name = p.speaker.empty() ? std::string("(unknown speaker)") : p.speaker;
  if (!p.role.empty()) return name + ", " + p.role;
  if (p.kind != "reporter") return name;
  if (p.outlet.empty()) return name + " (no outlet named)";
  // "CCTV reporter:" is CCTV; "Follow-up:" keeps the outlet of the question it follows.
  const auto label = core::reporter_label(p.speaker);
  if (p.outlet == p.speaker || (label && (label->outlet.empty() || label->outlet == p.outlet))) return p.outlet;
  return name + " (" + p.outlet + ")";
}

std::vector<std::string> speakers_of(const ExchangeSide& side) {
  std::vector<std::string> out;
  for (const auto& p : side.passages)
    if (std::find(out.begin(), out.end(), p.speaker) == out.end()) out.push_back(p.speaker);
  return out;
}

// A side's text; with several speakers each turn opens with "Name: ", so that it stays attributed.
std::string side_text(const ExchangeSide& side) {
  const bool several = speakers_of(side).size() > 1;
  std::string out;
  for (const auto& t : turns_of(side))
    out += (out.empty() ? "" : "\n\n") + (several ? t.first->speaker + ": " : std::string()) + t.text;
  return out;
}

Json exchange_json(const ExchangeHit& hit, bool ranked) {
  auto ids = [](const ExchangeSide& side) {
    Json out = Json::array();
    for (const auto& p : side.passages) out.push_back(p.passage);
    return out;
  };
  const auto* asker = hit.question.passages.empty() ? nullptr : &hit.question.passages.front();
  Json j;
  if (ranked) {
    j["rank"] = hit.rank;
    j["score"] = hit.score;
  }
  j["exchange"] = hit.id;
  j["follows"] = hit.follows.empty() ? Json(nullptr) : Json(hit.follows);
  j["conference"] = hit.conference;
  j["title"] = hit.title;
  j["held"] = hit.held;
  j["question"] = {{"speaker", asker ? asker->speaker : std::string()},
                   {"outlet", asker && !asker->outlet.empty() ? Json(asker->outlet) : Json(nullptr)},
                   {"passages", ids(hit.question)},
                   {"text", side_text(hit.question)}};
  j["answer"] = {{"speakers", speakers_of(hit.answer)}, {"passages", ids(hit.answer)}, {"text", side_text(hit.answer)}};
  // The snippet of the side that matched best: the question's unless only the answer matched.
  const auto& best = hit.question.matched || !hit.answer.matched ? hit.question : hit.answer;
  j["snippet"] = plain_text(best.snippet);
  return j;
}

const std::vector<std::string> k_exchange_csv_fields = {"exchange", "held",        "title", "asked_by",
                                                        "question", "answered_by", "answer"};

std::vector<std::string> exchange_csv(const ExchangeHit& hit) {
  std::string asked_by;
  if (!hit.question.passages.empty()) {
    const auto& q = hit.question.passages.front();
    asked_by = q.outlet.empty() ? q.speaker : q.outlet;
  }
  std::string answered_by;
  for (const auto& s : speakers_of(hit.answer)) answered_by += (answered_by.empty() ? "" : "; ") + s;
  return {hit.id, hit.held, hit.title, asked_by, side_text(hit.question), answered_by, side_text(hit.answer)};
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
  out << "\r\n";
}

void write_lines(std::ostream& out, const std::vector<std::string>& lines) {
  for (const auto& line : lines) out << line << '\n';
}

// One exchange as text: the conference line, each side (snippet, or every turn whole), the id.
void write_exchange_text(const ExchangeHit& hit, bool full, const Terminal& terminal, std::ostream& out) {
  const Palette palette = terminal.colour ? Palette::colour() : Palette::plain();
  Palette strong = palette;
  strong.match = palette.strong;
  Palette faint = palette;
  faint.match = palette.faint;
  const std::string date = hit.held.empty() ? (hit.published.empty() ? "----------" : hit.published) : hit.held;
  const std::string lead = hit.rank ? std::to_string(hit.rank) + ". " : std::string();
  write_lines(out, wrap({{lead + date + " \u00b7 " + hit.title, false}}, terminal.width, "", "   ", strong));
  for (const auto* side : {&hit.question, &hit.answer}) {
    const std::string mark = side == &hit.question ? "Question from " : "Answer by ";
    if (side->passages.empty()) {
      write_lines(out, wrap({{"No answer", true}}, terminal.width, "   ", strong));
      continue;
    }
    if (!full) {
      std::string speakers;
      for (const auto& t : turns_of(*side))
        if (speakers.find(who(*t.first)) == std::string::npos)
          speakers += (speakers.empty() ? "" : "; ") + who(*t.first);
      write_lines(out, wrap({{mark, false}, {speakers, true}}, terminal.width, "   ", "      ", strong));
      write_lines(out, wrap(side->snippet, terminal.width, "      ", palette));
      continue;
    }
    for (const auto& t : turns_of(*side)) {
      write_lines(out, wrap({{mark, false}, {who(*t.first) + ":", true}}, terminal.width, "   ", "      ", strong));
      std::size_t start = 0;
      while (start <= t.text.size()) {
        auto end = t.text.find("\n\n", start);
        if (end == std::string::npos) end = t.text.size();
        write_lines(out,
                    wrap({{t.text.substr(start, end - start), false}}, terminal.width, "      ", Palette::plain()));
        start = end + 2;
      }
    }
  }
  std::string id = hit.id + (hit.follows.empty() ? std::string() : " \u00b7 follows " + hit.follows);
  write_lines(out, wrap({{id, true}}, terminal.width, "   ", faint));
}

}  // namespace

void write_exchanges(const ExchangeResults& r, const ExchangeRequest& request, bool full, Format format,
                     const Terminal& terminal, std::ostream& out, std::ostream& err) {
  const std::string matching = r.total == 1 ? "exchange matches" : "exchanges match";
  if (request.limit == 0) {
    write_count(r.total, r.total_exact, matching, format, terminal, out);
  } else if (format == Format::json) {
    for (const auto& hit : r.hits)
      out << exchange_json(hit, true).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  } else if (format == Format::csv) {
    write_csv_row(out, k_exchange_csv_fields);
    for (const auto& hit : r.hits) write_csv_row(out, exchange_csv(hit));
  } else {
    for (const auto& hit : r.hits) {
      write_exchange_text(hit, full, terminal, out);
      out << '\n';
    }
    const std::string about = r.total_exact ? "" : "about ";
    const std::string count =
        r.hits.empty() ? (r.total == 0 ? "No exchanges match."
                                       : "No exchanges on this page: " + about + number_text(r.total) + " match.")
                       : "Exchanges " + std::to_string(r.hits.front().rank) + "-" + std::to_string(r.hits.back().rank) +
                             " of " + about + number_text(r.total) + ".";
    write_lines(out, wrap({{count, false}}, terminal.width, "", Palette::plain()));
  }
  write_notes(r.notes, format, terminal, out, err);
}

Outcome run_exchanges(const ExchangeOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  ExchangeRequest request = options.request;
  // An unanswered question has no answerer: both options together could only find nothing.
  if (request.unanswered && !request.answered_by.empty())
    return Outcome{k_exit_usage,
                   "--unanswered and --answered-by exclude each other: an unanswered question has "
                   "no answerer (--asked-by and the other filters apply to it)"};
  for (const auto& w : options.words) request.text += (request.text.empty() ? "" : " ") + w;
  request.snippet_bytes = 2 * (terminal.width > 3 ? terminal.width - 3 : 1);
  Searcher searcher = open_searcher(options.common);
  auto results = search_exchanges(searcher, request);
  if (!results) return Outcome{k_exit_usage, results.error()};
  if (options.common.bom && options.common.format == Format::csv) out << "\xEF\xBB\xBF";
  write_exchanges(*results, request, options.full, options.common.format, terminal, out, err);
  const bool found = request.limit == 0 ? results->total > 0 : !results->hits.empty();
  return Outcome{found ? k_exit_found : k_exit_nothing, {}};
}

Outcome run_show_exchange(const ShowOptions& options, const Terminal& terminal, std::ostream& out) {
  if (options.context_given)
    return Outcome{k_exit_usage, "--context: \"" + options.id +
                                     "\" is an exchange id, shown whole; --context takes a passage or turn id"};
  Searcher searcher = open_searcher(options.common);
  auto hit = find_exchange(searcher, options.id);
  if (!hit) return Outcome{k_exit_nothing, hit.error()};
  if (options.common.bom && options.common.format == Format::csv) out << "\xEF\xBB\xBF";
  if (options.common.format == Format::json) {
    out << exchange_json(*hit, false).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
  } else if (options.common.format == Format::csv) {
    write_csv_row(out, k_exchange_csv_fields);
    write_csv_row(out, exchange_csv(*hit));
  } else {
    write_exchange_text(*hit, true, terminal, out);
  }
  return {};
}

}  // namespace scio::searcher

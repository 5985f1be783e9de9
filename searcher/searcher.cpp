#include "searcher/searcher.h"

#include "core/schema.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <map>
#include <vector>

namespace scio::searcher {
namespace {

namespace schema = core::schema;

// No time limit on it (Enquire::set_time_limit): the count shown would then depend on the
// machine's load, "4" on one run and "about 5" on the next.
constexpr Xapian::doccount k_estimate_check = 1000;

std::string iso(const std::string& compact) {
  if (compact.size() != 8) return compact;
  return compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2);
}

void set_sort(Xapian::Enquire& enquire, Sort sort) {
  switch (sort) {
    case Sort::relevance:
      // Equal weights (a query of filters only weighs nothing) come newest first.
      enquire.set_sort_by_relevance_then_value(schema::k_slot_held, true);
      break;
    case Sort::newest:
      enquire.set_sort_by_value_then_relevance(schema::k_slot_held, true);
      break;
    case Sort::oldest:
      enquire.set_sort_by_value_then_relevance(schema::k_slot_held, false);
      break;
  }
}

struct Tally {
  std::size_t passages = 0;
  std::string first;  // held slot values (YYYYMMDD)
  std::string last;
  Xapian::docid example = 0;  // the first matching passage
  std::map<std::string, std::size_t> kinds;
};

// The documents of an MSet, to count them by the values of a boolean prefix. Walking each value's
// posting list (together they hold every document once) reads far less than each document's
// term list would: a listing over the whole White House corpus takes a fraction of a second.
class MatchSet {
 public:
  MatchSet(const Xapian::Database& db, const Xapian::MSet& mset) : m_db(db) {
    const auto size = static_cast<std::size_t>(db.get_lastdocid()) + 1;
    m_matched.assign(size, false);
    m_held.assign(size, std::string());
    for (auto it = mset.begin(); it != mset.end(); ++it) m_matched[*it] = true;
    for (auto v = db.valuestream_begin(schema::k_slot_held); v != db.valuestream_end(schema::k_slot_held); ++v)
      if (v.get_docid() < size && m_matched[v.get_docid()]) m_held[v.get_docid()] = *v;
  }

  // Matching passages per value of prefix, in value order; with kinds, how many of each speaker kind.
  std::map<std::string, Tally> tally(std::string_view prefix, bool kinds) const {
    std::vector<std::string> kind_of;
    if (kinds) {
      kind_of.assign(m_matched.size(), std::string());
      for_each_value(schema::k_prefix_kind, [&](const std::string& kind, Xapian::docid did) { kind_of[did] = kind; });
    }
    std::map<std::string, Tally> out;
    for_each_value(prefix, [&](const std::string& value, Xapian::docid did) {
      auto& t = out[value];
      if (t.example == 0) t.example = did;
      ++t.passages;
      if (kinds) ++t.kinds[kind_of[did]];
      const auto& date = m_held[did];
      if (!date.empty() && (t.first.empty() || date < t.first)) t.first = date;
      if (!date.empty() && (t.last.empty() || date > t.last)) t.last = date;
    });
    return out;
  }

 private:
  template <typename Visit>
  void for_each_value(std::string_view prefix, Visit visit) const {
    const std::string p(prefix);
    for (auto term = m_db.allterms_begin(p); term != m_db.allterms_end(p); ++term) {
      const std::string value = (*term).substr(p.size());
      for (auto post = m_db.postlist_begin(*term); post != m_db.postlist_end(*term); ++post)
        if (*post < m_matched.size() && m_matched[*post]) visit(value, *post);
    }
  }

  const Xapian::Database& m_db;
  std::vector<bool> m_matched;
  std::vector<std::string> m_held;
};

}  // namespace

Searcher::Searcher(OpenedDatabase db) : m_db(std::move(db)) {}

core::Result<SearchResults> Searcher::search(const SearchRequest& request) {
  return read_with_retry(m_db, [&](Xapian::Database&) { return run_search(request); });
}

core::Result<SearchResults> Searcher::run_search(const SearchRequest& request) {
  const Xapian::Database& db = m_db.db;
  if (request.text.find_first_not_of(" \t\r\n") == std::string::npos && request.filters.empty())
    return core::Error{"empty query: give words to search for, e.g. scio-search \"green shipping\", or a filter such as --speaker"};
  QueryBuilder builder(db, !m_db.remote, request.match_any);
  auto built = builder.build(request.text, request.filters);
  if (!built) return core::Error{built.error()};

  Xapian::Enquire enquire(db);
  enquire.set_query(built->query);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  set_sort(enquire, request.sort);
  if (request.per_conference > 0) enquire.set_collapse_key(schema::k_slot_conference, request.per_conference);
  // Without looking past the first page, Xapian estimates an AND of related words ("health care
  // reform") from independent term frequencies: 70 for 1,020 on the White House corpus. Looking at
  // k_estimate_check matches first costs a few milliseconds and gets the order of magnitude right.
  const Xapian::doccount check =
      request.exact ? db.get_doccount() : std::max<Xapian::doccount>(k_estimate_check, request.offset + request.limit);
  Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check);

  SearchResults results;
  results.notes = built->notes;
  results.total = mset.get_matches_estimated();
  results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  unsigned rank = request.offset;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = ++rank;
    hit.score = it.get_weight();
    hit.passage = parse_passage_record(it.get_document().get_data());
    hit.snippet = make_snippet(mset, hit.passage.text, request.snippet_bytes);
    hit.highlights = matched_words(mset, hit.passage.text);
    results.hits.push_back(std::move(hit));
  }

  // "Did you mean" only when the query found little: a correction of a query that works is noise.
  const bool few = results.total < std::max(1u, request.limit);
  if (few && m_db.remote && !request.text.empty()) results.no_spelling = true;
  const std::string corrected = few ? builder.correction(request.text) : std::string();
  if (!corrected.empty()) {
    auto other_query = builder.build(corrected, request.filters);
    if (other_query) {
      Xapian::Enquire other(db);
      other.set_query(other_query->query);
      other.set_weighting_scheme(Xapian::BoolWeight());
      if (request.per_conference > 0) other.set_collapse_key(schema::k_slot_conference, request.per_conference);
      const auto matches = other.get_mset(0, 0, request.limit).get_matches_estimated();
      if (matches > results.total) results.suggestion = Suggestion{corrected, matches};
    }
  }
  return results;
}

core::Result<PassageContext> Searcher::context(const std::string& id, unsigned turns) {
  return read_with_retry(m_db, [&](Xapian::Database& db) -> core::Result<PassageContext> {
    // A passage id, else a conference id, else CONFERENCE/TURN: tried in that order, so that no
    // assumption is made about which characters a conference id may hold.
    std::string conference;
    std::optional<int> turn;
    std::string passage;
    const std::string id_term = std::string(schema::k_prefix_passage_id) + id;
    auto posting = db.postlist_begin(id_term);
    auto known_conference = [&](const std::string& c) {
      return !c.empty() && db.term_exists(std::string(schema::k_prefix_conference) + c);
    };
    if (!id.empty() && posting != db.postlist_end(id_term)) {
      const auto record = parse_passage_record(db.get_document(*posting).get_data());
      conference = record.conference;
      turn = record.turn;
      passage = id;
    } else if (known_conference(id)) {
      conference = id;
    } else if (const auto slash = id.rfind('/'); slash != std::string::npos && known_conference(id.substr(0, slash))) {
      const std::string number = id.substr(slash + 1);
      int n = 0;
      const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
      if (number.empty() || ec != std::errc() || end != number.data() + number.size())
        return core::Error{"no passage \"" + id + "\" in conference " + id.substr(0, slash) +
                           " (a passage id is CONFERENCE/TURN.PART, a turn id CONFERENCE/TURN)"};
      conference = id.substr(0, slash);
      turn = n;
    } else {
      return core::Error{"no passage, turn or conference \"" + id +
                         "\" in the database (ids look like CONFERENCE/TURN.PART for a passage, as printed under "
                         "each hit, CONFERENCE/TURN for a turn, CONFERENCE for the whole transcript)"};
    }

    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(std::string(schema::k_prefix_conference) + conference));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(schema::k_slot_order, false);
    auto mset = enquire.get_mset(0, db.get_doccount());
    std::vector<PassageRecord> all;
    for (auto it = mset.begin(); it != mset.end(); ++it) all.push_back(parse_passage_record(it.get_document().get_data()));

    PassageContext out;
    out.target = id;
    if (!turn) {
      for (const auto& p : all) out.targets.push_back(p.passage);
      out.passages = std::move(all);
      out.whole = true;
      return out;
    }
    // Turns without text have no passage, so "N turns away" counts the turns that are there.
    std::vector<int> turn_numbers;
    for (const auto& p : all)
      if (turn_numbers.empty() || turn_numbers.back() != p.turn) turn_numbers.push_back(p.turn);
    const auto found = std::find(turn_numbers.begin(), turn_numbers.end(), *turn);
    if (found == turn_numbers.end())
      return core::Error{"no turn " + std::to_string(*turn) + " with text in conference " + conference +
                         (turn_numbers.empty() ? std::string()
                                               : " (its turns run from " + std::to_string(turn_numbers.front()) +
                                                     " to " + std::to_string(turn_numbers.back()) + ")")};
    const auto at = found - turn_numbers.begin();
    const auto first = std::max<std::ptrdiff_t>(0, at - static_cast<std::ptrdiff_t>(turns));
    const auto last = std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(turn_numbers.size()) - 1,
                                               at + static_cast<std::ptrdiff_t>(turns));
    for (auto& p : all) {
      if (p.turn < turn_numbers[first] || p.turn > turn_numbers[last]) continue;
      if (passage.empty() ? p.turn == *turn : p.passage == passage) out.targets.push_back(p.passage);
      out.passages.push_back(std::move(p));
    }
    return out;
  });
}

core::Result<Xapian::MSet> Searcher::all_matches(const std::string& text, const Filters& filters,
                                                 std::vector<std::string>& notes) {
  const Xapian::Database& db = m_db.db;
  QueryBuilder builder(db, false, false);
  auto built = builder.build(text, filters);
  if (!built) return core::Error{built.error()};
  notes = built->notes;
  Xapian::Enquire enquire(db);
  enquire.set_query(built->query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const auto all = db.get_doccount();
  return enquire.get_mset(0, all, all);
}

core::Result<Listing<SpeakerRow>> Searcher::speakers(const std::string& text, const Filters& filters) {
  return read_with_retry(m_db, [&](Xapian::Database& db) -> core::Result<Listing<SpeakerRow>> {
    Listing<SpeakerRow> out;
    auto mset = all_matches(text, filters, out.notes);
    if (!mset) return core::Error{mset.error()};
    const MatchSet matches(db, *mset);
    auto& rows = out.rows;
    for (auto& [key, tally] : matches.tally(schema::k_prefix_speaker, true)) {
      SpeakerRow row;
      row.key = key;
      const auto record = parse_passage_record(db.get_document(tally.example).get_data());
      row.name = record.speaker.empty() ? key : record.speaker;
      row.kind = std::max_element(tally.kinds.begin(), tally.kinds.end(), [](const auto& a, const auto& b) {
                   return a.second < b.second;
                 })->first;
      row.passages = tally.passages;
      row.first = iso(tally.first);
      row.last = iso(tally.last);
      rows.push_back(std::move(row));
    }
    // Most passages first; the tally's key order stays among equals.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const SpeakerRow& a, const SpeakerRow& b) { return a.passages > b.passages; });
    return out;
  });
}

core::Result<Listing<ConferenceRow>> Searcher::conferences(const std::string& text, const Filters& filters) {
  return read_with_retry(m_db, [&](Xapian::Database& db) -> core::Result<Listing<ConferenceRow>> {
    Listing<ConferenceRow> out;
    auto mset = all_matches(text, filters, out.notes);
    if (!mset) return core::Error{mset.error()};
    const MatchSet matches(db, *mset);
    std::vector<std::pair<std::string, ConferenceRow>> rows;  // sort date, row
    for (auto& [id, tally] : matches.tally(schema::k_prefix_conference, false)) {
      const auto record = parse_passage_record(db.get_document(tally.example).get_data());
      rows.push_back({tally.first, ConferenceRow{id, record.title, record.held, record.published, tally.passages}});
    }
    // Newest first; the tally's id order stays among conferences of one date.
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& r : rows) out.rows.push_back(std::move(r.second));
    return out;
  });
}

}  // namespace scio::searcher

#include "searcher/searcher.h"

#include "core/chinese_name.h"
#include "core/document.h"
#include "core/schema.h"
#include "searcher/counterpart.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <map>
#include <set>
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

// Held date, then transcript order: conference, then turn and part. Relevance alone would list
// the hits of one day in any order, an answer before the question it answers. The Enquire owns
// the key maker (release()).
Xapian::KeyMaker* transcript_order(bool newest_first) {
  auto* key = new Xapian::MultiValueKeyMaker();
  key->add_value(schema::k_slot_held, newest_first);
  key->add_value(schema::k_slot_conference);
  key->add_value(schema::k_slot_order);
  return key->release();
}

// A remote database takes no KeyMaker (Xapian 1.4 cannot send one): there, hits of one day come in
// relevance order, and run_search says so.
void set_sort(Xapian::Enquire& enquire, Sort sort, bool remote) {
  if (remote) {
    if (sort == Sort::relevance) enquire.set_sort_by_relevance_then_value(schema::k_slot_held, true);
    else enquire.set_sort_by_value_then_relevance(schema::k_slot_held, sort == Sort::newest);
    return;
  }
  switch (sort) {
    case Sort::relevance:
      // Equal weights (a query of filters only weighs nothing) come newest first.
      enquire.set_sort_by_relevance_then_key(transcript_order(true), false);
      break;
    case Sort::newest: enquire.set_sort_by_key_then_relevance(transcript_order(true), false); break;
    case Sort::oldest: enquire.set_sort_by_key_then_relevance(transcript_order(false), false); break;
  }
}

// The matches of query, at most per_conference of each conference (0: no limit), counted one by
// one. With a collapse key Xapian's bounds stay apart even when it checks every document ("tax OR
// economy" on the White House corpus, one per conference: between 1,436 and 2,262, shown as
// "about 1,500"), so only the whole list gives the count.
Xapian::doccount exact_count(const Xapian::Database& db, const Xapian::Query& query, unsigned per_conference) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (per_conference > 0) enquire.set_collapse_key(schema::k_slot_conference, per_conference);
  const auto all = db.get_doccount();
  return enquire.get_mset(0, all, all).size();
}

// A quote this long that finds nothing may run across two passages.
constexpr std::size_t k_long_quote_words = 8;
// Each half of a quote shown as running across two passages holds at least this many words.
constexpr std::size_t k_quote_part_words = 3;

bool any_match(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

Xapian::Query filtered(const Xapian::Query& words, const Xapian::Query& filter) {
  return filter.get_type() == Xapian::Query::LEAF_MATCH_ALL ? words
                                                            : Xapian::Query(Xapian::Query::OP_FILTER, words, filter);
}

// What a long phrase that found nothing becomes: the passages that hold its start and its end one
// after the other, or only a note saying what to do.
struct QuoteSplit {
  std::optional<Xapian::Query> query;
  std::string note;
};

// The words of terms (a phrase's subqueries) from..to as a phrase.
Xapian::Query phrase_of(const std::vector<Xapian::Query>& terms, std::size_t from, std::size_t to) {
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin() + static_cast<std::ptrdiff_t>(from),
                       terms.begin() + static_cast<std::ptrdiff_t>(to));
}

// How many of the phrase's words, counted from its start (or its end), some passage holds. A
// passage holding a phrase holds each start of it, so halving finds the most; the whole phrase is
// known to be held by none.
std::size_t longest_held(const Xapian::Database& db, const std::vector<Xapian::Query>& terms,
                         const Xapian::Query& filter, bool from_end) {
  const std::size_t n = terms.size();
  std::size_t held = 0;
  std::size_t not_held = n;
  while (not_held - held > 1) {
    const std::size_t mid = (held + not_held) / 2;
    const auto part = from_end ? phrase_of(terms, n - mid, n) : phrase_of(terms, 0, mid);
    (any_match(db, filtered(part, filter)) ? held : not_held) = mid;
  }
  return held;
}

// The word of a phrase's subquery (a term, or a term OR its possessive).
std::string word_of(const Xapian::Query& sub) {
  auto it = sub.get_terms_begin();
  return it == sub.get_terms_end() ? std::string() : *it;
}

// A pasted quote finds nothing when scio-index cut its turn into two passages inside it (a turn
// is cut at a sentence end every 1,200 bytes). Then the passage holding the longest start of the
// phrase and the next passage, holding the rest, are what was asked for.
std::optional<QuoteSplit> split_quote(const Xapian::Database& db, const std::string& text, const Xapian::Query& words,
                                      const Xapian::Query& filter) {
  const std::size_t n = words.get_num_subqueries();
  if (n < k_long_quote_words) return std::nullopt;
  if (words.get_type() == Xapian::Query::OP_AND && text.find('"') == std::string::npos)
    return QuoteSplit{std::nullopt,
                      "no passage holds all these words; a quote that runs on from one passage into "
                      "the next is found when it is given in \"quotes\""};
  // A "quoted phrase" (its window is its length), not a ADJ b.
  if (words.get_type() != Xapian::Query::OP_PHRASE || positional_window(words) != n) return std::nullopt;
  std::vector<Xapian::Query> terms;
  for (std::size_t i = 0; i < n; ++i) terms.push_back(words.get_subquery(i));
  const std::size_t head = longest_held(db, terms, filter, false);
  const std::size_t tail = longest_held(db, terms, filter, true);

  std::vector<std::string> ids;  // passage ids of the pairs found
  if (head >= k_quote_part_words && tail >= k_quote_part_words && head + tail >= n) {
    auto matches = [&](const Xapian::Query& part) {
      Xapian::Enquire enquire(db);
      enquire.set_query(filtered(part, filter));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      std::vector<PassageRecord> out;
      // All of them: a short common start ("of the people") must not lose its pair to a cap.
      const auto mset = enquire.get_mset(0, db.get_doccount());
      for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(parse_passage_record(it.get_document()));
      return out;
    };
    const auto starts = matches(phrase_of(terms, 0, head));
    std::set<std::string> ends;
    for (const auto& p : matches(phrase_of(terms, n - tail, n))) ends.insert(p.passage);
    auto exists = [&](const std::string& id) {
      const std::string term = core::term(schema::k_prefix_passage_id, id);
      return db.term_exists(term);
    };
    for (const auto& p : starts) {
      // The next passage: the turn's next part, else the next turn's first.
      const std::string same_turn = p.conference + "/" + std::to_string(p.turn) + "." + std::to_string(p.part + 1);
      const std::string next_turn = p.conference + "/" + std::to_string(p.turn + 1) + ".1";
      const std::string next = exists(same_turn) ? same_turn : next_turn;
      if (ends.count(next)) {
        ids.push_back(p.passage);
        ids.push_back(next);
      }
    }
  }
  if (ids.empty()) {
    const std::string note =
        "no passage holds the whole quote (" + std::to_string(n) + " words), nor two passages one after the other; ";
    if (head == 0) return QuoteSplit{std::nullopt, note + "not even its first word is found: check the quote"};
    return QuoteSplit{std::nullopt, note + "its first " + std::to_string(head) + " words are found, up to \"" +
                                        word_of(terms[head - 1]) + "\": check the quote from the word after it"};
  }
  std::vector<Xapian::Query> id_terms;
  for (const auto& id : ids) id_terms.emplace_back(core::term(schema::k_prefix_passage_id, id));
  const Xapian::Query parts(Xapian::Query::OP_OR, phrase_of(terms, 0, head), phrase_of(terms, n - tail, n));
  const Xapian::Query pairs(Xapian::Query::OP_OR, id_terms.begin(), id_terms.end());
  return QuoteSplit{Xapian::Query(Xapian::Query::OP_FILTER, parts, pairs),
                    "no passage holds the whole quote (" + std::to_string(n) +
                        " words): it runs on from one passage into the next; shown: the passages holding its first " +
                        std::to_string(head) + " and its last " + std::to_string(tail) + " words"};
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

Searcher::Searcher(OpenedDatabase db, core::Aliases aliases) : m_db(std::move(db)), m_aliases(std::move(aliases)) {}

std::vector<std::string> Searcher::notes_of(const std::vector<std::string>& query_notes) const {
  std::vector<std::string> out = m_aliases.errors();
  out.insert(out.end(), query_notes.begin(), query_notes.end());
  return out;
}

core::Result<SearchResults> Searcher::search(const SearchRequest& request) {
  return read_with_retry(m_db, [&](Xapian::Database&) { return run_search(request); });
}

core::Result<SearchResults> Searcher::run_search(const SearchRequest& request) {
  const Xapian::Database& db = m_db.db;
  if (request.text.find_first_not_of(" \t\r\n") == std::string::npos && request.filters.empty())
    return core::Error{
        "empty query: give words to search for, e.g. scio-search \"green shipping\", or a filter such as --speaker"};
  QueryBuilder builder(db, !m_db.remote, request.match_any, m_aliases);
  auto built = builder.build(request.text, request.filters);
  if (!built) return core::Error{built.error()};

  SearchResults results;
  results.notes = notes_of(built->notes);
  auto run = [&](const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    set_sort(enquire, request.sort, m_db.remote);
    if (request.per_conference > 0) enquire.set_collapse_key(schema::k_slot_conference, request.per_conference);
    // Without looking past the first page, Xapian estimates an AND of related words ("health care
    // reform") from independent term frequencies, far below the truth (figures in bench/RESULTS.md).
    // Looking at k_estimate_check matches first is cheap and gets the order of magnitude right.
    const Xapian::doccount check = request.exact
                                       ? db.get_doccount()
                                       : std::max<Xapian::doccount>(k_estimate_check, request.offset + request.limit);
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check);
    results.total = mset.get_matches_estimated();
    results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (request.exact && !results.total_exact) {
      results.total = exact_count(db, query, request.per_conference);
      results.total_exact = true;
    }
    results.hits.clear();
    unsigned rank = request.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Hit hit;
      hit.rank = ++rank;
      hit.score = it.get_weight();
      hit.passage = parse_passage_record(it.get_document());
      hit.snippet = make_snippet(mset, hit.passage.text, request.snippet_bytes);
      hit.highlights = matched_words(mset, hit.passage.text);
      results.hits.push_back(std::move(hit));
    }
  };
  run(built->query);
  if (results.total == 0 && !request.text.empty()) {
    std::vector<std::string> ignored;  // the filters' notes were made with the query
    auto filter = builder.filter(request.filters, ignored);
    if (!filter) return core::Error{filter.error()};
    if (auto split = split_quote(db, request.text, built->words, *filter)) {
      if (split->query) run(*split->query);
      results.notes.push_back(split->note);
    }
  }

  Counterparts counterparts(db);
  for (auto& hit : results.hits) hit.counterpart = counterparts.of(hit.passage.conference, hit.passage.date());
  results.notes.insert(results.notes.end(), counterparts.notes().begin(), counterparts.notes().end());

  if (m_db.remote && request.sort != Sort::relevance) {
    for (std::size_t i = 1; i < results.hits.size(); ++i) {
      if (results.hits[i].passage.date() != results.hits[i - 1].passage.date()) continue;
      results.notes.push_back(
          "hits of one day are in relevance order, not transcript order: a remote database "
          "cannot sort by conference and turn");
      break;
    }
  }

  // "Did you mean" only when the query found little: a correction of a query that works is noise.
  const bool few = results.total < std::max(1u, request.limit);
  if (few && m_db.remote && !request.text.empty()) results.no_spelling = true;
  const std::string corrected = few ? builder.correction(request.text) : std::string();
  if (!corrected.empty()) {
    auto other_query = builder.build(corrected, request.filters);
    if (other_query) {
      // Counted, not estimated: the count is shown as a fact ("(120 passages)"); the suggestion
      // comes only when the query found little, so it is rarely a long count.
      const auto matches = exact_count(db, other_query->query, request.per_conference);
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
    const std::string id_term = core::term(schema::k_prefix_passage_id, id);
    auto posting = db.postlist_begin(id_term);
    auto known_conference = [&](const std::string& c) {
      return !c.empty() && db.term_exists(core::term(schema::k_prefix_conference, c));
    };
    if (!id.empty() && posting != db.postlist_end(id_term)) {
      const auto record = parse_passage_record(db.get_document(*posting));
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
    enquire.set_query(Xapian::Query(core::term(schema::k_prefix_conference, conference)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(schema::k_slot_order, false);
    auto mset = enquire.get_mset(0, db.get_doccount());
    std::vector<PassageRecord> all;
    for (auto it = mset.begin(); it != mset.end(); ++it) all.push_back(parse_passage_record(it.get_document()));

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
  QueryBuilder builder(db, false, false, m_aliases);
  auto built = builder.build(text, filters);
  if (!built) return core::Error{built.error()};
  notes = notes_of(built->notes);
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
    // Keys of one alias group ("afp", "agence france presse") add up under the group's key.
    std::map<std::string, Tally> merged;
    std::map<std::string, std::pair<std::size_t, std::string>> names;  // canonical key -> largest key's passages, name
    // A reporter's key is the outlet's: the outlet table groups those.
    auto alias_kind = [](const Tally& t) {
      const auto most = std::max_element(t.kinds.begin(), t.kinds.end(),
                                         [](const auto& a, const auto& b) { return a.second < b.second; });
      return most != t.kinds.end() && most->first == "reporter" ? core::AliasKind::outlet : core::AliasKind::speaker;
    };
    std::map<std::string, core::AliasKind> kind_of;
    for (auto& [key, tally] : matches.tally(schema::k_prefix_speaker, true)) {
      const auto kind = alias_kind(tally);
      const std::string canonical = m_aliases.canonical(kind, key);
      kind_of.emplace(canonical, kind);
      auto& m = merged[canonical];
      auto& name = names[canonical];
      if (tally.passages > name.first) {
        const auto record = parse_passage_record(db.get_document(tally.example));
        name = {tally.passages, record.speaker.empty() ? key : record.speaker};
        // A Chinese name's row holds its English passages too (one key, core/chinese_name.h): both shown.
        name.second = core::name_in_both(name.second);
      }
      m.passages += tally.passages;
      for (const auto& [kind, n] : tally.kinds) m.kinds[kind] += n;
      if (!tally.first.empty() && (m.first.empty() || tally.first < m.first)) m.first = tally.first;
      if (tally.last > m.last) m.last = tally.last;
    }
    for (auto& [key, tally] : merged) {
      SpeakerRow row;
      row.key = key;
      const auto table_name = m_aliases.display(kind_of[key], key);
      row.name = table_name.empty() ? names[key].second : table_name;
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
      const auto record = parse_passage_record(db.get_document(tally.example));
      rows.push_back({tally.first, ConferenceRow{id, record.title, record.held, record.published, tally.passages,
                                                 record.conference_lang, std::nullopt}});
    }
    // Newest first; the tally's id order stays among conferences of one date.
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& r : rows) out.rows.push_back(std::move(r.second));
    return out;
  });
}

void Searcher::link_counterparts(Listing<ConferenceRow>& listing) {
  read_with_retry(m_db, [&](Xapian::Database& db) {
    Counterparts counterparts(db);
    for (auto& row : listing.rows)
      row.counterpart = counterparts.of(row.id, row.held.empty() ? row.published : row.held);
    listing.notes.insert(listing.notes.end(), counterparts.notes().begin(), counterparts.notes().end());
    return 0;
  });
}

}  // namespace scio::searcher

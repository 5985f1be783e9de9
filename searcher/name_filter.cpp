#include "searcher/name_filter.h"

#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"
#include "searcher/passage_record.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <set>
#include <tuple>

namespace scio::searcher {
namespace {

namespace schema = core::schema;

// Words that name an office rather than a person: "Vice Minister Xin Guobin" is Xin Guobin.
constexpr std::array<std::string_view, 24> k_title_words = {
    "ambassador", "chairman",  "chairwoman", "chief",     "deputy",      "director",
    "dr",         "general",   "governor",   "minister",  "miss",        "mrs",
    "madam",      "premier",   "president",  "press",     "professor",   "prof",
    "secretary",  "senator",   "spokesman",  "spokesperson", "spokeswoman", "vice",
};

bool is_title_word(std::string_view word) {
  return std::find(k_title_words.begin(), k_title_words.end(), word) != k_title_words.end();
}

std::string term(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  out += value;
  return out;
}

std::string sorted_words(std::string_view key) {
  auto words = core::split_words(key);
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

bool matches_anything(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

// A display form of a known value: the speaker or outlet as written in one of its passages.
std::string display_name(const Xapian::Database& db, std::string_view prefix, const std::string& value) {
  const auto t = term(prefix, value);
  auto it = db.postlist_begin(t);
  if (it == db.postlist_end(t)) return value;
  auto record = parse_passage_record(db.get_document(*it).get_data());
  const auto& name = prefix == schema::k_prefix_outlet ? record.outlet : record.speaker;
  return name.empty() ? value : name;
}

std::string closest_list(const Xapian::Database& db, std::string_view prefix, std::string_view key) {
  std::string out;
  for (const auto& value : closest_values(db, prefix, key, 5)) {
    if (!out.empty()) out += ", ";
    out += prefix == schema::k_prefix_conference ? value : display_name(db, prefix, value);
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest_values(const Xapian::Database& db, std::string_view prefix, std::string_view key,
                                        std::size_t limit) {
  struct Candidate {
    std::size_t distance;
    std::string value;
    bool operator<(const Candidate& o) const { return std::tie(distance, value) < std::tie(o.distance, o.value); }
  };
  const std::string sorted_key = sorted_words(key);
  std::set<Candidate> best;
  const std::string p(prefix);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    const std::string value = (*it).substr(p.size());
    const std::size_t d = std::min(edit_distance(key, value), edit_distance(sorted_key, sorted_words(value)));
    best.insert({d, value});
    if (best.size() > limit) best.erase(std::prev(best.end()));
  }
  // Far-off names are noise, unless nothing is near: then the nearest few still help.
  const std::size_t near = std::max<std::size_t>(3, key.size() / 2);
  std::vector<std::string> out;
  for (const auto& c : best)
    if (c.distance <= near || (out.size() < std::min<std::size_t>(limit, 3) && best.begin()->distance > near))
      out.push_back(c.value);
  return out;
}

core::Result<Xapian::Query> speaker_filter(const Xapian::Database& db, std::string_view name) {
  const std::string key = core::speaker_key(name);
  if (key.empty()) return core::Error{"empty speaker name in --speaker"};
  const std::string exact = term(schema::k_prefix_speaker, key);
  if (db.term_exists(exact)) return Xapian::Query(exact);
  auto words = core::split_words(key);
  std::vector<std::string> names;
  for (const auto& w : words)
    if (!is_title_word(w)) names.push_back(w);
  if (names.empty()) names = words;  // "The President" is a speaker of its own
  std::vector<Xapian::Query> terms;
  bool known = true;
  for (const auto& w : names) {
    terms.emplace_back(term(schema::k_prefix_speaker_word, w));
    known = known && db.term_exists(term(schema::k_prefix_speaker_word, w));
  }
  Xapian::Query all(Xapian::Query::OP_AND, terms.begin(), terms.end());
  if (known && matches_anything(db, all)) return all;
  // A given name the transcripts never use ("Josh Earnest" for "MR. EARNEST:") may go, when the
  // rest is a speaker's whole key; a misspelt name is not dropped that way ("Xin Guobim").
  std::string rest;
  for (const auto& w : names)
    if (db.term_exists(term(schema::k_prefix_speaker_word, w))) rest += (rest.empty() ? "" : " ") + w;
  if (!rest.empty() && rest != key && db.term_exists(term(schema::k_prefix_speaker, rest)))
    return Xapian::Query(term(schema::k_prefix_speaker, rest));
  const auto closest = closest_list(db, schema::k_prefix_speaker, key);
  return core::Error{"no speaker matches \"" + std::string(name) + "\"" +
                     (closest.empty() ? std::string(" (the database has no speakers)")
                                      : "; closest known: " + closest + " (all: scio-search speakers)")};
}

core::Result<Xapian::Query> outlet_filter(const Xapian::Database& db, std::string_view name) {
  const std::string key = core::speaker_key(name);
  if (key.empty()) return core::Error{"empty outlet name"};
  const std::string t = term(schema::k_prefix_outlet, key);
  if (db.term_exists(t)) return Xapian::Query(t);
  const auto closest = closest_list(db, schema::k_prefix_outlet, key);
  return core::Error{"no outlet matches \"" + std::string(name) + "\"" +
                     (closest.empty() ? std::string(" (the database names no outlets)") : "; closest known: " + closest)};
}

core::Result<Xapian::Query> conference_filter(const Xapian::Database& db, std::string_view id) {
  const std::string t = term(schema::k_prefix_conference, core::trim(id));
  if (db.term_exists(t)) return Xapian::Query(t);
  const auto closest = closest_list(db, schema::k_prefix_conference, core::trim(id));
  return core::Error{"no conference \"" + std::string(id) + "\"" +
                     (closest.empty() ? std::string(" (the database is empty)")
                                      : "; closest known: " + closest + " (all: scio-search conferences)")};
}

}  // namespace scio::searcher

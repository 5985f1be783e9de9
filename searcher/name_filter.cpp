#include "searcher/name_filter.h"

#include "core/aliases.h"
#include "core/chinese_name.h"
#include "core/document.h"
#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"
#include "searcher/database.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace scio::searcher {
namespace {

namespace schema = core::schema;
using core::term;

// Words that name an office rather than a person: "Vice Minister Xin Guobin" is Xin Guobin.
constexpr std::array<std::string_view, 24> k_title_words = {
    "ambassador", "chairman", "chairwoman", "chief",   "deputy",    "director",     "dr",          "general",
    "governor",   "minister", "miss",       "mrs",     "madam",     "premier",      "president",   "press",
    "professor",  "prof",     "secretary",  "senator", "spokesman", "spokesperson", "spokeswoman", "vice",
};

bool is_title_word(std::string_view word) {
  return std::find(k_title_words.begin(), k_title_words.end(), word) != k_title_words.end();
}

std::string sorted_words(std::string_view key) {
  auto words = core::split_words(key);
  std::sort(words.begin(), words.end());
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// A display form of a known value: the speaker or outlet as written in one of its passages.
std::string display_name(const Xapian::Database& db, std::string_view prefix, const std::string& value) {
  const auto t = term(prefix, value);
  auto it = db.postlist_begin(t);
  if (it == db.postlist_end(t)) return value;
  auto record = parse_passage_record(db.get_document(*it));
  if (prefix == schema::k_prefix_outlet) return record.outlet.empty() ? value : record.outlet;
  // A Chinese name's key holds its English passages too (core/chinese_name.h): both shown.
  return record.speaker.empty() ? value : core::name_in_both(record.speaker);
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

namespace {

std::string count_text(Xapian::doccount n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string passages_text(Xapian::doccount n) { return count_text(n) + (n == 1 ? " passage" : " passages"); }

bool holds_all(const std::vector<std::string>& words, const std::vector<std::string>& wanted) {
  return std::all_of(wanted.begin(), wanted.end(),
                     [&](const std::string& w) { return std::find(words.begin(), words.end(), w) != words.end(); });
}

// The keys of prefix that one of whose names (the key itself, or another name of its alias group)
// holds every wanted word, in any order.
std::vector<std::string> keys_with_words(const Xapian::Database& db, std::string_view prefix, core::AliasKind kind,
                                         const core::Aliases& aliases, const std::vector<std::string>& wanted) {
  std::vector<std::string> out;
  const std::string p(prefix);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    const std::string key = (*it).substr(p.size());
    if (holds_all(core::split_words(key), wanted)) {
      out.push_back(key);
      continue;
    }
    // Only a key of an alias group has other names to look at (group() walks the table).
    if (aliases.display(kind, key).empty()) continue;
    for (const auto& name : aliases.group(kind, key)) {
      if (holds_all(core::split_words(name), wanted)) {
        out.push_back(key);
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> title_words_of(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : core::split_words(core::ascii_lower(text))) {
    std::string bare;
    for (char c : w)
      if (c != '.' && c != ',') bare += c;
    if (is_title_word(bare)) out.push_back(bare);
  }
  return out;
}

// One line saying which keys a name was taken to mean, when that is not just the name's own key:
// grouped by alias, most passages first.
std::optional<std::string> resolution_note(const Xapian::Database& db, std::string_view option, std::string_view name,
                                           const std::string& key, std::string_view prefix, core::AliasKind kind,
                                           const core::Aliases& aliases, const std::vector<std::string>& keys) {
  if (keys.size() == 1 && keys.front() == key) return std::nullopt;
  struct Group {
    std::string shown;
    std::vector<std::string> others;  // other names it is written as
    Xapian::doccount passages = 0;
    Xapian::doccount largest = 0;
  };
  std::map<std::string, Group> groups;
  for (const auto& k : keys) {
    auto& g = groups[aliases.canonical(kind, k)];
    const auto freq = db.get_termfreq(term(prefix, k));
    const std::string shown = display_name(db, prefix, k);
    g.passages += freq;
    if (freq > g.largest || g.shown.empty()) {
      if (!g.shown.empty()) g.others.push_back(g.shown);
      g.shown = shown;
      g.largest = freq;
    } else {
      g.others.push_back(shown);
    }
  }
  std::vector<Group> ordered;
  for (auto& [canonical, g] : groups) {
    const auto table_name = aliases.display(kind, canonical);
    if (!table_name.empty() && table_name != g.shown) {
      g.others.insert(g.others.begin(), g.shown);
      g.shown = table_name;
    }
    std::vector<std::string> others;
    for (auto& o : g.others)
      if (o != g.shown && std::find(others.begin(), others.end(), o) == others.end()) others.push_back(std::move(o));
    g.others = std::move(others);
    ordered.push_back(std::move(g));
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Group& a, const Group& b) { return a.passages > b.passages; });
  const std::string what = kind == core::AliasKind::speaker ? "speaker" : "outlet";
  auto describe = [](const Group& g) {
    std::string out = g.shown + " (" + passages_text(g.passages);
    for (std::size_t i = 0; i < g.others.size(); ++i) out += (i == 0 ? ", also as " : ", ") + g.others[i];
    return out + ")";
  };
  std::string note = std::string(option) + " \"" + std::string(name) + "\" ";
  if (ordered.size() == 1 && groups.begin()->first == aliases.canonical(kind, key) && !ordered.front().others.empty()) {
    // The name's own group, under its other names too.
    const auto& g = ordered.front();
    note += "includes its other names: ";
    for (std::size_t i = 0; i < g.others.size(); ++i) note += (i ? ", " : "") + g.others[i];
    note += " (" + passages_text(g.passages) + " in all)";
  } else if (ordered.size() == 1) {
    note += "is taken as " + describe(ordered.front());
  } else {
    note += "matches " + std::to_string(ordered.size()) + " " + what + "s, all searched: ";
    constexpr std::size_t k_shown = 6;
    for (std::size_t i = 0; i < ordered.size() && i < k_shown; ++i) note += (i ? ", " : "") + describe(ordered[i]);
    if (ordered.size() > k_shown) note += ", and " + std::to_string(ordered.size() - k_shown) + " more";
    note += "; a fuller name picks one";
  }
  return note;
}

// Speakers labelled by office alone ("THE PRESIDENT", "THE VICE PRESIDENT") whose office is a
// title of one of keys: they may be the same person, which scio cannot know from the label.
std::string office_labels(const Xapian::Database& db, const std::vector<std::string>& keys) {
  std::vector<std::string> titles;
  for (const auto& k : keys)
    for (const auto& t : title_words_of(k)) titles.push_back(t);
  if (titles.empty()) return {};
  std::string out;
  const std::string p(schema::k_prefix_speaker);
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p); ++it) {
    const std::string key = (*it).substr(p.size());
    const auto words = core::split_words(key);
    const bool office_only = std::all_of(
        words.begin(), words.end(), [](const std::string& w) { return w == "the" || w == "of" || is_title_word(w); });
    if (!office_only || std::find(keys.begin(), keys.end(), key) != keys.end() ||
        !holds_all(titles, title_words_of(key)))
      continue;
    out += (out.empty() ? "" : ", ") + display_name(db, schema::k_prefix_speaker, key) + " (" +
           passages_text(it.get_termfreq()) + ")";
  }
  return out;
}

Xapian::Query any_key(std::string_view prefix, const std::vector<std::string>& keys) {
  std::vector<Xapian::Query> terms;
  for (const auto& k : keys) terms.emplace_back(term(prefix, k));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

core::Result<Xapian::Query> speaker_filter(const Xapian::Database& db, std::string_view name,
                                           const core::Aliases& aliases, std::vector<std::string>& notes) {
  // A Chinese name is keyed by its romanisation, as scio-index keys it (core/chinese_name.h).
  const std::string key = core::person_key(name);
  if (key.empty()) return core::Error{"empty speaker name in --speaker"};
  constexpr auto kind = core::AliasKind::speaker;
  const auto prefix = schema::k_prefix_speaker;
  const auto words = core::split_words(key);
  auto keys = keys_with_words(db, prefix, kind, aliases, words);
  if (keys.empty()) {
    // Titles the transcripts do not use with this name ("Vice Minister Xin Guobin" for "Xin
    // Guobin:") may go; but a speaker with another title is someone else: "Vice President Biden"
    // is not "Dr. Biden".
    std::vector<std::string> names;
    for (const auto& w : words)
      if (!is_title_word(w)) names.push_back(w);
    const auto asked_titles = title_words_of(name);
    auto compatible = [&](const std::string& k) {
      const auto titles = title_words_of(display_name(db, prefix, k) + " " + k);
      return asked_titles.empty() || titles.empty() ||
             std::any_of(titles.begin(), titles.end(), [&](const std::string& t) {
               return std::find(asked_titles.begin(), asked_titles.end(), t) != asked_titles.end();
             });
    };
    if (!names.empty() && names.size() < words.size()) {
      keys = keys_with_words(db, prefix, kind, aliases, names);
      std::erase_if(keys, [&](const std::string& k) { return !compatible(k); });
    }
    // A given name the transcripts never use ("Josh Earnest" for "MR. EARNEST:") may go too, when
    // the rest is a speaker's whole key; a misspelt name is not dropped that way ("Xin Guobim").
    if (keys.empty() && !names.empty()) {
      std::vector<std::string> known;
      for (const auto& w : names)
        if (db.term_exists(term(schema::k_prefix_speaker_word, w))) known.push_back(w);
      std::string rest;
      for (const auto& w : known) rest += (rest.empty() ? "" : " ") + w;
      if (!known.empty() && known.size() < names.size() && db.term_exists(term(prefix, rest))) {
        keys = keys_with_words(db, prefix, kind, aliases, known);
        std::erase_if(keys, [&](const std::string& k) { return !compatible(k); });
      }
    }
  }
  if (keys.empty()) {
    // Those who share the name but hold another title come first: the user decides.
    std::vector<std::string> names;
    for (const auto& w : words)
      if (!is_title_word(w)) names.push_back(w);
    std::string named;
    if (!names.empty() && names.size() < words.size())
      for (const auto& k : keys_with_words(db, prefix, kind, aliases, names))
        named += (named.empty() ? "" : ", ") + display_name(db, prefix, k) + " (" +
                 passages_text(db.get_termfreq(term(prefix, k))) + ")";
    const auto offices = office_labels(db, {key});
    const auto closest = closest_list(db, prefix, key);
    return core::Error{"no speaker matches \"" + std::string(name) + "\"" +
                       (named.empty() ? std::string() : "; with another title: " + named) +
                       (offices.empty() ? std::string() : "; labelled by office alone: " + offices) +
                       (closest.empty() ? std::string(" (the database has no speakers)")
                                        : "; closest known: " + closest + " (all: scio-search speakers)")};
  }
  auto note = resolution_note(db, "--speaker", name, key, prefix, kind, aliases, keys);
  if (const auto offices = office_labels(db, keys); !offices.empty())
    note = (note ? *note + "; " : "--speaker \"" + std::string(name) + "\": ") + "not included: " + offices +
           ", labelled by office alone (a speaker alias can add it)";
  if (note) notes.push_back(*note);
  return any_key(prefix, keys);
}

core::Result<Xapian::Query> outlet_filter(const Xapian::Database& db, std::string_view name,
                                          const core::Aliases& aliases, std::vector<std::string>& notes) {
  const std::string key = core::speaker_key(name);
  if (key.empty()) return core::Error{"empty outlet name"};
  const auto prefix = schema::k_prefix_outlet;
  const auto keys = keys_with_words(db, prefix, core::AliasKind::outlet, aliases, core::split_words(key));
  if (keys.empty()) {
    const auto closest = closest_list(db, prefix, key);
    return core::Error{
        "no outlet matches \"" + std::string(name) + "\"" +
        (closest.empty() ? std::string(" (the database names no outlets)") : "; closest known: " + closest)};
  }
  if (auto note = resolution_note(db, "--outlet", name, key, prefix, core::AliasKind::outlet, aliases, keys))
    notes.push_back(*note);
  return any_key(prefix, keys);
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

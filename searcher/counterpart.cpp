#include "searcher/counterpart.h"

#include "core/conference.h"
#include "core/document.h"
#include "core/schema.h"
#include "core/speaker.h"
#include "searcher/database.h"

#include <algorithm>

namespace scio::searcher {
namespace {

std::string compact(const std::string& date) {
  std::string out;
  for (char c : date)
    if (c != '-') out += c;
  return out;
}

std::string iso(const std::string& compact) {
  if (compact.size() != 8) return compact;
  return compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2);
}

std::string listed(const std::vector<const ConferenceFacts*>& facts) {
  std::string out;
  for (const auto* f : facts) out += (out.empty() ? "" : ", ") + f->id;
  return out;
}

}  // namespace

std::string conference_form(const std::string& title) {
  // The Foreign Ministry's two kinds, in the words of each language's titles; "Daily Briefing
  // Online" is the English of 网上例行记者会, the regular conference held online.
  for (const char* briefing : {"Regular Press Conference", "Daily Briefing", "例行记者会"})
    if (title.find(briefing) != std::string::npos) return "briefing";
  for (const char* remarks : {"Remarks", "答记者问"})
    if (title.find(remarks) != std::string::npos) return "remarks";
  return {};
}

const std::vector<ConferenceFacts>& Counterparts::day(const std::string& date) {
  const std::string key = compact(date);
  if (auto it = m_days.find(key); it != m_days.end()) return it->second;
  const Xapian::Query day(core::term(core::schema::k_prefix_day, key));
  // One passage of each conference of the day first (a collapse): its title and text give the
  // language. A day of one language, every day of a database of one, ends there: nothing to pair,
  // and no more than a passage per conference read (reading every passage of each day shown made
  // a White House listing 30 times slower).
  Xapian::Enquire first(m_db);
  first.set_query(day);
  first.set_weighting_scheme(Xapian::BoolWeight());
  first.set_docid_order(Xapian::Enquire::ASCENDING);
  first.set_collapse_key(core::schema::k_slot_conference);
  std::map<std::string, ConferenceFacts> facts;
  std::set<std::string> languages;
  const auto heads = first.get_mset(0, m_db.get_doccount());
  for (auto it = heads.begin(); it != heads.end(); ++it) {
    const auto record = parse_passage_record(it.get_document());
    core::Conference c;
    c.title = record.title;
    c.pages.emplace_back();
    c.pages.front().turns.emplace_back();
    c.pages.front().turns.front().paragraphs.push_back(record.text);
    auto& f = facts[record.conference];
    f.id = record.conference;
    f.date = key;
    f.form = conference_form(record.title);
    f.language = std::string(c.language());
    languages.insert(f.language);
  }
  if (languages.size() > 1) {
    // Both languages that day: every passage, for the officials and moderators and the exchanges.
    Xapian::Enquire all(m_db);
    all.set_query(day);
    all.set_weighting_scheme(Xapian::BoolWeight());
    const auto mset = all.get_mset(0, m_db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const auto record = parse_passage_record(it.get_document());
      auto& f = facts[record.conference];
      if (record.kind == "official" || record.kind == "moderator") {
        const auto name = core::romanised_name(record.speaker_key.empty() ? record.speaker : record.speaker_key);
        if (!name.empty()) f.people.insert(name);
      }
      f.exchanges = std::max(f.exchanges, record.exchange);
    }
  }
  auto& out = m_days[key];
  for (auto& [id, f] : facts) out.push_back(std::move(f));
  return out;
}

std::vector<const ConferenceFacts*> Counterparts::candidates(const ConferenceFacts& c,
                                                             const std::vector<ConferenceFacts>& day) const {
  std::vector<const ConferenceFacts*> out;
  for (const auto& other : day) {
    if (other.language == c.language || other.form != c.form) continue;
    // A person in common, when both name people: the same spokesperson, or a SCIO official.
    const bool both_named = !c.people.empty() && !other.people.empty();
    const bool shared =
        std::any_of(c.people.begin(), c.people.end(), [&](const std::string& p) { return other.people.count(p) > 0; });
    if (both_named && !shared) continue;
    out.push_back(&other);
  }
  return out;
}

void Counterparts::note(const std::string& line) {
  if (std::find(m_notes.begin(), m_notes.end(), line) == m_notes.end()) m_notes.push_back(line);
}

const ConferenceFacts* Counterparts::facts(const std::string& conference, const std::string& date) {
  const auto& conferences = day(date);
  for (const auto& f : conferences)
    if (f.id == conference) return &f;
  return nullptr;
}

std::optional<std::string> Counterparts::of(const std::string& conference, const std::string& date) {
  const auto* self = facts(conference, date);
  if (!self) return std::nullopt;
  const auto& conferences = day(date);
  const auto found = candidates(*self, conferences);
  if (found.empty()) return std::nullopt;
  const std::string language = found.front()->language == "zh" ? "Chinese" : "English";
  if (found.size() > 1) {
    note("conference " + conference + " has no counterpart shown: " + std::to_string(found.size()) + " " + language +
         " conferences of " + iso(self->date) + " could be it (" + listed(found) + ")");
    return std::nullopt;
  }
  // Both ways: a conference is the counterpart of one conference only.
  const auto back = candidates(*found.front(), conferences);
  if (back.size() > 1) {
    note("conference " + conference + " has no counterpart shown: " + found.front()->id + " could be the " + language +
         " version of " + std::to_string(back.size()) + " conferences of " + iso(self->date) + " (" + listed(back) +
         ")");
    return std::nullopt;
  }
  return found.front()->id;
}

}  // namespace scio::searcher

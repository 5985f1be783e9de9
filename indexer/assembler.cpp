#include "indexer/assembler.h"

#include "core/chinese_name.h"
#include "core/speaker.h"
#include "core/text.h"
#include "indexer/exchanges.h"
#include "indexer/page_parser.h"

#include <algorithm>
#include <vector>
#include <filesystem>
#include <set>

namespace scio::indexer {
namespace {

using core::SpeakerKind;

int lowest_page(const core::Conference& c) { return c.pages.empty() ? 1 << 20 : c.pages.front().number; }

bool is_answer_label(std::string_view label) { return label == "A" || label == "答" || label == "Answer"; }

bool asks_question(const core::Turn& turn) {
  for (const auto& p : turn.paragraphs)
    if (p.find('?') != std::string::npos || p.find("\xEF\xBC\x9F") != std::string::npos) return true;
  return false;
}

// "Follow-up:" asks again for the outlet that asked last.
bool is_follow_up_label(std::string_view label) {
  const auto l = core::ascii_lower(core::trim(label));
  return l == "follow-up" || l == "follow up" || l == "followup" || l == "追问";
}

bool is_unknown_label(std::string_view label) {
  auto l = core::ascii_lower(label);
  return l.rfind("unidentified", 0) == 0 || l == "unknown" || l == "voice" || l == "audience member" ||
         l == "participant";
}

// A held page keeps its place against an incoming copy when it is the better-ranked copy and its
// file is still there.
bool keeps(const PageStore& store, const std::string& held, const std::string& incoming) {
  return held != incoming && ranks_before(held, incoming) && store.exists(held);
}

// Takes in one conference of a file: the pages that win their place are merged into the held one.
void add_conference(PageStore& store, core::Conference incoming, AddedPages& added) {
  const std::string id = incoming.id;
  std::vector<core::Page> pages = std::move(incoming.pages);
  core::Conference& winners = incoming;  // the header, and the pages that win their place
  winners.pages.clear();
  for (auto& page : pages) {
    const std::string holder_id = page.hash.empty() ? std::string() : store.page_holder(page.hash);
    if (!holder_id.empty()) {
      if (auto& holder = store.conference(holder_id)) {
        auto same = std::find_if(holder->pages.begin(), holder->pages.end(),
                                 [&](const core::Page& p) { return p.hash == page.hash; });
        if (same != holder->pages.end()) {
          // A copy of a page held (a mobile copy, a second download, a backup under another
          // name): the page stays where it is, under its conference's id, whichever copy came
          // first; this file is another source of it. Passage ids never move.
          added.conferences.insert(holder_id);
          added.copies.push_back({holder_id, same->number, same->source});
          if (same->source != page.source && !keeps(store, same->source, page.source)) {
            // The better-ranked copy is named the page's source, as if the run had seen it first.
            same->source = page.source;
            if (!page.url.empty()) same->url = page.url;
            store.changed(holder_id);
          }
          continue;
        }
      }
    }
    if (auto& target = store.conference(id)) {
      auto same = std::find_if(target->pages.begin(), target->pages.end(),
                               [&](const core::Page& p) { return p.number == page.number; });
      if (same != target->pages.end()) {
        if (keeps(store, same->source, page.source)) {
          added.conferences.insert(id);
          continue;
        }
        remove_page(store, id, static_cast<std::size_t>(same - target->pages.begin()));
      }
    }
    winners.pages.push_back(std::move(page));
  }
  if (winners.pages.empty()) return;
  added.conferences.insert(id);
  for (const auto& page : winners.pages)
    if (!page.hash.empty()) store.hold_page(page.hash, id, page.number);
  auto& target = store.conference(id);
  if (!target) target = std::move(winners);
  else merge_conference(*target, winners, MergePolicy::replace);
  store.changed(id);
}

}  // namespace

bool PageStore::exists(const std::string& path) const {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

bool ranks_before(const std::string& a, const std::string& b) {
  const bool mobile_a = a.find("/m/") != std::string::npos, mobile_b = b.find("/m/") != std::string::npos;
  if (mobile_a != mobile_b) return !mobile_a;
  return std::filesystem::path(a) < std::filesystem::path(b);
}

AddedPages add_pages(PageStore& store, std::vector<core::Conference> conferences) {
  AddedPages added;
  for (auto& c : conferences) {
    added.pages += c.pages.size();
    add_conference(store, std::move(c), added);
  }
  return added;
}

void remove_page(PageStore& store, const std::string& id, std::size_t index) {
  auto& conference = store.conference(id);
  auto& pages = conference->pages;
  if (!pages[index].hash.empty()) store.release_page(pages[index].hash, id);
  pages.erase(pages.begin() + static_cast<std::ptrdiff_t>(index));
  store.changed(id);
  // With no page left nothing of the old header may linger: the next page starts it afresh.
  if (pages.empty()) conference.reset();
}

void remove_pages_from(PageStore& store, const std::string& id, const std::string& path) {
  auto& conference = store.conference(id);
  for (std::size_t i = conference ? conference->pages.size() : 0; i-- > 0 && conference;)
    if (conference->pages[i].source == path) remove_page(store, id, i);
}

std::string Assembly::page_holder(const std::string& hash) const {
  auto it = m_page_holders.find(hash);
  return it == m_page_holders.end() ? std::string() : it->second;
}

void Assembly::hold_page(const std::string& hash, const std::string& id, int) { m_page_holders[hash] = id; }

void Assembly::release_page(const std::string& hash, const std::string& id) {
  auto it = m_page_holders.find(hash);
  if (it != m_page_holders.end() && it->second == id) m_page_holders.erase(it);
}

std::vector<core::Conference> Assembly::finish() && {
  std::vector<core::Conference> out;
  for (auto& [id, conference] : m_conferences) {
    if (!conference) continue;
    classify_speakers(*conference);
    out.push_back(std::move(*conference));
  }
  return out;
}

void merge_conference(core::Conference& into, const core::Conference& incoming, MergePolicy policy) {
  bool incoming_first = lowest_page(incoming) < lowest_page(into);
  auto pick = [&](auto& field, const auto& other, bool empty) {
    if (empty || (incoming_first && other)) field = other;
  };
  if (into.title.empty() || (incoming_first && !incoming.title.empty())) into.title = incoming.title;
  pick(into.published, incoming.published, !into.published.has_value());
  pick(into.held, incoming.held, !into.held.has_value());
  for (const auto& url : incoming.urls)
    if (std::find(into.urls.begin(), into.urls.end(), url) == into.urls.end()) into.urls.push_back(url);
  for (const auto& p : incoming.participants) {
    auto key = core::speaker_key(p.name);
    auto same = std::find_if(into.participants.begin(), into.participants.end(),
                             [&](const core::Participant& q) { return core::speaker_key(q.name) == key; });
    if (same == into.participants.end()) into.participants.push_back(p);
    else if (same->role.empty()) same->role = p.role;
  }
  for (const auto& page : incoming.pages) {
    auto at = std::lower_bound(into.pages.begin(), into.pages.end(), page.number,
                               [](const core::Page& p, int n) { return p.number < n; });
    if (at != into.pages.end() && at->number == page.number) {
      if (policy == MergePolicy::replace) *at = page;
    } else {
      into.pages.insert(at, page);
    }
  }
}

void classify_speakers(core::Conference& c) {
  const std::string spokesperson = spokesperson_in_title(c.title);
  // A person's key is the romanisation of a Chinese name (core/chinese_name.h): "赵立坚" and "Zhao
  // Lijian" are one speaker.
  const std::string spokesperson_key = core::person_key(spokesperson);
  // Who "答" is: the title's spokesperson, else the office a title names without a person
  // ("外交部发言人答记者问"), never the label itself, which names nobody.
  const std::string answerer = spokesperson.empty() ? unnamed_spokesperson_in_title(c.title) : spokesperson;
  const bool officials_known = !spokesperson.empty() || !c.participants.empty();
  // Each listed person's key once (a Chinese name is romanised through ICU), not once per turn.
  std::vector<std::string> listed_keys;
  if (!spokesperson_key.empty()) listed_keys.push_back(spokesperson_key);
  for (const auto& p : c.participants) listed_keys.push_back(core::person_key(p.name));
  auto is_listed = [&](const std::string& key) {
    return std::find(listed_keys.begin(), listed_keys.end(), key) != listed_keys.end();
  };
  const core::Turn* previous = nullptr;
  const core::Turn* last_question = nullptr;  // the last reporter's turn, for a follow-up
  for (auto& page : c.pages) {
    for (auto& turn : page.turns) {
      turn.page = page.number;
      if (turn.continued) {
        if (previous) {
          turn.speaker = previous->speaker;
          turn.speaker_key = previous->speaker_key;
          turn.kind = previous->kind;
          turn.outlet = previous->outlet;
        } else {
          turn.speaker.clear();
          turn.speaker_key.clear();
          turn.kind = SpeakerKind::unknown;
          turn.outlet.clear();
        }
        previous = &turn;
        continue;
      }
      if (is_answer_label(turn.speaker) && !answerer.empty()) turn.speaker = answerer;
      turn.outlet.clear();
      if (auto reporter = core::reporter_label(turn.speaker)) {
        turn.kind = SpeakerKind::reporter;
        turn.outlet = reporter->outlet;
        if (turn.outlet.empty() && last_question && is_follow_up_label(turn.speaker))
          turn.outlet = last_question->outlet;
        turn.speaker_key = turn.outlet.empty() ? "reporter" : core::speaker_key(turn.outlet);
      } else if (turn.speaker.empty() || is_unknown_label(turn.speaker)) {
        turn.kind = SpeakerKind::unknown;
        turn.speaker_key = core::speaker_key(turn.speaker);
      } else {
        turn.speaker_key = core::person_key(turn.speaker);
        bool listed = is_listed(turn.speaker_key);
        if (!listed && officials_known && asks_question(turn) && !core::names_a_person(turn.speaker)) {
          // Outlets are an open set ("PTI", "The Globe and Mail"): where we know who the officials
          // are, anyone else who asks is a reporter named by outlet; but never a label that names a
          // person ("MR. EARNEST" asking "do you want to take it from here?" is no outlet).
          turn.kind = SpeakerKind::reporter;
          turn.outlet = turn.speaker;
        } else {
          turn.kind =
              core::is_moderator_role(c.role_of(turn.speaker_key)) ? SpeakerKind::moderator : SpeakerKind::official;
        }
      }
      // "MR. EARNEST" is shown "Mr. Earnest"; a reporter's label names an outlet ("CCTV") and stays.
      if (turn.kind != SpeakerKind::reporter) turn.speaker = core::display_name(turn.speaker);
      if (turn.kind == SpeakerKind::reporter) last_question = &turn;
      previous = &turn;
    }
  }
  // No role names the moderator: the official who opens is one when other officials answer.
  bool any_moderator = false;
  std::set<std::string> officials;
  const core::Turn* opener = nullptr;
  for (const auto& page : c.pages)
    for (const auto& turn : page.turns) {
      any_moderator = any_moderator || turn.kind == SpeakerKind::moderator;
      if (turn.kind == SpeakerKind::official) {
        officials.insert(turn.speaker_key);
        if (!opener) opener = &turn;
      }
    }
  if (any_moderator || !opener || officials.size() < 2 || c.participants.empty()) return number_exchanges(c);
  const std::string opener_key = opener->speaker_key;
  if (!c.pages.empty() && !c.pages.front().turns.empty() && c.pages.front().turns.front().speaker_key != opener_key)
    return number_exchanges(c);  // the opener must be the first speaker of the transcript
  for (auto& page : c.pages)
    for (auto& turn : page.turns)
      if (turn.kind == SpeakerKind::official && turn.speaker_key == opener_key) turn.kind = SpeakerKind::moderator;
  number_exchanges(c);
}

}  // namespace scio::indexer

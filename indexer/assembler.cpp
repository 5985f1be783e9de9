#include "indexer/assembler.h"

#include "core/speaker.h"
#include "core/text.h"
#include "indexer/exchanges.h"
#include "indexer/page_parser.h"

#include <algorithm>
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

}  // namespace

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
  classify_speakers(into);
}

void classify_speakers(core::Conference& c) {
  const std::string spokesperson = spokesperson_in_title(c.title);
  const std::string spokesperson_key = core::speaker_key(spokesperson);
  const bool officials_known = !spokesperson.empty() || !c.participants.empty();
  auto is_listed = [&](const std::string& key) {
    if (!spokesperson_key.empty() && key == spokesperson_key) return true;
    return std::any_of(c.participants.begin(), c.participants.end(),
                       [&](const core::Participant& p) { return core::speaker_key(p.name) == key; });
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
      if (is_answer_label(turn.speaker) && !spokesperson.empty()) turn.speaker = spokesperson;
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
        turn.speaker_key = core::speaker_key(turn.speaker);
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

#include "indexer/exchanges.h"

#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"

#include <algorithm>

namespace scio::indexer {
namespace {

namespace schema = core::schema;
using core::SpeakerKind;

bool is_follow_up_label(std::string_view label) {
  const auto l = core::ascii_lower(core::trim(label));
  return l == "follow-up" || l == "follow up" || l == "followup" || l == "追问" || core::is_reporter_going_on(label);
}

}  // namespace

void number_exchanges(core::Conference& c) {
  int count = 0;
  std::optional<int> current;
  const core::Turn* question = nullptr;  // the question of the current exchange
  bool handed_off = false;               // the moderator spoke since it was asked
  const core::Turn* previous = nullptr;
  for (auto& page : c.pages) {
    for (auto& turn : page.turns) {
      turn.exchange.reset();
      turn.follows.reset();
      if (turn.continued) {
        if (previous) turn.exchange = previous->exchange;
        continue;
      }
      previous = &turn;
      // A rule on the page ("***") ends the exchange: what follows it answers nothing asked before.
      if (turn.after_break) {
        current.reset();
        question = nullptr;
      }
      switch (turn.kind) {
        case SpeakerKind::reporter:
          // The same outlet asking again, with no hand-off between, follows up its own question.
          if (current && (is_follow_up_label(turn.speaker) ||
                          (!handed_off && !turn.outlet.empty() && question && question->outlet == turn.outlet)))
            turn.follows = current;
          current = ++count;
          turn.exchange = current;
          question = &turn;
          handed_off = false;
          break;
        case SpeakerKind::official: turn.exchange = current; break;
        // "Next question, please", or the closing words: the moderator answers nothing.
        case SpeakerKind::moderator: handed_off = true; break;
        case SpeakerKind::unknown: break;
      }
    }
  }
  // Each turn of a follow-up's exchange says whom it follows, as the question does.
  std::vector<std::optional<int>> follows(static_cast<std::size_t>(count) + 1);
  for (const auto& page : c.pages)
    for (const auto& turn : page.turns)
      if (turn.exchange && turn.follows) follows[static_cast<std::size_t>(*turn.exchange)] = turn.follows;
  for (auto& page : c.pages)
    for (auto& turn : page.turns)
      if (turn.exchange) turn.follows = follows[static_cast<std::size_t>(*turn.exchange)];
}

ExchangeFacts exchange_facts(const core::Conference& c, int number, SpeakerKind kind) {
  ExchangeFacts facts;
  facts.number = number;
  facts.question = kind == SpeakerKind::reporter;
  for (const auto& page : c.pages)
    for (const auto& turn : page.turns) {
      if (turn.exchange != number || turn.continued) continue;
      facts.follows = turn.follows;
      if (turn.kind == SpeakerKind::reporter) {
        if (facts.asked_by.empty() && !turn.outlet.empty()) facts.asked_by = core::speaker_key(turn.outlet);
        continue;
      }
      facts.answered = true;
      if (!turn.speaker_key.empty() &&
          std::find(facts.answered_by.begin(), facts.answered_by.end(), turn.speaker_key) == facts.answered_by.end())
        facts.answered_by.push_back(turn.speaker_key);
    }
  return facts;
}

}  // namespace scio::indexer

// Exchanges: a reporter's question and the answer it got, numbered within a conference, and the
// terms and values that let scio-search find and show them as one unit.
#pragma once

#include "core/conference.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace scio::indexer {

// Sets Turn::exchange and Turn::follows of every turn (speakers must be classified): a reporter's
// turn opens exchange N+1; officials' turns up to the next question are its answer. A follow-up
// ("Follow-up:", "追问", or the same outlet asking again with no hand-off between) records the
// exchange it follows. The moderator's turns, unknown speakers and turns before the first
// question belong to none. A continued turn has the exchange of the turn it runs on from.
void number_exchanges(core::Conference& conference);

// "<conference>/q<N>", the exchange's citable id.
std::string exchange_id(std::string_view conference_id, int exchange);

// What a passage's document says about its exchange (the passage's turn has one): the id, which
// side the passage is on, the exchange's asker (outlet key) and answerers (speaker keys).
struct ExchangeFacts {
  int number = 0;
  std::optional<int> follows;
  bool question = false;                 // the passage is (part of) the question
  bool answered = false;                 // the exchange has answer turns
  std::string asked_by;                  // outlet key of the question, "" when it names none
  std::vector<std::string> answered_by;  // speaker keys of the answer turns
};

// The facts of exchange number in conference (kinds and exchanges set).
ExchangeFacts exchange_facts(const core::Conference& conference, int number, core::SpeakerKind kind);

// Adds the exchange's terms and values (core/schema.h) to a passage's document.
void add_exchange_terms(Xapian::Document& doc, std::string_view conference_id, const ExchangeFacts& facts);

}  // namespace scio::indexer

// Exchanges: a reporter's question and the answer it got, numbered within a conference, and what
// a passage's document says of its exchange (its terms and values: core/document.h).
#pragma once

#include "core/conference.h"
#include "core/document.h"

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

using core::exchange_id;  // core/passage_record.h

using core::ExchangeFacts;  // core/document.h

// The facts of exchange number in conference (kinds and exchanges set).
ExchangeFacts exchange_facts(const core::Conference& conference, int number, core::SpeakerKind kind);

}  // namespace scio::indexer

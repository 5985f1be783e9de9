// Pages into conferences: merging pages of one conference, page order, and speaker classification.
#pragma once

#include "core/conference.h"

namespace scio::indexer {

enum class MergePolicy {
  keep_existing,  // a page number already present stays (the same page saved twice)
  replace,        // the incoming page replaces it (a changed page re-indexed)
};

// Merges incoming into into (same id): pages by number in page order, header fields from the
// lowest-numbered page that has them, participants and URLs united. Then reclassifies speakers.
void merge_conference(core::Conference& into, const core::Conference& incoming, MergePolicy policy);

// Resolves each turn's speaker: "A:" to the title's spokesperson, reporters by outlet, officials
// and their roles from the participant list, the moderator by role (else the opener, when
// several officials speak). A continued turn takes the speaker of the turn it runs on from.
// Then numbers the exchanges (indexer/exchanges.h).
void classify_speakers(core::Conference& conference);

}  // namespace scio::indexer

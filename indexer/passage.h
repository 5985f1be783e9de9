// Conference -> passages: one per speaker turn, long turns split at paragraph boundaries.
#pragma once

#include "core/conference.h"

#include <string>
#include <vector>

namespace scio::indexer {

inline constexpr std::size_t k_passage_chars = 1200;  // a passage holds about this much text

struct Passage {
  std::string id;    // "<conference id>/<turn>.<part>", both 1-based
  int turn = 0;      // index into Conference::turns(), 1-based
  int part = 0;      // 1-based within the turn
  std::vector<std::string> paragraphs;
  std::string text() const;  // paragraphs joined by a blank line
};

// A passage never spans two speakers. A paragraph longer than the bound is split at sentence
// ends, so no passage grows without bound.
std::vector<Passage> make_passages(const std::string& conference_id, const std::vector<core::Turn>& turns,
                                   std::size_t max_chars = k_passage_chars);

}  // namespace scio::indexer

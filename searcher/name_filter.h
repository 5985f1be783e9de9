// Filters from names as people type them: speakers (any case, honorifics, titles, word order),
// outlets and conference ids, with the closest known names when nothing matches.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace scio::searcher {

// Levenshtein distance over bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The values (term minus prefix) of prefix closest to key, at most limit, nearest first, leaving
// out far-off ones when some are near; word order does not count ("guobin xin" is next to
// "xin guobin").
std::vector<std::string> closest_values(const Xapian::Database& db, std::string_view prefix, std::string_view key,
                                        std::size_t limit);

// A speaker: the exact speaker key when one is known, else every word of the name (titles such as
// "Vice Minister" left out) among the speaker words, in any order, else the words that are known
// when together they are a speaker's whole key ("Josh Earnest" finds "MR. EARNEST").
core::Result<Xapian::Query> speaker_filter(const Xapian::Database& db, std::string_view name);

// A reporter's outlet, compared by its key ("China Daily" -> "china daily").
core::Result<Xapian::Query> outlet_filter(const Xapian::Database& db, std::string_view name);

// A conference id, exactly.
core::Result<Xapian::Query> conference_filter(const Xapian::Database& db, std::string_view id);

}  // namespace scio::searcher

// Filters from names as people type them: speakers (any case, honorifics, titles, word order),
// outlets and conference ids, with the closest known names when nothing matches.
#pragma once

#include "core/aliases.h"
#include "core/result.h"
#include "core/text.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace scio::searcher {

using core::edit_distance;  // core/text.h

// The values (term minus prefix) of prefix closest to key, at most limit, nearest first, leaving
// out far-off ones when some are near; word order does not count ("guobin xin" is next to
// "xin guobin").
std::vector<std::string> closest_values(const Xapian::Database& db, std::string_view prefix, std::string_view key,
                                        std::size_t limit);

// A speaker name means every speaker whose key, or another name of its alias group, holds all the
// name's words in any order ("obama" is President Obama and Mrs. Obama). When none does: the name
// without titles ("Vice Minister Xin Guobin" is "Xin Guobin"), unless the speaker found has another
// title ("Vice President Biden" is not "Dr. Biden"); then without a given name the transcripts
// never use, when the rest is a speaker's whole key ("Josh Earnest" is "MR. EARNEST"). Whenever
// that is not exactly the name's own key, one line in notes says which speakers were taken, with
// their passages.
core::Result<Xapian::Query> speaker_filter(const Xapian::Database& db, std::string_view name,
                                           const core::Aliases& aliases, std::vector<std::string>& notes);

// A reporter's outlet, the same way (without the fallbacks): "Bloomberg" is Bloomberg and
// Bloomberg News, "AFP" is also Agence France-Presse by the alias table.
core::Result<Xapian::Query> outlet_filter(const Xapian::Database& db, std::string_view name,
                                          const core::Aliases& aliases, std::vector<std::string>& notes);

// A conference id, exactly.
core::Result<Xapian::Query> conference_filter(const Xapian::Database& db, std::string_view id);

}  // namespace scio::searcher

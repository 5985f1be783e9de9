// One page's text blocks into a one-page conference: header (title, dates, participants) and turns.
#pragma once

#include "core/conference.h"
#include "core/result.h"
#include "indexer/page_name.h"
#include "indexer/page_text.h"

#include <string>
#include <string_view>

namespace scio::indexer {

// Site furniture that is never speech: breadcrumbs, "Read in Chinese", share/print bars,
// pagination lines, photo-strip captions.
bool is_furniture(std::string_view line);

// The spokesperson a Foreign Ministry title names ("Foreign Ministry Spokesperson Geng Shuang's
// Regular Press Conference on ..."), who speaks the unlabelled opening and every "A:".
std::string spokesperson_in_title(std::string_view title);

// The office a title names when it names no spokesperson ("外交部发言人答记者问" -> 外交部发言人,
// "中国代表团发言人就...答记者问" -> 中国代表团发言人): the "答" of such a page is that office's,
// unnamed. Empty when the title names a person (spokesperson_in_title) or no spokesperson.
std::string unnamed_spokesperson_in_title(std::string_view title);

// Blocks before the first speaker label form the header; a page K >= 2 that opens with speech
// gives a turn marked continued. Turns keep their labels as written; the assembler classifies
// them. Fails when the page holds no speech at all.
core::Result<core::Conference> parse_page(const PageText& text, const std::string& source, const PageName& name);

}  // namespace scio::indexer

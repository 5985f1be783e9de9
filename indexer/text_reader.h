// Plain-text transcript dumps (the seed's layout) into ordered text blocks, one per line.
#pragma once

#include "indexer/page_text.h"

#include <string_view>

namespace scio::indexer {

// text is UTF-8. Each non-blank line is a block; labels stand on lines of their own.
PageText read_text(std::string_view text);

}  // namespace scio::indexer

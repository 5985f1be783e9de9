// Saved HTML pages (SCIO, china.org.cn, Foreign Ministry) into ordered text blocks, via gumbo.
#pragma once

#include "core/result.h"
#include "indexer/page_text.h"

#include <string_view>

namespace scio::indexer {

// html is UTF-8. Blocks come from the main content container when one is recognised
// (div.content, #News_Body_Txt_A, #articleBody, ...), else from <body>. Scripts, styles,
// navigation and image captions are skipped. <p>, <div>, <br>, <li>, <h1-6> and
// "_ueditor_page_break_tag_" end a block; inline text (<span>, <b>, <a>) joins without adding
// spaces. Fails on input nested too deeply to be a page, and on pages with no text at all.
core::Result<PageText> read_html(std::string_view html);

// True when the text looks like HTML rather than plain text.
bool looks_like_html(std::string_view text);

}  // namespace scio::indexer

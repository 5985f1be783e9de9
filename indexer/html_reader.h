// Saved HTML pages (SCIO, china.org.cn, Foreign Ministry) into ordered text blocks, via gumbo.
#pragma once

#include "core/result.h"
#include "indexer/page_text.h"

#include <string_view>

namespace scio::indexer {

// html is UTF-8. Blocks come from the main content container when one is recognised: the
// Foreign Ministry's div.content / #News_Body_Txt_A (then inline_labels is set), else, on pages
// with a heading element, a generic article container (#articleBody, .TRS_Editor, article,
// .content, ...) widened to include the heading, else <body>. Scripts, styles, forms, images,
// iframes and navigation are skipped; other site furniture stays (the parser drops it). <p>,
// <div>, <br>, <li>, <h1-6>, table cells and "_ueditor_page_break_tag_" end a block; inline
// text (<span>, <b>, <a>) joins without adding spaces. Block::emphasized marks blocks whose first
// text is inside <b>/<strong>. Fails on input nested too deeply to be a page (or built to blow up
// the parser), and on pages with no text.
core::Result<PageText> read_html(std::string_view html);

// True when the text looks like HTML rather than plain text or canonical XML: it starts like a
// page (<!DOCTYPE html, <html, <meta, <div, <p, ...) or has <html, <body or </p> in its first 4 KB.
bool looks_like_html(std::string_view text);

}  // namespace scio::indexer

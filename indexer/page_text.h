// What a reader extracts from one saved page before any transcript logic: ordered text blocks.
#pragma once

#include "core/date.h"

#include <optional>
#include <string>
#include <vector>

namespace scio::indexer {

struct Block {
  std::string text;         // one paragraph or line, white space normalised, never empty
  bool emphasized = false;  // the block's leading text is bold/strong (a likely speaker label)
  // Outside the page's article element, beside it: the heading, a summary sentence, the dateline
  // a page K repeats above its part of the transcript, related links below it. Never speech.
  bool outside_article = false;
};

struct PageText {
  std::string title;                    // <title> or the page heading; may be empty (text dumps have none)
  std::string url;                      // canonical URL the page names (link rel=canonical, og:url), if any
  std::vector<Block> blocks;            // in document order, site furniture included (the parser drops it)
  bool inline_labels = false;           // whether "Name: speech" on one line is a speaker label here
  std::optional<core::Date> published;  // a publish date the page carries outside its text
};

}  // namespace scio::indexer

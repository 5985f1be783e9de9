// Which conference a saved page belongs to and which page it is, from its URL or file name.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace scio::indexer {

struct PageName {
  std::string conference_id;  // "content_12345", "t1558711", "node_2934", "txt-0000"
  int number = 1;             // K of content_N_K.htm, else 1
  bool mobile = false;        // an /m/ copy
};

// The URL wins when the page names one; else the file name. "content_N_K" is page K of
// content_N; browser duplicate suffixes ("page (1).htm", "page - Copy.htm") are ignored; an
// all-digit stem ("0000.txt") is prefixed with its folder's name to stay unique.
PageName page_name(const std::filesystem::path& path, std::string_view url);

}  // namespace scio::indexer

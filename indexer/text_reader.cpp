#include "indexer/text_reader.h"

#include "core/text.h"

namespace scio::indexer {

PageText read_text(std::string_view text) {
  PageText page;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto line = core::normalize_space(text.substr(pos, end - pos));
    // The CMS page-break marker of one-page dumps separates blocks like a newline.
    std::size_t marker;
    bool had_marker = false;
    while ((marker = line.find("_ueditor_page_break_tag_")) != std::string::npos) {
      line.replace(marker, 24, "");
      had_marker = true;
    }
    if (had_marker) line = core::normalize_space(line);
    if (!line.empty()) page.blocks.push_back({std::move(line), false});
    pos = end + 1;
  }
  return page;
}

}  // namespace scio::indexer

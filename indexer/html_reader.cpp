// PLACEHOLDER: replaced by the HTML reader work in progress.
#include "indexer/html_reader.h"
namespace scio::indexer {
core::Result<PageText> read_html(std::string_view) { return core::Error{"HTML reader not built yet"}; }
bool looks_like_html(std::string_view text) { return text.find("<html") != std::string_view::npos; }
}  // namespace scio::indexer

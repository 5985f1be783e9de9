// PLACEHOLDER: replaced by the source loading work in progress.
#include "indexer/source_file.h"
#include <fstream>
#include <sstream>
namespace scio::indexer {
core::Result<SourceText> decode_source(std::string_view bytes) { return SourceText{std::string(bytes), "UTF-8", false}; }
core::Result<SourceText> load_source(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary); std::ostringstream ss; ss << in.rdbuf(); return decode_source(ss.str());
}
}  // namespace scio::indexer

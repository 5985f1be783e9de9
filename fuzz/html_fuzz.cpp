// Fuzzes the byte -> UTF-8 decoding and the HTML reader, then the page parser over its blocks.
#include "indexer/assembler.h"
#include "indexer/html_reader.h"
#include "indexer/page_parser.h"
#include "indexer/source_file.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scio::indexer;
  auto source = decode_source({reinterpret_cast<const char*>(data), size});
  if (!source) return 0;
  auto page = read_html(source->utf8);
  if (!page) return 0;
  auto conference = parse_page(*page, "fuzz.htm", PageName{"fuzz", 1 + static_cast<int>(size % 3), false});
  if (conference) classify_speakers(*conference);
  return 0;
}

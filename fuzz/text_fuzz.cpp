// Fuzzes the plain-text reader and the page parser, through the same decoding as real files.
#include "indexer/assembler.h"
#include "indexer/page_parser.h"
#include "indexer/source_file.h"
#include "indexer/text_reader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scio::indexer;
  auto source = decode_source({reinterpret_cast<const char*>(data), size});
  if (!source) return 0;
  auto conference =
      parse_page(read_text(source->utf8), "fuzz.txt", PageName{"fuzz", 1 + static_cast<int>(size % 3), false});
  if (!conference) return 0;
  classify_speakers(*conference);
  auto copy = *conference;
  merge_conference(copy, *conference, MergePolicy::replace);
  (void)copy.turns();
  return 0;
}

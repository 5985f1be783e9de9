// Fuzzes the canonical XML reader, and checks that what it accepts round-trips.
#include "core/canonical_xml.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace scio::core;
  auto parsed = from_canonical_xml({reinterpret_cast<const char*>(data), size});
  if (!parsed) return 0;
  auto again = from_canonical_xml(to_canonical_xml(*parsed));
  if (!again) std::abort();  // what we accept, we must be able to write and read back
  return 0;
}

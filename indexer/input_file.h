// One input file as the index reads it: its bytes hashed once, parsed only when they changed.
#pragma once

#include "indexer/reader.h"

#include <cstddef>
#include <string>

namespace scio::indexer {

struct LoadedFile {
  std::string hash;        // content hash of the bytes; empty when the file could not be read
  std::size_t bytes = 0;   // size read
  bool unchanged = false;  // the hash is known_hash: not parsed
  FileResult result;       // the parsed pages (not yet assembled), or the error
};

// Reads path's bytes once (load_source's reading and decoding, indexer/source_file.h): hashes them
// and parses them unless the hash equals known_hash. A file that cannot be read or parsed gives
// result.error.
LoadedFile load_file(const std::string& path, const std::string& known_hash);

}  // namespace scio::indexer

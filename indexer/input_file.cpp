#include "indexer/input_file.h"

#include "core/text.h"
#include "indexer/source_file.h"

namespace scio::indexer {

LoadedFile load_file(const std::string& path, const std::string& known_hash) {
  LoadedFile out;
  out.result.path = path;
  auto bytes = read_source_bytes(path);
  if (!bytes) {
    out.result.error = InputError{path, bytes.error()};
    return out;
  }
  out.bytes = bytes->size();
  out.hash = core::content_hash(*bytes);
  if (out.hash == known_hash) {
    out.unchanged = true;
    return out;
  }
  auto source = decode_source(*bytes);
  if (!source) {
    out.result.error = InputError{path, source.error()};
    return out;
  }
  out.result = parse_source(path, *source);
  return out;
}

}  // namespace scio::indexer

#include "core/compress.h"

#include <zlib.h>

#include <stdexcept>

namespace scio::core {

std::string compress(std::string_view bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  // Level 6 (zlib's default): canonical XML shrinks about fivefold at a few tens of MB/s.
  const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                           static_cast<uLong>(bytes.size()), Z_DEFAULT_COMPRESSION);
  if (rc != Z_OK) throw std::runtime_error("zlib compress2 failed (" + std::to_string(rc) + ")");
  out.resize(size);
  return out;
}

Result<std::string> decompress(std::string_view compressed, std::size_t max_bytes) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return Error{"zlib: cannot start inflating"};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buffer[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&stream);
      return Error{"expands past " + std::to_string(max_bytes) + " bytes"};
    }
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      rc = Z_BUF_ERROR;  // the input ended before the stream did
      break;
    }
  }
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) return Error{rc == Z_BUF_ERROR ? "compressed data cut short" : "not zlib-compressed data"};
  if (stream.avail_in != 0) return Error{"bytes after the end of the compressed data"};
  return out;
}

}  // namespace scio::core

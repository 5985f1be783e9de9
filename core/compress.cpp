#include "core/compress.h"

#include <zlib.h>

#include <stdexcept>

namespace scio::core {
namespace {

const Bytef* bytes_of(std::string_view s) { return reinterpret_cast<const Bytef*>(s.data()); }

// Inflates what stream was set up for (the caller ends or resets the stream).
Result<std::string> inflate_all(z_stream& stream, std::string_view compressed, std::size_t max_bytes) {
  stream.next_in = const_cast<Bytef*>(bytes_of(compressed));
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
    if (out.size() > max_bytes) return Error{"expands past " + std::to_string(max_bytes) + " bytes"};
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      rc = Z_BUF_ERROR;  // the input ended before the stream did
      break;
    }
  }
  if (rc != Z_STREAM_END) return Error{rc == Z_BUF_ERROR ? "compressed data cut short" : "not zlib-compressed data"};
  if (stream.avail_in != 0) return Error{"bytes after the end of the compressed data"};
  return out;
}

// One raw deflate stream per thread, reset for each string: setting a stream up costs more than
// compressing a record. A 32 KiB window (a record is rarely longer); memory level 6: resetting
// clears a hash table of 16 KiB rather than the default's 64 KiB, for the same size on records.
struct Deflater {
  z_stream stream{};
  Deflater() {
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 6, Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("zlib: cannot start deflating");
  }
  ~Deflater() { deflateEnd(&stream); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
};

// The same for inflating: a search may read thousands of records.
struct Inflater {
  z_stream stream{};
  Inflater() {
    if (inflateInit2(&stream, -15) != Z_OK) throw std::runtime_error("zlib: cannot start inflating");
  }
  ~Inflater() { inflateEnd(&stream); }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
};

}  // namespace

std::string compress(std::string_view bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  // Level 6 (zlib's default): canonical XML shrinks about fivefold at a few tens of MB/s.
  const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size, bytes_of(bytes),
                           static_cast<uLong>(bytes.size()), Z_DEFAULT_COMPRESSION);
  if (rc != Z_OK) throw std::runtime_error("zlib compress2 failed (" + std::to_string(rc) + ")");
  out.resize(size);
  return out;
}

Result<std::string> decompress(std::string_view compressed, std::size_t max_bytes) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return Error{"zlib: cannot start inflating"};
  auto out = inflate_all(stream, compressed, max_bytes);
  inflateEnd(&stream);
  return out;
}

std::string deflate_raw(std::string_view bytes, std::string_view dictionary) {
  thread_local Deflater deflater;
  z_stream& stream = deflater.stream;
  if (deflateReset(&stream) != Z_OK) throw std::runtime_error("zlib: cannot reset the deflate stream");
  if (!dictionary.empty() &&
      deflateSetDictionary(&stream, bytes_of(dictionary), static_cast<uInt>(dictionary.size())) != Z_OK)
    throw std::runtime_error("zlib: cannot set the dictionary");
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = const_cast<Bytef*>(bytes_of(bytes));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate failed (" + std::to_string(rc) + ")");
  out.resize(out.size() - stream.avail_out);
  return out;
}

Result<std::string> inflate_raw(std::string_view compressed, std::size_t max_bytes, std::string_view dictionary) {
  thread_local Inflater inflater;
  z_stream& stream = inflater.stream;
  if (inflateReset(&stream) != Z_OK) return Error{"zlib: cannot reset the inflate stream"};
  // A raw stream names no dictionary: it is set before the first byte is read.
  if (!dictionary.empty() &&
      inflateSetDictionary(&stream, bytes_of(dictionary), static_cast<uInt>(dictionary.size())) != Z_OK)
    return Error{"zlib: cannot set the dictionary"};
  return inflate_all(stream, compressed, max_bytes);
}

}  // namespace scio::core

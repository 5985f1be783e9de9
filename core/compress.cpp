#include "core/compress.h"

#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

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

struct DictionaryCodec::Dictionaries {
  ZSTD_CDict* compress = nullptr;
  ZSTD_DDict* decompress = nullptr;
  ~Dictionaries() {
    ZSTD_freeCDict(compress);
    ZSTD_freeDDict(decompress);
  }
};

DictionaryCodec::DictionaryCodec(std::string dictionary, int level)
    : m_dictionary(std::move(dictionary)), m_level(level) {}

DictionaryCodec::~DictionaryCodec() = default;

// The dictionary digested once, on first use (well under a millisecond), for both directions:
// ZSTD_CDict and ZSTD_DDict are read-only once made, and shared by every thread.
const DictionaryCodec::Dictionaries& DictionaryCodec::dictionaries() const {
  std::call_once(m_once, [this] {
    auto prepared = std::make_unique<Dictionaries>();
    prepared->compress = ZSTD_createCDict(m_dictionary.data(), m_dictionary.size(), m_level);
    prepared->decompress = ZSTD_createDDict(m_dictionary.data(), m_dictionary.size());
    if (!prepared->compress || !prepared->decompress) throw std::runtime_error("zstd: cannot load the dictionary");
    m_prepared = std::move(prepared);
  });
  return *m_prepared;
}

namespace {

// A context per thread, reused: making one costs more than compressing a record.
template <typename Context, Context* (*make)(), std::size_t (*release)(Context*)>
struct ThreadContext {
  Context* context = make();
  ThreadContext() {
    if (!context) throw std::runtime_error("zstd: cannot make a context");
  }
  ~ThreadContext() { release(context); }
  ThreadContext(const ThreadContext&) = delete;
  ThreadContext& operator=(const ThreadContext&) = delete;
};
using CompressionContext = ThreadContext<ZSTD_CCtx, ZSTD_createCCtx, ZSTD_freeCCtx>;
using DecompressionContext = ThreadContext<ZSTD_DCtx, ZSTD_createDCtx, ZSTD_freeDCtx>;

}  // namespace

std::string DictionaryCodec::compress(std::string_view bytes) const {
  thread_local CompressionContext context;
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const std::size_t size = ZSTD_compress_usingCDict(context.context, out.data(), out.size(), bytes.data(), bytes.size(),
                                                    dictionaries().compress);
  if (ZSTD_isError(size)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(size));
  out.resize(size);
  return out;
}

Result<std::string> DictionaryCodec::decompress(std::string_view compressed, std::size_t max_bytes) const {
  const auto size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR) return Error{"not zstd-compressed data"};
  if (size == ZSTD_CONTENTSIZE_UNKNOWN) return Error{"compressed data without its size"};
  if (size > max_bytes) return Error{"expands past " + std::to_string(max_bytes) + " bytes"};
  thread_local DecompressionContext context;
  std::string out(static_cast<std::size_t>(size), '\0');
  const std::size_t got = ZSTD_decompress_usingDDict(context.context, out.data(), out.size(), compressed.data(),
                                                     compressed.size(), dictionaries().decompress);
  if (ZSTD_isError(got)) {
    if (ZSTD_getErrorCode(got) == ZSTD_error_srcSize_wrong)
      return Error{"compressed data cut short, or bytes after it"};
    if (ZSTD_getErrorCode(got) == ZSTD_error_dictionary_wrong) return Error{"compressed with another dictionary"};
    return Error{std::string("zstd: ") + ZSTD_getErrorName(got)};
  }
  if (got != out.size()) return Error{"compressed data shorter than its stated size"};
  return out;
}

}  // namespace scio::core

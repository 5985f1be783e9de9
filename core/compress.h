// Compression of what the database stores outside Xapian's own compressed tables: Xapian keeps
// metadata (each conference's canonical XML: zlib) and values (each passage's record: zstd with a
// dictionary) as given.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace scio::core {

std::string compress(std::string_view bytes);

// The bytes back; an error when the input is not a zlib stream, is cut short, or would expand
// past max_bytes (a damaged record must not exhaust memory).
Result<std::string> decompress(std::string_view compressed, std::size_t max_bytes);

// Zstandard with a dictionary, for short strings compressed one by one (a passage's record is a
// few hundred bytes): what they share is in the dictionary, so each costs little, and a context
// per thread is reused from string to string. The dictionary is zstd's own format (trained:
// `zstd --train`, python3-zstandard) or any bytes, taken as raw content; reading needs the very
// same one. One codec serves every thread.
class DictionaryCodec {
 public:
  explicit DictionaryCodec(std::string dictionary, int level = 3);
  ~DictionaryCodec();
  DictionaryCodec(const DictionaryCodec&) = delete;
  DictionaryCodec& operator=(const DictionaryCodec&) = delete;

  const std::string& dictionary() const { return m_dictionary; }
  // One zstd frame, its content size written in it (so that any reader can size its buffer).
  std::string compress(std::string_view bytes) const;
  // The bytes back; an error when the input is not one zstd frame made with this dictionary, or
  // would expand past max_bytes (checked before anything is allocated).
  Result<std::string> decompress(std::string_view compressed, std::size_t max_bytes) const;

 private:
  struct Dictionaries;
  const Dictionaries& dictionaries() const;

  std::string m_dictionary;
  int m_level;
  mutable std::once_flag m_once;
  mutable std::unique_ptr<Dictionaries> m_prepared;
};

}  // namespace scio::core

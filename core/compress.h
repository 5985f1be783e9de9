// zlib compression of what the database stores outside Xapian's own compressed tables: Xapian
// keeps metadata (each conference's canonical XML) and values (each passage's record) as given.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace scio::core {

std::string compress(std::string_view bytes);

// The bytes back; an error when the input is not a zlib stream, is cut short, or would expand
// past max_bytes (a damaged record must not exhaust memory).
Result<std::string> decompress(std::string_view compressed, std::size_t max_bytes);

// Raw deflate (no header, no checksum) for short strings compressed one by one, each thread with a
// stream of its own, reset for each: a passage's record is a few hundred bytes. A preset
// dictionary (what the strings share) shrinks them further; reading needs the very same one.
std::string deflate_raw(std::string_view bytes, std::string_view dictionary = {});

// The bytes back, as decompress says, from deflate_raw with the same dictionary.
Result<std::string> inflate_raw(std::string_view compressed, std::size_t max_bytes, std::string_view dictionary = {});

}  // namespace scio::core

// Loading an input file as UTF-8: size limits, binary detection, BOMs, declared and detected charsets.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <filesystem>
#include <string>

namespace scio::indexer {

inline constexpr std::size_t k_max_source_bytes = 64u << 20;  // larger files are refused, unread

struct SourceText {
  std::string utf8;       // the whole file as valid UTF-8 (BOM removed)
  std::string charset;    // what it was converted from: "UTF-8", "GB18030", "windows-1252", ...
  bool detected = false;  // charset was guessed (no BOM, no declaration)
};

// Reads path and converts it to UTF-8. The charset comes from a BOM, then from an HTML
// <meta charset>/http-equiv or XML declaration, else UTF-8 when the bytes are valid UTF-8, else
// it is detected (ICU). Errors: cannot read, is a directory, not a regular file, empty file,
// "file too large (N MB, limit 64 MB)", binary (NUL bytes or control junk), undecodable.
core::Result<SourceText> load_source(const std::filesystem::path& path);

// The reading half of load_source: the file's bytes, unconverted (an empty file gives ""; decode_source
// refuses it). For callers that hash the bytes before deciding to decode them (indexer/input_file.h).
core::Result<std::string> read_source_bytes(const std::filesystem::path& path);

// The same from bytes already in memory (tests, fuzzing); applies the same size limit.
core::Result<SourceText> decode_source(std::string_view bytes);

}  // namespace scio::indexer

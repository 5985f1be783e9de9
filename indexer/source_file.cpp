// Loading an input file as UTF-8: size checks before reading, binary refusal, charset choice, ICU conversion.
#include "indexer/source_file.h"

#include "core/text.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <exception>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace scio::indexer {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// NUL bytes, or many C0 controls other than the white space ones, mean the file is not text.
bool looks_binary(std::string_view bytes) {
  auto sample = bytes.substr(0, 8192);
  std::size_t controls = 0;
  for (char c : sample) {
    auto b = static_cast<unsigned char>(c);
    if (b == 0) return true;
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) || b == 0x7F) ++controls;
  }
  return controls * 10 > sample.size();
}

// BOM-less UTF-16 of mostly ASCII text: every other byte is NUL, which would read as binary.
const char* bomless_utf16(std::string_view bytes) {
  auto sample = bytes.substr(0, 8192);
  std::size_t units = sample.size() / 2, zero_even = 0, zero_odd = 0;
  for (std::size_t i = 0; i + 1 < sample.size(); i += 2) {
    zero_even += sample[i] == '\0';
    zero_odd += sample[i + 1] == '\0';
  }
  if (units < 8) return nullptr;
  if (zero_even == 0 && zero_odd * 10 >= units * 9) return "UTF-16LE";
  if (zero_odd == 0 && zero_even * 10 >= units * 9) return "UTF-16BE";
  return nullptr;
}

// UTF-8 with BOM-less legacy bytes mixed in: how many multibyte sequences are valid and how many
// are not, and the text with U+FFFD for each bad sequence (and its stray continuation bytes).
struct Utf8Scan {
  std::size_t good = 0;
  std::size_t bad = 0;
  std::string repaired;
};

Utf8Scan scan_utf8(std::string_view text) {
  Utf8Scan scan;
  for (;;) {
    auto bad = core::find_invalid_utf8(text);
    auto valid = text.substr(0, bad);
    for (char c : valid) scan.good += static_cast<unsigned char>(c) >= 0xC0;
    scan.repaired.append(valid);
    if (bad == std::string_view::npos) return scan;
    ++scan.bad;
    scan.repaired.append(k_replacement);
    std::size_t skip = bad + 1;
    for (int k = 0; k < 3 && !core::is_char_start(text, skip); ++k) ++skip;
    text.remove_prefix(skip);
  }
}

// A few bad bytes in text that is otherwise UTF-8 (a damaged copy) are replaced rather than
// taken as a sign of another charset; more than about 1% of bad sequences are not damage.
bool mostly_utf8(const Utf8Scan& scan) { return scan.good > 0 && scan.bad <= 1 + scan.good / 100; }

// Converts bytes from charset to UTF-8, substituting U+FFFD for what does not decode.
std::optional<std::string> convert(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status), &ucnv_close);
  if (U_FAILURE(status) || !conv) return std::nullopt;
  // Rarely does a byte give more than one UTF-16 unit: size for one, grow when ICU says so.
  std::u16string wide(bytes.size() + 1, u'\0');
  int32_t wide_len = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    status = U_ZERO_ERROR;
    wide_len = ucnv_toUChars(conv.get(), wide.data(), static_cast<int32_t>(wide.size()), bytes.data(),
                             static_cast<int32_t>(bytes.size()), &status);
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
    wide.resize(static_cast<std::size_t>(wide_len) + 1);
  }
  if (U_FAILURE(status)) return std::nullopt;
  wide.resize(static_cast<std::size_t>(wide_len));
  if (!wide.empty() && wide.front() == u'\uFEFF') wide.erase(0, 1);
  std::string out(wide.size() * 3, '\0');
  int32_t out_len = 0;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &out_len, wide.data(),
                     static_cast<int32_t>(wide.size()), 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(out_len));
  return out;
}

// What a page declares in its first 4 KB: <meta charset=...>, <meta http-equiv=... content=
// "...; charset=...">, or <?xml ... encoding="..."?>. Mentions outside those tags (scripts set
// document.charset) do not count.
std::string declared_charset(std::string_view bytes) {
  std::string head = core::ascii_lower(bytes.substr(0, 4096));
  auto is_name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
  };
  auto value_after = [&](std::size_t from, std::size_t end, std::string_view key) -> std::string {
    for (auto at = head.find(key, from); at != std::string::npos && at < end; at = head.find(key, at + 1)) {
      std::size_t i = at + key.size();
      while (i < end && head[i] == ' ') ++i;
      if (i >= end || head[i] != '=') continue;
      ++i;
      while (i < end && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
      std::size_t j = i;
      while (j < end && is_name_char(head[j])) ++j;
      if (j > i) return head.substr(i, j - i);
    }
    return {};
  };
  if (head.rfind("<?xml", 0) == 0) {
    auto end = head.find("?>");
    if (end != std::string::npos) {
      if (auto name = value_after(0, end, "encoding"); !name.empty()) return name;
    }
  }
  for (auto at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    auto end = head.find('>', at);
    if (end == std::string::npos) end = head.size();
    if (auto name = value_after(at, end, "charset"); !name.empty()) return name;
  }
  return {};
}

// The converter name for a declared or detected charset, as browsers treat them.
std::string converter_name(const std::string& name) {
  if (name.empty()) return {};
  std::string lower = core::ascii_lower(name);
  if (lower == "gb2312" || lower == "gbk" || lower == "gb18030" || lower == "x-gbk" || lower == "cp936" ||
      lower == "euc-cn" || lower == "gb_2312-80")
    return "GB18030";
  if (lower == "iso-8859-1" || lower == "latin1" || lower == "iso8859-1" || lower == "us-ascii" || lower == "ascii" ||
      lower == "windows-1252" || lower == "cp1252")
    return "windows-1252";
  // A document that can carry an ASCII <meta> is not UTF-16, whatever the tag says.
  if (lower == "utf-8" || lower == "utf8" || lower.rfind("utf-16", 0) == 0) return "UTF-8";
  UErrorCode status = U_ZERO_ERROR;
  if (ucnv_countAliases(name.c_str(), &status) == 0 || U_FAILURE(status)) return {};
  const char* standard = ucnv_getStandardName(name.c_str(), "MIME", &status);
  if (!standard || U_FAILURE(status)) standard = ucnv_getStandardName(name.c_str(), "IANA", &status);
  return standard && U_SUCCESS(status) ? standard : name;
}

// Double-byte text whose lead and trail bytes fit GB18030 (so, most likely, Chinese). Pairs with
// an ASCII trail byte prove little: Latin-1 text has them wherever an accent sits mid-word.
bool looks_chinese(std::string_view bytes) {
  std::size_t high = 0, low = 0, lone = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x81) continue;
    auto t = i + 1 < bytes.size() ? static_cast<unsigned char>(bytes[i + 1]) : 0;
    if (b == 0xFF || t < 0x40 || t == 0x7F || t == 0xFF) {
      ++lone;
      continue;
    }
    ++(t >= 0x80 ? high : low);
    ++i;
  }
  return high >= 4 && low * 2 <= high && lone * 20 <= high + low;
}

// ICU's guess for bytes in no declared charset. GB18030 is preferred for Chinese-looking bytes
// unless the detector is confident of another East Asian charset, and windows-1252 over other
// single-byte charsets it rates about as likely (our English pages are not Central European).
std::string detect_charset(std::string_view bytes) {
  auto sample = bytes.substr(0, 1 << 16);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status), &ucsdet_close);
  std::string best;
  int32_t confidence = 0, western = 0;
  if (U_SUCCESS(status)) {
    ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
    ucsdet_enableInputFilter(detector.get(), true);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    for (int32_t k = 0; U_SUCCESS(status) && k < count; ++k) {
      const char* name = ucsdet_getName(matches[k], &status);
      int32_t score = ucsdet_getConfidence(matches[k], &status);
      // UTF-8 is known invalid here; BOM-less UTF-16 was handled before detection.
      if (U_FAILURE(status) || !name || std::string_view(name).substr(0, 4) == "UTF-") continue;
      if (best.empty()) {
        best = name;
        confidence = score;
      }
      if (converter_name(name) == "windows-1252") western = std::max(western, score);
    }
  }
  bool east_asian = best == "Big5" || best == "EUC-KR" || best == "EUC-JP" || best == "Shift_JIS";
  if (looks_chinese(sample) && !(east_asian && confidence >= 50)) return "GB18030";
  auto name = converter_name(best);
  if (name.empty() || name == "UTF-8" || confidence <= 10) return "windows-1252";
  bool single_byte = best.rfind("ISO-8859-", 0) == 0 || best.rfind("windows-125", 0) == 0;
  return single_byte && western + 15 >= confidence ? "windows-1252" : name;
}

core::Error too_large(std::size_t bytes) {
  return core::Error{"file too large (" + std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB, limit " +
                     std::to_string(k_max_source_bytes >> 20) + " MB)"};
}

core::Result<SourceText> decode(std::string_view bytes) {
  if (bytes.empty()) return core::Error{"empty file"};
  if (bytes.size() > k_max_source_bytes) return too_large(bytes.size());
  const core::Error binary{"binary file, not a transcript"};
  auto finish = [&](std::string utf8, std::string charset, bool detected) -> core::Result<SourceText> {
    if (core::find_invalid_utf8(utf8) != std::string::npos) utf8 = scan_utf8(utf8).repaired;
    if (looks_binary(utf8)) return binary;
    return SourceText{std::move(utf8), std::move(charset), detected};
  };
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    return finish(std::string(bytes), "UTF-8", false);
  }
  for (auto [bom, charset] :
       {std::pair{std::string_view("\xFF\xFE"), "UTF-16LE"}, std::pair{std::string_view("\xFE\xFF"), "UTF-16BE"}}) {
    if (bytes.substr(0, 2) != bom) continue;
    auto utf8 = convert(bytes.substr(2), charset);
    if (!utf8) return core::Error{std::string("cannot decode as ") + charset};
    return finish(std::move(*utf8), charset, false);
  }
  if (const char* charset = bomless_utf16(bytes)) {
    if (auto utf8 = convert(bytes, charset)) return finish(std::move(*utf8), charset, true);
  }
  if (looks_binary(bytes)) return binary;
  if (core::find_invalid_utf8(bytes) == std::string_view::npos) return finish(std::string(bytes), "UTF-8", false);
  // Many pages declare one charset and are saved in another: valid UTF-8 wins over any
  // declaration. Bytes that are not valid in what a page declares are left to ICU's substitution.
  std::string declared = converter_name(declared_charset(bytes));
  if (!declared.empty() && declared != "UTF-8") {
    if (auto utf8 = convert(bytes, declared.c_str())) return finish(std::move(*utf8), declared, false);
  }
  // Declared UTF-8 (or nothing) but not valid: damaged UTF-8, or in truth another charset.
  Utf8Scan scan = scan_utf8(bytes);
  if (mostly_utf8(scan)) return finish(std::move(scan.repaired), "UTF-8", declared.empty());
  std::string guessed = detect_charset(bytes);
  auto utf8 = convert(bytes, guessed.c_str());
  if (!utf8) return core::Error{"cannot decode the file's charset (" + guessed + ")"};
  return finish(std::move(*utf8), guessed, true);
}

}  // namespace

core::Result<SourceText> decode_source(std::string_view bytes) {
  try {
    return decode(bytes);
  } catch (const std::exception& e) { return core::Error{std::string("cannot decode: ") + e.what()}; }
}

core::Result<std::string> read_source_bytes(const std::filesystem::path& path) {
  auto cannot_read = [] { return core::Error{std::string("cannot read: ") + std::strerror(errno)}; };
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return cannot_read();
  if (S_ISDIR(info.st_mode)) return core::Error{"is a directory"};
  // FIFOs and devices could block or never end; only regular files are transcripts.
  if (!S_ISREG(info.st_mode)) return core::Error{"not a regular file"};
  struct File {
    int fd;
    ~File() {
      if (fd >= 0) ::close(fd);
    }
  } file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0 || ::fstat(file.fd, &info) != 0) return cannot_read();
  auto size = static_cast<std::size_t>(info.st_size);
  if (size > k_max_source_bytes) return too_large(size);
  try {
    // The file may have grown since fstat: read on to the end, but never past the limit.
    std::string bytes(size + 1, '\0');
    std::size_t got = 0;
    for (;;) {
      if (got == bytes.size()) {
        if (got > k_max_source_bytes) return too_large(got);
        bytes.resize(std::min(2 * got, k_max_source_bytes + 1));
      }
      ssize_t n = ::read(file.fd, bytes.data() + got, bytes.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return cannot_read();
      if (n == 0) break;
      got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    return bytes;
  } catch (const std::exception& e) { return core::Error{std::string("cannot read: ") + e.what()}; }
}

core::Result<SourceText> load_source(const std::filesystem::path& path) {
  auto bytes = read_source_bytes(path);
  if (!bytes) return core::Error{bytes.error()};
  return decode_source(*bytes);
}

}  // namespace scio::indexer

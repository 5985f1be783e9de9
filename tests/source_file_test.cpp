// Loading input files as UTF-8: BOMs, declared and detected charsets, damaged text, refused files.
#include "core/text.h"
#include "indexer/source_file.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <sys/stat.h>

using scio::indexer::decode_source;
using scio::indexer::load_source;
using scio::indexer::SourceText;
using scio::test::data_path;

namespace {

bool valid_utf8(const std::string& text) { return scio::core::find_invalid_utf8(text) == std::string::npos; }

SourceText decode_ok(std::string_view bytes) {
  auto source = decode_source(bytes);
  INFO((source ? std::string() : source.error()));
  REQUIRE(source.ok());
  CHECK(valid_utf8(source->utf8));
  CHECK(source->utf8.rfind("\xEF\xBB\xBF", 0) == std::string::npos);
  return *source;
}

}  // namespace

TEST_CASE("charset fixtures decode to the exact text", "[source]") {
  auto [fixture, charset, detected, phrase] = GENERATE(table<std::string, std::string, bool, std::string>({
      // GBK bytes declared gb2312: read as GB18030, so 镕 (GBK only) survives.
      {"encoding/gbk_meta_gb2312.html", "GB18030", false, "<title>朱镕基总理记者会</title>"},
      {"encoding/gbk_meta_gb2312.html", "GB18030", false, "赵立坚：中方高度赞赏老方和越方坚定支持中方"},
      // GBK with no declaration: detected.
      {"encoding/gbk_undeclared.html", "GB18030", true, "《北京青年报》记者：近日，生活在中国南京的日本导演竹内亮"},
      // Declared ISO-8859-1, read as windows-1252 (curly quotes and dashes live in 0x80-0x9F).
      {"encoding/cp1252_declared_latin1.html", "windows-1252", false,
       "\u201cOur position is very clear,\u201d the spokesperson\u2019s caf\u00e9 remark \u2013 said Mr. Le Drian."},
      {"encoding/cp1252_declared_latin1.html", "windows-1252", false, "Na\u00efve r\u00e9sum\u00e9s are \u00a35 each."},
      // UTF-16LE with BOM (its <meta charset="utf-16"> is true for once).
      {"encoding/utf16le_bom.html", "UTF-16LE", false, "<html>\n<head>\n<meta charset=\"utf-16\">"},
      {"encoding/utf16le_bom.html", "UTF-16LE", false, "这里我要补充说明一下，继6月30日古巴代表53个国家"},
      // UTF-8 with BOM: the BOM is dropped.
      {"encoding/utf8_bom.txt", "UTF-8", false, "SCIO press conference on the marine economy\n"},
      // One stray byte in a UTF-8 paragraph: replaced, the rest kept.
      {"encoding/utf8_one_bad_byte.txt", "UTF-8", true, "Output grew by 4.6% \u2014 the caf\u00e9 \uFFFD sector too."},
      {"encoding/utf8_one_bad_byte.txt", "UTF-8", true, "Welcome to Beijing\u2019s press centre."},
      // Declared gb2312 but saved as UTF-8: the bytes win.
      {"encoding/utf8_declared_gb2312.html", "UTF-8", false, "<title>外交部例行记者会</title>"},
      // The XML declaration names the charset.
      {"encoding/gbk_xml_declaration.xml", "GB18030", false, "<title>外交部发言人赵立坚主持例行记者会</title>"},
      // A real page declared and saved as UTF-8.
      {"mfa/t1558711.shtml", "UTF-8", false, "Alfonso María Dastis Quecedo"},
  }));
  INFO(fixture);
  auto source = load_source(data_path(fixture));
  INFO((source ? std::string() : source.error()));
  REQUIRE(source.ok());
  CHECK(source->charset == charset);
  CHECK(source->detected == detected);
  CHECK(valid_utf8(source->utf8));
  CHECK(source->utf8.rfind("\xEF\xBB\xBF", 0) == std::string::npos);
  CHECK(source->utf8.find(phrase) != std::string::npos);
  // load_source is decode_source over the file's bytes.
  auto again = decode_source(scio::test::read_file(data_path(fixture)));
  REQUIRE(again.ok());
  CHECK(again->utf8 == source->utf8);
}

TEST_CASE("charset choice for bytes in memory", "[source]") {
  SECTION("UTF-8 without a declaration is taken as is") {
    auto s = decode_ok("Xing Huina:\n\nGood morning \u2014 caf\u00e9.\n");
    CHECK(s.charset == "UTF-8");
    CHECK_FALSE(s.detected);
    CHECK(s.utf8 == "Xing Huina:\n\nGood morning \u2014 caf\u00e9.\n");
  }
  SECTION("a few Chinese characters in GBK, undeclared: GB18030 over the detector's weak guesses") {
    auto s = decode_ok("\xD5\xD4\xC1\xA2\xBC\xE1\xA3\xBA\xD0\xBB\xD0\xBB\xA1\xA3\n");
    CHECK(s.charset == "GB18030");
    CHECK(s.detected);
    CHECK(s.utf8 == "赵立坚：谢谢。\n");
  }
  SECTION("Latin-1 text without a declaration is detected as windows-1252") {
    auto s = decode_ok("The caf\xE9 owner said \x93quoted\x94 words about the na\xEFve r\xE9sum\xE9.\n");
    CHECK(s.charset == "windows-1252");
    CHECK(s.detected);
    CHECK(s.utf8 == "The caf\u00e9 owner said \u201cquoted\u201d words about the na\u00efve r\u00e9sum\u00e9.\n");
  }
  SECTION("a charset named in a script is no declaration") {
    auto s = decode_ok(
        "<html><head><script>document.charset='gb2312';</script></head>"
        "<body><p>caf\xE9 au lait, na\xEFve r\xE9sum\xE9</p></body></html>");
    CHECK(s.charset == "windows-1252");
    CHECK(s.detected);
  }
  SECTION("a declared Big5 page is read as Big5") {
    auto s = decode_ok("<meta charset=big5><p>\xA5\x7E\xA5\xE6\xB3\xA1\xB5\x6F\xA8\xA5\xA4\x48</p>");
    CHECK(s.charset == "Big5");
    CHECK_FALSE(s.detected);
    CHECK(s.utf8.find("外交部發言人") != std::string::npos);
  }
  SECTION("an unknown declared charset is ignored") {
    auto s = decode_ok("<meta charset=\"x-no-such-charset\"><p>caf\xC3\xA9</p>");
    CHECK(s.charset == "UTF-8");
  }
  SECTION("declared UTF-8 with one bad byte: replaced, not detected") {
    auto s = decode_ok("<meta charset=\"utf-8\"><p>\u201cA\u201d and \xFF and \u201cB\u201d</p>");
    CHECK(s.charset == "UTF-8");
    CHECK_FALSE(s.detected);
    CHECK(s.utf8.find("\u201cA\u201d and \uFFFD and \u201cB\u201d") != std::string::npos);
  }
  SECTION("declared UTF-8 but saved as GBK: detected") {
    auto s = decode_ok("<meta charset=\"utf-8\"><p>\xCD\xE2\xBD\xBB\xB2\xBF\xB7\xA2\xD1\xD4\xC8\xCB</p>");
    CHECK(s.charset == "GB18030");
    CHECK(s.detected);
    CHECK(s.utf8.find("<p>外交部发言人</p>") != std::string::npos);
  }
  SECTION("a truncated UTF-8 sequence gives one replacement character") {
    auto s = decode_ok("\u201cquote\u201d and a cut \xE4\xB8 sequence");
    CHECK(s.utf8 == "\u201cquote\u201d and a cut \uFFFD sequence");
  }
  SECTION("more than about 1% bad sequences: not damaged UTF-8 but another charset") {
    std::string bytes = "\u201cquoted\u201d";
    for (int i = 0; i < 20; ++i) bytes += " caf\xE9";
    auto s = decode_ok(bytes);
    CHECK(s.detected);
    CHECK(s.charset != "UTF-8");
  }
  SECTION("UTF-16 without a BOM (every other byte NUL) is not binary") {
    std::string ascii = "Xing Huina:\nGood morning, ladies and gentlemen.\n";
    std::string le, be;
    for (char c : ascii) {
      le += c, le += '\0';
      be += '\0', be += c;
    }
    auto s = decode_ok(le);
    CHECK(s.charset == "UTF-16LE");
    CHECK(s.detected);
    CHECK(s.utf8 == ascii);
    CHECK(decode_ok(be).utf8 == ascii);
  }
  SECTION("UTF-16BE with BOM") {
    auto s = decode_ok(std::string("\xFE\xFF\x00<\x00p\x00>\x59\x16\x4E\xA4\x90\xE8", 14));
    CHECK(s.charset == "UTF-16BE");
    CHECK(s.utf8 == "<p>外交部");
  }
  SECTION("whatever the bytes, the result is valid UTF-8 or an error") {
    std::mt19937 random(20240119);
    const std::string pieces[] = {"a",           " ",    "\n",       "<p>",  "\xC3\xA9",     "\xE4\xB8\xAD",
                                  "\xFF",        "\x80", "\xD5\xD4", "\xE9", "\xF0\x9F\x98", "<meta charset=gbk>",
                                  "\xEF\xBB\xBF"};
    for (int round = 0; round < 300; ++round) {
      std::string bytes;
      auto n = random() % 200;
      for (unsigned k = 0; k < n; ++k) bytes += pieces[random() % std::size(pieces)];
      auto s = decode_source(bytes);
      if (s) CHECK(valid_utf8(s->utf8));
    }
  }
}

TEST_CASE("refused input", "[source]") {
  scio::test::TempDir dir;
  auto write = [&](const std::string& name, const std::string& bytes) {
    scio::test::write_file(dir / name, bytes);
    return dir / name;
  };
  SECTION("missing file") {
    auto s = load_source(dir / "no-such-file.html");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error() == "cannot read: No such file or directory");
  }
  SECTION("a directory") {
    auto s = load_source(dir.path());
    REQUIRE_FALSE(s.ok());
    CHECK(s.error() == "is a directory");
  }
  SECTION("a FIFO is not read (it could block forever)") {
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    auto s = load_source(dir / "fifo");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error() == "not a regular file");
  }
  SECTION("empty file") {
    auto s = load_source(write("empty.html", ""));
    REQUIRE_FALSE(s.ok());
    CHECK(s.error() == "empty file");
    CHECK(decode_source("").error() == "empty file");
  }
  SECTION("a file over the size limit is refused without being read") {
    auto path = write("huge.html", "<html><body><p>x</p>");
    std::filesystem::resize_file(path, 200u << 20);  // sparse: no disk used
    auto start = std::chrono::steady_clock::now();
    auto s = load_source(path);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error() == "file too large (200 MB, limit 64 MB)");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    std::filesystem::resize_file(path, scio::indexer::k_max_source_bytes + 1);
    CHECK(load_source(path).error() == "file too large (65 MB, limit 64 MB)");
  }
  SECTION("binary files") {
    std::mt19937 random(7);
    std::string junk(20000, '\0');
    for (auto& c : junk) c = static_cast<char>(random());
    const std::string binary = "binary file, not a transcript";
    CHECK(load_source(write("junk.html", junk)).error() == binary);
    // NUL bytes in otherwise readable text.
    CHECK(decode_source(std::string("Xing Huina:\0\0\0\0 text", 20)).error() == binary);
    // Control bytes without NULs.
    std::string controls;
    for (int i = 0; i < 1000; ++i) controls += "\x01\x02\x03\x04 ab";
    CHECK(decode_source(controls).error() == binary);
    // A UTF-16 BOM followed by junk.
    std::string utf16_junk = "\xFF\xFE";
    for (int i = 0; i < 500; ++i) utf16_junk += std::string("\x01\x00\x02\x00", 4);
    CHECK(decode_source(utf16_junk).error() == binary);
  }
  SECTION("text files with the usual white space controls are fine") {
    auto s = load_source(write("ok.txt", "Title\r\n\r\n\tXing Huina:\f\r\nText.\r\n"));
    REQUIRE(s.ok());
    CHECK(s->charset == "UTF-8");
  }
}

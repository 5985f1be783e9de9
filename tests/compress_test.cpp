#include "core/compress.h"

#include <catch2/catch.hpp>
#include <string>

using scio::core::compress;
using scio::core::decompress;

TEST_CASE("compressed records read back byte for byte") {
  std::string xml = "<conference id=\"c1\">";
  for (int i = 0; i < 2000; ++i) xml += "<p>Tariffs \xE5\x85\xB3\xE7\xA8\x8E " + std::to_string(i) + "</p>";
  xml += std::string(1, '\0') + "</conference>";
  const auto packed = compress(xml);
  CHECK(packed.size() < xml.size() / 4);
  auto back = decompress(packed, xml.size());
  REQUIRE(back.ok());
  CHECK(*back == xml);
  auto empty = decompress(compress(""), 0);
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}

TEST_CASE("damaged records are errors, not crashes or floods") {
  const std::string xml(1 << 20, 'x');
  const auto packed = compress(xml);
  auto cut = decompress(packed.substr(0, packed.size() / 2), xml.size());
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error() == "compressed data cut short");
  auto plain = decompress("<conference/>", xml.size());
  REQUIRE_FALSE(plain.ok());
  CHECK(plain.error() == "not zlib-compressed data");
  auto trailing = decompress(packed + "junk", xml.size());
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.error() == "bytes after the end of the compressed data");
  // A megabyte of one letter packs into about a kilobyte: the bound holds however small the input.
  auto bomb = decompress(packed, 4096);
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.error() == "expands past 4096 bytes");
}

#include "core/compress.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

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

TEST_CASE("raw-deflated records read back, one after another and on several threads") {
  using scio::core::deflate_raw;
  using scio::core::inflate_raw;
  std::vector<std::string> records;
  for (int i = 0; i < 50; ++i)
    records.push_back(R"({"passage":"t1/)" + std::to_string(i) + R"(.1","text":")" +
                      std::string(static_cast<std::size_t>(i) * 37, 'a' + static_cast<char>(i % 26)) +
                      " \xE5\x85\xB3\xE7\xA8\x8E tariffs\"}");
  records.emplace_back();
  std::vector<std::string> packed;
  for (const auto& r : records) packed.push_back(deflate_raw(r));
  CHECK(packed[49].size() < records[49].size() / 4);
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto back = inflate_raw(packed[i], 1 << 20);
    REQUIRE(back.ok());
    CHECK(*back == records[i]);
  }
  // A damaged one is an error, and the thread's stream still reads the next.
  auto cut = inflate_raw(packed[40].substr(0, packed[40].size() / 2), 1 << 20);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error() == "compressed data cut short");
  auto bomb = inflate_raw(deflate_raw(std::string(1 << 20, 'x')), 4096);
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.error() == "expands past 4096 bytes");
  auto next = inflate_raw(packed[41], 1 << 20);
  REQUIRE(next.ok());
  CHECK(*next == records[41]);
  // Each thread deflates with its own stream: the same bytes whichever thread made them.
  std::vector<std::string> other(records.size());
  std::thread worker([&] {
    for (std::size_t i = 0; i < records.size(); ++i) other[i] = deflate_raw(records[i]);
  });
  worker.join();
  CHECK(other == packed);
}

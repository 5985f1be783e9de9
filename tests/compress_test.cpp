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

TEST_CASE("records compressed with a dictionary read back, one after another and on several threads") {
  using scio::core::DictionaryCodec;
  std::vector<std::string> records;
  for (int i = 0; i < 50; ++i)
    records.push_back(R"({"passage":"t1/)" + std::to_string(i) + R"(.1","text":")" +
                      std::string(static_cast<std::size_t>(i) * 37, 'a' + static_cast<char>(i % 26)) +
                      " \xE5\x85\xB3\xE7\xA8\x8E tariffs\"}");
  records.emplace_back();
  // Any bytes serve as a dictionary (zstd takes them as raw content): what the records share.
  const DictionaryCodec codec(R"({"passage":"t1/0.1","text":" \xE5\x85\xB3\xE7\xA8\x8E tariffs"})");
  const DictionaryCodec none("");
  std::vector<std::string> packed;
  for (const auto& r : records) packed.push_back(codec.compress(r));
  CHECK(packed[49].size() < records[49].size() / 4);
  CHECK(packed[1].size() < none.compress(records[1]).size());  // the dictionary is what shrinks a short one
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto back = codec.decompress(packed[i], 1 << 20);
    REQUIRE(back.ok());
    CHECK(*back == records[i]);
  }
  // Damaged, foreign or oversized input is an error, and the thread's context still reads the next.
  auto cut = codec.decompress(packed[40].substr(0, packed[40].size() / 2), 1 << 20);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error() == "compressed data cut short, or bytes after it");
  auto trailing = codec.decompress(packed[40] + "junk", 1 << 20);
  REQUIRE_FALSE(trailing.ok());
  CHECK(trailing.error() == "compressed data cut short, or bytes after it");
  auto plain = codec.decompress(records[3], 1 << 20);
  REQUIRE_FALSE(plain.ok());
  CHECK(plain.error() == "not zstd-compressed data");
  auto bomb = codec.decompress(codec.compress(std::string(1 << 20, 'x')), 4096);
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.error() == "expands past 4096 bytes");
  // Read with another dictionary, a record is an error or other bytes, never the record.
  auto other = none.decompress(packed[1], 1 << 20);
  CHECK((!other.ok() || *other != records[1]));
  auto next = codec.decompress(packed[41], 1 << 20);
  REQUIRE(next.ok());
  CHECK(*next == records[41]);
  // Each thread compresses with a context of its own: the same bytes whichever thread made them.
  std::vector<std::string> made_elsewhere(records.size());
  std::thread worker([&] {
    for (std::size_t i = 0; i < records.size(); ++i) made_elsewhere[i] = codec.compress(records[i]);
  });
  worker.join();
  CHECK(made_elsewhere == packed);
}

#include "core/shards.h"

#include <fstream>
#include <sstream>
#include <xxhash.h>

namespace scio::core::shards {

namespace fs = std::filesystem;

std::string shard_name(std::size_t i) { return "shard-" + std::to_string(i); }

std::size_t shard_of(std::string_view conference_id, std::size_t n) {
  if (n <= 1) return 0;
  return static_cast<std::size_t>(XXH3_64bits(conference_id.data(), conference_id.size()) % n);
}

std::string stub_text(std::size_t n) {
  std::string out = "# scio database: " + std::to_string(n) + " shards, written by scio-index\n";
  for (std::size_t i = 0; i < n; ++i) out += "auto " + shard_name(i) + "\n";
  return out;
}

bool is_sharded(const fs::path& db) {
  std::error_code ec;
  return fs::is_regular_file(db / k_stub_name, ec);
}

Result<std::vector<fs::path>> shard_paths(const fs::path& db) {
  const fs::path stub = db / k_stub_name;
  std::ifstream in(stub);
  if (!in) return Error{"cannot read the shard list " + stub.string()};
  std::vector<fs::path> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    if (line != "auto " + shard_name(out.size()))
      return Error{stub.string() + " line " + std::to_string(number) + ": \"" + line +
                   "\" is not a shard scio-index wrote (expected \"auto " + shard_name(out.size()) + "\")"};
    out.push_back(db / shard_name(out.size()));
  }
  if (out.empty()) return Error{stub.string() + " lists no shard"};
  return out;
}

}  // namespace scio::core::shards

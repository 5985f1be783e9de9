// Helpers for tests: a temporary directory per test, fixture paths, running the real binaries.
#pragma once

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace scio::test {

inline std::filesystem::path data_path(const std::string& name) { return std::filesystem::path(SCIO_TEST_DATA) / name; }

// Text with its ANSI colour sequences (ESC ... m) taken out.
inline std::string without_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      i = s.find('m', i);
      if (i == std::string::npos) break;
      continue;
    }
    out += s[i];
  }
  return out;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& content) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
}

// A fresh directory, removed when the test ends.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv (no shell), with extra environment entries "K=V", and collects stdout/stderr.
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});

// tests/data/FOLDER indexed by the real scio-index into a database that lives as long as the test
// process: built at the first call, the same path after. Throws when scio-index fails.
const std::string& indexed_database(const std::string& folder);

// One JSON value per line of out (scio-search --format json).
std::vector<nlohmann::json> json_lines(const std::string& out);

// xapian-tcpsrv serving one database on 127.0.0.1, on a free port, stopped when this goes.
// Throws when it cannot be started; the server may take a moment to accept connections.
class XapianServer {
 public:
  explicit XapianServer(const std::filesystem::path& database);
  ~XapianServer();
  XapianServer(const XapianServer&) = delete;
  XapianServer& operator=(const XapianServer&) = delete;
  const std::string& port() const { return m_port; }
  std::string spec() const { return "tcp:127.0.0.1:" + m_port; }

 private:
  std::string m_port;
  int m_pid = 0;
};

}  // namespace scio::test

#include "test_support.h"

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <netinet/in.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace scio::test {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "scio-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  m_path = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

const std::string& indexed_database(const std::string& folder) {
  struct Indexed {
    TempDir dir;
    std::string db = (dir / "db").string();
  };
  static std::map<std::string, std::unique_ptr<Indexed>> databases;
  static std::mutex lock;
  const std::lock_guard<std::mutex> guard(lock);
  auto& slot = databases[folder];
  if (!slot) {
    auto indexed = std::make_unique<Indexed>();
    auto r = run({SCIO_INDEX_BIN, "-q", "--db", indexed->db, data_path(folder).string()});
    if (r.exit_code != 0) throw std::runtime_error("scio-index failed on tests/data/" + folder + ": " + r.err);
    slot = std::move(indexed);
  }
  return slot->db;
}

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  TempDir io;
  auto out_path = (io / "out").string();
  auto err_path = (io / "err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string entry = *e;
    if (entry.rfind("SCIO_DB=", 0) == 0 || entry.rfind("NO_COLOR=", 0) == 0) continue;
    env_strings.push_back(entry);
  }
  for (const auto& e : env) env_strings.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = 0;
  RunResult result;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data()) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    result.err = "spawn failed: " + argv[0];
    return result;
  }
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

XapianServer::XapianServer(const std::filesystem::path& database) {
  // A free port: bind to port 0 and let the kernel choose.
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (sock < 0 || ::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (sock >= 0) ::close(sock);
    throw std::runtime_error("no free port on 127.0.0.1");
  }
  m_port = std::to_string(ntohs(addr.sin_port));
  ::close(sock);

  std::vector<std::string> argv{"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", "--port", m_port,
                                database.string()};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // Its own process group: on SIGTERM the server signals its whole group, which must not be ours.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, args[0], &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0 || pid <= 0) throw std::runtime_error("cannot start /usr/bin/xapian-tcpsrv");
  m_pid = pid;
}

XapianServer::~XapianServer() {
  ::kill(m_pid, SIGTERM);
  ::waitpid(m_pid, nullptr, 0);
}

}  // namespace scio::test

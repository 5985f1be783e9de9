#include "searcher/pager.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>

namespace scio::searcher {

namespace {

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = end > start ? dirs.substr(start, end - start) : ".";
    if (::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

// The pager of this process, for the signal handler below.
pid_t g_pager = -1;

// Ctrl-C reaches scio-search and the pager alike; less stays on the screen. As git does, scio-search
// then ends its output and waits for the pager before dying of the signal, so that the shell's
// prompt does not come back under a pager still running. Only async-signal-safe calls.
void wait_for_pager(int signal) {
  ::close(STDOUT_FILENO);
  if (g_pager > 0) ::waitpid(g_pager, nullptr, 0);
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

}  // namespace

std::string pager_command(const char* scio_pager, const char* pager) {
  std::string command = scio_pager != nullptr ? scio_pager : pager != nullptr ? pager : "less -FRX";
  if (command.find_first_not_of(" \t") == std::string::npos || command == "cat") return {};
  return command;
}

Pager::Pager() {
  if (::isatty(STDOUT_FILENO) != 1) return;
  const std::string command = pager_command(std::getenv("SCIO_PAGER"), std::getenv("PAGER"));
  if (command.empty()) return;
  // The default pager may be missing (a minimal container): then print straight to the terminal
  // rather than lose the output to "less: not found". A pager the user named is run as named.
  if (command == "less -FRX" && !on_path("less")) return;
  int fds[2];
  if (::pipe(fds) != 0) return;  // no pipe: print straight to the terminal
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return;
  }
  if (pid == 0) {
    ::dup2(fds[0], STDIN_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    // As git does: less given by $PAGER without options still quits on one screen and keeps colour.
    ::setenv("LESS", "FRX", 0);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::dup2(fds[1], STDOUT_FILENO);
  ::close(fds[0]);
  ::close(fds[1]);
  // Quitting the pager early must not kill scio-search mid-write: the writes fail instead.
  std::signal(SIGPIPE, SIG_IGN);
  m_pid = pid;
  g_pager = pid;
  for (int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) std::signal(signal, wait_for_pager);
}

Pager::~Pager() {
  if (m_pid < 0) return;
  std::cout.flush();
  ::close(STDOUT_FILENO);  // end of input for the pager
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {}
}

}  // namespace scio::searcher

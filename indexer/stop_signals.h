// SIGINT and SIGTERM caught for a scope, so that a run stops between (or during) its steps and
// says how far it got: scio-index's indexing and fetching share it.
#pragma once

#include <csignal>

namespace scio::indexer {

namespace detail {
// The signal that asked the run to stop, or 0.
inline volatile std::sig_atomic_t g_stop_signal = 0;
extern "C" inline void on_stop_signal(int signal) { detail::g_stop_signal = signal; }
}  // namespace detail

class StopSignals {
 public:
  // flags: sigaction's (SA_RESETHAND: a second signal ends the process as usual; SA_RESTART:
  // system calls go on; without it, a transfer waiting in poll() is interrupted).
  explicit StopSignals(int flags) {
    detail::g_stop_signal = 0;
    struct sigaction action {};
    action.sa_handler = detail::on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    ::sigaction(SIGINT, &action, &m_int);
    ::sigaction(SIGTERM, &action, &m_term);
    // A signal ignored on entry (nohup, a background job of a script) stays ignored, as shells expect.
    if (m_int.sa_handler == SIG_IGN) ::sigaction(SIGINT, &m_int, nullptr);
    if (m_term.sa_handler == SIG_IGN) ::sigaction(SIGTERM, &m_term, nullptr);
  }
  ~StopSignals() {
    ::sigaction(SIGINT, &m_int, nullptr);
    ::sigaction(SIGTERM, &m_term, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  // The signal caught, or 0; readable where no StopSignals object is at hand.
  static int caught() { return detail::g_stop_signal; }
  int signal() const { return caught(); }

 private:
  struct sigaction m_int {};
  struct sigaction m_term {};
};

}  // namespace scio::indexer

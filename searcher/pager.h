// Long text output through a pager, as git does: when stdout is a terminal, scio-search's stdout
// becomes a pipe into $SCIO_PAGER, else $PAGER, else `less -FRX` (quits when the output fits one
// screen, passes colour through, leaves the text on the screen). An empty value or `cat` means no
// pager. Colour and width are decided from the terminal before the pipe replaces it.
#pragma once

#include <string>

namespace scio::searcher {

// The command to page with (SCIO_PAGER, PAGER, "less -FRX"), as the two variables give them;
// empty: no pager.
std::string pager_command(const char* scio_pager, const char* pager);

class Pager {
 public:
  // Starts the pager when stdout is a terminal and a pager is set; otherwise does nothing.
  Pager();
  ~Pager();
  Pager(const Pager&) = delete;
  Pager& operator=(const Pager&) = delete;

 private:
  int m_pid = -1;
};

}  // namespace scio::searcher

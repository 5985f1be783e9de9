// The database's own values for shell completion (completions/): `scio-search __complete
// speakers|outlets|conferences [PREFIX]` prints the speaker keys, outlet keys or conference ids
// that start with PREFIX, one a line, for the completion scripts to offer after --speaker,
// --outlet and --conference. Hidden from --help: it is for the scripts, not for people.
#pragma once

#include "searcher/commands.h"

#include <ostream>
#include <string>
#include <vector>

namespace scio::searcher {

struct CompleteOptions {
  CommonOptions common;  // only db is used
  std::string what;      // speakers, outlets or conferences
  std::string prefix;    // as typed: matched without regard to ASCII case
};

// The values, sorted, one a line; exit 0 even when none match (a completion offers nothing then).
Outcome run_complete(const CompleteOptions& options, std::ostream& out);

}  // namespace scio::searcher

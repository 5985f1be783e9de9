// Where the scio database lives: --db, else $SCIO_DB, else the per-user XDG data directory.
#pragma once

#include "core/result.h"

#include <filesystem>
#include <string_view>

namespace scio::core {

// The environment variables that decide the default; null or empty means unset.
struct DbPathEnvironment {
  const char* scio_db = nullptr;        // $SCIO_DB
  const char* xdg_data_home = nullptr;  // $XDG_DATA_HOME (ignored unless absolute, as the XDG spec says)
  const char* home = nullptr;           // $HOME
};

// The environment of this process.
DbPathEnvironment process_db_path_environment();

// option (the --db value, empty when not given), else $SCIO_DB, else
// ${XDG_DATA_HOME:-$HOME/.local/share}/scio/db. Fails only when none of them is usable.
Result<std::filesystem::path> resolve_db_path(std::string_view option, const DbPathEnvironment& env);
Result<std::filesystem::path> resolve_db_path(std::string_view option);

}  // namespace scio::core

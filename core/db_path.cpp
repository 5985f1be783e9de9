#include "core/db_path.h"

#include <cstdlib>

namespace scio::core {
namespace {

bool is_set(const char* value) { return value != nullptr && *value != '\0'; }

}  // namespace

DbPathEnvironment process_db_path_environment() {
  return {std::getenv("SCIO_DB"), std::getenv("XDG_DATA_HOME"), std::getenv("HOME")};
}

Result<std::filesystem::path> resolve_db_path(std::string_view option, const DbPathEnvironment& env) {
  if (!option.empty()) return std::filesystem::path(option);
  if (is_set(env.scio_db)) return std::filesystem::path(env.scio_db);
  std::filesystem::path data_home;
  // A relative XDG_DATA_HOME is invalid per the spec and must be ignored.
  if (is_set(env.xdg_data_home) && std::filesystem::path(env.xdg_data_home).is_absolute())
    data_home = env.xdg_data_home;
  else if (is_set(env.home)) data_home = std::filesystem::path(env.home) / ".local" / "share";
  else return Error{"no database given: use --db DIR or set SCIO_DB (HOME is not set either)"};
  return data_home / "scio" / "db";
}

Result<std::filesystem::path> resolve_db_path(std::string_view option) {
  return resolve_db_path(option, process_db_path_environment());
}

}  // namespace scio::core

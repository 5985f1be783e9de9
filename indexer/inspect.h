// The `scio-index inspect` command: parse inputs and print their conferences, no database.
#pragma once

#include "core/conference.h"

#include <filesystem>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace scio::indexer {

struct InspectOptions {
  std::vector<std::filesystem::path> paths;
  std::string format = "json";  // json | xml
  unsigned jobs = 1;
};

// The inspect JSON object of one conference (documented in the README).
nlohmann::ordered_json conference_json(const core::Conference& conference);

// Prints the conferences to out and one line per bad input to err; returns the exit code
// (0 every input parsed, 1 some failed).
int run_inspect(const InspectOptions& options, std::ostream& out, std::ostream& err);

}  // namespace scio::indexer

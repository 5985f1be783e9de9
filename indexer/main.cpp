// scio-index: ingest transcript pages into a Xapian database; `inspect` parses without one.
#include "indexer/inspect.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <thread>

int main(int argc, char** argv) {
  CLI::App app{"scio-index: index press-conference transcripts (HTML, text, canonical XML)", "scio-index"};
  app.require_subcommand(1);

  scio::indexer::InspectOptions inspect;
  auto* inspect_cmd = app.add_subcommand("inspect", "Parse files and folders and print their conferences (no database)");
  inspect_cmd->add_option("--format", inspect.format, "Output format")
      ->check(CLI::IsMember({"json", "xml"}))
      ->capture_default_str();
  inspect_cmd->add_option("PATH", inspect.paths, "Files and folders (recursive)")->required();
  inspect.jobs = std::max(1u, std::thread::hardware_concurrency());

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;  // CLI11's own codes start at 100; a usage error is 2
  }
  try {
    if (*inspect_cmd) return scio::indexer::run_inspect(inspect, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "scio-index: error: " << e.what() << '\n';
    return 3;
  }
  return 2;
}

// Reading input files and folders into conferences: format dispatch, input listing, and inspect's
// reading of them all (the assembly itself is indexer/assembler.h, shared with the index).
#pragma once

#include "core/conference.h"
#include "core/result.h"
#include "indexer/input_error.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace scio::indexer {

// One input file parsed: canonical XML gives whole conferences, HTML and text a one-page
// conference each.
struct FileResult {
  std::string path;
  std::vector<core::Conference> conferences;
  std::optional<InputError> error;
};

// One file read on its own and assembled (speakers classified) as if it were the only input.
FileResult read_file(const std::filesystem::path& path);

struct SourceText;
// One file's text parsed into conferences, not yet assembled: its pages go to add_pages
// (indexer/assembler.h), by read_inputs or the index.
FileResult parse_source(const std::filesystem::path& path, const SourceText& source);

// Expands files and folders (recursively, sorted, symlink loops refused) into input files.
// Problems with the paths themselves (missing, unreadable folder) are reported in errors.
std::vector<std::filesystem::path> list_inputs(const std::vector<std::filesystem::path>& paths,
                                               std::vector<InputError>& errors);

struct ReadResult {
  std::vector<core::Conference> conferences;  // sorted by id
  std::vector<InputError> errors;             // in input order
  std::size_t files = 0;                      // input files read
  std::size_t duplicate_pages = 0;            // pages seen twice (same text), kept once
};

// Reads every input (jobs threads) and assembles the pages into conferences as scio-index does
// (add_pages, then classify_speakers): files are taken in ranks_before order of their absolute
// paths, so a page saved twice is kept from the better-ranked copy, under that copy's conference id.
ReadResult read_inputs(const std::vector<std::filesystem::path>& paths, unsigned jobs = 1);

}  // namespace scio::indexer

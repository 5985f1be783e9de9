// Reading input files and folders into conferences: format dispatch, grouping and assembly.
#pragma once

#include "core/conference.h"
#include "core/result.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace scio::indexer {

struct InputError {
  std::string path;
  std::string message;  // one line: what is wrong with the file
};

// One input file parsed on its own: canonical XML gives whole conferences, HTML and text a
// one-page conference each.
struct FileResult {
  std::string path;
  std::vector<core::Conference> conferences;
  std::optional<InputError> error;
};

FileResult read_file(const std::filesystem::path& path);

struct SourceText;
// The parsing half of read_file, for callers that loaded (and hashed) the source themselves.
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

// Orders copies of one page: the desktop page before its /m/ mobile copy, then path order (the
// order folders are listed in). The better-ranked copy is the one kept, whatever the run order.
bool ranks_before(const std::string& a, const std::string& b);

// Reads every input (jobs threads), groups pages into conferences and assembles them. Files are
// taken in ranks_before order of their absolute paths, as scio-index takes them: a page saved
// twice is kept from the better-ranked copy, under that copy's conference id.
ReadResult read_inputs(const std::vector<std::filesystem::path>& paths, unsigned jobs = 1);

}  // namespace scio::indexer

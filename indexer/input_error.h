// A bad input (a file or folder that cannot be read or is no transcript) and the one line that reports it.
#pragma once

#include <string>

namespace scio::indexer {

struct InputError {
  std::string path;     // the file or folder; several files are separated by ", "
  std::string message;  // one line: what is wrong with it
};

// How every command of scio-index reports a bad input: "scio-index: error: PATH: reason". The run
// goes on with the next input and ends with exit 1.
inline std::string input_error_line(const InputError& error) {
  return "scio-index: error: " + error.path + ": " + error.message;
}

}  // namespace scio::indexer

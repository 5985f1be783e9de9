// The one exception scio-index throws on purpose: the database cannot be used.
#pragma once

#include <stdexcept>

namespace scio::indexer {

// The database cannot be used: locked by another writer, unopenable, of another schema, or a
// write failed. Stops the run (exit 3); per-input failures are values, never this.
class EnvironmentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace scio::indexer

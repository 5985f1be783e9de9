// Reading a scio database back in tests, through the Xapian API.
#pragma once

#include "core/document.h"
#include "core/schema.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <xapian.h>

namespace scio::test {

// Passage id -> document data, over every document of db.
inline std::map<std::string, std::string> passage_data(const Xapian::Database& db) {
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    auto data = scio::core::passage_record_json(db.get_document(*it));
    out.emplace(nlohmann::json::parse(data)["passage"].get<std::string>(), data);
  }
  return out;
}

// The ids of the conferences that have passages in db.
inline std::set<std::string> conference_ids(const Xapian::Database& db) {
  std::set<std::string> out;
  const std::string prefix(core::schema::k_prefix_conference);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
    out.insert((*it).substr(prefix.size()));
  return out;
}

}  // namespace scio::test

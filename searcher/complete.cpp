#include "searcher/complete.h"

#include "core/db_path.h"
#include "core/schema.h"
#include "core/text.h"
#include "searcher/database.h"

namespace scio::searcher {

Outcome run_complete(const CompleteOptions& options, std::ostream& out) {
  std::string_view prefix;
  if (options.what == "speakers") prefix = core::schema::k_prefix_speaker;
  else if (options.what == "outlets") prefix = core::schema::k_prefix_outlet;
  else if (options.what == "conferences") prefix = core::schema::k_prefix_conference;
  else
    return Outcome{k_exit_usage, "__complete: \"" + options.what + "\" is not one of speakers, outlets or conferences"};
  std::vector<std::string> specs = options.common.db;
  if (specs.empty()) {
    auto path = core::resolve_db_path("");
    if (!path) throw DatabaseError(path.error());
    specs.push_back(path->string());
  }
  auto opened = open_database(specs);
  // Speaker and outlet keys are stored lower case, so a typed capital still finds its key;
  // conference ids are matched as written. allterms walks only the terms with this prefix.
  const bool keys = options.what != "conferences";
  const std::string start = std::string(prefix) + (keys ? core::ascii_lower(options.prefix) : options.prefix);
  read_with_retry(opened, [&](const Xapian::Database& db) {
    std::string lines;
    for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it)
      lines += (*it).substr(prefix.size()) + '\n';
    out << lines;
    return 0;
  });
  return {};
}

}  // namespace scio::searcher

// Options both programs declare the same way: --db, and any option a program takes both before and
// after a command's name ("scio-index --db D stats" = "scio-index stats --db D").
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>
#include <vector>

namespace scio::core::cli {

// The database option. One database (scio-index): the last --db given wins.
inline CLI::Option* add_db_option(CLI::App& app, std::string& db, const std::string& help) {
  return app.add_option("--db", db, help)->type_name("DB");
}

// Several databases (scio-search, repeatable): every --db given is kept, in the order given, also
// when some come before a command's name and some after it.
inline CLI::Option* add_db_option(CLI::App& app, std::vector<std::string>& dbs, const std::string& help) {
  return app
      .add_option_function<std::vector<std::string>>(
          "--db", [&dbs](const std::vector<std::string>& given) { dbs.insert(dbs.end(), given.begin(), given.end()); },
          help)
      ->allow_extra_args(false)
      ->type_name("DB");
}

// Declares an option (declare(app) adds it) on the program and on each of the commands, so that it
// is taken before or after the command's name; bound to one variable, it needs no merging after.
template <typename Declare>
void add_shared_option(CLI::App& program, std::initializer_list<CLI::App*> commands, Declare declare) {
  declare(program);
  for (auto* command : commands) declare(*command);
}

}  // namespace scio::core::cli

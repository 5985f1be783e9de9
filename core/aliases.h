// Names that mean the same speaker or outlet ("AFP" = "Agence France-Presse"), kept as data:
// data/aliases.tsv ships with scio (compiled in), and a user's own file adds to it. Applied when
// searching, to the keys the index holds, so that a new alias needs no re-indexing.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core {

enum class AliasKind { speaker, outlet };

class Aliases {
 public:
  // The table compiled in from data/aliases.tsv.
  static const Aliases& shipped();

  // Adds the groups of a TSV text (format in data/aliases.tsv). A line it cannot read is skipped
  // and named in errors() ("ORIGIN:LINE: what is wrong"). A line naming a name of an earlier group
  // joins that group under the new line's first name: a user's file extends or renames a shipped group.
  void add(std::string_view tsv, std::string_view origin);

  // The canonical key of a speaker or outlet key: the key of its group's first name, or the key
  // itself when no group holds it.
  std::string canonical(AliasKind kind, const std::string& key) const;
  // Every key of key's group (key alone when no group holds it).
  std::vector<std::string> group(AliasKind kind, const std::string& key) const;
  // The group's name as the table writes it ("AFP"); empty when no group holds key.
  std::string display(AliasKind kind, const std::string& key) const;

  const std::vector<std::string>& errors() const { return m_errors; }
  void report(std::string error) { m_errors.push_back(std::move(error)); }

 private:
  struct Table {
    std::map<std::string, std::string> canonical;  // key -> canonical key
    std::map<std::string, std::string> display;    // canonical key -> name as written
  };
  const Table& table(AliasKind kind) const { return kind == AliasKind::speaker ? m_speakers : m_outlets; }
  Table m_speakers;
  Table m_outlets;
  std::vector<std::string> m_errors;
};

// The user's alias file: $SCIO_ALIASES when set, else ${XDG_CONFIG_HOME:-$HOME/.config}/scio/aliases.tsv.
// Empty when neither can be named.
std::filesystem::path user_aliases_path();

// The shipped table plus the user's file when there is one (an unreadable file is named in errors()).
Aliases load_aliases();

}  // namespace scio::core

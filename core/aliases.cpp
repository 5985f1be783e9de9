#include "core/aliases.h"

#include "core/speaker.h"
#include "core/text.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace scio::core {

extern const char* const k_shipped_aliases;  // data/aliases.tsv, compiled in (aliases_data.cpp)

namespace {

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= line.size()) {
    auto end = line.find('\t', start);
    if (end == std::string_view::npos) end = line.size();
    auto field = trim(line.substr(start, end - start));
    if (!field.empty()) out.emplace_back(field);
    start = end + 1;
  }
  return out;
}

}  // namespace

const Aliases& Aliases::shipped() {
  static const Aliases table = [] {
    Aliases a;
    a.add(k_shipped_aliases, "data/aliases.tsv");
    return a;
  }();
  return table;
}

void Aliases::add(std::string_view tsv, std::string_view origin) {
  std::size_t number = 0;
  std::size_t start = 0;
  while (start < tsv.size()) {
    auto end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    const std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++number;
    const auto text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    const auto fields = split_tabs(line);
    const std::string where = std::string(origin) + ":" + std::to_string(number) + ": ";
    if (fields.size() < 2 || (fields[0] != "speaker" && fields[0] != "outlet")) {
      m_errors.push_back(where + "expected KIND<TAB>NAME<TAB>OTHER NAME..., KIND speaker or outlet; line skipped");
      continue;
    }
    Table& t = fields[0] == "speaker" ? m_speakers : m_outlets;
    const std::string canonical = speaker_key(fields[1]);
    if (canonical.empty()) {
      m_errors.push_back(where + "the name \"" + fields[1] + "\" has no letters; line skipped");
      continue;
    }
    // A name that led a group of its own before now joins this one, and so do its members.
    for (std::size_t i = 1; i < fields.size(); ++i) {
      const std::string key = speaker_key(fields[i]);
      if (key.empty()) continue;
      for (auto& [member, group] : t.canonical)
        if (group == key && key != canonical) group = canonical;
      t.display.erase(key);
      t.canonical[key] = canonical;
    }
    t.display[canonical] = fields[1];
  }
}

std::string Aliases::canonical(AliasKind kind, const std::string& key) const {
  const auto& t = table(kind);
  auto it = t.canonical.find(key);
  return it == t.canonical.end() ? key : it->second;
}

std::vector<std::string> Aliases::group(AliasKind kind, const std::string& key) const {
  const std::string c = canonical(kind, key);
  std::vector<std::string> out{c};
  for (const auto& [member, group] : table(kind).canonical)
    if (group == c && member != c) out.push_back(member);
  if (out.size() == 1 && c != key) out.push_back(key);
  return out;
}

std::string Aliases::display(AliasKind kind, const std::string& key) const {
  const auto& t = table(kind);
  auto it = t.display.find(canonical(kind, key));
  return it == t.display.end() ? std::string() : it->second;
}

std::filesystem::path user_aliases_path() {
  const char* explicit_path = std::getenv("SCIO_ALIASES");
  if (explicit_path && *explicit_path) return explicit_path;
  const char* config = std::getenv("XDG_CONFIG_HOME");
  // A relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored.
  if (config && *config && std::filesystem::path(config).is_absolute())
    return std::filesystem::path(config) / "scio" / "aliases.tsv";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::filesystem::path(home) / ".config" / "scio" / "aliases.tsv";
  return {};
}

Aliases load_aliases() {
  Aliases aliases = Aliases::shipped();
  const auto path = user_aliases_path();
  if (path.empty()) return aliases;
  std::error_code ec;
  const char* named = std::getenv("SCIO_ALIASES");
  if (!std::filesystem::exists(path, ec)) {
    // The XDG file is optional; a file the user named must be there.
    if (named && *named) aliases.report(path.string() + ": no such aliases file (SCIO_ALIASES); shipped aliases only");
    return aliases;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    aliases.report(path.string() + ": cannot read the aliases file; shipped aliases only");
    return aliases;
  }
  aliases.add(text.str(), path.string());
  return aliases;
}

}  // namespace scio::core

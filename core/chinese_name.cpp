#include "core/chinese_name.h"

#include "core/aliases.h"
#include "core/chinese_script.h"
#include "core/speaker.h"
#include "core/text.h"

#include <algorithm>
#include <map>
#include <vector>
#include <memory>
#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace scio::core {

extern const char* const k_shipped_chinese_names;  // data/chinese_names.tsv, compiled in

namespace {

struct NameTable {
  std::map<std::string, std::string, std::less<>> surnames;  // characters -> reading ("曾" -> "Zeng")
  std::map<std::string, std::string, std::less<>> names;     // whole name -> as the English pages write it
};

const NameTable& names_table() {
  static const NameTable table = [] {
    NameTable t;
    const std::string_view text(k_shipped_chinese_names);
    for (std::size_t start = 0, end = 0; start < text.size(); start = end + 1) {
      end = std::min(text.find('\n', start), text.size());
      const auto line = text.substr(start, end - start);
      if (line.empty() || line.front() == '#') continue;
      const auto tab1 = line.find('\t');
      const auto tab2 = line.find('\t', tab1 == std::string_view::npos ? tab1 : tab1 + 1);
      if (tab2 == std::string_view::npos) continue;  // the shipped file is checked by tests/names_test.cpp
      const auto kind = line.substr(0, tab1);
      auto& into = kind == "surname" ? t.surnames : t.names;
      into.emplace(std::string(line.substr(tab1 + 1, tab2 - tab1 - 1)), std::string(trim(line.substr(tab2 + 1))));
    }
    return t;
  }();
  return table;
}

// One character's pinyin, without tones, lower case. A Transliterator is not safe to share
// between threads (scio-index classifies speakers on several): one per thread.
std::string pinyin(std::string_view character) {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (!transliterator) return std::string(character);
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(character.data(), static_cast<int32_t>(character.size())));
  transliterator->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return std::string(trim(out));
}

std::string capitalised(std::string word) {
  if (!word.empty() && word.front() >= 'a' && word.front() <= 'z') word.front() = static_cast<char>(word.front() - 32);
  return word;
}

}  // namespace

std::optional<std::string> romanize_chinese_name(std::string_view raw) {
  // "趙立堅" is "赵立坚": the surnames and the table are written in simplified characters.
  const std::string simplified = to_simplified(trim(raw));
  const std::string_view name = simplified;
  if (!is_chinese_personal_name(name)) return std::nullopt;
  // Outlets can look like names ("路透社": 路 is a surname); the alias table knows them, and an
  // agency or paper ends in 社 or 报.
  if (name.ends_with("社") || name.ends_with("报") ||
      !Aliases::shipped().display(AliasKind::outlet, speaker_key(name)).empty())
    return std::nullopt;
  const auto& table = names_table();
  if (const auto it = table.names.find(name); it != table.names.end()) return it->second;
  std::vector<std::string_view> characters;
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp = 0;
    const std::size_t n = std::max<std::size_t>(decode_utf8(name, i, cp), 1);
    characters.push_back(name.substr(i, n));
    i += n;
  }
  // A two-character surname when the table names one and a given name follows.
  std::size_t surname_length = 1;
  if (characters.size() >= 3) {
    const std::string two = std::string(characters[0]) + std::string(characters[1]);
    if (table.surnames.contains(two)) surname_length = 2;
  }
  std::string surname, given;
  for (std::size_t i = 0; i < surname_length; ++i) surname += characters[i];
  if (const auto it = table.surnames.find(surname); it != table.surnames.end()) surname = it->second;
  else {
    std::string read;
    for (std::size_t i = 0; i < surname_length; ++i) read += pinyin(characters[i]);
    surname = capitalised(read);
  }
  for (std::size_t i = surname_length; i < characters.size(); ++i) given += pinyin(characters[i]);
  return surname + " " + capitalised(given);
}

std::string name_in_both(std::string_view name) {
  if (const auto latin = romanize_chinese_name(name)) return *latin + " (" + std::string(trim(name)) + ")";
  return std::string(name);
}

std::string person_key(std::string_view name) {
  if (const auto latin = romanize_chinese_name(name)) return speaker_key(*latin);
  return speaker_key(name);
}

}  // namespace scio::core

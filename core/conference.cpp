#include "core/conference.h"

#include "core/chinese_name.h"
#include "core/speaker.h"
#include "core/text.h"

namespace scio::core {

std::string_view to_string(SpeakerKind kind) {
  switch (kind) {
    case SpeakerKind::moderator: return "moderator";
    case SpeakerKind::official: return "official";
    case SpeakerKind::reporter: return "reporter";
    case SpeakerKind::unknown: break;
  }
  return "unknown";
}

std::optional<SpeakerKind> speaker_kind_from_string(std::string_view text) {
  if (text == "moderator") return SpeakerKind::moderator;
  if (text == "official") return SpeakerKind::official;
  if (text == "reporter") return SpeakerKind::reporter;
  if (text == "unknown") return SpeakerKind::unknown;
  return std::nullopt;
}

std::vector<Turn> Conference::turns() const {
  std::vector<Turn> out;
  for (const auto& page : pages) {
    for (const auto& turn : page.turns) {
      if (turn.continued && !out.empty()) {
        auto& last = out.back();
        last.paragraphs.insert(last.paragraphs.end(), turn.paragraphs.begin(), turn.paragraphs.end());
        continue;
      }
      out.push_back(turn);
      out.back().continued = false;
    }
  }
  return out;
}

std::string Conference::role_of(std::string_view key) const {
  for (const auto& p : participants)
    if (person_key(p.name) == key) return p.role;
  return {};
}

void LanguageCounter::add(std::string_view text) {
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    // ASCII, most of an English page, without decoding.
    if (const auto b = static_cast<unsigned char>(text[i]); b < 0x80) {
      const bool letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
      if (letter && !in_word) ++m_words;
      in_word = letter;
      ++i;
      continue;
    }
    char32_t cp = 0;
    std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      ++i;
      in_word = false;
      continue;
    }
    i += n;
    if (is_cjk(cp)) {
      ++m_cjk;
      in_word = false;
    } else if (cp >= 0xC0 && cp < 0x2000) {  // accented Latin, Greek, Cyrillic... (ASCII letters above)
      if (!in_word) ++m_words;
      in_word = true;
    } else {
      in_word = false;
    }
  }
}

std::string_view LanguageCounter::language(std::string_view fallback) const {
  if (m_cjk == 0 && m_words == 0) return fallback;
  return m_cjk > m_words ? "zh" : "en";
}

std::string_view Turn::language(std::string_view fallback) const {
  LanguageCounter counter;
  for (const auto& paragraph : paragraphs) counter.add(paragraph);
  return counter.language(fallback);
}

std::string_view Conference::language() const {
  LanguageCounter counter;
  counter.add(title);
  for (const auto& page : pages)
    for (const auto& turn : page.turns)
      for (const auto& paragraph : turn.paragraphs) counter.add(paragraph);
  return counter.language();
}

}  // namespace scio::core

#include "core/conference.h"

#include "core/speaker.h"

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
    if (speaker_key(p.name) == key) return p.role;
  return {};
}

}  // namespace scio::core

#include "core/speaker.h"

#include "core/text.h"

#include <algorithm>
#include <array>

namespace scio::core {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Lower-case words a name or outlet label may hold.
constexpr std::array<std::string_view, 22> k_connectors{
    "of", "the", "and", "for", "from", "de", "van",      "von",        "der",           "bin", "al",
    "da", "du",  "le",  "la",  "del",  "y",  "reporter", "journalist", "correspondent", "on",  "&"};

// Single words that open a line with a colon but never name a speaker.
constexpr std::array<std::string_view, 24> k_not_names{
    "note",      "notes", "source",   "editor",   "photo",   "update",      "updated",   "date",
    "time",      "venue", "location", "speakers", "speaker", "chairperson", "moderator", "host",
    "attention", "tel",   "email",    "e-mail",   "fax",     "address",     "share",     "print"};

constexpr std::array<std::string_view, 14> k_honorifics{"mr",   "ms",        "mrs", "miss", "madam", "madame", "dr",
                                                        "prof", "professor", "sir", "mme",  "m",     "h.e",    "he"};

bool is_honorific(std::string_view word) {
  auto w = ascii_lower(word);
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
  // "he" and "m" only count when written as "H.E." / "M."
  if ((w == "he" || w == "m") && word.find('.') == std::string_view::npos) return false;
  return std::find(k_honorifics.begin(), k_honorifics.end(), w) != k_honorifics.end();
}

std::size_t count_cjk(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE3 && b <= 0xE9) ++n;  // lead bytes of U+3000..U+9FFF
  }
  return n;
}

// A known set of outlets that do not look like outlets by their words alone.
constexpr std::array<std::string_view, 36> k_outlets{"cctv",
                                                     "cgtn",
                                                     "cnr",
                                                     "afp",
                                                     "ap",
                                                     "bloomberg",
                                                     "reuters",
                                                     "xinhua",
                                                     "kyodo",
                                                     "nhk",
                                                     "tass",
                                                     "efe",
                                                     "dpa",
                                                     "ansa",
                                                     "yonhap",
                                                     "rtl",
                                                     "bbc",
                                                     "cnn",
                                                     "abc",
                                                     "nbc",
                                                     "cbs",
                                                     "npr",
                                                     "wsj",
                                                     "ria novosti",
                                                     "phoenix tv",
                                                     "china daily",
                                                     "global times",
                                                     "the paper",
                                                     "caixin",
                                                     "china news service",
                                                     "beijing youth daily",
                                                     "people's daily",
                                                     "economic daily",
                                                     "hubei tv",
                                                     "shenzhen tv",
                                                     "sputnik"};

constexpr std::array<std::string_view, 20> k_outlet_words{
    "daily",     "times",   "news",     "tv",        "television", "radio",  "agency",
    "press",     "post",    "herald",   "journal",   "network",    "media",  "broadcasting",
    "broadcast", "channel", "magazine", "newspaper", "tribune",    "gazette"};

}  // namespace

bool looks_like_label(std::string_view raw) {
  auto name = trim(raw);
  if (name.empty() || name.size() > 60) return false;
  if (find_invalid_utf8(name) != std::string_view::npos) return false;
  auto cjk = count_cjk(name);
  if (cjk > 0) {
    // Chinese labels: a short name, an outlet, or 问/答/记者.
    if (name.size() > 45) return false;
    for (char c : name)
      if (c == ' ' || c == ',' || c == '.') return false;
    return true;
  }
  auto words = split_words(name);
  if (words.empty() || words.size() > 6) return false;
  if (!is_upper(words.front()[0])) return false;
  if (words.size() == 1 &&
      std::find(k_not_names.begin(), k_not_names.end(), ascii_lower(words.front())) != k_not_names.end())
    return false;
  for (const auto& w : words) {
    for (char c : w)
      if (c >= '0' && c <= '9') return false;
    if (w.find_first_of(";!?\"") != std::string::npos) return false;
    std::string_view body = w;
    while (!body.empty() && (body.front() == '(' || body.front() == '"')) body.remove_prefix(1);
    if (body.empty()) return false;
    if (is_upper(body[0])) continue;
    if (std::find(k_connectors.begin(), k_connectors.end(), ascii_lower(body)) != k_connectors.end()) continue;
    if (body.size() >= 2 && is_lower(body[0]) && body[1] == '\'') continue;  // d'Estaing
    return false;
  }
  return true;
}

std::optional<Label> parse_label(std::string_view line, bool allow_inline) {
  line = trim(line);
  // The colon: ASCII ':' or the full-width '：' (EF BC 9A).
  std::size_t colon = std::string_view::npos, colon_len = 0;
  std::size_t limit = std::min<std::size_t>(line.size(), 64);
  for (std::size_t i = 0; i < limit; ++i) {
    if (line[i] == ':') {
      colon = i;
      colon_len = 1;
      break;
    }
    if (i + 2 < line.size() && line.compare(i, 3, "\xEF\xBC\x9A") == 0) {
      colon = i;
      colon_len = 3;
      break;
    }
  }
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  auto name = trim(line.substr(0, colon));
  auto rest = trim(line.substr(colon + colon_len));
  if (!rest.empty() && !allow_inline) return std::nullopt;
  // "10:30" or "http://..." are not labels.
  if (!rest.empty() && (rest.front() == '/' || (rest.front() >= '0' && rest.front() <= '9' && colon_len == 1 &&
                                                name.back() >= '0' && name.back() <= '9')))
    return std::nullopt;
  if (!looks_like_label(name)) return std::nullopt;
  return Label{std::string(name), normalize_space(rest)};
}

bool names_a_person(std::string_view label) {
  const auto words = split_words(trim(label));
  if (words.size() < 2) return false;
  if (is_honorific(words[0])) return true;
  // "The President", never "The Paper" or "The Australian".
  const std::size_t at = ascii_lower(words[0]) == "the" ? 1 : 0;
  auto first = ascii_lower(words[at]);
  while (!first.empty() && (first.back() == '.' || first.back() == ',')) first.pop_back();
  static constexpr std::array<std::string_view, 21> k_offices{
      "president", "vice",     "secretary",  "ambassador", "general",       "admiral",      "senator",
      "governor",  "minister", "director",   "deputy",     "administrator", "commissioner", "captain",
      "colonel",   "chairman", "chairwoman", "premier",    "senior",        "spokesperson", "spokesman"};
  return std::find(k_offices.begin(), k_offices.end(), first) != k_offices.end();
}

std::string strip_honorific(std::string_view name) {
  auto words = split_words(trim(name));
  std::size_t first = 0;
  while (first + 1 < words.size() && is_honorific(words[first])) ++first;
  std::string out;
  for (std::size_t i = first; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::string speaker_key(std::string_view name) {
  std::string cleaned;
  for (char c : strip_honorific(name)) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) cleaned += static_cast<char>(std::tolower(u));
    else if (c == '\'') continue;  // "People's" -> "peoples"
    else cleaned += ' ';
  }
  std::string key;
  for (const auto& w : split_words(cleaned)) {
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

std::string display_name(std::string_view raw) {
  const auto label = trim(raw);
  const auto words = split_words(label);
  const bool capitals =
      std::any_of(label.begin(), label.end(), is_upper) && std::none_of(label.begin(), label.end(), is_lower);
  if (words.size() < 2 || !capitals) return std::string(label);
  constexpr std::array<std::string_view, 8> k_small{"of", "the", "and", "for", "on", "to", "at", "in"};
  std::string out;
  for (std::size_t n = 0; n < words.size(); ++n) {
    const std::string& w = words[n];
    if (n > 0) out += ' ';
    const auto dot = w.find('.');
    const auto lower = ascii_lower(w);
    if (dot != std::string::npos && dot + 1 < w.size()) {
      out += w;  // an abbreviation: "U.S."
    } else if (n > 0 && std::find(k_small.begin(), k_small.end(), lower) != k_small.end()) {
      out += lower;
    } else {
      // Capitals again after a hyphen or an apostrophe: "VICE-PRESIDENT", "O'BRIEN".
      for (std::size_t k = 0; k < w.size(); ++k) out += k == 0 || w[k - 1] == '-' || w[k - 1] == '\'' ? w[k] : lower[k];
    }
  }
  return out;
}

std::optional<ReporterLabel> reporter_label(std::string_view raw) {
  auto label = std::string(trim(raw));
  auto lower = ascii_lower(label);
  if (lower == "q" || lower == "question" || lower == "follow-up" || lower == "follow up" || lower == "reporter" ||
      lower == "journalist" || lower == "问" || lower == "记者" || lower == "追问")
    return ReporterLabel{};
  // "CCTV reporter", "Reporter from China Daily", "Phoenix TV journalist", "香港中评社记者"
  auto words = split_words(label);
  std::string outlet;
  bool marked = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto w = ascii_lower(words[i]);
    if (w == "reporter" || w == "journalist" || w == "correspondent") {
      marked = true;
      continue;
    }
    if ((w == "from" || w == "with" || w == "of") && marked && outlet.empty()) continue;
    if (!outlet.empty()) outlet += ' ';
    outlet += words[i];
  }
  if (label.size() > 6 && label.compare(label.size() - 6, 6, "记者") == 0) {
    return ReporterLabel{label.substr(0, label.size() - 6)};
  }
  if (marked) return ReporterLabel{outlet};
  if (std::find(k_outlets.begin(), k_outlets.end(), lower) != k_outlets.end()) return ReporterLabel{label};
  for (const auto& w : words)
    if (std::find(k_outlet_words.begin(), k_outlet_words.end(), ascii_lower(w)) != k_outlet_words.end())
      return ReporterLabel{label};
  return std::nullopt;
}

std::optional<Participant> parse_participant(std::string_view raw) {
  auto line = trim(raw);
  if (line.size() < 5 || line.size() > 400) return std::nullopt;
  auto comma = line.find(',');
  auto name_part = trim(line.substr(0, comma == std::string_view::npos ? line.size() : comma));
  auto words = split_words(name_part);
  bool honorific = !words.empty() && is_honorific(words.front());
  if (comma == std::string_view::npos && !honorific) return std::nullopt;
  std::string name = strip_honorific(name_part);
  auto name_words = split_words(name);
  if (name_words.empty() || name_words.size() > 5) return std::nullopt;
  for (const auto& w : name_words)
    if (!is_upper(w[0]) || w.find_first_of("0123456789()") != std::string::npos) return std::nullopt;
  if (!honorific && (name_words.size() < 2 || name_words.size() > 4)) return std::nullopt;
  std::string role = comma == std::string_view::npos ? "" : normalize_space(line.substr(comma + 1));
  if (!role.empty() && role.back() == '.') role.pop_back();
  return Participant{name, role};
}

bool is_moderator_role(std::string_view role) {
  auto r = ascii_lower(role);
  auto has = [&](std::string_view s) { return r.find(s) != std::string::npos; };
  if (has("moderator") || has("host") || has("chairperson") || has("master of ceremonies")) return true;
  return has("spokesperson") && (has("scio") || has("state council information office") || has("press bureau"));
}

}  // namespace scio::core

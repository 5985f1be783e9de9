#include "searcher/snippet.h"

#include "core/schema.h"
#include "core/text.h"

#include <algorithm>
#include <array>
#include <utility>

namespace scio::searcher {
namespace {

namespace schema = core::schema;

// No SNIPPET_BACKGROUND_MODEL: it looks up the frequency of every word of every hit in the
// database (most of a scio-search command's time, bench/RESULTS.md); the extract is chosen by
// the query's words alone.
constexpr unsigned k_flags = Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM;

constexpr std::array<std::pair<std::string_view, char>, 7> k_entities = {{
    {"&amp;", '&'},
    {"&lt;", '<'},
    {"&gt;", '>'},
    {"&quot;", '"'},
    {"&apos;", '\''},
    {"&#39;", '\''},
    {"&#34;", '"'},
}};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string without_markers(const std::string& text) {
  if (text.find_first_of("\x02\x03") == std::string::npos) return text;
  std::string out = text;
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\x02' || c == '\x03'; }, ' ');
  return out;
}

std::string marked_snippet(const Xapian::MSet& mset, const std::string& text, std::size_t length) {
  return mset.snippet(without_markers(text), length, Xapian::Stem(std::string(schema::k_stem_language)), k_flags,
                      std::string(k_match_start), std::string(k_match_end), std::string(k_omission));
}

}  // namespace

Snippet read_marked(std::string_view marked) {
  Snippet out;
  bool match = false;
  bool pending_space = false;
  auto append = [&](std::string_view piece) {
    if (out.empty() || out.back().match != match) out.push_back({std::string(), match});
    out.back().text += piece;
  };
  for (std::size_t i = 0; i < marked.size();) {
    const char c = marked[i];
    if (c == k_match_start[0] || c == k_match_end[0]) {
      match = c == k_match_start[0];
      ++i;
      continue;
    }
    if (is_space(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    if (pending_space) {
      // A space between two matched words belongs to the match; next to a match, to the text.
      const bool inside = match && !out.empty() && out.back().match;
      if (!out.empty()) {
        if (inside) append(" ");
        else {
          const bool was = match;
          match = false;
          append(" ");
          match = was;
        }
      }
      pending_space = false;
    }
    if (c == '&') {
      auto entity = std::find_if(k_entities.begin(), k_entities.end(),
                                 [&](const auto& e) { return marked.substr(i, e.first.size()) == e.first; });
      if (entity != k_entities.end()) {
        append(std::string_view(&entity->second, 1));
        i += entity->first.size();
        continue;
      }
    }
    append(marked.substr(i, 1));
    ++i;
  }
  return out;
}

Snippet make_snippet(const Xapian::MSet& mset, const std::string& text, std::size_t length) {
  Snippet marked = read_marked(marked_snippet(mset, text, length));
  if (std::any_of(marked.begin(), marked.end(), [](const Segment& s) { return s.match; })) return marked;
  return Snippet{{opening(text, length), false}};
}

std::string opening(std::string_view text, std::size_t length) {
  std::string out;
  bool space = false;
  std::size_t i = 0;
  for (; i < text.size() && out.size() < length; ++i) {
    if (is_space(text[i])) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += text[i];
  }
  while (i < text.size() && is_space(text[i])) ++i;
  if (i == text.size()) return out;
  // Cut between characters, at the last space when there is one in the second half.
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  const auto space_at = out.rfind(' ');
  if (space_at != std::string::npos && space_at > out.size() / 2) out.resize(space_at);
  return out + std::string(k_omission);
}

std::vector<std::string> matched_words(const Xapian::MSet& mset, const std::string& text) {
  std::vector<std::string> words;
  std::vector<std::string> seen;
  // Asked for more than the whole text, the snippet marks every match in it.
  for (const auto& segment : make_snippet(mset, text, text.size() + 1)) {
    if (!segment.match) continue;
    for (auto& word : core::split_words(segment.text)) {
      auto folded = core::ascii_lower(word);
      if (std::find(seen.begin(), seen.end(), folded) != seen.end()) continue;
      seen.push_back(std::move(folded));
      words.push_back(std::move(word));
    }
  }
  return words;
}

std::string plain_text(const Snippet& snippet) {
  std::string out;
  for (const auto& s : snippet) out += s.text;
  return out;
}

}  // namespace scio::searcher

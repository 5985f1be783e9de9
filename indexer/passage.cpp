#include "indexer/passage.h"

namespace scio::indexer {
namespace {

// Splits a paragraph longer than max_chars at sentence ends (". ", "? ", "! ", "。"), or at
// spaces when a single sentence is longer still.
std::vector<std::string> split_long(const std::string& para, std::size_t max_chars) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (para.size() - start > max_chars) {
    std::size_t cut = std::string::npos;
    for (std::size_t i = start + max_chars / 2; i < start + max_chars && i + 1 < para.size(); ++i) {
      bool ascii_end = (para[i] == '.' || para[i] == '?' || para[i] == '!') && para[i + 1] == ' ';
      bool cjk_end = i + 3 <= para.size() && para.compare(i, 3, "\xE3\x80\x82") == 0;
      if (ascii_end) cut = i + 1;
      if (cjk_end) cut = i + 3;
    }
    if (cut == std::string::npos) cut = para.rfind(' ', start + max_chars);
    if (cut == std::string::npos || cut <= start) {
      cut = start + max_chars;  // no space at all (CJK run): cut on a character boundary
      while (cut < para.size() && (static_cast<unsigned char>(para[cut]) & 0xC0) == 0x80) ++cut;
    }
    auto piece = para.substr(start, cut - start);
    while (!piece.empty() && piece.back() == ' ') piece.pop_back();
    out.push_back(std::move(piece));
    start = cut;
    while (start < para.size() && para[start] == ' ') ++start;
  }
  if (start < para.size()) out.push_back(para.substr(start));
  return out;
}

}  // namespace

std::string Passage::text() const {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

std::vector<Passage> make_passages(const std::string& conference_id, const std::vector<core::Turn>& turns,
                                   std::size_t max_chars) {
  std::vector<Passage> out;
  for (std::size_t t = 0; t < turns.size(); ++t) {
    std::vector<std::string> paragraphs;
    for (const auto& p : turns[t].paragraphs) {
      auto pieces = split_long(p, max_chars);
      paragraphs.insert(paragraphs.end(), pieces.begin(), pieces.end());
    }
    Passage current;
    std::size_t size = 0;
    auto flush = [&] {
      if (current.paragraphs.empty()) return;
      current.turn = static_cast<int>(t + 1);
      current.part = static_cast<int>(out.size() && out.back().turn == current.turn ? out.back().part + 1 : 1);
      current.id = conference_id + "/" + std::to_string(current.turn) + "." + std::to_string(current.part);
      out.push_back(std::move(current));
      current = Passage{};
      size = 0;
    };
    for (auto& p : paragraphs) {
      if (size > 0 && size + p.size() > max_chars) flush();
      size += p.size();
      current.paragraphs.push_back(std::move(p));
    }
    flush();
  }
  return out;
}

}  // namespace scio::indexer

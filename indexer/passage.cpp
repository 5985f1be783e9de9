#include "indexer/passage.h"

#include "core/schema.h"
#include "core/text.h"
#include "indexer/exchanges.h"

#include <algorithm>

namespace scio::indexer {
namespace {

namespace schema = core::schema;

struct Paragraph {
  const std::string* text;
  int page;
};

// One entry of Conference::turns(), with the page of each paragraph kept (turns() loses it when a
// page's continued text is joined to the turn it runs on from).
struct PagedTurn {
  const core::Turn* turn;
  std::vector<Paragraph> paragraphs;
};

std::vector<PagedTurn> paged_turns(const core::Conference& c) {
  std::vector<PagedTurn> out;
  for (const auto& page : c.pages) {
    for (const auto& turn : page.turns) {
      if (!turn.continued || out.empty()) out.push_back({&turn, {}});
      for (const auto& p : turn.paragraphs) out.back().paragraphs.push_back({&p, page.number});
    }
  }
  return out;
}

// True when a sentence ends just before pos: ". ", "? ", "! " (also after a closing quote or
// bracket), or a CJK full stop, question or exclamation mark.
bool sentence_ends_before(std::string_view text, std::size_t pos) {
  for (std::string_view mark : {"\u3002", "\uFF01", "\uFF1F"})
    if (pos >= mark.size() && text.substr(pos - mark.size(), mark.size()) == mark) return true;
  if (pos == 0 || pos >= text.size() || text[pos] != ' ') return false;
  std::size_t i = pos;
  while (i > 0 && (text[i - 1] == '"' || text[i - 1] == '\'' || text[i - 1] == ')')) --i;
  for (std::string_view closer : {"\u201D", "\u2019"})
    if (i >= closer.size() && text.substr(i - closer.size(), closer.size()) == closer) i -= closer.size();
  return i > 0 && (text[i - 1] == '.' || text[i - 1] == '?' || text[i - 1] == '!');
}

// Where to cut text[start, start + max): the last sentence end, else the last space, else the
// last character boundary. Always past start.
std::size_t cut_point(std::string_view text, std::size_t start, std::size_t max_bytes) {
  const std::size_t limit = start + max_bytes;
  for (std::size_t pos = limit; pos > start; --pos)
    if (sentence_ends_before(text, pos)) return pos;
  for (std::size_t pos = limit; pos > start; --pos)
    if (text[pos] == ' ') return pos;
  std::size_t pos = limit;
  while (pos > start + 1 && !core::is_char_start(text, pos)) --pos;
  return pos;
}

// Greedy packing of one turn's pieces into passages of at most max_bytes.
struct Piece {
  std::string text;
  int page;
};

std::vector<std::vector<Piece>> pack(const std::vector<Piece>& pieces, std::size_t max_bytes) {
  std::vector<std::vector<Piece>> out;
  std::size_t size = 0;
  for (const auto& piece : pieces) {
    const std::size_t joined = out.empty() || out.back().empty() ? piece.text.size() : size + 2 + piece.text.size();
    if (out.empty() || joined > max_bytes) {
      out.emplace_back();
      size = piece.text.size();
    } else {
      size = joined;
    }
    out.back().push_back(piece);
  }
  return out;
}

std::vector<std::vector<Piece>> split_turn(const PagedTurn& turn, std::size_t max_bytes) {
  std::vector<Piece> pieces;
  for (const auto& p : turn.paragraphs)
    for (auto& piece : split_paragraph(*p.text, max_bytes)) pieces.push_back({std::move(piece), p.page});
  return pack(pieces, max_bytes);
}

std::string date_or_empty(const std::optional<core::Date>& d) { return d ? d->iso() : std::string(); }

const core::Page* find_page(const core::Conference& c, int number) {
  for (const auto& page : c.pages)
    if (page.number == number) return &page;
  return nullptr;
}

}  // namespace

std::string passage_id(std::string_view conference_id, int turn, int part) {
  return std::string(conference_id) + "/" + std::to_string(turn) + "." + std::to_string(part);
}

std::vector<std::string> split_paragraph(std::string_view text, std::size_t max_bytes) {
  std::vector<std::string> out;
  max_bytes = std::max<std::size_t>(max_bytes, 8);  // room for any UTF-8 character
  text = core::trim(text);
  std::size_t start = 0;
  while (text.size() - start > max_bytes) {
    std::size_t cut = cut_point(text, start, max_bytes);
    auto piece = core::trim(text.substr(start, cut - start));
    if (!piece.empty()) out.emplace_back(piece);
    start = cut;
    while (start < text.size() && text[start] == ' ') ++start;
  }
  if (start < text.size()) out.emplace_back(text.substr(start));
  return out;
}

std::vector<Passage> make_passages(const core::Conference& c, std::size_t max_bytes) {
  std::vector<Passage> out;
  const auto turns = paged_turns(c);
  const std::string conference_lang(c.language());
  for (std::size_t t = 0; t < turns.size(); ++t) {
    // A turn so long that its parts would overflow the order value gets a larger bound instead.
    std::size_t bound = max_bytes;
    auto groups = split_turn(turns[t], bound);
    while (groups.size() >= schema::k_max_parts_per_turn) {
      bound *= 2;
      groups = split_turn(turns[t], bound);
    }
    const core::Turn& turn = *turns[t].turn;
    // The whole turn's language, its continued text included: every part of a turn has one.
    core::LanguageCounter counter;
    for (const auto& paragraph : turns[t].paragraphs) counter.add(*paragraph.text);
    const std::string lang(counter.language(conference_lang));
    for (std::size_t g = 0; g < groups.size(); ++g) {
      Passage p;
      p.turn = static_cast<int>(t + 1);
      p.part = static_cast<int>(g + 1);
      p.id = passage_id(c.id, p.turn, p.part);
      p.speaker = turn.speaker;
      p.speaker_key = turn.speaker_key;
      p.kind = turn.kind;
      p.outlet = turn.outlet;
      p.exchange = turn.exchange;
      p.lang = lang;
      p.conference_lang = conference_lang;
      p.page = groups[g].front().page;
      for (const auto& piece : groups[g]) {
        if (!p.text.empty()) p.text += "\n\n";
        p.text += piece.text;
        if (p.pages.empty() || p.pages.back() != piece.page) p.pages.push_back(piece.page);
      }
      out.push_back(std::move(p));
    }
  }
  return out;
}

core::PassageRecord passage_record(const core::Conference& c, const Passage& p) {
  const core::Page* page = find_page(c, p.page);
  core::PassageRecord r;
  r.passage = p.id;
  r.conference = c.id;
  r.title = c.title;
  r.held = date_or_empty(c.held);
  r.published = date_or_empty(c.published);
  r.speaker = p.speaker;
  r.speaker_key = p.speaker_key;
  r.role = c.role_of(p.speaker_key);
  r.kind = std::string(core::to_string(p.kind));
  r.outlet = p.outlet;
  if (page) {
    r.source = page->source;
    r.url = page->url;
  }
  r.page = p.page;
  r.turn = p.turn;
  r.part = p.part;
  r.text = p.text;
  r.lang = p.lang;
  r.conference_lang = p.conference_lang;
  return r;
}

Xapian::Document passage_document(const core::Conference& c, const Passage& p, Xapian::TermGenerator& generator,
                                  core::TitleTerms title_terms) {
  std::vector<std::string> sources;
  for (int number : p.pages)
    if (const auto* drawn = find_page(c, number)) sources.push_back(drawn->source);
  auto record = passage_record(c, p);
  // The passage's exchange (indexer/exchanges.h): its number and the one it follows in the data,
  // its asker, answerers and side as terms and values.
  const auto facts = p.exchange ? std::optional(exchange_facts(c, *p.exchange, p.kind)) : std::nullopt;
  if (facts) {
    record.exchange = facts->number;
    record.follows = facts->follows.value_or(0);
  }
  auto doc = core::passage_document(record, sources, generator, title_terms);
  if (facts) add_exchange_terms(doc, c.id, *facts);
  return doc;
}

}  // namespace scio::indexer

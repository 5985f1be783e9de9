#include "indexer/passage.h"

#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"
#include "indexer/exchanges.h"

#include <algorithm>
#include <nlohmann/json.hpp>

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

std::string date_or_empty(const std::optional<core::Date>& d, bool iso) {
  if (!d) return {};
  return iso ? d->iso() : d->compact();
}

const core::Page* find_page(const core::Conference& c, int number) {
  for (const auto& page : c.pages)
    if (page.number == number) return &page;
  return nullptr;
}

std::string term(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  out += value;
  return out;
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
  for (std::size_t t = 0; t < turns.size(); ++t) {
    // A turn so long that its parts would overflow the order value gets a larger bound instead.
    std::size_t bound = max_bytes;
    auto groups = split_turn(turns[t], bound);
    while (groups.size() >= schema::k_max_parts_per_turn) {
      bound *= 2;
      groups = split_turn(turns[t], bound);
    }
    const core::Turn& turn = *turns[t].turn;
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

Xapian::TermGenerator passage_term_generator() {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(std::string(schema::k_stem_language)));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  return generator;
}

Xapian::Document passage_document(const core::Conference& c, const Passage& p, Xapian::TermGenerator& generator) {
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(p.text);
  // The fields are indexed with positions too, so that a phrase can be asked of a title or name.
  generator.increase_termpos();
  generator.index_text(p.speaker, 1, std::string(schema::k_prefix_name));
  generator.increase_termpos();
  generator.index_text(c.title, 1, std::string(schema::k_prefix_title));

  doc.add_boolean_term(term(schema::k_prefix_passage_id, p.id));
  doc.add_boolean_term(term(schema::k_prefix_conference, c.id));
  if (!p.speaker_key.empty()) {
    doc.add_boolean_term(term(schema::k_prefix_speaker, p.speaker_key));
    for (const auto& word : core::split_words(p.speaker_key))
      doc.add_boolean_term(term(schema::k_prefix_speaker_word, word));
  }
  doc.add_boolean_term(term(schema::k_prefix_kind, core::to_string(p.kind)));
  if (p.kind == core::SpeakerKind::reporter && !p.outlet.empty())
    doc.add_boolean_term(term(schema::k_prefix_outlet, core::speaker_key(p.outlet)));
  const auto& date = c.held ? c.held : c.published;
  if (date) {
    const auto compact = date->compact();
    doc.add_boolean_term(term(schema::k_prefix_year, compact.substr(0, 4)));
    doc.add_boolean_term(term(schema::k_prefix_month, compact.substr(0, 6)));
    doc.add_boolean_term(term(schema::k_prefix_day, compact));
    doc.add_value(schema::k_slot_held, compact);
  }
  if (c.published) doc.add_value(schema::k_slot_published, c.published->compact());
  doc.add_value(schema::k_slot_conference, c.id);
  doc.add_value(schema::k_slot_order,
                Xapian::sortable_serialise(static_cast<double>(p.turn) * schema::k_max_parts_per_turn + p.part));

  const core::Page* page = find_page(c, p.page);
  for (int number : p.pages)
    if (const auto* drawn = find_page(c, number); drawn && !drawn->source.empty())
      doc.add_boolean_term(term(schema::k_prefix_source, core::content_hash(drawn->source)));

  nlohmann::ordered_json data{
      {"passage", p.id},
      {"conference", c.id},
      {"title", c.title},
      {"held", date_or_empty(c.held, true)},
      {"published", date_or_empty(c.published, true)},
      {"speaker", p.speaker},
      {"speaker_key", p.speaker_key},
      {"role", c.role_of(p.speaker_key)},
      {"kind", std::string(core::to_string(p.kind))},
      {"outlet", p.outlet},
      {"source", page ? page->source : std::string()},
      {"url", page ? page->url : std::string()},
      {"page", p.page},
      {"turn", p.turn},
      {"part", p.part},
      {"text", p.text},
  };
  // The passage's exchange (indexer/exchanges.h): its terms, values and the data keys.
  const auto facts = p.exchange ? std::optional(exchange_facts(c, *p.exchange, p.kind)) : std::nullopt;
  if (facts) add_exchange_terms(doc, c.id, *facts);
  data["exchange"] = facts ? nlohmann::ordered_json(facts->number) : nlohmann::ordered_json(nullptr);
  data["follows"] = facts && facts->follows ? nlohmann::ordered_json(*facts->follows) : nlohmann::ordered_json(nullptr);
  // The readers guarantee valid UTF-8; replace keeps a stray byte from costing the passage.
  doc.set_data(data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  // The generator keeps a handle on its document; Xapian's reference counts are not atomic, and
  // the document may go to another thread.
  generator.set_document(Xapian::Document());
  return doc;
}

bool is_spelling_word(std::string_view term) {
  if (term.size() < 2) return false;
  for (std::size_t i = 0; i < term.size(); ++i) {
    const auto c = static_cast<unsigned char>(term[i]);
    if ((c >= 'a' && c <= 'z') || c == '\'') continue;
    // Two-byte UTF-8 letters (accented Latin, Greek, Cyrillic); CJK n-grams and digits stay out.
    if (c >= 0xC3 && c <= 0xDF && i + 1 < term.size() && !core::is_char_start(term, i + 1)) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

}  // namespace scio::indexer

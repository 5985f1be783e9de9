#include "searcher/kwic.h"

#include "core/schema.h"
#include "core/text.h"
#include "core/words.h"
#include "searcher/database.h"
#include "searcher/text_layout.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace scio::searcher {
namespace {

namespace schema = core::schema;

bool is_field_term(const std::string& term) {
  return !term.empty() && term[0] >= 'A' && term[0] <= 'Z' && !(term[0] == 'Z' && term.size() > 1 && term[1] >= 'a');
}

}  // namespace

OccurrenceFinder::OccurrenceFinder(const Xapian::Query& words) : m_stemmer(std::string(schema::k_stem_language)) {
  collect(words);
}

std::optional<OccurrenceFinder::Slot> OccurrenceFinder::slot_of(const Xapian::Query& query,
                                                                std::vector<Slot>* cjk_chars) {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    const std::string term = *query.get_terms_begin();
    if (term.empty() || is_field_term(term)) return std::nullopt;
    if (term[0] == 'Z') return Slot{{}, {term.substr(1)}};
    Xapian::Utf8Iterator first(term);
    if (cjk_chars != nullptr && core::is_ngram_cjk(*first)) {
      // An n-gram: its characters one after the other.
      for (Xapian::Utf8Iterator it(term); it != Xapian::Utf8Iterator(); ++it) {
        std::string ch;
        Xapian::Unicode::append_utf8(ch, *it);
        cjk_chars->push_back(Slot{{ch}, {}});
      }
      return std::nullopt;
    }
    return Slot{{term}, {}};
  }
  // A word or its possessive (query_builder's with_possessives), or a synonym group.
  if (type == Xapian::Query::OP_OR || type == Xapian::Query::OP_SYNONYM) {
    Slot out;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
      auto sub = slot_of(query.get_subquery(i), nullptr);
      if (!sub) return std::nullopt;
      out.terms.insert(out.terms.end(), sub->terms.begin(), sub->terms.end());
      out.stems.insert(out.stems.end(), sub->stems.begin(), sub->stems.end());
    }
    return out;
  }
  return std::nullopt;
}

void OccurrenceFinder::collect(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      std::vector<Slot> chars;
      auto slot = slot_of(query, &chars);
      if (!chars.empty()) m_patterns.push_back(chars);
      else if (slot) m_patterns.push_back({*slot});
      return;
    }
    case Xapian::Query::OP_PHRASE: {
      Pattern pattern;
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        std::vector<Slot> chars;
        auto slot = slot_of(query.get_subquery(i), &chars);
        if (!chars.empty()) {
          pattern.insert(pattern.end(), chars.begin(), chars.end());
        } else if (slot) {
          pattern.push_back(*slot);
        } else {
          m_partial = true;
          return;
        }
      }
      if (!pattern.empty()) m_patterns.push_back(pattern);
      return;
    }
    case Xapian::Query::OP_AND: {
      // A run of CJK text: QueryParser's n-grams, all required (AND of 发, 发电, 电 for 发电);
      // its characters (the one-character terms, in text order) are the run.
      Pattern run;
      bool cjk = query.get_num_subqueries() > 0;
      for (std::size_t i = 0; cjk && i < query.get_num_subqueries(); ++i) {
        const auto sub = query.get_subquery(i);
        const std::string term = sub.get_type() == Xapian::Query::LEAF_TERM ? *sub.get_terms_begin() : std::string();
        Xapian::Utf8Iterator first(term);
        cjk = !term.empty() && core::is_ngram_cjk(*first);
        if (cjk && ++first == Xapian::Utf8Iterator()) run.push_back(Slot{{term}, {}});
      }
      if (cjk) {
        m_patterns.push_back(run);
        return;
      }
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) collect(query.get_subquery(i));
      return;
    }
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_FILTER:
      // What is excluded or only filters is not an occurrence.
      if (query.get_num_subqueries() > 0) collect(query.get_subquery(0));
      return;
    case Xapian::Query::OP_WILDCARD: m_partial = true; return;
    default:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) collect(query.get_subquery(i));
  }
}

std::vector<OccurrenceFinder::Span> OccurrenceFinder::find(const std::vector<core::TextWord>& words) const {
  std::vector<std::optional<std::string>> stems(words.size());
  auto stem_of = [&](std::size_t i) -> const std::string& {
    if (!stems[i]) stems[i] = m_stemmer(words[i].term);
    return *stems[i];
  };
  auto slot_matches = [&](const Slot& slot, std::size_t i) {
    const auto& term = words[i].term;
    if (std::find(slot.terms.begin(), slot.terms.end(), term) != slot.terms.end()) return true;
    for (const auto& stem : slot.stems) {
      // English stems keep a word's first two letters ("dying" -> "die"): only those words are stemmed.
      const std::size_t n = std::min<std::size_t>(2, stem.size());
      if (term.compare(0, n, stem, 0, n) == 0 && stem_of(i) == stem) return true;
    }
    return false;
  };
  std::vector<Span> all;
  for (const auto& pattern : m_patterns) {
    if (pattern.size() > words.size()) continue;
    for (std::size_t i = 0; i + pattern.size() <= words.size(); ++i) {
      std::size_t k = 0;
      while (k < pattern.size() && slot_matches(pattern[k], i + k)) ++k;
      if (k == pattern.size()) all.push_back({i, i + k});
    }
  }
  std::sort(all.begin(), all.end(),
            [](const Span& a, const Span& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
  std::vector<Span> out;
  for (const auto& s : all)
    if (out.empty() || s.begin >= out.back().end) out.push_back(s);
  return out;
}

namespace {

// Every run of white space one space: paragraph breaks too.
std::string folded(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (space) out += ' ';
  return out;
}

struct Place {
  Xapian::docid did = 0;
  std::string date;  // ISO, "" when unknown
  std::string conference;
  int turn = 0;
  int part = 0;
};

struct Found {
  std::size_t place = 0;
  std::size_t first = 0;  // words of the passage
  std::size_t last = 0;
  std::string key;  // what --sort compares
};

std::string sort_key(const std::vector<core::TextWord>& words, const OccurrenceFinder::Span& span, KwicSort sort) {
  constexpr std::size_t k_depth = 3;
  std::string key;
  auto add = [&](std::ptrdiff_t i) {
    if (i >= 0 && static_cast<std::size_t>(i) < words.size()) key += words[static_cast<std::size_t>(i)].term;
    key += '\x01';  // below every character: a shorter word first
  };
  const auto b = static_cast<std::ptrdiff_t>(span.begin);
  const auto e = static_cast<std::ptrdiff_t>(span.end);
  constexpr auto depth = static_cast<std::ptrdiff_t>(k_depth);
  switch (sort) {
    case KwicSort::hit:
      for (auto i = b; i < e; ++i) key += words[static_cast<std::size_t>(i)].term + ' ';
      key += '\x01';
      for (std::ptrdiff_t i = 0; i < depth; ++i) add(e + i);
      break;
    case KwicSort::left1:
    case KwicSort::left2: {
      const std::ptrdiff_t from = sort == KwicSort::left1 ? 1 : 2;
      for (std::ptrdiff_t i = from; i < from + depth; ++i) add(b - i);
      break;
    }
    case KwicSort::right1:
    case KwicSort::right2: {
      const std::ptrdiff_t from = sort == KwicSort::right1 ? 0 : 1;
      for (std::ptrdiff_t i = from; i < from + depth; ++i) add(e + i);
      break;
    }
    case KwicSort::date: break;
  }
  return key;
}

// Dates in order, the unknown ones last; then transcript order.
bool before(const Place& a, const Place& b) {
  if (a.date != b.date) return !a.date.empty() && (b.date.empty() || a.date < b.date);
  if (a.conference != b.conference) return a.conference < b.conference;
  if (a.turn != b.turn) return a.turn < b.turn;
  return a.part < b.part;
}

}  // namespace

core::Result<KwicResults> kwic(OpenedDatabase& opened, const core::Aliases& aliases, const KwicRequest& request) {
  return read_with_retry(opened, [&](Xapian::Database& db) -> core::Result<KwicResults> {
    if (request.text.find_first_not_of(" \t\r\n") == std::string::npos)
      return core::Error{"kwic needs words to find, e.g. scio-search kwic tariff (the filters only narrow them)"};
    QueryBuilder builder(db, false, false, aliases);
    auto built = builder.build(request.text, request.filters);
    if (!built) return core::Error{built.error()};
    KwicResults out;
    out.notes = aliases.errors();
    out.notes.insert(out.notes.end(), built->notes.begin(), built->notes.end());
    const OccurrenceFinder finder(built->words);
    if (finder.empty())
      return core::Error{"kwic: \"" + request.text +
                         "\" names no words of the passage text (speaker:, title: and the other fields choose "
                         "passages; give words to find in them)"};
    if (finder.partial()) out.notes.push_back("word* prefixes are not placed in context: only the other words are");

    Xapian::Enquire enquire(db);
    enquire.set_query(built->query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const auto all = db.get_doccount();
    const auto mset = enquire.get_mset(0, all, all);

    std::vector<Place> places;
    std::vector<Found> found;
    std::size_t unplaced = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const auto record = parse_passage_record(it.get_document());
      const auto words = core::text_words(record.text);
      const auto spans = finder.find(words);
      if (spans.empty()) {
        ++unplaced;
        continue;
      }
      places.push_back({*it, record.date(), record.conference, record.turn, record.part});
      for (const auto& span : spans)
        found.push_back({places.size() - 1, span.begin, span.end, sort_key(words, span, request.sort)});
    }
    out.total = found.size();
    out.passages = places.size();
    if (unplaced > 0)
      out.notes.push_back(number_text(unplaced) + " of the " + number_text(mset.size()) +
                          " matching passages have no line: they match through a field (speaker:, title:) or a "
                          "form kwic does not place");
    std::stable_sort(found.begin(), found.end(), [&](const Found& a, const Found& b) {
      if (a.key != b.key) return a.key < b.key;
      if (a.place != b.place) return before(places[a.place], places[b.place]);
      return a.first < b.first;
    });

    out.offset = std::min<std::size_t>(request.offset, found.size());
    const std::size_t stop = std::min<std::size_t>(found.size(), out.offset + request.limit);
    // Only the page's passages are read again, for their text: the rest kept their place and key only.
    for (std::size_t i = out.offset; i < stop; ++i) {
      const auto& f = found[i];
      const auto record = parse_passage_record(db.get_document(places[f.place].did));
      const auto words = core::text_words(record.text);
      const std::string_view text = record.text;
      const std::size_t b = words[f.first].begin;
      const std::size_t e = words[f.last - 1].end;
      std::size_t from = b > k_kwic_context ? b - k_kwic_context : 0;
      while (!core::is_char_start(text, from)) ++from;
      std::size_t to = std::min(text.size(), e + k_kwic_context);
      while (!core::is_char_start(text, to)) --to;
      KwicLine line;
      line.left = folded(text.substr(from, b - from));
      line.hit = folded(text.substr(b, e - b));
      line.right = folded(text.substr(e, to - e));
      line.held = record.date();
      line.speaker = record.speaker;
      line.outlet = record.outlet;
      line.passage = record.passage;
      line.conference = record.conference;
      out.lines.push_back(std::move(line));
    }
    return out;
  });
}

const std::vector<std::string> k_kwic_fields = {"left",    "hit",    "right",   "held",
                                                "speaker", "outlet", "passage", "conference"};

namespace {

// The first (or last) n characters of text.
std::string_view head_chars(std::string_view text, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t k = 0; k < n && i < text.size(); ++k) i += core::utf8_length_at(text, i);
  return text.substr(0, i);
}

std::string_view tail_chars(std::string_view text, std::size_t n) {
  std::size_t i = text.size();
  for (std::size_t k = 0; k < n && i > 0; ++k) {
    --i;
    while (i > 0 && !core::is_char_start(text, i)) --i;
  }
  return text.substr(i);
}

std::string trim_left(std::string_view s) {
  const auto i = s.find_first_not_of(' ');
  return i == std::string_view::npos ? std::string() : std::string(s.substr(i));
}

std::string trim_right(std::string_view s) {
  const auto i = s.find_last_not_of(' ');
  return i == std::string_view::npos ? std::string() : std::string(s.substr(0, i + 1));
}

}  // namespace

void write_kwic(const KwicResults& r, Format format, std::size_t width, const Terminal& terminal, std::ostream& out,
                std::ostream& err) {
  if (format != Format::text) {
    constexpr std::size_t k_default_chars = 60;
    const std::size_t chars = width == 0 ? k_default_chars : width;
    auto row = [&](const KwicLine& l) {
      return nlohmann::ordered_json{{"left", trim_left(tail_chars(l.left, chars))},
                                    {"hit", l.hit},
                                    {"right", trim_right(head_chars(l.right, chars))},
                                    {"held", l.held},
                                    {"speaker", l.speaker},
                                    {"outlet", l.outlet},
                                    {"passage", l.passage},
                                    {"conference", l.conference}};
    };
    if (format == Format::csv) {
      for (std::size_t i = 0; i < k_kwic_fields.size(); ++i) out << (i ? "," : "") << csv_field(k_kwic_fields[i]);
      out << '\n';
    } else if (format == Format::tsv) {
      for (std::size_t i = 0; i < k_kwic_fields.size(); ++i) out << (i ? "\t" : "") << k_kwic_fields[i];
      out << '\n';
    }
    for (const auto& l : r.lines) {
      const auto j = row(l);
      if (format == Format::json) {
        out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        continue;
      }
      std::size_t i = 0;
      for (const auto& field : k_kwic_fields) {
        const std::string value = j[field].get<std::string>();
        // TSV has no quoting: the text has no tabs or line breaks left (folded), nor do names.
        out << (i++ ? (format == Format::csv ? "," : "\t") : "") << (format == Format::csv ? csv_field(value) : value);
      }
      out << '\n';
    }
    write_notes(r.notes, format, terminal, out, err);
    return;
  }

  const Palette palette = terminal.colour ? Palette::colour() : Palette::plain();
  std::string header = number_text(r.total) + (r.total == 1 ? " occurrence in " : " occurrences in ") +
                       number_text(r.passages) + (r.passages == 1 ? " passage" : " passages");
  if (!r.lines.empty() && r.lines.size() < r.total)
    header += " (showing " + number_text(r.offset + 1) + "-" + number_text(r.offset + r.lines.size()) +
              "; -n and --offset page through them)";
  else if (r.lines.empty() && r.offset > 0 && r.offset >= r.total)
    header += " (none on this page: --offset " + number_text(r.offset) + " is past the last)";
  out << header << '\n';

  constexpr std::size_t k_speaker_columns = 18;
  constexpr std::size_t k_min_context = 12;
  std::size_t hit_width = 0;
  std::size_t speaker_width = 0;
  std::size_t id_width = 0;
  for (const auto& l : r.lines) {
    hit_width = std::max(hit_width, core::display_width(l.hit));
    speaker_width = std::max(speaker_width, std::min(k_speaker_columns, core::display_width(l.speaker)));
    id_width = std::max(id_width, core::display_width(l.passage));
  }
  const std::size_t meta_width = 10 + 2 + speaker_width + 2 + id_width;
  // Context each side: as asked, else what the terminal leaves; the date, speaker and id go on a
  // line of their own when they would leave too little.
  auto fitting = [&](std::size_t used) {
    return terminal.width > used + 2 * k_min_context ? (terminal.width - used) / 2 : k_min_context;
  };
  bool meta_below = false;
  std::size_t context = width;
  if (context == 0) {
    context = fitting(hit_width + 2 + 2 + meta_width);
    if (context <= k_min_context && terminal.width < hit_width + 4 + meta_width + 2 * k_min_context) {
      meta_below = true;
      context = fitting(hit_width + 2);
    }
  }
  Palette faint = palette;
  faint.match = palette.faint;
  for (const auto& l : r.lines) {
    const std::string left = pad_columns(tail_columns(l.left, context), context, true);
    const std::string hit = pad_columns(l.hit, hit_width, false);
    std::string right(head_columns(l.right, context));
    std::string meta = (l.held.empty() ? std::string("----------") : l.held) + "  " +
                       pad_columns(fit(l.speaker, k_speaker_columns), speaker_width, false) + "  " + l.passage;
    if (meta_below) {
      out << left << ' ' << palette.paint(palette.match, hit) << ' ' << right << '\n';
      // Under the hit, or as far right as the line leaves room for.
      const std::size_t room =
          terminal.width > core::display_width(meta) ? terminal.width - core::display_width(meta) : 0;
      out << std::string(std::min(context + 1, room), ' ') << palette.paint(palette.faint, meta) << '\n';
    } else {
      out << left << ' ' << palette.paint(palette.match, hit) << ' ' << pad_columns(right, context, false) << "  "
          << palette.paint(palette.faint, meta) << '\n';
    }
  }
  write_notes(r.notes, format, terminal, out, err);
}

}  // namespace scio::searcher

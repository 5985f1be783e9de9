#include "searcher/query_builder.h"

#include "core/chinese_name.h"
#include "core/chinese_script.h"
#include "core/conference.h"
#include "core/document.h"
#include "core/schema.h"
#include "core/text.h"
#include "core/unicode_regex.h"
#include "searcher/date_range.h"
#include "searcher/name_filter.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace scio::searcher {
namespace {

namespace schema = core::schema;

constexpr std::array<std::string_view, 6> k_fields = {"speaker", "title", "outlet", "kind", "date", "lang"};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word_char(char c) { return is_letter(c) || (c >= '0' && c <= '9') || c == '_'; }
bool is_known_field(std::string_view name) {
  return std::find(k_fields.begin(), k_fields.end(), name) != k_fields.end();
}

// A boolean field's value turned into a filter. QueryParser cannot take an error back from a
// field processor, so the first one is kept here and reported after parsing.
class CheckedField : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    // Only the first error is reported: later values need no lookup (nor closest names).
    if (!m_error.empty()) return Xapian::Query::MatchNothing;
    auto query = to_query(value);
    if (query) return *query;
    m_error = query.error();
    return Xapian::Query::MatchNothing;
  }
  std::string take_error() { return std::exchange(m_error, std::string()); }

 protected:
  virtual core::Result<Xapian::Query> to_query(const std::string& value) = 0;

 private:
  std::string m_error;
};

class DateField : public CheckedField {
 public:
  explicit DateField(const Xapian::Database& db) : m_db(db) {}

 private:
  core::Result<Xapian::Query> to_query(const std::string& value) override {
    auto range = parse_date_range(value);
    if (!range) return core::Error{"date:" + value + ": " + range.error()};
    return range->query(m_db);
  }
  const Xapian::Database& m_db;
};

core::Result<Xapian::Query> kind_query(std::string_view value) {
  auto kind = core::speaker_kind_from_string(core::ascii_lower(core::trim(value)));
  if (!kind)
    return core::Error{"unknown speaker kind \"" + std::string(value) +
                       "\" (one of moderator, official, reporter, unknown)"};
  return Xapian::Query(core::term(schema::k_prefix_kind, core::to_string(*kind)));
}

class KindField : public CheckedField {
  core::Result<Xapian::Query> to_query(const std::string& value) override { return kind_query(value); }
};

// The language of a passage's turn (core::LanguageCounter), as indexed.
core::Result<Xapian::Query> lang_query(std::string_view value) {
  const auto lang = core::ascii_lower(core::trim(value));
  if (lang != "zh" && lang != "en") return core::Error{"unknown language \"" + std::string(value) + "\" (zh or en)"};
  return Xapian::Query(core::term(schema::k_prefix_lang, lang));
}

class LangField : public CheckedField {
  core::Result<Xapian::Query> to_query(const std::string& value) override {
    auto q = lang_query(value);
    if (!q) return core::Error{"lang:" + value + ": " + q.error()};
    return q;
  }
};

// speaker:赵立坚 -> speaker:"Zhao Lijian": scio-index gives a Chinese speaker's name field its
// romanisation too (core/document.h), and the English pages only that, so the romanised name finds
// both versions of the person; the characters would find the Chinese passages alone.
std::string romanize_speaker_fields(const std::string& text) {
  static const core::UnicodeRegex field(R"re((?i)(?<![\w:])speaker:(?:"(\p{Han}{2,4})"|(\p{Han}{2,4}))(?!\p{Han}))re");
  std::string out;
  std::size_t from = 0;
  while (const auto m = field.find(text, from)) {
    const auto& name = m->groups[1].empty() ? m->groups[2] : m->groups[1];
    const auto latin = core::romanize_chinese_name(name);
    out += text.substr(from, m->begin - from);
    out += latin ? "speaker:\"" + *latin + "\"" : m->groups[0];
    from = m->end;
  }
  return out + text.substr(from);
}

class OutletField : public CheckedField {
 public:
  OutletField(const Xapian::Database& db, const core::Aliases& aliases) : m_db(db), m_aliases(aliases) {}
  std::vector<std::string> take_notes() { return std::exchange(m_notes, {}); }

 private:
  core::Result<Xapian::Query> to_query(const std::string& value) override {
    return outlet_filter(m_db, value, m_aliases, m_notes);
  }
  const Xapian::Database& m_db;
  const core::Aliases& m_aliases;
  std::vector<std::string> m_notes;
};

// Alternatives of one option, each turned into a query by make.
template <typename Make>
core::Result<Xapian::Query> any_of(const std::vector<std::string>& values, Make make) {
  std::vector<Xapian::Query> parts;
  for (const auto& v : values) {
    auto q = make(v);
    if (!q) return core::Error{q.error()};
    parts.push_back(*q);
  }
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// The wildcards of a parsed query, nested ones included; they are expanded only when matched.
std::size_t count_wildcards(const Xapian::Query& query) {
  std::size_t count = 0;
  std::vector<Xapian::Query> pending{query};
  while (!pending.empty()) {
    const Xapian::Query q = pending.back();
    pending.pop_back();
    if (q.get_type() == Xapian::Query::OP_WILDCARD) ++count;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) pending.push_back(q.get_subquery(i));
  }
  return count;
}

struct Span {
  std::size_t begin;
  std::size_t end;
};

bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }

// The words of the query text that the spelling data could correct, as byte ranges: free text,
// in phrases too, but not a field and its value (speaker:, title: are prefixed terms, which have
// no spelling data), an operator (AND, NEAR) or a word* prefix. A word is a run of Xapian's word
// characters, with apostrophes inside it ("wanzhou's"), as TermGenerator reads it.
std::vector<Span> free_words(const std::string& text) {
  static constexpr std::array<std::string_view, 6> k_operators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
  std::vector<Span> out;
  bool quoted = false;
  Xapian::Utf8Iterator it(text);
  const Xapian::Utf8Iterator end;
  auto offset = [&](const Xapian::Utf8Iterator& at) {
    return at == end ? text.size() : static_cast<std::size_t>(at.raw() - text.data());
  };
  while (it != end) {
    if (*it == '"') {
      quoted = !quoted;
      ++it;
      continue;
    }
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    const std::size_t begin = offset(it);
    while (it != end) {
      if (Xapian::Unicode::is_wordchar(*it)) {
        ++it;
        continue;
      }
      auto next = it;
      if (!is_apostrophe(*it) || ++next == end || !Xapian::Unicode::is_wordchar(*next)) break;
      it = next;
    }
    const std::size_t stop = offset(it);
    const std::string_view word(text.data() + begin, stop - begin);
    const char after = stop < text.size() ? text[stop] : ' ';
    if (after == ':' && is_known_field(word)) {
      // Skip the value: a "phrase", a (group) or a word.
      std::size_t value_end = stop + 1;
      const char open = value_end < text.size() ? text[value_end] : ' ';
      if (open == '"' || open == '(') {
        value_end = text.find(open == '"' ? '"' : ')', value_end + 1);
        value_end = value_end == std::string::npos ? text.size() : value_end + 1;
      } else {
        value_end = std::min(text.size(), text.find_first_of(" \t", value_end));
      }
      it = Xapian::Utf8Iterator(text.data() + value_end, text.size() - value_end);
      continue;
    }
    if (after == '*') continue;
    if (!quoted && std::find(k_operators.begin(), k_operators.end(), word) != k_operators.end()) continue;
    out.push_back({begin, stop});
  }
  return out;
}

// The term a word of the query would be in the spelling data (lower case, apostrophe folded), ""
// when the indexer keeps no spelling data for such a word (digits, CJK).
std::string spelling_term(std::string_view word) {
  std::string term;
  for (Xapian::Utf8Iterator it(word.data(), word.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = Xapian::Unicode::tolower(*it);
    if (is_apostrophe(ch)) {
      term += '\'';
      continue;
    }
    // The indexer's spelling words: letters of one or two UTF-8 bytes (Latin, Greek, Cyrillic).
    const auto category = Xapian::Unicode::get_category(ch);
    if (ch >= 0x800 || category < Xapian::Unicode::UPPERCASE_LETTER || category > Xapian::Unicode::OTHER_LETTER)
      return {};
    Xapian::Unicode::append_utf8(term, ch);
  }
  return term.size() >= 2 ? term : std::string();
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// The operators QueryParser puts above a phrase: the nodes a rewrite of phrases rebuilds.
bool holds_phrases(Xapian::Query::op type) {
  switch (type) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER: return true;
    default: return false;
  }
}

// The query with each part that part_rewrite rewrites (it returns nothing for a part it keeps)
// replaced; nothing when no part was. Only the operators QueryParser puts above those parts are
// rebuilt, and only those with a rewritten part below; any other node (a scaled weight) is kept.
template <typename PartRewrite>
std::optional<Xapian::Query> rewritten(const Xapian::Query& query, const PartRewrite& part_rewrite) {
  if (auto part = part_rewrite(query)) return part;
  const auto type = query.get_type();
  if (!holds_phrases(type)) return std::nullopt;
  std::vector<Xapian::Query> subs;
  bool any = false;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    Xapian::Query sub = query.get_subquery(i);
    if (auto changed = rewritten(sub, part_rewrite)) {
      sub = std::move(*changed);
      any = true;
    }
    subs.push_back(std::move(sub));
  }
  if (!any) return std::nullopt;
  return Xapian::Query(type, subs.begin(), subs.end());
}

template <typename PartRewrite>
Xapian::Query rewrite(const Xapian::Query& query, const PartRewrite& part_rewrite) {
  auto changed = rewritten(query, part_rewrite);
  return changed ? std::move(*changed) : query;
}

// A phrase's words also match their possessive form: "meng wanzhou" finds "Meng Wanzhou's", as
// users expect. The indexer keeps "wanzhou's" as a term of its own (Xapian folds the curly
// apostrophe and the case: Wanzhou’s, WANZHOU'S), and its stem Zwanzhou serves unquoted words, but a
// phrase matches unstemmed terms only. Each term t of a phrase whose t's occurs becomes (t OR t's),
// which Xapian 1.4 matches inside a phrase (and NEAR, which also matches unstemmed terms), with
// the phrase's window kept (a ADJ b is a phrase of window 11). The part rewrite of `rewrite`.
std::optional<Xapian::Query> possessive_phrase(const Xapian::Query& query, const Xapian::Database& db) {
  const auto type = query.get_type();
  if (type != Xapian::Query::OP_PHRASE && type != Xapian::Query::OP_NEAR) return std::nullopt;
  const auto window = positional_window(query);
  if (!window) return std::nullopt;
  std::vector<Xapian::Query> subs;
  bool any = false;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    Xapian::Query sub = query.get_subquery(i);
    if (sub.get_type() == Xapian::Query::LEAF_TERM) {
      const std::string term = *sub.get_terms_begin();
      const std::string possessive = term + "'s";
      if (!ends_with(term, "'s") && db.term_exists(possessive)) {
        sub = Xapian::Query(Xapian::Query::OP_OR, sub, Xapian::Query(possessive));
        any = true;
      }
    }
    subs.push_back(sub);
  }
  if (!any) return std::nullopt;
  return Xapian::Query(type, subs.begin(), subs.end(), *window);
}

// Whether a term is of the title field (k_prefix_title), stemmed (Z + prefix) or not.
bool is_title_term(std::string_view term) {
  const std::string_view prefix = schema::k_prefix_title;
  return term.substr(0, prefix.size()) == prefix ||
         (term.size() > prefix.size() && term[0] == 'Z' && term.substr(1, prefix.size()) == prefix);
}

// The pattern of a wildcard ("Star" for title:tar*), which Xapian 1.4 shows in the query's
// description only: "Query(WILDCARD SYNONYM Star)" (tests/searcher_test.cpp's title:trad* pins it).
std::string wildcard_pattern(const Xapian::Query& query) {
  const std::string description = query.get_description();
  const auto at = description.find("WILDCARD ");
  if (at == std::string::npos) return {};
  const auto space = description.find(' ', at + 9);
  const auto end = description.rfind(')');
  if (space == std::string::npos || end == std::string::npos || end <= space) return {};
  return description.substr(space + 1, end - space - 1);
}

// Whether a query asks of the title alone: its every term, wildcard and subquery is a title one.
bool title_only(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) return is_title_term(*query.get_terms_begin());
  if (type == Xapian::Query::OP_WILDCARD) return is_title_term(wildcard_pattern(query));
  const std::size_t n = query.get_num_subqueries();
  if (n == 0) return false;  // match all, match nothing, value ranges, posting sources
  for (std::size_t i = 0; i < n; ++i)
    if (!title_only(query.get_subquery(i))) return false;
  return true;
}

// The title is indexed on each conference's first passage only (core::TitleTerms), so a title:
// query (title:trade, title:"press conference", title:tar*, title:foreign NEAR title:trade) is
// matched there, and becomes the conferences found: every passage of theirs matches, and the
// title adds nothing to a passage's weight (it is the same on every passage of a conference).
// The part rewrite of `rewrite`: every other part of the query is kept as it is.
std::optional<Xapian::Query> title_filter(const Xapian::Query& query, const Xapian::Database& db) {
  if (!title_only(query)) return std::nullopt;
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::ValueCountMatchSpy conferences(schema::k_slot_conference);
  enquire.add_matchspy(&conferences);
  enquire.get_mset(0, 0, db.get_doccount());
  std::vector<Xapian::Query> held;
  for (auto it = conferences.values_begin(); it != conferences.values_end(); ++it)
    held.emplace_back(core::term(schema::k_prefix_conference, *it));
  if (held.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, held.begin(), held.end()),
                       0.0);
}

}  // namespace

struct QueryBuilder::Fields {
  Fields(const Xapian::Database& db, const core::Aliases& aliases) : date(db), outlet(db, aliases) {}
  DateField date;
  KindField kind;
  LangField lang;
  OutletField outlet;

  // The first error, clearing every field's: a stale one would fail the builder's next query.
  std::string take_error() {
    std::string first;
    for (CheckedField* f : std::array<CheckedField*, 4>{&date, &kind, &lang, &outlet}) {
      auto e = f->take_error();
      if (first.empty()) first = std::move(e);
    }
    return first;
  }
};

bool Filters::empty() const {
  return speakers.empty() && kinds.empty() && outlets.empty() && since.empty() && until.empty() &&
         conferences.empty() && langs.empty();
}

std::optional<Xapian::termcount> positional_window(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type != Xapian::Query::OP_PHRASE && type != Xapian::Query::OP_NEAR) return std::nullopt;
  // Xapian 1.4 has no accessor for it; its description writes "(a@1 PHRASE 11 b@2)". The
  // subqueries of a phrase are terms, so the first operator word is this query's own.
  const std::string op = type == Xapian::Query::OP_PHRASE ? " PHRASE " : " NEAR ";
  const std::string description = query.get_description();
  const auto at = description.find(op);
  if (at == std::string::npos) return std::nullopt;
  Xapian::termcount window = 0;
  const char* begin = description.data() + at + op.size();
  const char* end = description.data() + description.size();
  const auto [stop, error] = std::from_chars(begin, end, window);
  if (error != std::errc() || stop == begin || window == 0) return std::nullopt;
  return window;
}

std::optional<std::string> unknown_field(std::string_view text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    const bool starts_word =
        i == 0 || text[i - 1] == ' ' || text[i - 1] == '(' || text[i - 1] == '+' || text[i - 1] == '-';
    if (quoted || !starts_word || !is_letter(c)) continue;
    std::size_t end = i;
    while (end < text.size() && is_word_char(text[end])) ++end;
    // "word:" followed by a value is a field; "note: the" is a colon in text.
    if (end + 1 < text.size() && text[end] == ':' && text[end + 1] != ' ') {
      const std::string_view name = text.substr(i, end - i);
      if (!is_known_field(name)) {
        std::size_t stop = text.find(' ', end);
        const std::string token(text.substr(i, stop == std::string_view::npos ? std::string_view::npos : stop - i));
        if (is_known_field(core::ascii_lower(name)))
          return "unknown field \"" + std::string(name) + ":\": fields are written in lower case (" +
                 core::ascii_lower(name) + ":)";
        return "unknown field \"" + std::string(name) + ":\" (fields: " + std::string(k_query_fields) +
               "); to search for the text itself, quote it: \"" + token + "\"";
      }
    }
    i = end == i ? i : end - 1;
  }
  return std::nullopt;
}

namespace {
constexpr unsigned k_parse_flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                   Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;
}  // namespace

namespace {

struct CjkRewrite {
  std::string text;                // the query with its CJK runs quoted
  std::vector<std::string> runs;   // the runs quoted
  std::vector<std::string> nears;  // "台湾 NEAR 问题": NEAR/ADJ next to a CJK run, taken out
};

// Xapian 1.4.22's QueryParser throws "parse error" on some queries that mix CJK runs with other
// words ("Taiwan 台湾问题 question"; fixed upstream in 1.4.25, not in Debian 12), but parses a CJK
// run in quotes: the same n-grams, as a phrase. Runs inside quotes, and values of the boolean
// fields (outlet:路透社), stay as they are. NEAR and ADJ work on word positions, which n-grams of
// Chinese text do not have: next to a CJK run they are taken out (the default operator joins the
// two sides) and named, so that the word "near" is never searched in their place.
CjkRewrite rewrite_cjk(std::string_view text) {
  CjkRewrite out;
  bool quoted = false;
  std::size_t i = 0;
  auto cjk_at = [&](std::size_t at) {
    char32_t cp = 0;
    return at < text.size() && core::decode_utf8(text, at, cp) > 0 && core::is_cjk(cp);
  };
  auto boolean_value = [&](std::size_t at) {  // the run follows "outlet:" / "kind:" / "date:"
    if (at == 0 || text[at - 1] != ':') return false;
    std::size_t begin = at - 1;
    while (begin > 0 && is_word_char(text[begin - 1])) --begin;
    const auto field = core::ascii_lower(text.substr(begin, at - 1 - begin));
    return field == "outlet" || field == "kind" || field == "date";
  };
  while (i < text.size()) {
    if (text[i] == '"') {
      quoted = !quoted;
      out.text += text[i++];
      continue;
    }
    if (!quoted && cjk_at(i) && !boolean_value(i)) {
      std::size_t end = i;
      while (end < text.size() && cjk_at(end)) end += core::utf8_length_at(text, end);
      const std::string run(text.substr(i, end - i));
      out.runs.push_back(run);
      out.text += '"' + run + '"';
      i = end;
      continue;
    }
    out.text += text[i++];
  }
  // NEAR, NEAR/n, ADJ, ADJ/n between two words of which one is a CJK run.
  std::vector<std::string> words = core::split_words(out.text);
  auto is_positional = [](const std::string& w) {
    return w == "NEAR" || w == "ADJ" || w.rfind("NEAR/", 0) == 0 || w.rfind("ADJ/", 0) == 0;
  };
  std::string joined;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (is_positional(words[k]) && k > 0 && k + 1 < words.size() &&
        (core::has_cjk(words[k - 1]) || core::has_cjk(words[k + 1]))) {
      out.nears.push_back(words[k]);
      continue;
    }
    if (!joined.empty()) joined += ' ';
    joined += words[k];
  }
  if (!out.nears.empty()) out.text = joined;
  return out;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, bool spelling, bool match_any, const core::Aliases& aliases)
    : m_db(db), m_aliases(aliases), m_spelling(spelling), m_fields(std::make_unique<Fields>(db, aliases)) {
  m_parser.set_database(db);
  m_parser.set_stemmer(Xapian::Stem(std::string(schema::k_stem_language)));
  m_parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  m_parser.set_default_op(match_any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
  // A short wildcard ("a*") would otherwise expand to most of the vocabulary.
  m_parser.set_max_expansion(2000, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  m_parser.add_prefix("speaker", std::string(schema::k_prefix_name));
  m_parser.add_prefix("title", std::string(schema::k_prefix_title));
  m_parser.add_boolean_prefix("outlet", &m_fields->outlet);
  m_parser.add_boolean_prefix("kind", &m_fields->kind);
  m_parser.add_boolean_prefix("lang", &m_fields->lang);
  m_parser.add_boolean_prefix("date", &m_fields->date);
}

QueryBuilder::~QueryBuilder() = default;

core::Result<Xapian::Query> QueryBuilder::filter(const Filters& f, std::vector<std::string>& notes) {
  std::vector<Xapian::Query> all;
  if (!f.speakers.empty()) {
    auto q = any_of(f.speakers, [&](const std::string& s) { return speaker_filter(m_db, s, m_aliases, notes); });
    if (!q) return q;
    all.push_back(*q);
  }
  if (!f.kinds.empty()) {
    auto q = any_of(f.kinds, [](const std::string& s) { return kind_query(s); });
    if (!q) return core::Error{"--kind: " + q.error()};
    all.push_back(*q);
  }
  if (!f.outlets.empty()) {
    auto q = any_of(f.outlets, [&](const std::string& s) { return outlet_filter(m_db, s, m_aliases, notes); });
    if (!q) return q;
    all.push_back(*q);
  }
  if (!f.langs.empty()) {
    auto q = any_of(f.langs, [](const std::string& s) { return lang_query(s); });
    if (!q) return core::Error{"--lang: " + q.error()};
    all.push_back(*q);
  }
  if (!f.since.empty() || !f.until.empty()) {
    auto range = since_until(f.since, f.until);
    if (!range) return core::Error{range.error()};
    all.push_back(range->query(m_db));
  }
  if (!f.conferences.empty()) {
    auto q = any_of(f.conferences, [&](const std::string& s) { return conference_filter(m_db, s); });
    if (!q) return q;
    all.push_back(*q);
  }
  if (all.empty()) return Xapian::Query(Xapian::Query::MatchAll);
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

core::Result<BuiltQuery> QueryBuilder::build(std::string_view raw, const Filters& filters) {
  // Chinese is indexed in simplified characters (core/chinese_script.h): "臺灣" is searched as
  // "台湾". A change of script alone is the same question; OpenCC's change of a whole phrase may
  // not be, and is said.
  const std::string typed(core::trim(raw));
  const std::string text = core::to_simplified(typed);
  BuiltQuery built;
  if (core::cannot_simplify(typed))
    built.notes.push_back(
        "traditional and simplified characters are searched as typed: OpenCC's t2s.json could "
        "not be loaded (is libopencc-data installed?)");
  if (text != typed && !core::is_script_change(typed, text))
    built.notes.push_back("searched \"" + typed + "\" as \"" + text +
                          "\" (Chinese is searched in simplified characters)");
  Xapian::Query words = Xapian::Query::MatchAll;
  if (!text.empty()) {
    if (text.size() > k_max_query_bytes)
      return core::Error{"query too long: " + std::to_string(text.size()) + " bytes (at most " +
                         std::to_string(k_max_query_bytes) + ")"};
    if (auto unknown = unknown_field(text)) return core::Error{*unknown};
    const CjkRewrite cjk = rewrite_cjk(romanize_speaker_fields(text));
    std::string parsed = romanize_speaker_fields(text);
    if (!cjk.nears.empty()) {
      parsed = cjk.text;
      built.notes.push_back(cjk.nears.front() +
                            " does not apply to Chinese, Japanese or Korean text (it is indexed in character n-grams, "
                            "without word positions): searched for both sides anywhere in a passage");
    }
    try {
      try {
        words = m_parser.parse_query(parsed, k_parse_flags);
      } catch (const Xapian::QueryParserError&) {
        if (cjk.runs.empty() || parsed == cjk.text) throw;
        m_fields->take_error();
        words = m_parser.parse_query(cjk.text, k_parse_flags);
        std::string runs;
        for (const auto& r : cjk.runs) runs += (runs.empty() ? "" : ", ") + ("\"" + r + "\"");
        built.notes.push_back("searched " + runs + " as " + (cjk.runs.size() > 1 ? "phrases" : "a phrase") +
                              " (Xapian 1.4.22 cannot parse Chinese next to other words unquoted)");
      }
    } catch (const Xapian::QueryParserError& e) {
      m_fields->take_error();
      return core::Error{"malformed query \"" + text + "\": " + e.get_msg() +
                         " (AND, OR, NOT and NEAR need words on both sides; quote words to search for them as text)"};
    }
    if (auto error = m_fields->take_error(); !error.empty()) return core::Error{error};
    for (auto& note : m_fields->outlet.take_notes()) built.notes.push_back(std::move(note));
    if (words.empty())
      return core::Error{"nothing to search for in \"" + text +
                         "\" (give words, a \"phrase\" or a field such as speaker:NAME)"};
    if (const auto wildcards = count_wildcards(words); wildcards > k_max_wildcards)
      return core::Error{"too many wildcards in \"" + text + "\": " + std::to_string(wildcards) + " (at most " +
                         std::to_string(k_max_wildcards) + " word* per query)"};
    words = rewrite(words, [this](const Xapian::Query& part) { return possessive_phrase(part, m_db); });
    words = rewrite(words, [this](const Xapian::Query& part) { return title_filter(part, m_db); });
  }
  built.words = words;
  auto filter_query = filter(filters, built.notes);
  if (!filter_query) return core::Error{filter_query.error()};
  built.query = filters.empty() ? words : Xapian::Query(Xapian::Query::OP_FILTER, words, *filter_query);
  if (!filters.outlets.empty())
    if (auto note = unattributed_questions(words, filters)) built.notes.push_back(*note);
  return built;
}

std::optional<std::string> QueryBuilder::unattributed_questions(const Xapian::Query& words, const Filters& filters) {
  Filters others = filters;
  others.outlets.clear();
  std::vector<std::string> ignored;  // the same notes were made for the query itself
  auto rest = filter(others, ignored);
  if (!rest) return std::nullopt;
  const std::string outlet_prefix(schema::k_prefix_outlet);
  std::vector<Xapian::Query> outlets;
  for (auto it = m_db.allterms_begin(outlet_prefix); it != m_db.allterms_end(outlet_prefix); ++it)
    outlets.emplace_back(*it);
  const Xapian::Query questions(
      Xapian::Query::OP_FILTER, words,
      Xapian::Query(Xapian::Query::OP_AND, *rest, Xapian::Query(core::term(schema::k_prefix_kind, "reporter"))));
  const Xapian::Query unattributed(Xapian::Query::OP_AND_NOT, questions,
                                   Xapian::Query(Xapian::Query::OP_OR, outlets.begin(), outlets.end()));
  Xapian::Enquire enquire(m_db);
  enquire.set_query(unattributed);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const auto all = m_db.get_doccount();
  const auto count = enquire.get_mset(0, 0, all).get_matches_estimated();
  if (count == 0) return std::nullopt;
  std::string n = std::to_string(count);
  for (auto i = n.size(); i > 3; i -= 3) n.insert(i - 3, ",");
  return n + (count == 1 ? " question" : " questions") + " in this search name no outlet (\"Q:\"): --outlet " +
         "cannot tell whose " + (count == 1 ? "it is" : "they are") + ", so the answer may be partial";
}

std::string QueryBuilder::correction(std::string_view raw) {
  const std::string text(core::trim(raw));
  if (!m_spelling || text.empty() || text.size() > k_max_query_bytes) return {};
  // Word by word, not QueryParser's FLAG_SPELLING_CORRECTION: that replaces words the archive
  // holds ("hong kong afairs" -> "hong hong affairs", "wuhan labb" -> "human lab"). Only a word
  // that finds nothing, in any form, is corrected; the rest of the text stays as typed.
  const Xapian::Stem stem{std::string(schema::k_stem_language)};
  std::string out;
  std::size_t copied = 0;
  for (const auto& word : free_words(text)) {
    const std::string term = spelling_term(text.substr(word.begin, word.end - word.begin));
    if (term.empty() || m_db.term_exists(term) || m_db.term_exists("Z" + stem(term))) continue;
    // Two edits make another word of a short one: "wuhan", which the White House pages never
    // say, became "than"; a short word gets one.
    std::string suggestion = m_db.get_spelling_suggestion(term, term.size() < 7 ? 1 : 2);
    if (suggestion.empty() || suggestion == term) continue;
    if (text[word.begin] >= 'A' && text[word.begin] <= 'Z' && suggestion[0] >= 'a' && suggestion[0] <= 'z')
      suggestion[0] = static_cast<char>(suggestion[0] - 'a' + 'A');
    out += text.substr(copied, word.begin - copied) + suggestion;
    copied = word.end;
  }
  if (copied == 0) return {};
  return out + text.substr(copied);
}

}  // namespace scio::searcher

// Every occurrence of a query's words or phrase in the passages it matches (a concordance, "key
// word in context"), and the one definition of an occurrence that `timeline` counts with.
#pragma once

#include "core/aliases.h"
#include "core/result.h"
#include "core/words.h"
#include "searcher/database.h"
#include "searcher/output.h"
#include "searcher/query_builder.h"

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace scio::searcher {

// Where a parsed query's words occur in a text. A word matches its form in the query (an
// unstemmed term) or every form of its stem (a Z term: "tariff" finds "tariffs"); a phrase only
// its words in order; CJK n-grams their characters. Field terms (speaker:, title:) are not in the
// text and place nothing.
class OccurrenceFinder {
 public:
  explicit OccurrenceFinder(const Xapian::Query& words);
  struct Span {
    std::size_t begin = 0;  // index into the words
    std::size_t end = 0;    // one past the last word
  };
  // The occurrences among words (text_words of one text), in text order and never overlapping:
  // where two overlap the one starting first, then the longer, is kept.
  std::vector<Span> find(const std::vector<core::TextWord>& words) const;
  // Whether the query has words this finder cannot place (a word* wildcard).
  bool partial() const { return m_partial; }
  // Whether it places anything at all.
  bool empty() const { return m_patterns.empty(); }

 private:
  struct Slot {
    std::vector<std::string> terms;  // unstemmed terms
    std::vector<std::string> stems;  // stems (without the Z)
  };
  using Pattern = std::vector<Slot>;
  void collect(const Xapian::Query& query);
  std::optional<Slot> slot_of(const Xapian::Query& leaf, std::vector<Slot>* cjk_chars);

  std::vector<Pattern> m_patterns;
  bool m_partial = false;
  Xapian::Stem m_stemmer;
};

enum class KwicSort { hit, left1, left2, right1, right2, date };

struct KwicRequest {
  std::string text;
  Filters filters;
  KwicSort sort = KwicSort::date;
  unsigned limit = 25;
  unsigned offset = 0;
};

struct KwicLine {
  std::string left;  // the passage's text before the hit (at most k_kwic_context bytes), spaces folded
  std::string hit;   // the words as spoken
  std::string right;
  std::string held;  // the passage's date (held, else published), ISO
  std::string speaker;
  std::string outlet;
  std::string passage;
  std::string conference;
};

struct KwicResults {
  std::vector<KwicLine> lines;  // the page asked for
  std::size_t total = 0;        // occurrences
  std::size_t passages = 0;     // passages holding them
  std::size_t offset = 0;
  std::vector<std::string> notes;
};

// The context kept each side of a hit: more than any terminal line shows.
inline constexpr std::size_t k_kwic_context = 600;

// Every occurrence in the passages the query and filters match (as a search with --exact counts
// them), sorted and paged. A bad query is an error value; the database failing throws DatabaseError.
core::Result<KwicResults> kwic(OpenedDatabase& db, const core::Aliases& aliases, const KwicRequest& request);

// The columns of CSV and TSV and the keys of JSON, in order.
extern const std::vector<std::string> k_kwic_fields;

// Text: one line per occurrence, the hits in one column (placed by display width), context
// width columns each side (0: fit the terminal), then date, speaker and passage id; the header
// "N occurrences in M passages (showing ...)". tsv, csv and json: the fields above, the context
// cut to width characters (0: 60).
void write_kwic(const KwicResults& results, Format format, std::size_t width, const Terminal& terminal,
                std::ostream& out, std::ostream& err);

}  // namespace scio::searcher

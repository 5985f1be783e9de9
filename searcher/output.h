// Writing results: text for people (wrapped, coloured on a terminal), JSON lines and CSV for
// scripts. The JSON and CSV fields are documented in the README and stay stable.
#pragma once

#include "searcher/searcher.h"
#include "searcher/text_layout.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace scio::searcher {

enum class Format { text, json, csv, tsv };  // tsv: kwic only
enum class ColorMode { automatic, always, never };

struct Terminal {
  bool colour = false;
  std::size_t width = 80;
};

// auto colours a terminal unless NO_COLOR is set to anything non-empty (no-color.org); always and
// never are the user's word and win over NO_COLOR.
bool use_colour(ColorMode mode, bool is_terminal, const char* no_color);

// COLUMNS when it is a positive number, else the terminal's width when fd is one, else 80; never
// below k_min_width.
inline constexpr std::size_t k_min_width = 20;
std::size_t terminal_width(const char* columns, int fd);

// The terminal of this process's stdout, as the two functions above see it.
Terminal detect_terminal(ColorMode mode);

// 1959 as "1,959".
std::string number_text(std::size_t n);

// The columns of CSV and the keys of JSON, in order.
extern const std::vector<std::string> k_hit_fields;
extern const std::vector<std::string> k_speaker_fields;
extern const std::vector<std::string> k_conference_fields;

nlohmann::ordered_json hit_json(const Hit& hit);
// One field quoted as RFC 4180 asks (when it holds a comma, a quote or a line break).
std::string csv_field(std::string_view value);

// Hits, then (text only) the count and any "did you mean"; in JSON and CSV, which must stay
// parseable, those notes go to err instead.
void write_hits(const SearchResults& results, const SearchRequest& request, Format format, const Terminal& terminal,
                std::ostream& out, std::ostream& err);
// Notes (one line each, SearchResults::notes, Listing::notes): in text after the results, wrapped
// to the terminal as "Note: ..."; in JSON and CSV, which must stay parseable, on err as
// "scio-search: note: ...".
void write_notes(const std::vector<std::string>& notes, Format format, const Terminal& terminal, std::ostream& out,
                 std::ostream& err);
// A count alone (-n 0): "About 1,959 passages match." in text, {"total":N,"total_exact":B} in
// JSON, the same two columns in CSV.
void write_count(std::size_t total, bool exact, const std::string& noun, Format format, const Terminal& terminal,
                 std::ostream& out);
void write_context(const PassageContext& context, Format format, const Terminal& terminal, std::ostream& out);
// Rows, then the listing's notes (write_notes).
void write_speakers(const Listing<SpeakerRow>& listing, Format format, const Terminal& terminal, std::ostream& out,
                    std::ostream& err);
void write_conferences(const Listing<ConferenceRow>& listing, Format format, const Terminal& terminal,
                       std::ostream& out, std::ostream& err);

}  // namespace scio::searcher

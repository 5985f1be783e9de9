#include "searcher/output.h"

#include "core/text.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <sstream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace scio::searcher {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_separator = " \u00b7 ";  // middle dot between header parts

std::string joined(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : std::string(separator)) + w;
  return out;
}

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
  out << "\r\n";
}

std::string csv_value(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    // Joined by spaces: the only array is highlights, words split at white space, so no item can
    // hold the separator (a ";" could be part of one).
    std::vector<std::string> parts;
    for (const auto& v : value) parts.push_back(v.is_string() ? v.get<std::string>() : dump(v));
    return joined(parts, " ");
  }
  return dump(value);
}

void write_csv_object(std::ostream& out, const Json& object, const std::vector<std::string>& fields) {
  std::vector<std::string> row;
  for (const auto& f : fields) row.push_back(csv_value(object.at(f)));
  write_csv_row(out, row);
}

// Who spoke, as the header shows it: "Xin Guobin, vice minister of ...", "Li Hua (CCTV)",
// "CCTV (reporter)", "Q (reporter)".
std::string speaker_line(const PassageRecord& p) {
  std::string who = p.speaker.empty() ? std::string("(unknown speaker)") : p.speaker;
  if (!p.role.empty()) return who + ", " + p.role;
  if (!p.outlet.empty() && p.outlet != p.speaker) return who + " (" + p.outlet + ")";
  if (p.kind == "reporter" && core::ascii_lower(who).find("reporter") == std::string::npos) return who + " (reporter)";
  return who;
}

// The header of a hit, wrapped rather than cut (a cut title loses the date and the kind of
// conference that end it): rank, held date, speaker, title; later lines under the snippet's indent.
std::vector<std::string> header_lines(const Hit& hit, const Terminal& terminal, const Palette& palette) {
  const auto& p = hit.passage;
  const std::string lead = std::to_string(hit.rank) + ". " + (p.date().empty() ? "----------" : p.date());
  Snippet header{{lead + std::string(k_separator), false}, {speaker_line(p), true}};
  if (!p.title.empty()) header.push_back({std::string(k_separator) + p.title, false});
  Palette strong = palette;
  strong.match = palette.strong;
  return wrap(header, terminal.width, "", "   ", strong);
}

std::string count_text(const SearchResults& r, const SearchRequest& request) {
  std::ostringstream out;
  if (r.hits.empty()) {
    if (r.total == 0) out << "No passages match.";
    else out << "No passages on this page: " << (r.total_exact ? "" : "about ") << number_text(r.total) << " match.";
    return out.str();
  }
  const auto first = r.hits.front().rank;
  const auto last = r.hits.back().rank;
  out << "Passages " << first << "-" << last << " of " << (r.total_exact ? "" : "about ") << number_text(r.total);
  if (request.per_conference) out << " (at most " << request.per_conference << " per conference)";
  // The hint names --exact only when it was not given (Searcher counts every match then anyway).
  if (r.total_exact) out << ".";
  else out << (request.exact ? " (an estimate)." : " (an estimate; --exact counts them all).");
  return out.str();
}

// A closing line wrapped to the terminal like the snippets; marked segments in the strong style.
void write_wrapped(std::ostream& out, const Snippet& text, const Terminal& terminal, const Palette& palette) {
  Palette strong = palette;
  strong.match = palette.strong;
  for (const auto& line : wrap(text, terminal.width, "", strong)) out << line << '\n';
}

std::string iso_or_dash(const std::string& s) { return s.empty() ? std::string("----------") : s; }

}  // namespace

const std::vector<std::string> k_hit_fields = {
    "rank", "score",  "passage", "conference", "title", "held",   "speaker", "speaker_key", "role",
    "kind", "outlet", "snippet", "highlights", "text",  "source", "url",     "page",        "lang"};
const std::vector<std::string> k_speaker_fields = {"speaker_key", "speaker", "kind", "passages", "first", "last"};
const std::vector<std::string> k_conference_fields = {"conference", "held", "published", "title", "passages", "lang"};

std::string number_text(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

Terminal detect_terminal(ColorMode mode) {
  return Terminal{use_colour(mode, ::isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR")),
                  terminal_width(std::getenv("COLUMNS"), STDOUT_FILENO)};
}

bool use_colour(ColorMode mode, bool is_terminal, const char* no_color) {
  switch (mode) {
    case ColorMode::always: return true;
    case ColorMode::never: return false;
    case ColorMode::automatic: break;
  }
  return is_terminal && (no_color == nullptr || *no_color == '\0');
}

std::size_t terminal_width(const char* columns, int fd) {
  std::size_t width = 0;
  if (columns != nullptr && *columns != '\0') {
    const std::string_view s(columns);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), width);
    if (ec != std::errc() || end != s.data() + s.size()) width = 0;
  }
  if (width == 0 && ::isatty(fd)) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0) width = size.ws_col;
  }
  if (width == 0) width = 80;
  return std::max(width, k_min_width);
}

Json hit_json(const Hit& hit) {
  const auto& p = hit.passage;
  return Json{
      {"rank", hit.rank},
      {"score", hit.score},
      {"passage", p.passage},
      {"conference", p.conference},
      {"title", p.title},
      {"held", p.held},
      {"speaker", p.speaker},
      {"speaker_key", p.speaker_key},
      {"role", p.role},
      {"kind", p.kind},
      {"outlet", p.outlet},
      {"snippet", plain_text(hit.snippet)},
      {"highlights", hit.highlights},
      {"text", p.text},
      {"source", p.source},
      {"url", p.url},
      {"page", p.page},
      {"lang", p.lang},
      {"exchange", p.exchange ? Json(p.exchange_id()) : Json(nullptr)},
      {"counterpart", hit.counterpart ? Json(*hit.counterpart) : Json(nullptr)},
  };
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void write_hits(const SearchResults& r, const SearchRequest& request, Format format, const Terminal& terminal,
                std::ostream& out, std::ostream& err) {
  const std::string suggestion = r.suggestion ? "did you mean: " + r.suggestion->query + " (" +
                                                    number_text(r.suggestion->matches) +
                                                    (r.suggestion->matches == 1 ? " passage)" : " passages)")
                                              : std::string();
  const std::string no_spelling = "a remote database offers no spelling suggestions";
  const bool count_only = request.limit == 0;
  const std::string matching = r.total == 1 ? "passage matches" : "passages match";
  if (count_only && format != Format::text) {
    write_count(r.total, r.total_exact, matching, format, terminal, out);
  } else if (format == Format::json) {
    for (const auto& hit : r.hits) out << dump(hit_json(hit)) << '\n';
  } else if (format == Format::csv) {
    write_csv_row(out, k_hit_fields);
    for (const auto& hit : r.hits) write_csv_object(out, hit_json(hit), k_hit_fields);
  }
  if (format != Format::text) {
    if (!suggestion.empty()) err << "scio-search: note: " << suggestion << '\n';
    if (r.no_spelling) err << "scio-search: note: " << no_spelling << '\n';
    write_notes(r.notes, format, terminal, out, err);
    return;
  }
  const Palette palette = terminal.colour ? Palette::colour() : Palette::plain();
  Palette faint = palette;
  faint.match = palette.faint;  // an id is never cut: it is what `show` takes
  for (const auto& hit : r.hits) {
    for (const auto& line : header_lines(hit, terminal, palette)) out << line << '\n';
    for (const auto& line : wrap(hit.snippet, terminal.width, "   ", palette)) out << line << '\n';
    // The version in the other language, by its conference id, which `show` takes.
    const std::string id =
        hit.passage.passage + (hit.counterpart ? std::string(k_separator) + "counterpart " + *hit.counterpart : "");
    for (const auto& line : wrap({{id, true}}, terminal.width, "   ", faint)) out << line << '\n';
    out << '\n';
  }
  if (count_only) write_count(r.total, r.total_exact, matching, format, terminal, out);
  else write_wrapped(out, {{count_text(r, request), false}}, terminal, palette);
  if (!suggestion.empty())
    write_wrapped(
        out,
        {{"Did you mean: ", false},
         {r.suggestion->query, true},
         {" (" + number_text(r.suggestion->matches) + (r.suggestion->matches == 1 ? " passage)" : " passages)"),
          false}},
        terminal, palette);
  if (r.no_spelling) write_wrapped(out, {{"Note: " + no_spelling + ".", false}}, terminal, palette);
  write_notes(r.notes, format, terminal, out, err);
}

void write_notes(const std::vector<std::string>& notes, Format format, const Terminal& terminal, std::ostream& out,
                 std::ostream& err) {
  if (format != Format::text) {
    for (const auto& note : notes) err << "scio-search: note: " << note << '\n';
    return;
  }
  const Palette palette = terminal.colour ? Palette::colour() : Palette::plain();
  for (const auto& note : notes) write_wrapped(out, {{"Note: " + note, false}}, terminal, palette);
}

void write_context(const PassageContext& context, Format format, const Terminal& terminal, std::ostream& out) {
  if (format != Format::text) {
    const std::vector<std::string> fields = {"passage", "conference", "title",  "held", "speaker",  "speaker_key",
                                             "role",    "kind",       "outlet", "turn", "part",     "target",
                                             "text",    "source",     "url",    "page", "exchange", "lang"};
    if (format == Format::csv) write_csv_row(out, fields);
    for (const auto& p : context.passages) {
      Json j{{"passage", p.passage}, {"conference", p.conference},
             {"title", p.title},     {"held", p.held},
             {"speaker", p.speaker}, {"speaker_key", p.speaker_key},
             {"role", p.role},       {"kind", p.kind},
             {"outlet", p.outlet},   {"turn", p.turn},
             {"part", p.part},       {"target", context.is_target(p)},
             {"text", p.text},       {"source", p.source},
             {"url", p.url},         {"page", p.page}};
      j["exchange"] = p.exchange ? Json(p.exchange_id()) : Json(nullptr);
      j["lang"] = p.lang;
      if (format == Format::json) out << dump(j) << '\n';
      else write_csv_object(out, j, fields);
    }
    return;
  }
  const Palette palette = terminal.colour ? Palette::colour() : Palette::plain();
  if (context.passages.empty()) return;
  const auto& first = context.passages.front();
  Palette strong = palette;
  strong.match = palette.strong;
  // Titles and names wrap rather than lose their end.
  for (const auto& line : wrap({{first.title, true}}, terminal.width, "", strong)) out << line << '\n';
  for (const auto& line : wrap({{iso_or_dash(first.date()) + std::string(k_separator) + first.conference, false}},
                               terminal.width, "", palette))
    out << line << '\n';
  out << '\n';
  int turn = -1;
  for (const auto& p : context.passages) {
    // A whole conference is all target: nothing to set apart.
    const bool target = context.is_target(p) && !context.whole;
    if (p.turn != turn) {
      if (turn != -1) out << '\n';
      for (const auto& line : wrap({{speaker_line(p) + ":", true}}, terminal.width, "", strong)) out << line << '\n';
      turn = p.turn;
    }
    // The passage asked for is marked in the margin, so that it stands out without colour too.
    const std::string indent = target ? "\u2502 " : "  ";
    std::size_t start = 0;
    while (start <= p.text.size()) {
      auto end = p.text.find("\n\n", start);
      if (end == std::string::npos) end = p.text.size();
      const Snippet paragraph{{p.text.substr(start, end - start), false}};
      for (const auto& line : wrap(paragraph, terminal.width, indent, Palette::plain())) out << line << '\n';
      start = end + 2;
      if (start <= p.text.size()) out << (target ? "\u2502\n" : "\n");
    }
    Palette faint = palette;
    faint.match = palette.faint;
    // The passage asked for names its exchange, which `show` takes too.
    const std::string id = p.passage + (target && p.exchange ? " \u00b7 exchange " + p.exchange_id() : std::string());
    for (const auto& line : wrap({{id, true}}, terminal.width, indent, faint)) out << line << '\n';
  }
}

namespace {

// A row's last cell (a name, a title) wrapped in its column rather than cut; when it does not fit
// a column too narrow to read, on the lines below the row instead.
std::string wrapped_cell(const std::string& cells, const std::string& last, std::size_t width) {
  constexpr std::size_t k_min_column = 16;
  const std::size_t used = core::display_width(cells);
  std::string out;
  if (width >= used + std::min(k_min_column, std::max<std::size_t>(1, core::display_width(last)))) {
    const std::string indent(used, ' ');
    for (const auto& line : wrap({{last, false}}, width, cells, indent, Palette::plain())) out += line + '\n';
    if (last.empty()) out += cells + '\n';
  } else {
    std::size_t end = cells.find_last_not_of(' ');
    out += cells.substr(0, end == std::string::npos ? 0 : end + 1) + '\n';
    for (const auto& line : wrap({{last, false}}, width, "    ", Palette::plain())) out += line + '\n';
  }
  return out;
}

void write_speaker_rows(const std::vector<SpeakerRow>& rows, Format format, const Terminal& terminal,
                        std::ostream& out) {
  auto row_json = [](const SpeakerRow& r) {
    return Json{{"speaker_key", r.key},   {"speaker", r.name}, {"kind", r.kind},
                {"passages", r.passages}, {"first", r.first},  {"last", r.last}};
  };
  if (format == Format::json) {
    for (const auto& r : rows) out << dump(row_json(r)) << '\n';
    return;
  }
  if (format == Format::csv) {
    write_csv_row(out, k_speaker_fields);
    for (const auto& r : rows) write_csv_object(out, row_json(r), k_speaker_fields);
    return;
  }
  std::size_t count_width = 8;
  for (const auto& r : rows) count_width = std::max(count_width, std::to_string(r.passages).size());
  auto pad_left = [](const std::string& s, std::size_t w) {
    return std::string(w > s.size() ? w - s.size() : 0, ' ') + s;
  };
  auto pad_right = [](const std::string& s, std::size_t w) {
    return s + std::string(w > s.size() ? w - s.size() : 0, ' ');
  };
  const std::string head = pad_left("passages", count_width) + "  first       last        kind       ";
  out << head << "speaker\n";
  for (const auto& r : rows) {
    const std::string cells = pad_left(std::to_string(r.passages), count_width) + "  " +
                              pad_right(iso_or_dash(r.first), 10) + "  " + pad_right(iso_or_dash(r.last), 10) + "  " +
                              pad_right(r.kind, 9) + "  ";
    out << wrapped_cell(cells, r.name, terminal.width);
  }
}

void write_conference_rows(const std::vector<ConferenceRow>& rows, Format format, const Terminal& terminal,
                           std::ostream& out) {
  auto row_json = [](const ConferenceRow& r) {
    return Json{{"conference", r.id},
                {"held", r.held},
                {"published", r.published},
                {"title", r.title},
                {"passages", r.passages},
                {"lang", r.lang},
                {"counterpart", r.counterpart ? Json(*r.counterpart) : Json(nullptr)}};
  };
  if (format == Format::json) {
    for (const auto& r : rows) out << dump(row_json(r)) << '\n';
    return;
  }
  if (format == Format::csv) {
    write_csv_row(out, k_conference_fields);
    for (const auto& r : rows) write_csv_object(out, row_json(r), k_conference_fields);
    return;
  }
  // Ids are never cut: they are what --conference and show take.
  std::size_t id_width = 10;
  for (const auto& r : rows) id_width = std::max(id_width, core::display_width(r.id));
  // The counterpart column only when a row has one: a database of one language stays as it was.
  std::size_t counterpart_width = 0;
  for (const auto& r : rows)
    if (r.counterpart)
      counterpart_width = std::max({counterpart_width, std::size_t{11}, core::display_width(*r.counterpart)});
  auto pad = [](const std::string& s, std::size_t w) {
    const auto dw = core::display_width(s);
    return s + std::string(w > dw ? w - dw : 0, ' ');
  };
  const std::string head = "held        passages  " + pad("conference", id_width) + "  " +
                           (counterpart_width ? pad("counterpart", counterpart_width) + "  " : std::string());
  out << head << "title\n";
  bool footnote = false;
  for (const auto& r : rows) {
    footnote = footnote || (r.held.empty() && !r.published.empty());
    const std::string held = r.held.empty() ? (r.published.empty() ? "----------" : r.published + "*") : r.held;
    const std::string count = std::to_string(r.passages);
    const std::string cells =
        pad(held, 12) + std::string(count.size() < 8 ? 8 - count.size() : 0, ' ') + count + "  " + pad(r.id, id_width) +
        "  " + (counterpart_width ? pad(r.counterpart.value_or("-"), counterpart_width) + "  " : std::string());
    out << wrapped_cell(cells, r.title, terminal.width);
  }
  if (footnote) out << "* the publish date: the held date is not known\n";
}

}  // namespace

void write_count(std::size_t total, bool exact, const std::string& noun, Format format, const Terminal& terminal,
                 std::ostream& out) {
  const Json count{{"total", total}, {"total_exact", exact}};
  if (format == Format::json) {
    out << dump(count) << '\n';
  } else if (format == Format::csv) {
    write_csv_row(out, {"total", "total_exact"});
    write_csv_object(out, count, {"total", "total_exact"});
  } else {
    const Palette palette = terminal.colour ? Palette::colour() : Palette::plain();
    const std::string line = (exact ? "" : "About ") + number_text(total) + " " + noun +
                             (exact ? "." : " (an estimate; --exact counts them all).");
    write_wrapped(out, {{line, false}}, terminal, palette);
  }
}

void write_speakers(const Listing<SpeakerRow>& listing, Format format, const Terminal& terminal, std::ostream& out,
                    std::ostream& err) {
  write_speaker_rows(listing.rows, format, terminal, out);
  write_notes(listing.notes, format, terminal, out, err);
}

void write_conferences(const Listing<ConferenceRow>& listing, Format format, const Terminal& terminal,
                       std::ostream& out, std::ostream& err) {
  write_conference_rows(listing.rows, format, terminal, out);
  write_notes(listing.notes, format, terminal, out, err);
}

}  // namespace scio::searcher

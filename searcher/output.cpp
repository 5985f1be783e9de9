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

std::string number_text(std::size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

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
    std::vector<std::string> parts;
    for (const auto& v : value) parts.push_back(v.is_string() ? v.get<std::string>() : dump(v));
    return joined(parts, ";");
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

std::string header_line(const Hit& hit, const Terminal& terminal, const Palette& palette) {
  const auto& p = hit.passage;
  const std::string lead = std::to_string(hit.rank) + ". " + (p.date().empty() ? "----------" : p.date());
  std::string who = speaker_line(p);
  std::string title = p.title;
  const std::size_t sep = core::display_width(k_separator);
  const std::size_t used = core::display_width(lead) + 2 * sep;
  const std::size_t rest = terminal.width > used ? terminal.width - used : 0;
  const std::size_t who_width = core::display_width(who);
  const std::size_t title_width = core::display_width(title);
  if (who_width + title_width > rest) {
    // The speaker comes whole when the title keeps a readable start; else each gets half.
    const std::size_t title_keeps = std::min<std::size_t>(title_width, 24);
    const std::size_t who_room = std::min(who_width, std::max(rest / 2, rest > title_keeps ? rest - title_keeps : 0));
    who = fit(who, who_room);
    title = fit(title, rest - core::display_width(who));
  }
  std::string line = lead + std::string(k_separator) + palette.paint(palette.strong, who);
  if (!title.empty()) line += std::string(k_separator) + title;
  return line;
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

const std::vector<std::string> k_hit_fields = {"rank",    "score",       "passage", "conference", "title",
                                               "held",    "speaker",     "speaker_key", "role",   "kind",
                                               "outlet",  "snippet",     "highlights", "text",    "source",
                                               "url",     "page"};
const std::vector<std::string> k_speaker_fields = {"speaker_key", "speaker", "kind", "passages", "first", "last"};
const std::vector<std::string> k_conference_fields = {"conference", "held", "published", "title", "passages"};

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
  const std::string suggestion =
      r.suggestion ? "did you mean: " + r.suggestion->query + " (" + number_text(r.suggestion->matches) +
                         (r.suggestion->matches == 1 ? " passage)" : " passages)")
                   : std::string();
  const std::string no_spelling = "a remote database offers no spelling suggestions";
  if (format == Format::json) {
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
  for (const auto& hit : r.hits) {
    out << header_line(hit, terminal, palette) << '\n';
    for (const auto& line : wrap(hit.snippet, terminal.width, "   ", palette)) out << line << '\n';
    out << "   " << palette.paint(palette.faint, fit(hit.passage.passage, terminal.width - 3)) << "\n\n";
  }
  write_wrapped(out, {{count_text(r, request), false}}, terminal, palette);
  if (!suggestion.empty())
    write_wrapped(out,
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
    const std::vector<std::string> fields = {"passage", "conference", "title", "held", "speaker", "speaker_key",
                                             "role", "kind", "outlet", "turn", "part", "target", "text",
                                             "source", "url", "page"};
    if (format == Format::csv) write_csv_row(out, fields);
    for (const auto& p : context.passages) {
      Json j{{"passage", p.passage}, {"conference", p.conference}, {"title", p.title}, {"held", p.held},
             {"speaker", p.speaker}, {"speaker_key", p.speaker_key}, {"role", p.role}, {"kind", p.kind},
             {"outlet", p.outlet}, {"turn", p.turn}, {"part", p.part}, {"target", p.passage == context.target},
             {"text", p.text}, {"source", p.source}, {"url", p.url}, {"page", p.page}};
      if (format == Format::json) out << dump(j) << '\n';
      else write_csv_object(out, j, fields);
    }
    return;
  }
  const Palette palette = terminal.colour ? Palette::colour() : Palette::plain();
  if (context.passages.empty()) return;
  const auto& first = context.passages.front();
  out << palette.paint(palette.strong, fit(first.title, terminal.width)) << '\n'
      << fit(iso_or_dash(first.date()) + std::string(k_separator) + first.conference, terminal.width) << "\n\n";
  int turn = -1;
  for (const auto& p : context.passages) {
    const bool target = p.passage == context.target;
    if (p.turn != turn) {
      if (turn != -1) out << '\n';
      out << palette.paint(palette.strong, fit(speaker_line(p) + ":", terminal.width)) << '\n';
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
    out << indent << palette.paint(palette.faint, fit(p.passage, terminal.width - 2)) << '\n';
  }
}

namespace {

void write_speaker_rows(const std::vector<SpeakerRow>& rows, Format format, const Terminal& terminal,
                        std::ostream& out) {
  auto row_json = [](const SpeakerRow& r) {
    return Json{{"speaker_key", r.key}, {"speaker", r.name}, {"kind", r.kind},
                {"passages", r.passages}, {"first", r.first}, {"last", r.last}};
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
  auto pad_left = [](const std::string& s, std::size_t w) { return std::string(w > s.size() ? w - s.size() : 0, ' ') + s; };
  auto pad_right = [](const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  const std::string head = pad_left("passages", count_width) + "  first       last        kind       ";
  const std::size_t name_room = terminal.width > head.size() ? terminal.width - head.size() : 8;
  out << head << "speaker\n";
  for (const auto& r : rows)
    out << pad_left(std::to_string(r.passages), count_width) << "  " << pad_right(iso_or_dash(r.first), 10) << "  "
        << pad_right(iso_or_dash(r.last), 10) << "  " << pad_right(r.kind, 9) << "  " << fit(r.name, name_room) << '\n';
}

void write_conference_rows(const std::vector<ConferenceRow>& rows, Format format, const Terminal& terminal,
                           std::ostream& out) {
  auto row_json = [](const ConferenceRow& r) {
    return Json{{"conference", r.id}, {"held", r.held}, {"published", r.published}, {"title", r.title},
                {"passages", r.passages}};
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
  std::size_t id_width = 10;
  for (const auto& r : rows) id_width = std::max(id_width, std::min<std::size_t>(core::display_width(r.id), 32));
  auto pad = [](const std::string& s, std::size_t w) {
    const auto dw = core::display_width(s);
    return s + std::string(w > dw ? w - dw : 0, ' ');
  };
  const std::string head = "held        passages  " + pad("conference", id_width) + "  ";
  const std::size_t title_room = terminal.width > head.size() ? terminal.width - head.size() : 8;
  out << head << "title\n";
  bool footnote = false;
  for (const auto& r : rows) {
    footnote = footnote || (r.held.empty() && !r.published.empty());
    const std::string held = r.held.empty() ? (r.published.empty() ? "----------" : r.published + "*") : r.held;
    const std::string count = std::to_string(r.passages);
    out << pad(held, 12) << std::string(count.size() < 8 ? 8 - count.size() : 0, ' ') << count << "  "
        << pad(fit(r.id, id_width), id_width) << "  " << fit(r.title, title_room) << '\n';
  }
  if (footnote) out << "* the publish date: the held date is not known\n";
}

}  // namespace

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

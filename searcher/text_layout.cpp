#include "searcher/text_layout.h"

#include "core/text.h"

namespace scio::searcher {
namespace {

constexpr std::string_view k_ellipsis = "\u2026";

std::size_t char_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;  // a stray byte counts as one character
}

bool is_closing_punctuation(std::string_view ch) {
  for (std::string_view p : {"\uFF0C", "\u3002", "\u3001", "\uFF1B", "\uFF1A", "\uFF1F", "\uFF01", "\uFF09", "\u300D",
                             "\u300F", "\u300B", "\u3009", "\u3011", "\u201D", "\u2019"})
    if (ch == p) return true;
  return false;
}

struct Cell {
  std::string_view bytes;
  std::size_t width;
  bool match;
};

// One unit that is never split unless it alone is wider than a line.
struct Token {
  std::vector<Cell> cells;
  std::size_t width = 0;
  bool space_before = false;
};

std::vector<Token> tokenize(const Snippet& text) {
  std::vector<Token> tokens;
  bool space = false;
  bool open = false;  // the last token may still grow
  for (const auto& segment : text) {
    const std::string_view s = segment.text;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t n = std::min(char_length(static_cast<unsigned char>(s[i])), s.size() - i);
      const std::string_view ch = s.substr(i, n);
      i += n;
      if (ch == " " || ch == "\t" || ch == "\n" || ch == "\r") {
        space = true;
        open = false;
        continue;
      }
      const std::size_t w = core::display_width(ch);
      // A wide character stands alone: lines may break on either side of it, except before CJK
      // closing punctuation, which never starts a line.
      const bool closing = open && w > 1 && is_closing_punctuation(ch);
      if (!closing && (!open || w > 1 || (!tokens.empty() && tokens.back().cells.back().width > 1))) {
        tokens.push_back(Token{{}, 0, space && !tokens.empty()});
        space = false;
      }
      tokens.back().cells.push_back({ch, w, segment.match});
      tokens.back().width += w;
      open = true;
    }
  }
  return tokens;
}

class LineWriter {
 public:
  LineWriter(std::size_t width, std::string_view first_indent, std::string_view indent, const Palette& palette)
      : m_width(width),
        m_indent(first_indent),
        m_next_indent(indent),
        m_room(room_after(first_indent)),
        m_palette(palette) {}

  std::size_t room() const { return m_room; }
  std::size_t used() const { return m_used; }

  void add(const Cell& cell) {
    if (cell.match != m_painting && !m_palette.match.empty()) {
      m_line += cell.match ? m_palette.match : m_palette.reset;
    }
    m_painting = cell.match;
    m_line += cell.bytes;
    m_used += cell.width;
  }
  void add_space() {
    if (m_painting && !m_palette.match.empty()) m_line += m_palette.reset;
    m_painting = false;
    m_line += ' ';
    ++m_used;
  }
  void end_line(std::vector<std::string>& out) {
    if (m_painting && !m_palette.match.empty()) m_line += m_palette.reset;
    out.push_back(std::string(m_indent) + m_line);
    m_indent = m_next_indent;
    m_room = room_after(m_indent);
    m_line.clear();
    m_used = 0;
    m_painting = false;
  }
  bool empty() const { return m_used == 0; }

 private:
  std::size_t room_after(std::string_view indent) const {
    return m_width > core::display_width(indent) ? m_width - core::display_width(indent) : 1;
  }

  std::size_t m_width;
  std::string_view m_indent;
  std::string_view m_next_indent;
  std::size_t m_room;
  const Palette& m_palette;
  std::string m_line;
  std::size_t m_used = 0;
  bool m_painting = false;
};

}  // namespace

Palette Palette::colour() { return {"\x1b[1;31m", "\x1b[1m", "\x1b[2m", "\x1b[0m"}; }

std::string Palette::paint(const std::string& style, std::string_view text) const {
  if (style.empty()) return std::string(text);
  return style + std::string(text) + reset;
}

std::vector<std::string> wrap(const Snippet& text, std::size_t width, std::string_view indent, const Palette& palette) {
  return wrap(text, width, indent, indent, palette);
}

std::vector<std::string> wrap(const Snippet& text, std::size_t width, std::string_view first_indent,
                              std::string_view indent, const Palette& palette) {
  std::vector<std::string> out;
  LineWriter line(width, first_indent, indent, palette);
  for (const auto& token : tokenize(text)) {
    const std::size_t gap = line.empty() ? 0 : (token.space_before ? 1 : 0);
    if (!line.empty() && line.used() + gap + token.width > line.room()) line.end_line(out);
    else if (gap) line.add_space();
    for (const auto& cell : token.cells) {
      if (!line.empty() && line.used() + cell.width > line.room()) line.end_line(out);
      line.add(cell);
    }
  }
  if (!line.empty()) line.end_line(out);
  return out;
}

std::string fit(std::string_view text, std::size_t width) {
  if (core::display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = std::min(char_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const auto ch = text.substr(i, n);
    const std::size_t w = core::display_width(ch);
    if (used + w + 1 > width) break;  // room for the ellipsis
    out += ch;
    used += w;
    i += n;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + std::string(k_ellipsis);
}

std::string_view head_columns(std::string_view text, std::size_t width) {
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t n = std::min(char_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::size_t w = core::display_width(text.substr(i, n));
    if (used + w > width) break;
    used += w;
    i += n;
  }
  return text.substr(0, i);
}

std::string_view tail_columns(std::string_view text, std::size_t width) {
  std::size_t used = 0;
  std::size_t i = text.size();
  while (i > 0) {
    std::size_t start = i - 1;
    while (start > 0 && !core::is_char_start(text, start)) --start;
    const std::size_t w = core::display_width(text.substr(start, i - start));
    if (used + w > width) break;
    used += w;
    i = start;
  }
  return text.substr(i);
}

std::string pad_columns(std::string_view text, std::size_t width, bool align_right) {
  const std::size_t used = core::display_width(text);
  const std::string pad(width > used ? width - used : 0, ' ');
  return align_right ? pad + std::string(text) : std::string(text) + pad;
}

}  // namespace scio::searcher

#include "core/date.h"

#include "core/unicode_regex.h"

#include <array>
#include <cstdio>

namespace scio::core {
namespace {

constexpr std::array<int, 12> k_month_days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int month_from_name(std::string name) {
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<const char*, 12> prefixes{"jan", "feb", "mar", "apr", "may", "jun",
                                                        "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i)
    if (name.rfind(prefixes[static_cast<size_t>(i)], 0) == 0) return i + 1;
  return 0;
}

const std::string k_month =
    "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

// ICU patterns, so that a class or \s counts characters (an ideographic space is white space);
// digits stay ASCII [0-9].
struct Patterns {
  using Re = UnicodeRegex;
  Re iso{R"((?:^|[^0-9])((?:19|20|21)[0-9]{2})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9]))"};
  Re cjk{"((?:19|20|21)[0-9]{2})\\s*年\\s*([0-9]{1,2})\\s*月\\s*([0-9]{1,2})\\s*日"};
  Re month_first{
      "(?:^|[^a-z])" + k_month + "\\.?\\s*([0-9]{1,2})(?:st|nd|rd|th)?\\s*,?\\s*((?:19|20|21)[0-9]{2})(?![0-9])",
      Re::ignore_case};
  Re day_first{
      "(?:^|[^0-9])([0-9]{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + k_month + "\\.?,?\\s+((?:19|20|21)[0-9]{2})(?![0-9])",
      Re::ignore_case};
  Re month_day{"(?:^|[^a-z])" + k_month + "\\.?\\s*([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])", Re::ignore_case};
  Re time{
      R"((?:^|[^0-9])[0-9]{1,2}(?::[0-9]{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)|(?:^|[^0-9])[0-9]{1,2}:[0-9]{2}(?![0-9]))",
      Re::ignore_case};
  Re weekday{"(mon|tues|wednes|thurs|fri|satur|sun)day", Re::ignore_case};
  Re time_zone{R"(\b(?:EDT|EST|CST|UTC|GMT|BJT|Beijing time)\b)", Re::ignore_case};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

struct Found {
  Date date;
  std::ptrdiff_t begin = 0;
  std::ptrdiff_t end = 0;
};

std::optional<Found> find(std::string_view text) {
  const auto& p = patterns();
  std::optional<Found> best;
  auto consider = [&](const UnicodeRegex& re, std::size_t yi, std::size_t mi, std::size_t di, bool month_named) {
    std::size_t from = 0;
    while (auto m = re.find(text, from)) {
      const auto& g = m->groups;
      int y = std::stoi(g[yi]);
      int mo = month_named ? month_from_name(g[mi]) : std::stoi(g[mi]);
      int d = std::stoi(g[di]);
      if (auto date = make_date(y, mo, d)) {
        const auto pos = static_cast<std::ptrdiff_t>(m->begin);
        if (!best || pos < best->begin) best = Found{*date, pos, static_cast<std::ptrdiff_t>(m->end)};
        return;
      }
      from = m->end > m->begin ? m->end : m->begin + 1;
    }
  };
  consider(p.iso, 1, 2, 3, false);
  consider(p.cjk, 1, 2, 3, false);
  consider(p.month_first, 3, 1, 2, true);
  consider(p.day_first, 3, 2, 1, true);
  return best;
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::compact() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::optional<Date> make_date(int year, int month, int day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return std::nullopt;
  int max = k_month_days[static_cast<size_t>(month - 1)];
  if (month == 2 && !is_leap(year)) max = 28;
  if (day > max) return std::nullopt;
  return Date{year, month, day};
}

std::optional<Date> find_date(std::string_view text) {
  if (text.size() > 4096) text = text.substr(0, 4096);  // dates sit in short header lines
  if (auto f = find(text)) return f->date;
  return std::nullopt;
}

std::optional<Date> find_date_before(std::string_view text, const Date& reference) {
  if (text.size() > 4096) return std::nullopt;
  auto m = patterns().month_day.search(text);
  if (!m) return std::nullopt;
  int month = month_from_name((*m)[1]);
  int day = std::stoi((*m)[2]);
  auto date = make_date(reference.year, month, day);
  if (date && *date > reference) date = make_date(reference.year - 1, month, day);
  return date;
}

bool has_time_of_day(std::string_view text) {
  if (text.size() > 4096) return false;
  return patterns().time.found_in(text);
}

bool is_date_line(std::string_view text) {
  if (text.size() > 200) return false;
  auto f = find(text);
  if (!f) return false;
  std::string rest(text.substr(0, static_cast<size_t>(f->begin)));
  rest += ' ';
  rest += text.substr(static_cast<size_t>(f->end));
  rest = patterns().time.replace_all(rest, " ");
  rest = patterns().weekday.replace_all(rest, " ");
  rest = patterns().time_zone.replace_all(rest, " ");
  for (unsigned char c : rest)
    if (std::isalnum(c) || c >= 0x80) return false;
  return true;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  auto digits = [&](size_t pos, size_t n, int& out) {
    if (pos + n > text.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && digits(0, 4, y) && digits(5, 2, m) && digits(8, 2, d))
    return make_date(y, m, d);
  if (text.size() == 8 && digits(0, 4, y) && digits(4, 2, m) && digits(6, 2, d)) return make_date(y, m, d);
  return std::nullopt;
}

}  // namespace scio::core

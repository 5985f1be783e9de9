#include "core/date.h"

#include "core/unicode_regex.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

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
  Re weekday{"(mon|tues|wednes|thurs|fri|satur|sun)day|星期[一二三四五六日天]|周[一二三四五六日]", Re::ignore_case};
  // Chinese times of day: "上午10时", "下午3点30分", "10时30分".
  Re cjk_time{
      "(?:[上下]午|晚上|早上|中午)\\s*[0-9]{1,2}\\s*[时点]|(?:^|[^0-9])[0-9]{1,2}\\s*[时点]\\s*(?:[0-9]{1,2}\\s*分|整|"
      "半)"};
  Re punctuation{"[\\p{P}\\p{Z}]"};
  Re time_zone{R"(\b(?:EDT|EST|CST|UTC|GMT|BJT|Beijing time)\b|北京时间)", Re::ignore_case};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

// Chinese numerals in dates as digits: "二〇二四年一月十九日" -> "2024年1月19日". A year is
// written digit by digit; a month or day with 十 ("十九", "二十一", "三十").
std::string fold_cjk_numerals(std::string_view text) {
  static constexpr std::string_view k_digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto digit_at = [&](std::size_t i) -> int {
    if (text.compare(i, 3, "零") == 0 || text.compare(i, 3, "○") == 0) return 0;
    for (int d = 0; d < 10; ++d)
      if (text.compare(i, 3, k_digits[d]) == 0) return d;
    if (text.compare(i, 3, "十") == 0) return 10;
    return -1;
  };
  if (text.find("年") == std::string_view::npos && text.find("月") == std::string_view::npos) return std::string(text);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::vector<int> run;
    std::size_t j = i;
    while (j + 3 <= text.size() && digit_at(j) >= 0) {
      run.push_back(digit_at(j));
      j += 3;
    }
    const bool unit = j + 3 <= text.size() && (text.compare(j, 3, "年") == 0 || text.compare(j, 3, "月") == 0 ||
                                               text.compare(j, 3, "日") == 0 || text.compare(j, 3, "号") == 0);
    if (run.empty() || !unit) {
      if (run.empty()) {
        out += text[i];
        ++i;
      } else {
        out += text.substr(i, j - i);
        i = j;
      }
      continue;
    }
    const bool year = text.compare(j, 3, "年") == 0;
    const auto ten = std::find(run.begin(), run.end(), 10);
    if (year && run.size() == 4 && ten == run.end()) {
      for (int d : run) out += static_cast<char>('0' + d);
    } else if (!year && run.size() <= 3 && std::count(run.begin(), run.end(), 10) <= 1) {
      int value = 0;
      if (ten == run.end()) {
        value = run.size() == 1 ? run[0] : -1;
      } else {
        const int tens = ten == run.begin() ? 1 : *(ten - 1);
        const int units = ten + 1 == run.end() ? 0 : *(ten + 1);
        value = (ten - run.begin() <= 1 && run.end() - ten <= 2) ? tens * 10 + units : -1;
      }
      if (value >= 0) out += std::to_string(value);
      else out += text.substr(i, j - i);
    } else {
      out += text.substr(i, j - i);
    }
    i = j;
  }
  return out;
}

struct Found {
  Date date;
  std::ptrdiff_t begin = 0;
  std::ptrdiff_t end = 0;
};

std::optional<Found> find(std::string_view text) {
  const auto& p = patterns();
  // Callers pass folded text (fold_cjk_numerals) where a Chinese date may be written in numerals.
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
  if (auto f = find(fold_cjk_numerals(text))) return f->date;
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
  return patterns().time.found_in(text) || patterns().cjk_time.found_in(text);
}

bool is_date_line(std::string_view text) {
  if (text.size() > 200) return false;
  const std::string folded = fold_cjk_numerals(text);
  text = folded;
  auto f = find(text);
  if (!f) return false;
  std::string rest(text.substr(0, static_cast<size_t>(f->begin)));
  rest += ' ';
  rest += text.substr(static_cast<size_t>(f->end));
  rest = patterns().time.replace_all(rest, " ");
  rest = patterns().weekday.replace_all(rest, " ");
  rest = patterns().time_zone.replace_all(rest, " ");
  rest = patterns().cjk_time.replace_all(rest, " ");
  rest = patterns().punctuation.replace_all(rest, " ");
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

#include "searcher/timeline.h"

#include "core/schema.h"
#include "core/speaker.h"
#include "core/text.h"
#include "core/words.h"
#include "searcher/kwic.h"
#include "searcher/database.h"
#include "searcher/text_layout.h"

#include <algorithm>
#include <chrono>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <langinfo.h>
#include <functional>
#include <map>
#include <unordered_map>
#include <nlohmann/json.hpp>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <cstring>

extern char** environ;

namespace scio::searcher {
namespace {

namespace schema = core::schema;
namespace chr = std::chrono;

std::optional<chr::year_month_day> parse_compact(const std::string& compact) {
  if (compact.size() != 8 || compact.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const chr::year_month_day d{chr::year{std::stoi(compact.substr(0, 4))},
                              chr::month{static_cast<unsigned>(std::stoi(compact.substr(4, 2)))},
                              chr::day{static_cast<unsigned>(std::stoi(compact.substr(6, 2)))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::string iso(const chr::year_month_day& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

long days(const chr::year_month_day& d) { return chr::sys_days(d).time_since_epoch().count(); }
chr::year_month_day from_days(long n) { return chr::year_month_day(chr::sys_days(chr::days(n))); }

// The period holding a date, as a number that counts periods (consecutive periods differ by one).
long period_of(const chr::year_month_day& d, Period by) {
  const long y = static_cast<int>(d.year());
  const long m = static_cast<unsigned>(d.month());
  switch (by) {
    case Period::year: return y;
    case Period::quarter: return y * 4 + (m - 1) / 3;
    case Period::month: return y * 12 + m - 1;
    // 1970-01-01 was a Thursday: day 3 is a Monday, where ISO weeks start.
    case Period::week: return static_cast<long>(std::floor((static_cast<double>(days(d)) - 4) / 7.0));
    case Period::day:
    case Period::automatic: return days(d);
  }
  return 0;
}

struct Bounds {
  chr::year_month_day first;
  chr::year_month_day last;
};

Bounds bounds_of(long p, Period by) {
  auto ymd = [](long y, long m, unsigned day) {
    return chr::year_month_day{chr::year{static_cast<int>(y)}, chr::month{static_cast<unsigned>(m)}, chr::day{day}};
  };
  auto last_of = [](chr::year_month_day d) {
    return chr::year_month_day{chr::year_month_day_last{d.year(), chr::month_day_last{d.month()}}};
  };
  switch (by) {
    case Period::year: return {ymd(p, 1, 1), ymd(p, 12, 31)};
    case Period::quarter: return {ymd(p / 4, (p % 4) * 3 + 1, 1), last_of(ymd(p / 4, (p % 4) * 3 + 3, 1))};
    case Period::month: return {ymd(p / 12, p % 12 + 1, 1), last_of(ymd(p / 12, p % 12 + 1, 1))};
    case Period::week: return {from_days(p * 7 + 4), from_days(p * 7 + 10)};
    case Period::day:
    case Period::automatic: return {from_days(p), from_days(p)};
  }
  return {};
}

std::string label_of(long p, Period by) {
  char buf[64];
  const auto b = bounds_of(p, by);
  switch (by) {
    case Period::year: return std::to_string(p);
    case Period::quarter: std::snprintf(buf, sizeof buf, "%ld-Q%ld", p / 4, p % 4 + 1); return buf;
    case Period::month: return iso(b.first).substr(0, 7);
    case Period::week: {
      // ISO 8601: the week belongs to the year of its Thursday, and counts from that year's first one.
      const auto thursday = from_days(days(b.first) + 3);
      const long jan1 = days(chr::year_month_day{thursday.year(), chr::January, chr::day{1}});
      std::snprintf(buf, sizeof buf, "%04d-W%02ld", static_cast<int>(thursday.year()), (days(thursday) - jan1) / 7 + 1);
      return buf;
    }
    case Period::day:
    case Period::automatic: return iso(b.first);
  }
  return {};
}

// The finest period that draws the span in at most k_max_periods bars.
Period automatic_period(const chr::year_month_day& first, const chr::year_month_day& last) {
  for (Period by : {Period::day, Period::week, Period::month, Period::quarter})
    if (period_of(last, by) - period_of(first, by) + 1 <= static_cast<long>(k_max_periods)) return by;
  return Period::year;
}

struct Cell {
  std::size_t passages = 0;
  std::size_t occurrences = 0;
  std::size_t words = 0;
  std::set<std::uint32_t> conferences;
};

// One passage of the filters, small: a timeline of the whole corpus holds one per passage.
struct Passage {
  std::optional<chr::year_month_day> date;
  std::uint32_t series = 0;      // index into the series keys
  std::uint32_t conference = 0;  // index into the matching conferences (matched passages only)
  std::uint32_t words = 0;
  std::uint32_t occurrences = 0;
  bool matched = false;
};

// Strings numbered in the order they first come.
class Interned {
 public:
  std::uint32_t operator()(const std::string& s) {
    const auto [it, added] = m_index.try_emplace(s, static_cast<std::uint32_t>(m_strings.size()));
    if (added) m_strings.push_back(s);
    return it->second;
  }
  const std::string& operator[](std::uint32_t i) const { return m_strings[i]; }
  std::size_t size() const { return m_strings.size(); }

 private:
  std::unordered_map<std::string, std::uint32_t> m_index;
  std::vector<std::string> m_strings;
};

// A slot's values for documents taken in ascending docid order, read from the slot's value stream
// (chunk after chunk) rather than looked up document by document. Over shards the stream is the
// combined database's, with its docids; a remote database serves it too.
class SlotReader {
 public:
  SlotReader(const Xapian::Database& db, Xapian::valueno slot)
      : m_it(db.valuestream_begin(slot)), m_end(db.valuestream_end(slot)) {}
  std::string at(Xapian::docid did) {
    if (m_it != m_end && m_it.get_docid() < did) m_it.skip_to(did);
    return m_it != m_end && m_it.get_docid() == did ? *m_it : std::string();
  }

 private:
  Xapian::ValueIterator m_it;
  Xapian::ValueIterator m_end;
};

}  // namespace

std::string period_name(Period by) {
  switch (by) {
    case Period::year: return "year";
    case Period::quarter: return "quarter";
    case Period::month: return "month";
    case Period::week: return "week";
    case Period::day: return "day";
    case Period::automatic: return "automatic";
  }
  return {};
}

core::Result<Timeline> timeline(OpenedDatabase& opened, const core::Aliases& aliases, const TimelineRequest& request) {
  return read_with_retry(opened, [&](Xapian::Database& db) -> core::Result<Timeline> {
    if (request.text.find_first_not_of(" \t\r\n") == std::string::npos)
      return core::Error{
          "timeline needs words to count, e.g. scio-search timeline tariff (the filters only narrow them)"};
    QueryBuilder builder(db, false, false, aliases);
    auto built = builder.build(request.text, request.filters);
    if (!built) return core::Error{built.error()};
    std::vector<std::string> ignored;  // the filters' notes come with the query's
    auto filter = builder.filter(request.filters, ignored);
    if (!filter) return core::Error{filter.error()};
    Timeline out;
    // As typed, in quotes unless it has its own.
    out.query = request.text.find('"') == std::string::npos ? "\"" + request.text + "\"" : request.text;
    out.notes = aliases.errors();
    out.notes.insert(out.notes.end(), built->notes.begin(), built->notes.end());
    const OccurrenceFinder finder(built->words);
    if (finder.partial()) out.notes.push_back("word* prefixes are not counted as occurrences: passages are");

    // One definition of a match: every passage of the query, counted one by one, as search
    // --exact and speakers count them.
    auto every = [&](const Xapian::Query& query) {
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      const auto all = db.get_doccount();
      return enquire.get_mset(0, all, all);
    };
    std::vector<Xapian::docid> matched;  // ascending
    {
      const auto mset = every(built->query);
      matched.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) matched.push_back(*it);
    }

    // The words spoken: the passages of the filters alone, each one's words summed from
    // k_slot_words (counted by the indexer as kwic and timeline count them, core/words.h). The
    // document length would count stems, titles and names too; user metadata (per-month totals
    // kept by the indexer) is what a remote database cannot give. A passage's stored record is
    // read only where it is needed: to place the occurrences of a match, or to name its series.
    std::vector<Passage> passages;
    Interned keys;                             // series keys
    Interned conferences;                      // of the matching passages
    std::map<std::string, std::string> names;  // series key -> label
    std::size_t unplaced = 0;
    const bool by_record =
        request.split == Split::speaker || request.split == Split::outlet || request.split == Split::kind;
    SlotReader held(db, schema::k_slot_held);
    SlotReader words(db, schema::k_slot_words);
    SlotReader conference(db, schema::k_slot_conference);
    auto next_match = matched.begin();
    if (request.split == Split::none) keys(std::string());  // the one series, 0
    auto count = [&](Xapian::docid did, const std::function<Xapian::Document()>& document) {
      Passage p;
      p.date = parse_compact(held.at(did));
      const auto stored = words.at(did);
      p.words = stored.empty() ? 0 : static_cast<std::uint32_t>(Xapian::sortable_unserialise(stored));
      while (next_match != matched.end() && *next_match < did) ++next_match;
      p.matched = next_match != matched.end() && *next_match == did;
      if (request.split == Split::conference) p.series = keys(conference.at(did));
      if (!p.matched && !by_record) {
        passages.push_back(p);
        return;
      }
      const auto record = parse_passage_record(document());
      if (p.matched) {
        p.occurrences = static_cast<std::uint32_t>(finder.find(core::text_words(record.text)).size());
        if (p.occurrences == 0) ++unplaced;
        ++out.passages;
        out.occurrences += p.occurrences;
        p.conference = conferences(record.conference);
        if (!p.date) ++out.undated;
      }
      switch (request.split) {
        case Split::none: break;
        case Split::speaker: {
          const auto kind = record.kind == "reporter" ? core::AliasKind::outlet : core::AliasKind::speaker;
          const auto key = aliases.canonical(kind, record.speaker_key);
          p.series = keys(key);
          if (!names.count(key)) {
            const auto display = aliases.display(kind, key);
            names[key] = display.empty() ? record.speaker : display;
          }
          break;
        }
        case Split::outlet: {
          const auto key = record.outlet.empty()
                               ? std::string()
                               : aliases.canonical(core::AliasKind::outlet, core::speaker_key(record.outlet));
          p.series = keys(key);
          if (!names.count(key)) {
            const auto display = aliases.display(core::AliasKind::outlet, key);
            names[key] = key.empty() ? "(no outlet)" : display.empty() ? record.outlet : display;
          }
          break;
        }
        case Split::kind: p.series = keys(record.kind); break;
        case Split::conference: break;
      }
      passages.push_back(p);
    };
    if (filter->get_type() == Xapian::Query::LEAF_MATCH_ALL) {
      // No filter: every passage, in docid order, with no match run to list them.
      for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
        count(*it, [&] { return db.get_document(*it); });
    } else {
      const auto denominator = every(*filter);
      for (auto it = denominator.begin(); it != denominator.end(); ++it) count(*it, [&] { return it.get_document(); });
    }
    out.conferences = conferences.size();
    if (matched.size() != out.passages)
      throw DatabaseError("database " + opened.where + " changed while the timeline was counted; try again");
    if (unplaced > 0)
      out.notes.push_back(number_text(unplaced) + " of the " + number_text(out.passages) +
                          " matching passages hold no occurrence of the words in their text (they match through a "
                          "field such as speaker: or title:): counted as passages, with no occurrences");
    if (out.undated > 0)
      out.notes.push_back(number_text(out.undated) +
                          " matching passages have no date: they are in the totals but in no period");

    // The span of the passages the filters choose, so that the periods before the first use show.
    std::optional<chr::year_month_day> first, last;
    for (const auto& p : passages) {
      if (!p.date) continue;
      if (!first || days(*p.date) < days(*first)) first = p.date;
      if (!last || days(*p.date) > days(*last)) last = p.date;
    }
    out.by = request.by;
    if (!first) {
      if (out.by == Period::automatic) out.by = Period::year;
      return out;
    }
    if (out.by == Period::automatic) out.by = automatic_period(*first, *last);

    // The series: the top ones by occurrences (then passages), the rest as "other".
    const std::string k_other = "\x01other";
    std::map<std::string, std::pair<std::size_t, std::size_t>> weight;
    for (const auto& p : passages)
      if (p.matched) {
        auto& w = weight[keys[p.series]];
        w.first += p.occurrences;
        w.second += 1;
      }
    std::vector<std::string> order;
    for (const auto& [key, w] : weight) order.push_back(key);
    std::stable_sort(order.begin(), order.end(),
                     [&](const std::string& a, const std::string& b) { return weight[a] > weight[b]; });
    std::map<std::string, std::string> series_of;  // key -> series key
    if (request.split != Split::none) {
      if (order.size() > request.top) order.resize(request.top);
      for (const auto& key : order) series_of[key] = key;
      // Every passage is in a series, so that the words of the rows add up to all the words spoken.
      const bool other = std::any_of(passages.begin(), passages.end(),
                                     [&](const Passage& p) { return !series_of.count(keys[p.series]); });
      if (other) order.push_back(k_other);
    } else {
      order = {std::string()};
    }
    auto series_key = [&](const std::string& value) {
      if (request.split == Split::none) return std::string();
      auto found = series_of.find(value);
      return found == series_of.end() ? k_other : found->second;
    };

    const long p0 = period_of(*first, out.by);
    const long p1 = period_of(*last, out.by);
    std::map<std::pair<long, std::string>, Cell> cells;
    for (const auto& p : passages) {
      if (!p.date) continue;
      auto& cell = cells[{period_of(*p.date, out.by), series_key(keys[p.series])}];
      cell.words += p.words;
      if (!p.matched) continue;
      ++cell.passages;
      cell.occurrences += p.occurrences;
      cell.conferences.insert(p.conference);
    }
    auto label = [&](const std::string& key) -> std::string {
      if (request.split == Split::none) return {};
      if (key == k_other) return "other";
      if (request.split == Split::speaker || request.split == Split::outlet) return names[key];
      return key.empty() ? "(none)" : key;
    };
    for (const auto& key : order)
      if (request.split != Split::none) out.series.push_back(label(key));
    for (long p = p0; p <= p1; ++p) {
      const auto b = bounds_of(p, out.by);
      for (const auto& key : order) {
        TimelineRow row;
        row.period = label_of(p, out.by);
        row.start = iso(b.first);
        row.end = iso(b.last);
        row.series = label(key);
        if (auto c = cells.find({p, key}); c != cells.end()) {
          row.passages = c->second.passages;
          row.occurrences = c->second.occurrences;
          row.words = c->second.words;
          row.conferences = c->second.conferences.size();
        }
        out.rows.push_back(std::move(row));
      }
    }
    return out;
  });
}

bool utf8_locale() {
  const std::string saved = std::setlocale(LC_CTYPE, nullptr);
  const bool utf8 = std::setlocale(LC_CTYPE, "") != nullptr && std::string(nl_langinfo(CODESET)) == "UTF-8";
  std::setlocale(LC_CTYPE, saved.c_str());
  return utf8;
}

namespace {

const std::vector<std::string> k_timeline_fields = {"period",      "start",       "end",   "passages",
                                                    "conferences", "occurrences", "words", "per_million"};

// Per million words with at most two decimals: what a reader compares, not float noise.
double rounded(double x) { return std::round(x * 100.0) / 100.0; }

std::string value_text(double v, bool per_million) {
  if (!per_million) return number_text(static_cast<std::size_t>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

double value_of(const TimelineRow& row, bool per_million) {
  return per_million ? row.per_million() : static_cast<double>(row.occurrences);
}

// A bar of value/max of width columns: whole blocks, then the eighth that rounds the rest; a
// value above zero shows at least an eighth. ASCII: '#' per column, '.' for less than one.
std::string bar(double value, double max, std::size_t width, bool unicode) {
  if (value <= 0 || max <= 0) return {};
  static const char* const k_eighths[] = {"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"};
  if (!unicode) {
    const auto cols = static_cast<std::size_t>(std::lround(value / max * static_cast<double>(width)));
    return cols == 0 ? std::string(".") : std::string(cols, '#');
  }
  auto units = static_cast<std::size_t>(std::lround(value / max * static_cast<double>(width) * 8));
  units = std::max<std::size_t>(units, 1);
  std::string out;
  for (std::size_t i = 0; i < units / 8; ++i) out += "\u2588";
  return out + k_eighths[units % 8];
}

}  // namespace

void write_timeline(const Timeline& t, Format format, bool per_million, bool unicode, const Terminal& terminal,
                    std::ostream& out, std::ostream& err) {
  const bool split = !t.series.empty();
  if (format == Format::json || format == Format::csv) {
    auto fields = k_timeline_fields;
    if (split) fields.push_back("series");
    if (format == Format::csv) {
      for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << fields[i];
      out << '\n';
    }
    for (const auto& r : t.rows) {
      nlohmann::ordered_json j{{"period", r.period},
                               {"start", r.start},
                               {"end", r.end},
                               {"passages", r.passages},
                               {"conferences", r.conferences},
                               {"occurrences", r.occurrences},
                               {"words", r.words},
                               {"per_million", rounded(r.per_million())}};
      if (split) j["series"] = r.series;
      if (format == Format::json) {
        out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
        continue;
      }
      std::size_t i = 0;
      for (const auto& f : fields) {
        const auto& v = j[f];
        out << (i++ ? "," : "") << (v.is_string() ? csv_field(v.get<std::string>()) : v.dump());
      }
      out << '\n';
    }
    write_notes(t.notes, format, terminal, out, err);
    return;
  }

  const Palette palette = terminal.colour ? Palette::colour() : Palette::plain();
  std::string head = t.query + ": " + number_text(t.occurrences) +
                     (t.occurrences == 1 ? " occurrence in " : " occurrences in ") + number_text(t.passages) +
                     (t.passages == 1 ? " passage" : " passages") + " of " + number_text(t.conferences) +
                     (t.conferences == 1 ? " conference" : " conferences");
  if (!t.rows.empty())
    head += ", " + t.rows.front().period + " to " + t.rows.back().period + ", by " + period_name(t.by) +
            (per_million ? "; bars: occurrences per million words" : "; bars: occurrences");
  for (const auto& line : wrap({{head, false}}, terminal.width, "", palette)) out << line << '\n';
  if (t.rows.empty()) {
    write_notes(t.notes, format, terminal, out, err);
    return;
  }

  // One line per period: its label, the bar, the value. A split stacks its series' counts; their
  // rates do not add up, so with --per-million each series has a line of its own.
  const std::size_t n_series = split ? t.series.size() : 1;
  const bool grouped = split && per_million;
  static const std::vector<std::string> k_unicode_fills = {"\u2588", "\u2593", "\u2592", "\u2591", "\u259A", "\u2596"};
  static const std::vector<std::string> k_ascii_fills = {"#", "=", "+", "-", "o", "."};
  const auto& fills = unicode ? k_unicode_fills : k_ascii_fills;
  auto fill = [&](std::size_t s) { return fills[s % fills.size()]; };
  struct Line {
    std::string label;
    std::vector<std::pair<double, std::size_t>> segments;  // value, series
    double total = 0;
  };
  std::vector<Line> lines;
  for (std::size_t i = 0; i < t.rows.size(); i += n_series) {
    if (grouped) {
      for (std::size_t s = 0; s < n_series; ++s) {
        const double v = value_of(t.rows[i + s], per_million);
        lines.push_back({s == 0 ? t.rows[i].period : std::string(), {{v, s}}, v});
      }
      continue;
    }
    Line line{t.rows[i].period, {}, 0};
    for (std::size_t s = 0; s < n_series; ++s) {
      const double v = value_of(t.rows[i + s], per_million);
      line.segments.push_back({v, s});
      line.total += v;
    }
    lines.push_back(std::move(line));
  }
  std::size_t label_width = 0;
  std::size_t value_width = 0;
  double max = 0;
  for (const auto& l : lines) {
    label_width = std::max(label_width, core::display_width(l.label));
    value_width = std::max(value_width, value_text(l.total, per_million).size());
    max = std::max(max, l.total);
  }
  constexpr std::size_t k_min_bar = 10;
  const std::size_t used = label_width + value_width + 2 + (grouped ? 2 : 0);
  const std::size_t width = terminal.width > used + k_min_bar ? terminal.width - used : k_min_bar;
  if (split) {
    std::string legend;
    for (std::size_t s = 0; s < t.series.size(); ++s) legend += (s ? "   " : "") + fill(s) + " " + t.series[s];
    for (const auto& line : wrap({{legend, false}}, terminal.width, "", palette)) out << line << '\n';
  }
  for (const auto& l : lines) {
    std::string drawn;
    if (!split) {
      drawn = bar(l.total, max, width, unicode);
    } else if (grouped) {
      // The series' mark first, then its bar.
      drawn = fill(l.segments[0].second) + " " + bar(l.total, max, width, unicode);
    } else {
      // Stacked: each series from the rounded end of the one before, so that the whole bar keeps its length.
      double sum = 0;
      std::size_t at = 0;
      for (const auto& [v, s] : l.segments) {
        sum += v;
        const auto end = static_cast<std::size_t>(std::lround(sum / max * static_cast<double>(width)));
        for (; at < end; ++at) drawn += fill(s);
      }
      if (drawn.empty() && l.total > 0) drawn = unicode ? "\u258F" : ".";
    }
    const std::size_t drawn_width = core::display_width(drawn);
    const std::string bar_cell =
        drawn + std::string(width + (grouped ? 2 : 0) > drawn_width ? width + (grouped ? 2 : 0) - drawn_width : 0, ' ');
    out << pad_columns(l.label, label_width, false) << ' ' << bar_cell << ' '
        << pad_columns(value_text(l.total, per_million), value_width, true) << '\n';
  }
  write_notes(t.notes, format, terminal, out, err);
}

namespace {

// A string for a gnuplot script: single quotes, which take nothing but '' as special.
std::string gnuplot_string(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    if (c != '\n') out += c;
  }
  return out + "'";
}

}  // namespace

std::string plot_timeline(const Timeline& t, bool per_million, const std::string& path) {
  const std::filesystem::path file(path);
  const std::string ext = file.extension().string();
  if (ext != ".svg" && ext != ".png")
    return "--plot " + path + ": the file name must end in .svg or .png (the image format is chosen from it)";
  if (t.rows.empty()) return "--plot " + path + ": nothing to draw (no passage under these filters has a date)";

  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec) / ("scio-plot-" + std::to_string(::getpid()));
  fs::create_directories(dir, ec);
  if (ec) return "--plot: cannot make a temporary folder for gnuplot: " + ec.message();
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{dir};

  // The data: a row per period, a column per series.
  const bool split = !t.series.empty();
  const std::size_t n_series = split ? t.series.size() : 1;
  const std::size_t periods = t.rows.size() / n_series;
  {
    std::ofstream data(dir / "data.tsv");
    for (std::size_t i = 0; i < t.rows.size(); i += n_series) {
      data << t.rows[i].period;
      for (std::size_t s = 0; s < n_series; ++s) data << '\t' << value_of(t.rows[i + s], per_million);
      data << '\n';
    }
  }
  // At most about 30 labels on the x axis.
  const std::size_t step = std::max<std::size_t>(1, (periods + 29) / 30);
  std::ofstream script(dir / "plot.gp");
  script << (ext == ".svg" ? "set terminal svg size 1000,520 dynamic noenhanced font 'sans,11' background rgb 'white'\n"
                           : "set terminal pngcairo size 1000,520 noenhanced font 'sans,10' background rgb 'white'\n");
  script << "set output " << gnuplot_string(path) << "\n"
         << "set datafile separator '\\t'\n"
         << "set title "
         << gnuplot_string(t.query + ": " + number_text(t.occurrences) + " occurrences in " + number_text(t.passages) +
                           " passages, by " + period_name(t.by))
         << "\n"
         << "set xlabel " << gnuplot_string(period_name(t.by)) << "\n"
         << "set ylabel " << gnuplot_string(per_million ? "occurrences per million words" : "occurrences") << "\n"
         << "set yrange [0:*]\nset grid ytics\nset xtics rotate by 60 right nomirror\n"
         << "set style data histograms\n"
         << (split && !per_million ? "set style histogram rowstacked\n" : "set style histogram clustered gap 1\n")
         << "set style fill solid 0.85 border -1\nset boxwidth 0.8 relative\n"
         << (split ? "set key outside right top\n" : "unset key\n") << "plot ";
  for (std::size_t s = 0; s < n_series; ++s) {
    script << (s ? ", '' using " : gnuplot_string((dir / "data.tsv").string()) + " using ") << s + 2;
    if (s == 0) script << ":xtic(int($0) % " << step << " == 0 ? stringcolumn(1) : '')";
    script << " title " << gnuplot_string(split ? t.series[s] : std::string("occurrences"));
  }
  script << "\n";
  script.close();

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string log = (dir / "gnuplot.log").string();
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  std::string program = "gnuplot";
  const std::string script_path = (dir / "plot.gp").string();
  std::vector<char*> argv{program.data(), const_cast<char*>(script_path.c_str()), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "gnuplot", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0)
    return "--plot: cannot run gnuplot (" + std::string(std::strerror(spawned)) +
           "); install it (Debian: apt install gnuplot-nox), or use --format csv and plot elsewhere";
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream in(log);
    std::string first;
    for (std::string line; std::getline(in, line);)
      if (line.find_first_not_of(" \t^") != std::string::npos) first = line;
    return "--plot " + path + ": gnuplot failed" + (first.empty() ? std::string() : ": " + first);
  }
  return {};
}

}  // namespace scio::searcher

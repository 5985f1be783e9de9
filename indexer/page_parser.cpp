#include "indexer/page_parser.h"

#include "core/speaker.h"
#include "core/text.h"
#include "core/unicode_regex.h"

#include <array>

namespace scio::indexer {
namespace {

using core::Conference;
using core::Turn;

bool starts_with_icase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && core::ascii_lower(text.substr(0, prefix.size())) == prefix;
}

// "SCIO press conference on X - China.org.cn" -> "SCIO press conference on X"
std::string clean_title(std::string_view raw) {
  std::string title = core::normalize_space(raw);
  // A title the length of a page is no title: left as it is, unmatched.
  if (title.size() > 1000) return title;
  static const core::UnicodeRegex site_suffix(
      R"(\s*[-|_—]\s*(china\.org\.cn|china scio|scio|english\.scio\.gov\.cn|ministry of foreign affairs.*|fmprc.*|)"
      R"(中华人民共和国国务院新闻办公室|国务院新闻办公室|中华人民共和国外交部|外交部)$)",
      core::UnicodeRegex::ignore_case);
  return site_suffix.replace_all(title, "");
}

// Ends like a sentence: . ? ! ; or their CJK forms, maybe inside closing quotes or brackets.
bool is_sentence_like(std::string_view text) {
  text = core::trim(text);
  while (!text.empty() && (text.back() == '"' || text.back() == '\'' || text.back() == ')')) text.remove_suffix(1);
  for (std::string_view closer : {"\u201D", "\u2019", "\uFF09", "\u300D"})
    while (text.size() >= closer.size() && text.substr(text.size() - closer.size()) == closer)
      text.remove_suffix(closer.size());
  if (text.empty()) return false;
  char last = text.back();
  if (last == '.' || last == '?' || last == '!' || last == ';' || last == ':') return true;
  for (std::string_view end : {"\u3002", "\uFF1F", "\uFF01", "\uFF1B", "\uFF1A", "\u2026"})
    if (text.size() >= end.size() && text.substr(text.size() - end.size()) == end) return true;
  return false;
}

// A title has a few words (or CJK text); navigation items ("Home", "China") do not.
bool is_title_like(std::string_view text) {
  if (text.size() > 300) return false;
  for (unsigned char ch : text)
    if (ch >= 0xE3 && ch <= 0xE9) return true;
  return core::split_words(text).size() >= 3;
}

// A pagination line: "<< 1 2 3 >>", "prev 1 2 next page", "12" (digits and spaces, optionally
// between a back and a forward link). Written out: a regex with nested repeats backtracks
// exponentially on a long run of digits followed by a word.
bool is_pagination(std::string_view s) {
  for (std::string_view p : {"<<", "<", "previous", "prev", "first"})
    if (s.substr(0, p.size()) == p) {
      s.remove_prefix(p.size());
      break;
    }
  for (std::string_view p : {">>", ">", "next page", "next", "last"})
    if (s.size() >= p.size() && s.substr(s.size() - p.size()) == p) {
      s.remove_suffix(p.size());
      break;
    }
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != ' ' && c != '\t') return false;
  }
  return digit;
}

// A rule between parts of a transcript: "***", "* * *", "＊＊＊" (after width folding: "***").
bool is_separator(std::string_view line) {
  line = core::trim(line);
  std::size_t stars = 0;
  for (char ch : line) {
    if (ch == '*') ++stars;
    else if (ch != ' ') return false;
  }
  return stars >= 3;
}

// "The following question was raised after the press conference: ...", "After the press
// conference, the following questions were raised:", "Question raised after the press conference:
// ...": a question put after the conference, which the page reports (Foreign Ministry, English).
// The length of the lead-in in bytes, 0 for a line that is none. The Chinese pages' form
// ("会后有记者问及：") is a label (core::parse_label).
std::size_t post_conference_lead_in(std::string_view line) {
  static const core::UnicodeRegex lead_in(
      R"(^(?:(?:the following|this) questions? (?:was|were|is|are) (?:raised|posed|asked)(?: by (?:a|an|the) )"
      R"((?:journalist|reporter|correspondent))? after the (?:regular )?press conference|after the (?:regular )?press )"
      R"(conference, the following questions? (?:was|were|is|are) (?:raised|posed|asked)|questions? raised after the )"
      R"((?:regular )?press conference)\s*(?:[:.：]|$))",
      core::UnicodeRegex::ignore_case);
  if (line.size() > 4000) return 0;
  auto m = lead_in.find(line);
  return m ? m->end : 0;
}

}  // namespace

bool is_furniture(std::string_view raw) {
  auto line = core::trim(raw);
  if (line.empty()) return true;
  auto lower = core::ascii_lower(line);
  static const core::UnicodeRegex caption(R"(^/\s*[0-9]+(\s|$))");
  static const core::UnicodeRegex breadcrumb(R"(^home\s*(-|>|\|))", core::UnicodeRegex::ignore_case);
  if (line.size() < 120 && (is_pagination(lower) || caption.found_in(lower) || breadcrumb.found_in(lower))) return true;
  static const std::array<std::string_view, 17> exact{
      "home", "read in chinese", "print", "e-mail",       "email", "share",      "close",   "chinese", "english",
      "中文", "back to top",     "top",   "print e-mail", "more",  "font size:", "[photo]", "photo"};
  for (auto e : exact)
    if (lower == e) return true;
  static const std::array<std::string_view, 9> prefixes{
      "adjust font size", "web editor",   "editor:", "source:",  "share to",
      "font size",        "related news", "[photo/", "copyright"};
  for (auto p : prefixes)
    if (lower.rfind(p, 0) == 0 && line.size() < 200) return true;
  // Chinese photo captions: "图为新闻发布会现场。（刘健 摄）".
  static const core::UnicodeRegex zh_caption(R"(^图为|[（(][^）)]{1,20}\s*摄[）)]$)");
  if (line.size() < 300 && zh_caption.found_in(line)) return true;
  return lower.find("comment(s)") != std::string::npos && line.size() < 80;
}

std::string spokesperson_in_title(std::string_view title) {
  static const core::UnicodeRegex en(R"(Spokesperson\s+((?:\p{Lu}\p{Ll}+\s?){1,3}?)['’]s\b)");
  // Two to four characters, as Chinese names are: "外交部发言人赵立坚主持例行记者会" -> 赵立坚.
  // "外交部发言人耿爽2月15日答记者问": a date may sit between the name and what follows it.
  static const core::UnicodeRegex zh(
      R"(发言人([^\s主答就的例0-9]{2,4}?)(?:[0-9]{1,2}月[0-9]{1,2}日)?(主持|答记者问|就|例行))");
  if (auto m = en.search(title)) return std::string(core::trim((*m)[1]));
  if (auto m = zh.search(title)) return (*m)[1];
  return {};
}

std::string unnamed_spokesperson_in_title(std::string_view title) {
  if (!spokesperson_in_title(title).empty()) return {};
  static const core::UnicodeRegex zh(R"((\p{Han}{1,10}?发言人)(?:答记者问|就|主持))");
  if (auto m = zh.search(title)) return (*m)[1];
  return {};
}

core::Result<Conference> parse_page(const PageText& text, const std::string& source, const PageName& name) {
  Conference c;
  c.id = name.conference_id;
  c.title = clean_title(core::fold_width(text.title));
  core::Page page;
  page.number = name.number;
  page.source = source;
  page.url = text.url;
  if (!text.url.empty()) c.urls.push_back(text.url);

  const std::string spokesperson = spokesperson_in_title(c.title);
  bool in_header = true;
  Turn* current = nullptr;
  // A rule ("***") ends the turn: the next turn, labelled or not, starts after a break.
  std::optional<std::string> break_speaker;
  // A post-conference lead-in standing alone ("The following questions were raised after the press
  // conference:"): the question that follows it opens with it.
  std::optional<std::string> lead_in;
  auto start_turn = [&](std::string speaker, bool continued) {
    Turn t;
    t.speaker = std::move(speaker);
    t.page = page.number;
    t.continued = continued;
    t.after_break = break_speaker.has_value();
    break_speaker.reset();
    if (lead_in) t.paragraphs.push_back(*std::exchange(lead_in, std::nullopt));
    page.turns.push_back(std::move(t));
    current = &page.turns.back();
  };

  auto add_participant = [&](core::Participant p) {
    auto key = core::speaker_key(p.name);
    for (auto& q : c.participants)
      if (core::speaker_key(q.name) == key) {
        if (q.role.empty()) q.role = p.role;
        return;
      }
    c.participants.push_back(std::move(p));
  };

  for (const auto& block : text.blocks) {
    // Full-width digits and letters as ASCII, before dates, labels and the index see them.
    const std::string folded = core::fold_width(block.text);
    std::string_view line = folded;
    if (is_furniture(line)) continue;
    if (!c.title.empty() && core::normalize_space(line) == c.title) continue;

    // What the page shows beside its article (the heading, a summary sentence, the dateline a
    // page K repeats, related links) may give the header its dates and participants, never speech.
    const bool outside = block.outside_article;
    if (outside && !in_header) continue;
    auto label = outside ? std::nullopt : core::parse_label(line, text.inline_labels || block.emphasized);
    // "主持人：国务院新闻办新闻局副局长、新闻发言人 邢慧娜" in a header lists a participant.
    if (label && in_header && (label->name == "主持人" || label->name == "发布人")) {
      auto listed = core::parse_chinese_participants(line);
      for (auto& p : listed) add_participant(std::move(p));
      if (!listed.empty()) continue;
    }
    if (!in_header && current && is_separator(line)) {
      break_speaker = current->speaker;
      current = nullptr;
      continue;
    }
    // A question put after the conference is a reporter's turn ("Q"), lead-in and all.
    if (const auto n = label || in_header || outside ? 0 : post_conference_lead_in(core::trim(line)); n > 0) {
      const std::string paragraph = core::normalize_space(line);
      if (!core::trim(core::trim(line).substr(n)).empty()) {
        start_turn("Q", false);
        current->paragraphs.push_back(paragraph);
      } else {
        lead_in = paragraph;  // the question follows, labelled or not
        current = nullptr;
      }
      continue;
    }
    if (label) {
      in_header = false;
      if (!label->role.empty()) add_participant({label->name, label->role});
      start_turn(label->name, false);
      if (!label->rest.empty()) current->paragraphs.push_back(label->rest);
      continue;
    }
    if (in_header) {
      // Header lines: the title (text dumps), datelines, participants and their section labels.
      std::string_view body = line;
      bool held_label = false;
      for (auto prefix : {"date:", "time:", "date and time:", "时间：", "时间:", "日期：", "日期:"}) {
        if (starts_with_icase(body, prefix)) {
          body = core::trim(body.substr(std::string_view(prefix).size()));
          held_label = true;
        }
      }
      auto lower = core::ascii_lower(body);
      if (body.empty() || lower == "speakers:" || lower == "speaker:" || lower == "chairperson:" ||
          lower == "moderator:" || lower == "host:" || lower == "speakers" || lower == "chairperson")
        continue;
      // A SCIO lead sentence names the participants and the day: "国务院新闻办公室于2023年7月19日（星期三）
      // 上午10时举行新闻发布会，请...赵志国，...陶青介绍...，并答记者问。"
      if (auto listed = core::parse_chinese_participants(body); !listed.empty()) {
        for (auto& p : listed) add_participant(std::move(p));
        if (!c.held && body.find("举行") != std::string_view::npos) c.held = core::find_date(body);
        continue;
      }
      // A sentence that mentions a date (a summary: "... held a press conference on Jan. 12") is
      // no dateline.
      const bool summary_sentence = !held_label && is_sentence_like(body) && core::split_words(body).size() > 8;
      if (body.size() < 160 && !summary_sentence) {
        if (auto date = core::find_date(body)) {
          bool title_like = c.title.empty() && !core::is_date_line(body) && !core::has_time_of_day(body) &&
                            body.find('|') == std::string_view::npos && body.size() > 40;
          // "2023-07-19 23:30 来源：国务院新闻办网站" is when a reprint was posted; "国务院新闻办公室于
          // 2023年7月19日上午10时举行新闻发布会" is when the conference was held.
          const bool posted = body.find("来源") != std::string_view::npos;
          const bool held_sentence = body.find("举行") != std::string_view::npos;
          if (!title_like) {
            if (!posted && (held_label || held_sentence || core::is_date_line(body) || core::has_time_of_day(body))) {
              if (!c.held) c.held = date;
            } else if (!c.published) {
              c.published = date;
            }
            continue;
          }
        }
      }
      if (c.title.empty() && is_title_like(body)) {
        c.title = clean_title(body);
        continue;
      }
      if (auto p = core::parse_participant(body)) {
        c.participants.push_back(*p);
        continue;
      }
      // Navigation, places and times are not speech; speech is made of sentences.
      if (outside || !is_sentence_like(body)) continue;
      // Speech before any label: the title's spokesperson speaking (Foreign Ministry pages), the
      // turn running on from the previous page, or a preamble that is not speech.
      if (!spokesperson.empty() && page.number == 1) {
        in_header = false;
        start_turn(spokesperson, false);
      } else if (page.number >= 2) {
        in_header = false;
        start_turn("", true);
      } else {
        continue;
      }
    }
    // After a post-conference question ("会后，有记者问及：..."), the answer is reported, not
    // labelled: "耿爽表示，我们对...表示祝贺". It is the spokesperson's turn.
    if (current && !spokesperson.empty() && current->speaker.find("记者问及") != std::string::npos &&
        line.rfind(spokesperson + "表示", 0) == 0) {
      start_turn(spokesperson, false);
    }
    // Speech after a rule goes on with the speaker before it; after a lone lead-in, it is the question.
    if (!current && lead_in) start_turn("Q", false);
    if (!current && break_speaker) start_turn(*break_speaker, false);
    if (current) current->paragraphs.push_back(core::normalize_space(line));
  }
  // A lead-in or rule the page ends with is kept, not lost: it stays with the last turn.
  if (lead_in && !page.turns.empty()) page.turns.back().paragraphs.push_back(*lead_in);

  // Site furniture after the speech (link lists, "Most Viewed") is not part of the last turn.
  if (!page.turns.empty()) {
    auto& last = page.turns.back().paragraphs;
    while (!last.empty() && !is_sentence_like(last.back()) && last.back().size() < 80) last.pop_back();
  }
  // A label with no speech yet ("Xin Guobin:" ending a page) keeps its turn: the speech follows
  // on the next page as a continued turn.
  std::string speech;
  for (const auto& t : page.turns) {
    speech += t.speaker;
    speech += '\n';
    for (const auto& p : t.paragraphs) {
      speech += p;
      speech += '\n';
    }
  }
  if (!c.published) c.published = text.published;
  // Foreign Ministry pages carry their date only in the title, a few without the year.
  if (!c.held) c.held = core::find_date(c.title);
  if (!c.held && c.published) c.held = core::find_date_before(c.title, *c.published);
  bool any_text = false;
  for (const auto& t : page.turns) any_text = any_text || !t.paragraphs.empty();
  if (!any_text) return core::Error{"not a transcript: no speaker turns found"};
  page.hash = core::content_hash(speech);
  c.pages.push_back(std::move(page));
  return c;
}

}  // namespace scio::indexer

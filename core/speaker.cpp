#include "core/speaker.h"

#include "core/text.h"
#include "core/unicode_regex.h"

#include <algorithm>
#include <array>
#include <memory>
#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace scio::core {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Lower-case words a name or outlet label may hold.
constexpr std::array<std::string_view, 22> k_connectors{
    "of", "the", "and", "for", "from", "de", "van",      "von",        "der",           "bin", "al",
    "da", "du",  "le",  "la",  "del",  "y",  "reporter", "journalist", "correspondent", "on",  "&"};

// Single words that open a line with a colon but never name a speaker.
constexpr std::array<std::string_view, 24> k_not_names{
    "note",      "notes", "source",   "editor",   "photo",   "update",      "updated",   "date",
    "time",      "venue", "location", "speakers", "speaker", "chairperson", "moderator", "host",
    "attention", "tel",   "email",    "e-mail",   "fax",     "address",     "share",     "print"};

constexpr std::array<std::string_view, 14> k_honorifics{"mr",   "ms",        "mrs", "miss", "madam", "madame", "dr",
                                                        "prof", "professor", "sir", "mme",  "m",     "h.e",    "he"};

bool is_honorific(std::string_view word) {
  auto w = ascii_lower(word);
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
  // "he" and "m" only count when written as "H.E." / "M."
  if ((w == "he" || w == "m") && word.find('.') == std::string_view::npos) return false;
  return std::find(k_honorifics.begin(), k_honorifics.end(), w) != k_honorifics.end();
}

std::size_t count_cjk(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE3 && b <= 0xE9) ++n;  // lead bytes of U+3000..U+9FFF
  }
  return n;
}

// A known set of outlets that do not look like outlets by their words alone.
constexpr std::array<std::string_view, 36> k_outlets{"cctv",
                                                     "cgtn",
                                                     "cnr",
                                                     "afp",
                                                     "ap",
                                                     "bloomberg",
                                                     "reuters",
                                                     "xinhua",
                                                     "kyodo",
                                                     "nhk",
                                                     "tass",
                                                     "efe",
                                                     "dpa",
                                                     "ansa",
                                                     "yonhap",
                                                     "rtl",
                                                     "bbc",
                                                     "cnn",
                                                     "abc",
                                                     "nbc",
                                                     "cbs",
                                                     "npr",
                                                     "wsj",
                                                     "ria novosti",
                                                     "phoenix tv",
                                                     "china daily",
                                                     "global times",
                                                     "the paper",
                                                     "caixin",
                                                     "china news service",
                                                     "beijing youth daily",
                                                     "people's daily",
                                                     "economic daily",
                                                     "hubei tv",
                                                     "shenzhen tv",
                                                     "sputnik"};

constexpr std::array<std::string_view, 20> k_outlet_words{
    "daily",     "times",   "news",     "tv",        "television", "radio",  "agency",
    "press",     "post",    "herald",   "journal",   "network",    "media",  "broadcasting",
    "broadcast", "channel", "magazine", "newspaper", "tribune",    "gazette"};

// A Chinese personal name: a common surname (or a two-character one) and one or two characters
// of given name, none of them a verb of saying ("王毅说", "耿爽宣布" are sentences).
const std::string& chinese_name_pattern() {
  static const std::string pattern =
      "(?:(?:欧阳|司马|上官|诸葛|东方|皇甫|令狐|慕容|司徒|夏侯|尉迟|长孙|宇文)\\p{Han}{1,2}|"
      "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
      "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
      "耿华辛寿邢赖常康毕乔樊殷施庞牛洪季单翟骆章柴倪安颜尤齐祝葛欧伍岳易邬庄晏柳米饶苗温凤滕宁卜蓝习栗靳鲁"
      "裴解焦申包景谷詹关郎舒路娄鲍花聂成连左游封甘卓蒙符盛管容项诸祁翁柯丛连岑]"
      "(?:(?![说称讲问答道宣表指认强曰])\\p{Han}){1,2})";
  return pattern;
}

}  // namespace

std::optional<ChineseLabel> chinese_label(std::string_view raw) {
  const auto name = trim(raw);
  if (name.empty() || name.size() > 150) return std::nullopt;
  const std::string& k_name = chinese_name_pattern();
  static const UnicodeRegex fixed(
      "^(?:问|答|追问[一二三四五六七八九]?|提问|主持人|记者|有记者问及?|会后[，,]?有记者问及?|记者(?:追问|解释|澄清|"
      "回答|问))$");
  static const UnicodeRegex reporter(
      R"(^(?:会后[，,]?有)?(?!.*(?:告诉|向|对|请|给|我|你|他|们))[^\s，,。、；;？?！!：:（）()“”"]{1,24}记者(?:提问|追问|问及)?$)");
  static const UnicodeRegex person("^" + k_name + "$");
  static const UnicodeRegex role_space("^([^，,。；;？?！!：:“”\"]{2,60}?)\\s+(" + k_name + ")$");
  static const UnicodeRegex role_glued(
      "^(\\p{Han}[\\p{Han}、]{0,40}?(?:发言人|局长|部长|司长|主任|处长|厅长|署长|行长|主席|书记|委员|大使|工程师|"
      "总经理|"
      "董事长|负责人|秘书长|院长|校长|会长|理事长|总裁|市长|省长|主持人|专员|总监|参赞))(" +
      k_name + ")$");
  if (fixed.found_in(name) || reporter.found_in(name) || person.found_in(name))
    return ChineseLabel{std::string(name), ""};
  if (auto m = role_space.search(name)) return ChineseLabel{(*m)[2], normalize_space((*m)[1])};
  // A spokesperson's statement opens "外交部发言人耿爽宣布：" (announces) or "...表示：" (says).
  static const UnicodeRegex announces("^(\\p{Han}{0,20}发言人)(" + k_name + ")(?:宣布|表示)$");
  if (auto m = announces.search(name)) return ChineseLabel{(*m)[2], (*m)[1]};
  if (auto m = role_glued.search(name)) return ChineseLabel{(*m)[2], (*m)[1]};
  return std::nullopt;
}

bool is_chinese_personal_name(std::string_view name) {
  static const UnicodeRegex person("^" + chinese_name_pattern() + "$");
  return person.found_in(trim(name));
}

bool looks_like_label(std::string_view raw) {
  auto name = trim(raw);
  if (name.empty() || name.size() > 60) return false;
  if (find_invalid_utf8(name) != std::string_view::npos) return false;
  if (count_cjk(name) > 0) return chinese_label(name).has_value();
  if (is_reporter_going_on(name)) return true;  // "Journalist clarifies", lower case and all
  auto words = split_words(name);
  if (words.empty() || words.size() > 6) return false;
  if (!is_upper(words.front()[0])) return false;
  if (words.size() == 1 &&
      std::find(k_not_names.begin(), k_not_names.end(), ascii_lower(words.front())) != k_not_names.end())
    return false;
  for (const auto& w : words) {
    for (char c : w)
      if (c >= '0' && c <= '9') return false;
    if (w.find_first_of(";!?\"") != std::string::npos) return false;
    std::string_view body = w;
    while (!body.empty() && (body.front() == '(' || body.front() == '"')) body.remove_prefix(1);
    if (body.empty()) return false;
    if (is_upper(body[0])) continue;
    if (std::find(k_connectors.begin(), k_connectors.end(), ascii_lower(body)) != k_connectors.end()) continue;
    if (body.size() >= 2 && is_lower(body[0]) && body[1] == '\'') continue;  // d'Estaing
    return false;
  }
  return true;
}

std::optional<Label> parse_label(std::string_view line, bool allow_inline) {
  line = trim(line);
  // The colon: ASCII ':' or the full-width '：' (EF BC 9A).
  std::size_t colon = std::string_view::npos, colon_len = 0;
  // Long enough for a SCIO role and name ("国务院新闻办公室新闻局副局长、新闻发言人 邢慧娜：").
  std::size_t limit = std::min<std::size_t>(line.size(), 160);
  for (std::size_t i = 0; i < limit; ++i) {
    if (line[i] == ':') {
      colon = i;
      colon_len = 1;
      break;
    }
    if (i + 2 < line.size() && line.compare(i, 3, "\xEF\xBC\x9A") == 0) {
      colon = i;
      colon_len = 3;
      break;
    }
  }
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  auto name = trim(line.substr(0, colon));
  auto rest = trim(line.substr(colon + colon_len));
  // "10:30" or "http://..." are not labels.
  if (!rest.empty() && (rest.front() == '/' || (rest.front() >= '0' && rest.front() <= '9' && colon_len == 1 &&
                                                name.back() >= '0' && name.back() <= '9')))
    return std::nullopt;
  if (count_cjk(name) > 0) {
    auto zh = chinese_label(name);
    if (!zh) return std::nullopt;
    return Label{zh->name, normalize_space(rest), zh->role};
  }
  if (!rest.empty() && !allow_inline) return std::nullopt;
  if (!looks_like_label(name)) return std::nullopt;
  return Label{std::string(name), normalize_space(rest), ""};
}

bool names_a_person(std::string_view label) {
  const auto words = split_words(trim(label));
  if (words.size() < 2) return false;
  if (is_honorific(words[0])) return true;
  // "The President", never "The Paper" or "The Australian".
  const std::size_t at = ascii_lower(words[0]) == "the" ? 1 : 0;
  auto first = ascii_lower(words[at]);
  while (!first.empty() && (first.back() == '.' || first.back() == ',')) first.pop_back();
  static constexpr std::array<std::string_view, 21> k_offices{
      "president", "vice",     "secretary",  "ambassador", "general",       "admiral",      "senator",
      "governor",  "minister", "director",   "deputy",     "administrator", "commissioner", "captain",
      "colonel",   "chairman", "chairwoman", "premier",    "senior",        "spokesperson", "spokesman"};
  return std::find(k_offices.begin(), k_offices.end(), first) != k_offices.end();
}

std::string strip_honorific(std::string_view name) {
  auto words = split_words(trim(name));
  std::size_t first = 0;
  while (first + 1 < words.size() && is_honorific(words[first])) ++first;
  std::string out;
  for (std::size_t i = first; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::string speaker_key(std::string_view name) {
  std::string cleaned;
  for (char c : strip_honorific(name)) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u)) cleaned += static_cast<char>(std::tolower(u));
    else if (c == '\'') continue;  // "People's" -> "peoples"
    else cleaned += ' ';
  }
  std::string key;
  for (const auto& w : split_words(cleaned)) {
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

std::string display_name(std::string_view raw) {
  const auto label = trim(raw);
  const auto words = split_words(label);
  const bool capitals =
      std::any_of(label.begin(), label.end(), is_upper) && std::none_of(label.begin(), label.end(), is_lower);
  if (words.size() < 2 || !capitals) return std::string(label);
  constexpr std::array<std::string_view, 8> k_small{"of", "the", "and", "for", "on", "to", "at", "in"};
  std::string out;
  for (std::size_t n = 0; n < words.size(); ++n) {
    const std::string& w = words[n];
    if (n > 0) out += ' ';
    const auto dot = w.find('.');
    const auto lower = ascii_lower(w);
    if (dot != std::string::npos && dot + 1 < w.size()) {
      out += w;  // an abbreviation: "U.S."
    } else if (n > 0 && std::find(k_small.begin(), k_small.end(), lower) != k_small.end()) {
      out += lower;
    } else {
      // Capitals again after a hyphen or an apostrophe: "VICE-PRESIDENT", "O'BRIEN".
      for (std::size_t k = 0; k < w.size(); ++k) out += k == 0 || w[k - 1] == '-' || w[k - 1] == '\'' ? w[k] : lower[k];
    }
  }
  return out;
}

bool is_reporter_going_on(std::string_view label) {
  static const UnicodeRegex goes_on(
      R"(^(?:journalist|reporter|correspondent) (?:clarifies|adds|explains|asks|continues|follows up)$)",
      UnicodeRegex::ignore_case);
  return goes_on.found_in(trim(label));
}

std::optional<ReporterLabel> reporter_label(std::string_view raw) {
  auto label = std::string(trim(raw));
  auto lower = ascii_lower(label);
  if (lower == "q" || lower == "question" || lower == "follow-up" || lower == "follow up" || lower == "reporter" ||
      lower == "journalist" || lower == "问" || lower == "记者" || lower == "追问")
    return ReporterLabel{};
  if (is_reporter_going_on(label)) return ReporterLabel{};
  // "CCTV reporter", "Reporter from China Daily", "Phoenix TV journalist", "香港中评社记者"
  auto words = split_words(label);
  std::string outlet;
  bool marked = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto w = ascii_lower(words[i]);
    if (w == "reporter" || w == "journalist" || w == "correspondent") {
      marked = true;
      continue;
    }
    if ((w == "from" || w == "with" || w == "of") && marked && outlet.empty()) continue;
    if (!outlet.empty()) outlet += ' ';
    outlet += words[i];
  }
  // "路透社记者" -> 路透社, "《北京青年报》记者" -> 北京青年报; "记者追问", "会后有记者问及": no outlet.
  static const UnicodeRegex zh_anonymous(
      "^(?:提问|追问[一二三四五六七八九]?|有记者问及?|会后[，,]?有记者问及?|记者(?:追问|解释|澄清|回答|问))$");
  if (zh_anonymous.found_in(label)) return ReporterLabel{};
  static const UnicodeRegex zh_outlet("^(?:会后[，,]?有)?(.+?)记者(?:提问|追问|问及)?$");
  if (auto m = zh_outlet.search(label); m && count_cjk(label) > 0) {
    static const UnicodeRegex brackets("[《》〈〉「」]");
    return ReporterLabel{brackets.replace_all((*m)[1], "")};
  }
  if (marked) return ReporterLabel{outlet};
  if (std::find(k_outlets.begin(), k_outlets.end(), lower) != k_outlets.end()) return ReporterLabel{label};
  for (const auto& w : words)
    if (std::find(k_outlet_words.begin(), k_outlet_words.end(), ascii_lower(w)) != k_outlet_words.end())
      return ReporterLabel{label};
  return std::nullopt;
}

std::optional<Participant> parse_participant(std::string_view raw) {
  auto line = trim(raw);
  if (line.size() < 5 || line.size() > 400) return std::nullopt;
  auto comma = line.find(',');
  auto name_part = trim(line.substr(0, comma == std::string_view::npos ? line.size() : comma));
  auto words = split_words(name_part);
  bool honorific = !words.empty() && is_honorific(words.front());
  if (comma == std::string_view::npos && !honorific) return std::nullopt;
  std::string name = strip_honorific(name_part);
  auto name_words = split_words(name);
  if (name_words.empty() || name_words.size() > 5) return std::nullopt;
  for (const auto& w : name_words)
    if (!is_upper(w[0]) || w.find_first_of("0123456789()") != std::string::npos) return std::nullopt;
  if (!honorific && (name_words.size() < 2 || name_words.size() > 4)) return std::nullopt;
  std::string role = comma == std::string_view::npos ? "" : normalize_space(line.substr(comma + 1));
  if (!role.empty() && role.back() == '.') role.pop_back();
  return Participant{name, role};
}

std::vector<Participant> parse_chinese_participants(std::string_view raw) {
  std::vector<Participant> out;
  auto line = trim(raw);
  if (line.size() > 1200 || count_cjk(line) == 0) return out;
  static const UnicodeRegex lead("请(.+?)(?:介绍|出席|解读|答记者问)");
  static const UnicodeRegex listed(R"(^(?:发布人|主持人|出席人|嘉宾)\s*[：:]\s*(.+)$)");
  std::string people;
  if (auto m = listed.search(line)) people = (*m)[1];
  else if (auto m = lead.search(line); m && line.find("发布会") != std::string_view::npos) people = (*m)[1];
  else return out;
  static const UnicodeRegex separators(R"([，,；;]|\s{2,})");
  const std::string split = separators.replace_all(people, "\n");
  std::size_t from = 0;
  while (from <= split.size()) {
    auto end = split.find('\n', from);
    if (end == std::string::npos) end = split.size();
    auto item = trim(std::string_view(split).substr(from, end - from));
    if (auto zh = chinese_label(item); zh && !zh->role.empty()) out.push_back(Participant{zh->name, zh->role});
    from = end + 1;
  }
  return out;
}

bool is_moderator_role(std::string_view role) {
  auto r = ascii_lower(role);
  auto has = [&](std::string_view s) { return r.find(s) != std::string::npos; };
  if (has("moderator") || has("host") || has("chairperson") || has("master of ceremonies")) return true;
  return has("spokesperson") && (has("scio") || has("state council information office") || has("press bureau"));
}

std::string romanised_name(std::string_view name) {
  // A transliterator is costly to make and not safe to share between threads: one per thread.
  thread_local const std::unique_ptr<icu::Transliterator> latin = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Han-Latin; Latin-ASCII; Any-Lower; [^a-z] Remove", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  if (!latin) return {};
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  latin->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

bool same_person_across_languages(std::string_view a, std::string_view b) {
  const auto ra = romanised_name(a);
  return !ra.empty() && ra == romanised_name(b);
}

}  // namespace scio::core

// Speaker labels, speaker keys, reporters' outlets and participant lines: how a name is recognised.
#pragma once

#include "core/conference.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scio::core {

struct Label {
  std::string name;  // the label without its colon ("Xin Guobin", "CCTV reporter", "Q")
  std::string rest;  // text after the colon on the same line (inline labels), trimmed
  std::string role;  // the role a Chinese label puts before the name ("新闻发言人 邢慧娜"), else empty
};

// A label is short and name- or outlet-like: "Xin Guobin:", "MR. EARNEST:", "CCTV reporter:",
// "Q:", "赵立坚：". "Our position is very clear:" is not one.
bool looks_like_label(std::string_view name);

// A Chinese label: 问/答/追问/记者/主持人, a post-conference question (会后有记者问及), an outlet's
// reporter ("路透社记者", "《北京青年报》记者"), a personal name ("赵立坚"), or a role and a name
// ("国务院新闻办新闻局副局长、新闻发言人 邢慧娜", "新闻发言人寿小丽"). A sentence that ends in a
// colon ("中方立场是明确的", "王毅说") is none. The name alone (and its role) when it is one.
struct ChineseLabel {
  std::string name;
  std::string role;
};
std::optional<ChineseLabel> chinese_label(std::string_view name);

// Whether name is a Chinese personal name as chinese_label reads one ("赵立坚", "欧阳玉靖"): a
// common surname and one or two characters of given name.
bool is_chinese_personal_name(std::string_view name);

// Reads a speaker label at the start of a line. With allow_inline, the speech may follow the
// colon on the same line ("Zhao Lijian: China highly ..."); otherwise the label must stand alone.
// Chinese labels (chinese_label) may always be followed by their speech: SCIO reposts and Foreign
// Ministry pages write "邢慧娜：女士们、先生们" on one line.
std::optional<Label> parse_label(std::string_view line, bool allow_inline);

// "Mr. Xin Guobin" -> "xin guobin"; "MR. EARNEST" -> "earnest"; honorifics and punctuation go.
std::string speaker_key(std::string_view name);

// How a person's label is shown: an all-capitals label of two words or more, the typographic
// convention of White House transcripts, in title case: "MR. EARNEST" -> "Mr. Earnest",
// "SENIOR ADMINISTRATION OFFICIAL" -> "Senior Administration Official", "SECRETARY OF STATE
// KERRY" -> "Secretary of State Kerry". Anything else as written: "Xin Guobin", "Q", "CCTV",
// "U.S. TRADE REPRESENTATIVE" keeps "U.S.". The speaker key is the same either way.
std::string display_name(std::string_view label);

// Whether a label names a person, not an outlet: it starts with an honorific ("MR. EARNEST",
// "Dr. Biden") or an office ("Secretary Kerry", "Ambassador Rice", "The President").
bool names_a_person(std::string_view label);

// Display name without the honorific: "Mr. Xin Guobin" -> "Xin Guobin".
std::string strip_honorific(std::string_view name);

struct ReporterLabel {
  std::string outlet;  // "CCTV" for "CCTV reporter"; empty for an anonymous "Q"
};
// Whether a label names a reporter (an outlet, "Q", "Follow-up", "... reporter", "记者").
std::optional<ReporterLabel> reporter_label(std::string_view label);
// "Journalist clarifies", "Reporter adds": the reporter who asked going on (a follow-up), as 记者追问 is.
bool is_reporter_going_on(std::string_view label);

// "Mr. Xin Guobin, vice minister of industry and information technology" as a participant line.
std::optional<Participant> parse_participant(std::string_view line);

// The participants of a Chinese SCIO lead sentence or list line: "...请工业和信息化部新闻发言人、
// 总工程师赵志国，新闻发言人、运行监测协调局局长陶青介绍...", "发布人：工业和信息化部部长 李乐成".
// Roles before names, people separated by "，" or "；". Empty when the line names nobody so.
std::vector<Participant> parse_chinese_participants(std::string_view line);

// A person's name in Latin letters, lower case, without tones, spaces or punctuation, so that a
// Chinese name and its English form compare equal: "赵立坚" and "Zhao Lijian" -> "zhaolijian"
// (ICU's Han-Latin transliterator). Empty when the name has no letters.
std::string romanised_name(std::string_view name);

// Whether two speaker names or keys, in either language, name the same person by romanised_name.
bool same_person_across_languages(std::string_view a, std::string_view b);

// Roles that make their holder the moderator (SCIO or Press Bureau spokesperson, host, chair).
bool is_moderator_role(std::string_view role);

}  // namespace scio::core

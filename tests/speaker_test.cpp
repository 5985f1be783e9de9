// Speaker labels, keys, reporters' outlets and participant lines.
#include "core/speaker.h"

#include <catch2/catch.hpp>

using namespace scio::core;

TEST_CASE("labels are short and name- or outlet-like", "[speaker]") {
  auto yes = GENERATE("Xin Guobin", "MR. EARNEST", "THE PRESIDENT", "SENIOR ADMINISTRATION OFFICIAL", "Q", "A", "CCTV",
                      "China Daily", "CCTV reporter", "Follow-up", "Beijing Youth Daily", "Zhao Lijian", "赵立坚",
                      "总台央视记者", "People's Daily", "Ms. Tao Qing");
  CAPTURE(yes);
  CHECK(looks_like_label(yes));
}

TEST_CASE("sentences that end with a colon are not labels", "[speaker]") {
  auto no =
      GENERATE("Our position is very clear", "Let me say three things about trade", "China's position is as follows",
               "Note", "Speakers", "Date", "", "A very long label that goes on and on and on and on well past any name",
               "The figures for 2023", "我们的立场非常明确，这是一个很长的句子不是名字");
  CAPTURE(no);
  CHECK_FALSE(looks_like_label(no));
}

TEST_CASE("parse_label alone on a line and inline", "[speaker]") {
  auto l = parse_label("Xin Guobin:", false);
  REQUIRE(l);
  CHECK(l->name == "Xin Guobin");
  CHECK(l->rest.empty());
  CHECK_FALSE(parse_label("Zhao Lijian: China highly applauds Laos.", false));
  auto inl = parse_label("Zhao Lijian: China highly applauds Laos.", true);
  REQUIRE(inl);
  CHECK(inl->name == "Zhao Lijian");
  CHECK(inl->rest == "China highly applauds Laos.");
  auto zh = parse_label("赵立坚：中方高度赞赏。", true);
  REQUIRE(zh);
  CHECK(zh->name == "赵立坚");
  CHECK(zh->rest == "中方高度赞赏。");
  CHECK_FALSE(parse_label("Our position is very clear:", false));
  CHECK_FALSE(parse_label("Time: 10:30", true));
  CHECK_FALSE(parse_label("See http://example.com", true));
}

TEST_CASE("speaker keys drop honorifics, case and punctuation", "[speaker]") {
  auto [name, key] = GENERATE(table<const char*, const char*>({
      {"Mr. Xin Guobin", "xin guobin"},
      {"Xin Guobin", "xin guobin"},
      {"MR. EARNEST", "earnest"},
      {"Ms. Tao Qing", "tao qing"},
      {"THE PRESIDENT", "the president"},
      {"People's Daily", "peoples daily"},
      {"Phoenix TV", "phoenix tv"},
      {"赵立坚", "赵立坚"},
  }));
  CAPTURE(name);
  CHECK(speaker_key(name) == key);
}

TEST_CASE("all-capitals labels of people are shown in title case, others as written", "[speaker]") {
  auto [label, shown] = GENERATE(table<const char*, const char*>({
      {"MR. EARNEST", "Mr. Earnest"},
      {"THE PRESIDENT", "The President"},
      {"SENIOR ADMINISTRATION OFFICIAL", "Senior Administration Official"},
      {"SECRETARY OF STATE KERRY", "Secretary of State Kerry"},
      {"U.S. TRADE REPRESENTATIVE FROMAN", "U.S. Trade Representative Froman"},
      {"VICE-PRESIDENT O'BRIEN", "Vice-President O'Brien"},
      {"  MS.   PSAKI ", "Ms. Psaki"},
      {"Xin Guobin", "Xin Guobin"},
      {"McFaul", "McFaul"},
      {"Q", "Q"},
      {"CCTV", "CCTV"},
      {"OBAMA", "OBAMA"},
      {"赵立坚", "赵立坚"},
  }));
  CAPTURE(label);
  CHECK(display_name(label) == shown);
  CHECK(speaker_key(display_name(label)) == speaker_key(label));
}

TEST_CASE("reporters are recognised by outlet", "[speaker]") {
  auto [label, outlet] = GENERATE(table<const char*, const char*>({
      {"CCTV", "CCTV"},
      {"China Daily", "China Daily"},
      {"Bloomberg", "Bloomberg"},
      {"CCTV reporter", "CCTV"},
      {"Reporter from China Daily", "China Daily"},
      {"Beijing Youth Daily", "Beijing Youth Daily"},
      {"Q", ""},
      {"Follow-up", ""},
      {"总台央视记者", "总台央视"},
  }));
  CAPTURE(label);
  auto r = reporter_label(label);
  REQUIRE(r);
  CHECK(r->outlet == outlet);
  CHECK_FALSE(reporter_label("Xin Guobin"));
  CHECK_FALSE(reporter_label("MR. EARNEST"));
  CHECK_FALSE(reporter_label("Zhao Lijian"));
}

TEST_CASE("participant lines give name and role", "[speaker]") {
  auto p = parse_participant("Mr. Xin Guobin, vice minister of industry and information technology");
  REQUIRE(p);
  CHECK(p->name == "Xin Guobin");
  CHECK(p->role == "vice minister of industry and information technology");
  auto q = parse_participant("Xing Huina, deputy director general of the Press Bureau of the SCIO");
  REQUIRE(q);
  CHECK(q->name == "Xing Huina");
  CHECK_FALSE(parse_participant("Washington, D.C."));
  CHECK_FALSE(parse_participant("In 2023, the industrial sector grew."));
  CHECK_FALSE(parse_participant("Mr. Xin said that growth was stable, and more."));
}

TEST_CASE("moderator roles", "[speaker]") {
  CHECK(is_moderator_role("deputy director general of the Press Bureau of the SCIO and spokesperson of the SCIO"));
  CHECK(is_moderator_role("spokesperson of the State Council Information Office"));
  CHECK_FALSE(is_moderator_role("spokesperson of the MIIT and director general of the Bureau of Operation"));
  CHECK_FALSE(is_moderator_role("vice minister of industry and information technology"));
}

TEST_CASE("a label that names a person is never an outlet") {
  using scio::core::names_a_person;
  CHECK(names_a_person("MR. EARNEST"));
  CHECK(names_a_person("Dr. Biden"));
  CHECK(names_a_person("SECRETARY KERRY"));
  CHECK(names_a_person("The President"));
  CHECK(names_a_person("Ambassador Rice"));
  CHECK_FALSE(names_a_person("China Daily"));
  CHECK_FALSE(names_a_person("The"));
  CHECK_FALSE(names_a_person("Bloomberg"));
  CHECK_FALSE(names_a_person("Phoenix TV"));
  CHECK_FALSE(names_a_person("The Paper"));
  CHECK_FALSE(names_a_person("The Globe and Mail"));
  CHECK_FALSE(names_a_person("Xin Guobin"));
}

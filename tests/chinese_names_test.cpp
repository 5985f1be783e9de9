// One person in both languages (core/chinese_name.h), traditional characters simplified
// (core/chinese_script.h), and the language of conferences, turns and passages (lang) as the
// canonical XML writes and checks it.
#include "core/canonical_xml.h"
#include "core/chinese_name.h"
#include "core/chinese_script.h"
#include "indexer/passage.h"
#include "indexer/reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <set>

using scio::core::romanize_chinese_name;

TEST_CASE("Chinese personal names romanised as the English pages write them", "[chinese][names]") {
  // The spokespersons of the English Foreign Ministry pages, 2016-2025, and ICU alone reads them.
  CHECK(romanize_chinese_name("赵立坚") == "Zhao Lijian");
  CHECK(romanize_chinese_name("耿爽") == "Geng Shuang");
  CHECK(romanize_chinese_name("华春莹") == "Hua Chunying");
  CHECK(romanize_chinese_name("陆慷") == "Lu Kang");
  CHECK(romanize_chinese_name("毛宁") == "Mao Ning");
  CHECK(romanize_chinese_name("林剑") == "Lin Jian");
  CHECK(romanize_chinese_name("郭嘉昆") == "Guo Jiakun");
  // Read as a whole string, ICU joins syllables across the name ("wangwen bin"): one character at a time.
  CHECK(romanize_chinese_name("汪文斌") == "Wang Wenbin");
  // Surnames ICU reads as the common word (data/chinese_names.tsv): 曾 is not "Ceng".
  CHECK(romanize_chinese_name("曾益新") == "Zeng Yixin");
  CHECK(romanize_chinese_name("单霁翔") == "Shan Jixiang");
  CHECK(romanize_chinese_name("解振华") == "Xie Zhenhua");
  CHECK(romanize_chinese_name("翟隽") == "Zhai Jun");  // a whole name: 隽 is "juan" to ICU
  CHECK(romanize_chinese_name("欧阳玉靖") == "Ouyang Yujing");
  // Traditional characters are the same person.
  CHECK(romanize_chinese_name("趙立堅") == "Zhao Lijian");
  // Not personal names: labels, outlets, sentences, English.
  for (const char* other : {"答", "问", "主持人", "路透社", "彭博社", "央视", "王毅说", "Zhao Lijian", ""}) {
    INFO(other);
    CHECK_FALSE(romanize_chinese_name(other));
  }
  CHECK(scio::core::person_key("赵立坚") == "zhao lijian");
  CHECK(scio::core::person_key("Mr. Zhao Lijian") == "zhao lijian");
  CHECK(scio::core::person_key("路透社") == "路透社");
}

TEST_CASE("traditional characters are simplified; a change of script alone is the same question", "[chinese][opencc]") {
  using scio::core::is_script_change;
  using scio::core::to_simplified;
  CHECK(to_simplified("臺灣問題") == "台湾问题");
  CHECK(to_simplified("台湾问题") == "台湾问题");
  CHECK(to_simplified("Taiwan 臺灣") == "Taiwan 台湾");
  CHECK(to_simplified("no Chinese at all") == "no Chinese at all");
  CHECK(is_script_change("臺灣問題", "台湾问题"));
  CHECK_FALSE(is_script_change("臺灣問題", "台湾的问题"));
}

TEST_CASE("a turn's language is its own: a Chinese page with an English turn", "[chinese][lang]") {
  scio::core::Conference c;
  c.id = "mixed";
  c.title = "2020年3月24日外交部发言人耿爽主持例行记者会";
  auto& page = c.pages.emplace_back();
  auto add = [&](const char* speaker, const char* key, const char* text) {
    scio::core::Turn turn;
    turn.speaker = speaker;
    turn.speaker_key = key;
    turn.paragraphs = {text};
    page.turns.push_back(turn);
  };
  add("耿爽", "geng shuang", "下午好。今天的发布会开始。");
  add("Reuters", "reuters", "Can you confirm the 一带一路 figures?");
  add("耿爽", "geng shuang", "……");  // no letters
  CHECK(c.language() == "zh");
  CHECK(page.turns[0].language("zh") == "zh");
  CHECK(page.turns[1].language("zh") == "en");
  CHECK(page.turns[2].language("zh") == "zh");  // its conference's

  const auto passages = scio::indexer::make_passages(c);
  REQUIRE(passages.size() == 3);
  CHECK(passages[0].lang == "zh");
  CHECK(passages[1].lang == "en");
  CHECK(passages[1].conference_lang == "zh");

  // The canonical XML writes lang, derived from the text, and reads it back unchanged.
  const auto xml = scio::core::to_canonical_xml(c);
  CHECK(xml.find(R"(<conference xmlns="urn:scio:canonical:1" version="1" id="mixed" lang="zh">)") != std::string::npos);
  CHECK(xml.find(R"(speaker="Reuters" key="reuters" kind="unknown" lang="en")") != std::string::npos);
  auto back = scio::core::from_canonical_xml(xml);
  REQUIRE(back);
  CHECK(back->front() == c);
  CHECK(scio::core::to_canonical_xml(back->front()) == xml);

  // An attribute that disagrees with the text is refused, in one line naming where.
  std::string wrong = xml;
  wrong.replace(wrong.find(R"(lang="en")"), 9, R"(lang="zh")");
  auto refused = scio::core::from_canonical_xml(wrong);
  REQUIRE_FALSE(refused);
  CHECK(refused.error() ==
        "<conference id=\"mixed\"> page 1 turn 2 has lang=\"zh\", but its text is en (lang is derived from the text: "
        "correct it or leave it out)");
  wrong = xml;
  wrong.replace(wrong.find(R"(id="mixed" lang="zh")"), 20, R"(id="mixed" lang="en")");
  CHECK_FALSE(scio::core::from_canonical_xml(wrong));
  // Without the attribute (files written before it): read, and derived.
  std::string bare = xml;
  for (auto at = bare.find(" lang=\""); at != std::string::npos; at = bare.find(" lang=\""))
    bare.erase(at, bare.find('"', at + 7) + 1 - at);
  auto read = scio::core::from_canonical_xml(bare);
  REQUIRE(read);
  CHECK(read->front() == c);
}

TEST_CASE("a Chinese page and its English version name one speaker", "[chinese][names]") {
  // tests/data/zh-both: the Foreign Ministry's Chinese and English pages of 24 March 2020.
  auto zh = scio::indexer::read_file(scio::test::data_path("zh-both/t1760304.shtml"));
  auto en = scio::indexer::read_file(scio::test::data_path("zh-both/t1760477.shtml"));
  REQUIRE(zh.conferences.size() == 1);
  REQUIRE(en.conferences.size() == 1);
  CHECK(zh.conferences[0].language() == "zh");
  CHECK(en.conferences[0].language() == "en");
  auto spokesperson_keys = [](const scio::core::Conference& c) {
    std::set<std::string> keys;
    for (const auto& t : c.turns())
      if (t.kind == scio::core::SpeakerKind::official) keys.insert(t.speaker_key);
    return keys;
  };
  CHECK(spokesperson_keys(zh.conferences[0]) == std::set<std::string>{"geng shuang"});
  CHECK(spokesperson_keys(en.conferences[0]) == std::set<std::string>{"geng shuang"});
  CHECK(zh.conferences[0].turns().front().speaker == "耿爽");  // shown as published
}

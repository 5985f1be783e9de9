// core::UnicodeRegex counts characters where std::regex over UTF-8 counts bytes; the Chinese title
// of a Foreign Ministry conference names the spokesperson that "答：" means.
#include "core/unicode_regex.h"
#include "indexer/page_parser.h"
#include "indexer/reader.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using scio::core::UnicodeRegex;

TEST_CASE("UnicodeRegex: classes and counts are of characters") {
  const UnicodeRegex two_to_four("^[^主]{2,4}$");
  CHECK(two_to_four.found_in("赵立坚"));  // 9 bytes, 3 characters
  CHECK_FALSE(two_to_four.found_in("赵"));
  CHECK_FALSE(two_to_four.found_in("赵立坚赵立"));
  const UnicodeRegex groups("(\\p{Han}+)(\\d+)");
  auto m = groups.search("abc 记者会12 x");
  REQUIRE(m);
  CHECK(*m == std::vector<std::string>{"记者会12", "记者会", "12"});
  CHECK_FALSE(groups.search("none here"));
  const UnicodeRegex caseless("scio$", UnicodeRegex::ignore_case);
  CHECK(caseless.replace_all("Title - China SCIO", "") == "Title - China ");
  CHECK_THROWS_AS(UnicodeRegex("(unclosed"), std::logic_error);
}

TEST_CASE("the spokesperson named in a title, in English and Chinese") {
  using scio::indexer::spokesperson_in_title;
  CHECK(spokesperson_in_title("2019年12月26日外交部发言人耿爽主持例行记者会") == "耿爽");
  CHECK(spokesperson_in_title("外交部发言人赵立坚主持例行记者会") == "赵立坚");
  CHECK(spokesperson_in_title("外交部发言人华春莹答记者问") == "华春莹");
  CHECK(spokesperson_in_title("外交部发言人耿爽2月15日答记者问") == "耿爽");
  CHECK(spokesperson_in_title("外交部发言人耿爽就四川九寨沟地震有关问题答记者问") == "耿爽");
  CHECK(spokesperson_in_title("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on May 11, 2018") ==
        "Geng Shuang");
  CHECK(spokesperson_in_title("Foreign Ministry Spokesperson Zhao Lijian’s Regular Press Conference") == "Zhao Lijian");
  CHECK(spokesperson_in_title("SCIO press conference on trade").empty());
}

TEST_CASE("答： on a Chinese Foreign Ministry page is the spokesperson of its title") {
  // Before: the speaker "答" (the title's name was never found: the regex counted bytes).
  auto r = scio::indexer::read_file(scio::test::data_path("mfa/zh-t1728018.shtml"));
  REQUIRE_FALSE(r.error);
  REQUIRE(r.conferences.size() == 1);
  bool answered = false;
  for (const auto& page : r.conferences[0].pages)
    for (const auto& turn : page.turns) {
      CHECK(turn.speaker != "答");
      if (turn.speaker == "耿爽") {
        answered = true;
        CHECK(turn.kind == scio::core::SpeakerKind::official);
      }
    }
  CHECK(answered);
}

// Terminal layout (searcher/text_layout): wrapping to a display width, CJK and colour included.
#include "core/text.h"
#include "searcher/output.h"
#include "searcher/snippet.h"
#include "searcher/text_layout.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <string>

using namespace scio::searcher;
using namespace scio::test;

TEST_CASE("wrapping keeps every line within the width, CJK and colour included", "[text_layout]") {
  const Snippet text{
      {"Ports cut their ", false},
      {"emissions", true},
      {" by twelve percent; 中国坚持走和平发展道路，反对任何形式的霸权主义 and a verylongwordthatcannotfitanywhere.",
       false}};
  auto width = GENERATE(as<std::size_t>{}, 12, 20, 33, 80);
  for (bool colour : {false, true}) {
    const Palette palette = colour ? Palette::colour() : Palette::plain();
    auto lines = wrap(text, width, "   ", palette);
    REQUIRE_FALSE(lines.empty());
    std::string joined;
    for (const auto& line : lines) {
      const std::string plain = scio::test::without_ansi(line);
      INFO(width << " [" << plain << "]");
      CHECK(scio::core::display_width(plain) <= width);
      CHECK(plain.rfind("   ", 0) == 0);
      joined += plain.substr(3);
    }
    // Nothing is lost: the words are all there, in order.
    CHECK(joined.find("emissions") != std::string::npos);
    if (width >= 20) CHECK(joined.find("霸权主义") != std::string::npos);
    if (colour) {
      std::string all;
      for (const auto& line : lines) all += line;
      CHECK(all.find("\x1b[1;31memissions\x1b[0m") != std::string::npos);
    }
  }
}

TEST_CASE("CJK closing punctuation never starts a line", "[text_layout]") {
  const Snippet text{{"中国坚持走和平发展道路，反对任何形式的霸权主义。我们要加快发展风电和太阳能发电。", false}};
  for (std::size_t width = 8; width <= 30; ++width)
    for (const auto& line : wrap(text, width, "", Palette::plain())) {
      INFO(width << " [" << line << "]");
      CHECK(line.rfind("\uFF0C", 0) != 0);
      CHECK(line.rfind("\u3002", 0) != 0);
      CHECK(scio::core::display_width(line) <= width);
    }
}

TEST_CASE("fit cuts at display width with an ellipsis", "[text_layout]") {
  CHECK(fit("short", 10) == "short");
  CHECK(fit("a longer title here", 10) == "a longer\u2026");
  CHECK(scio::core::display_width(fit("中国坚持走和平发展道路", 7)) <= 7);
  CHECK(fit("anything", 0).empty());
}

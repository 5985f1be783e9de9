// Output (searcher/output): colour and width, CSV quoting, the JSON hit, and the closing lines.
#include "core/text.h"
#include "searcher/output.h"
#include "search_fixture.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

using namespace scio::searcher;
using namespace scio::test;

TEST_CASE("colour and width follow the options, the terminal and the environment", "[output]") {
  CHECK(use_colour(ColorMode::automatic, true, nullptr));
  CHECK(use_colour(ColorMode::automatic, true, ""));
  CHECK_FALSE(use_colour(ColorMode::automatic, true, "1"));
  CHECK_FALSE(use_colour(ColorMode::automatic, false, nullptr));
  CHECK(use_colour(ColorMode::always, false, "1"));
  CHECK_FALSE(use_colour(ColorMode::never, true, nullptr));
  CHECK(terminal_width("100", -1) == 100);
  CHECK(terminal_width("5", -1) == k_min_width);
  CHECK(terminal_width("wide", -1) == 80);
  CHECK(terminal_width(nullptr, -1) == 80);
}

TEST_CASE("CSV fields are quoted as RFC 4180 asks", "[output]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\n\nlines") == "\"two\n\nlines\"");
}

TEST_CASE("a hit in JSON carries every documented field", "[output]") {
  Fixture f;
  auto r = f.search("semiconductor");
  REQUIRE_FALSE(r.hits.empty());
  auto j = hit_json(r.hits.front());
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  auto expected = k_hit_fields;
  expected.push_back("exchange");     // JSON only (CSV keeps k_hit_fields): the exchange id, or null
  expected.push_back("counterpart");  // JSON only: the conference's version in the other language, or null
  CHECK(keys == expected);
  CHECK(j["rank"] == 1);
  CHECK(j["speaker_key"] == "xin guobin");
  CHECK(j["held"] == "2024-01-19");
}

TEST_CASE("the closing lines of a result list wrap to the terminal too", "[output]") {
  SearchResults r;
  Hit hit;
  hit.rank = 1;
  hit.passage.passage = "c-2022/1.1";
  hit.snippet = {{"Grain ", false}, {"exports", true}, {" rose.", false}};
  r.hits.push_back(hit);
  r.total = 1234567;
  r.total_exact = false;
  r.suggestion = Suggestion{"grain exports from the northeastern provinces", 4321};
  SearchRequest request;
  request.per_conference = 2;
  for (bool colour : {false, true}) {
    for (std::size_t width : {24u, 44u, 200u}) {
      std::ostringstream out, err;
      write_hits(r, request, Format::text, Terminal{colour, width}, out, err);
      const std::string text = out.str();
      INFO(colour << " " << width << "\n" << text);
      const std::string plain = scio::test::without_ansi(text);
      std::istringstream lines(plain);
      for (std::string line; std::getline(lines, line);) CHECK(scio::core::display_width(line) <= width);
      // Nothing is lost by wrapping: the words are all there, in order.
      std::string joined;
      for (char c : plain) joined += c == '\n' ? ' ' : c;
      std::string words;
      std::istringstream in(joined);
      for (std::string w; in >> w;) words += (words.empty() ? "" : " ") + w;
      CHECK(words.find("Passages 1-1 of about 1,234,567 (at most 2 per conference) (an estimate; --exact counts them "
                       "all).") != std::string::npos);
      CHECK(words.find("Did you mean: grain exports from the northeastern provinces (4,321 passages)") !=
            std::string::npos);
      CHECK((text.find("\x1b[") != std::string::npos) == colour);
    }
  }
}

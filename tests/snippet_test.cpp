// Snippets (searcher/snippet): the matched words marked, and Xapian's marked HTML read back.
#include "core/text.h"
#include "searcher/snippet.h"
#include "search_fixture.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace scio::searcher;
using namespace scio::test;

TEST_CASE("snippets hold and mark the matched words", "[snippet]") {
  Fixture f;
  auto r = f.search("semiconductor");
  REQUIRE_FALSE(r.hits.empty());
  const auto& hit = r.hits.front();
  bool marked = false;
  for (const auto& s : hit.snippet)
    marked = marked || (s.match && scio::core::ascii_lower(s.text).find("semiconductor") != std::string::npos);
  CHECK(marked);
  CHECK(hit.highlights == std::vector<std::string>{"Semiconductor"});

  auto clearance = f.search("clearance");
  REQUIRE(clearance.hits.size() == 1);
  // Xapian escapes the snippet for HTML; the terminal gets the text back as it was.
  CHECK(plain_text(clearance.hits.front().snippet) == "Port clearance times fell by a third & more <fast>.");

  auto cjk = f.search("霸权主义");
  REQUIRE(cjk.hits.size() == 1);
  CHECK(plain_text(cjk.hits.front().snippet).find("霸权") != std::string::npos);
}

TEST_CASE("snippet markers and HTML escapes are read back", "[snippet]") {
  // (A hex escape runs on over hex digits: "\x02" "emissions" keeps the e out of it.)
  auto s = read_marked(
      "\u2026the \x02ports\x03 cut &amp; \x02their\x03 \x02"
      "emissions\x03\n\n&lt;fast&gt;\u2026");
  CHECK(s == Snippet{{"\u2026the ", false},
                     {"ports", true},
                     {" cut & ", false},
                     {"their emissions", true},
                     {" <fast>\u2026", false}});
}

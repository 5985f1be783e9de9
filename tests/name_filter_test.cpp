// Speaker, outlet and conference filters (searcher/name_filter) through the Searcher: forgiving
// names, and the closest known names when one is unknown.
#include "searcher/searcher.h"
#include "search_fixture.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace scio::searcher;
using namespace scio::test;

TEST_CASE("speaker names are matched forgivingly", "[name_filter]") {
  Fixture f;
  auto name = GENERATE(as<std::string>{}, "xin guobin", "Mr. Xin Guobin", "Guobin Xin", "XIN GUOBIN",
                       "Vice Minister Xin Guobin", "  xin   guobin ");
  Filters filters;
  filters.speakers = {name};
  INFO(name);
  CHECK(ids(f.search("", filters)) == std::vector<std::string>{"c-2024/1.1"});
}

TEST_CASE("an unknown speaker, outlet or conference names the closest known ones", "[name_filter]") {
  Fixture f;
  Filters filters;
  filters.speakers = {"Xin Guobim"};
  auto r = f.searcher.search(request_for("", filters));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("Xin Guobin") != std::string::npos);
  filters.speakers = {"Wang Li"};  // both words known, never together
  r = f.searcher.search(request_for("", filters));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("closest known") != std::string::npos);

  Filters outlet;
  outlet.outlets = {"Reuter"};
  r = f.searcher.search(request_for("", outlet));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("Reuters") != std::string::npos);
  r = f.searcher.search(request_for("outlet:Bloomburg"));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("Bloomberg") != std::string::npos);

  Filters conference;
  conference.conferences = {"c-2023"};
  r = f.searcher.search(request_for("", conference));
  REQUIRE_FALSE(r);
  CHECK(r.error().find("c-2023a") != std::string::npos);
}

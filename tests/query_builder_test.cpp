// The query builder (searcher/query_builder): unknown fields, bad and bounded queries, spelling
// corrections, and the inputs the query fuzzer found trouble with.
#include "core/result.h"
#include "searcher/query_builder.h"
#include "search_fixture.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace scio::searcher;
using namespace scio::test;

TEST_CASE("fields QueryParser does not know are reported, quoted text and times are not", "[query_builder]") {
  using Case = std::pair<std::string, bool>;
  auto [text, unknown] = GENERATE(table<std::string, bool>({
      Case{"foo:bar", true},
      Case{"tariffs foo:bar", true},
      Case{"-foo:bar", true},
      Case{"Speaker:xin", true},
      Case{"speaker:xin title:trade outlet:cctv kind:reporter date:2023", false},
      Case{"\"foo:bar\"", false},
      Case{"meeting at 10:30", false},
      Case{"note: the price", false},
      Case{"tariffs", false},
  }));
  INFO(text);
  CHECK(unknown_field(text).has_value() == unknown);
}

TEST_CASE("the case of a field is named in its message", "[query_builder]") {
  auto message = unknown_field("Speaker:xin");
  REQUIRE(message);
  CHECK(message->find("lower case") != std::string::npos);
  message = unknown_field("foo:bar");
  REQUIRE(message);
  CHECK(message->find("speaker:") != std::string::npos);
}

TEST_CASE("field prefixes without values, open quotes and odd bytes build to a query or an error", "[query_builder]") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  auto text = GENERATE(as<std::string>{}, "speaker:", "date:..", "title:\"\"", "title:\"x", "date:2024-13-45",
                       "outlet:", "kind:", "date:", "\"", "((", "a NEAR", "-", "*", "econ*", "\xff\xfe tarif*",
                       "speaker: date:.. title:\"\"", "kind:reporter outlet:cctv", "outlet:nowhere outlet:elsewhere");
  INFO(text);
  for (bool spelling : {false, true}) {
    QueryBuilder builder(db, spelling, false);
    scio::core::Result<BuiltQuery> built = scio::core::Error{""};
    REQUIRE_NOTHROW(built = builder.build(text, {}));
    if (built) {
      Xapian::Enquire enquire(db);
      enquire.set_query(built->query);
      REQUIRE_NOTHROW(enquire.get_mset(0, 10));
    } else {
      CHECK_FALSE(built.error().empty());
    }
    REQUIRE_NOTHROW(builder.correction(text));
    if (!spelling) CHECK(builder.correction(text).empty());
  }
}

TEST_CASE("spelling corrections are asked for apart from building the query", "[query_builder]") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  QueryBuilder builder(db, true, false);
  CHECK(builder.correction("tarifs") == "tariffs");
  CHECK(builder.correction("  tarifs ") == "tariffs");
  CHECK(builder.correction("tariffs").empty());
  CHECK(builder.correction("tariffs AND").empty());  // does not parse: nothing to offer
  // The query built afterwards is the one asked for, not its correction.
  auto built = builder.build("tarifs", {});
  REQUIRE(built);
  INFO(built->query.get_description());
  CHECK(built->query.get_description().find("tarif") != std::string::npos);
  CHECK(built->query.get_description().find("tariff") == std::string::npos);
  QueryBuilder without(db, false, false);
  CHECK(without.correction("tarifs").empty());
}

TEST_CASE("queries are bounded in length and in wildcards", "[query_builder]") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  QueryBuilder builder(db, true, true);
  auto words = [](std::size_t bytes) {
    std::string text = "tariffs";
    while (text.size() + 8 <= bytes) text += " tariffs";
    return text + std::string(bytes - text.size(), ' ') + "x";
  };
  auto wildcards = [](std::size_t n, const std::string& around) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) text += around.substr(0, 1) + char('a' + i % 26) + "*" + around.substr(1) + " ";
    return text;
  };
  using Case = std::pair<std::string, std::string>;  // query, "" or what the error says
  auto [text, error] = GENERATE_COPY(table<std::string, std::string>({
      Case{words(k_max_query_bytes - 1), ""},
      Case{words(k_max_query_bytes), "query too long: 2049 bytes (at most 2048)"},
      Case{wildcards(k_max_wildcards, "  "), ""},
      Case{wildcards(k_max_wildcards + 1, "  "), "too many wildcards"},
      Case{wildcards(k_max_wildcards + 1, "()"), "too many wildcards"},
      Case{"tariffs OR (" + wildcards(k_max_wildcards, "  ") + ") OR steel*", "17 (at most 16"},
  }));
  INFO(text.substr(0, 80));
  auto built = builder.build(text, {});
  if (error.empty()) {
    CHECK(built);
  } else {
    REQUIRE_FALSE(built);
    CHECK(built.error().find(error) != std::string::npos);
  }
}

TEST_CASE("an error of one query does not stay behind for the builder's next", "[query_builder]") {
  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  QueryBuilder builder(db, false, false);
  // Both fields fail; only the first error is reported, and neither may fail the next query.
  auto bad = builder.build("date:2024-13 kind:journalist outlet:nowhere tariffs", {});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().find("date:2024-13") != std::string::npos);
  CHECK(builder.build("kind:reporter tariffs", {}));
  CHECK(builder.build("tariffs", {}));
}

// Inputs fuzz/query_fuzz.cpp found trouble with, read as it reads them: the query text, then
// NUL-separated speaker, outlet, kind, since, until and conference, values of one split by 0x01.
TEST_CASE("query fuzz regressions build to a query or an error", "[query_builder]") {
  using Case = std::pair<std::string, std::string>;  // file, "" or what the error says
  auto [name, error] = GENERATE(table<std::string, std::string>({
      Case{"query-many-wildcards", "query too long"},  // 20,000 "a*": a timeout in the match
      // Two fields failed; the error not reported stayed in the builder and failed its next query.
      Case{"query-stale-field-error", "unknown speaker kind"},
  }));
  INFO(name);
  const std::string input = scio::test::read_file(scio::test::data_path("fuzz-regressions/" + name));
  REQUIRE_FALSE(input.empty());
  auto split = [](const std::string& text, char separator) {
    std::vector<std::string> out{""};
    for (char c : text) {
      if (c == separator) out.emplace_back();
      else out.back().push_back(c);
    }
    return out;
  };
  auto fields = split(input, '\0');
  fields.resize(std::max<std::size_t>(fields.size(), 7));
  auto values = [&](std::size_t i) {
    return fields[i].empty() ? std::vector<std::string>{} : split(fields[i], '\x01');
  };
  Filters filters;
  filters.speakers = values(1);
  filters.outlets = values(2);
  filters.kinds = values(3);
  filters.since = fields[4];
  filters.until = fields[5];
  filters.conferences = values(6);

  TempDir dir;
  build_database(dir / "db", k_rows);
  Xapian::Database db((dir / "db").string());
  for (bool spelling : {false, true})
    for (bool any : {false, true}) {
      QueryBuilder builder(db, spelling, any);
      auto built = builder.build(fields[0], filters);
      if (error.empty()) {
        REQUIRE(built);
        Xapian::Enquire enquire(db);
        enquire.set_query(built->query);
        CHECK_NOTHROW(enquire.get_mset(0, 10));
      } else {
        REQUIRE_FALSE(built);
        CHECK(built.error().find(error) != std::string::npos);
      }
      CHECK(builder.build("tariffs", {}));
    }
}

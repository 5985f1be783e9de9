# The search test suite: one file per searcher unit, over a database built in the test by the real
# builder (search_fixture.h), and scio-search over tests/data/search indexed by the real scio-index
# (see tests/CMakeLists.txt).
add_executable(scio_search_tests
  search_fixture.cpp
  database_test.cpp
  date_range_test.cpp
  name_filter_test.cpp
  output_test.cpp
  query_builder_test.cpp
  searcher_test.cpp
  snippet_test.cpp
  text_layout_test.cpp
  search_cli_test.cpp
  cli_output_test.cpp
  shard_test.cpp
  names_test.cpp
  query_trust_test.cpp
  timeline_test.cpp
  kwic_test.cpp
  chinese_query_test.cpp
  chinese_search_test.cpp
  exchange_search_test.cpp
  counterpart_test.cpp
)
target_link_libraries(scio_search_tests PRIVATE scio_test_main scio_test_support scio_searcher scio_version scio_flags)
catch_discover_tests(scio_search_tests)

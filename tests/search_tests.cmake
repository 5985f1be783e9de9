# The search test suite: the searcher library over a database built in the test, and scio-search
# over tests/data/search indexed by the real scio-index (see tests/CMakeLists.txt).
add_executable(scio_search_tests
  searcher_test.cpp
  search_cli_test.cpp
  cli_output_test.cpp
  shard_test.cpp
  names_test.cpp
  query_trust_test.cpp
  exchange_search_test.cpp
)
target_link_libraries(scio_search_tests PRIVATE scio_test_main scio_test_support scio_searcher scio_version scio_flags)
catch_discover_tests(scio_search_tests)

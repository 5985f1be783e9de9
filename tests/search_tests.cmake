# The search test suite: the searcher library over a database built in the test, and scio-search
# over tests/data/search indexed by the real scio-index (see tests/CMakeLists.txt).
add_executable(scio_search_tests
  test_main.cpp
  test_support.cpp
  searcher_test.cpp
  search_cli_test.cpp
  cli_output_test.cpp
  shard_test.cpp
  names_test.cpp
  query_trust_test.cpp
)
target_link_libraries(scio_search_tests PRIVATE scio_searcher scio_flags Catch2::Catch2)
target_compile_definitions(scio_search_tests PRIVATE
  SCIO_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
  SCIO_CORPUS="${PROJECT_SOURCE_DIR}/corpus"
  SCIO_INDEX_BIN="$<TARGET_FILE:scio-index>"
  SCIO_SEARCH_BIN="$<TARGET_FILE:scio-search>")
add_dependencies(scio_search_tests scio-index scio-search)
catch_discover_tests(scio_search_tests)

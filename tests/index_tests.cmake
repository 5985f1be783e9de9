# The indexing test suite: passages, the schema, scio-index into Xapian (see tests/CMakeLists.txt).
add_executable(scio_index_tests
  test_main.cpp
  test_support.cpp
  schema_test.cpp
  passage_test.cpp
  index_db_test.cpp
  index_cli_test.cpp
)
target_link_libraries(scio_index_tests PRIVATE scio_indexer scio_flags Catch2::Catch2)
target_compile_definitions(scio_index_tests PRIVATE
  SCIO_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
  SCIO_CORPUS="${PROJECT_SOURCE_DIR}/corpus"
  SCIO_INDEX_BIN="$<TARGET_FILE:scio-index>")
add_dependencies(scio_index_tests scio-index)
catch_discover_tests(scio_index_tests)

# Killing scio-index over the shared corpus's real pages: skipped (exit 77) when it is absent.
add_executable(scio_index_corpus_tests
  index_corpus_main.cpp
  test_support.cpp
  index_kill_test.cpp
)
target_link_libraries(scio_index_corpus_tests PRIVATE scio_indexer scio_flags Catch2::Catch2)
target_compile_definitions(scio_index_corpus_tests PRIVATE
  SCIO_SHARED_CORPUS="${PROJECT_SOURCE_DIR}/../shared/corpus"
  SCIO_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
  SCIO_INDEX_BIN="$<TARGET_FILE:scio-index>")
add_dependencies(scio_index_corpus_tests scio-index)
add_test(NAME index_kill COMMAND scio_index_corpus_tests)
set_tests_properties(index_kill PROPERTIES SKIP_RETURN_CODE 77)

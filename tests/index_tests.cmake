# The indexing test suite: passages, the schema, scio-index into Xapian (see tests/CMakeLists.txt).
add_executable(scio_index_tests
  schema_test.cpp
  passage_test.cpp
  document_test.cpp
  index_db_test.cpp
  index_cli_test.cpp
  ordered_pipeline_test.cpp
)
target_link_libraries(scio_index_tests PRIVATE scio_test_main scio_test_support scio_indexer scio_version scio_flags)
catch_discover_tests(scio_index_tests)

# Killing scio-index over the shared corpus's real pages: skipped (exit 77) when it is absent.
add_executable(scio_index_corpus_tests
  index_corpus_main.cpp
  index_kill_test.cpp
)
target_link_libraries(scio_index_corpus_tests PRIVATE scio_test_support scio_indexer scio_flags)
add_test(NAME index_kill COMMAND scio_index_corpus_tests)
set_tests_properties(index_kill PROPERTIES SKIP_RETURN_CODE 77)

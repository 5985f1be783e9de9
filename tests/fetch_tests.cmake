# The `scio-index fetch` suite: robots.txt, listings, and the command against a loopback HTTP
# server (tests/fetch_server.py, python3) serving tests/data/fetch/ and the shared replica.
add_executable(scio_fetch_tests fetch_test.cpp)
target_link_libraries(scio_fetch_tests PRIVATE scio_test_main scio_test_support scio_fetch scio_flags)
# SCIO_HOMEPAGE_URL: the User-Agent test knows what the build names (indexer/CMakeLists.txt).
target_compile_definitions(scio_fetch_tests PRIVATE SCIO_TESTS_DIR="${CMAKE_CURRENT_SOURCE_DIR}"
                                                    SCIO_HOMEPAGE_URL="${SCIO_HOMEPAGE_URL}")
catch_discover_tests(scio_fetch_tests)

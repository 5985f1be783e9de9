# Install, package, manual pages, shell completions and the pager (tests/install/): shell and
# python scripts over the real binaries. Label "install": `ctest -LE install` skips them.
add_test(NAME install_man_pages
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/install/man_test.sh ${PROJECT_BINARY_DIR}/man
          $<TARGET_FILE:scio-index> $<TARGET_FILE:scio-search>)
add_test(NAME install_completions
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/install/completion_test.sh ${PROJECT_SOURCE_DIR}
          $<TARGET_FILE:scio-index> $<TARGET_FILE:scio-search>)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME install_pager
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/install/pager_test.py
          $<TARGET_FILE:scio-index> $<TARGET_FILE:scio-search> ${PROJECT_SOURCE_DIR}/corpus)
set_tests_properties(install_man_pages install_completions install_pager PROPERTIES LABELS install)
# cmake --install and cpack -G DEB, with lintian: in the normal build only (a sanitizer build is
# not what anyone packages).
if(NOT SCIO_SANITIZE)
  add_test(NAME install_package
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/install/package_test.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
  set_tests_properties(install_package PROPERTIES LABELS "install;package" TIMEOUT 600)
endif()

# The search test suite: see tests/CMakeLists.txt.

# The indexing test suite: see tests/CMakeLists.txt.

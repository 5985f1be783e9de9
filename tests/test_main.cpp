// The Catch2 main of the unit and CLI test suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

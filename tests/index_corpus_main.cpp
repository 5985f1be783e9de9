// Main of the indexing suite over the shared corpus: exits 77 (CTest's "skipped") when it is absent.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

int main(int argc, char* argv[]) {
  if (!std::filesystem::is_directory(SCIO_SHARED_CORPUS "/mfa-en-html")) {
    std::printf("shared corpus not found at %s: skipped\n", SCIO_SHARED_CORPUS);
    return 77;
  }
  return Catch::Session().run(argc, argv);
}

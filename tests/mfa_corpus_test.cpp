// All 500 real Foreign Ministry pages of the shared corpus: turns, held dates, sane labels.
#include "core/speaker.h"
#include "core/text.h"
#include "indexer/reader.h"

#include <catch2/catch.hpp>
#include <iostream>

namespace fs = std::filesystem;

TEST_CASE("every Foreign Ministry page yields turns, held dates and name-sized labels", "[corpus][mfa]") {
  const fs::path dir = fs::path(SCIO_SHARED_CORPUS) / "mfa-en-html";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".shtml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 500);

  std::size_t turns = 0, regular = 0, regular_dated = 0, statements = 0, reporters = 0;
  for (const auto& f : files) {
    auto r = scio::indexer::read_file(f);
    INFO(f.string() << ": " << (r.error ? r.error->message : std::string()));
    REQUIRE_FALSE(r.error);
    REQUIRE(r.conferences.size() == 1);
    const auto& c = r.conferences.front();
    auto ts = c.turns();
    CHECK_FALSE(ts.empty());
    turns += ts.size();
    bool is_regular = c.title.find("Regular Press Conference") != std::string::npos;
    if (is_regular) {
      ++regular;
      if (c.held) ++regular_dated;
      CHECK(c.held);
    } else {
      ++statements;
    }
    for (const auto& t : ts) {
      INFO("speaker label: " << t.speaker);
      CHECK(t.speaker.size() <= 60);
      CHECK(scio::core::split_words(t.speaker).size() <= 6);
      CHECK_FALSE(t.paragraphs.empty());
      if (t.kind == scio::core::SpeakerKind::reporter) ++reporters;
    }
  }
  std::cout << "mfa-en-html: " << files.size() << " pages, " << turns << " turns (" << reporters << " reporter turns), "
            << regular << " regular press conferences (" << regular_dated << " with a held date), " << statements
            << " other items\n";
}

// The search suites' fixture: six small conferences as rows, written into a database by the real
// builder (core::passage_document, as scio-index writes them), and the Searcher over it.
#pragma once

#include "core/document.h"
#include "core/passage_record.h"
#include "searcher/searcher.h"
#include "test_support.h"

#include <filesystem>
#include <set>
#include <string>
#include <vector>
#include <xapian.h>

namespace scio::test {

struct Row {
  std::string conference;
  std::string title;
  std::string held;  // ISO or ""
  std::string published;
  int turn;
  int part;
  std::string speaker;
  std::string kind;
  std::string outlet;
  std::string role;
  std::string text;
};

// Six conferences; the rows are deliberately not in transcript order, so that only the order slot
// can put them back in it.
extern const std::vector<Row> k_rows;

// The row's stored record (saved as /saved/<conference>.txt, page 1) and its document; the title
// is indexed on one passage of each conference (core::TitleTerms), as scio-index keeps it.
core::PassageRecord record_of(const Row& row);
Xapian::Document make_document(const Row& row, core::TitleTerms title_terms);

// A database at path holding rows, with their spelling data and this schema version.
void build_database(const std::filesystem::path& path, const std::vector<Row>& rows);

// k_rows in a fresh database, and a Searcher over it.
struct Fixture {
  TempDir dir;
  searcher::Searcher searcher;
  Fixture();
  // The hits of text (at most 100); fails the test when the search is refused.
  searcher::SearchResults search(const std::string& text, const searcher::Filters& filters = {},
                                 searcher::Sort sort = searcher::Sort::relevance);
};

searcher::SearchRequest request_for(const std::string& text, const searcher::Filters& filters = {});
std::vector<std::string> ids(const searcher::SearchResults& r);
std::set<std::string> id_set(const searcher::SearchResults& r);
std::set<std::string> conference_set(const searcher::SearchResults& r);

}  // namespace scio::test

// Exchanges as one unit: a reporter's question and the answer it got (indexer/exchanges.h), found
// by words in either side, filtered by who asked and who answered, and shown whole.
#pragma once

#include "searcher/commands.h"
#include "searcher/searcher.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace scio::searcher {

struct ExchangeRequest {
  std::string text;                      // QueryParser syntax, searched in the question and the answer
  Filters filters;                       // the filters of a search, applied to the passages that match
  std::vector<std::string> asked_by;     // the question's outlet, as --outlet takes it (OR)
  std::vector<std::string> answered_by;  // an answering speaker, as --speaker takes it (OR)
  bool unanswered = false;               // only exchanges whose answer is empty
  bool match_any = false;
  unsigned limit = 10;
  unsigned offset = 0;
  std::size_t snippet_bytes = 240;
};

// One side of an exchange: its passages in transcript order, and where the query matched it.
struct ExchangeSide {
  std::vector<PassageRecord> passages;
  Snippet snippet;  // around the side's best match, else its opening
  double score = 0;
  bool matched = false;
};

struct ExchangeHit {
  unsigned rank = 0;
  double score = 0;     // the best passage's weight of each side, added: both sides matching rank higher
  std::string id;       // "<conference>/q<N>"
  std::string follows;  // the id of the exchange it follows up, "" for none
  std::string conference, title, held, published;
  ExchangeSide question;
  ExchangeSide answer;  // empty: the question got no answer
};

struct ExchangeResults {
  std::vector<ExchangeHit> hits;
  Xapian::doccount total = 0;  // exchanges matching, estimated unless total_exact
  bool total_exact = false;
  std::vector<std::string> notes;
};

// "<conference>/q<N>" split into its conference and number; nothing when id is not one.
std::optional<std::pair<std::string, int>> parse_exchange_id(const std::string& id);

core::Result<ExchangeResults> search_exchanges(Searcher& searcher, const ExchangeRequest& request);
// The exchange of id, whole; an error names the id when there is no such exchange.
core::Result<ExchangeHit> find_exchange(Searcher& searcher, const std::string& id);

// Text (each side with its snippet, or whole with full), JSON lines or CSV rows, then the count
// and the notes.
void write_exchanges(const ExchangeResults& results, const ExchangeRequest& request, bool full, Format format,
                     const Terminal& terminal, std::ostream& out, std::ostream& err);

struct ExchangeOptions {
  CommonOptions common;
  std::vector<std::string> words;
  ExchangeRequest request;
  bool full = false;
};

Outcome run_exchanges(const ExchangeOptions& options, const Terminal& terminal, std::ostream& out, std::ostream& err);
// `show <conference>/qN`: the exchange whole.
Outcome run_show_exchange(const ShowOptions& options, const Terminal& terminal, std::ostream& out);

}  // namespace scio::searcher

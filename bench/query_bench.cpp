// In-process query latency over the searcher library: scio-query-bench DB QUERYLOG.json [exchanges]
// (exchanges: the same queries as `scio-search exchanges`, searcher/exchanges). Prints {"p50_ms", "p95_ms", "p99_ms",
// "queries"} as JSON; scripts/bench runs it.
#include "searcher/database.h"
#include "searcher/exchanges.h"
#include "searcher/searcher.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
  const bool exchanges = argc == 4 && std::string(argv[3]) == "exchanges";
  if (argc != 3 && !exchanges) {
    std::cerr << "usage: scio-query-bench DB QUERYLOG.json [exchanges]\n";
    return 2;
  }
  try {
    std::ifstream in(argv[2]);
    auto log = nlohmann::json::parse(in);
    scio::searcher::Searcher searcher(scio::searcher::open_database({argv[1]}));
    std::vector<scio::searcher::SearchRequest> requests;
    for (const auto& q : log) {
      scio::searcher::SearchRequest r;
      std::string text;
      // Appended in two steps: `" " + string&&` trips g++ 12's -Wrestrict false positive at -O3.
      for (const auto& t : q["terms"]) {
        if (!text.empty()) text += ' ';
        text += t.get<std::string>();
      }
      r.text = q.value("phrase", false) ? "\"" + text + "\"" : text;
      if (q.contains("speaker")) r.filters.speakers.push_back(q["speaker"]);
      if (q.contains("since")) r.filters.since = q["since"];
      if (q.contains("until")) r.filters.until = q["until"];
      requests.push_back(std::move(r));
    }
    // One query, as the log asks: passages, or (exchanges) exchanges; an error as its text.
    auto run = [&](const scio::searcher::SearchRequest& r) -> std::string {
      if (!exchanges) {
        auto res = searcher.search(r);
        return res ? std::string() : res.error();
      }
      scio::searcher::ExchangeRequest e;
      e.text = r.text;
      e.filters = r.filters;
      auto res = scio::searcher::search_exchanges(searcher, e);
      return res ? std::string() : res.error();
    };
    for (const auto& r : requests) (void)run(r);  // warm the caches, as FTS5 gets
    std::vector<double> ms;
    std::vector<std::pair<double, std::size_t>> slowest;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const auto& r = requests[i];
      auto t0 = std::chrono::steady_clock::now();
      const auto error = run(r);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      slowest.emplace_back(ms.back(), i);
      if (!error.empty()) std::cerr << "scio-query-bench: " << r.text << ": " << error << '\n';
    }
    // The slowest queries, to stderr: where the tail comes from.
    std::sort(slowest.rbegin(), slowest.rend());
    for (std::size_t k = 0; k < std::min<std::size_t>(5, slowest.size()); ++k)
      std::cerr << "slow: " << slowest[k].first << " ms: " << log[slowest[k].second].dump() << '\n';
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) {
      return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p / 100 * (ms.size() - 1) + 0.5))];
    };
    std::cout
        << nlohmann::json{{"p50_ms", at(50)}, {"p95_ms", at(95)}, {"p99_ms", at(99)}, {"queries", ms.size()}}.dump()
        << '\n';
  } catch (const std::exception& e) {
    std::cerr << "scio-query-bench: error: " << e.what() << '\n';
    return 3;
  }
}

// OrderedPipeline, scio-index's one way of working in parallel: items in order, a bounded window,
// and what a worker throws thrown again where the item is taken.
#include "indexer/ordered_pipeline.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

using scio::indexer::OrderedPipeline;

TEST_CASE("ordered pipeline: items come in order whatever the threads", "[pipeline]") {
  OrderedPipeline<std::string> pipeline(100, 4, 3, [](std::size_t i) { return std::to_string(i * i); });
  for (std::size_t i = 0; i < 100; ++i) CHECK(pipeline.take(i) == std::to_string(i * i));
}

TEST_CASE("ordered pipeline: an exception in a worker is thrown again by take, on the consumer", "[pipeline]") {
  // Before, it ended the process (std::terminate on the worker thread), with no message.
  OrderedPipeline<int> pipeline(5, 2, 2, [](std::size_t i) {
    if (i == 3) throw std::out_of_range("item 3");
    return static_cast<int>(i);
  });
  for (std::size_t i = 0; i < 3; ++i) CHECK(pipeline.take(i) == static_cast<int>(i));
  CHECK_THROWS_AS(pipeline.take(3), std::out_of_range);
  CHECK(pipeline.take(4) == 4);
}

TEST_CASE("ordered pipeline: workers run ahead no further than the budget's weight", "[pipeline]") {
  // Items of weight 10 under a budget of 30, in a window of 100 items: while the consumer is
  // slow, the items made and not taken never weigh more than the budget plus one item per worker
  // (each checks the budget before it starts one); without the budget, up to 100.
  std::mutex mutex;
  std::size_t made = 0, taken = 0, most_ahead = 0;
  const unsigned jobs = 3;
  OrderedPipeline<int> pipeline(60, jobs, 100,
                                [&](std::size_t i) {
                                  std::lock_guard lock(mutex);
                                  ++made;
                                  most_ahead = std::max(most_ahead, made - taken);
                                  return static_cast<int>(i);
                                },
                                {[](const int&) { return std::size_t{10}; }, 30});
  for (std::size_t i = 0; i < 60; ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));  // a slow consumer
    CHECK(pipeline.take(i) == static_cast<int>(i));
    std::lock_guard lock(mutex);
    ++taken;
  }
  // Two made (20 < 30) when each worker starts one more, and the consumer counts a take after it.
  CHECK(most_ahead <= 3 + jobs);
}

// OrderedPipeline, scio-index's one way of working in parallel: items in order, a bounded window,
// and what a worker throws thrown again where the item is taken.
#include "indexer/ordered_pipeline.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

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

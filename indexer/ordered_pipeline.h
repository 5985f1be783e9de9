// Work items computed on worker threads and taken in order by one consumer: scio-index's one way
// of working in parallel (files read, documents built, shards written).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace scio::indexer {

// Computes make(0), make(1), ... on `jobs` threads; take(i) returns them in order. Workers run at
// most `window` items ahead of the consumer, so memory stays bounded however many items there
// are. Expected failures are part of T; anything make throws (a bug, no memory) is thrown again by
// take, on the consumer's thread, where the command's handlers see it.
template <typename T>
class OrderedPipeline {
 public:
  // A window of weight as well as of items: workers start no item while the items made and not
  // yet taken weigh `limit` or more (so that they may run far ahead over small items, not over
  // large ones).
  struct Budget {
    std::function<std::size_t(const T&)> weight;
    std::size_t limit = 0;
  };

  OrderedPipeline(std::size_t count, unsigned jobs, std::size_t window, std::function<T(std::size_t)> make,
                  Budget budget = {})
      : m_make(std::move(make)),
        m_slots(count),
        m_errors(count),
        m_window(std::max<std::size_t>(1, window)),
        m_budget(std::move(budget)) {
    jobs = static_cast<unsigned>(std::clamp<std::size_t>(count, 1, std::max(1u, jobs)));
    for (unsigned j = 0; j < jobs; ++j) m_threads.emplace_back([this] { work(); });
  }

  ~OrderedPipeline() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_more.notify_all();
    for (auto& t : m_threads) t.join();
  }

  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  // Item i, once made; called with i = 0, 1, 2, ...
  T take(std::size_t i) {
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [&] { return m_slots[i].has_value() || m_errors[i]; });
    if (m_errors[i]) std::rethrow_exception(m_errors[i]);
    T out = std::move(*m_slots[i]);
    m_slots[i].reset();
    if (m_budget.weight) m_weight -= m_budget.weight(out);
    m_taken = i + 1;
    lock.unlock();
    m_more.notify_all();
    return out;
  }

 private:
  void work() {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(m_mutex);
        m_more.wait(lock, [&] {
          return m_stopping || m_next >= m_slots.size() ||
                 (m_next < m_taken + m_window && (!m_budget.weight || m_weight < m_budget.limit));
        });
        if (m_stopping || m_next >= m_slots.size()) return;
        i = m_next++;
      }
      std::optional<T> item;
      std::exception_ptr error;
      try {
        item.emplace(m_make(i));
      } catch (...) { error = std::current_exception(); }
      {
        std::lock_guard lock(m_mutex);
        if (error) {
          m_errors[i] = error;
        } else {
          if (m_budget.weight) m_weight += m_budget.weight(*item);
          m_slots[i] = std::move(item);
        }
      }
      m_ready.notify_all();
    }
  }

  std::function<T(std::size_t)> m_make;
  std::vector<std::optional<T>> m_slots;
  std::vector<std::exception_ptr> m_errors;
  std::size_t m_window;
  Budget m_budget;
  std::size_t m_weight = 0;  // of the items made and not taken
  std::size_t m_next = 0;
  std::size_t m_taken = 0;
  bool m_stopping = false;
  std::mutex m_mutex;
  std::condition_variable m_more;
  std::condition_variable m_ready;
  std::vector<std::thread> m_threads;
};

}  // namespace scio::indexer

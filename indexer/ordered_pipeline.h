// Work items computed on worker threads and taken in order by one consumer (the database writer).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace scio::indexer {

// Computes make(0), make(1), ... on `jobs` threads; take(i) returns them in order. Workers run at
// most `window` items ahead of the consumer, so memory stays bounded however many items there
// are. make must not throw (failures are part of T).
template <typename T>
class OrderedPipeline {
 public:
  OrderedPipeline(std::size_t count, unsigned jobs, std::size_t window, std::function<T(std::size_t)> make)
      : m_make(std::move(make)), m_slots(count), m_window(std::max<std::size_t>(1, window)) {
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
    m_ready.wait(lock, [&] { return m_slots[i].has_value(); });
    T out = std::move(*m_slots[i]);
    m_slots[i].reset();
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
        m_more.wait(lock, [&] { return m_stopping || m_next >= m_slots.size() || m_next < m_taken + m_window; });
        if (m_stopping || m_next >= m_slots.size()) return;
        i = m_next++;
      }
      T item = m_make(i);
      {
        std::lock_guard lock(m_mutex);
        m_slots[i] = std::move(item);
      }
      m_ready.notify_all();
    }
  }

  std::function<T(std::size_t)> m_make;
  std::vector<std::optional<T>> m_slots;
  std::size_t m_window;
  std::size_t m_next = 0;
  std::size_t m_taken = 0;
  bool m_stopping = false;
  std::mutex m_mutex;
  std::condition_variable m_more;
  std::condition_variable m_ready;
  std::vector<std::thread> m_threads;
};

}  // namespace scio::indexer

// core/parallel.hpp — the one place jixiao starts worker threads for a computation (the
// server's own pools aside): a job split into contiguous parts, two jobs side by side, and a
// stable sort by key that moves each item once. The ledger, the CSV readers and the monitor
// use these instead of hand-rolled pools, so the thread count and the small-job cut-off are
// decided here.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

namespace jixiao::parallel {

// The machine's hardware threads, clamped to [1, max].
inline std::size_t hardware_threads(std::size_t max = 64) {
  return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, max);
}

// How many parts a job of `n` items is worth splitting into: 1 below `min_items` (a thread costs
// more than it saves), else one per hardware thread, at most `max_parts`.
inline std::size_t parts_for(std::size_t n, std::size_t min_items, std::size_t max_parts = 4) {
  return n < min_items ? 1 : hardware_threads(max_parts);
}

// Runs fn(begin, end, part) over [0, n) in `parts` contiguous parts (part p covers
// [n·p/parts, n·(p+1)/parts)), part 0 on the caller's thread; returns when all are done.
template <class F>
void for_parts(std::size_t n, std::size_t parts, F&& fn) {
  if (parts <= 1) {
    fn(std::size_t{0}, n, std::size_t{0});
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(parts - 1);
  for (std::size_t p = 1; p < parts; ++p)
    pool.emplace_back([&, p] { fn(n * p / parts, n * (p + 1) / parts, p); });
  fn(std::size_t{0}, n / parts, std::size_t{0});
  for (auto& t : pool) t.join();
}

// Runs `side` on its own thread and `main` on the caller's, when `parallel`; one after the
// other (side first) otherwise. Returns when both are done.
template <class Side, class Main>
void both(Side&& side, Main&& main, bool parallel = true) {
  if (!parallel) {
    side();
    main();
    return;
  }
  std::thread t([&] { side(); });
  main();
  t.join();
}

// Runs task(i) for i in [0, count), each on its own thread but the first, which runs on the
// caller's; for a few unequal jobs (one per file section, per column) rather than many items.
template <class F>
void each_on_thread(std::size_t count, F&& task) {
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < count; ++i) pool.emplace_back([&, i] { task(i); });
  if (count > 0) task(std::size_t{0});
  for (auto& t : pool) t.join();
}

// Threads running task(i) for i in [0, count) beside the caller, who goes on with other work
// meanwhile (a pipeline's producers, an index built while a file is read); joined by join() or,
// at the latest, when the object goes out of scope (also on an early return).
class Background {
 public:
  template <class F>
  Background(std::size_t count, F task) {
    m_threads.reserve(count);
    for (std::size_t i = 0; i < count; ++i) m_threads.emplace_back([task, i] { task(i); });
  }
  ~Background() { join(); }
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  void join() {
    for (auto& t : m_threads) {
      if (t.joinable()) t.join();
    }
  }

 private:
  std::vector<std::thread> m_threads;
};

// Sorts `items` by key(item) ascending, ties kept in their order, moving each item once: the
// order is found on compact (key, index) pairs, then applied in place cycle by cycle, so large
// items are neither shuffled through a merge sort's passes nor copied into a second vector.
template <class T, class KeyFn>
void sort_stable_by_key(std::vector<T>& items, KeyFn key) {
  using Key = decltype(key(items.front()));
  std::vector<std::pair<Key, std::uint32_t>> keys;
  keys.reserve(items.size());
  for (std::uint32_t k = 0; k < items.size(); ++k) keys.emplace_back(key(items[k]), k);
  std::sort(keys.begin(), keys.end());
  constexpr std::uint32_t k_done = UINT32_MAX;
  std::vector<std::uint32_t> from(items.size());  // position k takes the item now at from[k]
  for (std::size_t k = 0; k < keys.size(); ++k) from[k] = keys[k].second;
  for (std::size_t start = 0; start < from.size(); ++start) {
    if (from[start] == k_done || from[start] == start) continue;
    T held = std::move(items[start]);
    std::size_t k = start;
    while (from[k] != start) {
      const std::size_t next = from[k];
      items[k] = std::move(items[next]);
      from[k] = k_done;
      k = next;
    }
    items[k] = std::move(held);
    from[k] = k_done;
  }
}

}  // namespace jixiao::parallel

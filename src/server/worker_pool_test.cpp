// server/worker_pool_test.cpp — FIFO order, an extra worker when all are stuck, shrinking back,
// and stop().
#include "server/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace jixiao::server {
namespace {

using namespace std::chrono_literals;

// Polls `done` for up to `limit`.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = 5000ms) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

TEST(WorkerPool, RunsTasksInTheOrderPosted) {
  std::mutex m;
  std::vector<int> order;
  std::promise<void> all;
  WorkerPool pool({.workers = 1});  // last, so it is destroyed (its tasks joined) first
  for (int i = 0; i < 200; ++i) {
    pool.post([&, i] {
      std::lock_guard lock(m);
      order.push_back(i);
      if (i == 199) all.set_value();
    });
  }
  ASSERT_EQ(all.get_future().wait_for(5s), std::future_status::ready);
  for (int i = 0; i < 200; ++i) ASSERT_EQ(order[static_cast<std::size_t>(i)], i);
}

TEST(WorkerPool, StartsAnExtraWorkerWhenAllAreStuckAndLetsItGoAfterwards) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> stuck{0};
  std::promise<void> quick;
  WorkerPool pool({.workers = 2, .stall = 20ms, .extra_lifetime = 500ms});
  for (int i = 0; i < 2; ++i) {
    pool.post([&] {
      ++stuck;
      released.wait();
    });
  }
  ASSERT_TRUE(eventually([&] { return stuck == 2; }));
  pool.post([&] { quick.set_value(); });  // behind two stuck workers
  EXPECT_EQ(quick.get_future().wait_for(5s), std::future_status::ready);
  EXPECT_EQ(pool.threads(), 3);
  release.set_value();
  EXPECT_TRUE(eventually([&] { return pool.threads() == 2; }));  // the extra one leaves when idle
}

TEST(WorkerPool, DoesNotGrowWhileTasksKeepFinishing) {
  std::atomic<int> done{0};
  WorkerPool pool({.workers = 1, .stall = 300ms});
  int most = 0;
  for (int i = 0; i < 300; ++i) {
    pool.post([&] {
      std::this_thread::sleep_for(1ms);
      ++done;
    });
  }
  while (done < 300) {
    most = std::max(most, pool.threads());
    std::this_thread::sleep_for(2ms);
  }
  EXPECT_EQ(most, 1);  // busy, not stuck: a task finishes every millisecond
}

TEST(WorkerPool, NeverGrowsBeyondMaxWorkers) {
  // Declared before the pool, so that they outlive it: the pool's destructor waits for the last
  // tasks, which may still be returning from released.wait() when the test body ends (ASan found
  // a heap-use-after-free of the shared future when the pool was declared first).
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> started{0};
  WorkerPool pool({.workers = 1, .max_workers = 2, .stall = 5ms});
  for (int i = 0; i < 4; ++i) {
    pool.post([&] {
      ++started;
      released.wait();
    });
  }
  ASSERT_TRUE(eventually([&] { return started == 2; }));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(started, 2);
  EXPECT_EQ(pool.threads(), 2);
  release.set_value();
  EXPECT_TRUE(eventually([&] { return started == 4; }));
}

TEST(WorkerPool, StopDropsQueuedTasksAndWaitsForRunningOnes) {
  auto pool = std::make_unique<WorkerPool>(WorkerPool::Options{.workers = 1, .max_workers = 1});
  std::promise<void> entered;
  std::atomic<bool> finished{false};
  std::atomic<int> later{0};
  pool->post([&] {
    entered.set_value();
    std::this_thread::sleep_for(50ms);
    finished = true;
  });
  auto token = std::make_shared<int>(0);
  pool->post([&, token] { ++later; });
  entered.get_future().wait();
  pool->stop();
  EXPECT_TRUE(finished);            // the running task completed
  EXPECT_EQ(later, 0);              // the queued one was dropped…
  EXPECT_EQ(token.use_count(), 1);  // …and destroyed
  pool->post([&] { ++later; });     // after stop: dropped
  pool->stop();                     // idempotent
  EXPECT_EQ(pool->threads(), 0);
  pool.reset();
  EXPECT_EQ(later, 0);
}

}  // namespace
}  // namespace jixiao::server

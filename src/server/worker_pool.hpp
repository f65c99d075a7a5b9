// server/worker_pool.hpp — inside the server: the FIFO pool of threads that runs API handlers,
// with a few workers always and a temporary one more each time all of them are stuck.
//
// Why it grows: a handler may take seconds (an import, a report on a big ledger, the first
// dashboard of a year). With a fixed pool, as many slow requests as workers would hold every
// other request in the queue until one finishes. Why it does not simply start many threads:
// on 2 cores, runnable threads beyond the cores only lengthen the latency tail (cpp-httplib's
// thread per connection gave p99 up to 642 ms). So the pool keeps `workers` threads and a
// watchdog adds one extra worker when requests wait and no worker has started or finished a
// task for `stall` — the workers are stuck, not merely busy. An extra worker leaves when it has
// been idle, or has lived for `extra_lifetime`, so the pool shrinks back after the burst.
//
// All members are safe to call from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace jixiao::server {

class WorkerPool {
 public:
  struct Options {
    int workers = 4;                      // always running. Default: 4
    int max_workers = 64;                 // with the extra ones. Default: 64
    std::chrono::milliseconds stall{20};  // no task started or finished this long = stuck
    std::chrono::milliseconds extra_lifetime{
        1000};  // an extra worker leaves after this (idle or not)
  };

  explicit WorkerPool(Options options);
  ~WorkerPool();  // stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; tasks start in the order they were posted. After stop(), drops it.
  void post(std::function<void()> task);
  // Drops the queued tasks, waits for the running ones and ends every thread. Idempotent.
  void stop();
  // Worker threads alive now (the fixed ones and the extra ones).
  int threads() const;

 private:
  void work(bool extra);
  void watch();
  void start_worker_locked(bool extra);

  Options m_options;
  mutable std::mutex m_mutex;
  std::condition_variable m_work_ready;
  std::condition_variable m_watch;
  std::deque<std::function<void()>> m_queue;
  std::vector<std::thread> m_threads;   // every worker started and not yet joined
  std::vector<std::thread::id> m_gone;  // extra workers that have ended, to be joined
  int m_running = 0;
  int m_idle = 0;
  bool m_watch_armed = false;  // the watchdog is waiting for a deadline, not for a notification
  bool m_stopping = false;
  std::chrono::steady_clock::time_point m_progress;  // the last time a task started or finished
  std::thread m_watchdog;
};

}  // namespace jixiao::server

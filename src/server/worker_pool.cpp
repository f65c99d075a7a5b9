// server/worker_pool.cpp — the handlers' FIFO pool with a watchdog for stuck workers.
#include "server/worker_pool.hpp"

#include <algorithm>

namespace jixiao::server {

namespace {
using Clock = std::chrono::steady_clock;
}

WorkerPool::WorkerPool(Options options) : m_options(options) {
  m_options.workers = std::max(1, m_options.workers);
  m_options.max_workers = std::max(m_options.workers, m_options.max_workers);
  std::lock_guard lock(m_mutex);
  m_progress = Clock::now();
  for (int i = 0; i < m_options.workers; ++i) start_worker_locked(false);
  m_watchdog = std::thread([this] { watch(); });
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::start_worker_locked(bool extra) {
  ++m_running;
  m_threads.emplace_back([this, extra] { work(extra); });
}

void WorkerPool::post(std::function<void()> task) {
  std::unique_lock lock(m_mutex);
  if (m_stopping) return;  // `task` is destroyed after the lock is released
  m_queue.push_back(std::move(task));
  // Nobody idle: the watchdog must watch for stuck workers (it watches already when armed).
  const bool wake_watchdog = m_idle == 0 && !m_watch_armed;
  lock.unlock();
  m_work_ready.notify_one();
  if (wake_watchdog) m_watch.notify_one();
}

void WorkerPool::work(bool extra) {
  const auto born = Clock::now();
  std::unique_lock lock(m_mutex);
  for (;;) {
    bool leave = false;
    while (!m_stopping && m_queue.empty() && !leave) {
      ++m_idle;
      if (extra) {
        leave = m_work_ready.wait_for(lock, m_options.extra_lifetime) == std::cv_status::timeout &&
                m_queue.empty();
      } else {
        m_work_ready.wait(lock);
      }
      --m_idle;
    }
    if (m_stopping || leave) break;
    std::function<void()> task = std::move(m_queue.front());
    m_queue.pop_front();
    m_progress = Clock::now();
    lock.unlock();
    try {
      task();
    } catch (...) {
      // A task reports its own failures (the server turns them into a 500); never end the thread.
    }
    task = nullptr;  // its captures (a connection) go before the lock is taken again
    lock.lock();
    m_progress = Clock::now();
    if (extra && m_progress - born >= m_options.extra_lifetime) break;
  }
  --m_running;
  if (extra && !m_stopping) {
    m_gone.push_back(std::this_thread::get_id());
    m_watch.notify_one();
  }
}

void WorkerPool::watch() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    if (!m_gone.empty()) {  // join the extra workers that left
      std::vector<std::thread> ended;
      for (auto id : m_gone) {
        auto it = std::find_if(m_threads.begin(), m_threads.end(),
                               [id](const std::thread& t) { return t.get_id() == id; });
        if (it != m_threads.end()) {
          ended.push_back(std::move(*it));
          m_threads.erase(it);
        }
      }
      m_gone.clear();
      lock.unlock();
      for (auto& t : ended) t.join();
      lock.lock();
      continue;
    }
    if (m_queue.empty() || m_idle > 0) {
      m_watch_armed = false;
      m_watch.wait(lock);
      continue;
    }
    const auto deadline = m_progress + m_options.stall;
    if (Clock::now() >= deadline) {
      // Requests wait and no worker has started or finished one for `stall`: all are stuck.
      if (m_running < m_options.max_workers) start_worker_locked(true);
      m_progress = Clock::now();  // the next extra worker only after another stall
      continue;
    }
    m_watch_armed = true;
    m_watch.wait_until(lock, deadline);
  }
  m_watch_armed = false;
}

void WorkerPool::stop() {
  std::unique_lock lock(m_mutex);
  if (m_stopping) return;
  m_stopping = true;
  std::deque<std::function<void()>> dropped = std::move(m_queue);
  m_queue.clear();
  lock.unlock();
  m_work_ready.notify_all();
  m_watch.notify_all();
  dropped.clear();
  if (m_watchdog.joinable()) m_watchdog.join();
  // The watchdog no longer starts or joins workers: every thread left is in m_threads.
  lock.lock();
  std::vector<std::thread> threads = std::move(m_threads);
  m_threads.clear();
  lock.unlock();
  for (auto& t : threads) t.join();
}

int WorkerPool::threads() const {
  std::lock_guard lock(m_mutex);
  return m_running;
}

}  // namespace jixiao::server

// cli/progress.hpp — a progress line on stderr for work that takes more than a second.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

namespace jixiao::cli {

// Prints "<what>: <stage>（<rows> 行，已 N 秒）" once a second after the first second, until
// destroyed; silent for work that ends sooner.
class Progress {
 public:
  explicit Progress(std::string what)
      : m_what(std::move(what)), m_start(std::chrono::steady_clock::now()) {
    m_thread = std::thread([this] { loop(); });
  }
  ~Progress() {
    {
      std::lock_guard lock(m_mutex);
      m_done = true;
    }
    m_cv.notify_all();
    m_thread.join();
    if (m_printed) std::cerr << "\n";
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void stage(const std::string& name, std::size_t rows) {
    std::lock_guard lock(m_mutex);
    m_stage = name;
    m_rows = rows;
  }

 private:
  void loop() {
    std::unique_lock lock(m_mutex);
    while (!m_cv.wait_for(lock, std::chrono::seconds(1), [this] { return m_done; })) {
      auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::steady_clock::now() - m_start)
                      .count();
      std::cerr << "\r" << m_what << ": " << m_stage << "（" << m_rows << " 行，已 " << secs
                << " 秒）" << std::flush;
      m_printed = true;
    }
  }

  std::string m_what;
  std::chrono::steady_clock::time_point m_start;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::string m_stage = "开始";
  std::size_t m_rows = 0;
  bool m_done = false;
  bool m_printed = false;
  std::thread m_thread;
};

}  // namespace jixiao::cli

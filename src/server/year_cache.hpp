// server/year_cache.hpp — what the server computes once per year and keeps until the data
// changes: the ledger, the year-end summary and monitoring of every unit, earlier years'
// curves, the schedule, and whole response bodies. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/ledger.hpp"
#include "monitor/monitor.hpp"
#include "store/store.hpp"

namespace jixiao::server {

class App;

// The ledger of a year, loaded once and shared until an import changes it.
class LedgerCache {
 public:
  Result<std::shared_ptr<const ledger::Ledger>> get(store::Store& store, int fiscal_year);
  // The year-end summary of every unit, grouped by line, computed once per ledger: the
  // dashboards of all units read their part of it.
  struct YearSummary {
    ledger::Summary summary;
    std::map<std::string, std::size_t> unit_index;  // unit code → index in summary.units
  };
  Result<std::shared_ptr<const YearSummary>> year_summary(store::Store& store, int fiscal_year);
  // Monitoring of every unit at year end, computed once per ledger, indexed by unit code.
  struct YearMonitor {
    monitor::MonitorResult result;
    std::map<std::string, std::size_t> unit_status;  // unit code → index in result.units
    std::map<std::string, std::vector<std::size_t>>
        warnings;  // unit code → indexes in result.warnings
    std::map<std::string, std::vector<std::size_t>> advice;  // unit code → indexes in result.advice
  };
  Result<std::shared_ptr<const YearMonitor>> year_monitor(App& app, store::Store& store,
                                                          int fiscal_year);
  // Earlier years' spending curves (up to three years before `fiscal_year`), for forecasts.
  Result<std::shared_ptr<const monitor::History>> history(store::Store& store, int fiscal_year);
  // The schedule stored for `fiscal_year` (monitor::load_schedule): plan curves and that year's
  // spending plans, read once per generation.
  Result<std::shared_ptr<const monitor::Schedule>> schedule(store::Store& store, int fiscal_year);
  // Drops every cached ledger and response (after an import).
  void invalidate();
  // Drops everything cached when the database changed behind the server's back (a CLI
  // import while it runs). Every CLI write appends a "cli.*" entry to the audit log, so the
  // newest such entry's id serves as the change counter for writes made outside the server. A
  // request calls claim_check() first: it is true at most once every 250 ms, so a burst of requests
  // costs one indexed query and the others need no database connection at all.
  bool claim_check();
  void refresh_if_changed(store::Store& store);
  std::uint64_t generation() const;
  // Cached response bodies keyed by route + arguments, valid for one generation.
  std::optional<std::string> cached(const std::string& key);
  void remember(const std::string& key, std::string body);
  // Held while computing anything expensive after a cache miss, so that a burst of requests
  // computes it once (the others wait, then find it cached). Recursive: computations nest.
  std::recursive_mutex& compute_lock() { return m_compute; }

 private:
  mutable std::mutex m_mutex;
  std::recursive_mutex m_compute;
  std::uint64_t m_generation = 1;
  std::map<int, std::shared_ptr<const ledger::Ledger>> m_ledgers;
  std::map<int, std::shared_ptr<const YearSummary>> m_summaries;
  std::map<int, std::shared_ptr<const monitor::History>> m_histories;
  std::map<int, std::shared_ptr<const monitor::Schedule>> m_schedules;
  std::map<int, std::shared_ptr<const YearMonitor>> m_monitors;
  std::map<std::string, std::string> m_bodies;
  std::int64_t m_last_audit_id = -1;  // -1: not read yet
  std::chrono::steady_clock::time_point m_last_check{};
};

}  // namespace jixiao::server

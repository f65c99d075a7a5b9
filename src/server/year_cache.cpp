// server/year_cache.cpp — the ledgers, summaries, histories, schedules and monitor results of
// each year, computed once per generation and dropped when the data changes.
#include "server/year_cache.hpp"

#include "server/app.hpp"

namespace jixiao::server {

Result<std::shared_ptr<const ledger::Ledger>> LedgerCache::get(store::Store& store,
                                                               int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_ledgers.find(fiscal_year); it != m_ledgers.end()) return it->second;
    generation = m_generation;
  }
  std::lock_guard compute(m_compute);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_ledgers.find(fiscal_year); it != m_ledgers.end()) return it->second;
    generation = m_generation;
  }
  auto loaded = ledger::Ledger::load(store, fiscal_year);
  if (!loaded) return fail(std::move(loaded.error()));
  auto shared = std::make_shared<const ledger::Ledger>(std::move(*loaded));
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_ledgers[fiscal_year] = shared;
  return shared;
}

Result<std::shared_ptr<const LedgerCache::YearSummary>> LedgerCache::year_summary(
    store::Store& store, int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_summaries.find(fiscal_year); it != m_summaries.end()) return it->second;
    generation = m_generation;
  }
  std::lock_guard compute(m_compute);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_summaries.find(fiscal_year); it != m_summaries.end()) return it->second;
    generation = m_generation;
  }
  auto ledger = get(store, fiscal_year);
  if (!ledger) return fail(std::move(ledger.error()));
  auto sum = ledger::summarize(**ledger, {.group_by = ledger::GroupBy::line});
  if (!sum) return fail(std::move(sum.error()));
  auto out = std::make_shared<YearSummary>();
  out->summary = std::move(*sum);
  for (std::size_t i = 0; i < out->summary.units.size(); ++i)
    out->unit_index[out->summary.units[i].unit.code] = i;
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_summaries[fiscal_year] = out;
  return std::shared_ptr<const YearSummary>(std::move(out));
}

Result<std::shared_ptr<const monitor::History>> LedgerCache::history(store::Store& store,
                                                                     int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_histories.find(fiscal_year); it != m_histories.end()) return it->second;
    generation = m_generation;
  }
  std::lock_guard compute(m_compute);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_histories.find(fiscal_year); it != m_histories.end()) return it->second;
    generation = m_generation;
  }
  auto years = store.ledger().fiscal_years();
  if (!years) return fail(std::move(years.error()));
  // The earlier ledgers come from this cache (each loaded once), the years by monitor's rule.
  std::vector<std::shared_ptr<const ledger::Ledger>> earlier;
  for (int y : monitor::history_years(*years, fiscal_year)) {
    auto l = get(store, y);
    if (!l) return fail(std::move(l.error()));
    earlier.push_back(*l);
  }
  std::vector<const ledger::Ledger*> ptrs;
  for (const auto& l : earlier) ptrs.push_back(l.get());
  auto out = std::make_shared<const monitor::History>(monitor::History::from_ledgers(ptrs));
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_histories[fiscal_year] = out;
  return out;
}

Result<std::shared_ptr<const monitor::Schedule>> LedgerCache::schedule(store::Store& store,
                                                                       int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_schedules.find(fiscal_year); it != m_schedules.end()) return it->second;
    generation = m_generation;
  }
  auto loaded = monitor::load_schedule(store, fiscal_year);
  if (!loaded) return fail(std::move(loaded.error()));
  auto out = std::make_shared<const monitor::Schedule>(std::move(*loaded));
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_schedules[fiscal_year] = out;
  return out;
}

Result<std::shared_ptr<const LedgerCache::YearMonitor>> LedgerCache::year_monitor(
    App& app, store::Store& store, int fiscal_year) {
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_monitors.find(fiscal_year); it != m_monitors.end()) return it->second;
    generation = m_generation;
  }
  std::lock_guard compute(m_compute);
  {
    std::lock_guard lock(m_mutex);
    if (auto it = m_monitors.find(fiscal_year); it != m_monitors.end()) return it->second;
    generation = m_generation;
  }
  std::shared_ptr<const ledger::Ledger> ledger;
  auto result = monitor_unit(app, store, fiscal_year, "", std::nullopt, &ledger);
  if (!result) return fail(std::move(result.error()));
  auto out = std::make_shared<YearMonitor>();
  out->result = std::move(*result);
  for (std::size_t i = 0; i < out->result.units.size(); ++i) {
    out->unit_status[ledger->units()[out->result.units[i].unit].code] = i;
  }
  for (std::size_t i = 0; i < out->result.warnings.size(); ++i)
    out->warnings[out->result.warnings[i].unit_code].push_back(i);
  for (std::size_t i = 0; i < out->result.advice.size(); ++i)
    out->advice[out->result.advice[i].unit_code].push_back(i);
  std::lock_guard lock(m_mutex);
  if (generation == m_generation) m_monitors[fiscal_year] = out;
  return std::shared_ptr<const YearMonitor>(std::move(out));
}

void LedgerCache::invalidate() {
  std::lock_guard lock(m_mutex);
  ++m_generation;
  m_ledgers.clear();
  m_summaries.clear();
  m_histories.clear();
  m_schedules.clear();
  m_monitors.clear();
  m_bodies.clear();
}

bool LedgerCache::claim_check() {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(m_mutex);
  if (m_last_audit_id >= 0 && now - m_last_check < std::chrono::milliseconds(250)) return false;
  m_last_check = now;
  return true;
}

void LedgerCache::refresh_if_changed(store::Store& store) {
  // Only CLI writes ("cli.*" entries): the server's own writes drop the caches themselves, and
  // counting them here would drop everything again after every sign-in.
  auto newest = store.audit().entries({.action = "cli.", .limit = 1});
  if (!newest) return;  // a failing store shows in the request itself
  std::int64_t id = newest->empty() ? 0 : newest->front().id;
  bool changed = false;
  {
    std::lock_guard lock(m_mutex);
    changed = m_last_audit_id >= 0 && id != m_last_audit_id;
    m_last_audit_id = id;
  }
  if (changed) invalidate();
}

std::uint64_t LedgerCache::generation() const {
  std::lock_guard lock(m_mutex);
  return m_generation;
}

std::optional<std::string> LedgerCache::cached(const std::string& key) {
  std::lock_guard lock(m_mutex);
  auto it = m_bodies.find(key);
  if (it == m_bodies.end()) return std::nullopt;
  return it->second;
}

void LedgerCache::remember(const std::string& key, std::string body) {
  std::lock_guard lock(m_mutex);
  if (m_bodies.size() > 20000) m_bodies.clear();
  m_bodies[key] = std::move(body);
}

}  // namespace jixiao::server

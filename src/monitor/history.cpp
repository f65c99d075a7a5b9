// monitor/history.cpp — which earlier years a forecast learns from, and loading them.
#include <algorithm>

#include "ledger/ledger.hpp"
#include "monitor/monitor.hpp"
#include "store/store.hpp"

namespace jixiao::monitor {

std::vector<int> history_years(const std::vector<int>& stored_years, int fiscal_year) {
  std::vector<int> out;
  for (int y : stored_years) {
    if (y < fiscal_year && y >= fiscal_year - k_history_years) out.push_back(y);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Result<History> load_history(store::Store& store, int fiscal_year) {
  auto stored = store.ledger().fiscal_years();
  if (!stored) return fail(std::move(stored.error()));
  std::vector<ledger::Ledger> earlier;
  for (int y : history_years(*stored, fiscal_year)) {
    auto l = ledger::Ledger::load(store, y);
    if (!l) return fail(std::move(l.error()));
    earlier.push_back(std::move(*l));
  }
  std::vector<const ledger::Ledger*> ptrs;
  for (const auto& l : earlier) ptrs.push_back(&l);
  return History::from_ledgers(ptrs);
}

}  // namespace jixiao::monitor

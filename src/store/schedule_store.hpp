// store/schedule_store.hpp — the schedule (序时进度) kept in the store: plan curves per region,
// unit or line, and the lines' monthly spending plans (用款计划) per fiscal year.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/schedule.hpp"

namespace jixiao::store {

class ScheduleStore {
 public:
  virtual ~ScheduleStore() = default;

  // Every stored plan curve (they hold for every fiscal year), ordered by scope (region, unit,
  // line), unit code and line code; each curve's points ascending by date.
  virtual Result<std::vector<model::ScheduleCurve>> curves() = 0;
  // Stores `curves`: each replaces, whole, the stored curve of the same scope, unit and line
  // (its old points are dropped); other stored curves stay. All or nothing, in one transaction.
  // Requires: at most one curve per scope/unit/line in `curves`, points with distinct dates.
  virtual Result<void> replace_curves(const std::vector<model::ScheduleCurve>& curves) = 0;
  // Removes the stored curve of this scope, unit and line (unit and line empty where the scope
  // has none); false when there was none.
  virtual Result<bool> remove_curve(model::ScopeKind scope, const std::string& unit_code,
                                    const std::string& line_code) = 0;

  // The spending plans of `fiscal_year`, ordered by unit code and line code.
  virtual Result<std::vector<model::SpendingPlan>> spending_plans(int fiscal_year) = 0;
  // Stores `plans`: each replaces, whole, the stored plan of the same unit, year and line.
  // All or nothing, in one transaction. Requires: at most one plan per (unit, year, line).
  virtual Result<void> replace_spending_plans(const std::vector<model::SpendingPlan>& plans) = 0;
  // Removes the spending plans of `fiscal_year`: of every unit when `unit_code` is empty, else of
  // that unit's lines, or only of `line_code` when given. Returns how many plans were removed.
  virtual Result<std::int64_t> remove_spending_plans(int fiscal_year, const std::string& unit_code,
                                                     const std::string& line_code) = 0;
};

}  // namespace jixiao::store

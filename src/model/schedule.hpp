// model/schedule.hpp — the plain types of the schedule (序时进度): plan curves given per region,
// unit or line, and a line's monthly spending plan (用款计划). How they turn into an expected
// share is monitor's (monitor/monitor.hpp); where they are kept is store's
// (store/schedule_store.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"

namespace jixiao::model {

// A point of a plan curve: by month/day, `basis_points` (2500 = 25%) of the budget paid.
struct Checkpoint {
  int month = 12;
  int day = 31;
  std::int64_t basis_points = 10000;

  bool operator==(const Checkpoint&) const = default;
};

// Where a plan curve applies: the whole region (every unit), one unit, or one line.
// Stored as text "region" / "unit" / "line"; do not rename.
enum class ScopeKind : std::uint8_t { region, unit, line };
std::string_view to_string(ScopeKind kind);  // "region" / "unit" / "line"

struct ScheduleCurve {
  ScopeKind scope = ScopeKind::region;
  std::string unit_code;           // for unit and line scopes
  std::string line_code;           // for the line scope
  std::vector<Checkpoint> points;  // ascending by date; 0% at Jan 1 and 100% at Dec 31 are implied
};

// 用款计划: a line's monthly spending plan for one fiscal year.
struct SpendingPlan {
  std::string unit_code;
  std::string line_code;
  int fiscal_year = 0;
  std::array<Money, 12> months{};
  Money total() const;
};

}  // namespace jixiao::model

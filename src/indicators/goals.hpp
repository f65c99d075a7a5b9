// indicators/goals.hpp — goals (绩效目标) and the completion of each goal indicator.
//
// For scoring: call completions(store, unit, year) and take, for every goal indicator, its
// points and Completion::ratio (得分系数, an exact fraction in [0, 1]); the indicator's score
// is points × ratio. Pure functions (completion()) read only their arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "model/indicator.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::indicators {

// What to do when an actual greatly exceeds its target (财预〔2020〕10号 M6: "if the actual
// greatly exceeds the target because the target was set too low, reduce the points").
enum class OverAchievement {
  cap,       // completion stays at 100 % (flagged as exceeded)
  penalize,  // beyond target × (1 + tolerance), completion = target × (1 + tolerance) / actual
};

struct CompletionOptions {
  OverAchievement over = OverAchievement::cap;
  // Over-achievement tolerated before an indicator counts as exceeded, in percent of the target.
  // Default: 20.
  model::Measure over_tolerance = model::Measure::from_int(20);
  // An `=` indicator is met within this tolerance, in percent of the target. Default: 0.
  model::Measure eq_tolerance = model::Measure::from_int(0);
  // Completion (in percent) of a qualitative indicator in each band, when the evaluator gave a
  // grade without a percentage: 达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 % (M8).
  // Defaults: 100, 70, 30.
  model::Measure achieved_percent = model::Measure::from_int(100);
  model::Measure partly_percent = model::Measure::from_int(70);
  model::Measure not_achieved_percent = model::Measure::from_int(30);
};

enum class CompletionStatus {
  met,       // target reached
  exceeded,  // reached, and beyond the over-achievement tolerance: the target may have been too low
  short_of,  // not reached: a deviation reason (偏差原因) is required
  no_actual,  // no actual value yet
  no_target,  // a quantitative indicator without a target
};
std::string_view chinese_name(
    CompletionStatus status);  // "完成" / "超额完成" / "未完成" / "无实际值" / "无目标值"

struct Completion {
  CompletionStatus status = CompletionStatus::no_actual;
  Rate ratio;               // 得分系数 in [0, 1], exact; undefined for no_actual / no_target
  std::string explanation;  // "实际 8 ≥ 目标 6，完成" — the inputs and the rule, in words

  bool needs_deviation_reason() const { return status == CompletionStatus::short_of; }
};

// The completion of one goal indicator, by its direction:
//   ≥  actual / target, capped at 100 % (target ≤ 0: met by any actual ≥ target);
//   ≤  target / actual when above target (actual ≤ target, including 0: met; target 0: 0 %);
//   =  met within eq_tolerance, else min / max of the two (target 0: 0 %);
//   定性 the band of the actual's grade; a percentage given with the grade is kept within its band.
// The target in force is the adjusted one when set.
Completion completion(const model::GoalIndicator& goal, const CompletionOptions& options = {});

// One goal indicator with its completion, as scoring consumes it.
struct GoalCompletion {
  std::string line_code;  // empty: 部门整体
  model::GoalIndicator goal;
  Completion completion;
};

std::vector<GoalCompletion> completions(const std::vector<model::GoalSet>& sets,
                                        const CompletionOptions& options = {});
// Reads the goals of `unit_code` in `fiscal_year` and computes each completion.
// An empty list when the unit has no goals that year.
Result<std::vector<GoalCompletion>> completions(store::Store& store, const std::string& unit_code,
                                                int fiscal_year,
                                                const CompletionOptions& options = {});

// The goal sets of a unit and year (overall first, then by line code).
Result<std::vector<model::GoalSet>> load_goals(store::Store& store, const std::string& unit_code,
                                               int fiscal_year);

// A change to one goal indicator; unset fields are kept. The indicator is added to the goal
// set (and the set created) when absent, with the library version in force on `as_of`.
struct GoalEdit {
  std::string line_code;  // empty: 部门整体
  std::string indicator_code;
  std::optional<std::string> line_name;
  std::optional<std::string> overall_target;
  std::optional<std::string> overall_result;
  std::optional<model::Measure> target;
  std::optional<model::Measure> adjusted_target;
  std::optional<std::string> target_text;
  std::optional<model::Measure> points;
  std::optional<model::Actual> actual;
  std::optional<model::DeviationCategory> deviation_category;
  std::optional<std::string> deviation_reason;
  // The goals' version the edit started from (store::IndicatorStore::goal_version, which the
  // API shows): when the goals moved on since, Error::conflict with store::k_version_conflict
  // and nothing written. Unset: the edit applies to the goals as they are now.
  std::optional<std::int64_t> expected_version;
};

// Applies `edit` to the goals of (`unit_code`, `fiscal_year`) and writes them; a concurrent
// write of other goals of that unit and year is never lost (see GoalEdit::expected_version).
// Error::not_found when the indicator is not in the library on `as_of` (and not yet in the goal).
Result<model::GoalIndicator> set_goal(store::Store& store, const std::string& unit_code,
                                      int fiscal_year, const GoalEdit& edit, Date as_of);

// The seam through which computed actuals arrive (the ledger now; the people's-congress
// records later). A source names itself and, for a goal indicator it knows how to compute,
// returns the actual with provider = computed and `source` saying from what.
class ActualSource {
 public:
  virtual ~ActualSource() = default;
  virtual std::string name() const = 0;  // "ledger", "congress.suggestions"
  // The actual of `goal` for (unit, year), or nullopt when this source does not compute it.
  virtual Result<std::optional<model::Actual>> actual(const std::string& unit_code, int fiscal_year,
                                                      const model::GoalIndicator& goal) = 0;
};

// Fills computed actuals of (unit, year) from `sources` (the first that answers wins).
// Actuals a person entered or imported are kept: computed values fill only empty or
// previously computed actuals. Returns how many actuals were written.
Result<int> refresh_computed_actuals(store::Store& store, const std::string& unit_code,
                                     int fiscal_year, std::span<ActualSource* const> sources);

// Computes 预算执行率 / 预算完成率 (executed / adjusted budget × 100, in %) of the unit from
// the ledger. Matches goal indicators by name.
class LedgerActualSource final : public ActualSource {
 public:
  explicit LedgerActualSource(store::Store& store) : m_store(store) {}
  std::string name() const override { return "ledger"; }
  Result<std::optional<model::Actual>> actual(const std::string& unit_code, int fiscal_year,
                                              const model::GoalIndicator& goal) override;

 private:
  store::Store& m_store;
};

}  // namespace jixiao::indicators

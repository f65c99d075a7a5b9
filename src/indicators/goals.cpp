// indicators/goals.cpp — completion by direction, goal edits and computed actuals.
#include "indicators/goals.hpp"

#include <algorithm>
#include <numeric>

#include "indicators/library.hpp"
#include "ledger/ledger.hpp"
#include "store/store.hpp"

namespace jixiao::indicators {
namespace {

using model::Measure;

constexpr std::int64_t k_hundred = 100 * Measure::k_scale;  // 100 as a scaled Measure

Rate make_rate(__int128 num, __int128 den) {
  JIXIAO_ASSERT(den > 0, "rate over a non-positive denominator");
  if (num < 0) num = 0;
  __int128 a = num, b = den;
  while (b != 0) {
    __int128 t = a % b;
    a = b;
    b = t;
  }
  if (a > 1) {
    num /= a;
    den /= a;
  }
  // Bring oversized fractions into int64 range (values of real indicators never get here).
  while (num > INT64_MAX || den > INT64_MAX) {
    num /= 2;
    den /= 2;
  }
  return Rate(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den));
}

Rate full() { return Rate(1, 1); }

std::string unit_suffix(const model::GoalIndicator& g) { return g.measure_unit; }

std::string show(const Measure& m, const model::GoalIndicator& g) {
  return m.to_string() + unit_suffix(g);
}

Completion qualitative(const model::GoalIndicator& g, const CompletionOptions& o) {
  Completion c;
  std::optional<model::QualitativeGrade> grade;
  if (g.actual) {
    grade = g.actual->grade;
    if (!grade) grade = model::parse_qualitative_grade(g.actual->text);
  }
  if (!grade) {
    c.status = CompletionStatus::no_actual;
    c.explanation = "定性指标尚无完成档次（达成/部分达成/未达成）";
    return c;
  }
  struct Band {
    std::int64_t low, high;  // scaled percent
  };
  Band band{};
  Measure chosen;
  switch (*grade) {
    case model::QualitativeGrade::achieved:
      band = {80 * Measure::k_scale, k_hundred};
      chosen = o.achieved_percent;
      break;
    case model::QualitativeGrade::partly:
      band = {60 * Measure::k_scale, 80 * Measure::k_scale};
      chosen = o.partly_percent;
      break;
    case model::QualitativeGrade::not_achieved:
      band = {0, 60 * Measure::k_scale};
      chosen = o.not_achieved_percent;
      break;
  }
  std::string how = "按档次默认";
  if (g.actual->value) {
    chosen = *g.actual->value;
    how = "评价人给定";
  }
  std::int64_t clamped = std::clamp(chosen.scaled(), band.low, band.high);
  if (clamped != chosen.scaled()) how += "（超出本档，已取档内边界）";
  c.ratio = make_rate(clamped, k_hundred);
  c.status = *grade == model::QualitativeGrade::achieved ? CompletionStatus::met
                                                         : CompletionStatus::short_of;
  c.explanation = "定性: " + std::string(model::chinese_name(*grade)) + "，" + how + " " +
                  Measure::from_scaled(clamped).to_string() + "%（档次 " +
                  Measure::from_scaled(band.low).to_string() + "–" +
                  Measure::from_scaled(band.high).to_string() + "%）";
  return c;
}

}  // namespace

std::string_view chinese_name(CompletionStatus status) {
  switch (status) {
    case CompletionStatus::met:
      return "完成";
    case CompletionStatus::exceeded:
      return "超额完成";
    case CompletionStatus::short_of:
      return "未完成";
    case CompletionStatus::no_actual:
      return "无实际值";
    case CompletionStatus::no_target:
      return "无目标值";
  }
  return "无实际值";
}

Completion completion(const model::GoalIndicator& g, const CompletionOptions& o) {
  if (g.direction == model::Direction::qualitative) return qualitative(g, o);
  Completion c;
  auto target = g.effective_target();
  if (!target) {
    c.status = CompletionStatus::no_target;
    c.explanation = "定量指标缺少目标值";
    return c;
  }
  if (!g.actual || !g.actual->value) {
    c.status = CompletionStatus::no_actual;
    c.explanation = "尚无实际完成值";
    return c;
  }
  const __int128 t = target->scaled();
  const __int128 a = g.actual->value->scaled();
  const std::string ts = show(*target, g);
  const std::string as = show(*g.actual->value, g);
  switch (g.direction) {
    case model::Direction::ge: {
      if (a >= t) {
        c.ratio = full();
        c.status = CompletionStatus::met;
        c.explanation = "实际 " + as + " ≥ 目标 " + ts + "，完成";
        const __int128 limit_num =
            t * (k_hundred + o.over_tolerance.scaled());  // target × (1 + tol), × k_hundred
        if (t > 0 && a * k_hundred > limit_num) {
          c.status = CompletionStatus::exceeded;
          c.explanation = "实际 " + as + " 超过目标 " + ts + " 的 " +
                          Measure::from_scaled(k_hundred + o.over_tolerance.scaled()).to_string() +
                          "%，目标可能偏低";
          if (o.over == OverAchievement::penalize) {
            c.ratio = make_rate(limit_num, a * k_hundred);
            c.explanation +=
                "；按超额规则得分系数 = 目标 × " +
                Measure::from_scaled(k_hundred + o.over_tolerance.scaled()).to_string() +
                "% / 实际 = " + c.ratio.percent_text(2);
          }
        }
      } else {
        c.ratio = t > 0 ? make_rate(a, t) : Rate(0, 1);
        c.status = CompletionStatus::short_of;
        c.explanation =
            "实际 " + as + " / 目标 " + ts + " = " + c.ratio.percent_text(2) + "，未完成";
      }
      return c;
    }
    case model::Direction::le: {
      if (a <= t) {
        c.ratio = full();
        c.status = CompletionStatus::met;
        c.explanation = "实际 " + as + " ≤ 目标 " + ts + "，完成";
      } else {
        c.ratio = t > 0 ? make_rate(t, a) : Rate(0, 1);
        c.status = CompletionStatus::short_of;
        c.explanation =
            t > 0 ? "目标 " + ts + " / 实际 " + as + " = " + c.ratio.percent_text(2) + "，超出上限"
                  : "目标 " + ts + "，实际 " + as + "，超出上限，得分系数 0";
      }
      return c;
    }
    case model::Direction::eq: {
      const __int128 diff = a > t ? a - t : t - a;
      const __int128 abs_t = t < 0 ? -t : t;
      if (diff * k_hundred <= abs_t * o.eq_tolerance.scaled()) {
        c.ratio = full();
        c.status = CompletionStatus::met;
        c.explanation =
            "实际 " + as + " = 目标 " + ts + (diff == 0 ? "" : "（在允许偏差内）") + "，完成";
      } else {
        __int128 lo = std::min(a, t), hi = std::max(a, t);
        c.ratio = (t == 0 || hi <= 0 || lo < 0) ? Rate(0, 1) : make_rate(lo, hi);
        c.status = CompletionStatus::short_of;
        c.explanation = "实际 " + as + " ≠ 目标 " + ts +
                        "，得分系数 = 较小值 / 较大值 = " + c.ratio.percent_text(2);
      }
      return c;
    }
    case model::Direction::qualitative:
      break;
  }
  return qualitative(g, o);
}

std::vector<GoalCompletion> completions(const std::vector<model::GoalSet>& sets,
                                        const CompletionOptions& options) {
  std::vector<GoalCompletion> out;
  for (const auto& set : sets) {
    for (const auto& g : set.indicators) out.push_back({set.line_code, g, completion(g, options)});
  }
  return out;
}

Result<std::vector<GoalCompletion>> completions(store::Store& store, const std::string& unit_code,
                                                int fiscal_year, const CompletionOptions& options) {
  auto sets = load_goals(store, unit_code, fiscal_year);
  if (!sets) return fail(std::move(sets.error()));
  return completions(*sets, options);
}

Result<std::vector<model::GoalSet>> load_goals(store::Store& store, const std::string& unit_code,
                                               int fiscal_year) {
  return store.indicators().goal_sets(unit_code, fiscal_year);
}

namespace {

// Reads the goals of (unit, year), lets `change` edit them, and writes them back unless
// `change` returns false — never losing a concurrent write: the write is conditional on the
// goals' version read before them. With `expected_version` (the version the user's edit
// started from) a concurrent write is a conflict for the caller (409); without, the edit is
// re-applied to the fresh goals (a few times, then the conflict is returned).
template <typename Change>
Result<void> update_goals(store::Store& store, const std::string& unit_code, int fiscal_year,
                          std::optional<std::int64_t> expected_version, Change&& change) {
  constexpr int k_attempts = 5;
  for (int attempt = 1;; ++attempt) {
    std::optional<std::int64_t> expected = expected_version;
    if (!expected) {
      auto v = store.indicators().goal_version(unit_code, fiscal_year);
      if (!v) return fail(std::move(v.error()));
      expected = *v;
    }
    auto sets = load_goals(store, unit_code, fiscal_year);
    if (!sets) return fail(std::move(sets.error()));
    auto write = change(*sets);
    if (!write) return fail(std::move(write.error()));
    if (!*write) return {};
    auto written = store.indicators().replace_goal_sets(unit_code, fiscal_year, *sets, expected);
    if (written) return {};
    bool retry = !expected_version && attempt < k_attempts &&
                 written.error().code() == ErrorCode::conflict &&
                 written.error().message().find(store::k_version_conflict) != std::string::npos;
    if (!retry) return fail(std::move(written.error()));
  }
}

}  // namespace

Result<model::GoalIndicator> set_goal(store::Store& store, const std::string& unit_code,
                                      int fiscal_year, const GoalEdit& edit, Date as_of) {
  model::GoalIndicator result;
  JIXIAO_TRY(update_goals(
      store, unit_code, fiscal_year, edit.expected_version,
      [&](std::vector<model::GoalSet>& all) -> Result<bool> {
        auto* sets = &all;
        auto set_it = std::find_if(sets->begin(), sets->end(),
                                   [&](const auto& s) { return s.line_code == edit.line_code; });
        if (set_it == sets->end()) {
          model::GoalSet fresh;
          fresh.unit_code = unit_code;
          fresh.fiscal_year = fiscal_year;
          fresh.line_code = edit.line_code;
          sets->push_back(std::move(fresh));
          std::sort(sets->begin(), sets->end(),
                    [](const auto& a, const auto& b) { return a.line_code < b.line_code; });
          set_it = std::find_if(sets->begin(), sets->end(),
                                [&](const auto& x) { return x.line_code == edit.line_code; });
        }
        model::GoalSet& set = *set_it;
        if (edit.line_name) set.line_name = *edit.line_name;
        if (edit.overall_target) set.overall_target = *edit.overall_target;
        if (edit.overall_result) set.overall_result = *edit.overall_result;
        model::GoalIndicator* goal = nullptr;
        for (auto& g : set.indicators) {
          if (g.indicator_code == edit.indicator_code) goal = &g;
        }
        if (!goal && !edit.indicator_code.empty()) {
          auto library = Library::load(store);
          if (!library) return fail(std::move(library.error()));
          const auto* v = library->as_of(edit.indicator_code, as_of);
          if (!v) {
            return fail(Error::not_found("指标库在 " + as_of.to_string() + " 没有有效的指标 " +
                                         edit.indicator_code));
          }
          model::GoalIndicator g;
          g.indicator_code = v->indicator.code;
          g.indicator_version = v->version;
          g.name = v->indicator.name;
          g.subclass = v->indicator.subclass;
          g.direction = v->indicator.direction;
          g.quantitative = v->indicator.quantitative;
          g.measure_unit = v->indicator.measure_unit;
          set.indicators.push_back(std::move(g));
          goal = &set.indicators.back();
        }
        if (goal) {
          if (edit.target) goal->target = edit.target;
          if (edit.adjusted_target) goal->adjusted_target = edit.adjusted_target;
          if (edit.target_text) goal->target_text = *edit.target_text;
          if (edit.points) goal->points = *edit.points;
          if (edit.actual) goal->actual = edit.actual;
          if (edit.deviation_category) goal->deviation_category = edit.deviation_category;
          if (edit.deviation_reason) goal->deviation_reason = *edit.deviation_reason;
          result = *goal;
        }
        return true;
      }));
  return result;
}

Result<int> refresh_computed_actuals(store::Store& store, const std::string& unit_code,
                                     int fiscal_year, std::span<ActualSource* const> sources) {
  int written = 0;
  JIXIAO_TRY(update_goals(store, unit_code, fiscal_year, std::nullopt,
                          [&](std::vector<model::GoalSet>& sets) -> Result<bool> {
                            written = 0;
                            for (auto& set : sets) {
                              for (auto& g : set.indicators) {
                                if (g.actual &&
                                    g.actual->provider != model::ActualProvider::computed)
                                  continue;
                                for (ActualSource* source : sources) {
                                  auto a = source->actual(unit_code, fiscal_year, g);
                                  if (!a) return fail(std::move(a.error()));
                                  if (!*a) continue;
                                  g.actual = std::move(**a);
                                  g.actual->provider = model::ActualProvider::computed;
                                  ++written;
                                  break;
                                }
                              }
                            }
                            return written > 0;
                          }));
  return written;
}

Result<std::optional<model::Actual>> LedgerActualSource::actual(const std::string& unit_code,
                                                                int fiscal_year,
                                                                const model::GoalIndicator& goal) {
  if (goal.name != "预算执行率" && goal.name != "预算完成率") return std::optional<model::Actual>();
  auto ledger = ledger::Ledger::load(m_store, fiscal_year);
  if (!ledger) return fail(std::move(ledger.error()));
  if (!ledger->find_unit(unit_code)) return std::optional<model::Actual>();
  ledger::SummaryOptions options;
  options.unit_code = unit_code;
  auto summary = ledger::summarize(*ledger, options);
  if (!summary) return fail(std::move(summary.error()));
  const ledger::Totals& t = summary->totals;
  Rate rate = t.execution_rate();
  if (!rate.defined()) return std::optional<model::Actual>();
  model::Actual a;
  // Percent with 4 decimals, half-up: 311588 / 340340 → 91.5526.
  a.value = Measure::from_scaled(
      divide_half_up(static_cast<__int128>(rate.numerator()) * k_hundred, rate.denominator()));
  a.text = rate.percent_text(2);
  a.provider = model::ActualProvider::computed;
  a.source = "预算执行台账: 执行数 " + format_wan(t.executed) + " 万元 / 调整后预算 " +
             format_wan(t.adjusted()) + " 万元";
  a.recorded_by = name();
  return std::optional<model::Actual>(std::move(a));
}

}  // namespace jixiao::indicators

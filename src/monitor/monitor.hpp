// monitor/monitor.hpp — in-year monitoring (绩效运行监控): execution against the schedule
// (序时进度), warnings, the year-end forecast with a P10–P90 band, and adjustment advice.
//
// Everything here is computed from the columnar ledger (ledger::Ledger) of the year and,
// for the forecast, the ledgers of earlier years. Amounts of record (budget, paid) are exact
// Money; schedule shares are exact fractions; forecasts are estimates computed in double and
// rounded to 分 (they are projections, never amounts of record). docs/monitoring.md explains
// every rule and the forecast's backtest.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "ledger/ledger.hpp"
#include "model/schedule.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::monitor {

// ---------------------------------------------------------------------------------------
// Schedule (序时进度): the share of the year's budget expected to be paid by a date.

// The plain types (model/schedule.hpp), named here as monitor always named them.
using model::Checkpoint;
using model::ScheduleCurve;
using model::ScopeKind;
using model::SpendingPlan;
using model::to_string;

// Default 序时进度: linear by month, month m complete → m/12; inside a month, linear by day
// (2022-09-15 → (8 + 15/30) / 12). Exact. 0 before the year, 1 after it.
Rate linear_share(int fiscal_year, Date date);
// A plan curve, linear by day between checkpoints (0 at the start of the year, 1 at its end
// unless the last checkpoint says otherwise).
Rate curve_share(int fiscal_year, const std::vector<Checkpoint>& points, Date date);
// A monthly spending plan: whole months before `date` plus the day share of its month,
// over the plan's total. Undefined (0/0) when the plan's total is zero.
Rate plan_share(const SpendingPlan& plan, Date date);

// Which schedule applies to a line: its spending plan, else a line curve, else its unit's
// curve, else the region curve, else linear by month.
enum class ScheduleBasis : std::uint8_t {
  linear,
  region_curve,
  unit_curve,
  line_curve,
  spending_plan
};
std::string_view chinese_name(ScheduleBasis basis);  // "按月均衡序时进度", "用款计划" …

class Schedule {
 public:
  Schedule() = default;  // linear by month everywhere
  // Returns Error::invalid_input when a curve's checkpoints are not ascending in date and
  // share, a share is outside 0–100%, or two curves have the same scope.
  static Result<Schedule> make(std::vector<ScheduleCurve> curves, std::vector<SpendingPlan> plans);

  struct Expected {
    Rate share;
    ScheduleBasis basis = ScheduleBasis::linear;
  };
  Expected expected(const model::BudgetLine& line, Date date) const;

  const std::vector<ScheduleCurve>& curves() const;
  const std::vector<SpendingPlan>& plans() const;

 private:
  // Immutable once made, and shared by copies: a schedule is copied into every monitoring run's
  // options (a report of each of 10,000 units), and may hold a city's 100,000 plans.
  struct Data {
    std::vector<ScheduleCurve> curves;
    std::vector<SpendingPlan> plans;
    // expected() looks a line up here rather than scanning every plan and curve. Keys:
    // "unit\x1fline" (line curves), unit code (unit curves), "year\x1funit\x1fline" (plans with a
    // total above zero; the first such wins).
    std::unordered_map<std::string, std::size_t> plan_index;
    std::unordered_map<std::string, std::size_t> unit_curve;
    std::unordered_map<std::string, std::size_t> line_curve;
    std::optional<std::size_t> region_curve;
  };
  std::shared_ptr<const Data> m_data;  // null: linear by month everywhere
};

// The schedule kept in the store (store/schedule_store.hpp) for `fiscal_year`: every stored
// plan curve and that year's spending plans. Error::storage when the store fails;
// Error::invalid_input when what is stored does not make a schedule (Schedule::make).
Result<Schedule> load_schedule(store::Store& store, int fiscal_year);
// `base` with `curves` and `plans` on top: a curve replaces base's curve of the same scope,
// unit and line; a plan replaces base's plan of the same unit, year and line; the rest are
// added. Error::invalid_input as Schedule::make (e.g. two of `curves` with the same scope).
Result<Schedule> overlay_schedule(const Schedule& base, std::vector<ScheduleCurve> curves,
                                  std::vector<SpendingPlan> plans);

// The share of unit `unit`'s budget the schedule expects paid by the end of each month
// (January … December): each line's budget times its own schedule's share (Schedule::expected),
// rounded to 分 per line as Figures::expected is, summed, over the unit's budget. `budgets` gives
// each line's budget, parallel to ledger.unit_lines()[unit] (the adjusted budget at the date
// shown); empty: each line's initial budget plus all its adjustments. Undefined (0/0) for every
// month when the unit's budget is zero.
std::array<Rate, 12> unit_schedule_by_month(const ledger::Ledger& ledger, const Schedule& schedule,
                                            ledger::UnitId unit,
                                            std::span<const Money> budgets = {});

// The schedule file (docs/formats.md, "Schedule CSV"): header
// `scope,unit_code,line_code,date,percent` with scope region|unit|line (or 全区/单位/项目),
// date "MM-DD" (or a full date, whose year is ignored), percent "25" or "25%".
// Returns Error::invalid_input naming `file_name`, the row and the column.
Result<std::vector<ScheduleCurve>> parse_schedule_csv(std::string_view text,
                                                      const std::string& file_name);
// The spending-plan file: header `year,unit_code,line_code,month,amount` (amount in 元); the
// rows of one (year, unit, line) make one plan. `first_rows`, when given, receives the file row
// of each plan's first row (parallel to the result), for errors that name the row.
Result<std::vector<SpendingPlan>> parse_spending_plan_csv(
    std::string_view text, const std::string& file_name,
    std::vector<std::int64_t>* first_rows = nullptr);

// ---------------------------------------------------------------------------------------
// Options.

struct Thresholds {
  std::int64_t yellow_points =
      5;  // behind schedule by more than this many percentage points → yellow
  std::int64_t red_points = 10;  // … by more than this → red
  // Hard floors: by month/day, execution below `percent` → red (Guangzhou 2017: 80% by 10-31).
  struct Floor {
    int month = 10;
    int day = 31;
    std::int64_t percent = 80;
  };
  std::vector<Floor> floors{Floor{}};
  int no_payment_months = 3;     // no payment at all after this many months → warning
  int frequent_adjustments = 3;  // this many adjustments or more in the year → warning
  std::int64_t large_adjustment_percent =
      20;  // |Σ adjustments| / initial budget above this → warning
  // Advice is proposed only for at least this much (元), and this share of the line's budget.
  Money advice_minimum = Money::from_yuan(10000);
  std::int64_t advice_minimum_percent = 5;
  // Last day in the year on which a budget adjustment can be decided.
  int adjustment_month = 11;
  int adjustment_day = 30;
};

// Whether run_monitor writes every warning's reason and every advice's evidence (the default),
// or leaves them to describe() when shown (a dashboard showing the top 20 of 100,000).
enum class Texts : std::uint8_t { eager, on_demand };

struct MonitorOptions {
  Date as_of;
  Texts texts = Texts::eager;
  std::string unit_code;  // only this unit; empty = all
  Thresholds thresholds;
  Schedule schedule;
  std::vector<std::int64_t> cutoffs_percent{
      90, 95};  // P(year-end execution < cutoff); at most k_max_cutoffs
};

// Earlier years' spending curves, for the forecast: per line its year-end budget and what was
// paid in each month. Built once from the earlier years' ledgers (any order; a year equal to
// or after the monitored one is ignored by run_monitor).
struct HistoryYear {
  int fiscal_year = 0;
  struct Line {
    // What every monitoring run reads, together at the front (two cache lines of 300,000).
    std::int64_t budget_fen = 0;              // year-end adjusted budget
    std::array<std::int64_t, 12> paid_fen{};  // paid in each month
    // The pools of similar lines it feeds (History::pool_index), most specific first; -1: none.
    std::array<std::int32_t, 3> pools{-1, -1, -1};
    bool first_of_unit = false;  // lines are sorted by unit: the first of its unit
    std::uint64_t key = 0;       // line_key(unit_code, code): matches this year's line
    std::string unit_code;
    std::string code;
    model::ExpenditureKind kind = model::ExpenditureKind::basic;
    std::string function_code;
  };
  std::vector<Line> lines;  // sorted by (unit_code, code), as in the ledger
};
// The 64-bit identity of a line across years (FNV-1a of unit code and line code).
std::uint64_t line_key(std::string_view unit_code, std::string_view line_code);

struct History {
  std::vector<HistoryYear> years;
  // Pools of similar lines — "kind|function class (5 digits)", "kind|class (3)", "kind" —
  // numbered once here so that monitoring adds each earlier curve to its pools by index.
  std::unordered_map<std::string, std::int32_t> pool_index;
  static History from_ledgers(const std::vector<const ledger::Ledger*>& ledgers);
};

// The earlier years a forecast learns from when monitoring `fiscal_year`: those of
// `stored_years` at most k_history_years before it, oldest first. The one rule that `jixiao
// monitor`, the server's monitoring and dashboards, and the report all follow.
inline constexpr int k_history_years = 3;
std::vector<int> history_years(const std::vector<int>& stored_years, int fiscal_year);
// Loads those years' ledgers from `store` into a History. Error::storage when the store fails.
Result<History> load_history(store::Store& store, int fiscal_year);

// ---------------------------------------------------------------------------------------
// Results.

enum class Level : std::uint8_t { none, yellow, red };
std::string_view to_string(Level level);     // "none" / "yellow" / "red"
std::string_view chinese_name(Level level);  // "正常" / "黄色" / "红色"

enum class WarningKind : std::uint8_t {
  behind_schedule,       // 执行进度落后序时进度
  below_floor,           // 低于硬性进度底线
  over_budget,           // 超预算支出
  no_payment,            // 长期未支付
  frequent_adjustments,  // 调整频繁
  large_adjustments,     // 调整幅度大 (调整率)
  projected_overrun,     // 预计年末超支
};
std::string_view to_string(WarningKind kind);
std::string_view chinese_name(WarningKind kind);

struct Warning {
  WarningKind kind = WarningKind::behind_schedule;
  Level level = Level::yellow;
  std::string unit_code;
  std::string line_code;  // empty for a unit-level warning
  std::string name;       // line or unit name
  Money at_risk;          // money at risk: what the warnings are sorted by
  std::string reason;     // Chinese, with the numbers: describe(*this); empty with Texts::on_demand

  // The numbers behind the reason; which ones are set depends on the kind.
  Date as_of;
  Money paid, budget;
  Money amount;         // behind_schedule: expected by as_of; below_floor: the floor amount;
                        // *_adjustments: Σ adjustments; projected_overrun: P50
  Money initial;        // large_adjustments: the initial budget
  Money low, high;      // projected_overrun: P10, P90
  Rate schedule_share;  // behind_schedule
  ScheduleBasis basis = ScheduleBasis::linear;
  std::int64_t threshold = 0;  // points, percent, months or times, by kind
  int count = 0;               // adjustments made, or whole months passed
  int floor_month = 0, floor_day = 0;
};

// Where a forecast's shape came from.
enum class ForecastBasis : std::uint8_t { history, pooled, schedule, closed };
std::string_view to_string(ForecastBasis basis);
std::string_view chinese_name(ForecastBasis basis);

// At most this many cutoffs in MonitorOptions::cutoffs_percent.
inline constexpr std::size_t k_max_cutoffs = 4;

// P(year-end execution rate < cutoff), one per cutoff. Held inline: every line, unit and
// advice item carries one, and 150,000 small heap vectors were a tenth of a city's monitoring.
class Probabilities {
 public:
  // Requires: size() < k_max_cutoffs.
  void push_back(double p) { m_values[m_size++] = p; }
  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  double operator[](std::size_t i) const { return m_values[i]; }
  const double* begin() const { return m_values.data(); }
  const double* end() const { return m_values.data() + m_size; }

 private:
  std::array<double, k_max_cutoffs> m_values{};
  std::uint8_t m_size = 0;
};

struct Forecast {
  Money p10, p50, p90;  // projected year-end execution (执行数)
  ForecastBasis basis = ForecastBasis::schedule;
  int samples = 0;                  // earlier curves behind it
  Probabilities probability_below;  // one per options.cutoffs_percent
};

struct Figures {
  ledger::Totals totals;             // budget and paid up to as_of
  Money expected;                    // what the schedule expects paid by as_of
  Rate schedule_share;               // expected / budget
  std::array<Money, 12> by_month{};  // paid in each month up to as_of
  Money committed;                   // 合同未付余额 at as_of: signed contracts not yet paid
  int adjustment_count = 0;
  Forecast forecast;
  Level level = Level::none;  // worst warning
};

struct LineStatus {
  ledger::LineId line = 0;
  ScheduleBasis schedule_basis = ScheduleBasis::linear;
  Figures figures;
};

struct UnitStatus {
  ledger::UnitId unit = 0;
  Figures figures;
  Money risk;  // |budget − projected year-end execution|: what units are ranked by (after level)
};

enum class AdviceKind : std::uint8_t { reduce, transfer, overrun };
std::string_view chinese_name(AdviceKind kind);  // "调减" / "调剂" / "超支预警"

struct Advice {
  AdviceKind kind = AdviceKind::reduce;
  std::string unit_code;
  std::string line_code;
  std::string name;
  Money amount;     // to reduce or transfer away (or the projected overrun)
  Money paid;       // already paid
  Money committed;  // signed contracts not yet paid: the budget never goes below paid + committed
  Money budget_after;        // budget after the change (≥ paid + committed)
  std::string to_line_code;  // for a transfer: the line of the same unit projected to overrun
  std::string evidence;      // describe(*this, cutoffs); empty with Texts::on_demand
  Date deadline;

  // The numbers behind the evidence.
  Date as_of;
  Money budget;  // before the change
  Rate schedule_share;
  ScheduleBasis schedule_basis = ScheduleBasis::linear;
  Forecast forecast;
};

struct MonitorResult {
  int fiscal_year = 0;
  Date as_of;
  int history_years = 0;
  Figures figures;                // the whole ledger (or the one unit)
  std::vector<UnitStatus> units;  // ranked: red first, then yellow, then by risk
  std::vector<LineStatus> lines;  // in ledger order
  std::vector<Warning> warnings;  // sorted by money at risk, largest first
  std::vector<Advice> advice;     // sorted by amount, largest first
};

// The Chinese reason of a warning, with its numbers (what Warning::reason holds).
std::string describe(const Warning& warning);
// The evidence of an advice item (what Advice::evidence holds); `cutoffs_percent` as in the
// options.
std::string describe(const Advice& advice, const std::vector<std::int64_t>& cutoffs_percent);

// Monitors `ledger` at options.as_of.
// Returns Error::not_found when the ledger has no budget lines ("<year>年没有预算数据": the CLI
// and the server say it alike) or options.unit_code names no unit of the ledger, and
// Error::invalid_input when as_of lies outside the ledger's year or there are more than
// k_max_cutoffs cutoffs.
Result<MonitorResult> run_monitor(const ledger::Ledger& ledger, const History& history,
                                  const MonitorOptions& options);

// ---------------------------------------------------------------------------------------
// Output (docs/formats.md, "Monitor JSON"). Amounts in 元 as exact strings.

std::string monitor_to_json(const ledger::Ledger& ledger, const MonitorResult& result,
                            const MonitorOptions& options, int indent = 2);
// One row per warning, then one per advice:
// section,level,kind,unit_code,line_code,name,amount,reason.
std::string monitor_to_csv(const ledger::Ledger& ledger, const MonitorResult& result);
// The one-screen summary: totals, units ranked by risk (top `max_rows`), warnings, advice.
std::string monitor_to_table(const ledger::Ledger& ledger, const MonitorResult& result,
                             const MonitorOptions& options, std::size_t max_rows = 20);

}  // namespace jixiao::monitor

// monitor/schedule.cpp — 序时进度: linear by month, plan curves, monthly spending plans,
// and the schedule and spending-plan CSV files.
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "ingest/ingest.hpp"
#include "monitor/monitor.hpp"
#include "store/store.hpp"

namespace jixiao::monitor {
namespace {

// The day of `fiscal_year` for month/day; Feb 29 becomes Feb 28 in a common year.
int day_in(int fiscal_year, int month, int day) {
  day = std::min(day, days_in_month(fiscal_year, month));
  return Date::from_ymd(fiscal_year, month, day).day_of_year();
}

// The two files' columns (docs/formats.md §Schedule CSV, §Spending plan CSV), mapped by the one
// header rule of every import (ingest::map_columns).
const std::vector<ingest::ColumnSpec>& schedule_columns() {
  static const std::vector<ingest::ColumnSpec> k = {
      {"scope", {"scope"}, "text", true},         {"unit_code", {"unit_code"}, "code", true},
      {"line_code", {"line_code"}, "code", true}, {"date", {"date"}, "text", true},
      {"percent", {"percent"}, "text", true},
  };
  return k;
}
const std::vector<ingest::ColumnSpec>& spending_plan_columns() {
  static const std::vector<ingest::ColumnSpec> k = {
      {"year", {"year"}, "year", true},           {"unit_code", {"unit_code"}, "code", true},
      {"line_code", {"line_code"}, "code", true}, {"month", {"month"}, "text", true},
      {"amount", {"amount"}, "amount", true},
  };
  return k;
}

Result<std::int64_t> parse_percent_bp(std::string text, const Location& at) {
  if (!text.empty() && (text.back() == '%')) text.pop_back();
  // Percent with up to two decimals → basis points, exactly.
  auto m = parse_money(text);
  if (!m || m->fen() < 0 || m->fen() > 10000) {
    return fail(Error::invalid_input("不是 0–100 之间的百分比: \"" + text + "\"", at));
  }
  return m->fen();
}

Result<std::pair<int, int>> parse_month_day(const std::string& text, const Location& at) {
  int m = 0, d = 0;
  char dash = 0;
  if (text.size() == 5 && std::sscanf(text.c_str(), "%2d%c%2d", &m, &dash, &d) == 3 &&
      (dash == '-' || dash == '/') && Date::is_valid_ymd(2024, m, d)) {
    return std::pair{m, d};
  }
  auto full = parse_date(text);
  if (full) return std::pair{full->month(), full->day()};
  return fail(Error::invalid_input("不是日期 (MM-DD): \"" + text + "\"", at));
}

}  // namespace

std::string_view chinese_name(ScheduleBasis basis) {
  switch (basis) {
    case ScheduleBasis::linear:
      return "按月均衡序时进度";
    case ScheduleBasis::region_curve:
      return "全区进度计划";
    case ScheduleBasis::unit_curve:
      return "单位进度计划";
    case ScheduleBasis::line_curve:
      return "项目进度计划";
    case ScheduleBasis::spending_plan:
      return "用款计划";
  }
  return "按月均衡序时进度";
}

Rate linear_share(int fiscal_year, Date date) {
  if (date.year() < fiscal_year) return Rate(0, 12);
  if (date.year() > fiscal_year) return Rate(12, 12);
  const int k = days_in_month(fiscal_year, date.month());
  return Rate((date.month() - 1) * k + date.day(), 12 * k);
}

Rate curve_share(int fiscal_year, const std::vector<Checkpoint>& points, Date date) {
  if (date.year() < fiscal_year) return Rate(0, 10000);
  const int end = days_in_year(fiscal_year);
  const int d = date.year() > fiscal_year ? end : date.day_of_year();
  int d0 = 0;
  std::int64_t s0 = 0;
  for (const Checkpoint& p : points) {
    const int d1 = day_in(fiscal_year, p.month, p.day);
    if (d <= d1) {
      if (d1 == d0) return Rate(p.basis_points, 10000);
      return Rate(s0 * (d1 - d0) + (p.basis_points - s0) * (d - d0),
                  std::int64_t{10000} * (d1 - d0));
    }
    d0 = d1;
    s0 = p.basis_points;
  }
  if (d0 >= end) return Rate(s0, 10000);
  return Rate(s0 * (end - d0) + (10000 - s0) * (d - d0), std::int64_t{10000} * (end - d0));
}

Rate plan_share(const SpendingPlan& plan, Date date) {
  const std::int64_t total = plan.total().fen();
  if (date.year() < plan.fiscal_year) return Rate(0, total);
  if (date.year() > plan.fiscal_year) return Rate(total, total);
  const int k = days_in_month(plan.fiscal_year, date.month());
  std::int64_t before = 0;
  for (int m = 1; m < date.month(); ++m)
    before += plan.months[static_cast<std::size_t>(m - 1)].fen();
  const std::int64_t in_month = plan.months[static_cast<std::size_t>(date.month() - 1)].fen();
  return Rate(before * k + in_month * date.day(), total * k);
}

Result<Schedule> Schedule::make(std::vector<ScheduleCurve> curves,
                                std::vector<SpendingPlan> plans) {
  std::map<std::tuple<ScopeKind, std::string, std::string>, int> seen;
  for (auto& c : curves) {
    std::string scope = std::string(to_string(c.scope)) +
                        (c.unit_code.empty() ? "" : " " + c.unit_code) +
                        (c.line_code.empty() ? "" : " " + c.line_code);
    if (seen[{c.scope, c.unit_code, c.line_code}]++) {
      return fail(Error::invalid_input("进度计划重复: " + scope, {.field = "scope"}));
    }
    int last_day = 0;
    std::int64_t last_bp = 0;
    for (const auto& p : c.points) {
      const int d = day_in(2024, p.month, p.day);
      if (d <= last_day || p.basis_points < last_bp || p.basis_points > 10000) {
        return fail(Error::invalid_input(
            "进度计划 " + scope + " 的检查点须按日期递增、比例不减且不超过 100%",
            {.field = "points"}));
      }
      last_day = d;
      last_bp = p.basis_points;
    }
  }
  auto data = std::make_shared<Data>();
  data->curves = std::move(curves);
  data->plans = std::move(plans);
  for (std::size_t i = 0; i < data->curves.size(); ++i) {
    const auto& c = data->curves[i];
    switch (c.scope) {
      case ScopeKind::region:
        data->region_curve = i;
        break;
      case ScopeKind::unit:
        data->unit_curve.emplace(c.unit_code, i);
        break;
      case ScopeKind::line:
        data->line_curve.emplace(c.unit_code + '\x1f' + c.line_code, i);
        break;
    }
  }
  for (std::size_t i = 0; i < data->plans.size(); ++i) {
    const auto& p = data->plans[i];
    if (p.total().fen() > 0) {
      data->plan_index.emplace(
          std::to_string(p.fiscal_year) + '\x1f' + p.unit_code + '\x1f' + p.line_code, i);
    }
  }
  Schedule s;
  if (!data->curves.empty() || !data->plans.empty()) s.m_data = std::move(data);
  return s;
}

const std::vector<ScheduleCurve>& Schedule::curves() const {
  static const std::vector<ScheduleCurve> k_none;
  return m_data ? m_data->curves : k_none;
}

const std::vector<SpendingPlan>& Schedule::plans() const {
  static const std::vector<SpendingPlan> k_none;
  return m_data ? m_data->plans : k_none;
}

Schedule::Expected Schedule::expected(const model::BudgetLine& line, Date date) const {
  if (!m_data) return {linear_share(line.fiscal_year, date), ScheduleBasis::linear};
  const Data& d = *m_data;
  std::string key = line.unit_code + '\x1f' + line.code;
  if (!d.plan_index.empty()) {
    auto it = d.plan_index.find(std::to_string(line.fiscal_year) + '\x1f' + key);
    if (it != d.plan_index.end())
      return {plan_share(d.plans[it->second], date), ScheduleBasis::spending_plan};
  }
  if (auto it = d.line_curve.find(key); it != d.line_curve.end()) {
    return {curve_share(line.fiscal_year, d.curves[it->second].points, date),
            ScheduleBasis::line_curve};
  }
  if (auto it = d.unit_curve.find(line.unit_code); it != d.unit_curve.end()) {
    return {curve_share(line.fiscal_year, d.curves[it->second].points, date),
            ScheduleBasis::unit_curve};
  }
  if (d.region_curve) {
    return {curve_share(line.fiscal_year, d.curves[*d.region_curve].points, date),
            ScheduleBasis::region_curve};
  }
  return {linear_share(line.fiscal_year, date), ScheduleBasis::linear};
}

Result<Schedule> load_schedule(store::Store& store, int fiscal_year) {
  auto curves = store.schedules().curves();
  if (!curves) return fail(std::move(curves.error()));
  auto plans = store.schedules().spending_plans(fiscal_year);
  if (!plans) return fail(std::move(plans.error()));
  return Schedule::make(std::move(*curves), std::move(*plans));
}

Result<Schedule> overlay_schedule(const Schedule& base, std::vector<ScheduleCurve> curves,
                                  std::vector<SpendingPlan> plans) {
  std::vector<ScheduleCurve> all;
  for (const auto& c : base.curves()) {
    const bool replaced = std::any_of(curves.begin(), curves.end(), [&](const ScheduleCurve& n) {
      return n.scope == c.scope && n.unit_code == c.unit_code && n.line_code == c.line_code;
    });
    if (!replaced) all.push_back(c);
  }
  all.insert(all.end(), std::make_move_iterator(curves.begin()),
             std::make_move_iterator(curves.end()));
  std::vector<SpendingPlan> all_plans;
  for (const auto& p : base.plans()) {
    const bool replaced = std::any_of(plans.begin(), plans.end(), [&](const SpendingPlan& n) {
      return n.fiscal_year == p.fiscal_year && n.unit_code == p.unit_code &&
             n.line_code == p.line_code;
    });
    if (!replaced) all_plans.push_back(p);
  }
  all_plans.insert(all_plans.end(), std::make_move_iterator(plans.begin()),
                   std::make_move_iterator(plans.end()));
  return Schedule::make(std::move(all), std::move(all_plans));
}

std::array<Rate, 12> unit_schedule_by_month(const ledger::Ledger& ledger, const Schedule& schedule,
                                            ledger::UnitId unit, std::span<const Money> budgets) {
  const auto& ids = ledger.unit_lines()[unit];
  std::vector<std::int64_t> budget(ids.size());
  if (budgets.size() == ids.size()) {
    for (std::size_t k = 0; k < ids.size(); ++k) budget[k] = budgets[k].fen();
  } else {
    std::unordered_map<ledger::LineId, std::size_t> index;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      budget[k] = ledger.lines()[ids[k]].initial_budget.fen();
      index.emplace(ids[k], k);
    }
    const auto& adj = ledger.adjustments();
    for (std::size_t k = 0; k < adj.line.size(); ++k) {
      if (auto it = index.find(adj.line[k]); it != index.end()) budget[it->second] += adj.fen[k];
    }
  }
  std::int64_t total = 0;
  for (std::int64_t b : budget) total += b;
  const int year = ledger.fiscal_year();
  std::array<Rate, 12> out;
  for (int m = 1; m <= 12; ++m) {
    const Date end = Date::from_ymd(year, m, days_in_month(year, m));
    std::int64_t expected = 0;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const Rate share = schedule.expected(ledger.lines()[ids[k]], end).share;
      if (!share.defined()) continue;
      expected +=
          divide_half_up(static_cast<__int128>(budget[k]) * share.numerator(), share.denominator());
    }
    out[static_cast<std::size_t>(m - 1)] = Rate(expected, total);
  }
  return out;
}

Result<std::vector<ScheduleCurve>> parse_schedule_csv(std::string_view text,
                                                      const std::string& file_name) {
  auto table = ingest::parse_csv(std::string(text), file_name);
  if (!table) return fail(std::move(table.error()));
  auto fields = ingest::TableFields::map(*table, schedule_columns());
  if (!fields) return fail(std::move(fields.error()));
  std::map<std::tuple<ScopeKind, std::string, std::string>, ScheduleCurve> curves;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto row = table->row_numbers[r];
    auto cell = [&](std::string_view field) { return fields->cell(*table, r, field); };
    ScopeKind scope;
    std::string s = cell("scope");
    if (s == "region" || s == "全区" || s == "all")
      scope = ScopeKind::region;
    else if (s == "unit" || s == "单位")
      scope = ScopeKind::unit;
    else if (s == "line" || s == "项目")
      scope = ScopeKind::line;
    else
      return fail(Error::invalid_input("应为 region、unit 或 line: \"" + s + "\"",
                                       {.file = file_name, .row = row, .column = "scope"}));
    std::string unit = cell("unit_code"), line = cell("line_code");
    if (scope != ScopeKind::region && unit.empty()) {
      return fail(Error::invalid_input("单位或项目范围须填写单位编码",
                                       {.file = file_name, .row = row, .column = "unit_code"}));
    }
    if (scope == ScopeKind::line && line.empty()) {
      return fail(Error::invalid_input("项目范围须填写项目编码",
                                       {.file = file_name, .row = row, .column = "line_code"}));
    }
    if (scope == ScopeKind::region) unit.clear();
    if (scope != ScopeKind::line) line.clear();
    auto md = parse_month_day(cell("date"), {.file = file_name, .row = row, .column = "date"});
    if (!md) return fail(std::move(md.error()));
    auto bp =
        parse_percent_bp(cell("percent"), {.file = file_name, .row = row, .column = "percent"});
    if (!bp) return fail(std::move(bp.error()));
    auto& c = curves[{scope, unit, line}];
    c.scope = scope;
    c.unit_code = unit;
    c.line_code = line;
    c.points.push_back({md->first, md->second, *bp});
  }
  std::vector<ScheduleCurve> out;
  for (auto& [key, c] : curves) {
    std::stable_sort(c.points.begin(), c.points.end(), [](const auto& a, const auto& b) {
      return std::tie(a.month, a.day) < std::tie(b.month, b.day);
    });
    out.push_back(std::move(c));
  }
  auto check = Schedule::make(out, {});
  if (!check) return fail(std::move(check.error().at({.file = file_name})));
  return out;
}

Result<std::vector<SpendingPlan>> parse_spending_plan_csv(std::string_view text,
                                                          const std::string& file_name,
                                                          std::vector<std::int64_t>* first_rows) {
  auto table = ingest::parse_csv(std::string(text), file_name);
  if (!table) return fail(std::move(table.error()));
  auto fields = ingest::TableFields::map(*table, spending_plan_columns());
  if (!fields) return fail(std::move(fields.error()));
  std::map<std::tuple<int, std::string, std::string>, std::pair<SpendingPlan, std::int64_t>> plans;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto row = table->row_numbers[r];
    auto cell = [&](std::string_view field) { return fields->cell(*table, r, field); };
    const auto fiscal_year = parse_fiscal_year(cell("year"));
    if (!fiscal_year) {
      return fail(Error::invalid_input("不是年度: \"" + cell("year") + "\"",
                                       {.file = file_name, .row = row, .column = "year"}));
    }
    const int year = *fiscal_year;
    int month = 0;
    if (std::sscanf(cell("month").c_str(), "%d", &month) != 1 || month < 1 || month > 12) {
      return fail(Error::invalid_input("不是 1–12 的月份: \"" + cell("month") + "\"",
                                       {.file = file_name, .row = row, .column = "month"}));
    }
    if (cell("unit_code").empty() || cell("line_code").empty()) {
      return fail(Error::invalid_input("须填写单位编码和项目编码",
                                       {.file = file_name, .row = row, .column = "line_code"}));
    }
    auto amount = parse_money(cell("amount"));
    if (!amount)
      return fail(
          std::move(amount.error().at({.file = file_name, .row = row, .column = "amount"})));
    auto it =
        plans.try_emplace({year, cell("unit_code"), cell("line_code")}, SpendingPlan{}, row).first;
    auto& p = it->second.first;
    p.fiscal_year = year;
    p.unit_code = cell("unit_code");
    p.line_code = cell("line_code");
    p.months[static_cast<std::size_t>(month - 1)] += *amount;
  }
  std::vector<SpendingPlan> out;
  if (first_rows) first_rows->clear();
  for (auto& [k, p] : plans) {
    out.push_back(std::move(p.first));
    if (first_rows) first_rows->push_back(p.second);
  }
  return out;
}

}  // namespace jixiao::monitor

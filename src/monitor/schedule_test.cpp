// monitor/schedule_test.cpp — 序时进度 arithmetic: linear by month, curves, plans, files.
#include <gtest/gtest.h>

#include "monitor/monitor.hpp"

namespace jixiao::monitor {
namespace {

struct ShareCase {
  int year, month, day;
  std::string percent;  // percent(2)
};

TEST(LinearShare, MonthEndsAreMTwelfths) {
  for (const auto& c : std::vector<ShareCase>{{2022, 3, 31, "25.00"},
                                              {2022, 6, 30, "50.00"},
                                              {2022, 9, 30, "75.00"},
                                              {2022, 11, 30, "91.67"},
                                              {2022, 12, 31, "100.00"},
                                              {2022, 1, 31, "8.33"}}) {
    EXPECT_EQ(linear_share(c.year, Date::from_ymd(c.year, c.month, c.day)).percent(2), c.percent)
        << c.month << "-" << c.day;
  }
}

TEST(LinearShare, InsideAMonthByDayAndLeapFebruary) {
  // 2022-09-15: (8 + 15/30) / 12 = 70.83%
  EXPECT_EQ(linear_share(2022, Date::from_ymd(2022, 9, 15)).percent(2), "70.83");
  // Feb 14 of a leap year: (1 + 14/29) / 12 = 12.36%; of a common year (1 + 14/28)/12 = 12.50%
  EXPECT_EQ(linear_share(2024, Date::from_ymd(2024, 2, 14)).percent(2), "12.36");
  EXPECT_EQ(linear_share(2023, Date::from_ymd(2023, 2, 14)).percent(2), "12.50");
  EXPECT_EQ(linear_share(2024, Date::from_ymd(2024, 2, 29)).percent(2), "16.67");
  EXPECT_EQ(linear_share(2024, Date::from_ymd(2023, 12, 31)).percent(2), "0.00");
}

TEST(CurveShare, CheckpointsAndLinearBetweenByDay) {
  std::vector<Checkpoint> pts{{3, 31, 2500}, {6, 30, 5000}, {10, 31, 8000}};
  EXPECT_EQ(curve_share(2022, pts, Date::from_ymd(2022, 3, 31)).percent(2), "25.00");
  EXPECT_EQ(curve_share(2022, pts, Date::from_ymd(2022, 6, 30)).percent(2), "50.00");
  EXPECT_EQ(curve_share(2022, pts, Date::from_ymd(2022, 10, 31)).percent(2), "80.00");
  EXPECT_EQ(curve_share(2022, pts, Date::from_ymd(2022, 12, 31)).percent(2), "100.00");
  // 2022-09-30 is day 273; 06-30 day 181, 10-31 day 304: 50 + 30·92/123 = 72.44%
  EXPECT_EQ(curve_share(2022, pts, Date::from_ymd(2022, 9, 30)).percent(2), "72.44");
  // Leap year: 03-31 is day 91 → 25% there; 02-29 is day 60 → 25·60/91 = 16.48%
  EXPECT_EQ(curve_share(2024, pts, Date::from_ymd(2024, 3, 31)).percent(2), "25.00");
  EXPECT_EQ(curve_share(2024, pts, Date::from_ymd(2024, 2, 29)).percent(2), "16.48");
  EXPECT_EQ(curve_share(2023, pts, Date::from_ymd(2023, 2, 28)).percent(2),
            "16.39");  // 25·59/90: day 59 of 90
}

TEST(PlanShare, WholeMonthsPlusDayShare) {
  SpendingPlan p{"U1", "L1", 2022, {}};
  p.months[0] = Money::from_yuan(100);
  p.months[5] = Money::from_yuan(300);
  p.months[11] = Money::from_yuan(600);
  EXPECT_EQ(plan_share(p, Date::from_ymd(2022, 1, 31)).percent(2), "10.00");
  EXPECT_EQ(plan_share(p, Date::from_ymd(2022, 6, 15)).percent(2), "25.00");  // 100 + 300·15/30
  EXPECT_EQ(plan_share(p, Date::from_ymd(2022, 9, 30)).percent(2), "40.00");
  EXPECT_EQ(plan_share(p, Date::from_ymd(2022, 12, 31)).percent(2), "100.00");
}

TEST(Schedule, LinePlanWinsOverLineUnitAndRegionCurves) {
  model::BudgetLine l1{
      "U1", 2022, "L1", "x", model::ExpenditureKind::project, "", "", "", Money::from_yuan(100)};
  model::BudgetLine l2 = l1, l3 = l1;
  l2.code = "L2";
  l3.unit_code = "U2";
  SpendingPlan plan{"U1", "L1", 2022, {}};
  plan.months[0] = Money::from_yuan(1);
  auto s = Schedule::make(
      {{ScopeKind::region, "", "", {{6, 30, 2000}}}, {ScopeKind::unit, "U1", "", {{6, 30, 4000}}}},
      {plan});
  ASSERT_TRUE(s);
  Date d = Date::from_ymd(2022, 6, 30);
  EXPECT_EQ(s->expected(l1, d).basis, ScheduleBasis::spending_plan);
  EXPECT_EQ(s->expected(l1, d).share.percent(0), "100");
  EXPECT_EQ(s->expected(l2, d).basis, ScheduleBasis::unit_curve);
  EXPECT_EQ(s->expected(l2, d).share.percent(0), "40");
  EXPECT_EQ(s->expected(l3, d).basis, ScheduleBasis::region_curve);
  EXPECT_EQ(s->expected(l3, d).share.percent(0), "20");
  EXPECT_EQ(Schedule().expected(l3, d).basis, ScheduleBasis::linear);
}

TEST(ScheduleCsv, ParsesAndReportsRowAndColumn) {
  auto ok = parse_schedule_csv(
      "scope,unit_code,line_code,date,percent\nregion,,,03-31,25\nregion,,,06-30,50%\n"
      "unit,U1,,10-31,80\n",
      "s.csv");
  ASSERT_TRUE(ok) << ok.error().to_string();
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].points.size(), 2u);
  EXPECT_EQ((*ok)[0].points[1].basis_points, 5000);

  auto bad =
      parse_schedule_csv("scope,unit_code,line_code,date,percent\nregion,,,13-31,25\n", "s.csv");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().to_string(), "s.csv:2:date: 不是日期 (MM-DD): \"13-31\"");
  auto down = parse_schedule_csv(
      "scope,unit_code,line_code,date,percent\nregion,,,03-31,50\nregion,,,06-30,40\n", "s.csv");
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().message(), "进度计划 region 的检查点须按日期递增、比例不减且不超过 100%");
  auto missing = parse_schedule_csv("scope,unit_code,date,percent\n", "s.csv");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().to_string(),
            "s.csv: 表头无法识别，未导入任何数据\n  s.csv:1: 缺少必需的列: line_code");
}

// The year is a fiscal year by the one rule (core/date.hpp): "2022年" is not read as 2022.
TEST(SpendingPlanCsv, YearIsAFiscalYear) {
  auto p = parse_spending_plan_csv("year,unit_code,line_code,month,amount\n2022年,U1,L1,1,100\n",
                                   "p.csv");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().to_string(), "p.csv:2:year: 不是年度: \"2022年\"");
}

TEST(SpendingPlanCsv, SumsMonths) {
  auto p = parse_spending_plan_csv(
      "year,unit_code,line_code,month,amount\n2022,U1,L1,1,100.00\n2022,U1,L1,12,900\n", "p.csv");
  ASSERT_TRUE(p) << p.error().to_string();
  ASSERT_EQ(p->size(), 1u);
  EXPECT_EQ((*p)[0].total().fen(), 100000);
  auto bad =
      parse_spending_plan_csv("year,unit_code,line_code,month,amount\n2022,U1,L1,13,1\n", "p.csv");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().to_string(), "p.csv:2:month: 不是 1–12 的月份: \"13\"");
}

// U1: A 120 元, B 240 元; U2: C 100 元 (another unit, never counted in U1's share).
ledger::Ledger two_unit_ledger(std::vector<model::Adjustment> adjustments = {}) {
  auto line = [](std::string unit, std::string code, std::int64_t yuan) {
    return model::BudgetLine{std::move(unit),
                             2022,
                             std::move(code),
                             "x",
                             model::ExpenditureKind::project,
                             "",
                             "",
                             "",
                             Money::from_yuan(yuan)};
  };
  return ledger::Ledger::build(2022, {{"U1", "单位一", ""}, {"U2", "单位二", ""}},
                               {line("U1", "A", 120), line("U1", "B", 240), line("U2", "C", 100)},
                               adjustments, {});
}

std::pair<std::int64_t, std::int64_t> parts(const Rate& r) {
  return {r.numerator(), r.denominator()};
}

TEST(UnitScheduleByMonth, LinearIsMTwelfthsOfTheUnitsBudget) {
  auto l = two_unit_ledger();
  auto by_month = unit_schedule_by_month(l, Schedule(), *l.find_unit("U1"));
  for (int m = 1; m <= 12; ++m) {
    EXPECT_EQ(parts(by_month[static_cast<std::size_t>(m - 1)]),
              (std::pair<std::int64_t, std::int64_t>(3000 * m, 36000)))
        << m;
  }
}

TEST(UnitScheduleByMonth, EachLineItsOwnCurveWeightedByBudget) {
  auto l = two_unit_ledger();
  // A follows its own line curve (80% by 06-30); B has none and stays linear.
  auto s = Schedule::make({{ScopeKind::line, "U1", "A", {{6, 30, 8000}}}}, {});
  ASSERT_TRUE(s);
  auto by_month = unit_schedule_by_month(l, *s, *l.find_unit("U1"));
  // Jan 31: A 12000 分 × 80% × 31/181 = 1644.2 → 1644 分; B 24000 / 12 = 2000.
  EXPECT_EQ(parts(by_month[0]), (std::pair<std::int64_t, std::int64_t>(3644, 36000)));
  // Jun 30: A 9600 + B 12000.
  EXPECT_EQ(parts(by_month[5]), (std::pair<std::int64_t, std::int64_t>(21600, 36000)));
  EXPECT_EQ(parts(by_month[11]), (std::pair<std::int64_t, std::int64_t>(36000, 36000)));
  // U2's line is not the curve's: linear.
  EXPECT_EQ(parts(unit_schedule_by_month(l, *s, *l.find_unit("U2"))[5]),
            (std::pair<std::int64_t, std::int64_t>(5000, 10000)));
}

TEST(UnitScheduleByMonth, ALinesSpendingPlanWinsAndBudgetsCanBeGiven) {
  auto l = two_unit_ledger();
  SpendingPlan plan{"U1", "B", 2022, {}};
  plan.months[2] = Money::from_yuan(100);
  plan.months[8] = Money::from_yuan(300);
  auto s = Schedule::make({{ScopeKind::unit, "U1", "", {{6, 30, 1000}}}}, {plan});
  ASSERT_TRUE(s);
  auto by_month = unit_schedule_by_month(l, *s, *l.find_unit("U1"));
  // Mar 31: A by the unit curve 10% × 90/181 of 12000 = 596.7 → 597; B by its plan 100/400 of 24000
  // = 6000.
  EXPECT_EQ(parts(by_month[2]), (std::pair<std::int64_t, std::int64_t>(6597, 36000)));
  // Sep 30: A 10% + 90% × (273 − 181)/(365 − 181) = 55% of 12000 = 6600; B 100%.
  EXPECT_EQ(parts(by_month[8]), (std::pair<std::int64_t, std::int64_t>(30600, 36000)));
  // Budgets given (the adjusted budgets at the date shown) weigh instead of the ledger's.
  const std::vector<Money> budgets{Money::from_yuan(240), Money::from_yuan(0)};
  EXPECT_EQ(parts(unit_schedule_by_month(l, *s, *l.find_unit("U1"), budgets)[8]),
            (std::pair<std::int64_t, std::int64_t>(13200, 24000)));
}

TEST(UnitScheduleByMonth, WeighsByTheBudgetAfterAdjustments) {
  auto l = two_unit_ledger(
      {{"U1", 2022, "A", Date::from_ymd(2022, 5, 1), Money::from_yuan(120), "文", "追加"}});
  auto by_month = unit_schedule_by_month(l, Schedule(), *l.find_unit("U1"));
  EXPECT_EQ(parts(by_month[5]), (std::pair<std::int64_t, std::int64_t>(24000, 48000)));
}

TEST(OverlaySchedule, AFilesCurveOrPlanReplacesTheStoredOneOfItsScope) {
  SpendingPlan stored_plan{"U1", "B", 2022, {}};
  stored_plan.months[0] = Money::from_yuan(1);
  SpendingPlan other_plan = stored_plan;
  other_plan.line_code = "A";
  auto base = Schedule::make(
      {{ScopeKind::region, "", "", {{6, 30, 4000}}}, {ScopeKind::unit, "U1", "", {{6, 30, 6000}}}},
      {stored_plan, other_plan});
  ASSERT_TRUE(base);
  SpendingPlan file_plan = stored_plan;
  file_plan.months[0] = Money();
  file_plan.months[11] = Money::from_yuan(5);
  auto s = overlay_schedule(*base, {{ScopeKind::unit, "U1", "", {{6, 30, 7000}}}}, {file_plan});
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_EQ(s->curves().size(), 2u);
  EXPECT_EQ(s->curves()[0].scope, ScopeKind::region);
  EXPECT_EQ(s->curves()[1].points, (std::vector<Checkpoint>{{6, 30, 7000}}));
  ASSERT_EQ(s->plans().size(), 2u);
  EXPECT_EQ(s->plans()[0].line_code, "A");
  EXPECT_EQ(s->plans()[1].months[11], Money::from_yuan(5));
  EXPECT_EQ(s->plans()[1].months[0], Money());
  // Two curves of one scope given together are still an error.
  EXPECT_FALSE(overlay_schedule(
      *base, {{ScopeKind::unit, "U1", "", {}}, {ScopeKind::unit, "U1", "", {}}}, {}));
}

}  // namespace
}  // namespace jixiao::monitor

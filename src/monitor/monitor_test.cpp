// monitor/monitor_test.cpp — warnings with their exact reasons, the forecast on curves whose
// answer is known, and advice that never goes below what is paid.
#include "monitor/monitor.hpp"

#include <gtest/gtest.h>

#include <random>

namespace jixiao::monitor {
namespace {

using model::ExpenditureKind;

constexpr std::int64_t k_wan = 1000000;  // 1 万元 in 分

model::BudgetLine line(std::string code, std::int64_t initial_wan,
                       ExpenditureKind kind = ExpenditureKind::project,
                       std::string function_code = "2010104", int year = 2022,
                       std::string unit = "U1") {
  return {std::move(unit), year,           std::move(code),
          "项目",          kind,           std::move(function_code),
          "30215",         "一般公共预算", Money::from_fen(initial_wan * k_wan)};
}
model::Payment pay(std::string code, int year, int month, int day, std::int64_t fen,
                   std::string unit = "U1") {
  static int voucher = 0;
  return {std::move(unit),
          year,
          std::move(code),
          Date::from_ymd(year, month, day),
          Money::from_fen(fen),
          "",
          "V" + std::to_string(++voucher),
          ""};
}

MonitorOptions at(int year, int month, int day) {
  MonitorOptions o;
  o.as_of = Date::from_ymd(year, month, day);
  return o;
}

const Warning* find(const MonitorResult& r, WarningKind kind, const std::string& line_code) {
  for (const auto& w : r.warnings) {
    if (w.kind == kind && w.line_code == line_code) return &w;
  }
  return nullptr;
}

// L1 60% paid (red), L2 68% (yellow), L3 nothing, L4 over budget, L5 adjusted three times by +1 万.
ledger::Ledger warning_ledger() {
  std::vector<model::BudgetLine> lines{line("L1", 100), line("L2", 10), line("L3", 10),
                                       line("L4", 10), line("L5", 10)};
  std::vector<model::Adjustment> adj;
  for (int m : {2, 4, 6})
    adj.push_back(
        {"U1", 2022, "L5", Date::from_ymd(2022, m, 10), Money::from_fen(k_wan), "文", "追加"});
  std::vector<model::Payment> p{
      pay("L1", 2022, 3, 1, 60 * k_wan), pay("L2", 2022, 5, 1, 68 * k_wan / 10),
      pay("L4", 2022, 8, 1, 12 * k_wan), pay("L5", 2022, 9, 1, 10 * k_wan)};
  return ledger::Ledger::build(2022, {{"U1", "单位一", ""}}, lines, adj, p);
}

TEST(Warnings, BehindScheduleRedAndYellowWithExactReasons) {
  auto l = warning_ledger();
  auto r = run_monitor(l, {}, at(2022, 9, 30));
  ASSERT_TRUE(r) << r.error().to_string();
  const Warning* red = find(*r, WarningKind::behind_schedule, "L1");
  ASSERT_NE(red, nullptr);
  EXPECT_EQ(red->level, Level::red);
  EXPECT_EQ(red->at_risk.fen(), 15 * k_wan);
  EXPECT_EQ(red->reason,
            "截至2022-09-30已支付60.00万元，执行率60.0%，按月均衡序时进度75.0%，落后15."
            "0个百分点（红色阈值10个百分点），"
            "应支付75.00万元，差15.00万元");
  const Warning* yellow = find(*r, WarningKind::behind_schedule, "L2");
  ASSERT_NE(yellow, nullptr);
  EXPECT_EQ(yellow->level, Level::yellow);
  EXPECT_EQ(yellow->reason,
            "截至2022-09-30已支付6.80万元，执行率68.0%，按月均衡序时进度75.0%，落后7."
            "0个百分点（黄色阈值5个百分点），"
            "应支付7.50万元，差0.70万元");
}

// The rule the CLI and the server once each wrote: a year without budget lines is not found.
TEST(Monitor, AYearWithoutBudgetIsNotFound) {
  const auto empty = ledger::Ledger::build(2023, {}, {}, {}, {});
  auto r = run_monitor(empty, {}, at(2023, 9, 30));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::not_found);
  EXPECT_EQ(r.error().message(), "2023年没有预算数据");
}

TEST(Warnings, TextsOnDemandAreTheSameTexts) {
  auto l = warning_ledger();
  auto eager = run_monitor(l, {}, at(2022, 9, 30));
  auto o = at(2022, 9, 30);
  o.texts = Texts::on_demand;
  auto lazy = run_monitor(l, {}, o);
  ASSERT_TRUE(eager && lazy);
  ASSERT_EQ(eager->warnings.size(), lazy->warnings.size());
  for (std::size_t i = 0; i < lazy->warnings.size(); ++i) {
    EXPECT_TRUE(lazy->warnings[i].reason.empty());
    EXPECT_EQ(describe(lazy->warnings[i]), eager->warnings[i].reason);
  }
  ASSERT_EQ(eager->advice.size(), lazy->advice.size());
  for (std::size_t i = 0; i < lazy->advice.size(); ++i) {
    EXPECT_EQ(describe(lazy->advice[i], o.cutoffs_percent), eager->advice[i].evidence);
  }
}

TEST(Warnings, ThresholdsAreConfigurable) {
  auto l = warning_ledger();
  auto o = at(2022, 9, 30);
  o.thresholds.yellow_points = 8;
  o.thresholds.red_points = 20;
  auto r = run_monitor(l, {}, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(find(*r, WarningKind::behind_schedule, "L2"), nullptr);  // 7 points: below 8
  EXPECT_EQ(find(*r, WarningKind::behind_schedule, "L1")->level,
            Level::yellow);  // 15: between 8 and 20
}

TEST(Warnings, NoPaymentOverBudgetAndAdjustments) {
  auto l = warning_ledger();
  auto r = run_monitor(l, {}, at(2022, 9, 30));
  ASSERT_TRUE(r);
  const Warning* none = find(*r, WarningKind::no_payment, "L3");
  ASSERT_NE(none, nullptr);
  EXPECT_EQ(none->level, Level::red);  // 9 months ≥ 2 × 3
  EXPECT_EQ(none->reason, "预算10.00万元，已过9个月仍无支付（阈值3个月）");
  const Warning* over = find(*r, WarningKind::over_budget, "L4");
  ASSERT_NE(over, nullptr);
  EXPECT_EQ(over->at_risk.fen(), 2 * k_wan);
  EXPECT_EQ(over->reason, "已支付12.00万元，超过调整后预算10.00万元，超支2.00万元");
  const Warning* freq = find(*r, WarningKind::frequent_adjustments, "L5");
  ASSERT_NE(freq, nullptr);
  EXPECT_EQ(freq->reason, "年内调整3次（阈值3次），调整合计3.00万元");
  const Warning* large = find(*r, WarningKind::large_adjustments, "L5");
  ASSERT_NE(large, nullptr);
  EXPECT_EQ(large->reason, "调整合计3.00万元，调整率30.0%（年初预算10.00万元，阈值20%）");
  // Sorted by money at risk: the unit's 18.45万 behind schedule (75% of 143万 − 88.8万) first.
  for (std::size_t i = 1; i < r->warnings.size(); ++i)
    EXPECT_GE(r->warnings[i - 1].at_risk, r->warnings[i].at_risk);
  EXPECT_EQ(r->warnings.front().line_code, "");
  EXPECT_EQ(r->warnings.front().at_risk.fen(), 1845 * k_wan / 100);
}

TEST(Warnings, HardFloorAfterItsDate) {
  auto l = warning_ledger();
  auto before = run_monitor(l, {}, at(2022, 10, 30));
  ASSERT_TRUE(before);
  EXPECT_EQ(find(*before, WarningKind::below_floor, "L1"), nullptr);
  auto after = run_monitor(l, {}, at(2022, 10, 31));
  ASSERT_TRUE(after);
  const Warning* w = find(*after, WarningKind::below_floor, "L1");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->level, Level::red);
  EXPECT_EQ(w->at_risk.fen(), 20 * k_wan);
  EXPECT_EQ(w->reason, "截至2022-10-31执行率60.0%，低于10月31日前须达到的80%进度底线，差20.00万元");
}

TEST(Monitor, RejectsAsOfOutsideTheYearAndUnknownUnit) {
  auto l = warning_ledger();
  auto r = run_monitor(l, {}, at(2023, 1, 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "--as-of: 日期须在2022年内: 2023-01-01");
  auto o = at(2022, 9, 30);
  o.unit_code = "NOPE";
  auto u = run_monitor(l, {}, o);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().message(), "没有这个单位: NOPE");
  auto many = at(2022, 9, 30);
  many.cutoffs_percent = {80, 85, 90, 95, 99};
  auto c = run_monitor(l, {}, many);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message(), "最多4个概率阈值（cutoffs_percent）");
}

// Earlier years where every line pays half its budget by June and 90% by December.
std::vector<ledger::Ledger> known_history(const std::vector<std::string>& codes) {
  std::vector<ledger::Ledger> out;
  for (int y : {2019, 2020, 2021}) {
    std::vector<model::BudgetLine> lines;
    std::vector<model::Payment> p;
    for (const auto& c : codes) {
      lines.push_back(line(c, 100, ExpenditureKind::project, "2010104", y));
      p.push_back(pay(c, y, 3, 15, 30 * k_wan));
      p.push_back(pay(c, y, 6, 20, 20 * k_wan));
      p.push_back(pay(c, y, 11, 5, 25 * k_wan));
      p.push_back(pay(c, y, 12, 28, 15 * k_wan));
    }
    out.push_back(ledger::Ledger::build(y, {{"U1", "单位一", ""}}, lines, {}, p));
  }
  return out;
}

History history_of(const std::vector<ledger::Ledger>& ls) {
  std::vector<const ledger::Ledger*> ptrs;
  for (const auto& l : ls) ptrs.push_back(&l);
  return History::from_ledgers(ptrs);
}

TEST(Forecast, SameLineHistoryGivesTheKnownYearEnd) {
  auto hist = known_history({"A"});
  auto cur =
      ledger::Ledger::build(2022, {{"U1", "单位一", ""}}, {line("A", 200)}, {},
                            {pay("A", 2022, 2, 1, 60 * k_wan), pay("A", 2022, 6, 1, 40 * k_wan)});
  auto r = run_monitor(cur, history_of(hist), at(2022, 6, 30));
  ASSERT_TRUE(r) << r.error().to_string();
  const auto& f = r->lines[0].figures.forecast;
  EXPECT_EQ(f.basis, ForecastBasis::history);
  EXPECT_EQ(f.samples, 3);
  // g = (90 − 50) / (100 − 50) = 0.8 every year → 100 + 0.8 × 100 = 180 万元.
  EXPECT_EQ(f.p50.fen(), 180 * k_wan);
  EXPECT_LT(f.p10.fen(), f.p50.fen());
  EXPECT_GT(f.p90.fen(), f.p50.fen());
  EXPECT_GE(f.p10.fen(), 100 * k_wan);  // never below paid
  ASSERT_EQ(f.probability_below.size(), 2u);
  EXPECT_NEAR(f.probability_below[0], 0.5, 1e-9);  // 90% is the median
  EXPECT_GT(f.probability_below[1], 0.9);          // 95% is well above it
  // At year end the forecast is what was paid.
  auto end = run_monitor(cur, history_of(hist), at(2022, 12, 31));
  ASSERT_TRUE(end);
  EXPECT_EQ(end->lines[0].figures.forecast.p10.fen(), 100 * k_wan);
  EXPECT_EQ(end->lines[0].figures.forecast.p90.fen(), 100 * k_wan);
}

TEST(Forecast, NewLineFallsBackToPooledSimilarLinesThenSchedule) {
  auto hist = known_history({"A", "B", "C", "D", "E", "F", "G", "H", "I"});
  auto cur = ledger::Ledger::build(
      2022, {{"U1", "单位一", ""}},
      {line("NEW", 100), line("OTHER", 100, ExpenditureKind::basic, "2080505")}, {},
      {pay("NEW", 2022, 5, 1, 50 * k_wan), pay("OTHER", 2022, 5, 1, 50 * k_wan)});
  auto r = run_monitor(cur, history_of(hist), at(2022, 6, 30));
  ASSERT_TRUE(r);
  const auto& pooled = r->lines[0].figures.forecast;
  EXPECT_EQ(pooled.basis, ForecastBasis::pooled);
  EXPECT_EQ(pooled.samples, 27);
  EXPECT_NEAR(static_cast<double>(pooled.p50.fen()), 90.0 * k_wan, 0.001 * k_wan);
  // A basic line of another function class has no similar lines: the schedule. Paid 50% at
  // 50% of the year, on pace (g_pace = 1): g = 0.5 × 1 + 0.5 × 0.9 = 0.95 → 50 + 47.5 万元.
  const auto& sched = r->lines[1].figures.forecast;
  EXPECT_EQ(sched.basis, ForecastBasis::schedule);
  EXPECT_EQ(sched.p50.fen(), 975 * k_wan / 10);
  EXPECT_LT(sched.p10.fen(), sched.p50.fen());
}

TEST(Forecast, UnitAndLedgerUseTheirOwnHistory) {
  auto hist = known_history({"A", "B"});
  auto cur =
      ledger::Ledger::build(2022, {{"U1", "单位一", ""}}, {line("A", 100), line("B", 100)}, {},
                            {pay("A", 2022, 2, 1, 50 * k_wan), pay("B", 2022, 2, 1, 50 * k_wan)});
  auto r = run_monitor(cur, history_of(hist), at(2022, 6, 30));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->units[0].figures.forecast.basis, ForecastBasis::history);
  EXPECT_EQ(r->units[0].figures.forecast.p50.fen(), 180 * k_wan);
  EXPECT_EQ(r->figures.forecast.p50.fen(), 180 * k_wan);
  EXPECT_EQ(r->history_years, 3);
}

TEST(Advice, ReducesProjectedUnspentAndTransfersToOverrun) {
  // L2 overspent by 10% in each earlier year (half paid by June); L1 is new and has paid 10% by
  // June.
  std::vector<ledger::Ledger> hist;
  for (int y : {2019, 2020, 2021}) {
    hist.push_back(ledger::Ledger::build(
        y, {{"U1", "单位一", ""}}, {line("L2", 100, ExpenditureKind::project, "2010104", y)}, {},
        {pay("L2", y, 4, 1, 50 * k_wan), pay("L2", y, 12, 1, 60 * k_wan)}));
  }
  auto cur =
      ledger::Ledger::build(2022, {{"U1", "单位一", ""}}, {line("L1", 100), line("L2", 100)}, {},
                            {pay("L1", 2022, 3, 1, 10 * k_wan), pay("L2", 2022, 5, 1, 50 * k_wan)});
  auto r = run_monitor(cur, history_of(hist), at(2022, 6, 30));
  ASSERT_TRUE(r);
  const Advice* cut = nullptr;
  const Advice* over = nullptr;
  for (const auto& a : r->advice) (a.line_code == "L1" ? cut : over) = &a;
  ASSERT_NE(cut, nullptr);
  ASSERT_NE(over, nullptr);
  EXPECT_EQ(over->kind, AdviceKind::overrun);
  EXPECT_EQ(over->amount.fen(), 10 * k_wan);  // 50 + 1.2 × 50 = 110 万元
  EXPECT_EQ(cut->kind, AdviceKind::transfer);
  EXPECT_EQ(cut->to_line_code, "L2");
  EXPECT_GE(cut->budget_after, cut->paid);
  EXPECT_GE(cut->budget_after, r->lines[0].figures.forecast.p90);
  EXPECT_EQ(cut->amount.fen() % 10000, 0);
  EXPECT_EQ(cut->deadline, Date::from_ymd(2022, 7, 31));
  EXPECT_NE(cut->evidence.find("已支付10.00万元"), std::string::npos) << cut->evidence;
  EXPECT_NE(find(*r, WarningKind::projected_overrun, "L2"), nullptr);
}

TEST(Advice, NoReductionAfterTheAdjustmentDeadline) {
  auto cur = ledger::Ledger::build(2022, {{"U1", "单位一", ""}}, {line("L1", 100)}, {},
                                   {pay("L1", 2022, 3, 1, 10 * k_wan)});
  auto nov = run_monitor(cur, {}, at(2022, 11, 30));
  ASSERT_TRUE(nov);
  ASSERT_EQ(nov->advice.size(), 1u);
  EXPECT_EQ(nov->advice[0].deadline, Date::from_ymd(2022, 11, 30));
  auto dec = run_monitor(cur, {}, at(2022, 12, 1));
  ASSERT_TRUE(dec);
  EXPECT_TRUE(dec->advice.empty());
}

TEST(Advice, NeverBelowPaidPlusCommitted) {
  // 100 万 budget, 10 万 paid by March: without contracts the schedule forecast leaves much
  // unspent. A contract with 70 万 unpaid (stated on 06-30, superseding 80 万 on 05-31, and a
  // later statement on 10-31 that as_of does not see yet) keeps the budget at 80 万 at least.
  auto cur = ledger::Ledger::build(2022, {{"U1", "单位一", ""}}, {line("L1", 100)}, {},
                                   {pay("L1", 2022, 3, 1, 10 * k_wan)});
  auto plain = run_monitor(cur, {}, at(2022, 9, 30));
  ASSERT_TRUE(plain);
  ASSERT_EQ(plain->advice.size(), 1u);
  ASSERT_LT(plain->advice[0].budget_after.fen(), 80 * k_wan)
      << "the test needs advice that would cut below 80 万";

  auto balance = [](int month, int day, std::int64_t wan) {
    return model::Commitment{"U1",
                             2022,
                             "L1",
                             "HT-2022-01",
                             Date::from_ymd(2022, month, day),
                             Money::from_fen(wan * k_wan),
                             "某公司"};
  };
  ASSERT_TRUE(cur.set_commitments({balance(10, 31, 5), balance(5, 31, 80), balance(6, 30, 70)}));
  auto r = run_monitor(cur, {}, at(2022, 9, 30));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->lines[0].figures.committed.fen(), 70 * k_wan);
  EXPECT_EQ(r->figures.committed.fen(), 70 * k_wan);
  // Still a cut, but only of what neither payments nor the contract need.
  ASSERT_EQ(r->advice.size(), 1u);
  const Advice& a = r->advice[0];
  EXPECT_EQ(a.committed.fen(), 70 * k_wan);
  EXPECT_GE(a.budget_after.fen(), 80 * k_wan);
  EXPECT_LT(a.budget_after.fen(), 100 * k_wan);
  EXPECT_NE(a.evidence.find("已签合同未付70.00万元"), std::string::npos) << a.evidence;
  EXPECT_NE(a.evidence.find("不低于已支付与合同未付之和"), std::string::npos) << a.evidence;
  // At year end the 10-31 statement (5 万) is the balance.
  auto dec = run_monitor(cur, {}, at(2022, 12, 31));
  ASSERT_TRUE(dec);
  EXPECT_EQ(dec->lines[0].figures.committed.fen(), 5 * k_wan);
  // A balance for a line the ledger does not have is refused, and the ledger keeps its own.
  auto bad = cur.set_commitments({model::Commitment{
      "U1", 2022, "NOPE", "HT", Date::from_ymd(2022, 6, 1), Money::from_fen(1), ""}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "合同余额的预算项目不存在: U1 2022 NOPE");
  EXPECT_EQ(cur.commitments().contract.size(), 3u);
}

TEST(Advice, NeverBelowPaidOnRandomLedgers) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<model::BudgetLine> lines;
    std::vector<model::Payment> p;
    for (int i = 0; i < 30; ++i) {
      std::string code = "L" + std::to_string(i);
      lines.push_back(line(code, 1 + static_cast<std::int64_t>(rng() % 200)));
      const int n = static_cast<int>(rng() % 6);
      for (int k = 0; k < n; ++k) {
        p.push_back(
            pay(code, 2022, 1 + static_cast<int>(rng() % 12), 1 + static_cast<int>(rng() % 28),
                static_cast<std::int64_t>(rng() % (60 * static_cast<std::uint64_t>(k_wan)))));
      }
    }
    auto l = ledger::Ledger::build(2022, {{"U1", "单位一", ""}}, lines, {}, p);
    for (int month = 1; month <= 12; ++month) {
      auto r = run_monitor(l, {}, at(2022, month, 28));
      ASSERT_TRUE(r);
      for (const auto& a : r->advice) {
        if (a.kind == AdviceKind::overrun) continue;
        EXPECT_GT(a.amount.fen(), 0);
        EXPECT_GE(a.budget_after, a.paid) << a.line_code << " " << a.evidence;
      }
      for (const auto& ls : r->lines) {
        const auto& f = ls.figures.forecast;
        EXPECT_LE(f.p10, f.p50);
        EXPECT_LE(f.p50, f.p90);
        EXPECT_GE(f.p10, ls.figures.totals.executed);
      }
    }
  }
}

TEST(Output, JsonHasForecastBandWarningsAndAdvice) {
  auto l = warning_ledger();
  auto o = at(2022, 9, 30);
  auto r = run_monitor(l, {}, o);
  ASSERT_TRUE(r);
  std::string j = monitor_to_json(l, *r, o);
  for (const char* key : {"\"forecast\"", "\"p10\"", "\"p90\"", "\"warnings\"", "\"advice\"",
                          "\"probability_below\""}) {
    EXPECT_NE(j.find(key), std::string::npos) << key;
  }
  std::string csv = monitor_to_csv(l, *r);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "section,level,kind,unit_code,line_code,name,amount,deadline,reason");
  std::string table = monitor_to_table(l, *r, o);
  EXPECT_NE(table.find("预测年末执行"), std::string::npos);
}

}  // namespace
}  // namespace jixiao::monitor

// ledger/ledger_test.cpp — the columnar ledger and its summary on small hand-made ledgers.
#include "ledger/ledger.hpp"

#include <gtest/gtest.h>

#include "ledger/summary_json.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::ledger {
namespace {

Ledger small_ledger() {
  auto b = testkit::small_budget_batch();  // L1 100.00, L2 50.00
  std::vector<model::Adjustment> adj = {
      {"U1", 2022, "L2", Date::from_ymd(2022, 6, 1), Money::from_fen(2000), "文1", "追加"},
      {"U1", 2022, "L1", Date::from_ymd(2022, 11, 1), Money::from_fen(-1000), "文2", "调减"},
  };
  std::vector<model::Payment> pay = {
      {"U1", 2022, "L1", Date::from_ymd(2022, 1, 15), Money::from_fen(3000), "", "V1", ""},
      {"U1", 2022, "L2", Date::from_ymd(2022, 9, 30), Money::from_fen(4000), "30215", "V2", ""},
      {"U1", 2022, "L1", Date::from_ymd(2022, 12, 31), Money::from_fen(5000), "", "V3", ""},
      {"U1", 2022, "L2", Date::from_ymd(2022, 10, 1), Money::from_fen(-500), "", "V4", "退回"},
  };
  return Ledger::build(2022, b.units, b.lines, adj, pay);
}

TEST(Ledger, BuildsDenseColumnsSortedByDay) {
  Ledger l = small_ledger();
  ASSERT_EQ(l.lines().size(), 2u);
  ASSERT_EQ(l.payments().day.size(), 4u);
  EXPECT_EQ(l.payments().day.front(), 15);
  EXPECT_EQ(l.payments().day.back(), 365);
  EXPECT_EQ(l.find_line("U1", "L2").value(), 1u);
  EXPECT_FALSE(l.find_line("U1", "L9").has_value());
  EXPECT_EQ(l.economic_codes()[l.payments().economic[0]], "30201");  // the line's code when blank
}

TEST(Summary, AdjustedBudgetExecutedAndRateAtYearEnd) {
  auto s = summarize(small_ledger());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->totals.initial.fen(), 15000);
  EXPECT_EQ(s->totals.adjustments.fen(), 1000);
  EXPECT_EQ(s->totals.adjusted().fen(), 16000);
  EXPECT_EQ(s->totals.executed.fen(), 11500);
  EXPECT_EQ(s->totals.unspent().fen(), 4500);
  EXPECT_EQ(s->totals.execution_rate().percent_text(1), "71.9%");
  ASSERT_EQ(s->units.size(), 1u);
  ASSERT_EQ(s->units[0].rows.size(), 2u);
  EXPECT_EQ(s->units[0].rows[1].totals.adjusted().fen(), 7000);
  EXPECT_EQ(s->units[0].executed_by_month[9].fen(), -500);
}

TEST(Summary, AsOfCountsOnlyEarlierRows) {
  auto s = summarize(small_ledger(), {.as_of = Date::from_ymd(2022, 9, 30)});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->totals.adjustments.fen(), 2000);
  EXPECT_EQ(s->totals.executed.fen(), 7000);
}

TEST(Summary, ByMonthAndByFund) {
  auto m = summarize(small_ledger(), {.group_by = GroupBy::month});
  ASSERT_TRUE(m);
  ASSERT_EQ(m->units[0].rows.size(), 12u);
  EXPECT_EQ(m->units[0].rows[0].key, "2022-01");
  EXPECT_EQ(m->units[0].rows[0].totals.executed.fen(), 3000);
  EXPECT_EQ(m->units[0].rows[5].totals.adjustments.fen(), 2000);
  auto f = summarize(small_ledger(), {.group_by = GroupBy::fund});
  ASSERT_TRUE(f);
  ASSERT_EQ(f->units[0].rows.size(), 1u);
  EXPECT_EQ(f->units[0].rows[0].key, "一般公共预算");
}

TEST(Summary, UnknownUnitIsNotFound) {
  auto s = summarize(small_ledger(), {.unit_code = "ZZ"});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message(), "没有这个单位: ZZ");
}

TEST(SummaryJson, CarriesExactYuanStrings) {
  auto s = summarize(small_ledger());
  ASSERT_TRUE(s);
  std::string j = summary_to_json(*s, -1);
  EXPECT_NE(j.find("\"budget\":\"160.00\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"executed\":\"115.00\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"execution_rate\":\"71.88\""), std::string::npos) << j;
  EXPECT_NE(j.find("\"lines\":["), std::string::npos);
  std::string csv = summary_to_csv(*s);
  EXPECT_NE(csv.find("U1,测试单位,,合计,150.00,10.00,160.00,115.00,71.88,45.00"), std::string::npos)
      << csv;
}

}  // namespace
}  // namespace jixiao::ledger

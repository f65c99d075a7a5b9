// store/schedule_store_test.cpp — plan curves and spending plans on both backends (migration 002).
#include <gtest/gtest.h>

#include "store/backend_test.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::store {
namespace {

class ScheduleStoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(ScheduleStoreTest);

using model::Checkpoint;
using model::ScheduleCurve;
using model::ScopeKind;
using model::SpendingPlan;

TEST_P(ScheduleStoreTest, ReplacesCurvesWholeByScope) {
  auto store = open(url());
  ASSERT_TRUE(store) << store.error().to_string();
  ScheduleStore& s = (*store)->schedules();
  EXPECT_TRUE(s.curves()->empty());

  ASSERT_TRUE(s.replace_curves({
      {ScopeKind::line, "U1", "L1", {{6, 30, 5000}}},
      {ScopeKind::region, "", "", {{3, 31, 2000}, {6, 30, 4500}, {9, 30, 7500}}},
      {ScopeKind::unit, "U1", "", {{6, 30, 4000}}},
  }));
  // The unit curve given again replaces its points whole; the others stay.
  ASSERT_TRUE(s.replace_curves({{ScopeKind::unit, "U1", "", {{2, 28, 1000}, {10, 31, 8000}}}}));

  auto all = s.curves();
  ASSERT_TRUE(all) << all.error().to_string();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].scope, ScopeKind::region);
  EXPECT_EQ((*all)[0].points,
            (std::vector<Checkpoint>{{3, 31, 2000}, {6, 30, 4500}, {9, 30, 7500}}));
  EXPECT_EQ((*all)[1].scope, ScopeKind::unit);
  EXPECT_EQ((*all)[1].unit_code, "U1");
  EXPECT_EQ((*all)[1].points, (std::vector<Checkpoint>{{2, 28, 1000}, {10, 31, 8000}}));
  EXPECT_EQ((*all)[2].scope, ScopeKind::line);
  EXPECT_EQ((*all)[2].line_code, "L1");
  EXPECT_EQ((*all)[2].points, (std::vector<Checkpoint>{{6, 30, 5000}}));
}

TEST_P(ScheduleStoreTest, ReplaceIsAllOrNothing) {
  auto store = open(url());
  ASSERT_TRUE(store);
  ScheduleStore& s = (*store)->schedules();
  ASSERT_TRUE(s.replace_curves({{ScopeKind::region, "", "", {{6, 30, 4000}}}}));
  // The second curve breaks the table's CHECK (basis points over 10000): the first is not kept
  // either.
  EXPECT_FALSE(s.replace_curves({{ScopeKind::region, "", "", {{6, 30, 5000}}},
                                 {ScopeKind::unit, "U1", "", {{6, 30, 20000}}}}));
  auto all = s.curves();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].points, (std::vector<Checkpoint>{{6, 30, 4000}}));
}

TEST_P(ScheduleStoreTest, ReplacesSpendingPlansPerUnitYearAndLine) {
  auto store = open(url());
  ASSERT_TRUE(store);
  ScheduleStore& s = (*store)->schedules();

  SpendingPlan a{"U1", "L1", 2022, {}};
  a.months[0] = Money::from_yuan(100);
  a.months[5] = Money::from_yuan(300);
  SpendingPlan b{"U1", "L2", 2022, {}};
  b.months[11] = Money::from_yuan(50);
  SpendingPlan other_year{"U1", "L1", 2021, {}};
  other_year.months[2] = Money::from_yuan(7);
  ASSERT_TRUE(s.replace_spending_plans({b, a, other_year}));

  // L1 of 2022 given again: its January is gone, not merged.
  SpendingPlan a2{"U1", "L1", 2022, {}};
  a2.months[3] = Money::from_fen(12345);
  ASSERT_TRUE(s.replace_spending_plans({a2}));

  auto plans = s.spending_plans(2022);
  ASSERT_TRUE(plans) << plans.error().to_string();
  ASSERT_EQ(plans->size(), 2u);
  EXPECT_EQ((*plans)[0].line_code, "L1");
  EXPECT_EQ((*plans)[0].fiscal_year, 2022);
  EXPECT_EQ((*plans)[0].months[0], Money());
  EXPECT_EQ((*plans)[0].months[3], Money::from_fen(12345));
  EXPECT_EQ((*plans)[0].total(), Money::from_fen(12345));
  EXPECT_EQ((*plans)[1].line_code, "L2");
  EXPECT_EQ((*plans)[1].months[11], Money::from_yuan(50));
  auto earlier = s.spending_plans(2021);
  ASSERT_TRUE(earlier);
  ASSERT_EQ(earlier->size(), 1u);
  EXPECT_EQ(earlier->front().months[2], Money::from_yuan(7));
  EXPECT_TRUE(s.spending_plans(2023)->empty());

  // A plan of zeros is kept (it replaces the plan, and shows as one).
  ASSERT_TRUE(s.replace_spending_plans({SpendingPlan{"U1", "L2", 2022, {}}}));
  plans = s.spending_plans(2022);
  ASSERT_EQ(plans->size(), 2u);
  EXPECT_EQ((*plans)[1].total(), Money());
}

TEST_P(ScheduleStoreTest, RemovesACurveAndPlansByYearUnitOrLine) {
  auto store = open(url());
  ASSERT_TRUE(store);
  ScheduleStore& s = (*store)->schedules();
  ASSERT_TRUE(s.replace_curves({{ScopeKind::region, "", "", {{6, 30, 4000}}},
                                {ScopeKind::unit, "U1", "", {{6, 30, 5000}}}}));
  EXPECT_TRUE(s.remove_curve(ScopeKind::unit, "U1", "").value());
  EXPECT_FALSE(s.remove_curve(ScopeKind::unit, "U1", "").value());
  ASSERT_EQ(s.curves()->size(), 1u);
  EXPECT_EQ(s.curves()->front().scope, ScopeKind::region);

  auto plan = [](std::string unit, std::string line, int year) {
    SpendingPlan p{std::move(unit), std::move(line), year, {}};
    p.months[0] = Money::from_yuan(1);
    p.months[1] = Money::from_yuan(2);
    return p;
  };
  ASSERT_TRUE(s.replace_spending_plans({plan("U1", "A", 2022), plan("U1", "B", 2022),
                                        plan("U2", "A", 2022), plan("U1", "A", 2021)}));
  EXPECT_EQ(s.remove_spending_plans(2022, "U1", "B").value(), 1);
  EXPECT_EQ(s.spending_plans(2022)->size(), 2u);
  EXPECT_EQ(s.remove_spending_plans(2022, "U1", "").value(), 1);
  EXPECT_EQ(s.remove_spending_plans(2022, "", "").value(), 1);
  EXPECT_TRUE(s.spending_plans(2022)->empty());
  EXPECT_EQ(s.spending_plans(2021)->size(), 1u);
}

}  // namespace
}  // namespace jixiao::store

// store/goal_versions_test.cpp — the goals' version (optimistic concurrency for goal edits) on
// both backends: a replace from a stale version is refused and writes nothing, and of several
// replaces from one version on separate connections at once exactly one passes.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/backend_test.hpp"
#include "store/store.hpp"

namespace jixiao::store {
namespace {

class GoalVersionTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(GoalVersionTest);

std::vector<model::GoalSet> goals_with_target(std::int64_t target) {
  model::GoalSet set;
  set.unit_code = "U1";
  set.fiscal_year = 2022;
  model::GoalIndicator g;
  g.indicator_code = "GY001";
  g.indicator_version = 1;
  g.name = "培训人次";
  g.target = model::Measure::from_int(target);
  set.indicators.push_back(g);
  return {set};
}

std::int64_t stored_target(Store& store) {
  auto sets = store.indicators().goal_sets("U1", 2022);
  EXPECT_TRUE(sets && sets->size() == 1 && (*sets)[0].indicators.size() == 1);
  return sets && !sets->empty() && !(*sets)[0].indicators.empty()
             ? (*sets)[0].indicators[0].target->scaled()
             : -1;
}

TEST_P(GoalVersionTest, StaleOrConcurrentReplacesConflict) {
  auto store = open_store();
  ASSERT_TRUE(store);
  model::IndicatorVersion v;
  v.indicator.code = "GY001";
  v.indicator.name = "培训人次";
  v.version = 1;
  v.effective_from = Date::from_ymd(2020, 1, 1);
  ASSERT_TRUE(store->indicators().append_indicator_versions({v}));
  auto& goals = store->indicators();
  EXPECT_EQ(goals.goal_version("U1", 2022).value(), 0);
  auto first = goals.replace_goal_sets("U1", 2022, goals_with_target(100), 0);
  ASSERT_TRUE(first) << first.error().to_string();
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(goals.replace_goal_sets("U1", 2022, goals_with_target(110), std::nullopt).value(),
            2);  // unconditional
  EXPECT_EQ(goals.goal_version("U1", 2022).value(), 2);
  EXPECT_EQ(goals.goal_version("U1", 2023).value(), 0);  // per unit and year

  for (std::int64_t stale_version : {0, 1, 3}) {
    auto stale = goals.replace_goal_sets("U1", 2022, goals_with_target(120), stale_version);
    ASSERT_FALSE(stale) << stale_version;
    EXPECT_EQ(stale.error().code(), ErrorCode::conflict);
    EXPECT_EQ(stale.error().message(),
              "U1 2022 年度绩效目标已被他人修改（当前版本 2，你的修改基于版本 " +
                  std::to_string(stale_version) + "）；请重新打开后再保存");
  }
  EXPECT_EQ(stored_target(*store), model::Measure::from_int(110).scaled());  // nothing written
  EXPECT_EQ(goals.goal_version("U1", 2022).value(), 2);

  // One version, six connections at once (the server's pool): one passes, five conflict.
  std::atomic<int> wins{0}, conflicts{0}, errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      auto own = open(url());
      if (!own) {
        ++errors;
        return;
      }
      auto r = (*own)->indicators().replace_goal_sets("U1", 2022, goals_with_target(200 + i), 2);
      (r ? wins : r.error().code() == ErrorCode::conflict ? conflicts : errors)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 5);
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(goals.goal_version("U1", 2022).value(), 3);

  // The first write of a unit and year from version 0, raced: one creates, the others conflict.
  wins = conflicts = errors = 0;
  threads.clear();
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto own = open(url());
      if (!own) {
        ++errors;
        return;
      }
      auto sets = goals_with_target(7);
      for (auto& s : sets) s.fiscal_year = 2024;
      auto r = (*own)->indicators().replace_goal_sets("U1", 2024, sets, 0);
      (r ? wins : r.error().code() == ErrorCode::conflict ? conflicts : errors)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(goals.goal_version("U1", 2024).value(), 1);
}

}  // namespace
}  // namespace jixiao::store

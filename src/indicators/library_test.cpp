// indicators/library_test.cpp — versioning: as-of reads, edits and retirements append versions,
// goals keep the version they were set with.
#include "indicators/library.hpp"

#include <gtest/gtest.h>

#include "indicators/goals.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::indicators {
namespace {

Date d(int y, int m, int day) { return Date::from_ymd(y, m, day); }

model::Indicator meetings() {
  model::Indicator i;
  i.code = "RD002";
  i.name = "召开常委会会议次数";
  i.subclass = model::IndicatorSubclass::quantity;
  i.measure_unit = "次";
  i.direction = model::Direction::ge;
  i.quantitative = true;
  return i;
}

std::unique_ptr<store::Store> open_store(const testkit::TempDir& dir) {
  auto s = store::open("sqlite:" + dir.file("lib.db").string());
  EXPECT_TRUE(s) << (s ? "" : s.error().to_string());
  return s ? std::move(*s) : nullptr;
}

TEST(Library, AsOfReadsTheVersionInForceOnTheDate) {
  testkit::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  ASSERT_TRUE(add_indicator(*store, meetings(), {d(2020, 1, 1), "甲", "新增"}));
  model::Indicator renamed = meetings();
  renamed.name = "常委会会议召开次数";
  auto v2 = edit_indicator(*store, renamed, {d(2022, 7, 1), "乙", "统一名称"});
  ASSERT_TRUE(v2) << v2.error().to_string();
  EXPECT_EQ(v2->version, 2);
  ASSERT_TRUE(retire_indicator(*store, "RD002", {d(2024, 1, 1), "丙", "并入新指标"}));

  auto library = Library::load(*store);
  ASSERT_TRUE(library);
  EXPECT_EQ(library->versions().size(), 3u);
  EXPECT_EQ(library->as_of("RD002", d(2019, 12, 31)), nullptr);  // before it existed
  EXPECT_EQ(library->as_of("RD002", d(2022, 6, 30))->indicator.name, "召开常委会会议次数");
  EXPECT_EQ(library->as_of("RD002", d(2022, 7, 1))->indicator.name, "常委会会议召开次数");
  EXPECT_EQ(library->as_of("RD002", d(2024, 1, 1)), nullptr);  // retired
  EXPECT_EQ(library->in_force(d(2023, 12, 31)).size(), 1u);
  EXPECT_TRUE(library->in_force(d(2024, 6, 1)).empty());
  // Nothing was deleted: all three versions are still there.
  EXPECT_EQ(library->history("RD002").size(), 3u);
  EXPECT_EQ(library->history("RD002")[2]->author, "丙");
}

TEST(Library, ChangesAreCheckedBeforeTheyAreWritten) {
  testkit::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  ASSERT_TRUE(add_indicator(*store, meetings(), {d(2020, 1, 1), "甲", "新增"}));

  auto again = add_indicator(*store, meetings(), {d(2021, 1, 1), "甲", ""});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message(), "指标编码已存在: RD002（召开常委会会议次数）");

  auto same = edit_indicator(*store, meetings(), {d(2021, 1, 1), "甲", "无"});
  ASSERT_FALSE(same);
  EXPECT_EQ(same.error().message(), "指标 RD002 没有任何改动");

  model::Indicator no_unit = meetings();
  no_unit.measure_unit = "";
  auto bad = edit_indicator(*store, no_unit, {d(2021, 1, 1), "甲", "去掉单位"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message(), "指标 RD002: 定量指标缺少计量单位");

  auto no_reason = retire_indicator(*store, "RD002", {d(2021, 1, 1), "甲", ""});
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().message(), "停用指标 RD002 须说明原因");

  ASSERT_TRUE(retire_indicator(*store, "RD002", {d(2021, 1, 1), "甲", "不再使用"}));
  auto edit_retired = edit_indicator(*store, no_unit, {d(2022, 1, 1), "甲", "x"});
  ASSERT_FALSE(edit_retired);
  auto reuse = add_indicator(*store, meetings(), {d(2022, 1, 1), "甲", ""});
  ASSERT_FALSE(reuse);
  EXPECT_EQ(reuse.error().message(),
            "指标编码已存在: RD002（召开常委会会议次数，已停用；编码不再复用）");
  EXPECT_EQ(retire_indicator(*store, "RD999", {d(2022, 1, 1), "甲", "x"}).error().code(),
            ErrorCode::not_found);
}

TEST(Library, ValidateNamesTheField) {
  struct Case {
    model::Indicator indicator;
    std::string field;
    std::string message;
  };
  model::Indicator qualitative_ge = meetings();
  qualitative_ge.quantitative = false;
  model::Indicator quantitative_qual = meetings();
  quantitative_qual.direction = model::Direction::qualitative;
  model::Indicator no_name = meetings();
  no_name.name = " ";
  for (const Case& c : {Case{qualitative_ge, "direction", "指标 RD002: 定性指标的方向应为定性"},
                        Case{quantitative_qual, "direction",
                             "指标 RD002: 定量指标的方向应为 ≥、≤ 或 =，不能是定性"},
                        Case{no_name, "name", "指标 RD002: 指标名称不能为空"}}) {
    auto r = validate(c.indicator);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message(), c.message);
    EXPECT_EQ(r.error().location().field, c.field);
  }
  EXPECT_TRUE(validate(meetings()));
}

TEST(Library, ChangesBetweenTwoYearsListWhatChanged) {
  model::Indicator a = meetings();
  model::Indicator a2 = a;
  a2.measure_unit = "场";
  a2.typical_target = "8";
  model::Indicator b = meetings();
  b.code = "RD003";
  b.name = "召开主任会议次数";
  Library library({
      {a, 1, model::ChangeKind::add, d(2020, 1, 1), "甲", "新增", ""},
      {a2, 2, model::ChangeKind::edit, d(2022, 3, 1), "乙", "改单位", ""},
      {b, 1, model::ChangeKind::add, d(2022, 12, 31), "乙", "新增", ""},
      {b, 2, model::ChangeKind::retire, d(2023, 1, 1), "丙", "停用", ""},
  });
  auto changes = changes_between(library, d(2021, 12, 31), d(2022, 12, 31));
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].after->indicator.code, "RD002");
  EXPECT_EQ(changes[0].before->version, 1);
  EXPECT_EQ(changes[0].fields, (std::vector<std::string>{"计量单位", "参考指标值"}));
  EXPECT_EQ(changes[1].after->indicator.code, "RD003");
  EXPECT_EQ(changes[1].before, nullptr);
  auto next_year = changes_between(library, d(2022, 12, 31), d(2023, 12, 31));
  ASSERT_EQ(next_year.size(), 1u);
  EXPECT_EQ(next_year[0].after->change, model::ChangeKind::retire);
}

TEST(Library, GoalKeepsItsVersionAfterEditAndRetire) {
  testkit::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store);
  ASSERT_TRUE(add_indicator(*store, meetings(), {d(2020, 1, 1), "甲", "新增"}));
  GoalEdit edit;
  edit.indicator_code = "RD002";
  edit.target = model::Measure::from_int(6);
  edit.points = model::Measure::from_int(10);
  auto set = set_goal(*store, "BYRD01", 2022, edit, d(2022, 1, 1));
  ASSERT_TRUE(set) << set.error().to_string();
  EXPECT_EQ(set->indicator_version, 1);

  model::Indicator renamed = meetings();
  renamed.name = "常委会会议召开次数";
  ASSERT_TRUE(edit_indicator(*store, renamed, {d(2023, 1, 1), "乙", "改名"}));
  ASSERT_TRUE(retire_indicator(*store, "RD002", {d(2024, 1, 1), "丙", "停用"}));

  // The 2022 goal still reads version 1, by its own name, and can still take an actual.
  GoalEdit actual;
  actual.indicator_code = "RD002";
  actual.actual = model::Actual{model::Measure::from_int(8),
                                std::nullopt,
                                "8",
                                model::ActualProvider::entered,
                                "测试",
                                "",
                                ""};
  auto updated = set_goal(*store, "BYRD01", 2022, actual, d(2025, 1, 1));
  ASSERT_TRUE(updated) << updated.error().to_string();
  auto goals = load_goals(*store, "BYRD01", 2022);
  ASSERT_TRUE(goals);
  ASSERT_EQ(goals->size(), 1u);
  const auto& g = (*goals)[0].indicators.at(0);
  EXPECT_EQ(g.indicator_version, 1);
  EXPECT_EQ(g.name, "召开常委会会议次数");
  EXPECT_EQ(g.actual->value, model::Measure::from_int(8));

  // A new goal cannot take the retired indicator.
  auto later = set_goal(*store, "BYRD01", 2025, edit, d(2025, 1, 1));
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().message(), "指标库在 2025-01-01 没有有效的指标 RD002");
}

}  // namespace
}  // namespace jixiao::indicators

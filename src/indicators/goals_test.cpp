// indicators/goals_test.cpp — completion by direction, with the edge cases (target 0,
// actual 0, over-achievement), and computed actuals.
#include "indicators/goals.hpp"

#include <gtest/gtest.h>

#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::indicators {
namespace {

using model::Measure;

Measure m(std::string_view text) { return model::parse_measure(text).value(); }

model::GoalIndicator goal(model::Direction direction, std::optional<std::string_view> target,
                          std::optional<std::string_view> actual) {
  model::GoalIndicator g;
  g.indicator_code = "X";
  g.name = "测试指标";
  g.direction = direction;
  g.quantitative = direction != model::Direction::qualitative;
  g.measure_unit = "%";
  if (target) g.target = m(*target);
  if (actual)
    g.actual = model::Actual{
        m(*actual), std::nullopt, std::string(*actual), model::ActualProvider::entered, "", "", ""};
  return g;
}

model::GoalIndicator qualitative(std::optional<model::QualitativeGrade> grade,
                                 std::optional<std::string_view> percent = {}) {
  model::GoalIndicator g = goal(model::Direction::qualitative, std::nullopt, std::nullopt);
  g.measure_unit = "";
  g.target_text = "达成";
  if (grade) {
    g.actual = model::Actual{};
    g.actual->grade = grade;
    if (percent) g.actual->value = m(*percent);
  }
  return g;
}

TEST(Completion, ByDirection) {
  using D = model::Direction;
  using S = CompletionStatus;
  struct Case {
    const char* name;
    model::GoalIndicator goal;
    S status;
    std::string ratio;  // percent, 2 decimals
  };
  const Case cases[] = {
      {"ge met", goal(D::ge, "12", "12"), S::met, "100.00"},
      {"ge short", goal(D::ge, "95", "91.552"), S::short_of, "96.37"},
      {"ge actual 0", goal(D::ge, "10", "0"), S::short_of, "0.00"},
      {"ge target 0", goal(D::ge, "0", "0"), S::met, "100.00"},
      {"ge over within tolerance", goal(D::ge, "10", "12"), S::met, "100.00"},
      {"ge over beyond tolerance is capped", goal(D::ge, "6", "8"), S::exceeded, "100.00"},
      {"le met", goal(D::le, "100", "98"), S::met, "100.00"},
      {"le actual 0", goal(D::le, "10", "0"), S::met, "100.00"},
      {"le over", goal(D::le, "10", "12.5"), S::short_of, "80.00"},
      {"le target 0 exceeded", goal(D::le, "0", "3"), S::short_of, "0.00"},
      {"eq exact", goal(D::eq, "100", "100"), S::met, "100.00"},
      {"eq off", goal(D::eq, "100", "90"), S::short_of, "90.00"},
      {"eq above", goal(D::eq, "100", "125"), S::short_of, "80.00"},
      {"eq target 0", goal(D::eq, "0", "1"), S::short_of, "0.00"},
      {"qualitative achieved", qualitative(model::QualitativeGrade::achieved), S::met, "100.00"},
      {"qualitative partly", qualitative(model::QualitativeGrade::partly), S::short_of, "70.00"},
      {"qualitative not achieved", qualitative(model::QualitativeGrade::not_achieved), S::short_of,
       "30.00"},
      {"qualitative partly given 75", qualitative(model::QualitativeGrade::partly, "75"),
       S::short_of, "75.00"},
      {"qualitative partly given 95 kept in band",
       qualitative(model::QualitativeGrade::partly, "95"), S::short_of, "80.00"},
  };
  for (const Case& c : cases) {
    Completion r = completion(c.goal);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.explanation;
    EXPECT_EQ(r.ratio.percent(2), c.ratio) << c.name << ": " << r.explanation;
    EXPECT_EQ(r.needs_deviation_reason(), c.status == S::short_of) << c.name;
  }
}

TEST(Completion, MissingValues) {
  EXPECT_EQ(completion(goal(model::Direction::ge, std::nullopt, "3")).status,
            CompletionStatus::no_target);
  EXPECT_EQ(completion(goal(model::Direction::ge, "3", std::nullopt)).status,
            CompletionStatus::no_actual);
  EXPECT_EQ(completion(qualitative(std::nullopt)).status, CompletionStatus::no_actual);
  EXPECT_FALSE(completion(goal(model::Direction::ge, "3", std::nullopt)).ratio.defined());
}

TEST(Completion, AdjustedTargetWins) {
  model::GoalIndicator g = goal(model::Direction::ge, "100", "90");
  g.adjusted_target = m("90");
  EXPECT_EQ(completion(g).status, CompletionStatus::met);
}

TEST(Completion, OverAchievementPenaltyIsConfigurable) {
  CompletionOptions options;
  options.over = OverAchievement::penalize;
  options.over_tolerance = Measure::from_int(20);
  // 6 → 8: beyond 7.2 (120 %), completion = 6 × 1.2 / 8 = 90 %.
  Completion c = completion(goal(model::Direction::ge, "6", "8"), options);
  EXPECT_EQ(c.status, CompletionStatus::exceeded);
  EXPECT_EQ(c.ratio.percent(2), "90.00");
  EXPECT_EQ(c.explanation,
            "实际 8% 超过目标 6% 的 120%，目标可能偏低；按超额规则得分系数 = 目标 × 120% / 实际 = "
            "90.00%");
  options.over_tolerance = Measure::from_int(50);
  EXPECT_EQ(completion(goal(model::Direction::ge, "6", "8"), options).status,
            CompletionStatus::met);
}

TEST(Completion, EqTolerance) {
  CompletionOptions options;
  options.eq_tolerance = Measure::from_int(5);
  EXPECT_EQ(completion(goal(model::Direction::eq, "100", "104"), options).status,
            CompletionStatus::met);
  EXPECT_EQ(completion(goal(model::Direction::eq, "100", "106"), options).status,
            CompletionStatus::short_of);
}

TEST(Completion, ExplainsShortfall) {
  EXPECT_EQ(completion(goal(model::Direction::ge, "95", "91.552")).explanation,
            "实际 91.552% / 目标 95% = 96.37%，未完成");
  EXPECT_EQ(completion(goal(model::Direction::le, "10", "12.5")).explanation,
            "目标 10% / 实际 12.5% = 80.00%，超出上限");
}

class FixedSource final : public ActualSource {
 public:
  std::string name() const override { return "fixed"; }
  Result<std::optional<model::Actual>> actual(const std::string&, int,
                                              const model::GoalIndicator& g) override {
    if (g.indicator_code != "RD014") return std::optional<model::Actual>();
    model::Actual a;
    a.value = Measure::from_int(199);
    a.source = "代表建议登记: 192 + 7";
    return std::optional<model::Actual>(a);
  }
};

TEST(ActualSource, FillsComputedActualsAndKeepsEnteredOnes) {
  testkit::TempDir dir;
  auto store = store::open("sqlite:" + dir.file("a.db").string());
  ASSERT_TRUE(store);
  model::IndicatorVersion v;
  v.indicator.code = "RD014";
  v.indicator.name = "交办代表建议件数";
  v.indicator.measure_unit = "件";
  v.version = 1;
  v.effective_from = Date::from_ymd(2020, 1, 1);
  model::IndicatorVersion w = v;
  w.indicator.code = "RD015";
  w.indicator.name = "重点督办代表建议件数";
  ASSERT_TRUE((*store)->indicators().append_indicator_versions({v, w}));
  GoalEdit e;
  e.indicator_code = "RD014";
  e.target = Measure::from_int(180);
  ASSERT_TRUE(set_goal(**store, "U1", 2022, e, Date::from_ymd(2022, 1, 1)));
  e.indicator_code = "RD015";
  e.actual = model::Actual{
      Measure::from_int(6), std::nullopt, "6", model::ActualProvider::entered, "人工", "", "cli"};
  ASSERT_TRUE(set_goal(**store, "U1", 2022, e, Date::from_ymd(2022, 1, 1)));

  FixedSource source;
  ActualSource* sources[] = {&source};
  auto n = refresh_computed_actuals(**store, "U1", 2022, sources);
  ASSERT_TRUE(n) << n.error().to_string();
  EXPECT_EQ(*n, 1);
  auto sets = load_goals(**store, "U1", 2022);
  ASSERT_TRUE(sets);
  const auto& gs = (*sets)[0].indicators;
  ASSERT_EQ(gs.size(), 2u);
  EXPECT_EQ(gs[0].actual->provider, model::ActualProvider::computed);
  EXPECT_EQ(gs[0].actual->source, "代表建议登记: 192 + 7");
  EXPECT_EQ(gs[0].actual->value, Measure::from_int(199));
  EXPECT_EQ(gs[1].actual->provider, model::ActualProvider::entered);
  EXPECT_EQ(gs[1].actual->recorded_by, "cli");
}

TEST(ActualSource, LedgerComputesTheSeedsExecutionRate) {
  testkit::TempDir dir;
  auto store = store::open("sqlite:" + dir.file("l.db").string());
  ASSERT_TRUE(store);
  // 3403.40 万元 budget, 3115.88 万元 paid: the seed's 91.55 %.
  model::ImportBatch budget;
  budget.kind = model::ImportKind::budget;
  budget.source_name = "b.csv";
  budget.content_hash = "b";
  budget.units.push_back({"U1", "单位", ""});
  model::BudgetLine line;
  line.unit_code = "U1";
  line.fiscal_year = 2022;
  line.code = "L1";
  line.name = "行";
  line.initial_budget = Money::from_fen(3403400000);
  budget.lines.push_back(line);
  ASSERT_TRUE((*store)->ledger().write_import(budget));
  model::ImportBatch pay;
  pay.kind = model::ImportKind::payments;
  pay.source_name = "p.csv";
  pay.content_hash = "p";
  pay.payments.push_back(
      {"U1", 2022, "L1", Date::from_ymd(2022, 6, 1), Money::from_fen(3115880000), "", "V1", ""});
  ASSERT_TRUE((*store)->ledger().write_import(pay));

  model::GoalIndicator g = goal(model::Direction::ge, "95", std::nullopt);
  g.name = "预算执行率";
  LedgerActualSource source(**store);
  auto a = source.actual("U1", 2022, g);
  ASSERT_TRUE(a) << a.error().to_string();
  ASSERT_TRUE(a->has_value());
  EXPECT_EQ((*a)->value, m("91.552"));  // 91.55198 → 4 decimals
  EXPECT_EQ((*a)->text, "91.55%");
  EXPECT_EQ((*a)->source, "预算执行台账: 执行数 3115.88 万元 / 调整后预算 3403.40 万元");
  g.name = "召开常委会会议次数";
  EXPECT_FALSE(source.actual("U1", 2022, g)->has_value());
}

}  // namespace
}  // namespace jixiao::indicators

// indicators/lint_test.cpp — each lint rule with a case that triggers it and one that does not.
#include "indicators/lint.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace jixiao::indicators {
namespace {

using model::Direction;
using model::IndicatorSubclass;
using model::Measure;

model::IndicatorVersion version(std::string code, std::string name, std::string unit = "次",
                                Direction dir = Direction::ge, std::string typical = "") {
  model::IndicatorVersion v;
  v.indicator.code = std::move(code);
  v.indicator.name = std::move(name);
  v.indicator.measure_unit = std::move(unit);
  v.indicator.direction = dir;
  v.indicator.quantitative = dir != Direction::qualitative;
  v.indicator.typical_target = std::move(typical);
  v.version = 1;
  v.effective_from = Date::from_ymd(2020, 1, 1);
  return v;
}

std::vector<std::string> rules(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule);
  return out;
}

bool has(const std::vector<Finding>& findings, std::string_view rule) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.rule == rule; });
}

const Date k_date = Date::from_ymd(2022, 12, 31);

TEST(LintLibrary, DuplicateNames) {
  Library dup({version("A1", "召开常委会会议次数"), version("A2", "召开常委会会议次数")});
  auto f = lint_library(dup, k_date);
  ASSERT_EQ(rules(f), std::vector<std::string>{"library.duplicate-name"});
  EXPECT_EQ(f[0].message, "指标名称相同: A1、A2 都叫\"召开常委会会议次数\"；请合并或改名");
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_TRUE(
      lint_library(
          Library({version("A1", "召开常委会会议次数"), version("A2", "召开主任会议次数")}), k_date)
          .empty());
}

TEST(LintLibrary, NearDuplicates) {
  // Same meaning, different words around it.
  Library near({version("A1", "召开常委会会议次数"), version("A2", "常委会会议召开次数")});
  EXPECT_TRUE(has(lint_library(near, k_date), "library.near-duplicate"));
  Library punct({version("A1", "预算执行率"), version("A2", "预算执行率（%）", "%")});
  EXPECT_TRUE(has(lint_library(punct, k_date), "library.duplicate-name"));
  Library synonym({version("A1", "代表满意率", "%"), version("A2", "代表满意度", "%")});
  EXPECT_TRUE(has(lint_library(synonym, k_date), "library.near-duplicate"));
  Library distinct(
      {version("A1", "交办代表建议件数", "件"), version("A2", "重点督办代表建议件数", "件")});
  EXPECT_FALSE(has(lint_library(distinct, k_date), "library.near-duplicate"));
  EXPECT_NEAR(name_similarity("召开常委会会议次数", "常委会会议召开次数"), 0.75,
              1e-9);  // caught by the core words
  EXPECT_GE(name_similarity("代表建议办理满意率", "代表建议办理满意度"), 0.8);
  EXPECT_LT(name_similarity("预算执行率", "预算完成率"), 0.5);
}

TEST(LintLibrary, QuantitativeWithoutUnit) {
  auto f = lint_library(Library({version("A1", "会议次数", "")}), k_date);
  ASSERT_EQ(rules(f), std::vector<std::string>{"library.quantitative-without-unit"});
  EXPECT_EQ(f[0].message, "A1\"会议次数\" 是定量指标，但没有计量单位");
  EXPECT_TRUE(lint_library(Library({version("A1", "会议次数", "次")}), k_date).empty());
}

TEST(LintLibrary, UnitDoesNotMatchDirection) {
  auto over =
      lint_library(Library({version("A1", "会议按计划召开率", "%", Direction::ge, "120")}), k_date);
  ASSERT_EQ(rules(over), std::vector<std::string>{"library.unit-direction-mismatch"});
  EXPECT_TRUE(
      lint_library(Library({version("A1", "会议按计划召开率", "%", Direction::ge, "100")}), k_date)
          .empty());
  auto qual =
      lint_library(Library({version("A1", "资金使用合规性", "%", Direction::qualitative)}), k_date);
  EXPECT_EQ(rules(qual), std::vector<std::string>{"library.unit-direction-mismatch"});
  EXPECT_TRUE(
      lint_library(Library({version("A1", "资金使用合规性", "", Direction::qualitative)}), k_date)
          .empty());
}

model::GoalIndicator gi(std::string code, IndicatorSubclass sub, Direction dir = Direction::ge,
                        std::string unit = "次", std::optional<std::string_view> target = "10",
                        std::optional<std::string_view> actual = "10") {
  model::GoalIndicator g;
  g.indicator_code = code;
  g.name = "指标" + code;
  g.indicator_version = 1;
  g.subclass = sub;
  g.direction = dir;
  g.quantitative = dir != Direction::qualitative;
  g.measure_unit = std::move(unit);
  if (g.quantitative && target) g.target = model::parse_measure(*target).value();
  if (!g.quantitative) g.target_text = "达成";
  if (actual) {
    model::Actual a;
    if (g.quantitative) {
      a.value = model::parse_measure(*actual).value();
    } else {
      a.grade = model::QualitativeGrade::achieved;
    }
    g.actual = a;
  }
  return g;
}

model::GoalSet project(std::vector<model::GoalIndicator> indicators) {
  model::GoalSet s;
  s.unit_code = "U1";
  s.fiscal_year = 2022;
  s.line_code = "P001";
  s.line_name = "区人大会议";
  s.indicators = std::move(indicators);
  return s;
}

// A project that passes every rule.
model::GoalSet good_project() {
  return project({gi("A", IndicatorSubclass::quantity), gi("B", IndicatorSubclass::quantity),
                  gi("C", IndicatorSubclass::social, Direction::qualitative, ""),
                  gi("D", IndicatorSubclass::service_object, Direction::ge, "%", "90", "95")});
}

TEST(LintGoals, AGoodProjectHasNoFindings) {
  auto f = lint_goals({good_project()}, {}, Library());
  EXPECT_TRUE(f.empty()) << (f.empty() ? "" : f[0].message);
}

TEST(LintGoals, FewerThanFourIndicatorsOnAProject) {
  auto s = good_project();
  s.indicators.pop_back();
  auto f = lint_goals({s}, {}, Library());
  ASSERT_TRUE(has(f, "goal.min-indicators"));
  EXPECT_EQ(f[0].message, "P001（区人大会议） 只有 3 个绩效指标，少于4个");
  // The overall (部门整体) goal is not held to the per-project minimum.
  s.line_code.clear();
  EXPECT_FALSE(has(lint_goals({s}, {}, Library()), "goal.min-indicators"));
}

TEST(LintGoals, UnderHalfQuantitative) {
  auto s = good_project();
  s.indicators[0] = gi("A", IndicatorSubclass::quality, Direction::qualitative, "");
  s.indicators[1] = gi("B", IndicatorSubclass::quality, Direction::qualitative, "");
  auto f = lint_goals({s}, {}, Library());
  ASSERT_TRUE(has(f, "goal.quantitative-share"));
  // Exactly half passes.
  s.indicators[1] = gi("B", IndicatorSubclass::quantity);
  EXPECT_FALSE(has(lint_goals({s}, {}, Library()), "goal.quantitative-share"));
}

TEST(LintGoals, QuantitativeWithoutUnitOrTarget) {
  auto s = good_project();
  s.indicators[0].measure_unit = "";
  s.indicators[1].target.reset();
  auto f = lint_goals({s}, {}, Library());
  EXPECT_TRUE(has(f, "goal.quantitative-without-unit"));
  EXPECT_TRUE(has(f, "goal.quantitative-without-target"));
  // An adjusted target alone is a target.
  s.indicators[0].measure_unit = "次";
  s.indicators[1].adjusted_target = Measure::from_int(10);
  EXPECT_FALSE(has(lint_goals({s}, {}, Library()), "goal.quantitative-without-target"));
}

TEST(LintGoals, TargetNoHarderThanLastYearsActual) {
  auto last = project({gi("A", IndicatorSubclass::quantity, Direction::ge, "次", "10", "12")});
  last.fiscal_year = 2021;
  auto s = good_project();  // target 10 for A, last year's actual 12
  auto f = lint_goals({s}, {last}, Library());
  ASSERT_TRUE(has(f, "goal.target-too-low"));
  s.indicators[0].target = Measure::from_int(13);
  s.indicators[0].actual->value = Measure::from_int(13);
  EXPECT_FALSE(has(lint_goals({s}, {last}, Library()), "goal.target-too-low"));
  // A target equal to last year's actual shows no improvement (except a 100 % rate).
  auto flat_last = project({gi("A", IndicatorSubclass::quantity, Direction::ge, "次", "8", "10")});
  auto flat = project({gi("A", IndicatorSubclass::quantity, Direction::ge, "次", "10", "10")});
  auto flat_findings = lint_goals({flat}, {flat_last}, Library());
  ASSERT_TRUE(has(flat_findings, "goal.target-too-low"));
  EXPECT_EQ(flat_findings.back().message, "P001 A 指标A: 目标值 10次 等于上年实际，未体现提高");
  auto full_last =
      project({gi("A", IndicatorSubclass::quantity, Direction::ge, "%", "100", "100")});
  auto full = project({gi("A", IndicatorSubclass::quantity, Direction::ge, "%", "100", "100")});
  EXPECT_FALSE(has(lint_goals({full}, {full_last}, Library()), "goal.target-too-low"));
  // A ≤ indicator is too low the other way round.
  auto le_last = project({gi("A", IndicatorSubclass::cost, Direction::le, "%", "10", "5")});
  auto le_now = project({gi("A", IndicatorSubclass::cost, Direction::le, "%", "8", "5")});
  EXPECT_TRUE(has(lint_goals({le_now}, {le_last}, Library()), "goal.target-too-low"));
  le_now.indicators[0].target = Measure::from_int(4);
  le_now.indicators[0].actual->value = Measure::from_int(4);
  EXPECT_FALSE(has(lint_goals({le_now}, {le_last}, Library()), "goal.target-too-low"));
}

TEST(LintGoals, FarOverTargetSuggestsItWasTooLow) {
  auto s = good_project();
  s.indicators[0].actual->value = Measure::from_int(13);  // 130 % of 10
  EXPECT_TRUE(has(lint_goals({s}, {}, Library()), "goal.target-too-low"));
}

TEST(LintGoals, MissingClass) {
  auto s = good_project();
  s.indicators[3] = gi("D", IndicatorSubclass::quantity);
  auto f = lint_goals({s}, {}, Library());
  ASSERT_EQ(rules(f), std::vector<std::string>{"goal.missing-class"});
  EXPECT_EQ(f[0].message, "P001（区人大会议） 缺少满意度指标");
}

TEST(LintGoals, ShortfallNeedsAReason) {
  auto s = good_project();
  s.indicators[0].actual->value = Measure::from_int(8);
  auto f = lint_goals({s}, {}, Library());
  ASSERT_EQ(rules(f), std::vector<std::string>{"goal.deviation-reason-missing"});
  EXPECT_EQ(f[0].message,
            "P001 A 指标A: 未完成目标（实际 8次 / 目标 10次 = 80.00%，未完成），须填写偏差原因");
  s.indicators[0].deviation_reason = "会议因疫情推迟";
  EXPECT_TRUE(lint_goals({s}, {}, Library()).empty());
}

TEST(LintGoals, RateTargetAbove100) {
  auto s = good_project();
  s.indicators[3].target = Measure::from_int(105);
  s.indicators[3].actual->value = Measure::from_int(105);
  EXPECT_TRUE(has(lint_goals({s}, {}, Library()), "goal.rate-above-100"));
  s.indicators[3].target = Measure::from_int(100);
  EXPECT_FALSE(has(lint_goals({s}, {}, Library()), "goal.rate-above-100"));
}

TEST(LintGoals, RetiredIndicatorIsReportedButKept) {
  auto v1 = version("A", "指标A");
  auto v2 = v1;
  v2.version = 2;
  v2.change = model::ChangeKind::retire;
  v2.effective_from = Date::from_ymd(2023, 1, 1);
  v2.reason = "并入B";
  auto f = lint_goals({good_project()}, {}, Library({v1, v2}));
  ASSERT_EQ(rules(f), std::vector<std::string>{"goal.retired-indicator"});
  EXPECT_EQ(f[0].severity, Severity::info);
  EXPECT_EQ(f[0].message, "P001 A 指标A: 指标已于 2023-01-01 停用（并入B）；本目标仍按第 1 版计算");
  EXPECT_TRUE(lint_goals({good_project()}, {}, Library({v1})).empty());
}

TEST(LintGoals, EveryRuleIsDocumented) {
  for (const char* rule :
       {"goal.min-indicators", "goal.quantitative-share", "goal.target-too-low",
        "goal.missing-class", "goal.deviation-reason-missing", "library.near-duplicate"}) {
    EXPECT_TRUE(std::any_of(lint_rules().begin(), lint_rules().end(), [&](const RuleInfo& r) {
      return r.id == rule;
    })) << rule;
  }
}

}  // namespace
}  // namespace jixiao::indicators

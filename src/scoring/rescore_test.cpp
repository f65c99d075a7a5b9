// scoring/rescore_test.cpp — re-scoring claimed scores: the reference case (the seed's 98)
// under the Guangzhou-shape framework, and published self-evaluation tables from
// shared/samples/published-reports/ where their figures allow.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "indicators/goals.hpp"
#include "scoring/scoring.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::scoring {
namespace {

model::Measure m(std::int64_t whole) { return model::Measure::from_int(whole); }

indicators::GoalCompletion goal(const std::string& code, const std::string& name,
                                model::IndicatorSubclass subclass, model::Direction direction,
                                std::int64_t target, std::optional<std::int64_t> actual,
                                std::int64_t points, const std::string& unit = "%") {
  model::GoalIndicator g;
  g.indicator_code = code;
  g.name = name;
  g.subclass = subclass;
  g.direction = direction;
  g.quantitative = direction != model::Direction::qualitative;
  g.measure_unit = unit;
  g.target = m(target);
  g.points = m(points);
  if (direction == model::Direction::qualitative) {
    model::Actual a;
    a.grade = model::QualitativeGrade::achieved;
    a.text = "有效";
    g.actual = a;
  } else if (actual) {
    model::Actual a;
    a.value = m(*actual);
    a.text = std::to_string(*actual);
    g.actual = a;
  }
  return {"", g, indicators::completion(g)};
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The reference case's ledger figures: 全年预算 3403.40 万元, 执行 3115.88 万元 (the seed);
// the spending by 09-30 and the 三公 / 公用经费 split are the demo ledger's (data/demo, invented).
LedgerFigures reference_figures() {
  LedgerFigures f;
  f.unit_code = "BYRD01";
  f.unit_name = "广州市白云区人民代表大会常务委员会办公室";
  f.fiscal_year = 2022;
  f.initial = 3403400000;  // 分
  f.executed = 3115880000;
  f.executed_h1 = 1400000000;
  f.executed_q3 = 2126270000;
  f.three_public_budget = 21000000;
  f.three_public_executed = 18060000;
  f.public_budget = 331000000;
  f.public_executed = 309460000;
  return f;
}

TEST(ReferenceCase, GuangzhouShapeScorecardAgainstClaimed98) {
  auto fw =
      load_framework_file(testkit::source_dir().string() + "/frameworks/gz_dept_overall_2022.fw");
  ASSERT_TRUE(fw) << fw.error().to_string();
  auto answers = read_checklist_answers(testkit::source_dir().string() +
                                        "/data/demo/checklist_answers_2022.csv");
  ASSERT_TRUE(answers) << answers.error().to_string();
  InputSet in;
  add_ledger_inputs(in, reference_figures());
  add_checklist_inputs(in, *fw, *answers);
  // 履职效能: the goals all met (the seed: "能履行好各项主要职能").
  add_goal_inputs(
      in, {goal("RD002", "召开常委会会议次数", model::IndicatorSubclass::quantity,
                model::Direction::ge, 6, 8, 5, "次"),
           goal("RD025", "代表建议解决比例较上年提高", model::IndicatorSubclass::social,
                model::Direction::ge, 3, 3, 5),
           goal("RD028", "代表对建议办理答复满意率", model::IndicatorSubclass::service_object,
                model::Direction::ge, 95, 100, 5)});
  auto card = score(*fw, in, "BYRD01", "广州市白云区人民代表大会常务委员会办公室", 2022);

  struct Expect {
    const char* number;
    model::Points points;
  } expected[] = {{"1.1.1", 600}, {"1.1.2", 149}, {"1.1.3", 200}, {"1.1.4", 400}, {"1.2.1", 600},
                  {"1.3.1", 300}, {"1.3.2", 300}, {"1.4.1", 400}, {"1.4.2", 300}, {"1.4.3", 300},
                  {"1.5.1", 255}, {"1.5.2", 100}, {"1.5.3", 300}, {"1.1", 1349},  {"1.5", 655},
                  {"1", 4204},    {"2", 5000}};
  for (const auto& e : expected) {
    ASSERT_NE(card.find(e.number), nullptr) << e.number;
    EXPECT_EQ(card.find(e.number)->points, e.points) << e.number;
  }
  EXPECT_EQ(card.total, 9204);
  EXPECT_EQ(card.grade, "优");
  EXPECT_TRUE(card.complete());
  EXPECT_EQ(card.find("1.1.1")->explanation,
            "预算完成率（8 分）: 91.55%（账簿（BYRD01，2022 年）: 执行数 3115.88 万元 ÷ 全年预算数 "
            "3403.40 万元）；"
            "达到 100% 得满分，每低 5 个百分点扣 2 分（按整档计），扣完为止；"
            "差 100 − 91.55 = 8.45 个百分点，8.45 ÷ 5 = 1.69，计 1 档 × 2 = 扣 2；8 − 2 = 6；得 6 "
            "分，扣 2 分。");
  EXPECT_EQ(card.find("1.1.3")->arithmetic, "8.45% 落在 (5,10] 档，得 2");

  auto review = review_claim(card, 9800, *fw);
  EXPECT_EQ(review.difference, 596);
  ASSERT_GE(review.lines.size(), 3u);
  EXPECT_EQ(review.lines[0]->number, "1.1.2");  // the biggest loss first: 2.51
  EXPECT_EQ(review.lines[1]->number, "1.1.1");
  EXPECT_EQ(
      review.note.substr(0, review.note.find('\n')),
      "复核意见: 广州市白云区人民代表大会常务委员会办公室（BYRD01）2022 "
      "年度按“广州市区级部门整体支出绩效自评指标体系"
      "（2022，重构）”自评 98 分（优）；依据系统数据复算为 92.04 分（优），自评高出 5.96 分。");

  // What-if: the execution needed by 12-31 to keep 优, and one input changed.
  auto scorer = Scorer::make(*fw);
  ASSERT_TRUE(scorer);
  auto need = execution_needed(*scorer, in, reference_figures(), "优");
  ASSERT_TRUE(need);
  // At exactly 90 % the shortfall is 2 whole steps (−4) and carry-over 10 % still in (5,10]: 90.04.
  // Below it carry-over drops to the (10,20] band: 89.04 < 90.
  EXPECT_DOUBLE_EQ(need->rate, 90);
  EXPECT_EQ(need->total, 9004);
  EXPECT_EQ(need->still_to_pay_fen, 0);
  auto better = with_execution(in, reference_figures(), 100);
  EXPECT_EQ(scorer->score(better).total, 9204 + 200 + 200);
}

// 13.txt: 2022 项目支出绩效自评表, 永德县明朗中学 (Yunnan 公开14表). The table's own weights
// (预算执行率 10, 产出 40, 效益 30, 满意度 20) and figures; it scores 资金到位及时率 7 of 10
// although the indicator was met at 100 %, and totals 96.
TEST(PublishedReports, Table13ScoresSevenOnAnIndicatorMetInFull) {
  const std::string text = read_file(testkit::source_dir().string() +
                                     "/tests/testdata/reports/published-reports/13.txt");
  ASSERT_NE(text.find("资金到位及时率 | ≧ | 100 | % | 100% | 10 | 7 |"), std::string::npos);
  ASSERT_NE(text.find("总分 | 100 | 96 | 优"), std::string::npos);

  auto fw = parse_framework(
      "[framework]\nid = yn_project_14\nname = 云南项目支出绩效自评表（公开14表）\nsource = "
      "13.txt\n"
      "grades = 优 90, 良 80, 中 60, 差 0\n"
      "[1 预算执行率]\npoints = 10\nrule = proportional\ninput = ledger.execution_rate\n"
      "[2 产出指标]\npoints = 40\nrule = goal_indicators\ngroup = goals.output\n"
      "[3 效益指标]\npoints = 30\nrule = goal_indicators\ngroup = goals.effect\n"
      "[4 满意度指标]\npoints = 20\nrule = goal_indicators\ngroup = goals.satisfaction\n",
      "yn_project_14.fw");
  ASSERT_TRUE(fw) << fw.error().to_string();
  using S = model::IndicatorSubclass;
  using D = model::Direction;
  InputSet in;
  LedgerFigures f;
  f.unit_code = "永德县明朗中学";
  f.fiscal_year = 2022;
  f.initial = 38766462;  // 387664.62 元
  f.executed = 38766462;
  add_ledger_inputs(in, f);
  add_goal_inputs(
      in, {goal("C1", "学生受资助人数", S::quantity, D::ge, 735, 735, 10, "人次"),
           goal("C2", "营养改善计划覆盖率", S::quality, D::ge, 100, 100, 10),
           goal("C3", "资金到位及时率", S::timeliness, D::ge, 100, 100, 10),
           goal("C4", "生均补助标准达标率", S::cost, D::eq, 100, 100, 10),
           goal("C5", "减轻贫困学生家庭经济负担", S::economic, D::qualitative, 0, std::nullopt, 10),
           goal("C6", "政策知晓率", S::social, D::eq, 100, 98, 10),
           goal("C7", "促进学校教育事业健康发展", S::sustainability, D::ge, 100, 100, 10),
           goal("C8", "学生满意度", S::service_object, D::ge, 95, 100, 10),
           goal("C9", "家长满意度", S::service_object, D::ge, 95, 100, 10)});
  auto card = score(*fw, in, "YD-ML", "永德县明朗中学", 2022);
  const ScoreLine* timeliness = card.find("2.C3");
  ASSERT_NE(timeliness, nullptr);
  EXPECT_EQ(timeliness->max, 1000);
  EXPECT_EQ(timeliness->points, 1000);        // the table gives 7
  EXPECT_EQ(card.find("3.C6")->points, 980);  // 政策知晓率 98 % of 100 %: 9.8 (the table gives 9)
  EXPECT_EQ(card.total, 9980);
  auto review = review_claim(card, 9600, *fw);
  EXPECT_EQ(review.difference, -380);
  EXPECT_NE(review.note.find("自评低于复算 3.8 分"), std::string::npos) << review.note;
}

// 02.txt: 2023 部门预算项目支出绩效自评表 (四川, 青神县发展和改革局): 调整后预算 251.89 = 执行
// 251.89 万元, but no 完成值 and no 得分 filled in. The execution points can be re-scored; the
// indicator points stay undetermined and are listed, never given as 0 or full marks.
TEST(PublishedReports, Table02WithoutActualsLeavesIndicatorsUndetermined) {
  const std::string text = read_file(testkit::source_dir().string() +
                                     "/tests/testdata/reports/published-reports/02.txt");
  ASSERT_NE(text.find("251.89"), std::string::npos);
  auto fw = parse_framework(
      "[framework]\nid = sc_project\nname = 四川项目支出绩效自评表\nsource = 02.txt\ngrades = 优 "
      "90, 良 80, 中 60, 差 0\n"
      "[1 预算执行情况]\npoints = 10\nrule = proportional\ninput = ledger.execution_rate\n"
      "[2 产出指标]\npoints = 60\nrule = goal_indicators\ngroup = goals.output\n"
      "[3 效益指标]\npoints = 30\nrule = goal_indicators\ngroup = goals.effect\n",
      "sc_project.fw");
  ASSERT_TRUE(fw) << fw.error().to_string();
  InputSet in;
  LedgerFigures f;
  f.unit_code = "青神县发展和改革局";
  f.fiscal_year = 2023;
  f.initial = 238930000;  // 238.93 万元
  f.additions = 251890000 - 238930000;
  f.executed = 251890000;
  add_ledger_inputs(in, f);
  add_goal_inputs(in, {goal("Q1", "发放(缴纳)覆盖率", model::IndicatorSubclass::quantity,
                            model::Direction::eq, 100, std::nullopt, 60),
                       goal("Q2", "足额保障率(参保率)", model::IndicatorSubclass::social,
                            model::Direction::eq, 100, std::nullopt, 30)});
  auto card = score(*fw, in);
  EXPECT_EQ(card.find("1")->points, 1000);
  EXPECT_EQ(card.total, 1000);
  EXPECT_EQ(card.undetermined, 9000);
  EXPECT_EQ(card.grade, "差");
  EXPECT_EQ(card.grade_best, "优");
  EXPECT_EQ(card.missing_inputs, (std::vector<std::string>{"goal.Q1", "goal.Q2"}));
}

// 08.txt: 2022 西平县交通运输局 衔接资金 project self-evaluation (Henan), written before the
// year-end: 2179 万元, 2113.63 万元 paid by 12-08, "执行率97%". No score is given and the text
// stops inside the effect indicators, so only the execution leaf of the MOF framework can be
// re-scored: 10 × 97.00 % = 9.70; everything else is undetermined, not 0.
TEST(PublishedReports, Table08ExecutionLeafUnderTheMofFramework) {
  const std::string text = read_file(testkit::source_dir().string() +
                                     "/tests/testdata/reports/published-reports/08.txt");
  ASSERT_NE(text.find("已完成拨付2113.63万元,执行率97%"), std::string::npos);
  auto fw = load_framework_file(testkit::source_dir().string() +
                                "/frameworks/mof_project_self_eval_2020.fw");
  ASSERT_TRUE(fw) << fw.error().to_string();
  InputSet in;
  LedgerFigures f;
  f.unit_code = "西平县交通运输局";
  f.fiscal_year = 2022;
  f.initial = 2179000000;
  f.executed = 2113630000;
  add_ledger_inputs(in, f);
  EXPECT_EQ(in["ledger.execution_rate"].display, "97.00%");
  auto card = score(*fw, in);
  EXPECT_EQ(card.find("1")->points, 970);
  EXPECT_EQ(card.find("1")->arithmetic, "10 × 97 ÷ 100 = 9.7");
  EXPECT_EQ(card.total, 970);
  EXPECT_EQ(card.undetermined, 9000);
}

}  // namespace
}  // namespace jixiao::scoring

// checker/checker_test.cpp — extraction and each check on small made-up reports; the output
// formats.
#include "checker/checker.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "checker/extract.hpp"
#include "checker/text_flow.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::checker {
namespace {

CheckedDocument check(std::string_view text) {
  return check_source(source_from_text(text), "t.txt");
}

std::vector<std::string> kinds(const CheckedDocument& doc) {
  std::vector<std::string> out;
  for (const auto& f : doc.findings)
    out.push_back(f.kind + "/" + std::string(to_string(f.severity)));
  return out;
}

TEST(CheckerMoney, WanExact) {
  EXPECT_EQ(format_wan_exact(3403400000), "3403.40");
  EXPECT_EQ(format_wan_exact(38766462), "38.766462");
  EXPECT_EQ(format_wan_exact(2179000000), "2179.00");
  EXPECT_EQ(format_wan_exact(-1800000000), "-1800.00");
  EXPECT_EQ(format_yuan_exact(38766462), "387664.62");
}

TEST(CheckerGrade, CutOffs) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"100", "优"},  {"90", "优"}, {"89.99", "良"}, {"80", "良"},
      {"79.5", "中"}, {"60", "中"}, {"59", "差"},    {"0", "差"}};
  for (const auto& [score, grade] : cases)
    EXPECT_EQ(grade_for_score(*Decimal::parse(score)), grade) << score;
}

TEST(CheckerRate, StatedPrecisionHalfUpOrTruncated) {
  struct Case {
    std::string_view rate;
    bool ok;
  };
  // 3115.88 / 3403.40 = 91.55197…%: half-up 91.6 / 91.55 / 92 / 91.552, truncated 91.5 / 91.
  const Case cases[] = {{"91.6", true},   {"91.5", true},  {"91.55", true}, {"92", true},
                        {"91", true},     {"91.7", false}, {"90", false},   {"91.552", true},
                        {"91.56", false}, {"91.4", false}};
  for (const auto& c : cases) {
    std::string text =
        "全年预算数 3403.40万元，执行数 3115.88万元，执行率为" + std::string(c.rate) + "%。";
    auto doc = check(text);
    EXPECT_EQ(doc.findings.empty(), c.ok) << c.rate;
  }
}

// executed / budget × 1000 is 3.3 × 10^20 here, which narrowed to long long is exactly 912: the
// stated 91.2% used to "agree". A rate past any stated one agrees with none.
TEST(CheckerRate, NoRateAgreesByWrappingAround) {
  auto doc = check("全年预算数 0.01元，执行数 3320413933267719.30元，执行率为91.2%。");
  ASSERT_TRUE(doc.extracted.budget() && doc.extracted.executed);
  EXPECT_EQ(doc.extracted.executed->value, 332041393326771930LL);
  EXPECT_EQ(kinds(doc), (std::vector<std::string>{"rate_mismatch/error", "unit_slip/warning"}));
  EXPECT_FALSE(rate_agrees(332041393326771930LL, 1, *Decimal::parse("91.2")));
  EXPECT_EQ(percent_at(332041393326771930LL, 1, 1), std::nullopt);
  // Near the edge of long long, an executed amount written in 元 beside a budget in 万元 has no
  // 万元 reading to test (its ×10000 used to overflow): the rate is simply wrong.
  EXPECT_EQ(kinds(check("全年预算数 3403.40万元，执行数 92233720368547.00元，预算执行率91.6%。")),
            std::vector<std::string>{"rate_mismatch/error"});
}

TEST(CheckerRate, SeedSentenceAgrees) {
  auto doc = check("我单位全年预算数 3403.40万元，执行数 3115.88万元，完\n\n成预算的 91.6%。");
  EXPECT_TRUE(doc.findings.empty());
  EXPECT_EQ(doc.extracted.execution_rate_pct->value.to_string(), "91.6");
}

TEST(CheckerRate, AdjustedBudgetFirstAndMismatchMessage) {
  auto doc = check("年初预算数100万元，调整后预算数200万元，执行数150万元，预算执行率80%。");
  ASSERT_EQ(kinds(doc), std::vector<std::string>{"rate_mismatch/error"});
  EXPECT_EQ(doc.findings[0].message,
            "执行率写为 80%，但执行数 150.00万元 ÷ 预算数 200.00万元 = 75.00%");
  EXPECT_EQ(format_wan_exact(doc.extracted.budget()->value), "200.00");
  // Measured against the initial budget instead: 150/100 is not 80% either; 80/100 is.
  auto initial = check("年初预算数100万元，调整后预算数200万元，执行数80万元，预算执行率80%。");
  EXPECT_TRUE(initial.findings.empty());
}

// Without an amount spent, the rate is measured against the budget stated in its own sentence,
// not a total stated earlier (which, differing, is one figure stated twice).
TEST(CheckerRate, BudgetOfTheRatesOwnSentence) {
  auto doc = check(
      "一、概况\n2023年度本局专项预算资金总额为800.00万元，其中：市级600.00万元，区级200.00万元。\n"
      "二、执行\n2023年度本局专项资金预算总额为900.00万元，截至年底预算执行率90%。\n");
  EXPECT_EQ(format_wan_exact(doc.extracted.budget()->value), "900.00");
  EXPECT_EQ(doc.extracted.execution_rate_pct->value.to_string(), "90");
  ASSERT_EQ(kinds(doc), std::vector<std::string>{"figure_stated_twice/error"});
  EXPECT_EQ(doc.findings[0].message,
            "同一数字前后不一：2023年度本局专项资金预算总额为900.00万元，但前文写为 "
            "800.00万元（相差 100.00万元）");
}

// The 部门整体支出 form's two totals of the year's funds, by source and by nature, flattened one
// cell per line with the two columns interleaved: they must be equal.
TEST(CheckerFundsBlock, IncomeAndSpendingTotalsAgree) {
  const std::string head =
      "年度资金总额\n\n500.00\n\n600.00\n\n600.00\n\n10\n\n100%\n\n10\n\n按收入性质分:600.00\n\n";
  auto good = check(head +
                    "按支出性质分:600.00\n\n其中: 一般公共预算:450.00\n\n其中:基本支出:400.00\n\n"
                    "政府性基金拨款:150.00\n\n项目支出:200.00\n");
  EXPECT_TRUE(good.findings.empty()) << good.findings.front().message;
  auto bad = check(head +
                   "按支出性质分:550.00\n\n其中: 一般公共预算:450.00\n\n其中:基本支出:400.00\n\n"
                   "政府性基金拨款:150.00\n\n项目支出:150.00\n");
  ASSERT_EQ(kinds(bad), std::vector<std::string>{"income_spending_mismatch/error"});
  EXPECT_EQ(bad.findings[0].message,
            "按收入性质分合计 600.00 与按支出性质分合计 550.00 不等（相差 "
            "50.00）：资金来源与支出去向应为同一总额");
}

// One total stated twice: the same words (in any order) with two amounts is an error; the same
// words with the same amount, other years, other totals or a bare 合计 are not.
TEST(CheckerStatedTwice, SameWordsTwoAmounts) {
  EXPECT_EQ(kinds(check("全年下达项目资金总额为50万元。\n另，全年下达项目资金总额为55万元。")),
            std::vector<std::string>{"figure_stated_twice/error"});
  EXPECT_TRUE(
      check("全年下达项目资金总额为50万元。\n另，全年下达项目资金总额为50万元。").findings.empty());
  EXPECT_TRUE(
      check("2022年下达项目资金总额为50万元。\n2023年下达项目资金总额为55万元。").findings.empty());
  EXPECT_TRUE(
      check("全年下达项目资金总额为50万元。\n全年下达基本支出总额为55万元。").findings.empty());
  EXPECT_TRUE(check("| 合计 | 50万元 |\n| 合计 | 55万元 |").findings.empty());
}

TEST(CheckerParts, OnlyFinishedSentencesWithTwoOrMoreParts) {
  EXPECT_EQ(kinds(check("总预算为100万元，其中A 60万元，B 30万元。")),
            std::vector<std::string>{"parts_sum_mismatch/error"});
  EXPECT_TRUE(check("总预算为100万元，其中A 60万元，B 40万元。").findings.empty());
  EXPECT_TRUE(check("总预算为100万元，其中A 60万元。").findings.empty());  // one part: a share
  EXPECT_TRUE(check("总预算为100万元，分别是A 5万元，B 18万元，C").findings.empty());     // cut off
  EXPECT_TRUE(check("共编制12个指标，其中一级指标3个，二级指标9个。").findings.empty());  // counts
  // A breakdown in a sentence of its own, its parts separated by "；".
  EXPECT_EQ(
      kinds(check("项目12个，项目支出总额300.00万元。其中，本级项目5个，本级项目支出120.00万元；"
                  "对下转移支付项目0个，对下转移支付0万元。")),
      std::vector<std::string>{"parts_sum_mismatch/error"});
  EXPECT_TRUE(check("项目12个，项目支出总额300.00万元。其中，本级项目5个，本级项目支出120.00万元；"
                    "对下转移支付项目7个，对下转移支付180.00万元。")
                  .findings.empty());
  // Parts in 元 beside a 万元 total whose 万元 reading (×10000) leaves long long: no unit slip to
  // test (it used to overflow), the sum is still wrong.
  EXPECT_EQ(kinds(check("总预算为100万元，其中A 92233720368547.00元，B 92233720368547.00元。")),
            std::vector<std::string>{"parts_sum_mismatch/error"});
  // After "X万元，其中" the breakdown still ends at the first "；".
  EXPECT_TRUE(
      check("总预算为100万元，其中A 60万元，B 40万元；另有C 5万元，D 7万元。").findings.empty());
}

TEST(CheckerScores, GradeAndRowsAndTotal) {
  EXPECT_EQ(kinds(check("本项目自评得分为85分，评价等级为优。")),
            std::vector<std::string>{"score_grade_mismatch/error"});
  EXPECT_TRUE(check("本项目自评得分为85分，评价等级为良。").findings.empty());
  // A table: execution block 10/10, two rows, total.
  std::string table =
      "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
      "| 100.00 | 100.00 | 100.00 | 10 | 100% | 10 |\n"
      "| 数量指标 | 培训人数 | ≥ | 50 | 人 | 60 | 40 | 45 |\n"
      "| 质量指标 | 合格率 | ≥ | 90 | % | 95% | 50 | 50 |\n"
      "| 总分 | 100 | 95 | 优 |\n";
  auto doc = check(table);
  EXPECT_EQ(doc.extracted.rows.size(), 2u);
  EXPECT_EQ(kinds(doc), (std::vector<std::string>{"row_score_exceeds_points/error",
                                                  "total_score_mismatch/error"}));
  EXPECT_EQ(doc.findings[1].message, "总分写为 95，但各项得分之和为 105");
  EXPECT_EQ(doc.extracted.self_score->value.to_string(), "95");
  EXPECT_EQ(doc.extracted.grade->value, "优");
}

TEST(CheckerScores, MetButNotFullAndUnmetButFull) {
  std::string table =
      "| 产出指标 | 培训人数 | ≥ | 50 | 人 | 50 | 50 | 45 |\n"
      "| 质量指标 | 合格率 | ≥ | 90 | % | 80% | 50 | 50 |\n"
      "| 总分 | 100 | 95 |\n";
  auto doc = check(table);
  EXPECT_EQ(kinds(doc), (std::vector<std::string>{"row_score_contradiction/error",
                                                  "row_full_score_unmet/warning"}));
}

TEST(CheckerClaims, AllCompletedBesideAnUnmetIndicator) {
  std::string text =
      "各项指标全部完成。\n"
      "| 质量指标 | 合格率 | ≥ | 100 | % | 90% | 10 | 9 |\n";
  EXPECT_EQ(kinds(check(text)), std::vector<std::string>{"claim_contradicted/error"});
}

TEST(CheckerClaims, NoProblemBesideMiddlingExecutionIsAWarning) {
  auto doc = check("全年预算数100万元，执行数75万元，执行率75%。经自查，暂无问题。");
  EXPECT_EQ(kinds(doc), std::vector<std::string>{"claim_contradicted/warning"});
}

TEST(CheckerUnspent, BudgetMinusExecuted) {
  EXPECT_TRUE(
      check("全年预算数 3403.40万元，执行数 3115.88万元，结余 287.52万元。").findings.empty());
  EXPECT_EQ(kinds(check("全年预算数 3403.40万元，执行数 3115.88万元，结余 278.52万元。")),
            std::vector<std::string>{"unspent_mismatch/error"});
}

// A 决算-style narrative: "YYYY年预算收入" is the budget, "YYYY年支出" the amount spent, "结余结转"
// what is left; spending more than the budget with nothing left over does not add up.
TEST(CheckerUnspent, BudgetIncomeSpendingAndCarryOver) {
  auto bad = check(
      "2023年预算收入80.00万元，其中年初预算70.00万元，调整追加10.00万元。\n"
      "2023年支出90.00万元，其中基本支出90.00万元，项目支出0万元，结余结转0万元。");
  EXPECT_EQ(format_wan_exact(bad.extracted.budget()->value), "80.00");
  EXPECT_EQ(format_wan_exact(bad.extracted.executed->value), "90.00");
  EXPECT_EQ(kinds(bad), std::vector<std::string>{"unspent_mismatch/error"});
  auto good = check(
      "2023年预算收入80.00万元，其中年初预算70.00万元，调整追加10.00万元。\n"
      "2023年支出75.00万元，其中基本支出75.00万元，项目支出0万元。年末结余结转5.00万元。");
  EXPECT_EQ(format_wan_exact(good.extracted.executed->value), "75.00");
  EXPECT_TRUE(good.findings.empty());
}

TEST(CheckerUnitSlip, TinyYuanAmountBesideWan) {
  EXPECT_EQ(kinds(check("全年预算数 3.6元，执行数 3.6万元。")),
            std::vector<std::string>{"unit_slip/warning"});
}

TEST(CheckerExtract, YearKindUnitFromTitle) {
  auto doc = check("2023年度某市某区财政局部门整体支出绩效自评报告\n一、基本情况");
  ASSERT_TRUE(doc.extracted.fiscal_year && doc.extracted.unit_name && doc.extracted.doc_kind);
  EXPECT_EQ(doc.extracted.fiscal_year->value, 2023);
  EXPECT_EQ(doc.extracted.unit_name->value, "某市某区财政局");
  EXPECT_EQ(*doc.extracted.doc_kind, DocKind::department_overall);
  EXPECT_EQ(kinds(check("2023年度项目支出绩效自评表\n本单位2022年项目支出绩效自评得分90分。")),
            std::vector<std::string>{"year_mismatch/error"});
}

TEST(CheckerOutput, JsonContract) {
  auto doc = check("全年预算数 3403.40万元，执行数 3115.88万元，完成预算的 91.6%。");
  auto j = nlohmann::json::parse(to_json({doc}, false));
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["file"], "t.txt");
  EXPECT_EQ(j["extracted"]["budget_wan"], "3403.40");
  EXPECT_EQ(j["extracted"]["budget_yuan"], "34034000.00");
  EXPECT_EQ(j["extracted"]["executed_wan"], "3115.88");
  EXPECT_EQ(j["extracted"]["execution_rate_pct"], "91.6");
  EXPECT_EQ(j["extracted"]["computed_execution_rate_pct"], "91.55");
  EXPECT_TRUE(j["extracted"]["self_score"].is_null());
  EXPECT_TRUE(j["extracted"]["grade"].is_null());
  EXPECT_TRUE(j["extracted"]["unit_name"].is_null());
  EXPECT_TRUE(j["findings"].is_array());
  EXPECT_EQ(j["extracted"]["sources"]["executed"]["location"]["line"], 1);
  auto many = nlohmann::json::parse(to_json({doc, doc}, false));
  EXPECT_TRUE(many.is_array());
  EXPECT_EQ(many.size(), 2u);
  EXPECT_TRUE(nlohmann::json::parse(to_json({doc}, true)).is_array());
}

TEST(CheckerOutput, CsvOneRowPerDocument) {
  auto a = check("全年预算数 100万元，执行数 90万元，执行率 80%。");
  auto b = check("总预算为100万元，其中A 60万元，B 40万元。");
  std::string csv = to_csv({a, b});
  EXPECT_EQ(csv,
            "file,unit_name,fiscal_year,doc_kind,budget_wan,executed_wan,execution_rate_pct,self_"
            "score,grade,errors,warnings,kinds\n"
            "t.txt,,,,100.00,90.00,80,,,1,0,rate_mismatch\n"
            "t.txt,,,,100.00,,,,,0,0,\n");
}

TEST(CheckerFiles, ListReportsInAFolder) {
  testkit::TempDir dir;
  dir.write("b.txt", "x");
  dir.write("a.pdf", "x");
  dir.write("c.csv", "x");
  auto files = list_reports(dir.path());
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ(files->at(0).filename(), "a.pdf");
  EXPECT_EQ(files->at(1).filename(), "b.txt");
  EXPECT_FALSE(list_reports(dir.file("nope")));
}

}  // namespace
}  // namespace jixiao::checker

namespace jixiao::checker {
namespace {

TEST(CheckerExtract, FundsRowWithTwoAmountsForThreeColumns) {
  std::string table =
      "| 项目资金 (元) |\n"
      "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |\n"
      "| 150000 | 148000 | 10 | 98.67% | 9.87 | 其中:当年财政拨款 |\n";
  auto doc = check(table);
  EXPECT_EQ(format_wan_exact(doc.extracted.budget()->value), "15.00");
  ASSERT_TRUE(doc.extracted.budget_annual);  // 全年, the budget column nearest 执行数
  EXPECT_EQ(format_wan_exact(doc.extracted.executed->value), "14.80");
  EXPECT_EQ(doc.extracted.execution_rate_pct->value.to_string(), "98.67");
  EXPECT_EQ(doc.extracted.execution_points->to_string(), "10");
  EXPECT_EQ(doc.extracted.execution_score->to_string(), "9.87");
  EXPECT_EQ(kinds(doc), std::vector<std::string>{"missing_cell/warning"});
}

TEST(CheckerExtract, DirectionInTheTargetCell) {
  auto doc = check("| 质量指标 | 验收合格率 | ≥95 | % | 100% | 20 | 15 |\n");
  ASSERT_EQ(doc.extracted.rows.size(), 1u);
  EXPECT_EQ(doc.extracted.rows[0].target, "95");
  EXPECT_EQ(doc.extracted.rows[0].unit, "%");
  EXPECT_EQ(kinds(doc), std::vector<std::string>{"row_score_contradiction/error"});
}

TEST(CheckerExtract, OnlyTheFirstReportOfACollection) {
  auto doc = check(
      "项目绩效自评报告精品15篇\n项目绩效自评报告1\n2021年项目资金总预算为100万元，已支出90万元，执"
      "行率90%。\n"
      "项目绩效自评报告2\n2020年度绩效自评：项目资金总预算为50万元，已支出50万元，执行率80%。\n");
  EXPECT_EQ(format_wan_exact(doc.extracted.budget()->value), "100.00");
  EXPECT_TRUE(doc.findings.empty());
}

}  // namespace
}  // namespace jixiao::checker

namespace jixiao::checker {
namespace {

TEST(CheckerExtract, LineItemTableIsReadFromItsTotalRow) {
  std::string text =
      "部门整体收支情况表(单位:万元)\n"
      "| 项目 | 支出类型 | 年初预算数 | 全年预算数 | 执行数 | 执行率 |\n"
      "| 在职人员工资福利 | 基本支出 | 1450.00 | 1495.00 | 1495.00 | 100.0% |\n"
      "| 区人大会议 | 项目支出 | 260.00 | 260.00 | 246.30 | 94.7% |\n"
      "| 合计 | 1710.00 | 1755.00 | 1741.30 | 99.2% |\n";
  auto doc = check(text);
  EXPECT_EQ(format_wan_exact(doc.extracted.budget()->value), "1755.00");
  EXPECT_EQ(format_wan_exact(doc.extracted.executed->value), "1741.30");
  EXPECT_EQ(doc.extracted.execution_rate_pct->value.to_string(), "99.2");
  EXPECT_EQ(doc.extracted.budget()->pos.line, 5);
  EXPECT_TRUE(doc.findings.empty());
}

// ---- the 自评表 without a direction column, in each flattening style (issue 16 item 1) -------

// One table, four flattenings: '|' cells, runs of spaces (pdftotext -layout), one cell per
// line, and HTML. Each must give the same rows, and the totals.
TEST(CheckerPointsTable, ReadsEveryFlatteningStyle) {
  const std::string bars =
      "| 一级指标 | 二级指标 | 三级指标 | 分值 | 自评得分 | 扣分原因 |\n"
      "| 管理效率 | 资金管理 | 预算完成率 | 10 | 8 | 预算完成率91.6%，未达100%，扣2分。 |\n"
      "|  |  | 结转结余 | 5 | 5 | 无扣分。 |\n"
      "|  | 采购管理 | 采购规范性 | 5 | 5 | 无扣分。 |\n"
      "| 履职效能 | 重点工作 | 重点工作完成 | 80 | 80 | 无扣分。 |\n"
      "| 合计 | 100 | 98 | 等级：优 |\n";
  const std::string spaces =
      "一级指标     二级指标     三级指标        分值    自评得分    扣分原因\n"
      "管理效率     资金管理     预算完成率       10       8        预算完成率91.6%，未达\n"
      "                                                             100%，扣2分。\n"
      "                          结转结余         5        5        无扣分。\n"
      "             采购管理     采购规范性       5        5        无扣分。\n"
      "履职效能     重点工作     重点工作完成     80       80       无扣分。\n"
      "             合计                          100      98       等级：优\n";
  const std::string per_line =
      "一级指标\n二级指标\n三级指标\n分值\n自评得分\n扣分原因\n管理效率\n资金管理\n预算完成率\n10\n"
      "8\n预算完成率91.6%，未达100%，扣2分。\n"
      "结转结余\n5\n5\n无扣分。\n采购管理\n采购规范性\n5\n5\n无扣分。\n履职效能\n重点工作\n重点工作"
      "完成\n80\n80\n无扣分。\n合计\n100\n98\n等级：优\n";
  const std::string html =
      "<table><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>分值</"
      "th><th>自评得分</th><th>扣分原因</th></tr></thead>"
      "<tbody><tr><td rowspan=\"3\">管理效率</td><td "
      "rowspan=\"2\">资金管理</td><td>预算完成率</td><td>10</td><td>8</td><td>扣2分。</td></tr>"
      "<tr><td>结转结余</td><td>5</td><td>5</td><td>无扣分。</td></tr>"
      "<tr><td>采购管理</td><td>采购规范性</td><td>5</td><td>5</td><td>无扣分。</td></tr>"
      "<tr><td>履职效能</td><td>重点工作</td><td>重点工作完成</td><td>80</td><td>80</"
      "td><td>无扣分。</td></tr>"
      "<tr><td "
      "colspan=\"3\">合计</td><td>100</td><td>98</td><td>等级：优</td></tr></tbody></table>";
  std::vector<std::pair<std::string, CheckedDocument>> docs = {
      {"bars", check(bars)},
      {"spaces", check(spaces)},
      {"per_line", check(per_line)},
      {"html", check_source(source_from_html(html), "t.html")}};
  for (const auto& [style, doc] : docs) {
    const auto& ex = doc.extracted;
    ASSERT_EQ(ex.rows.size(), 4u) << style;
    EXPECT_EQ(ex.rows[0].indicator, "预算完成率") << style;
    EXPECT_EQ(ex.rows[0].points->to_string(), "10") << style;
    EXPECT_EQ(ex.rows[0].score->to_string(), "8") << style;
    EXPECT_EQ(ex.rows[3].indicator, "重点工作完成") << style;
    ASSERT_TRUE(ex.table_total_points && ex.table_total_score) << style;
    EXPECT_EQ(ex.table_total_score->value.to_string(), "98") << style;
    ASSERT_TRUE(ex.grade) << style;
    EXPECT_EQ(ex.grade->value, "优") << style;
    EXPECT_TRUE(doc.findings.empty()) << style << ": " << doc.findings.front().message;
  }
}

// A reading the arithmetic rejects is not kept: points that do not add up to the stated total
// mean the pairs were misread, and no finding may rest on them.
TEST(CheckerPointsTable, KeepsNoReadingTheTotalsContradict) {
  auto doc = check(
      "| 三级指标 | 分值 | 得分 |\n| 预算完成率 | 10 | 8 |\n| 采购规范性 | 30 | 30 |\n| 合计 | 100 "
      "| 38 |\n");
  EXPECT_TRUE(doc.extracted.rows.empty());
  for (const auto& f : doc.findings) EXPECT_NE(f.severity, Severity::error) << f.message;
  // Rows that add up, with a total score that does not: a real inconsistency.
  auto bad = check(
      "| 三级指标 | 分值 | 得分 |\n| 预算完成率 | 10 | 8 |\n| 采购规范性 | 90 | 90 |\n| 合计 | 100 "
      "| 99 |\n");
  ASSERT_EQ(bad.extracted.rows.size(), 2u);
  EXPECT_EQ(kinds(bad), std::vector<std::string>{"total_score_mismatch/error"});
}

// A 项目支出绩效自评表 whose columns the conversion interleaved: names scattered between the
// figures, each row's 指标值 / 完成值 / 分值 / 得分 still in order, then the 总分 pair. Read only
// when the points close at the total (rows + the funds block's 10).
TEST(CheckerInterleaved, ProjectFormRowsCloseAtTheTotal) {
  auto form = [](std::string_view rows, std::string_view total) {
    return "某县项目支出绩效自评表 (2023年度) 项目名称 某某补助资金 项目资金 年初预算数 (万元) "
           "年度资金总额 全年预算数 "
           "全年执行数 分值 执行率 得分 40.00 40.00 10 100% 10 40.00 40.00 — 100% — 年度总体目标 "
           "一级 指标 二级指标 "
           "三级指标 数量指标 指标1:补助人数 绩 效 指 标 产出 指标 (50分 ) 实际 指标值 完成值 1200 "
           "分值 得分 偏差原因分析 "
           "及改进措 施 " +
           std::string(rows) + " " + std::string(total) +
           " 成本指标 指标1:每人补助 效益指 标(30 分) "
           "社会效益 指标1:困难群众 满意度 指标 服务对象满 指标1:是否满意 (10分 意度指标 ) 总分";
  };
  // 1200 → 1200 (20/20), 100% (15/15), 200元 (15/15), 90% (30/30), 95% (10/10): 90 + 10 = 100.
  const std::string rows =
      "1200 20 20 质量指标 指标1:发放准确率 100% 100% 15 15 200元 200元 15 15 90% 90% 30 30 95% "
      "95% 10 10";
  auto good = check(form(rows, "100 100"));
  ASSERT_EQ(good.extracted.rows.size(), 5u);
  EXPECT_EQ(good.extracted.rows[1].target, "100%");
  EXPECT_EQ(good.extracted.rows[3].points->to_string(), "30");
  ASSERT_TRUE(good.extracted.self_score);
  EXPECT_EQ(good.extracted.self_score->value.to_string(), "100");
  for (const auto& f : good.findings) EXPECT_NE(f.severity, Severity::error) << f.message;
  // Met at 90% but 27 of 30, and a total of 98 where the scores add up to 87 + 10 = 97.
  const std::string bad_rows =
      "1200 20 20 质量指标 指标1:发放准确率 100% 100% 15 15 200元 200元 15 15 90% 90% 30 27 95% "
      "95% 10 10";
  auto bad = check(form(bad_rows, "100 98"));
  EXPECT_EQ(kinds(bad), (std::vector<std::string>{"row_score_contradiction/error",
                                                  "total_score_mismatch/error"}));
  // Points that do not close at the total (a row lost): no reading, no finding on it.
  auto lost =
      check(form("1200 20 20 质量指标 指标1:发放准确率 100% 100% 15 15 90% 90% 30 27 95% 95% 10 10",
                 "100 98"));
  EXPECT_TRUE(lost.extracted.rows.empty());
  for (const auto& f : lost.findings) EXPECT_NE(f.severity, Severity::error) << f.message;
}

TEST(CheckerNormalise, TraditionalCharactersAndPinyinAnnotations) {
  EXPECT_EQ(text::from_u32(normalize_line(
                text::to_u32("全年預(yù)算數(shù) | 全年執(zhí)行數(shù) | 執行率"))),
            "全年预算数|全年执行数|执行率");
  EXPECT_EQ(text::from_u32(normalize_line(text::to_u32("績效指標(biāo)﹦100"))), "绩效指标=100");
  // Brackets that are not pinyin stay.
  EXPECT_EQ(text::from_u32(normalize_line(text::to_u32("执行率(B/A)"))), "执行率(B/A)");
  // A space is a thousands separator in "3 403.40", not inside a run of cells ("10 9 100 94").
  EXPECT_EQ(text::from_u32(normalize_line(text::to_u32("预算 3 403.40万元"))), "预算3403.40万元");
  EXPECT_EQ(text::from_u32(normalize_line(text::to_u32("95% 95% 10 9 100 94"))),
            "95%95%10 9 100 94");
  EXPECT_EQ(text::from_u32(normalize_line(text::to_u32("得分 9 100 94"))), "得分9 100 94");
}

// The funds block without cells: run together, or spaced with the columns' headers first. The
// arithmetic (执行数 ÷ 预算数 = 执行率, 得分 = 分值 × 执行率) picks the split.
TEST(CheckerFundsBlock, RunTogetherOrSpacedIsSolvedByArithmetic) {
  struct Case {
    std::string text, budget, executed, rate;
  } cases[] = {
      {"项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/"
       "A)年度资金总额194.9194.9100%其中:县级资金194.9194.9100%",
       "194.90", "194.90", "100"},
      {"项目资金 年初预算数 (万元) 年度资金总额 其中:当年财政拨款 全年预算数 全年执行数 分值 "
       "执行率 得分 65.66 65.07 10 99% 9 65.66 65.07 — 99% —",
       "65.66", "65.07", "99"},
      {"全年预算数全年执行数分值执行率得分年度资金总额:202010100.00%10其中:本年财政拨款2020",
       "20.00", "20.00", "100.00"},
      // The rate as a ratio (执行率(B/A), score = 20分*执行率), run together: 2.40 | 2.40 | 1 | 20.
      {"预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/"
       "A)得分(20分*执行率)年度财政资金总额2.402.40120二级指标",
       "2.40", "2.40", "100"},
      // … and a ratio below one: 8 ÷ 10 = 0.8, score 20 × 0.8 = 16.
      {"预算数(A) 执行数(B) 执行率(B/A) 分值 得分 年度财政资金总额 10 8 0.8 20 16", "10.00", "8.00",
       "80"},
  };
  for (const auto& c : cases) {
    auto doc = check(c.text);
    const auto& ex = doc.extracted;
    ASSERT_TRUE(ex.budget() && ex.executed && ex.execution_rate_pct) << c.text;
    EXPECT_EQ(format_wan_exact(ex.budget()->value), c.budget) << c.text;
    EXPECT_EQ(format_wan_exact(ex.executed->value), c.executed) << c.text;
    EXPECT_EQ(ex.execution_rate_pct->value.to_string(), c.rate) << c.text;
  }
  // The first line of a table of several lines is never read as the unit's figures.
  auto lines = check(
      "项目 | 年初预算数 | 全年预算数 | 执行数 | 执行率\n工资福利 | 1450.00 | 1495.00 | 1495.00 | "
      "100.0%\n"
      "公用经费 | 310.00 | 310.00 | 291.40 | 94.0%\n");
  EXPECT_FALSE(lines.extracted.executed);
  // … but its 合计 is, even when extraction puts the label after the figures.
  auto total = check(
      "项目\n年初预算数 全年预算数\n执行数\n执行率\n工资福利\n1450.00\n1495.00\n1495.00\n100.0%\n"
      "公用经费\n310.00\n310.00\n291.40\n94.0%\n1760.00\n1805.00\n1786.40\n99.0%\n合计\n");
  ASSERT_TRUE(total.extracted.executed);
  EXPECT_EQ(format_wan_exact(total.extracted.executed->value), "1786.40");
  // A rate cell without "%" when the row's arithmetic agrees (10 ÷ 50 = 20 %).
  auto yunnan = check(
      "预算数(A)\n执行数(B)\n执行率(B/A)\n得分\n(20分*执行率)\n年度财政资金总额\n50\n10\n20\n4\n");
  ASSERT_TRUE(yunnan.extracted.execution_rate_pct);
  EXPECT_EQ(yunnan.extracted.execution_rate_pct->value.to_string(), "20");
  EXPECT_EQ(format_wan_exact(yunnan.extracted.budget()->value), "50.00");
}

TEST(CheckerTotals, ScoreAndGradeFromTheFormsCells) {
  auto a = check("总分(100分)\n96\n自评等级\n优\n");
  ASSERT_TRUE(a.extracted.self_score && a.extracted.grade);
  EXPECT_EQ(a.extracted.self_score->value.to_string(), "96");
  EXPECT_EQ(a.extracted.grade->value, "优");
  auto b = check("项目名称 道路养护 自评总分: 95 项目实施单位 交通运输局");
  ASSERT_TRUE(b.extracted.self_score);
  EXPECT_EQ(b.extracted.self_score->value.to_string(), "95");
  auto c = check("满意度指标 90% 90% 10 10 总分100100注:1.一级指标分值");
  ASSERT_TRUE(c.extracted.self_score);
  EXPECT_EQ(c.extracted.self_score->value.to_string(), "100");
  // A lone figure after 总分 may be its points: not taken.
  EXPECT_FALSE(check("总分\n100\n偏差原因\n").extracted.self_score);
}

TEST(CheckerPoints, ClassHeadingsAndTheFundsBlockAddUpToTheTotal) {
  std::string form =
      "全年预算数 全年执行数 分值 执行率 得分 20 20 10 100.00% 10 产出指标(70分) 数量指标 … "
      "效益指标(20分) … 满意度指标(10分) … 总分100100";
  auto bad = kinds(check(form));
  EXPECT_NE(std::find(bad.begin(), bad.end(), "points_sum_mismatch/error"), bad.end())
      << testing::PrintToString(bad);
  std::string good = form;
  good.replace(good.find("(70分)"), std::string("(70分)").size(), "(60分)");
  for (const auto& f : check(good).findings) EXPECT_NE(f.kind, "points_sum_mismatch") << f.message;
}

TEST(CheckerYears, AsOfThePreviousYearEndAndCitedNoticesAreTold) {
  auto stale = check(
      "2024年度部门整体支出绩效自评报告\n评价年度:"
      "2024\n截至2023年12月31日，本单位在职人员34人。\n");
  EXPECT_EQ(kinds(stale), std::vector<std::string>{"year_mismatch/error"});
  auto cited = check(
      "2021年度部门整体支出绩效自评报告\n根据《关于开展2022年市级财政资金绩效自评工作的通知》要求，"
      "我单位开展自评。\n");
  EXPECT_TRUE(cited.findings.empty()) << cited.findings.front().message;
}

TEST(CheckerHtml, NumericEntitiesDecodeToUtf8) {
  // Hex and decimal, one to four UTF-8 bytes; a code point past U+10FFFF and a non-digit give
  // nothing.
  auto src = source_from_html(
      "<p>&#x41;&#xe9;&#x9884;&#31639;&amp;&#x1F600;|&#1114112;|&#x110000;|&#12a;|&lt;</p>");
  ASSERT_EQ(src.lines.size(), 1u);
  EXPECT_EQ(src.lines[0].first, "A\u00e9\u9884\u7b97&\U0001F600||||<");
}

}  // namespace
}  // namespace jixiao::checker

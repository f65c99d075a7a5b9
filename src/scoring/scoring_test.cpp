// scoring/scoring_test.cpp — rule kinds on their edges, grades, not-applicable rescaling,
// missing inputs, framework validation messages, JSON round trip.
#include "scoring/scoring.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ledger/ledger.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::scoring {
namespace {

const char* k_header =
    "[framework]\nid = t\nname = 测试框架\nsource = 单元测试\ngrades = 优 90, 良 80, 中 60, 差 0\n";

// A framework of one leaf [1 指标] worth `points`, with `body` as its rule lines, padded to
// 100 by a second leaf that reads `pad` (full marks when given 100).
model::Framework one_leaf(const std::string& points, const std::string& body,
                          const std::string& extra = {}) {
  std::string text = std::string(k_header) + extra + "[1 指标]\npoints = " + points + "\n" + body;
  auto fw = parse_framework(text, "t.fw");
  EXPECT_TRUE(fw) << (fw ? "" : fw.error().to_string());
  return fw ? *fw : model::Framework{};
}

InputSet with(const std::string& name, double value) {
  InputSet in;
  set_input(in, name, value, "测试");
  return in;
}

model::Points leaf_points(const model::Framework& fw, const InputSet& in) {
  auto card = score(fw, in);
  return card.lines.at(0).points;
}

TEST(Points, FormatAndParse) {
  EXPECT_EQ(model::format_points(9800), "98");
  EXPECT_EQ(model::format_points(916), "9.16");
  EXPECT_EQ(model::format_points(50), "0.5");
  EXPECT_EQ(model::format_points(-200), "-2");
  EXPECT_EQ(model::parse_points("2.5"), 250);
  EXPECT_EQ(model::parse_points("0.25"), 25);
  EXPECT_EQ(model::parse_points("10"), 1000);
  EXPECT_FALSE(model::parse_points("0.255"));
  EXPECT_FALSE(model::parse_points("1."));
  EXPECT_FALSE(model::parse_points("abc"));
}

TEST(RuleProportional, FullAtTargetCappedAboveProportionalBelow) {
  auto fw = one_leaf("10", "rule = proportional\ninput = ledger.execution_rate\ntarget = 100\n");
  EXPECT_EQ(leaf_points(fw, with("ledger.execution_rate", 100)), 1000);
  EXPECT_EQ(leaf_points(fw, with("ledger.execution_rate", 120)), 1000);    // cap at points
  EXPECT_EQ(leaf_points(fw, with("ledger.execution_rate", 91.552)), 916);  // 9.1552 → 9.16
  EXPECT_EQ(leaf_points(fw, with("ledger.execution_rate", 0)), 0);
}

TEST(RuleReverseProportional, TargetOverActual) {
  auto fw =
      one_leaf("10", "rule = reverse_proportional\ninput = ledger.carryover_rate\ntarget = 5\n");
  EXPECT_EQ(leaf_points(fw, with("ledger.carryover_rate", 5)), 1000);
  EXPECT_EQ(leaf_points(fw, with("ledger.carryover_rate", 10)), 500);
  EXPECT_EQ(leaf_points(fw, with("ledger.carryover_rate", 2)), 1000);  // better than target: capped
  EXPECT_EQ(leaf_points(fw, with("ledger.carryover_rate", 0)), 1000);  // nothing left: full
}

TEST(RulePerPointDeduction, BoundInclusiveAndFloorAtZero) {
  auto fw = one_leaf("5",
                     "rule = per_point_deduction\ninput = ledger.three_public_control_rate\nbound "
                     "= 100\nper = 0.5\n");
  EXPECT_EQ(leaf_points(fw, with("ledger.three_public_control_rate", 100)),
            500);  // exactly at the bound
  EXPECT_EQ(leaf_points(fw, with("ledger.three_public_control_rate", 101)), 450);
  EXPECT_EQ(leaf_points(fw, with("ledger.three_public_control_rate", 104.5)), 275);
  EXPECT_EQ(leaf_points(fw, with("ledger.three_public_control_rate", 110)), 0);
  EXPECT_EQ(leaf_points(fw, with("ledger.three_public_control_rate", 180)),
            0);  // floor, never negative
  auto below = one_leaf("4",
                        "rule = per_point_deduction\ninput = ledger.progress_q3\ndirection = "
                        "below\nbound = 75\nper = 0.2\n");
  EXPECT_EQ(leaf_points(below, with("ledger.progress_q3", 75)), 400);
  EXPECT_EQ(leaf_points(below, with("ledger.progress_q3", 62.47)), 149);  // 12.53 × 0.2 = 2.506
}

TEST(RuleStepDeduction, WholeAndStartedStepsAtEdges) {
  const std::string body =
      "rule = step_deduction\ninput = ledger.execution_rate\ntarget = 100\nstep = 5\ndeduct = 2\n";
  auto whole = one_leaf("10", body);
  auto started = one_leaf("10", body + "count = started\n");
  struct Case {
    double rate;
    model::Points whole, started;
  } cases[] = {
      {100, 1000, 1000},
      {99.99, 1000, 800},
      {95, 800, 800},  // exactly one step short: one step
                       // either way
      {91.552, 800, 600},
      {90, 600, 600},
      {75.01, 200, 0},
      {75, 0, 0},
      {10, 0, 0},  // floor at 0
  };
  for (const auto& c : cases) {
    EXPECT_EQ(leaf_points(whole, with("ledger.execution_rate", c.rate)), c.whole) << c.rate;
    EXPECT_EQ(leaf_points(started, with("ledger.execution_rate", c.rate)), c.started) << c.rate;
  }
}

TEST(RuleTieredBands, ExactlyAtBandEdges) {
  auto fw = one_leaf(
      "3",
      "rule = tiered_bands\ninput = ledger.adjustment_rate\nband = =0: 3\nband = (0,10]: 2\n"
      "band = (10,20]: 1\nband = (20,30]: 0.5\nband = >30: 0\n");
  struct Case {
    double rate;
    model::Points points;
  } cases[] = {{0, 300}, {0.01, 200}, {10, 200}, {10.0001, 100}, {20, 100}, {30, 50}, {30.01, 0}};
  for (const auto& c : cases)
    EXPECT_EQ(leaf_points(fw, with("ledger.adjustment_rate", c.rate)), c.points) << c.rate;
  auto key = one_leaf("5",
                      "rule = tiered_bands\ninput = checklist.ratio\nband = >=90: 5\nband = "
                      "[80,90): 4\nband = <80: 0\n",
                      "[checklist ratio]\nname = 重点支出安排率\nmode = value\n");
  EXPECT_EQ(leaf_points(key, with("checklist.ratio", 90)), 500);
  EXPECT_EQ(leaf_points(key, with("checklist.ratio", 89.999)), 400);
  EXPECT_EQ(leaf_points(key, with("checklist.ratio", 80)), 400);
}

TEST(RuleTieredBands, ValueOutsideEveryBandIsInvalidNotZero) {
  auto fw =
      one_leaf("3", "rule = tiered_bands\ninput = ledger.adjustment_rate\nband = [0,10]: 3\n");
  auto card = score(fw, with("ledger.adjustment_rate", 12));
  EXPECT_EQ(card.lines[0].status, LineStatus::invalid);
  EXPECT_EQ(card.undetermined, 300);
  EXPECT_EQ(card.lines[0].explanation,
            "指标（3 分）: 输入 12 不在任何档次内，本项 3 分未评定（不计 0 分，也不计满分）。");
}

const char* k_checklists =
    "[checklist proc]\nname = 采购\nmode = items\nitem = 甲\nitem = 乙\nitem = 丙\n"
    "[checklist viol]\nname = 合规\nmode = violations\n"
    "[checklist judge]\nname = 目标质量\nmode = judgement\n";

std::vector<model::ChecklistAnswer> answers(
    std::initializer_list<std::pair<const char*, double>> items) {
  std::vector<model::ChecklistAnswer> out;
  for (const auto& [key, value] : items) {
    model::ChecklistAnswer a;
    a.unit_code = "U";
    a.fiscal_year = 2022;
    a.key = key;
    a.value = value;
    a.evidence = "佐证";
    out.push_back(a);
  }
  return out;
}

TEST(RuleChecklist, ItemsCountedAndViolationsFloorAtZero) {
  auto items = one_leaf("6", "rule = checklist\nchecklist = proc\nitem_points = 2\n", k_checklists);
  InputSet in;
  add_checklist_inputs(in, items, answers({{"proc.1", 1}, {"proc.2", 0}, {"proc.3", 1}}));
  EXPECT_EQ(leaf_points(items, in), 400);
  EXPECT_EQ(in["checklist.proc"].display, "2/3 项符合");

  auto viol = one_leaf("3", "rule = checklist\nchecklist = viol\nper = 1\n", k_checklists);
  for (auto [n, expected] : {std::pair{0.0, 300}, {2.0, 100}, {3.0, 0}, {5.0, 0}}) {
    InputSet v;
    add_checklist_inputs(v, viol, answers({{"viol", n}}));
    EXPECT_EQ(leaf_points(viol, v), expected) << n;
  }
}

TEST(RuleChecklist, UnansweredItemMakesTheInputMissing) {
  auto fw = one_leaf("6", "rule = checklist\nchecklist = proc\n", k_checklists);
  InputSet in;
  add_checklist_inputs(in, fw, answers({{"proc.1", 1}}));
  EXPECT_EQ(in["checklist.proc"].status, model::InputStatus::missing);
  EXPECT_EQ(in["checklist.proc"].source, "自评清单“采购”第 2、3 项未作答");
  auto card = score(fw, in);
  EXPECT_EQ(card.total, 0);
  EXPECT_EQ(card.undetermined, 600);
  EXPECT_EQ(card.missing_inputs, std::vector<std::string>{"checklist.proc"});
}

TEST(RuleQualitativeBand, JudgedShareWithRequiredJustification) {
  auto fw = one_leaf("3", "rule = qualitative_band\nchecklist = judge\n", k_checklists);
  InputSet in;
  add_checklist_inputs(in, fw, answers({{"judge", 85}}));
  EXPECT_EQ(leaf_points(fw, in), 255);

  auto no_reason = answers({{"judge", 85}});
  no_reason[0].evidence.clear();
  InputSet missing;
  add_checklist_inputs(missing, fw, no_reason);
  EXPECT_EQ(missing["checklist.judge"].status, model::InputStatus::missing);
  EXPECT_EQ(score(fw, missing).lines[0].status, LineStatus::missing);

  InputSet over;
  add_checklist_inputs(over, fw, answers({{"judge", 120}}));
  EXPECT_EQ(score(fw, over).lines[0].status, LineStatus::invalid);
}

TEST(RuleFormula, EvaluatedByMuParserAndClamped) {
  auto fw = one_leaf(
      "3",
      "rule = formula\ninput = r: ledger.carryover_rate\ninput = v: ledger.carryover_vs_last_year\n"
      "formula = r <= 0 ? 3 : (v <= 100 ? 2 : 0)\n");
  InputSet in = with("ledger.carryover_rate", 0);
  set_input(in, "ledger.carryover_vs_last_year", 150);
  EXPECT_EQ(leaf_points(fw, in), 300);
  set_input(in, "ledger.carryover_rate", 8);
  EXPECT_EQ(leaf_points(fw, in), 0);
  set_input(in, "ledger.carryover_vs_last_year", 100);
  EXPECT_EQ(leaf_points(fw, in), 200);
  auto clamp =
      one_leaf("3", "rule = formula\ninput = x: ledger.execution_rate\nformula = x - 50\n");
  EXPECT_EQ(leaf_points(clamp, with("ledger.execution_rate", 40)), 0);
  EXPECT_EQ(leaf_points(clamp, with("ledger.execution_rate", 100)), 300);
}

TEST(NotApplicable, ParentRescaledOverApplicableChildren) {
  std::string text = std::string(k_header) +
                     "[1 成本管理]\npoints = 10\n"
                     "[1.1 三公]\npoints = 5\nrule = per_point_deduction\ninput = "
                     "ledger.three_public_control_rate\n"
                     "bound = 100\nper = 1\nnot_applicable = rescale\n"
                     "[1.2 公用经费]\npoints = 5\nrule = per_point_deduction\ninput = "
                     "ledger.public_expense_control_rate\n"
                     "bound = 100\nper = 1\n"
                     "[2 其他]\npoints = 90\nrule = proportional\ninput = ledger.execution_rate\n";
  auto fw = parse_framework(text, "t.fw");
  ASSERT_TRUE(fw) << fw.error().to_string();
  InputSet in = with("ledger.public_expense_control_rate", 102);  // 5 − 2 = 3
  set_input(in, "ledger.execution_rate", 100);
  in["ledger.three_public_control_rate"] = {.name = "ledger.three_public_control_rate",
                                            .status = model::InputStatus::not_applicable,
                                            .source = "无三公预算也无支出"};
  auto card = score(*fw, in);
  EXPECT_EQ(card.find("1.1")->status, LineStatus::not_applicable);
  EXPECT_EQ(card.find("1")->points, 600);  // 3 of 5 applicable → 3 × 10 / 5 = 6
  EXPECT_EQ(card.find("1")->arithmetic, "下级得分 3，不适用 5 分；折算 3 × 10 ÷ 5 = 6");
  EXPECT_EQ(card.total, 9600);
  EXPECT_TRUE(card.complete());

  // Without `not_applicable = rescale` a 不适用 input cannot be scored: it is not silently full
  // marks.
  in["ledger.public_expense_control_rate"].status = model::InputStatus::not_applicable;
  card = score(*fw, in);
  EXPECT_EQ(card.find("1.2")->status, LineStatus::invalid);
  EXPECT_EQ(card.undetermined, 500 * 2);  // 1.2's 5 points, rescaled ×10/5 in the parent
}

TEST(Grades, BoundariesInclusive) {
  auto fw = one_leaf("100", "rule = proportional\ninput = ledger.execution_rate\n");
  struct Case {
    double rate;
    const char* grade;
  } cases[] = {{100, "优"},   {90, "优"}, {89.99, "良"}, {80, "良"},
               {79.99, "中"}, {60, "中"}, {59.99, "差"}, {0, "差"}};
  for (const auto& c : cases)
    EXPECT_EQ(score(fw, with("ledger.execution_rate", c.rate)).grade, c.grade) << c.rate;
}

TEST(MissingInput, ListedAsMissingNeverZeroOrFull) {
  auto fw = one_leaf("100", "rule = proportional\ninput = ledger.execution_rate\n");
  auto card = score(fw, InputSet{});
  EXPECT_EQ(card.total, 0);
  EXPECT_EQ(card.undetermined, 10000);
  EXPECT_EQ(card.grade, "差");
  EXPECT_EQ(card.grade_best, "优");
  EXPECT_EQ(card.missing_inputs, std::vector<std::string>{"ledger.execution_rate"});
  EXPECT_EQ(card.lines[0].explanation,
            "指标（100 分）: 缺少输入 ledger.execution_rate（系统中没有这项输入），本项 100 "
            "分未评定（不计 0 分，也不计满分）。");
}

TEST(ParseFramework, ErrorsNameFileAndLine) {
  struct Case {
    std::string body;
    std::string message;
  } cases[] = {
      {"[1 甲]\npoints = 10\nrule = proportional\ninput = ledger.execution_rate\n",
       "t.fw:6: 一级指标分值合计 10，与 total 100 不符"},
      {"[1 甲]\npoints = 100\nrule = proportional\ninput = ledger.nope\n",
       "t.fw:7: [1] 未知的输入: ledger.nope"},
      {"[1 甲]\npoints = 100\nrule = step_deduction\ninput = ledger.execution_rate\ntarget = "
       "100\nstep = 5\n",
       "t.fw:9: [1] step_deduction 需要 deduct"},
      {"[1 甲]\npoints = 100\nrule = magic\n",
       "t.fw:9: [1] 未知的规则: magic（可用: proportional, reverse_proportional, "
       "per_point_deduction, step_deduction, "
       "tiered_bands, checklist, qualitative_band, formula）"},
      {"[1 甲]\npoints = 100\n", "t.fw:7: [1] 甲 是末级指标，缺少 rule"},
      {"[1 甲]\npoints = 100\n[1.1 乙]\npoints = 60\nrule = proportional\ninput = "
       "ledger.execution_rate\n"
       "[1.2 丙]\npoints = 30\nrule = proportional\ninput = ledger.execution_rate\n",
       "t.fw:7: [1] 甲 的下级分值合计 90，与其分值 100 不符"},
      {"[1 甲]\npoints = 100\nrule = formula\ninput = x: ledger.execution_rate\nformula = x * (2\n",
       "t.fw:11: [1] 公式无法解析: Missing parenthesis"},
      {"[1 甲]\npoints = 100\nrule = checklist\nchecklist = none\n",
       "t.fw:7: [1] 未声明的清单: none"},
      {"[1 甲]\npoints = 100\nrule = proportional\ninput = ledger.execution_rate\ncolour = red\n",
       "t.fw:11: [1] 未知的键: colour"},
      {"[2.1 乙]\npoints = 100\nrule = proportional\ninput = ledger.execution_rate\n",
       "t.fw:7: [2.1] 的上级指标 [2] 不存在（或写在它之后）"},
  };
  for (const auto& c : cases) {
    auto fw = parse_framework(std::string(k_header) + "total = 100\n" + c.body, "t.fw");
    ASSERT_FALSE(fw) << c.body;
    EXPECT_EQ(fw.error().to_string(), c.message) << c.body;
  }
}

TEST(ParseFramework, ReportsEveryProblemAtOnce) {
  auto fw = parse_framework("[framework]\nid = x\n[1 甲]\npoints = ten\n", "x.fw");
  ASSERT_FALSE(fw);
  EXPECT_EQ(fw.error().to_string(),
            "x.fw: 框架文件有 5 处错误\n"
            "  x.fw:1: [framework] 缺少 name\n"
            "  x.fw:1: [framework] 缺少 source（出处）\n"
            "  x.fw:1: [framework] 缺少 grades\n"
            "  x.fw:3: [1] 甲 是末级指标，缺少 rule\n"
            "  x.fw:4: [1] points 应为正数（至多两位小数）: ten");
}

TEST(ShippedFrameworks, AllFourLoadAndCiteTheirSource) {
  auto all = load_frameworks_dir(testkit::source_dir().string() + "/frameworks");
  ASSERT_TRUE(all) << all.error().to_string();
  std::vector<std::string> ids;
  for (const auto& fw : *all) {
    ids.push_back(fw.id);
    EXPECT_EQ(fw.total, 10000) << fw.id;
    EXPECT_FALSE(fw.source.empty()) << fw.id;
    EXPECT_FALSE(fw.reconstructed.empty()) << fw.id;  // each says what is reconstructed
  }
  EXPECT_EQ(ids,
            (std::vector<std::string>{"gz_dept_overall_2022", "hn_yueyang_dept_overall",
                                      "mof_project_self_eval_2020", "sc_dazhou_dept_overall"}));
}

TEST(Scorer, TotalsOnlyModeGivesTheSamePointsWithoutWords) {
  auto fw = parse_framework(std::string(k_header) +
                                "[1 甲]\npoints = 10\nrule = step_deduction\ninput = "
                                "ledger.execution_rate\ntarget = 100\n"
                                "step = 5\ndeduct = 2\n[2 乙]\npoints = 90\nrule = "
                                "proportional\ninput = ledger.progress_q3\n",
                            "t.fw")
                .value();
  auto scorer = Scorer::make(fw);
  ASSERT_TRUE(scorer);
  InputSet in = with("ledger.execution_rate", 91.55);
  auto full = scorer->score(in, "U", "单位", 2022, Explain::full);
  auto bare = scorer->score(in, "U", "单位", 2022, Explain::totals);
  EXPECT_EQ(full.total, 800);
  EXPECT_EQ(bare.total, full.total);
  EXPECT_EQ(bare.undetermined, full.undetermined);
  EXPECT_EQ(bare.missing_inputs, (std::vector<std::string>{"ledger.progress_q3"}));
  EXPECT_EQ(full.lines[0].explanation.empty(), false);
  EXPECT_EQ(bare.lines[0].explanation, "");
  EXPECT_EQ(bare.lines[0].points, 800);
}

TEST(Json, InputsRoundTripGiveTheSameScorecardBytes) {
  auto fw = one_leaf("100", "rule = proportional\ninput = ledger.execution_rate\n");
  InputSet in;
  LedgerFigures f;
  f.unit_code = "BYRD01";
  f.fiscal_year = 2022;
  f.initial = 3403400000;
  f.executed = 3115880000;
  add_ledger_inputs(in, f);
  std::string first = to_json(score(fw, in, "BYRD01", "办公室", 2022));
  auto back = inputs_from_json(inputs_to_json(in));
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(to_json(score(fw, *back, "BYRD01", "办公室", 2022)), first);
  EXPECT_EQ(in["ledger.execution_rate"].display, "91.55%");
}

}  // namespace
}  // namespace jixiao::scoring

namespace jixiao::scoring {
namespace {

// The ledger figures behind the ledger inputs, from a small ledger: 三公 by economic code
// (30212/30217/30231/31013, on the payment or else the line), 公用经费 = basic 302xx lines,
// spending by 06-30 and 09-30, and last year's 三公 budget and balance.
TEST(LedgerFigures, ThreePublicPublicExpenseProgressAndLastYear) {
  auto line = [](const char* code, model::ExpenditureKind kind, const char* econ, std::int64_t yuan,
                 int year = 2022) {
    model::BudgetLine l;
    l.unit_code = "U1";
    l.fiscal_year = year;
    l.code = code;
    l.name = code;
    l.kind = kind;
    l.economic_code = econ;
    l.initial_budget = Money::from_yuan(yuan);
    return l;
  };
  auto pay = [](const char* line_code, int month, std::int64_t yuan, const char* econ,
                const char* voucher, int year = 2022) {
    model::Payment p;
    p.unit_code = "U1";
    p.fiscal_year = year;
    p.line_code = line_code;
    p.date = Date::from_ymd(year, month, 15);
    p.amount = Money::from_yuan(yuan);
    p.economic_code = econ;
    p.voucher_number = voucher;
    return p;
  };
  using K = model::ExpenditureKind;
  std::vector<model::Unit> units{{"U1", "单位一", ""}};
  auto ledger = ledger::Ledger::build(
      2022, units,
      {line("B1", K::basic, "30101", 1000), line("B2", K::basic, "30201", 200),
       line("B3", K::basic, "30217", 100), line("P1", K::project, "30231", 300)},
      {{"U1", 2022, "B3", Date::from_ymd(2022, 5, 1), Money::from_yuan(20), "文", "追加"},
       {"U1", 2022, "B1", Date::from_ymd(2022, 8, 1), Money::from_yuan(-100), "文", "调减"}},
      {pay("B1", 3, 400, "", "v1"), pay("B1", 9, 400, "", "v2"), pay("B2", 6, 150, "30201", "v3"),
       pay("B3", 7, 90, "", "v4"), pay("P1", 11, 250, "", "v5"), pay("B2", 10, 30, "30212", "v6")});
  auto last = ledger::Ledger::build(2021, units, {line("B3", K::basic, "30217", 150, 2021)}, {},
                                    {pay("B3", 5, 100, "", "w1", 2021)});
  auto figures = ledger_figures(ledger, &last);
  ASSERT_EQ(figures.size(), 1u);
  const auto& f = figures[0];
  EXPECT_EQ(f.initial, 160000);
  EXPECT_EQ(f.additions, 2000);
  EXPECT_EQ(f.reductions, 10000);
  EXPECT_EQ(f.adjusted(), 152000);
  EXPECT_EQ(f.executed, 132000);
  EXPECT_EQ(f.executed_h1, 55000);            // 400 (Mar) + 150 (Jun)
  EXPECT_EQ(f.executed_q3, 104000);           // + 400 (Sep) + 90 (Jul)
  EXPECT_EQ(f.three_public_budget, 42000);    // B3 100 + 20, P1 300
  EXPECT_EQ(f.three_public_executed, 37000);  // B3 90, P1 250, and the 30212 payment of 30 on B2
  EXPECT_EQ(f.public_budget, 32000);          // basic 302xx lines: B2 200, B3 120
  EXPECT_EQ(f.public_executed, 27000);        // B2 150 + 30, B3 90
  EXPECT_EQ(f.three_public_budget_last_year, 15000);
  EXPECT_EQ(f.unspent_last_year, 5000);

  InputSet in;
  add_ledger_inputs(in, f);
  EXPECT_EQ(in["ledger.execution_rate"].display, "86.84%");
  EXPECT_EQ(in["ledger.three_public_control_rate"].display, "88.10%");
  EXPECT_EQ(in["ledger.three_public_change_rate"].display, "180.00%");
  EXPECT_EQ(in["ledger.adjustment_rate"].display, "7.50%");
  EXPECT_EQ(in["ledger.carryover_vs_last_year"].display, "400.00%");
  EXPECT_EQ(in["ledger.three_public_control_rate"].source,
            "账簿（U1，2022 年）: “三公”经费（30212、30217、30231、31013）支出 0.04 万元 ÷ "
            "三公预算 0.04 万元");
}

TEST(LedgerFigures, OneLineForAProjectEvaluation) {
  model::BudgetLine p1;
  p1.unit_code = "U1";
  p1.fiscal_year = 2022;
  p1.code = "P1";
  p1.name = "区人大会议";
  p1.kind = model::ExpenditureKind::project;
  p1.economic_code = "30215";
  p1.initial_budget = Money::from_yuan(300);
  model::BudgetLine b1 = p1;
  b1.code = "B1";
  b1.kind = model::ExpenditureKind::basic;
  b1.initial_budget = Money::from_yuan(1000);
  model::Payment pay;
  pay.unit_code = "U1";
  pay.fiscal_year = 2022;
  pay.line_code = "P1";
  pay.date = Date::from_ymd(2022, 3, 1);
  pay.amount = Money::from_yuan(240);
  pay.voucher_number = "v1";
  model::Payment other = pay;
  other.line_code = "B1";
  other.voucher_number = "v2";
  auto ledger = ledger::Ledger::build(2022, {{"U1", "单位一", ""}}, {b1, p1}, {}, {pay, other});
  auto f = line_figures(ledger, "U1", "P1");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->unit_code, "U1/P1");
  EXPECT_EQ(f->unit_name, "单位一 区人大会议");
  EXPECT_EQ(f->initial, 30000);
  EXPECT_EQ(f->executed, 24000);
  EXPECT_FALSE(line_figures(ledger, "U1", "P9"));
}

}  // namespace
}  // namespace jixiao::scoring

// scoring/framework_import_test.cpp — importing a bureau's published table (XLSX with merged
// cells) as a framework file.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "scoring/scoring.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::scoring {
namespace {

// The visible part of the 岳阳 table (frameworks.md §1.3) plus two items that need review.
void write_table(const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "评分表");
  const char* header[] = {"一级指标", "二级指标", "三级指标", "分值", "指标解释", "评分标准"};
  for (int c = 0; c < 6; ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  struct R {
    const char *l3, *pts, *expl, *std;
  } rows[] = {
      {"财政供养人员控制率", "5", "在职人数/编制数",
       "≤100%得5分；每超过1个百分点扣0.5分，扣完为止"},
      {"“三公经费”变动率", "5", "本年与上年三公预算之比", "≤0得5分；每超过1个百分点扣0.5分"},
      {"预算完成率", "5", "执行数/预算数", "100%得满分；每低5%扣2分"},
      {"资金使用合规性", "3", "5项合规条件", "每发现一项违规扣1分，扣完为止"},
      {"管理制度健全性", "2", "制度健全", "视情况酌情评分"},
  };
  for (int r = 0; r < 5; ++r) {
    auto row = static_cast<lxw_row_t>(r + 1);
    worksheet_write_string(ws, row, 2, rows[r].l3, nullptr);
    worksheet_write_number(ws, row, 3, std::stod(rows[r].pts), nullptr);
    worksheet_write_string(ws, row, 4, rows[r].expl, nullptr);
    worksheet_write_string(ws, row, 5, rows[r].std, nullptr);
  }
  worksheet_merge_range(ws, 1, 0, 2, 0, "投入（10）", nullptr);
  worksheet_merge_range(ws, 1, 1, 2, 1, "预算配置", nullptr);
  worksheet_merge_range(ws, 3, 0, 5, 0, "过程（10）", nullptr);
  worksheet_merge_range(ws, 3, 1, 4, 1, "预算执行", nullptr);
  worksheet_write_string(ws, 5, 1, "预算管理", nullptr);
  workbook_close(wb);
}

TEST(FrameworkImport, BureauXlsxWithMergedCellsBecomesAValidFramework) {
  testkit::TempDir dir;
  const std::string path = dir.file("yueyang.xlsx").string();
  write_table(path);
  auto imported = import_framework_table(path, "yy_import", "岳阳（导入）");
  ASSERT_TRUE(imported) << imported.error().to_string();
  EXPECT_EQ(imported->leaves, 5);
  EXPECT_EQ(imported->recognised, 4);
  ASSERT_EQ(imported->notes.size(), 1u);
  EXPECT_EQ(imported->notes[0],
            "2.2.1 管理制度健全性: 评分标准未识别（视情况酌情评分），按定性评判导入");

  auto fw = parse_framework(imported->text, "yy_import.fw");
  ASSERT_TRUE(fw) << fw.error().to_string() << "\n" << imported->text;
  EXPECT_EQ(fw->total, 2000);
  const auto* change = fw->find_item("1.1.2");
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(change->name, "“三公经费”变动率");
  EXPECT_EQ(change->inputs.at(0).name, "ledger.three_public_change_rate");
  EXPECT_EQ(change->rule->kind, model::RuleKind::per_point_deduction);
  EXPECT_EQ(change->rule->bound, 0);
  EXPECT_EQ(change->rule->per, 0.5);
  const auto* staff = fw->find_item("1.1.1");
  EXPECT_EQ(staff->inputs.at(0).name, "checklist.item_1_1_1");  // the unit reports it
  const auto* exec = fw->find_item("2.1.1");
  EXPECT_EQ(exec->rule->kind, model::RuleKind::step_deduction);
  EXPECT_EQ(exec->inputs.at(0).name, "ledger.execution_rate");
  EXPECT_EQ(fw->find_item("2.1.2")->rule->kind, model::RuleKind::checklist);
  EXPECT_EQ(fw->find_item("2.2.1")->rule->kind, model::RuleKind::qualitative_band);
}

TEST(FrameworkImport, MissingColumnIsNamed) {
  testkit::TempDir dir;
  const std::string path = dir.file("t.csv").string();
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("一级指标,三级指标,评分标准\n投入,预算执行率,按比例\n", f);
    std::fclose(f);
  }
  auto imported = import_framework_table(path, "x", "x");
  ASSERT_FALSE(imported);
  EXPECT_EQ(imported.error().to_string(), path + ":1: 缺少列: 分值");
}

TEST(ChecklistAnswers, ReadsAnswersAndNamesEveryBadCell) {
  testkit::TempDir dir;
  const std::string good = dir.file("a.csv").string();
  {
    std::FILE* f = std::fopen(good.c_str(), "w");
    std::fputs(
        "单位代码,年度,清单,项,答案,佐证材料\nBYRD01,2022,procurement,2,符合,意向已公开\n"
        "BYRD01,2022,fund_compliance,,1,审计发现1项\nBYRD01,2022,target_quality,,不适用,\n",
        f);
    std::fclose(f);
  }
  auto answers = read_checklist_answers(good);
  ASSERT_TRUE(answers) << answers.error().to_string();
  ASSERT_EQ(answers->size(), 3u);
  EXPECT_EQ((*answers)[0].key, "procurement.2");
  EXPECT_EQ((*answers)[0].value, 1);
  EXPECT_EQ((*answers)[0].evidence, "意向已公开");
  EXPECT_EQ((*answers)[1].key, "fund_compliance");
  EXPECT_EQ((*answers)[1].value, 1);
  EXPECT_TRUE((*answers)[2].not_applicable);

  const std::string bad = dir.file("b.csv").string();
  {
    std::FILE* f = std::fopen(bad.c_str(), "w");
    std::fputs("单位代码,年度,清单,项,答案\nBYRD01,20x2,procurement,0,也许\n", f);
    std::fclose(f);
  }
  auto r = read_checklist_answers(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            bad + ": 清单答案有 3 处错误\n  " + bad + ":2:年度: 不是年度: \"20x2\"\n  " + bad +
                ":2:项: 项应为从 1 起的序号: \"0\"\n  " + bad +
                ":2:答案: 答案应为 符合、不符合、不适用 或非负数值: \"也许\"");

  // Headers map by the ledger's rule (单位编码 is 单位代码); a missing one is named at the header.
  const std::string coded = dir.file("c.csv").string();
  {
    std::FILE* f = std::fopen(coded.c_str(), "w");
    std::fputs("单位编码,预算年度,清单标识,答案\nBYRD01,2022,fund_compliance,0\n", f);
    std::fclose(f);
  }
  auto by_code = read_checklist_answers(coded);
  ASSERT_TRUE(by_code) << by_code.error().to_string();
  EXPECT_EQ(by_code->at(0).unit_code, "BYRD01");
  const std::string short_header = dir.file("d.csv").string();
  {
    std::FILE* f = std::fopen(short_header.c_str(), "w");
    std::fputs("单位代码,年度,答案\nBYRD01,2022,符合\n", f);
    std::fclose(f);
  }
  auto refused = read_checklist_answers(short_header);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().to_string(), short_header + ": 表头无法识别，未导入任何数据\n  " +
                                             short_header + ":1: 缺少必需的列: 清单 (checklist)");
}

}  // namespace
}  // namespace jixiao::scoring

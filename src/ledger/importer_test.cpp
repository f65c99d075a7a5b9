// ledger/importer_test.cpp — importing files into a real SQLite database.
#include "ledger/importer.hpp"

#include <gtest/gtest.h>

#include "ledger/ledger.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::ledger {
namespace {

const char* k_budget =
    "单位代码,单位名称,年度,项目代码,项目名称,支出类型,功能分类,经济分类,年初预算\n"
    "BYRD01,人大办,2022,P001,区人大会议,项目支出,2010104,30215,1000.00\n"
    "BYRD01,人大办,2022,B001,行政运行,基本支出,2010101,30101,5000.00\n"
    "BYRD01,人大办,2021,P001,区人大会议,项目支出,2010104,30215,900.00\n";

struct ImporterTest : testing::Test {
  void SetUp() override {
    auto s = store::open("sqlite:" + dir.file("t.db").string());
    ASSERT_TRUE(s) << s.error().to_string();
    db = std::move(*s);
    auto r = import_file(*db, model::ImportKind::budget, dir.write("budget.csv", k_budget).string());
    ASSERT_TRUE(r) << r.error().to_string();
  }
  std::vector<std::string> errors_of(model::ImportKind kind, const std::string& name, const std::string& csv) {
    auto r = import_file(*db, kind, dir.write(name, csv).string(), {.display_name = name});
    EXPECT_FALSE(r);
    if (r) return {};
    std::vector<std::string> out{r.error().message()};
    for (const auto& c : r.error().causes()) out.push_back(c.to_string());
    return out;
  }
  // Row count and sum of payments, to show a failed import changed nothing.
  std::pair<std::size_t, std::int64_t> payment_totals() {
    auto p = db->ledger().payments(2022);
    std::int64_t sum = 0;
    for (const auto& x : *p) sum += x.amount.fen();
    return {p->size(), sum};
  }
  testkit::TempDir dir;
  std::unique_ptr<store::Store> db;
};

TEST_F(ImporterTest, ImportsPaymentsAndSummarises) {
  auto r = import_file(*db, model::ImportKind::payments,
                       dir.write("p.csv", "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,400,V1\n"
                                          "BYRD01,B001,2022-04-01,100.50,V2\n").string());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->status, ImportStatus::imported);
  EXPECT_EQ(r->rows, 2u);
  auto l = Ledger::load(*db, 2022);
  ASSERT_TRUE(l);
  auto s = summarize(*l);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->totals.executed.fen(), 50050);
  EXPECT_EQ(s->totals.adjusted().fen(), 600000);
}

TEST_F(ImporterTest, EachErrorKindWithItsPlace) {
  ASSERT_TRUE(import_file(*db, model::ImportKind::payments,
                          dir.write("first.csv", "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,1,V9\n").string()));
  auto before = payment_totals();
  auto got = errors_of(model::ImportKind::payments, "pay.csv",
                       "单位代码,年度,项目代码,支付日期,支付金额,凭证号\n"
                       "XX01,2022,P001,2022-03-01,1,V1\n"          // unknown unit
                       "BYRD01,2022,P999,2022-03-01,1,V2\n"        // unknown line
                       "BYRD01,2022,P001,2022-13-01,1,V3\n"        // bad date
                       "BYRD01,2022,P001,2022-03-01,1.2.3,V4\n"    // bad amount
                       "BYRD01,2022,P001,2022-03-01,1,\n"          // missing voucher
                       "BYRD01,2022,P001,2022-03-01,1,V6\n"
                       "BYRD01,2022,P001,2022-03-02,1,V6\n"        // duplicate in file
                       "BYRD01,2022,P001,2022-03-02,1,V9\n"        // voucher already imported
                       "BYRD01,2022,P001,2023-01-02,1,V10\n"       // date outside the year
                       "BYRD01,,B001,2021-05-02,1,V11\n");         // line of another year
  std::vector<std::string> want = {
      "9 处错误，未导入任何数据",
      "pay.csv:2:单位代码: 未知单位代码: \"XX01\"",
      "pay.csv:3:项目代码: 未知项目代码: \"P999\"（单位 BYRD01，2022 年度）",
      "pay.csv:4:支付日期: 不是日期: \"2022-13-01\"",
      "pay.csv:5:支付金额: 不是金额（多个小数点）: \"1.2.3\"",
      "pay.csv:6:凭证号: 缺少必填值",
      "pay.csv:8:凭证号: 凭证号重复: \"V6\"（与第 7 行相同）",
      "pay.csv:9:凭证号: 凭证号已导入过: \"V9\"",
      "pay.csv:10:支付日期: 支付日期 2023-01-02 不在预算年度 2022 内",
      "pay.csv:11:项目代码: 项目 \"B001\" 属于 2022 年度，不是 2021 年度",
  };
  EXPECT_EQ(got, want);
  EXPECT_EQ(payment_totals(), before);
}

TEST_F(ImporterTest, OneBadRowImportsNothing) {
  auto before = payment_totals();
  auto imports_before = db->ledger().imports()->size();
  auto got = errors_of(model::ImportKind::payments, "p.csv",
                       "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,100,A1\n"
                       "BYRD01,P001,2022-03-02,12;3,A2\nBYRD01,P001,2022-03-03,100,A3\n");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1], "p.csv:3:支付金额: 不是金额: \"12;3\"");
  EXPECT_EQ(payment_totals(), before);
  EXPECT_EQ(db->ledger().imports()->size(), imports_before);
}

TEST_F(ImporterTest, ReimportIsANoOp) {
  std::string csv = "单位代码,项目代码,调整日期,调整金额,文号,调整原因\nBYRD01,P001,2022-06-30,200,白财〔2022〕1号,追加\n";
  auto path = dir.write("adj.csv", csv).string();
  auto first = import_file(*db, model::ImportKind::adjustments, path);
  ASSERT_TRUE(first) << first.error().to_string();
  EXPECT_EQ(first->status, ImportStatus::imported);
  auto second = import_file(*db, model::ImportKind::adjustments, path);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, ImportStatus::already_imported);
  EXPECT_EQ(second->record.id, first->record.id);
  EXPECT_EQ(db->ledger().adjustments(2022)->size(), 1u);
}

TEST_F(ImporterTest, BudgetErrors) {
  auto got = errors_of(model::ImportKind::budget, "b.csv",
                       "单位代码,年度,项目代码,项目名称,支出类型,功能分类,年初预算\n"
                       "NEW01,2022,X1,新项目,项目支出,2010199,10\n"
                       "BYRD01,2022,P001,区人大会议,项目支出,2010104,10\n");
  std::vector<std::string> want = {
      "2 处错误，未导入任何数据",
      "b.csv:2:单位名称: 新单位缺少单位名称: \"NEW01\"",
      "b.csv:3:项目代码: 项目已存在: \"P001\"（单位 BYRD01，2022 年度）",
  };
  EXPECT_EQ(got, want);
  EXPECT_EQ(db->ledger().budget_lines(2022)->size(), 2u);
}

TEST_F(ImporterTest, DryRunWritesNothing) {
  auto r = import_file(*db, model::ImportKind::payments,
                       dir.write("p.csv", "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,400,V1\n").string(),
                       {.dry_run = DryRun::yes});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, ImportStatus::checked);
  EXPECT_TRUE(db->ledger().payments(2022)->empty());
}

}  // namespace
}  // namespace jixiao::ledger

namespace jixiao::ledger {
namespace {

// The reference case: data/demo/ imported as `jixiao demo` does gives the seed's figures.
TEST(ReferenceCase, DemoFilesGiveTheSeedsFigures) {
  testkit::TempDir dir;
  auto db = store::open("sqlite:" + dir.file("demo.db").string());
  ASSERT_TRUE(db);
  auto demo = testkit::source_dir() / "data" / "demo";
  for (auto [kind, file] : {std::pair{model::ImportKind::budget, "budget.csv"},
                            std::pair{model::ImportKind::adjustments, "adjustments.csv"},
                            std::pair{model::ImportKind::payments, "payments.csv"}}) {
    auto r = import_file(**db, kind, (demo / file).string());
    ASSERT_TRUE(r) << r.error().to_string();
  }
  auto l = Ledger::load(**db, 2022);
  ASSERT_TRUE(l);
  auto s = summarize(*l);
  ASSERT_TRUE(s);
  EXPECT_EQ(format_wan(s->totals.adjusted()), "3403.40");
  EXPECT_EQ(format_wan(s->totals.executed), "3115.88");
  EXPECT_EQ(s->totals.execution_rate().percent_text(1), "91.6%");
  EXPECT_EQ(format_wan(s->totals.unspent()), "287.52");
  ASSERT_EQ(s->units.size(), 1u);
  EXPECT_EQ(s->units[0].unit.name, "广州市白云区人民代表大会常务委员会办公室");
  // The year-end surge: December pays more than any other month.
  const auto& months = s->units[0].executed_by_month;
  for (std::size_t m = 0; m < 11; ++m) EXPECT_GT(months[11], months[m]) << "month " << m + 1;
  auto project = std::find_if(s->units[0].rows.begin(), s->units[0].rows.end(),
                              [](const SummaryRow& r) { return r.label == "区人大会议"; });
  ASSERT_NE(project, s->units[0].rows.end());
  EXPECT_EQ(project->line->kind, model::ExpenditureKind::project);
}

}  // namespace
}  // namespace jixiao::ledger

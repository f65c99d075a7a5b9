// ledger/import_profile_test.cpp — import profiles end to end on both backends: the plan that
// worked is saved in the store, next month's export is read by it alone, and a file that no
// longer fits is refused naming what differs, with the store unchanged.
#include "ledger/import_profile.hpp"

#include <gtest/gtest.h>

#include "ledger/importer.hpp"
#include "store/backend_test.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::ledger {
namespace {

const char* k_budget =
    "单位代码,单位名称,年度,项目代码,项目名称,支出类型,功能分类,经济分类,年初预算\n"
    "BYRD01,人大办,2022,P001,区人大会议,项目支出,2010104,30215,100000.00\n";

// A treasury export whose amount header ("划款额") no rule knows: a title with the year, a unit
// row, the header on row 4, a 合计 row and a footer.
std::string month_file(const std::string& voucher_prefix,
                       const std::string& title = "2022年度国库集中支付明细表",
                       const std::string& unit_row = "金额单位：元",
                       const std::string& amount_header = "划款额", bool total = true) {
  std::string s = title + ",,,,\n" + unit_row + ",,,,\n导出时间：2022-04-01,,,,\n";
  s += "单位代码,项目代码,支付日期," + amount_header + ",凭证号\n";
  s += "BYRD01,P001,2022-03-01,100.50," + voucher_prefix + "1\n";
  s += "BYRD01,P001,2022-03-02,200.25," + voucher_prefix + "2\n";
  if (total) s += "合计,,,300.75,\n";
  s += "制表人：张三,,,,\n";
  return s;
}

class ImportProfileTest : public store::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    db = open_store();
    ASSERT_TRUE(db);
    auto r =
        import_file(*db, model::ImportKind::budget, dir.write("budget.csv", k_budget).string());
    ASSERT_TRUE(r) << r.error().to_string();
  }
  Result<ImportOutcome> import(const std::string& name, const std::string& csv,
                               ImportOptions options = {}) {
    options.display_name = name;
    return import_file(*db, model::ImportKind::payments, dir.write(name, csv).string(), options);
  }
  // The profile as the CLI keeps it: through the store, as JSON.
  void save(const ImportOutcome& outcome, const std::string& name) {
    const auto p = profile_from_plan(outcome.plan, model::ImportKind::payments, name);
    ASSERT_TRUE(db->import_profiles().set_import_profile(
        {"BYRD01", name, "payments", profile_to_json(p), "", "test"}));
  }
  std::optional<ImportProfile> load(const std::string& name) {
    auto stored = db->import_profiles().import_profile("BYRD01", name);
    EXPECT_TRUE(stored && *stored);
    if (!stored || !*stored) return std::nullopt;
    auto p = profile_from_json((*stored)->definition, model::ImportKind::payments, name);
    EXPECT_TRUE(p) << p.error().to_string();
    return p ? std::optional<ImportProfile>(*p) : std::nullopt;
  }
  std::int64_t paid() {
    std::int64_t sum = 0;
    auto payments = db->ledger().payments(2022);
    EXPECT_TRUE(payments);
    for (const auto& p : payments.value()) sum += p.amount.fen();
    return sum;
  }
  testkit::TempDir dir;
  std::unique_ptr<store::Store> db;
};
JIXIAO_ON_BOTH_BACKENDS(ImportProfileTest);

TEST_P(ImportProfileTest, SavedPlanReadsNextMonthsExportAlone) {
  // March: the unknown header needs a mapping.
  ImportOptions first;
  first.layout.mapping = {{"划款额", "amount"}};
  auto march = import("2022年3月.csv", month_file("M3-"), first);
  ASSERT_TRUE(march) << march.error().to_string();
  EXPECT_EQ(march->plan.header_row, 4);
  save(*march, "国库月报");

  const auto p = load("国库月报");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->header_row, 4);
  EXPECT_EQ(p->headers,
            (std::vector<std::string>{"单位代码", "项目代码", "支付日期", "划款额", "凭证号"}));
  EXPECT_EQ(p->mapping.at("划款额"), "amount");
  EXPECT_EQ(p->amount_unit, "元");
  EXPECT_EQ(p->year_source, "标题");
  EXPECT_EQ(p->control_rows, (std::vector<std::string>{"合计"}));

  // April without the profile: the header is not understood.
  auto plain = import("2022年4月.csv", month_file("M4-"));
  ASSERT_FALSE(plain);
  EXPECT_EQ(paid(), 30075);

  // With it: imported exactly, the 合计 checked.
  ImportOptions by_profile;
  by_profile.profile = p;
  auto april = import("2022年4月.csv", month_file("M4-"), by_profile);
  ASSERT_TRUE(april) << april.error().to_string();
  EXPECT_EQ(april->rows, 2u);
  EXPECT_EQ(april->unit_codes, (std::vector<std::string>{"BYRD01"}));
  ASSERT_EQ(april->plan.totals.size(), 1u);
  EXPECT_TRUE(april->plan.totals[0].agrees);
  EXPECT_EQ(paid(), 2 * 30075);
}

TEST_P(ImportProfileTest, FileThatNoLongerFitsIsRefusedNamingWhatDiffers) {
  ImportOptions first;
  first.layout.mapping = {{"划款额", "amount"}};
  auto march = import("2022年3月.csv", month_file("M3-"), first);
  ASSERT_TRUE(march) << march.error().to_string();
  save(*march, "国库月报");
  const auto p = load("国库月报");
  ASSERT_TRUE(p);
  const std::string head =
      "文件与导入配置 \"国库月报\" 不符（请检查文件，或用 --save-profile 保存新的配置）";
  struct Case {
    std::string what, csv;
    std::vector<std::string> messages;  // the error, then each cause
  } cases[] = {
      {"a renamed column",
       month_file("A-", "2022年度国库集中支付明细表", "金额单位：元", "支付金额"),
       {head, "f.csv:4: 第 4 行表头缺少配置中的列 \"划款额\"",
        "f.csv:4: 第 4 行表头有配置中没有的列 \"支付金额\""}},
      {"another unit",
       month_file("B-", "2022年度国库集中支付明细表", "金额单位：万元"),
       {head, "f.csv: 金额单位: 配置为 元，文件为 万元（金额单位：万元）"}},
      {"no 合计",
       month_file("C-", "2022年度国库集中支付明细表", "金额单位：元", "划款额", false),
       {head, "f.csv: 配置保存时文件有合计行，本文件没有（文件可能不完整）"}},
      {"no year in the title",
       month_file("D-", "国库集中支付明细表"),
       {head, "f.csv: 年度来源: 配置为标题，文件为日期"}},
      {"a row more above the header",
       "说明：本表含在途,,,,\n" + month_file("E-"),
       {head, "f.csv:5: 表头: 配置为第 4 行，本文件在第 5 行（表头上方的行变了）"}},
  };
  for (const auto& c : cases) {
    ImportOptions options;
    options.profile = p;
    auto r = import("f.csv", c.csv, options);
    ASSERT_FALSE(r) << c.what;
    std::vector<std::string> got{r.error().message()};
    for (const auto& cause : r.error().causes()) got.push_back(cause.to_string());
    EXPECT_EQ(got, c.messages) << c.what;
  }
  EXPECT_EQ(paid(), 30075) << "a refused file changes nothing";
}

TEST(ImportProfileJson, RoundTripsAndRefusesWhatIsNotAProfile) {
  ImportProfile p;
  p.name = "月报";
  p.kind = model::ImportKind::budget;
  p.header_row = 5;
  p.header_rows = 2;
  p.headers = {"单位代码", "预算数/年初预算数", "备注"};
  p.mapping = {{"单位代码", "unit_code"}, {"预算数/年初预算数", "initial_budget"}, {"备注", ""}};
  p.amount_unit = "万元";
  p.year_source = "--year";
  p.year = 2023;
  p.control_rows = {"小计", "合计"};
  auto back = profile_from_json(profile_to_json(p), model::ImportKind::budget, "月报");
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->header_row, 5);
  EXPECT_EQ(back->header_rows, 2);
  EXPECT_EQ(back->headers, p.headers);
  EXPECT_EQ(back->mapping, p.mapping);
  EXPECT_EQ(back->amount_unit, "万元");
  EXPECT_EQ(back->year, 2023);
  EXPECT_EQ(back->control_rows, p.control_rows);
  // Its layout: the upper of the two header rows, the mapping, the stored year unless --year.
  EXPECT_EQ(layout_of(*back, 0).header_row, 4);
  EXPECT_EQ(layout_of(*back, 0).year, 2023);
  EXPECT_EQ(layout_of(*back, 2024).year, 2024);

  auto other_kind = profile_from_json(profile_to_json(p), model::ImportKind::payments, "月报");
  ASSERT_FALSE(other_kind);
  EXPECT_EQ(other_kind.error().message(), "导入配置 \"月报\" 用于 budget 文件，不是 payments");
  auto garbage = profile_from_json("[1]", model::ImportKind::budget, "月报");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().message(),
            "导入配置 \"月报\" 无法读取: 不是 JSON 对象；请用 --save-profile 重新保存");
}

}  // namespace
}  // namespace jixiao::ledger

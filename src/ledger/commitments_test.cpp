// ledger/commitments_test.cpp — commitment balances (合同未付余额): imported with the same checks
// as every import, stored as balances by (line, contract, date), read back into the ledger.
#include <gtest/gtest.h>

#include "ledger/importer.hpp"
#include "ledger/ledger.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::ledger {
namespace {

struct CommitmentsTest : testing::Test {
  void SetUp() override {
    auto s = store::open("sqlite:" + dir.file("t.db").string());
    ASSERT_TRUE(s) << s.error().to_string();
    db = std::move(*s);
    auto r = import_file(
        *db, model::ImportKind::budget,
        dir.write("budget.csv",
                  "单位代码,单位名称,年度,项目代码,项目名称,支出类型,功能分类,年初预算\n"
                  "BYRD01,人大办,2022,P001,区人大会议,项目支出,2010104,1000000.00\n")
            .string());
    ASSERT_TRUE(r) << r.error().to_string();
  }
  Result<ImportOutcome> import(const std::string& name, const std::string& csv) {
    return import_file(*db, model::ImportKind::commitments, dir.write(name, csv).string(),
                       {.display_name = name});
  }
  testkit::TempDir dir;
  std::unique_ptr<store::Store> db;
};

constexpr const char* k_header = "单位代码,项目代码,合同编号,余额日期,未付金额,合同相对方\n";

TEST_F(CommitmentsTest, ImportsBalancesAndAgainChangesNothing) {
  const std::string csv = std::string(k_header) +
                          "BYRD01,P001,HT-01,2022-06-30,300000.00,某会务公司\n"
                          "BYRD01,P001,HT-02,2022-06-30,50000,某印刷厂\n";
  auto first = import("c.csv", csv);
  ASSERT_TRUE(first) << first.error().to_string();
  EXPECT_EQ(first->status, ImportStatus::imported);
  EXPECT_EQ(first->rows, 2u);
  EXPECT_EQ(first->record.rows, 2);

  auto again = import("c.csv", csv);
  ASSERT_TRUE(again) << again.error().to_string();
  EXPECT_EQ(again->status, ImportStatus::already_imported);
  EXPECT_EQ(again->record.rows, 0);

  // A later statement of one contract adds a row; a changed amount for the same date replaces it.
  auto later = import("c2.csv", std::string(k_header) +
                                    "BYRD01,P001,HT-01,2022-09-30,100000,某会务公司\n"
                                    "BYRD01,P001,HT-02,2022-06-30,40000,某印刷厂\n");
  ASSERT_TRUE(later) << later.error().to_string();
  EXPECT_EQ(later->record.rows, 2);

  auto rows = db->ledger().commitments(2022);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].contract_number, "HT-01");
  EXPECT_EQ((*rows)[1].amount.fen(), 4000000);  // HT-02 replaced: 40,000 元
  EXPECT_EQ((*rows)[2].date, Date::from_ymd(2022, 9, 30));

  auto l = Ledger::load(*db, 2022);
  ASSERT_TRUE(l);
  const auto& c = l->commitments();
  ASSERT_EQ(c.contract_line.size(), 2u);  // two contracts
  ASSERT_EQ(c.contract.size(), 3u);       // three balances, by day
  EXPECT_EQ(c.day[2], Date::from_ymd(2022, 9, 30).day_of_year());
  EXPECT_EQ(c.contract_number[c.contract[2]], "HT-01");
}

TEST_F(CommitmentsTest, BadRowsNameTheirPlaceAndNothingIsWritten) {
  auto r = import("bad.csv", std::string(k_header) +
                                 "BYRD01,P001,HT-01,2022-06-30,300000,甲\n"
                                 "BYRD01,P999,HT-02,2022-06-30,100,乙\n"
                                 "BYRD01,P001,HT-03,2022-07-01,-5,丙\n"
                                 "BYRD01,P001,HT-01,2022-06-30,1,甲\n"
                                 "BYRD01,P001,HT-04,2023-01-05,1,丁\n");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "4 处错误，未导入任何数据");
  std::vector<std::string> causes;
  for (const auto& c : r.error().causes()) causes.push_back(c.to_string());
  ASSERT_EQ(causes.size(), 4u);
  EXPECT_NE(causes[0].find("bad.csv:3:项目代码"), std::string::npos) << causes[0];
  EXPECT_NE(causes[0].find("未知项目代码: \"P999\""), std::string::npos) << causes[0];
  EXPECT_NE(causes[1].find("bad.csv:4:未付金额"), std::string::npos) << causes[1];
  EXPECT_NE(causes[1].find("合同未付金额不能为负"), std::string::npos) << causes[1];
  EXPECT_NE(causes[2].find("bad.csv:5:合同编号"), std::string::npos) << causes[2];
  EXPECT_NE(causes[2].find("（与第 2 行相同）"), std::string::npos) << causes[2];
  EXPECT_NE(causes[3].find("bad.csv:6:"), std::string::npos) << causes[3];
  auto rows = db->ledger().commitments(2022);
  ASSERT_TRUE(rows);
  EXPECT_TRUE(rows->empty());
}

}  // namespace
}  // namespace jixiao::ledger

// ledger/ledger_csv_test.cpp — payments CSVs read straight into the in-memory ledger's columns
// (Ledger::add_payments_csv, by ingest/bulk.hpp's read_checked_payment_columns): what the row
// path gives, or the ledger left unchanged.
#include <gtest/gtest.h>

#include <algorithm>

#include "ingest/ingest.hpp"
#include "ledger/ledger.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::ledger {
namespace {

const char* k_budget =
    "单位代码,单位名称,年度,项目代码,项目名称,支出类型,功能分类,经济分类,年初预算\n"
    "BYRD01,人大办,2022,P001,区人大会议,项目支出,2010104,30215,1000000.00\n"
    "BYRD01,人大办,2022,B001,行政运行,基本支出,2010101,30101,5000000.00\n"
    "BYRD02,政协办,2022,B001,行政运行,基本支出,2010101,,5000000.00\n";

Ledger budget_ledger() {
  testkit::TempDir dir;
  auto b = testkit::row_path(dir.write("b.csv", k_budget).string(), model::ImportKind::budget);
  EXPECT_TRUE(b);
  return Ledger::build(2022, b->units, b->lines, {}, {});
}

// Each payment of a ledger as text (economic codes by name), in ledger order.
std::vector<std::string> payment_texts(const Ledger& l) {
  std::vector<std::string> out;
  const auto& p = l.payments();
  for (std::size_t k = 0; k < p.line.size(); ++k) {
    out.push_back(l.lines()[p.line[k]].unit_code + "|" + l.lines()[p.line[k]].code + "|" +
                  std::to_string(p.day[k]) + "|" + std::to_string(p.fen[k]) + "|" +
                  l.economic_codes()[p.economic[k]]);
  }
  return out;
}

TEST(BulkPayments, CsvStraightIntoTheLedgerGivesWhatTheRowPathGives) {
  testkit::TempDir dir;
  // ≈ 5.5 MB: several pieces on two threads; blank lines and CR-LF rows among them.
  const std::string generated = testkit::payments_csv(100000);
  const std::size_t cr = generated.find('\n', generated.size() / 3);
  const std::size_t blank = generated.find("\nBYRD01,2022,B001", generated.size() / 2) + 1;
  const std::string csv = generated.substr(0, cr) + "\r" + generated.substr(cr, blank - cr) +
                          "\n,,,,,,,\n" + generated.substr(blank);
  const std::string path = dir.write("pay.csv", csv).string();

  auto rows = testkit::row_path(path, model::ImportKind::payments);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->payments.size(), 100000u);
  auto base = budget_ledger();
  const Ledger by_rows = Ledger::build(2022, base.units(), base.lines(), {}, rows->payments);

  Ledger by_csv = budget_ledger();
  auto added = by_csv.add_payments_csv(path, 2);
  ASSERT_TRUE(added) << added.error().to_string();
  ASSERT_TRUE(*added);
  EXPECT_EQ(**added, 100000u);
  EXPECT_EQ(payment_texts(by_csv), payment_texts(by_rows));
  EXPECT_TRUE(std::is_sorted(by_csv.payments().day.begin(), by_csv.payments().day.end()));
  auto a = summarize(by_csv), b = summarize(by_rows);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->totals.executed, b->totals.executed);
  EXPECT_NE(a->totals.executed.fen(), 0);

  // The same file again is added after the first (day order kept, earlier rows first in a day).
  ASSERT_TRUE(*by_csv.add_payments_csv(path, 2));
  EXPECT_EQ(by_csv.payments().line.size(), 200000u);
  EXPECT_TRUE(std::is_sorted(by_csv.payments().day.begin(), by_csv.payments().day.end()));
}

TEST(BulkPayments, FilesTheLedgerCannotTakeLeaveItUnchanged) {
  testkit::TempDir dir;
  const std::string good = testkit::payments_csv(60000);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"unknown-line", good + "BYRD01,2022,P999,2022-03-01,1,,Z1,\n"},
      {"other-year", good + "BYRD01,2021,B001,2021-03-01,1,,Z1,\n"},
      {"duplicate-voucher",
       good + "BYRD01,2022,B001,2022-03-01,1,,G0000004,\n"},  // G0000004 is BYRD02's; G0000001
                                                              // BYRD01's
      {"duplicate-far", good + "BYRD01,2022,B001,2022-03-01,1,,G0000001,\n"},
      {"bad-date", good + "BYRD01,2022,B001,2022-02-30,1,,Z1,\n"},
      {"date-not-in-year", good + "BYRD01,2022,B001,2023-01-01,1,,Z1,\n"},
      {"multiline", good + "BYRD01,2022,B001,2022-03-01,1,,Z1,\"两\n行\"\n"},
  };
  for (const auto& [name, csv] : cases) {
    Ledger l = budget_ledger();
    ASSERT_TRUE(
        l.add_payments_csv(dir.write("first.csv", testkit::payments_csv(10, 'F')).string(), 2)
            .value_or(std::nullopt));
    const auto before = payment_texts(l);
    auto r = l.add_payments_csv(dir.write(name + ".csv", csv).string(), 2);
    ASSERT_TRUE(r) << name;
    if (name == "duplicate-voucher") {
      EXPECT_TRUE(*r) << "G0000004 is another unit's voucher";
      continue;
    }
    EXPECT_FALSE(*r) << name;
    EXPECT_EQ(payment_texts(l), before) << name;
  }
}

}  // namespace
}  // namespace jixiao::ledger

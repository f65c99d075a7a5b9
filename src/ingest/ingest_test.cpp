// ingest/ingest_test.cpp — reading CSV (UTF-8, BOM, GB18030) and XLSX, and mapping rows.
#include "ingest/ingest.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "testkit/testkit.hpp"

namespace jixiao::ingest {
namespace {

const char* k_payments_csv =
    "单位代码,项目代码,支付日期,支付金额（元）,经济分类,凭证号,摘要\n"
    "BYRD01,P001,2022-03-15,\"12,000.50\",30215,V001,会务费\n"
    "BYRD01,P001,2022/4/1,-200,,V002,\"退回, 多付\"\n";

void expect_same_payments(const ParsedRows& a, const ParsedRows& b) {
  ASSERT_EQ(a.batch.payments.size(), b.batch.payments.size());
  for (std::size_t i = 0; i < a.batch.payments.size(); ++i) {
    const auto& x = a.batch.payments[i];
    const auto& y = b.batch.payments[i];
    EXPECT_EQ(x.unit_code, y.unit_code);
    EXPECT_EQ(x.line_code, y.line_code);
    EXPECT_EQ(x.date, y.date);
    EXPECT_EQ(x.amount, y.amount);
    EXPECT_EQ(x.economic_code, y.economic_code);
    EXPECT_EQ(x.voucher_number, y.voucher_number);
    EXPECT_EQ(x.summary, y.summary);
  }
  EXPECT_EQ(a.batch.content_hash, b.batch.content_hash);
}

ParsedRows parse_ok(const std::string& path, model::ImportKind kind, const ReadOptions& options = {}) {
  auto table = read_table(path, options);
  EXPECT_TRUE(table) << table.error().to_string();
  auto rows = parse_rows(*table, kind);
  EXPECT_TRUE(rows) << rows.error().to_string();
  EXPECT_TRUE(rows->errors.empty()) << rows->errors.front().to_string();
  return *rows;
}

TEST(ReadTable, Utf8CsvWithQuotesAndCommas) {
  testkit::TempDir dir;
  auto rows = parse_ok(dir.write("p.csv", k_payments_csv).string(), model::ImportKind::payments);
  ASSERT_EQ(rows.batch.payments.size(), 2u);
  EXPECT_EQ(rows.batch.payments[0].amount.fen(), 1200050);
  EXPECT_EQ(rows.batch.payments[0].fiscal_year, 2022);
  EXPECT_EQ(rows.batch.payments[1].amount.fen(), -20000);
  EXPECT_EQ(rows.batch.payments[1].summary, "退回, 多付");
  EXPECT_EQ(rows.row_numbers, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(rows.batch.content_hash.size(), 64u);
}

TEST(ReadTable, BomAndGb18030GiveTheSameRowsAsUtf8) {
  testkit::TempDir dir;
  auto plain = parse_ok(dir.write("p.csv", k_payments_csv).string(), model::ImportKind::payments);
  auto bom = parse_ok(dir.write("bom.csv", std::string("\xEF\xBB\xBF") + k_payments_csv).string(), model::ImportKind::payments);
  expect_same_payments(plain, bom);
  std::string gb = testkit::to_gb18030(k_payments_csv);
  auto gbk_path = dir.write("gbk.csv", gb);
  auto table = read_table(gbk_path.string());
  ASSERT_TRUE(table);
  EXPECT_EQ(table->encoding, "GB18030");
  expect_same_payments(plain, parse_ok(gbk_path.string(), model::ImportKind::payments));
}

TEST(ReadTable, XlsxGivesTheSameRowsAsCsv) {
  testkit::TempDir dir;
  auto path = dir.file("p.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  workbook_add_worksheet(wb, "说明");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "支付");
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "yyyy-mm-dd");
  const char* header[] = {"单位代码", "项目代码", "支付日期", "支付金额（元）", "经济分类", "凭证号", "摘要"};
  for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
  lxw_datetime d1 = {2022, 3, 15, 0, 0, 0}, d2 = {2022, 4, 1, 0, 0, 0};
  worksheet_write_string(ws, 1, 0, "BYRD01", nullptr);
  worksheet_write_string(ws, 1, 1, "P001", nullptr);
  worksheet_write_datetime(ws, 1, 2, &d1, date_fmt);
  worksheet_write_number(ws, 1, 3, 12000.5, nullptr);
  worksheet_write_number(ws, 1, 4, 30215, nullptr);
  worksheet_write_string(ws, 1, 5, "V001", nullptr);
  worksheet_write_string(ws, 1, 6, "会务费", nullptr);
  worksheet_write_string(ws, 2, 0, "BYRD01", nullptr);
  worksheet_write_string(ws, 2, 1, "P001", nullptr);
  worksheet_write_datetime(ws, 2, 2, &d2, date_fmt);
  worksheet_write_number(ws, 2, 3, -200, nullptr);
  worksheet_write_string(ws, 2, 5, "V002", nullptr);
  worksheet_write_string(ws, 2, 6, "退回, 多付", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto csv = parse_ok(dir.write("p.csv", k_payments_csv).string(), model::ImportKind::payments);
  auto xlsx = parse_ok(path, model::ImportKind::payments, {.sheet = "支付"});
  expect_same_payments(csv, xlsx);

  // Without --sheet the first sheet is read; here it is empty, and the error says so.
  auto first = read_table(path);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().to_string(), path + ":说明: 工作表是空的（没有表头行）");
  auto missing = read_table(path, {.sheet = "无此表"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().to_string(), path + ": 工作簿中没有工作表 \"无此表\"（有: 说明、支付）");
}

TEST(ParseRows, ReportsEveryBadCellWithItsPlace) {
  testkit::TempDir dir;
  std::string csv =
      "单位代码,项目代码,支付日期,支付金额,凭证号\n"
      "BYRD01,P001,2022-02-30,100,V1\n"
      "BYRD01,P001,2022-03-01,\"12,3x\",V2\n"
      ",P001,2022-03-01,5,V3\n"
      "BYRD01,P001,2022-03-02,5,V2\n";
  auto table = read_table(dir.write("pay.csv", csv).string());
  ASSERT_TRUE(table);
  auto rows = parse_rows(*table, model::ImportKind::payments);
  ASSERT_TRUE(rows);
  std::vector<std::string> got;
  for (const auto& e : rows->errors) got.push_back(e.to_string());
  std::string f = dir.file("pay.csv").string();
  std::vector<std::string> want = {
      f + ":2:支付日期: 不是日期: \"2022-02-30\"",
      f + ":3:支付金额: 不是金额: \"12,3x\"",
      f + ":4:单位代码: 缺少必填值",
      f + ":5:凭证号: 凭证号重复: \"V2\"（与第 3 行相同）",
  };
  EXPECT_EQ(got, want);
  EXPECT_TRUE(rows->batch.payments.empty());  // every row has a bad cell
}

TEST(ParseRows, PaymentDateOutsideItsYear) {
  testkit::TempDir dir;
  auto table = read_table(dir.write("p.csv", "单位代码,年度,项目代码,支付日期,支付金额,凭证号\nU,2022,L,2023-01-05,1,V\n").string());
  ASSERT_TRUE(table);
  auto rows = parse_rows(*table, model::ImportKind::payments);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->errors.size(), 1u);
  EXPECT_EQ(rows->errors[0].message(), "支付日期 2023-01-05 不在预算年度 2022 内");
}

TEST(ParseRows, MissingRequiredColumnsRejectTheHeader) {
  testkit::TempDir dir;
  auto table = read_table(dir.write("b.csv", "unit_code,line_code\nU,L\n").string());
  ASSERT_TRUE(table);
  auto rows = parse_rows(*table, model::ImportKind::budget);
  ASSERT_FALSE(rows);
  ASSERT_EQ(rows.error().causes().size(), 5u);
  EXPECT_EQ(rows.error().causes()[0].message(), "缺少必需的列: 年度 (fiscal_year)");
}

TEST(ParseRows, BudgetInWanAndEnglishHeaders) {
  testkit::TempDir dir;
  std::string csv =
      "unit_code,unit_name,fiscal_year,line_code,line_name,kind,function_code,initial_budget（万元）\n"
      "BYRD01,人大办,2022,P001,区人大会议,项目支出,2010104,120.5\n"
      "BYRD01,人大办,2022,B001,行政运行,basic,2010101,1000\n"
      "BYRD01,人大办,2022,B002,其他,其它,2010199,1\n";
  auto table = read_table(dir.write("b.csv", csv).string());
  ASSERT_TRUE(table);
  auto rows = parse_rows(*table, model::ImportKind::budget);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->errors.size(), 1u);
  EXPECT_EQ(rows->errors[0].message(), "支出类型应为\"基本支出\"或\"项目支出\": \"其它\"");
  ASSERT_EQ(rows->batch.lines.size(), 2u);
  EXPECT_EQ(rows->batch.lines[0].initial_budget.fen(), 120500000);
  EXPECT_EQ(rows->batch.lines[0].kind, model::ExpenditureKind::project);
  EXPECT_EQ(rows->batch.lines[0].fund_source, "一般公共预算");
  ASSERT_EQ(rows->batch.units.size(), 1u);
  EXPECT_EQ(rows->batch.units[0].name, "人大办");
}

TEST(ReadTable, UnclosedQuoteNamesTheRow) {
  testkit::TempDir dir;
  auto t = read_table(dir.write("q.csv", "a,b\n1,\"x\n").string());
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message(), "引号未闭合");
  EXPECT_EQ(t.error().location().row, 2);
}

}  // namespace
}  // namespace jixiao::ingest

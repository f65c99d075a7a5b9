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

ParsedRows parse_ok(const std::string& path, model::ImportKind kind,
                    const ReadOptions& options = {}) {
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
  auto bom = parse_ok(dir.write("bom.csv", std::string("\xEF\xBB\xBF") + k_payments_csv).string(),
                      model::ImportKind::payments);
  expect_same_payments(plain, bom);
  std::string gb = testkit::to_gb18030(k_payments_csv);
  auto gbk_path = dir.write("gbk.csv", gb);
  auto table = read_table(gbk_path.string());
  ASSERT_TRUE(table);
  EXPECT_EQ(table->encoding, "GB18030");
  expect_same_payments(plain, parse_ok(gbk_path.string(), model::ImportKind::payments));
}

// The .xls seed of the fuzz corpus (tests/fuzz/corpus/xls/, written by make_corpus.py; its
// first byte picks the fuzzer's import kind), as a file.
std::string xls_file(testkit::TempDir& dir, const std::string& input) {
  const std::string bytes = testkit::read_file(testkit::source_dir() / "tests/fuzz" / input);
  return dir.write("in.xls", bytes.substr(1)).string();
}

TEST(ReadTable, XlsIsReadInAChildProcess) {
  testkit::TempDir dir;
  auto table = read_table(xls_file(dir, "corpus/xls/budget"));
  ASSERT_TRUE(table) << table.error().to_string();
  EXPECT_EQ(table->encoding, "XLS");
  ASSERT_FALSE(table->header.empty());
  EXPECT_EQ(table->header[0], "单位代码");
  EXPECT_EQ(table->rows.size(), table->row_numbers.size());
  EXPECT_FALSE(table->rows.empty());
  auto missing = read_table(xls_file(dir, "corpus/xls/budget"), {.sheet = "没有"});
  ASSERT_FALSE(missing);
  EXPECT_TRUE(missing.error().message().starts_with("工作簿中没有工作表 \"没有\"（有: "))
      << missing.error().message();
}

// Issue 17, found by the xls fuzzer in its first second: libfreexl 1.0.6 hands iconv a string
// length from the file, 64 KiB past its stack buffer (ASan: stack-buffer-underflow in
// freexl_open). Read in a child process, the file is refused and the caller is untouched. Without
// a sanitizer the over-read goes unnoticed and libfreexl refuses the file itself; under ASan (the
// sanitizer run) the child is stopped, and this test process crashed before the fix.
TEST(ReadTable, XlsThatBreaksLibfreexlIsRefused) {
  testkit::TempDir dir;
  auto table = read_table(xls_file(dir, "regressions/xls/freexl-iconv-stack-overread"));
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().code(), ErrorCode::invalid_input);
  const std::string& message = table.error().message();
  EXPECT_TRUE(message == "无法读取这个 .xls 文件（文件已损坏，或其结构超出支持的范围）" ||
              message == "不是有效的 .xls 文件（无法读取 BIFF 工作簿）")
      << message;
}

TEST(ReadTable, XlsxGivesTheSameRowsAsCsv) {
  testkit::TempDir dir;
  auto path = dir.file("p.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  workbook_add_worksheet(wb, "说明");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "支付");
  lxw_format* date_fmt = workbook_add_format(wb);
  format_set_num_format(date_fmt, "yyyy-mm-dd");
  const char* header[] = {"单位代码", "项目代码", "支付日期", "支付金额（元）",
                          "经济分类", "凭证号",   "摘要"};
  for (int c = 0; c < 7; ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
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
  EXPECT_EQ(missing.error().to_string(),
            path + ": 工作簿中没有工作表 \"无此表\"（有: 说明、支付）");
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
  auto table = read_table(
      dir.write("p.csv",
                "单位代码,年度,项目代码,支付日期,支付金额,凭证号\nU,2022,L,2023-01-05,1,V\n")
          .string());
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
      "unit_code,unit_name,fiscal_year,line_code,line_name,kind,function_code,initial_"
      "budget（万元）\n"
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

// A file's layout, as shape_table reads it: inputs → the header row, rows kept, the year and its
// source, skipped rows, or the exact message of the refusal.
TEST(ShapeTable, FindsTheLayoutOrSaysWhy) {
  const std::string pay = "单位代码,项目代码,支付日期,支付金额,凭证号\n";
  struct Case {
    std::string name, file, csv;
    int option_year;
    std::int64_t header_row;
    std::size_t rows;
    int year;
    std::string year_source, skipped, error;
  };
  const std::vector<Case> cases = {
      {"plain", "p.csv", pay + "A1,P1,2022-03-05,1.00,V1\n", 0, 1, 1, 0, "日期", "", ""},
      {"title and export date", "p.csv",
       "2023年度支付明细表,,,,\n导出时间：2024-01-08,,,,\n" + pay +
           "A1,P1,2023-03-05,1.00,V1\n合计,,,1.00,\n",
       0, 3, 1, 2023, "标题", "1:标题或说明 2:标题或说明 5:合计", ""},
      {"file name year", "p_2023.csv", pay + "A1,P1,2023-03-05,1.00,V1\n制表人：王,,,,\n", 0, 1, 1,
       2023, "文件名", "3:表尾", ""},
      {"--year first", "p.csv", pay + "A1,P1,2023-03-05,1.00,V1\n", 2023, 1, 1, 2023, "--year", "",
       ""},
      {"subtotals", "p.csv",
       pay + "A1,P1,2022-03-05,1.00,V1\nA1,小计,,1.00,\nA2,P1,2022-03-05,2.00,V2\n总计,,,3.00,\n",
       0, 1, 2, 0, "日期", "3:小计 5:总计", ""},
      {"year sources disagree", "p_2022.csv", "2023年度支付明细表\n" + pay, 0, 0, 0, 0, "", "",
       "p_2022.csv: 年度来源不一致: 标题 为 2023 年（2023年度支付明细表），文件名 为 2022 "
       "年（p_2022.csv）；请用 --year 指定或改正文件"},
      {"--year against the title", "p.csv", "2023年度支付明细表\n" + pay, 2022, 0, 0, 0, "", "",
       "p.csv: 年度来源不一致: --year 为 2022 年（2022），标题 为 2023 "
       "年（2023年度支付明细表）；请用 --year 指定或改正文件"},
  };
  testkit::TempDir dir;
  for (const auto& c : cases) {
    auto table = read_table(dir.write(c.file, c.csv).string());
    ASSERT_TRUE(table) << c.name;
    table->file = c.file;
    LayoutOptions o;
    o.year = c.option_year;
    auto plan = shape_table(*table, model::ImportKind::payments, o);
    if (!c.error.empty()) {
      ASSERT_FALSE(plan) << c.name;
      EXPECT_EQ(plan.error().to_string(), c.error) << c.name;
      continue;
    }
    ASSERT_TRUE(plan) << c.name << ": " << plan.error().to_string();
    EXPECT_EQ(plan->header_row, c.header_row) << c.name;
    EXPECT_EQ(table->rows.size(), c.rows) << c.name;
    EXPECT_EQ(plan->year, c.year) << c.name;
    EXPECT_EQ(plan->year_source, c.year_source) << c.name;
    std::string skipped;
    for (const auto& k : plan->skipped)
      skipped += (skipped.empty() ? "" : " ") + std::to_string(k.row) + ":" + k.reason;
    EXPECT_EQ(skipped, c.skipped) << c.name;
    EXPECT_TRUE(plan->errors.empty()) << c.name << ": " << plan->errors.front().to_string();
    auto rows = parse_rows(*table, model::ImportKind::payments);
    ASSERT_TRUE(rows) << c.name;
    EXPECT_TRUE(rows->errors.empty()) << c.name << ": " << rows->errors.front().to_string();
  }
}

// Two header rows under merged cells, the unit row, and 调整数 → adjustment rows.
TEST(ShapeTable, TwoRowHeaderWithAdjustmentsInWan) {
  testkit::TempDir dir;
  const std::string csv =
      "2022年度部门预算,,,,,,,,\n金额单位：万元,,,,,,,,\n"
      "单位编码,单位名称,项目编码,项目名称,支出类型,功能分类编码,预算数,,\n"
      ",,,,,,年初预算数,调整数,调整后预算数\n"
      "A1,甲,P1,会议,项目支出,2010104,12.345678,-0.5,11.845678\n"
      "A1,甲,P2,运行,基本支出,2010101,1,0,1\n"
      "合计,,,,,,13.345678,-0.5,12.845678\n";
  auto table = read_table(dir.write("b.csv", csv).string());
  ASSERT_TRUE(table);
  auto plan = shape_table(*table, model::ImportKind::budget);
  ASSERT_TRUE(plan) << plan.error().to_string();
  EXPECT_EQ(plan->header_row, 4);
  EXPECT_EQ(plan->header_rows, 2);
  EXPECT_EQ(plan->amount_unit, "万元");
  EXPECT_EQ(plan->amount_unit_source, "金额单位：万元");
  ASSERT_EQ(plan->totals.size(), 3u);
  for (const auto& t : plan->totals) EXPECT_TRUE(t.agrees) << t.column;
  EXPECT_EQ(plan->totals[0].column, "预算数/年初预算数");
  auto rows = parse_rows(*table, model::ImportKind::budget);
  ASSERT_TRUE(rows);
  ASSERT_TRUE(rows->errors.empty()) << rows->errors.front().to_string();
  ASSERT_EQ(rows->batch.lines.size(), 2u);
  EXPECT_EQ(rows->batch.lines[0].initial_budget.fen(), 12345678);
  EXPECT_EQ(rows->batch.lines[0].fiscal_year, 2022);
  ASSERT_EQ(rows->batch.adjustments.size(), 1u);
  EXPECT_EQ(rows->batch.adjustments[0].amount.fen(), -500000);
  EXPECT_EQ(rows->batch.adjustments[0].date.to_string(), "2022-12-31");
  EXPECT_EQ(rows->batch.adjustments[0].line_code, "P1");
}

TEST(ShapeTable, HeaderSuggestionsAndMap) {
  const std::vector<std::string> header = {"单位代码", "项目代码", "支付日",
                                           "支付金额", "凭证号",   "经济分类码"};
  ColumnMap m = map_columns(header, model::ImportKind::payments);
  ASSERT_EQ(m.errors.size(), 1u);
  EXPECT_EQ(m.errors[0].message(),
            "缺少必需的列: 支付日期 (date)；\"支付日\" — 是否指 \"支付日期\"?");
  ColumnMap mapped = map_columns(header, model::ImportKind::payments,
                                 {{"支付日", "date"}, {"经济分类码", "economic_code"}});
  EXPECT_TRUE(mapped.errors.empty());
  EXPECT_EQ(mapped.index[static_cast<std::size_t>(
                field_index(model::ImportKind::payments, "economic_code"))],
            5);
  // 编码 and 代码 are one.
  EXPECT_EQ(match_field(model::ImportKind::budget, normalise_header("功能分类编码").key),
            field_index(model::ImportKind::budget, "function_code"));
}

// Every importer's column table goes through the one mapping: the ledger's header rules
// (full-width, spaces, '*', 编码 = 代码) hold for any table, and each problem is a cause located
// at the header row.
TEST(TableFields, MapsAnyColumnTableWithTheLedgersRulesAndLocatedErrors) {
  const std::vector<ColumnSpec> specs = {
      {"code", {"指标编码", "code"}, "code", true, ""},
      {"name", {"三级指标", "指标名称"}, "text", true, ""},
      {"note", {"备注"}, "text", false, ""},
  };
  auto table_of = [](std::vector<std::string> header) {
    Table t;
    t.file = "f.csv";
    t.header = std::move(header);
    t.rows = {std::vector<std::string>(t.header.size(), " v ")};
    t.row_numbers = {2};
    return t;
  };
  struct Case {
    std::vector<std::string> header;
    UnknownHeaders unknown;
    std::string error;  // "" when the header maps
  };
  const std::vector<Case> cases = {
      {{"指标代码", "* 三级指标 ", "备注"}, UnknownHeaders::refuse, ""},
      {{"ＣＯＤＥ", "指标名称"}, UnknownHeaders::refuse, ""},
      {{"指标编码", "三级指标", "说明"}, UnknownHeaders::ignore, ""},
      {{"指标编码", "三级指标", "说明"},
       UnknownHeaders::refuse,
       "f.csv: 表头无法识别，未导入任何数据\n  f.csv:1:说明: 未知的列: \"说明\""},
      // A typo of a required column: named once, by the missing column, with the suggestion.
      {{"指标编码", "三级指票"},
       UnknownHeaders::refuse,
       "f.csv: 表头无法识别，未导入任何数据\n  f.csv:1: 缺少必需的列: 三级指标 "
       "(name)；\"三级指票\" — "
       "是否指 \"三级指标\"?"},
      {{"指标编码", "三级指标", "备住"},
       UnknownHeaders::refuse,
       "f.csv: 表头无法识别，未导入任何数据\n  f.csv:1:备住: 未知的列: \"备住\" — 是否指 "
       "\"备注\"?"},
      {{"指标编码", "code", "三级指标"},
       UnknownHeaders::ignore,
       "f.csv: 表头无法识别，未导入任何数据\n  f.csv:1:code: 列重复: \"code\" 与 \"指标编码\" "
       "都对应 "
       "code"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::PrintToString(c.header));
    const Table t = table_of(c.header);
    auto fields = TableFields::map(t, specs, c.unknown);
    if (!c.error.empty()) {
      ASSERT_FALSE(fields);
      EXPECT_EQ(fields.error().to_string(), c.error);
      continue;
    }
    ASSERT_TRUE(fields) << fields.error().to_string();
    EXPECT_EQ(fields->cell(t, 0, "code"), "v");
    EXPECT_EQ(fields->at(t, 0, "name").column, t.header[1]);
    EXPECT_EQ(fields->at(t, 0, "name").row, 2);
    EXPECT_EQ(fields->has("note"), t.header.size() == 3 && t.header[2] == "备注");
  }
}

}  // namespace
}  // namespace jixiao::ingest

// ledger/importer_test.cpp — importing files into a real SQLite database.
#include "ledger/importer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "ingest/ingest.hpp"
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
    auto r =
        import_file(*db, model::ImportKind::budget, dir.write("budget.csv", k_budget).string());
    ASSERT_TRUE(r) << r.error().to_string();
  }
  std::vector<std::string> errors_of(model::ImportKind kind, const std::string& name,
                                     const std::string& csv) {
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
  auto r = import_file(
      *db, model::ImportKind::payments,
      dir.write("p.csv",
                "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,400,V1\n"
                "BYRD01,B001,2022-04-01,100.50,V2\n")
          .string());
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

// Issue 17: three budgets of 46,000,000,000,000,000.00 元 in separate imports summed to a
// negative total (the 分 wrapped). The import that would take the year out of range is refused
// with its row; a year stored out of range (before the check) is refused by every reader.
std::string huge_budget(const std::string& code) {
  return "单位代码,单位名称,年度,项目代码,项目名称,支出类型,功能分类,经济分类,年初预算\n"
         "BYRD01,人大办,2022," +
         code + ",巨额项目,项目支出,2010104,30215,\"46,000,000,000,000,000.00\"\n";
}

TEST_F(ImporterTest, AnImportThatWouldOverflowTheYearsTotalsIsRefusedWithItsRow) {
  ASSERT_TRUE(
      import_file(*db, model::ImportKind::budget, dir.write("h1.csv", huge_budget("H1")).string()));
  ASSERT_TRUE(
      import_file(*db, model::ImportKind::budget, dir.write("h2.csv", huge_budget("H2")).string()));
  auto got = errors_of(model::ImportKind::budget, "h3.csv", huge_budget("H3"));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "1 处错误，未导入任何数据");
  EXPECT_EQ(
      got[1],
      "h3.csv:2:年初预算: 导入后 2022 年度全部金额的绝对值之和将超过 92,233,720,368,547,758.07 元，"
      "台账的合计会溢出: 46,000,000,000,000,000.00");
  // Nothing written; the two stored budgets still add up exactly.
  auto l = Ledger::load(*db, 2022);
  ASSERT_TRUE(l) << l.error().to_string();
  EXPECT_FALSE(l->find_line("BYRD01", "H3"));
  auto s = summarize(*l);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->totals.initial.fen(), 9'200'000'000'000'000'000 + 600'000);
  // A payment that would cross the limit is refused the same way, at its row and column.
  auto pay =
      errors_of(model::ImportKind::payments, "p.csv",
                "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,1.00,V1\n"
                "BYRD01,H1,2022-03-02,\"300,000,000,000,000.00\",V2\n");
  ASSERT_EQ(pay.size(), 2u);
  EXPECT_TRUE(pay[1].starts_with("p.csv:3:支付金额: 导入后 2022 年度")) << pay[1];
}

TEST_F(ImporterTest, AYearStoredOutOfRangeIsRefusedNotWrapped) {
  // Written straight to the store, as data stored before the importer checked the range.
  for (const char* code : {"H1", "H2", "H3"}) {
    auto b = testkit::small_budget_batch();
    b.content_hash = std::string("hash-") + code;
    b.units = {{"BYRD01", "人大办", ""}};
    b.lines.resize(1);
    b.lines[0].unit_code = "BYRD01";
    b.lines[0].code = code;
    b.lines[0].initial_budget = Money::from_fen(4'600'000'000'000'000'000);
    ASSERT_TRUE(db->ledger().write_import(b));
  }
  auto l = Ledger::load(*db, 2022);
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().code(), ErrorCode::conflict);
  EXPECT_EQ(
      l.error().message(),
      "2022 年度台账的金额超出可计算的范围：全部金额的绝对值之和超过 92,233,720,368,547,758.07 元，"
      "合计会溢出（加到单位 BYRD01 项目 \"H3\" 的年初预算 46,000,000,000,000,000.00 "
      "元时）。请撤销或更正有关的导入");
  // Other years are untouched; a new import into the year says why it cannot be checked.
  EXPECT_TRUE(Ledger::load(*db, 2021));
  auto more = import_file(
      *db, model::ImportKind::payments,
      dir.write("p.csv",
                "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,1.00,V1\n")
          .string());
  ASSERT_FALSE(more);
  EXPECT_EQ(more.error().code(), ErrorCode::conflict);
}

TEST_F(ImporterTest, EachErrorKindWithItsPlace) {
  ASSERT_TRUE(import_file(
      *db, model::ImportKind::payments,
      dir.write("first.csv",
                "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,1,V9\n")
          .string()));
  auto before = payment_totals();
  auto got = errors_of(model::ImportKind::payments, "pay.csv",
                       "单位代码,年度,项目代码,支付日期,支付金额,凭证号\n"
                       "XX01,2022,P001,2022-03-01,1,V1\n"        // unknown unit
                       "BYRD01,2022,P999,2022-03-01,1,V2\n"      // unknown line
                       "BYRD01,2022,P001,2022-13-01,1,V3\n"      // bad date
                       "BYRD01,2022,P001,2022-03-01,1.2.3,V4\n"  // bad amount
                       "BYRD01,2022,P001,2022-03-01,1,\n"        // missing voucher
                       "BYRD01,2022,P001,2022-03-01,1,V6\n"
                       "BYRD01,2022,P001,2022-03-02,1,V6\n"   // duplicate in file
                       "BYRD01,2022,P001,2022-03-02,1,V9\n"   // voucher already imported
                       "BYRD01,2022,P001,2023-01-02,1,V10\n"  // date outside the year
                       "BYRD01,,B001,2021-05-02,1,V11\n");    // line of another year
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
  std::string csv =
      "单位代码,项目代码,调整日期,调整金额,文号,调整原因\nBYRD01,P001,2022-06-30,200,"
      "白财〔2022〕1号,追加\n";
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
  auto r = import_file(
      *db, model::ImportKind::payments,
      dir.write("p.csv",
                "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,400,V1\n")
          .string(),
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

// ---- Big payment files: the block path inside import_file. ----
namespace jixiao::ledger {
namespace {

constexpr std::uintmax_t k_rows_only = std::numeric_limits<std::uintmax_t>::max();

// `n` payments of 2022 on P001 and B001 with vouchers G000001…, some refunds, some summaries
// (one quoted, with a comma), some economic codes. About 3 MB for 60,000 rows.
std::string big_payments_csv(int n, char voucher_prefix = 'G', bool header = true) {
  std::string csv =
      header ? "单位代码,年度,项目代码,支付日期,支付金额（元）,经济分类,凭证号,摘要\n" : "";
  for (int k = 1; k <= n; ++k) {
    const int month = 1 + k % 12;
    const int day = 1 + (k * 7) % days_in_month(2022, month);
    char buf[160];
    const long long fen = (k % 17 == 0 ? -1 : 1) * (static_cast<long long>(k) * 7919 % 1000000);
    std::snprintf(buf, sizeof buf, "BYRD01,2022,%s,2022-%02d-%02d,%lld.%02lld,%s,%c%06d,%s\n",
                  k % 3 ? "P001" : "B001", month, day, fen / 100, (fen < 0 ? -fen : fen) % 100,
                  k % 5 ? "" : "30211", voucher_prefix, k,
                  k % 11 == 0 ? "\"会议费,第二笔\"" : (k % 4 ? "" : "差旅"));
    if (fen < 0 && fen > -100) {  // "-0.xx": printf gives "0.xx" for fen / 100 == 0
      std::snprintf(buf, sizeof buf, "BYRD01,2022,%s,2022-%02d-%02d,-0.%02lld,%s,%c%06d,\n",
                    k % 3 ? "P001" : "B001", month, day, -fen, k % 5 ? "" : "30211", voucher_prefix,
                    k);
    }
    csv += buf;
  }
  return csv;
}

struct BlockImportTest : ImporterTest {
  // A fresh database in place of the current one.
  void fresh() {
    db.reset();
    for (const char* f : {"t.db", "t.db-wal", "t.db-shm"}) std::filesystem::remove(dir.file(f));
    SetUp();
  }
  Result<ImportOutcome> import(const std::string& name, const std::string& csv,
                               std::uintmax_t threshold,
                               std::vector<std::pair<std::string, std::size_t>>* stages = nullptr) {
    ImportOptions o;
    o.display_name = name;
    o.block_threshold_bytes = threshold;
    if (stages)
      o.on_stage = [stages](const std::string& s, std::size_t n) { stages->emplace_back(s, n); };
    return import_file(*db, model::ImportKind::payments, dir.write(name, csv).string(), o);
  }
  std::vector<std::string> errors(const std::string& name, const std::string& csv,
                                  std::uintmax_t threshold) {
    auto r = import(name, csv, threshold);
    EXPECT_FALSE(r);
    if (r) return {};
    std::vector<std::string> out{r.error().message()};
    for (const auto& c : r.error().causes()) out.push_back(c.to_string());
    return out;
  }
  std::int64_t blocks() { return *db->payment_blocks().block_payment_count(2022); }
};

std::string fields(const model::Payment& p) {
  return p.unit_code + "|" + std::to_string(p.fiscal_year) + "|" + p.line_code + "|" +
         p.date.to_string() + "|" + std::to_string(p.amount.fen()) + "|" + p.economic_code + "|" +
         p.voucher_number + "|" + p.summary;
}

TEST_F(BlockImportTest, BigFileGivesWhatTheRowPathGives) {
  const std::string csv = big_payments_csv(60000);
  ASSERT_GE(csv.size(), ImportOptions{}.block_threshold_bytes);  // the default takes the block path

  std::vector<std::pair<std::string, std::size_t>> block_stages, row_stages;
  auto by_blocks = import("big.csv", csv, ImportOptions{}.block_threshold_bytes, &block_stages);
  ASSERT_TRUE(by_blocks) << by_blocks.error().to_string();
  EXPECT_EQ(by_blocks->status, ImportStatus::imported);
  EXPECT_EQ(by_blocks->rows, 60000u);
  EXPECT_EQ(by_blocks->record.rows, 60000);
  EXPECT_EQ(by_blocks->record.source_name, "big.csv");
  EXPECT_EQ(blocks(), 60000);

  // The same file through the row path, into a second database.
  testkit::TempDir other;
  auto rows_db = store::open("sqlite:" + other.file("rows.db").string());
  ASSERT_TRUE(rows_db);
  ASSERT_TRUE(import_file(**rows_db, model::ImportKind::budget,
                          dir.write("budget2.csv", k_budget).string()));
  ImportOptions o{.display_name = "big.csv", .block_threshold_bytes = k_rows_only};
  o.on_stage = [&](const std::string& s, std::size_t n) { row_stages.emplace_back(s, n); };
  auto by_rows =
      import_file(**rows_db, model::ImportKind::payments, dir.file("big.csv").string(), o);
  ASSERT_TRUE(by_rows) << by_rows.error().to_string();
  EXPECT_EQ(*(*rows_db)->payment_blocks().block_payment_count(2022), 0);

  // One identity: the same content hash, which is ingest's.
  EXPECT_EQ(by_blocks->record.content_hash, by_rows->record.content_hash);
  auto table = ingest::read_table(dir.file("big.csv").string());
  auto parsed = ingest::parse_rows(*table, model::ImportKind::payments);
  EXPECT_EQ(by_blocks->record.content_hash, ingest::content_hash(parsed->batch));
  // The same progress.
  const std::vector<std::pair<std::string, std::size_t>> want_stages = {
      {"读取", 0}, {"校验", 60000}, {"写入", 60000}};
  EXPECT_EQ(block_stages, want_stages);
  EXPECT_EQ(row_stages, want_stages);

  // Every reader sees every payment, field for field.
  auto a = db->ledger().payments(2022);
  auto b = (*rows_db)->ledger().payments(2022);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->size(), 60000u);
  ASSERT_EQ(b->size(), 60000u);
  std::vector<std::string> fa, fb;
  for (const auto& p : *a) fa.push_back(fields(p));
  for (const auto& p : *b) fb.push_back(fields(p));
  std::sort(fa.begin(), fa.end());
  std::sort(fb.begin(), fb.end());
  EXPECT_EQ(fa, fb);
  EXPECT_TRUE(std::is_sorted(a->begin(), a->end(),
                             [](const auto& x, const auto& y) { return x.date < y.date; }));
  auto unit_only = db->ledger().payments(2022, "BYRD01");
  EXPECT_EQ(unit_only->size(), 60000u);
  EXPECT_TRUE(db->ledger().payments(2022, "XX01")->empty());
  auto va = db->ledger().voucher_numbers("BYRD01", 2022);
  ASSERT_TRUE(va);
  EXPECT_EQ(va->size(), 60000u);
  EXPECT_TRUE(db->ledger().voucher_numbers("BYRD01", 2021)->empty());

  // The same totals in the in-memory ledger.
  auto la = Ledger::load(*db, 2022);
  auto lb = Ledger::load(**rows_db, 2022);
  ASSERT_TRUE(la && lb);
  auto sa = summarize(*la);
  auto sb = summarize(*lb);
  ASSERT_TRUE(sa && sb);
  EXPECT_EQ(la->payments().fen.size(), 60000u);
  EXPECT_EQ(sa->totals.executed, sb->totals.executed);
  EXPECT_NE(sa->totals.executed.fen(), 0);
  EXPECT_EQ(sa->units[0].executed_by_month, sb->units[0].executed_by_month);
}

TEST_F(BlockImportTest, ReimportIsANoOpWhicheverPathAndName) {
  const std::string csv = big_payments_csv(60000);
  auto first = import("big.csv", csv, ImportOptions{}.block_threshold_bytes);
  ASSERT_TRUE(first) << first.error().to_string();
  const auto imports = db->ledger().imports()->size();
  for (std::uintmax_t threshold : {ImportOptions{}.block_threshold_bytes, k_rows_only}) {
    auto again = import("copy.csv", csv, threshold);
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(again->status, ImportStatus::already_imported);
    EXPECT_EQ(again->record.id, first->record.id);
  }
  // The same rows written in GB18030 are the same import.
  auto gb = import("gb.csv", testkit::to_gb18030(csv), ImportOptions{}.block_threshold_bytes);
  ASSERT_TRUE(gb) << gb.error().to_string();
  EXPECT_EQ(gb->status, ImportStatus::already_imported);
  EXPECT_EQ(db->ledger().imports()->size(), imports);
  EXPECT_EQ(blocks(), 60000);
}

TEST_F(BlockImportTest, Gb18030BigFileIsConvertedAndTakesTheBlockPath) {
  const std::string csv = big_payments_csv(60000);
  auto r = import("gb.csv", testkit::to_gb18030(csv), ImportOptions{}.block_threshold_bytes);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(blocks(), 60000);
  auto p = db->ledger().payments(2022);
  std::ptrdiff_t quoted = 0;
  for (auto at = csv.find("\"会议费,第二笔\""); at != std::string::npos;
       at = csv.find("\"会议费,第二笔\"", at + 1))
    ++quoted;
  EXPECT_GT(quoted, 5000);
  EXPECT_EQ(std::count_if(p->begin(), p->end(),
                          [](const auto& x) { return x.summary == "会议费,第二笔"; }),
            quoted);
}

// Every error of EachErrorKindWithItsPlace, with the earlier payment imported by either path
// and the bad file read by either path: the same report.
TEST_F(BlockImportTest, EachErrorKindThroughEitherPath) {
  const std::string bad =
      "单位代码,年度,项目代码,支付日期,支付金额,凭证号\n"
      "XX01,2022,P001,2022-03-01,1,V1\n"
      "BYRD01,2022,P999,2022-03-01,1,V2\n"
      "BYRD01,2022,P001,2022-13-01,1,V3\n"
      "BYRD01,2022,P001,2022-03-01,1.2.3,V4\n"
      "BYRD01,2022,P001,2022-03-01,1,\n"
      "BYRD01,2022,P001,2022-03-01,1,V6\n"
      "BYRD01,2022,P001,2022-03-02,1,V6\n"
      "BYRD01,2022,P001,2022-03-02,1,V9\n"
      "BYRD01,2022,P001,2023-01-02,1,V10\n"
      "BYRD01,,B001,2021-05-02,1,V11\n";
  const std::vector<std::string> want = {
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
  for (std::uintmax_t first : {std::uintmax_t{0}, k_rows_only}) {
    fresh();
    ASSERT_TRUE(import("first.csv",
                       "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,1,V9\n",
                       first));
    EXPECT_EQ(blocks(), first == 0 ? 1 : 0);
    for (std::uintmax_t threshold : {std::uintmax_t{0}, k_rows_only}) {
      auto before = payment_totals();
      EXPECT_EQ(errors("pay.csv", bad, threshold), want)
          << "first by " << first << ", then " << threshold;
      EXPECT_EQ(payment_totals(), before);
    }
  }
}

// Each error alone at row 5,002 of a file read by the block path: the file is rejected whole,
// with the row path's message; without the bad row the same file is imported as blocks.
TEST_F(BlockImportTest, OneBadRowAmongThousands) {
  ASSERT_TRUE(import("first.csv",
                     "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,1,V9\n",
                     k_rows_only));
  const std::string good = big_payments_csv(5000);
  const std::string tail = big_payments_csv(2000, 'H', false);
  struct Case {
    std::string row;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"XX01,2022,P001,2022-03-01,1,,V1,", "big.csv:5002:单位代码: 未知单位代码: \"XX01\""},
      {"BYRD01,2022,P999,2022-03-01,1,,V1,",
       "big.csv:5002:项目代码: 未知项目代码: \"P999\"（单位 BYRD01，2022 年度）"},
      {"BYRD01,2021,B001,2021-03-01,1,,V1,",
       "big.csv:5002:项目代码: 项目 \"B001\" 属于 2022 年度，不是 2021 年度"},
      {"BYRD01,2022,P001,2023-01-02,1,,V1,",
       "big.csv:5002:支付日期: 支付日期 2023-01-02 不在预算年度 2022 内"},
      {"BYRD01,2022,P001,2022-02-30,1,,V1,", "big.csv:5002:支付日期: 不是日期: \"2022-02-30\""},
      {"BYRD01,2022,P001,2022-03-01,12;3,,V1,", "big.csv:5002:支付金额（元）: 不是金额: \"12;3\""},
      {"BYRD01,2022,P001,2022-03-01,1,,,", "big.csv:5002:凭证号: 缺少必填值"},
      {"BYRD01,2022,P001,2022-03-01,1,,V9,", "big.csv:5002:凭证号: 凭证号已导入过: \"V9\""},
      {"BYRD01,2022,P001,2022-03-01,1,,G000007,",
       "big.csv:5002:凭证号: 凭证号重复: \"G000007\"（与第 8 行相同）"},
  };
  for (const auto& c : cases) {
    const std::string csv = good + c.row + "\n" + tail;
    auto got = errors("big.csv", csv, 0);
    ASSERT_GE(got.size(), 2u) << c.want;
    EXPECT_EQ(got[1], c.want);
  }
  EXPECT_EQ(blocks(), 0);
  EXPECT_EQ(payment_totals().first, 1u);
  ASSERT_TRUE(import("big.csv", good + tail, 0));
  EXPECT_EQ(blocks(), 7000);
  EXPECT_EQ(payment_totals().first, 7001u);
}

// A voucher imported by one path is rejected by the other.
TEST_F(BlockImportTest, VouchersOfOnePathAreKnownToTheOther) {
  ASSERT_TRUE(import("big.csv", big_payments_csv(60000), ImportOptions{}.block_threshold_bytes));
  ASSERT_EQ(blocks(), 60000);
  auto got = errors("small.csv",
                    "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,1,"
                    "W1\nBYRD01,P001,2022-03-01,1,G012345\n",
                    k_rows_only);
  const std::vector<std::string> want = {"1 处错误，未导入任何数据",
                                         "small.csv:3:凭证号: 凭证号已导入过: \"G012345\""};
  EXPECT_EQ(got, want);

  fresh();  // rows first, then the big file
  ASSERT_TRUE(import(
      "small.csv", "单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-03-01,1,G050000\n",
      k_rows_only));
  got = errors("big.csv", big_payments_csv(60000), ImportOptions{}.block_threshold_bytes);
  const std::vector<std::string> want_big = {"1 处错误，未导入任何数据",
                                             "big.csv:50001:凭证号: 凭证号已导入过: \"G050000\""};
  EXPECT_EQ(got, want_big);
  EXPECT_EQ(blocks(), 0);
}

// Files written the many ways people write them: the block path reads each exactly as the row
// path does (same payments field for field, same content hash), or leaves it to the row path.
TEST_F(BlockImportTest, TrickyFilesGiveTheSameRowsEitherWay) {
  const std::string h = "单位代码,项目代码,支付日期,支付金额,凭证号,摘要\n";
  struct Case {
    std::string name;
    std::string csv;
    bool blocks;  // whether the block path takes it
  };
  const std::vector<Case> cases = {
      {"bom-crlf",
       "\xEF\xBB\xBF单位代码,项目代码,支付日期,支付金额,凭证号\r\nBYRD01,P001,2022-03-01,1.5,"
       "V1\r\nBYRD01,B001,2022-03-02,2,V2\r\n",
       true},
      {"spaces",
       h + "  BYRD01 , P001 ,2022-03-01 , 1.50 , V1 ,  摘 要 \n\xE3\x80\x80"
           "BYRD01\xE3\x80\x80,P001,2022-03-01,3,V2,\n",
       true},
      {"quotes",
       h + "BYRD01,P001,2022-03-01,\"1,234.50\",V1,\"会议,\"\"第一次\"\"\"\n BYRD01,\"P001\" "
           ",2022-03-01,2,\" V2 \",x\"y\n",
       true},
      {"blank-lines",
       h + "\nBYRD01,P001,2022-03-01,1,V1,\n,,,,,\n   \nBYRD01,P001,2022-03-01,2,V2,a", true},
      {"header-variants",
       "Unit_Code,*项目编码,日期,金额（万元）,支付凭证号,备注,年度\nBYRD01,P001,2022-03-01,0.0123,"
       "V1,x,2022\nBYRD01,P001,2022-03-01,2,V2,y,\n",
       true},
      {"formats",
       h + "BYRD01,P001,2022/3/"
           "5,(12.00),V1,\nBYRD01,P001,2022年3月6日,￥12,V2,\nBYRD01,P001,2022-03-07,-0.5,V3,"
           "\nBYRD01,P001,2022-03-08,007.10,V4,\nBYRD01,P001,2022-03-09,1.,V5,\n",
       true},
      {"short-rows", h + "BYRD01,P001,2022-03-01,1,V1\nBYRD01,P001,2022-03-01,1,V2,x,extra\n",
       true},
      {"tabs", "单位代码\t项目代码\t支付日期\t支付金额\t凭证号\nBYRD01\tP001\t2022-03-01\t1\tV1\n",
       false},
      {"multiline", h + "BYRD01,P001,2022-03-01,1,V1,\"两\n行\"\nBYRD01,P001,2022-03-01,1,V2,\n",
       false},
      {"lone-cr", h + "BYRD01,P001,2022-03-01,1,V1,\rBYRD01,P001,2022-03-01,1,V2,\n", false},
      {"gb18030", testkit::to_gb18030(h + "BYRD01,P001,2022-03-01,1,V1,会议费\n"), true},
      {"years",
       "单位代码,年度,项目代码,支付日期,支付金额,凭证号\nBYRD01,2022,P001,2022-03-01,1,V1\nBYRD01,"
       "2021,P001,2021-03-01,2,V1\n"
       "BYRD01,,P001,2022-03-02,3,V2\nBYRD01,2021,P001,2021-03-02,4,V2\n",
       true},
  };
  for (const auto& c : cases) {
    fresh();
    auto by_blocks = import(c.name + ".csv", c.csv, 0);
    ASSERT_TRUE(by_blocks) << c.name << ": " << by_blocks.error().to_string();
    EXPECT_EQ(blocks() > 0, c.blocks) << c.name;
    std::vector<std::string> a;
    auto pa = db->ledger().payments(2022);
    for (const auto& p : *pa) a.push_back(fields(p));
    fresh();
    auto by_rows = import(c.name + ".csv", c.csv, k_rows_only);
    ASSERT_TRUE(by_rows) << c.name << ": " << by_rows.error().to_string();
    std::vector<std::string> b;
    auto pb = db->ledger().payments(2022);
    for (const auto& p : *pb) b.push_back(fields(p));
    EXPECT_FALSE(b.empty()) << c.name;
    EXPECT_EQ(a, b) << c.name;
    EXPECT_EQ(by_blocks->record.content_hash, by_rows->record.content_hash) << c.name;
    EXPECT_EQ(by_blocks->rows, by_rows->rows) << c.name;
  }
}

TEST_F(BlockImportTest, DryRunChecksAndWritesNothing) {
  ImportOptions o{.dry_run = DryRun::yes};
  auto r = import_file(*db, model::ImportKind::payments,
                       dir.write("big.csv", big_payments_csv(60000)).string(), o);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->status, ImportStatus::checked);
  EXPECT_EQ(r->rows, 60000u);
  EXPECT_EQ(blocks(), 0);
  EXPECT_TRUE(db->ledger().payments(2022)->empty());
}

}  // namespace
}  // namespace jixiao::ledger

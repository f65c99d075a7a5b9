// ingest/bulk_test.cpp — the bulk CSV readers (ingest/bulk.hpp) against ingest's row path:
// the same rows, units, content hash and plan, or "no" wherever the row path would report
// something. The columns reader into the ledger is tested in ledger/ledger_csv_test.cpp.
#include "ingest/bulk.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

#include "ingest/ingest.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::ingest {
namespace {

// The bulk reader and the row path agree on `csv`: both "no", or the same batch.
void expect_same_rows(const std::string& name, const std::string& csv, model::ImportKind kind,
                      bool taken) {
  testkit::TempDir dir;
  const std::string path = dir.write(name, csv).string();
  auto fast = read_checked_rows(path, kind, 2);
  ASSERT_TRUE(fast) << name << ": " << fast.error().to_string();
  auto slow = testkit::row_path(path, kind);
  EXPECT_EQ(fast->has_value(), taken) << name;
  if (!*fast) return;
  ASSERT_TRUE(slow) << name << ": the bulk reader took a file the row path reports";
  const model::ImportBatch& a = **fast;
  EXPECT_EQ(testkit::row_texts(a.units), testkit::row_texts(slow->units)) << name;
  EXPECT_EQ(testkit::row_texts(a.lines), testkit::row_texts(slow->lines)) << name;
  EXPECT_EQ(testkit::row_texts(a.adjustments), testkit::row_texts(slow->adjustments)) << name;
  EXPECT_EQ(a.content_hash, slow->content_hash) << name;
  EXPECT_EQ(a.source_name, slow->source_name) << name;
}

// A generated budget of `units` × `lines` lines (names of some units only on later rows, some
// amounts in 万元 form, fund sources left to the default), about 90 bytes a line.
std::string big_budget_csv(int units, int lines, const char* header = nullptr) {
  std::string csv = header ? header
                           : "单位代码,单位名称,上级单位代码,年度,项目代码,项目名称,支出类型,"
                             "功能分类,经济分类,资金来源,年初预算（元）\n";
  char buf[256];
  for (int u = 1; u <= units; ++u) {
    for (int l = 1; l <= lines; ++l) {
      const bool named = u % 7 != 0 || l > 1;  // every 7th unit named from its second line on
      std::snprintf(buf, sizeof buf, "U%05d,%s,%s,2024,L%02d,项目%d,%s,20101%02d,%s,%s,%d.%02d\n",
                    u, named ? "单位" : "", u % 3 ? "D01" : "", l, l,
                    l % 2 ? "基本支出" : "project", l, l % 4 ? "3010" : "",
                    l % 5 ? "" : "政府性基金", (u * 7919 + l * 104729) % 1000000, (u + l) % 100);
      csv += buf;
    }
  }
  return csv;
}

TEST(BulkRows, BudgetFilesReadAsTheRowPathReadsThem) {
  const std::string big =
      big_budget_csv(400, 25);  // 10,000 lines, ≈ 0.9 MB: read in pieces on two threads
  expect_same_rows("big.csv", big, model::ImportKind::budget, true);
  expect_same_rows("gb.csv", testkit::to_gb18030(big), model::ImportKind::budget, true);
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : big) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  expect_same_rows("bom-crlf.csv", crlf, model::ImportKind::budget, true);
  const std::string h =
      "unit_code,unit_name,fiscal_year,line_code,line_name,kind,function_code,*年初预算(万元)\n";
  expect_same_rows("english-wan.csv",
                   h + "A1,甲,2024,P1,会议,项目,2010104,12.3456\n A1 "
                       ",,2024,\"P2\",\"会议,二\",basic,2010101,0.01\n",
                   model::ImportKind::budget, true);
  expect_same_rows("blank-lines.csv",
                   h + "\nA1,甲,2024,P1,会议,项目,2010104,1\n,,,,,,,\n  \nA2,乙,2024,P1,x,基本,2,2",
                   model::ImportKind::budget, true);
  expect_same_rows("spaces.csv",
                   h + "\xE3\x80\x80"
                       "A1\xE3\x80\x80,甲 ,2024, P1,会议,项目,2010104, 1.50 \n",
                   model::ImportKind::budget, true);
  // Whatever the row path reports, the bulk reader leaves to it.
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"duplicate", h + "A1,甲,2024,P1,a,项目,1,1\nA1,甲,2024,P1,b,项目,1,1\n"},
      {"bad-kind", h + "A1,甲,2024,P1,a,其他,1,1\n"},
      {"bad-year", h + "A1,甲,24,P1,a,项目,1,1\n"},
      {"bad-amount", h + "A1,甲,2024,P1,a,项目,1,1.2.3\n"},
      {"missing-name", h + "A1,甲,2024,P1,,项目,1,1\n"},
      {"missing-unit", h + ",甲,2024,P1,a,项目,1,1\n"},
      {"missing-column",
       "unit_code,unit_name,fiscal_year,line_code,line_name,kind,年初预算\nA1,甲,2024,P1,a,项目,"
       "1\n"},
      {"tabs",
       "unit_code\tfiscal_year\tline_code\tline_name\tkind\tfunction_code\tinitial_"
       "budget\nA1\t2024\tP1\ta\t项目\t1\t1\n"},
      {"multiline", h + "A1,甲,2024,P1,\"两\n行\",项目,1,1\n"},
      {"lone-cr", h + "A1,甲,2024,P1,a,项目,1,1\rA2,甲,2024,P1,a,项目,1,1\n"},
      {"not-text", h + "A1,\xFF\xFF\xFF,2024,P1,a,项目,1,1\n"},
  };
  for (const auto& [name, csv] : refused)
    expect_same_rows(name + ".csv", csv, model::ImportKind::budget, false);
  // A line twice in different pieces of a big file: found across the pieces.
  expect_same_rows("duplicate-far.csv",
                   big + "U00001,单位,,2024,L01,又一次,基本支出,2010101,,,1.00\n",
                   model::ImportKind::budget, false);
}

TEST(BulkRows, AdjustmentFilesReadAsTheRowPathReadsThem) {
  std::string big = "单位代码,年度,项目代码,调整日期,调整金额,文号,调整原因\n";
  char buf[160];
  for (int k = 1; k <= 30000; ++k) {
    std::snprintf(buf, sizeof buf, "U%05d,%s,L%02d,2024-%02d-%02d,%s%d.%02d,财预〔2024〕%d号,%s\n",
                  k % 500, k % 9 ? "2024" : "", k % 20 + 1, k % 12 + 1, k % 28 + 1,
                  k % 5 ? "" : "-", k * 37 % 100000, k % 100, k,
                  k % 3 ? "预算调整" : "\"调减,收回\"");
    big += buf;
  }
  expect_same_rows("adjustments.csv", big, model::ImportKind::adjustments, true);
  expect_same_rows("adjustments-gb.csv", testkit::to_gb18030(big), model::ImportKind::adjustments,
                   true);
  const std::string h = "单位代码,年度,项目代码,日期,金额\n";
  expect_same_rows(
      "formats.csv",
      h + "A1,,P1,2024/3/5,(12.00)\nA1,2024,P1,2024年3月6日,￥12\nA1,2024,P1,2024-03-07,1.\n",
      model::ImportKind::adjustments, true);
  for (const auto& csv : {h + "A1,2023,P1,2024-03-05,1\n", h + "A1,2024,P1,2024-02-30,1\n",
                          h + "A1,2024,,2024-03-05,1\n", h + "A1,2024,P1,2024-03-05,\n"}) {
    expect_same_rows("bad.csv", csv, model::ImportKind::adjustments, false);
  }
  // Kinds this reader does not read: "no", never a guess.
  testkit::TempDir dir;
  auto r = read_checked_rows(dir.write("p.csv", h + "A1,2024,P1,2024-03-05,1\n").string(),
                             model::ImportKind::payments);
  ASSERT_TRUE(r);
  EXPECT_FALSE(*r);
  EXPECT_FALSE(read_checked_rows(dir.file("missing.csv").string(), model::ImportKind::budget));
}

// The block reader's content hash is ingest's, and the blocks hold the row path's payments.
TEST(BulkPayments, BlocksAndContentHashAreTheRowPaths) {
  testkit::TempDir dir;
  const std::string path = dir.write("pay.csv", testkit::payments_csv(80000)).string();
  auto rows = testkit::row_path(path, model::ImportKind::payments);
  ASSERT_TRUE(rows);

  PaymentReadOptions o;
  o.block_rows = 7000;
  o.content_hash = true;
  std::vector<model::PaymentBlock> blocks;
  std::size_t keyed = 0;
  auto read = read_checked_payments(
      path,
      [&](model::PaymentBlock&& b, std::span<const std::uint64_t> keys) {
        EXPECT_EQ(keys.size(), b.size());
        EXPECT_LE(b.size(), o.block_rows);
        keyed += keys.size();
        blocks.push_back(std::move(b));
        return true;
      },
      o);
  ASSERT_TRUE(read) << read.error().to_string();
  ASSERT_TRUE(*read);
  EXPECT_EQ((*read)->rows, 80000u);
  EXPECT_EQ(keyed, 80000u);
  EXPECT_EQ((*read)->content_hash, rows->content_hash);
  PaymentsHasher hasher;
  for (const auto& b : blocks) hasher.add(b);
  EXPECT_EQ(hasher.finish(), rows->content_hash);

  std::vector<std::string> a, b;
  for (const auto& p : rows->payments) {
    a.push_back(p.unit_code + "|" + p.line_code + "|" + std::to_string(p.date.days()) + "|" +
                std::to_string(p.amount.fen()) + "|" + p.economic_code + "|" + p.voucher_number +
                "|" + p.summary);
  }
  for (const auto& blk : blocks) {
    std::string_view vouchers = blk.voucher_numbers;
    for (std::size_t r = 0; r < blk.size(); ++r) {
      const auto nl = vouchers.find('\n');
      std::string entry(vouchers.substr(0, nl));
      vouchers.remove_prefix(nl + 1);
      const auto us = entry.find('\x1f');
      const std::string& key = blk.line_keys[blk.line_index[r]];
      b.push_back(key.substr(0, key.find('\t')) + "|" + key.substr(key.find('\t') + 1) + "|" +
                  std::to_string(blk.date_days[r]) + "|" + std::to_string(blk.amount_fen[r]) + "|" +
                  blk.economic_codes[blk.economic_index[r]] + "|" + entry.substr(0, us) + "|" +
                  (us == std::string::npos ? "" : entry.substr(us + 1)));
    }
  }
  EXPECT_EQ(a, b);

  // Known lines: a payment of any other line makes the reader say no.
  const std::vector<KnownLine> only_b001 = {{2022, "BYRD01", "B001"}, {2022, "BYRD02", "B001"}};
  o.known_lines = &only_b001;
  auto refused = read_checked_payments(
      path, [](model::PaymentBlock&&, std::span<const std::uint64_t>) { return true; }, o);
  ASSERT_TRUE(refused);
  EXPECT_FALSE(*refused);
}

// Payments without a 年度 column, as exports have them: n rows and their total in 分.
std::string export_body(int n, std::int64_t& total_fen) {
  std::string csv = "单位代码,项目代码,支付日期,支付金额,经济分类,凭证号,摘要\n";
  char buf[200];
  total_fen = 0;
  for (int k = 1; k <= n; ++k) {
    const int month = 1 + k * 5 % 12, day = 1 + k * 7 % 28;
    const std::int64_t fen = (k % 13 ? 1 : -1) * (k * 7919LL % 100000 * 100 + k % 100);
    total_fen += fen;
    std::snprintf(buf, sizeof buf, "%s,%s,2022-%02d-%02d,%s%lld.%02lld,%s,X%07d,%s\n",
                  k % 4 ? "BYRD01" : "BYRD02", k % 3 ? "B001" : "P001", month, day,
                  fen < 0 ? "-" : "", static_cast<long long>(std::llabs(fen) / 100),
                  static_cast<long long>(std::llabs(fen) % 100), k % 5 ? "30211" : "", k,
                  k % 11 == 0 ? "\"会议费,第二笔\"" : "");
    csv += buf;
  }
  return csv;
}

std::string yuan_text(std::int64_t fen) { return format_yuan(Money::from_fen(fen)); }

// Title rows (with the year), an export date, trailing blank, 合计 and footer rows: the fast
// path takes the file as the row path does; a 合计 that disagrees or a 小计 is handed over.
TEST(BulkPayments, TitleAndTotalRowsAsTheRowPath) {
  testkit::TempDir dir;
  std::int64_t total = 0;
  const std::string body = export_body(60000, total);
  auto file = [&](const std::string& name, const std::string& total_text,
                  const std::string& extra = {}) {
    return dir
        .write(name, "2022年度国库集中支付明细表,,,,,,\n导出时间：2023-01-05 09:00,,,,,,\n" + body +
                         extra + ",,,,,,\n合计,,,\"" + total_text + "\",,,\n制表人：某某,,,,,,\n")
        .string();
  };
  auto read = [](const std::string& path) {
    PaymentReadOptions o;
    o.content_hash = true;
    return read_checked_payments(
        path, [](model::PaymentBlock&&, std::span<const std::uint64_t>) { return true; }, o);
  };
  const std::string good = file("pay_2022.csv", yuan_text(total));
  EXPECT_EQ(compare_csv_paths(good, model::ImportKind::payments), "");
  auto taken = read(good);
  ASSERT_TRUE(taken && *taken) << "the fast path handed over a title row and a 合计 it can take";
  EXPECT_EQ((*taken)->rows, 60000u);

  const std::string wrong = file("wrong_2022.csv", yuan_text(total + 1));
  auto handed = read(wrong);
  ASSERT_TRUE(handed);
  EXPECT_FALSE(*handed) << "a 合计 that disagrees must go to the row path, which reports it";
  EXPECT_EQ(compare_csv_paths(wrong, model::ImportKind::payments), "");

  const std::string sub = file("sub_2022.csv", yuan_text(total), "小计,,,\"1.00\",,,\n");
  ASSERT_TRUE(read(sub));
  EXPECT_FALSE(*read(sub));
  EXPECT_EQ(compare_csv_paths(sub, model::ImportKind::payments), "");

  // A title year that the file name contradicts: handed over (the row path refuses it).
  const std::string other_year = file("pay_2021.csv", yuan_text(total));
  EXPECT_FALSE(*read(other_year));
  EXPECT_EQ(compare_csv_paths(other_year, model::ImportKind::payments), "");
}

// The plan the fast path reports is the row path's, to the row: header row, title and unit rows,
// blank lines before, inside and after the data (row numbers run on over them), the 合计 checked
// over the rows it covers, the footer, the unit from the unit row, the year from the title.
TEST(BulkPayments, PlanIsTheRowPaths) {
  testkit::TempDir dir;
  std::int64_t total = 0;
  std::string body = export_body(50000, total);
  const std::size_t header_end = body.find('\n') + 1;
  body.insert(header_end, "\n,,,,,,\n");                    // lines 6 and 7: blank
  body.insert(body.find('\n', body.size() / 2) + 1, "\n");  // a blank line among the data
  const std::string path =
      dir.write("pay.csv", "2022年度国库集中支付明细表,,,,,,\n\n金额单位：万元,,,,,,\n" + body +
                               "\n合计,,,\"" + yuan_text(total) + "\",,,\n制表人：某某,,,,,,\n")
          .string();
  EXPECT_EQ(compare_csv_paths(path, model::ImportKind::payments), "");
  PaymentReadOptions o;
  auto fast = read_checked_payments(
      path, [](model::PaymentBlock&&, std::span<const std::uint64_t>) { return true; }, o);
  ASSERT_TRUE(fast && *fast) << "the fast path handed over a file it can take";
  const ingest::ImportPlan& plan = (*fast)->plan;
  // Lines: 1 title, 2 blank, 3 unit, 4 header, 5–6 blank, 7… data with one blank line among
  // them (50,001 lines), a blank line, the 合计, the footer.
  EXPECT_EQ(plan.header_row, 4);
  EXPECT_EQ(plan.amount_unit, "万元");
  EXPECT_EQ(plan.amount_unit_source, "金额单位：万元");
  EXPECT_EQ(plan.year, 2022);
  EXPECT_EQ(plan.year_source, "标题");
  EXPECT_EQ(plan.data_rows, 50000u);
  ASSERT_EQ(plan.totals.size(), 1u);
  EXPECT_EQ(plan.totals[0].row, 50009);
  EXPECT_EQ(plan.totals[0].first_row, 7);
  EXPECT_EQ(plan.totals[0].last_row, 50007);
  EXPECT_EQ(plan.totals[0].rows, 50000);
  EXPECT_EQ(plan.totals[0].computed.fen(), total * 10000);
  EXPECT_TRUE(plan.totals[0].agrees);
  ASSERT_EQ(plan.skipped.size(), 4u);
  EXPECT_EQ(plan.skipped[3].row, 50010);
  EXPECT_EQ(plan.skipped[3].reason, "表尾");
}

// Random edits of a small export: the two paths never disagree (the fuzz target's check, run
// here on a fixed seed).
TEST(BulkPayments, RandomEditsNeverMakeThePathsDisagree) {
  testkit::TempDir dir;
  std::int64_t total = 0;
  const std::string body = export_body(40, total);
  const std::string base = "2022年度支付明细表,,,,,,\n金额单位：元,,,,,,\n" + body +
                           ",,,,,,\n合计,,,\"" + yuan_text(total) + "\",,,\n";
  const std::vector<std::string> pieces = {",",    "\"",   "\n",   "\r\n", " ",    "合计",
                                           "小计", "0",    "9",    "-",    ".",    "\xC0\xAF",
                                           "\xE4", "2023", "万元", "\t",   "注：", ",,,,,,\n"};
  std::mt19937 rng(20221);
  for (int i = 0; i < 300; ++i) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text.erase(at, 1 + rng() % 4);
          break;
        case 1:
          text.insert(at, pieces[rng() % pieces.size()]);
          break;
        default: {
          const std::size_t start =
              text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
          const std::size_t end = text.find('\n', at);
          text.insert(start, text.substr(start, end == std::string::npos ? std::string::npos
                                                                         : end + 1 - start));
        }
      }
    }
    const std::string path = dir.write("edit_2022.csv", text).string();
    EXPECT_EQ(compare_csv_paths(path, model::ImportKind::payments), "") << "edit " << i << ":\n"
                                                                        << text;
  }
}

}  // namespace
}  // namespace jixiao::ingest

// monitor/monitor_store_test.cpp — small generated ledgers give the same totals through the
// store (row tables and bulk column blocks), the in-memory ledger and a plain SQL GROUP BY.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <random>

#include "ledger/importer.hpp"
#include "ledger/ledger.hpp"
#include "monitor/monitor.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::monitor {
namespace {

struct Generated {
  model::ImportBatch budget;
  model::ImportBatch payments;
  std::string payments_csv;
};

Generated generate(unsigned seed, int units, int lines_per_unit, int payments) {
  std::mt19937_64 rng(seed);
  Generated g;
  g.budget.kind = model::ImportKind::budget;
  g.budget.source_name = "budget.csv";
  g.budget.content_hash = "b" + std::to_string(seed);
  for (int u = 0; u < units; ++u) {
    std::string uc = "U" + std::to_string(100 + u);
    g.budget.units.push_back({uc, "单位" + std::to_string(u), ""});
    for (int l = 0; l < lines_per_unit; ++l) {
      g.budget.lines.push_back(
          {uc, 2024, "L" + std::to_string(l), "项目",
           l % 2 ? model::ExpenditureKind::project : model::ExpenditureKind::basic, "2010104",
           "30215", "一般公共预算",
           Money::from_fen(static_cast<std::int64_t>(1 + rng() % 100000000))});
    }
  }
  g.payments.kind = model::ImportKind::payments;
  g.payments.source_name = "payments.csv";
  g.payments.content_hash = "p" + std::to_string(seed);
  g.payments_csv = "单位代码,年度,项目代码,支付日期,支付金额（元）,经济分类,凭证号\n";
  for (int k = 0; k < payments; ++k) {
    const auto& line = g.budget.lines[rng() % g.budget.lines.size()];
    const int month = 1 + static_cast<int>(rng() % 12);
    const int day = 1 + static_cast<int>(rng() % static_cast<unsigned>(days_in_month(2024, month)));
    std::int64_t fen = static_cast<std::int64_t>(rng() % 10000000) - 500000;  // some refunds
    Date d = Date::from_ymd(2024, month, day);
    std::string voucher = "V" + std::to_string(k);
    g.payments.payments.push_back(
        {line.unit_code, 2024, line.code, d, Money::from_fen(fen), "", voucher, ""});
    g.payments_csv += line.unit_code + ",2024," + line.code + "," + d.to_string() + "," +
                      format_yuan(Money::from_fen(fen)) + ",," + voucher + "\n";
  }
  return g;
}

using Sums = std::map<std::string, std::int64_t>;  // "U100|3" → 分, "U100|L2" → 分

void sums_of(const ledger::Ledger& l, const MonitorResult& r, Sums& unit_month, Sums& line) {
  for (const auto& u : r.units) {
    for (int m = 0; m < 12; ++m) {
      auto fen = u.figures.by_month[static_cast<std::size_t>(m)].fen();
      if (fen) unit_month[l.units()[u.unit].code + "|" + std::to_string(m + 1)] = fen;
    }
  }
  for (const auto& ls : r.lines) {
    auto fen = ls.figures.totals.executed.fen();
    if (fen) line[l.lines()[ls.line].unit_code + "|" + l.lines()[ls.line].code] = fen;
  }
}

Sums sql(const std::string& db_path, const char* query) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(db_path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, query, -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  Sums out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    std::string key = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    key += "|";
    key += reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
    if (sqlite3_column_int64(s, 2)) out[key] = sqlite3_column_int64(s, 2);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

TEST(MonitorTotals, StoreRowsBulkBlocksInMemoryAndSqlGroupByAgree) {
  for (unsigned seed : {1u, 2u, 3u}) {
    Generated g = generate(seed, 7, 5, 3000);
    testkit::TempDir dir;
    MonitorOptions options;
    options.as_of = Date::from_ymd(2024, 9, 30);

    // 1. Row tables, through the ordinary import path of the store.
    const std::string rows_db = dir.file("rows.db").string();
    {
      auto store = store::open("sqlite:" + rows_db);
      ASSERT_TRUE(store);
      ASSERT_TRUE((*store)->ledger().write_import(g.budget));
      ASSERT_TRUE((*store)->ledger().write_import(g.payments));
    }
    // 2. Column blocks, through the import path's block reader (forced for this small file).
    auto csv = dir.write("payments.csv", g.payments_csv);
    auto blocks_store = store::open("sqlite:" + dir.file("blocks.db").string());
    ASSERT_TRUE(blocks_store);
    ASSERT_TRUE((*blocks_store)->ledger().write_import(g.budget));
    ledger::ImportOptions as_blocks;
    as_blocks.block_threshold_bytes = 0;
    auto rec =
        ledger::import_file(**blocks_store, model::ImportKind::payments, csv.string(), as_blocks);
    ASSERT_TRUE(rec) << rec.error().to_string();
    EXPECT_EQ(rec->rows, 3000u);
    auto again =
        ledger::import_file(**blocks_store, model::ImportKind::payments, csv.string(), as_blocks);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, ledger::ImportStatus::already_imported);
    auto blocks = (*blocks_store)->payment_blocks().block_payment_count(2024);
    ASSERT_TRUE(blocks);
    EXPECT_EQ(*blocks, 3000);

    // 3. In memory, without a store.
    auto memory =
        ledger::Ledger::build(2024, g.budget.units, g.budget.lines, {}, g.payments.payments);

    auto rows_store = store::open("sqlite:" + rows_db);
    ASSERT_TRUE(rows_store);
    auto from_rows = ledger::Ledger::load(**rows_store, 2024);
    auto from_blocks = ledger::Ledger::load(**blocks_store, 2024);
    ASSERT_TRUE(from_rows && from_blocks);
    EXPECT_EQ(from_blocks->payments().line.size(), 3000u);

    Sums um[3], ln[3];
    const ledger::Ledger* ledgers[] = {&*from_rows, &*from_blocks, &memory};
    for (int i = 0; i < 3; ++i) {
      auto r = run_monitor(*ledgers[i], {}, options);
      ASSERT_TRUE(r);
      sums_of(*ledgers[i], *r, um[i], ln[i]);
    }
    const Sums sql_um = sql(
        rows_db,
        "SELECT u.code, CAST(substr(p.date, 6, 2) AS INTEGER), SUM(p.amount_fen) FROM payments p "
        "JOIN budget_lines l ON l.id = p.line_id JOIN units u ON u.id = l.unit_id "
        "WHERE p.date <= '2024-09-30' GROUP BY 1, 2");
    const Sums sql_ln =
        sql(rows_db,
            "SELECT u.code, l.code, SUM(p.amount_fen) FROM payments p JOIN budget_lines l ON l.id "
            "= p.line_id "
            "JOIN units u ON u.id = l.unit_id WHERE p.date <= '2024-09-30' GROUP BY 1, 2");
    EXPECT_FALSE(sql_um.empty());
    for (int i = 0; i < 3; ++i) {
      EXPECT_EQ(um[i], sql_um) << "unit × month, engine " << i << ", seed " << seed;
      EXPECT_EQ(ln[i], sql_ln) << "line, engine " << i << ", seed " << seed;
    }
  }
}

TEST(LoadSchedule, StoredCurvesAndThatYearsPlans) {
  testkit::TempDir dir;
  auto store = store::open("sqlite:" + dir.file("s.db").string());
  ASSERT_TRUE(store) << store.error().to_string();
  auto empty = load_schedule(**store, 2022);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->curves().empty() && empty->plans().empty());

  ASSERT_TRUE((*store)->schedules().replace_curves({{ScopeKind::unit, "U1", "", {{6, 30, 4000}}}}));
  SpendingPlan p2022{"U1", "B", 2022, {}};
  p2022.months[2] = Money::from_yuan(100);
  SpendingPlan p2021 = p2022;
  p2021.fiscal_year = 2021;
  ASSERT_TRUE((*store)->schedules().replace_spending_plans({p2022, p2021}));

  auto s = load_schedule(**store, 2022);
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_EQ(s->curves().size(), 1u);
  ASSERT_EQ(s->plans().size(), 1u);
  EXPECT_EQ(s->plans()[0].fiscal_year, 2022);
  model::BudgetLine a{
      "U1", 2022, "A", "x", model::ExpenditureKind::project, "", "", "", Money::from_yuan(100)};
  model::BudgetLine b = a;
  b.code = "B";
  EXPECT_EQ(s->expected(a, Date::from_ymd(2022, 6, 30)).basis, ScheduleBasis::unit_curve);
  EXPECT_EQ(s->expected(b, Date::from_ymd(2022, 6, 30)).basis, ScheduleBasis::spending_plan);
  EXPECT_EQ(s->expected(b, Date::from_ymd(2022, 3, 31)).share.percent(2), "100.00");
}

TEST(History, TheThreeYearsBeforeOfThoseStored) {
  EXPECT_EQ(history_years({2023, 2018, 2021, 2019, 2022, 2020, 2021}, 2022),
            (std::vector<int>{2019, 2020, 2021}));
  EXPECT_EQ(history_years({2022}, 2022), std::vector<int>{});
  EXPECT_EQ(history_years({2010, 2020}, 2022), std::vector<int>{2020});

  testkit::TempDir dir;
  auto store = store::open("sqlite:" + dir.file("h.db").string());
  ASSERT_TRUE(store) << store.error().to_string();
  for (int year : {2018, 2019, 2021, 2022}) {
    auto batch = testkit::small_budget_batch();
    batch.source_name = "budget_" + std::to_string(year) + ".csv";
    batch.content_hash = "h" + std::to_string(year);
    for (auto& line : batch.lines) line.fiscal_year = year;
    ASSERT_TRUE((*store)->ledger().write_import(batch));
  }
  auto h = load_history(**store, 2022);
  ASSERT_TRUE(h) << h.error().to_string();
  std::vector<int> years;
  for (const auto& y : h->years) years.push_back(y.fiscal_year);
  std::sort(years.begin(), years.end());
  EXPECT_EQ(years, (std::vector<int>{2019, 2021}));
}

}  // namespace
}  // namespace jixiao::monitor

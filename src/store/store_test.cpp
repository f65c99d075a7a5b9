// store/store_test.cpp — opening, migrating and transactions, on both backends (BackendTest).
#include "store/store.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "store/backend_test.hpp"
#include "store/migrations.hpp"
#include "store/sql/sql_db.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::store {
namespace {

std::unique_ptr<Store> open_ok(const std::string& url, OpenOptions options = {}) {
  auto s = open(url, options);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().to_string());
  return s ? std::move(*s) : nullptr;
}

class StoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(StoreTest);

TEST_P(StoreTest, CreatesAndMigratesToTheLatestVersion) {
  auto store = open_ok(url());
  ASSERT_TRUE(store);
  EXPECT_EQ(store->schema_version().value(), latest_schema_version(url()));
  EXPECT_GE(latest_schema_version(url()), 1);
  EXPECT_EQ(store->url(), url());
  // Both backends have the same migrations, numbered alike.
  EXPECT_EQ(latest_schema_version("sqlite:x.db"), latest_schema_version("postgresql://h/db"));
}

TEST(SqliteStore, BarePathIsSqlite) {
  testkit::TempDir dir;
  auto store = open_ok(dir.file("b.db").string());
  ASSERT_TRUE(store);
  EXPECT_TRUE(std::filesystem::exists(dir.file("b.db")));
}

TEST(StoreUrl, UnknownSchemeIsUnsupported) {
  auto s = open("mysql://localhost/db");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::unsupported);
}

TEST(StoreUrl, PostgresUnreachableNamesTheUrlWithoutThePassword) {
  auto s = open("postgresql://budget:secret@127.0.0.1:1/db?connect_timeout=2");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code(), ErrorCode::storage);
  EXPECT_NE(s.error().message().find("postgresql://budget:***@127.0.0.1:1/db"), std::string::npos)
      << s.error().message();
  EXPECT_EQ(s.error().message().find("secret"), std::string::npos);
  EXPECT_TRUE(is_postgres("postgres://h/db"));
  EXPECT_TRUE(is_postgres("postgresql://h/db"));
  EXPECT_FALSE(is_postgres("sqlite:a.db"));
}

TEST_P(StoreTest, WritesAndReadsAnImport) {
  auto store = open_ok(url());
  ASSERT_TRUE(store);
  auto rec = store->ledger().write_import(testkit::small_budget_batch());
  ASSERT_TRUE(rec) << rec.error().to_string();
  EXPECT_EQ(rec->rows, 2);
  auto lines = store->ledger().budget_lines(2022);
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[1].name, "区人大会议");
  EXPECT_EQ((*lines)[1].kind, model::ExpenditureKind::project);
  EXPECT_EQ((*lines)[0].initial_budget.fen(), 10000);
  EXPECT_EQ(store->ledger().units()->at(0).name, "测试单位");
  EXPECT_EQ(store->ledger().fiscal_years().value(), std::vector<int>{2022});
  EXPECT_TRUE(store->ledger().find_import("hash-budget").value().has_value());
}

TEST_P(StoreTest, AFailedWriteLeavesNothingBehind) {
  auto store = open_ok(url());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->ledger().write_import(testkit::small_budget_batch()));
  model::ImportBatch pay;
  pay.kind = model::ImportKind::payments;
  pay.source_name = "p.csv";
  pay.content_hash = "hash-p";
  model::Payment ok{"U1", 2022, "L1", Date::from_ymd(2022, 3, 1), Money::from_fen(100),
                    "",   "V1", ""};
  model::Payment bad = ok;
  bad.line_code = "NOPE";
  bad.voucher_number = "V2";
  pay.payments = {ok, bad};
  auto r = store->ledger().write_import(pay);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(), "预算项目不存在: U1 2022 NOPE");
  EXPECT_TRUE(store->ledger().payments(2022).value().empty());
  EXPECT_FALSE(store->ledger().find_import("hash-p").value().has_value());
}

TEST_P(StoreTest, SameContentHashIsAConflict) {
  auto store = open_ok(url());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->ledger().write_import(testkit::small_budget_batch()));
  auto again = store->ledger().write_import(testkit::small_budget_batch());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::conflict);
  EXPECT_EQ(store->ledger().budget_lines(2022).value().size(), 2u);
}

// The block importer reads the store between blocks (a new year's vouchers, the file's hash):
// on PostgreSQL such a read ends the open COPY and the next block starts another, in the one
// transaction; every block is kept, and nothing until commit.
model::PaymentBlock block_of(std::vector<std::int64_t> fen, const std::string& first_voucher) {
  model::PaymentBlock b;
  b.fiscal_year = 2022;
  b.line_keys = {"U1\tL1"};
  b.economic_codes = {""};
  for (std::size_t i = 0; i < fen.size(); ++i) {
    b.line_index.push_back(0);
    b.date_days.push_back(Date::from_ymd(2022, 3, 1).days());
    b.amount_fen.push_back(fen[i]);
    b.economic_index.push_back(0);
    b.voucher_numbers += first_voucher + std::to_string(i) + "\n";
  }
  return b;
}

TEST_P(StoreTest, PaymentBlocksInterleaveWithReadsInOneImport) {
  auto store = open_ok(url());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->ledger().write_import(testkit::small_budget_batch()));
  auto writer = store->payment_blocks().begin_payment_blocks();
  ASSERT_TRUE(writer) << writer.error().to_string();
  ASSERT_TRUE((*writer)->add(block_of({100, 200}, "A")));
  int seen = 0;
  ASSERT_TRUE(store->payment_blocks().visit_vouchers(
      2022, [&](std::string_view, std::string_view) { ++seen; }));
  EXPECT_EQ(seen, 2);  // the import's own blocks, inside its transaction
  EXPECT_FALSE(store->ledger().find_import("hash-blocks").value().has_value());
  ASSERT_TRUE((*writer)->add(block_of({300}, "B")));
  ASSERT_TRUE((*writer)->add(block_of({400}, "C")));
  auto record = (*writer)->commit("blocks.csv", "hash-blocks");
  ASSERT_TRUE(record) << record.error().to_string();
  EXPECT_EQ(record->rows, 4);
  writer->reset();
  EXPECT_EQ(store->payment_blocks().block_payment_count(2022).value(), 4);
  std::vector<std::string> vouchers;
  ASSERT_TRUE(store->payment_blocks().visit_vouchers(
      2022, [&](std::string_view, std::string_view v) { vouchers.emplace_back(v); }));
  EXPECT_EQ(vouchers.size(), 4u);
  EXPECT_TRUE(store->ledger().find_import("hash-blocks").value().has_value());

  // Without commit: nothing of it stays, and the connection works on.
  {
    auto abandoned = store->payment_blocks().begin_payment_blocks();
    ASSERT_TRUE(abandoned);
    ASSERT_TRUE((*abandoned)->add(block_of({500}, "D")));
    ASSERT_TRUE(
        store->payment_blocks().visit_vouchers(2022, [](std::string_view, std::string_view) {}));
    ASSERT_TRUE((*abandoned)->add(block_of({600}, "E")));
  }
  EXPECT_EQ(store->payment_blocks().block_payment_count(2022).value(), 4);
}

// One block imported and committed, as the importer writes it.
Result<ImportRecord> import_block(Store& store, const model::PaymentBlock& block) {
  auto writer = store.payment_blocks().begin_payment_blocks();
  if (!writer) return fail(std::move(writer.error()));
  JIXIAO_TRY((*writer)->add(block));
  return (*writer)->commit("block.csv", "hash-block");
}

// A block whose columns do not match its row count (a damaged database) is refused by name on
// each backend's own reader (SQLite: the shared SQL one; PostgreSQL: the binary one).
TEST_P(StoreTest, ABlockWhoseColumnsDoNotMatchItsRowsIsRefused) {
  auto store = open_ok(url());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->ledger().write_import(testkit::small_budget_batch()));
  auto imported = import_block(*store, block_of({100, 200}, "A"));
  ASSERT_TRUE(imported) << imported.error().to_string();
  auto raw = sql::open_database(url());
  ASSERT_TRUE(raw) << raw.error().to_string();
  ASSERT_TRUE((*raw)->exec("UPDATE payment_blocks SET rows = rows + 1"));
  int visited = 0;
  auto read = store->payment_blocks().read_payment_blocks(2022, [&](model::PaymentBlock&&) {
    ++visited;
    return Result<void>{};
  });
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code(), ErrorCode::storage);
  EXPECT_NE(read.error().message().find("支付数据块已损坏"), std::string::npos)
      << read.error().to_string();
  EXPECT_EQ(visited, 0);
}

// A unit of work: the import and its audit entry are kept together or not at all; a store's
// own transaction inside it is a savepoint whose failure undoes only its own writes.
TEST_P(StoreTest, UnitOfWorkCommitsOrRollsBackEverythingInIt) {
  auto store = open_ok(url());
  ASSERT_TRUE(store);
  AuditEntry entry{.user = "zhang",
                   .source = "api",
                   .action = "import.apply",
                   .target = "import:1",
                   .before_json = "null",
                   .after_json = "{}"};
  {
    auto work = store->begin_work();
    ASSERT_TRUE(work) << work.error().to_string();
    ASSERT_TRUE(store->ledger().write_import(testkit::small_budget_batch()));
    ASSERT_TRUE(store->audit().append(entry));
    // Dropped uncommitted: neither the import nor its audit entry stays.
  }
  EXPECT_TRUE(store->ledger().budget_lines(2022).value().empty());
  EXPECT_TRUE(store->audit().entries({}).value().empty());

  auto work = store->begin_work();
  ASSERT_TRUE(work);
  ASSERT_TRUE(store->ledger().write_import(testkit::small_budget_batch()));
  model::ImportBatch pay;  // fails inside: its savepoint is undone, the budget import stays
  pay.kind = model::ImportKind::payments;
  pay.source_name = "p.csv";
  pay.content_hash = "hash-p";
  pay.payments = {
      {"U1", 2022, "NOPE", Date::from_ymd(2022, 3, 1), Money::from_fen(100), "", "V1", ""}};
  ASSERT_FALSE(store->ledger().write_import(pay));
  ASSERT_TRUE(store->audit().append(entry));
  ASSERT_TRUE((*work)->commit());
  EXPECT_EQ(store->ledger().budget_lines(2022).value().size(), 2u);
  EXPECT_FALSE(store->ledger().find_import("hash-p").value().has_value());
  EXPECT_EQ(store->audit().entries({}).value().size(), 1u);
  // Another connection sees the committed rows.
  auto other = open_ok(url());
  ASSERT_TRUE(other);
  EXPECT_EQ(other->ledger().budget_lines(2022).value().size(), 2u);
}

// A database made by every older schema version opens, migrates, and keeps its rows.
TEST_P(StoreTest, OpensADatabaseMadeByAnOlderSchema) {
  int latest = latest_schema_version(url());
  // Every version a database can be at: 0 and each migration's number (numbers are reserved
  // per issue, so there may be gaps while a branch waits for another's migration).
  std::vector<int> versions{0};
  for (const auto& m : postgres() ? postgres::migrations() : sqlite::migrations()) {
    if (m.version < latest) versions.push_back(m.version);
  }
  for (int old_version : versions) {
    testkit::TestDatabase fresh(GetParam());
    ASSERT_TRUE(fresh.available()) << fresh.why();
    const std::string& url = fresh.url();
    {
      OpenOptions options;
      options.migrate = old_version > 0;
      options.migrate_to = old_version;
      auto old = open_ok(url, options);
      ASSERT_TRUE(old);
      EXPECT_EQ(old->schema_version().value(), old_version);
      if (old_version >= 1) {
        ASSERT_TRUE(old->ledger().write_import(testkit::small_budget_batch()));
      }
    }
    auto store = open_ok(url);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schema_version().value(), latest) << "from " << old_version;
    EXPECT_EQ(store->ledger().budget_lines(2022).value().size(), old_version >= 1 ? 2u : 0u);
  }
}

TEST_P(StoreTest, RefusesADatabaseNewerThanTheProgram) {
  { ASSERT_TRUE(open_ok(url())); }
  // Pretend a later jixiao migrated it further.
  ASSERT_TRUE(db().raw_exec(postgres()
                                ? "INSERT INTO schema_migrations VALUES (999, '999_future', '')"
                                : "PRAGMA user_version = 999"));
  auto r = open(url());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::conflict);
}

// Several servers on one PostgreSQL database: a commit on one connection reaches the others'
// change feed (LISTEN/NOTIFY), an uncommitted write does not. SQLite has no feed.
TEST_P(StoreTest, ChangeFeedReportsCommitsOfOtherConnections) {
  auto feed = open_change_feed(url());
  ASSERT_TRUE(feed) << feed.error().to_string();
  if (!postgres()) {
    EXPECT_EQ(*feed, nullptr);
    return;
  }
  ASSERT_NE(*feed, nullptr);
  auto writer = open_store();
  ASSERT_TRUE(writer);
  auto changed_within = [&](int ms) {
    for (int waited = 0; waited < ms; waited += 10) {
      if ((*feed)->changed()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  };
  EXPECT_FALSE(changed_within(100));
  {
    auto work = writer->begin_work();
    ASSERT_TRUE(work);
    ASSERT_TRUE(writer->narratives().set_narrative({"U1", 2022, "profile", "草稿", "", "a"}));
    EXPECT_FALSE(changed_within(200)) << "notified before commit";
    ASSERT_TRUE((*work)->commit());
  }
  EXPECT_TRUE(changed_within(2000));
  EXPECT_FALSE((*feed)->changed()) << "one commit, one change";
  ASSERT_TRUE(writer->ledger().write_import(testkit::small_budget_batch()));
  EXPECT_TRUE(changed_within(2000));
}

}  // namespace
}  // namespace jixiao::store

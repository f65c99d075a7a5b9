// store/sqlite/sqlite_store.cpp — opening, migrating and versioning a SQLite database.
#include "store/sqlite/sqlite_store.hpp"

#include "store/migrations.hpp"

namespace jixiao::store::sqlite {

SqliteStore::SqliteStore(std::unique_ptr<Database> db, std::string url)
    : m_db(std::move(db)), m_url(std::move(url)), m_repos(*m_db) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       const std::string& url,
                                                       const OpenOptions& options) {
  auto db = Database::open(path);
  if (!db) return fail(std::move(db.error()));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(*db), url));
  if (options.migrate) {
    auto migrated = store->migrate(options.migrate_to);
    if (!migrated) return fail(std::move(migrated.error()));
  }
  return store;
}

Result<int> SqliteStore::schema_version() {
  auto stmt = m_db->prepare("PRAGMA user_version");
  if (!stmt) return fail(std::move(stmt.error()));
  auto row = stmt->step();
  if (!row) return fail(std::move(row.error()));
  return static_cast<int>(stmt->column_int(0));
}

namespace {

// BEGIN IMMEDIATE … COMMIT with synchronous=FULL for the commit: a unit of work is a user's
// change through the API, synced to disk before the answer goes back.
class SqliteUnitOfWork final : public UnitOfWork {
 public:
  explicit SqliteUnitOfWork(Database& db) : m_db(db) {}
  ~SqliteUnitOfWork() override {
    if (m_open) (void)m_db.exec("ROLLBACK");
    (void)m_db.exec("PRAGMA synchronous=NORMAL");
  }
  Result<void> begin() {
    JIXIAO_TRY(m_db.exec("PRAGMA synchronous=FULL"));
    JIXIAO_TRY(m_db.exec("BEGIN IMMEDIATE"));
    m_open = true;
    return {};
  }
  Result<void> commit() override {
    JIXIAO_TRY(m_db.exec("COMMIT"));
    m_open = false;
    return {};
  }

 private:
  Database& m_db;
  bool m_open = false;
};

}  // namespace

Result<std::unique_ptr<UnitOfWork>> SqliteStore::begin_work() {
  if (m_db->in_transaction())
    return fail(Error::internal("unit of work inside an open transaction"));
  auto work = std::make_unique<SqliteUnitOfWork>(*m_db);
  JIXIAO_TRY(work->begin());
  return std::unique_ptr<UnitOfWork>(std::move(work));
}

Result<void> SqliteStore::migrate(int target) {
  const auto& all = migrations();
  int latest = all.empty() ? 0 : all.back().version;
  if (target == 0) target = latest;
  auto current = schema_version();
  if (!current) return fail(std::move(current.error()));
  if (*current > latest) {
    return fail(Error::conflict("数据库的结构版本为 " + std::to_string(*current) +
                                "，比本程序支持的 " + std::to_string(latest) +
                                " 新；请升级 jixiao"));
  }
  for (const Migration& m : all) {
    if (m.version <= *current || m.version > target) continue;
    Transaction tx(*m_db);
    JIXIAO_TRY(tx.begin());
    auto applied = m_db->exec(m.sql);
    if (!applied) {
      return fail(
          Error::storage("迁移 " + std::string(m.name) + " 失败: " + applied.error().message()));
    }
    JIXIAO_TRY(
        m_db->exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                   "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    auto log =
        m_db->prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    if (!log) return fail(std::move(log.error()));
    log->bind(1, m.version).bind(2, m.name).bind(3, utc_now());
    JIXIAO_TRY(log->run());
    JIXIAO_TRY(m_db->exec("PRAGMA user_version = " + std::to_string(m.version)));
    JIXIAO_TRY(tx.commit());
  }
  return {};
}

}  // namespace jixiao::store::sqlite

// store/sqlite/sqlite_store.cpp — opening, migrating and versioning a SQLite database.
#include "store/sqlite/sqlite_store.hpp"

#include "store/migrations.hpp"

namespace jixiao::store::sqlite {

SqliteStore::SqliteStore(std::unique_ptr<Database> db, std::string url)
    : SqlStore(std::move(db)), m_url(std::move(url)) {}

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

Result<void> SqliteStore::migrate(int wanted) {
  const auto& all = migrations();
  auto current = schema_version();
  if (!current) return fail(std::move(current.error()));
  auto target = sql::migration_target(all, *current, wanted);
  if (!target) return fail(std::move(target.error()));
  for (const Migration& m : all) {
    if (m.version <= *current || m.version > *target) continue;
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

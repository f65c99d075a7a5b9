// store/postgres/pg_store.cpp — opening, migrating and versioning a PostgreSQL database, and
// the change feed (LISTEN/NOTIFY) that keeps several servers' caches fresh.
#include "store/postgres/pg_store.hpp"

#include <libpq-fe.h>

#include <mutex>
#include <optional>
#include <string>

#include "store/migrations.hpp"

namespace jixiao::store::postgres {
namespace {

// Serialises migrations when several processes open a new database at once (two servers
// starting together): the second waits, then finds the schema current.
constexpr const char* k_migration_lock = "SELECT pg_advisory_xact_lock(7402157)";

// Every table but the session, audit and migration logs NOTIFYs 'jixiao_changes' (payload: the
// table) once per statement that writes it; PostgreSQL delivers it at commit, to every
// listening server. Tables added by later migrations get the trigger too: this runs after each.
constexpr const char* k_change_triggers = R"sql(
CREATE OR REPLACE FUNCTION jixiao_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jixiao_changes', TG_TABLE_NAME);
  RETURN NULL;
END $$;
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
             AND tablename NOT IN ('sessions', 'audit_log', 'schema_migrations') LOOP
    EXECUTE format('CREATE OR REPLACE TRIGGER jixiao_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION jixiao_notify_change()', t);
  END LOOP;
END $$;
)sql";

class PgChangeFeed final : public ChangeFeed {
 public:
  // `replica`: the database the server reads when it is a read replica of the one `db` listens
  // on (the primary); null when the server reads `db` itself.
  PgChangeFeed(std::unique_ptr<Database> db, std::unique_ptr<Database> replica)
      : m_db(std::move(db)), m_replica(std::move(replica)) {}
  Result<void> listen() { return m_db->exec("LISTEN jixiao_changes"); }

  bool changed() override {
    std::lock_guard lock(m_mutex);
    bool any = drain();
    if (!m_replica) return any;
    // The primary's WAL insert position now is past the commit of everything notified so far.
    // (Not pg_current_wal_lsn(), the position written out so far: with synchronous_commit off a
    // commit is notified before its record is written, and the replica would look caught up.)
    if (any) m_wait_for = primary_lsn();
    if (!m_wait_for) return any;
    // Until the replica has replayed that far, what a request reads from it may be older than
    // the change: report a change on every call, so that nothing read meanwhile stays cached.
    if (replica_caught_up(*m_wait_for)) m_wait_for.reset();
    return true;
  }

 private:
  // Reads the notifications that arrived; true when there was one, or when the connection was
  // lost (a failover: whatever was notified meanwhile is gone), after listening again.
  bool drain() {
    PGconn* conn = m_db->handle();
    if (PQstatus(conn) != CONNECTION_OK || PQconsumeInput(conn) == 0) {
      PQreset(conn);
      if (PQstatus(conn) == CONNECTION_OK) (void)listen();
      return true;
    }
    bool any = false;
    while (PGnotify* n = PQnotifies(conn)) {
      any = true;
      PQfreemem(n);
    }
    return any;
  }
  // "0/3000148"; "" when the primary cannot tell, which counts as never caught up (so changes
  // are reported on every call until a later notification brings a position: safe, not fast).
  std::string primary_lsn() {
    auto s = m_db->prepare("SELECT pg_current_wal_insert_lsn()::text");
    if (!s) return {};
    auto row = s->step();
    return row && *row ? s->column_text(0) : std::string();
  }
  bool replica_caught_up(const std::string& lsn) {
    if (lsn.empty()) return false;
    // NULL replay position: `replica` is not in recovery (it is itself a primary): caught up.
    auto s = m_replica->prepare("SELECT COALESCE(pg_last_wal_replay_lsn() >= ?1::pg_lsn, true)");
    if (!s) return false;
    s->bind(1, lsn);
    auto row = s->step();
    return row && *row && s->column_int(0) == 1;
  }

  std::mutex m_mutex;
  std::unique_ptr<Database> m_db;
  std::unique_ptr<Database> m_replica;
  std::optional<std::string> m_wait_for;  // the primary's position the replica must reach
};

}  // namespace

PostgresStore::PostgresStore(std::unique_ptr<Database> db)
    : SqlStore(std::move(db)), m_payment_blocks(*m_db, m_repos.payment_blocks) {}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& url,
                                                           const OpenOptions& options) {
  auto db = Database::open(url);
  if (!db) return fail(std::move(db.error()));
  std::unique_ptr<PostgresStore> store(new PostgresStore(std::move(*db)));
  if (options.migrate) {
    auto migrated = store->migrate(options.migrate_to);
    if (!migrated) return fail(std::move(migrated.error()));
  }
  return store;
}

Result<int> PostgresStore::schema_version() {
  // Two queries: PostgreSQL plans a subquery on a missing table even where it is not evaluated.
  auto exists = m_db->prepare("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (!exists) return fail(std::move(exists.error()));
  auto row = exists->step();
  if (!row) return fail(std::move(row.error()));
  if (exists->column_int(0) == 0) return 0;
  auto s = m_db->prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!s) return fail(std::move(s.error()));
  row = s->step();
  if (!row) return fail(std::move(row.error()));
  return static_cast<int>(s->column_int(0));
}

Result<void> PostgresStore::migrate(int wanted) {
  const auto& all = migrations();
  auto current = schema_version();
  if (!current) return fail(std::move(current.error()));
  auto target = sql::migration_target(all, *current, wanted);
  if (!target) return fail(std::move(target.error()));
  if (*current >= *target) return {};
  sql::Transaction tx(*m_db);
  JIXIAO_TRY(tx.begin());
  JIXIAO_TRY(m_db->exec(k_migration_lock));
  current = schema_version();  // another process may have migrated while this one waited
  if (!current) return fail(std::move(current.error()));
  JIXIAO_TRY(
      m_db->exec("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
                 "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  bool applied_any = false;
  for (const Migration& m : all) {
    if (m.version <= *current || m.version > *target) continue;
    auto applied = m_db->exec(m.sql);
    if (!applied) {
      return fail(
          Error::storage("迁移 " + std::string(m.name) + " 失败: " + applied.error().message()));
    }
    auto log = m_db->prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)");
    if (!log) return fail(std::move(log.error()));
    log->bind(1, m.version).bind(2, m.name).bind(3, sql::utc_now());
    JIXIAO_TRY(log->run());
    applied_any = true;
  }
  if (applied_any) JIXIAO_TRY(m_db->exec(k_change_triggers));
  return tx.commit();
}

Result<std::unique_ptr<ChangeFeed>> open_change_feed(const std::string& url,
                                                     const std::string& primary_url) {
  auto db = Database::open(primary_url.empty() ? url : primary_url);
  if (!db) return fail(std::move(db.error()));
  std::unique_ptr<Database> replica;
  if (!primary_url.empty()) {
    auto r = Database::open(url);
    if (!r) return fail(std::move(r.error()));
    replica = std::move(*r);
  }
  auto feed = std::make_unique<PgChangeFeed>(std::move(*db), std::move(replica));
  JIXIAO_TRY(feed->listen());
  return std::unique_ptr<ChangeFeed>(std::move(feed));
}

}  // namespace jixiao::store::postgres

// store/sqlite/sqlite_db.cpp — RAII over sqlite3.
#include "store/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <memory>

namespace jixiao::store::sqlite {
namespace {

class SqliteCursor final : public sql::Cursor {
 public:
  SqliteCursor(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
  ~SqliteCursor() override { sqlite3_finalize(m_stmt); }

  void bind_int(int index, std::int64_t value) override {
    sqlite3_bind_int64(m_stmt, index, value);
  }
  void bind_double(int index, double value) override { sqlite3_bind_double(m_stmt, index, value); }
  void bind_text(int index, std::string_view value) override {
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  }
  void bind_blob(int index, const void* data, std::size_t size) override {
    sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT);
  }
  void bind_null(int index) override { sqlite3_bind_null(m_stmt, index); }

  Result<bool> step() override {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    if (rc == SQLITE_CONSTRAINT) return fail(Error::conflict(sqlite3_errmsg(m_db)));
    return fail(Error::storage(std::string("SQLite: ") + sqlite3_errmsg(m_db)));
  }
  void reset() override {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
  }

  std::int64_t column_int(int index) const override { return sqlite3_column_int64(m_stmt, index); }
  double column_double(int index) const override { return sqlite3_column_double(m_stmt, index); }
  std::string column_text(int index) const override {
    const unsigned char* text = sqlite3_column_text(m_stmt, index);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index)))
                : std::string();
  }
  std::string_view column_blob(int index) const override {
    const void* data = sqlite3_column_blob(m_stmt, index);
    return data ? std::string_view(static_cast<const char*>(data),
                                   static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index)))
                : std::string_view();
  }
  bool column_is_null(int index) const override {
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
  }
  sql::ColumnType column_type(int index) const override {
    switch (sqlite3_column_type(m_stmt, index)) {
      case SQLITE_NULL:
        return sql::ColumnType::null;
      case SQLITE_INTEGER:
        return sql::ColumnType::integer;
      case SQLITE_FLOAT:
        return sql::ColumnType::real;
      case SQLITE_BLOB:
        return sql::ColumnType::blob;
      default:
        return sql::ColumnType::text;
    }
  }
  int column_count() const override { return sqlite3_column_count(m_stmt); }
  std::string column_name(int index) const override { return sqlite3_column_name(m_stmt, index); }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt;
};

}  // namespace

Database::~Database() { sqlite3_close_v2(m_db); }

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  auto db = std::make_unique<Database>();
  int rc =
      sqlite3_open_v2(path.c_str(), &db->m_db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db->m_db ? sqlite3_errmsg(db->m_db) : "out of memory";
    return fail(Error::storage("无法打开数据库 " + path + ": " + message));
  }
  sqlite3_busy_timeout(db->m_db, 10000);
  // WAL lets readers (the server's dashboards) run beside a writer; NORMAL sync is durable
  // against process crashes and keeps the last transaction at risk only on power loss.
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
    auto r = db->exec(pragma);
    if (!r) return fail(Error::storage("无法打开数据库 " + path + ": " + r.error().message()));
  }
  return db;
}

Result<void> Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string what = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    if (rc == SQLITE_CONSTRAINT) return fail(Error::conflict(what));
    return fail(Error::storage("SQLite: " + what));
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return fail(Error::storage(std::string("SQLite: ") + sqlite3_errmsg(m_db)));
  return Statement(std::make_unique<SqliteCursor>(m_db, stmt));
}

std::int64_t Database::last_insert_rowid() { return sqlite3_last_insert_rowid(m_db); }
std::int64_t Database::changes() const { return sqlite3_changes64(m_db); }
std::string Database::error_message() const { return sqlite3_errmsg(m_db); }
bool Database::in_transaction() const { return sqlite3_get_autocommit(m_db) == 0; }

}  // namespace jixiao::store::sqlite

// store/sqlite/sqlite_db.hpp — a thin RAII layer over the SQLite C API, for the SQLite
// backend's own files only (never included outside store/sqlite/).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace jixiao::store::sqlite {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binds by 1-based index.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_blob(int index, const void* data, std::size_t size);
  Statement& bind_null(int index);

  // Steps once: true when a row is available, false when done.
  Result<bool> step();
  // Steps to completion (for statements without rows).
  Result<void> run();
  // Resets for another execution with new bindings.
  void reset();

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  std::string_view column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  sqlite3* m_db = nullptr;
  sqlite3_stmt* m_stmt = nullptr;
};

class Database {
 public:
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Opens (creating when absent) the file at `path`, in WAL mode with foreign keys on.
  static Result<std::unique_ptr<Database>> open(const std::string& path);

  Result<void> exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const;
  // Rows inserted, updated or deleted by the last statement.
  std::int64_t changes() const;
  std::string error_message() const;
  // Whether a transaction is open on this connection (then Transaction nests as a savepoint).
  bool in_transaction() const;
  sqlite3* handle() const { return m_db; }

 private:
  sqlite3* m_db = nullptr;
};

// A transaction that rolls back unless committed. Inside an open transaction (a unit of work) it
// is a savepoint: its commit releases it into the outer one, its rollback undoes only its own writes.
class Transaction {
 public:
  explicit Transaction(Database& db) : m_db(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  Result<void> begin();  // BEGIN IMMEDIATE: take the write lock up front
  Result<void> commit();

 private:
  Database& m_db;
  bool m_open = false;
  bool m_nested = false;
};

}  // namespace jixiao::store::sqlite

// store/sql/sql_db.hpp — the connection and statement interface the SQL repositories use,
// implemented by the SQLite backend (store/sqlite/sqlite_db.cpp) and the PostgreSQL backend
// (store/postgres/pg_db.cpp). Internal to store/: never included outside it.
//
// The repositories in store/sql/ are written once in the SQL both engines accept: `?1`-style
// parameters (PostgreSQL's connection rewrites them to `$1`), `INSERT … ON CONFLICT`,
// `COALESCE`, no `PRAGMA`, no `last_insert_rowid()` in SQL text. Where the engines truly differ,
// code asks `dialect()`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/result.hpp"

namespace jixiao::store::sql {

enum class Dialect { sqlite, postgres };

// What a result column holds in the current row (for copying rows between databases).
enum class ColumnType { null, integer, real, text, blob };

// One backend's prepared statement with its bindings and current row.
class Cursor {
 public:
  virtual ~Cursor() = default;
  virtual void bind_int(int index, std::int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_blob(int index, const void* data, std::size_t size) = 0;
  virtual void bind_null(int index) = 0;
  virtual Result<bool> step() = 0;
  virtual void reset() = 0;
  virtual std::int64_t column_int(int index) const = 0;
  virtual double column_double(int index) const = 0;
  virtual std::string column_text(int index) const = 0;
  virtual std::string_view column_blob(int index) const = 0;
  virtual bool column_is_null(int index) const = 0;
  virtual ColumnType column_type(int index) const = 0;
  // Columns of the result (after the first step).
  virtual int column_count() const = 0;
  virtual std::string column_name(int index) const = 0;
};

// A statement: bind by 1-based index, step through rows, read 0-based columns.
// Errors: Error::conflict for a constraint violation (unique, check, foreign key),
// Error::storage for anything else.
class Statement {
 public:
  Statement() = default;
  explicit Statement(std::unique_ptr<Cursor> cursor) : m_cursor(std::move(cursor)) {}

  Statement& bind(int index, std::int64_t value) {
    m_cursor->bind_int(index, value);
    return *this;
  }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value) {
    m_cursor->bind_double(index, value);
    return *this;
  }
  Statement& bind(int index, std::string_view value) {
    m_cursor->bind_text(index, value);
    return *this;
  }
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_blob(int index, const void* data, std::size_t size) {
    m_cursor->bind_blob(index, data, size);
    return *this;
  }
  Statement& bind_null(int index) {
    m_cursor->bind_null(index);
    return *this;
  }

  // Steps once: true when a row is available, false when done.
  Result<bool> step() { return m_cursor->step(); }
  // Steps through every row, calling `on_row()` at each (it reads the columns). `on_row` returns
  // void, or Result<void> whose error ends the walk with that error.
  template <class OnRow>
  Result<void> each(OnRow&& on_row) {
    while (true) {
      auto row = step();
      if (!row) return fail(std::move(row.error()));
      if (!*row) return {};
      if constexpr (std::is_void_v<std::invoke_result_t<OnRow&>>) {
        on_row();
      } else {
        JIXIAO_TRY(on_row());
      }
    }
  }
  // Steps to completion (for statements without rows).
  Result<void> run() {
    return each([] {});
  }
  // Resets for another execution with new bindings.
  void reset() { m_cursor->reset(); }

  std::int64_t column_int(int index) const { return m_cursor->column_int(index); }
  double column_double(int index) const { return m_cursor->column_double(index); }
  std::string column_text(int index) const { return m_cursor->column_text(index); }
  std::string_view column_blob(int index) const { return m_cursor->column_blob(index); }
  bool column_is_null(int index) const { return m_cursor->column_is_null(index); }
  ColumnType column_type(int index) const { return m_cursor->column_type(index); }
  int column_count() const { return m_cursor->column_count(); }
  std::string column_name(int index) const { return m_cursor->column_name(index); }

 private:
  std::unique_ptr<Cursor> m_cursor;
};

class Database {
 public:
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;
  // Runs one or more statements without parameters or rows.
  virtual Result<void> exec(std::string_view sql) = 0;
  virtual Result<Statement> prepare(std::string_view sql) = 0;
  // The id the last INSERT into a table with a generated id gave its row, on this connection.
  virtual std::int64_t last_insert_rowid() = 0;
  // Rows inserted, updated or deleted by the last statement.
  virtual std::int64_t changes() const = 0;
  // Whether a transaction is open on this connection (then Transaction nests as a savepoint).
  virtual bool in_transaction() const = 0;
  // The statement that opens a write transaction: SQLite's BEGIN IMMEDIATE takes the write
  // lock up front; PostgreSQL locks rows as it writes them.
  virtual std::string_view begin_statement() const = 0;
};

// A transaction that rolls back unless committed. Inside an open transaction (a unit of work) it
// is a savepoint: its commit releases it into the outer one, its rollback undoes only its own
// writes.
class Transaction {
 public:
  explicit Transaction(Database& db) : m_db(db) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  Result<void> begin();
  Result<void> commit();

 private:
  Database& m_db;
  bool m_open = false;
  bool m_nested = false;
};

// SQLite: synchronous=FULL while a write of its own is open, so that its commit is synced to disk
// before it returns (durable, not only crash-safe), and NORMAL again however the write ends.
// Nothing to do on PostgreSQL (its commits are synced anyway), nor inside an open transaction
// (SQLite refuses to change the level there; a unit of work commits with FULL itself). Declare it
// before the Transaction it covers, so that it is destroyed after the rollback.
class DurableCommit {
 public:
  explicit DurableCommit(Database& db) : m_db(db) {}
  DurableCommit(const DurableCommit&) = delete;
  DurableCommit& operator=(const DurableCommit&) = delete;
  ~DurableCommit();
  Result<void> begin();

 private:
  Database& m_db;
  bool m_changed = false;
};

// A bare connection to the database at `url` (either backend; store.cpp), for whole-database
// work such as copying (transfer.cpp). The schema is not touched: open a Store first.
Result<std::unique_ptr<Database>> open_database(std::string_view url);

// The current UTC time as "2026-11-27T23:59:00Z", for the *_at columns.
std::string utc_now();

}  // namespace jixiao::store::sql

// store/postgres/pg_db.hpp — a libpq connection behind sql::Database, for the PostgreSQL
// backend's own files only (never included outside store/).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/sql/sql_db.hpp"

struct pg_conn;
struct pg_result;

namespace jixiao::store::postgres {

// A PGresult, cleared when dropped.
struct ResultDeleter {
  void operator()(pg_result* r) const;
};
using PgResult = std::unique_ptr<pg_result, ResultDeleter>;

// `url` with its password replaced by "***", for messages.
std::string redact(std::string_view url);

class Database final : public sql::Database {
 public:
  ~Database() override;

  // Connects to `url` (a libpq URI: postgresql://user:pw@host:port/db, several hosts
  // "h1:p1,h2:p2", ?target_session_attrs=read-write …). Error::storage naming the URL
  // (password hidden) and libpq's reason when it cannot.
  static Result<std::unique_ptr<Database>> open(const std::string& url);

  sql::Dialect dialect() const override { return sql::Dialect::postgres; }
  Result<void> exec(std::string_view sql) override;
  Result<sql::Statement> prepare(std::string_view sql) override;
  std::int64_t last_insert_rowid() override;
  std::int64_t changes() const override { return m_changes; }
  bool in_transaction() const override;
  std::string_view begin_statement() const override { return "BEGIN"; }

  // Runs `sql` ($1-style parameters, all text or NULL) and returns its result; `binary`
  // asks for columns in binary format. Reconnects once, when the connection was lost outside a
  // transaction (the failover case: libpq's multi-host URL finds the new primary).
  Result<PgResult> query(const std::string& sql, const std::vector<const char*>& values,
                         const std::vector<int>& lengths, const std::vector<int>& formats,
                         const std::vector<unsigned>& types, bool binary = false);
  // COPY … FROM STDIN in three steps, inside the caller's transaction: start it, send data in
  // pieces, end it (returns the rows copied). While a copy is open the connection runs nothing
  // else; cancel_copy() abandons it (the transaction is then in error and must roll back).
  // A copy that other statements may interleave with (the importer looks up the store between
  // blocks) registers `pause`: it is called, once, before the next other statement and must end
  // the copy; the owner starts a new COPY for its next data (several COPYs, one transaction).
  Result<void> copy_start(const std::string& copy_sql);
  void on_next_statement(std::function<Result<void>()> pause) { m_pause_copy = std::move(pause); }
  Result<void> copy_put(std::string_view data);
  Result<std::int64_t> copy_end();
  void cancel_copy();
  pg_conn* handle() const { return m_conn; }
  const std::string& url() const { return m_url; }
  // Maps the error of `result` (or of the connection) to Error::conflict / Error::storage.
  Error error_of(pg_result* result) const;
  void set_changes(std::int64_t n) { m_changes = n; }

 private:
  Database() = default;
  // Before a statement: ends a pausable copy (on_next_statement).
  Result<void> pause_copy();
  // Before a command: re-makes a lost connection when no transaction was open on it.
  Result<void> ensure_connected();
  // After a command: remembers whether a transaction is open (PostgreSQL cannot say once the
  // connection is gone).
  void note_state();

  pg_conn* m_conn = nullptr;
  bool m_idle = true;  // no transaction open, as of the last command
  std::string m_url;
  std::int64_t m_changes = 0;
  std::function<Result<void>()> m_pause_copy;
};

// "?1 … ?2" (and bare "?") to "$1 … $2"; text in quotes is left alone.
std::string to_dollar_params(std::string_view sql);

}  // namespace jixiao::store::postgres

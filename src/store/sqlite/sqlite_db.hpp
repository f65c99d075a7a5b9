// store/sqlite/sqlite_db.hpp — the SQLite connection behind sql::Database, for the SQLite
// backend's own files only (never included outside store/).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/sql/sql_db.hpp"

struct sqlite3;

namespace jixiao::store::sqlite {

using sql::Statement;
using sql::Transaction;

class Database final : public sql::Database {
 public:
  Database() = default;
  ~Database() override;

  // Opens (creating when absent) the file at `path`, in WAL mode with foreign keys on.
  static Result<std::unique_ptr<Database>> open(const std::string& path);

  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  Result<void> exec(std::string_view sql) override;
  Result<Statement> prepare(std::string_view sql) override;
  std::int64_t last_insert_rowid() override;
  std::int64_t changes() const override;
  bool in_transaction() const override;
  std::string_view begin_statement() const override { return "BEGIN IMMEDIATE"; }
  std::string error_message() const;
  sqlite3* handle() const { return m_db; }

 private:
  sqlite3* m_db = nullptr;
};

}  // namespace jixiao::store::sqlite

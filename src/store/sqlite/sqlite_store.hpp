// store/sqlite/sqlite_store.hpp — the SQLite backend (internal to store/).
#pragma once

#include <memory>
#include <string>

#include "store/sql/sql_stores.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace jixiao::store::sqlite {

class SqliteStore final : public sql::SqlStore<Database> {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const std::string& url,
                                                   const OpenOptions& options);

  Result<int> schema_version() override;
  const std::string& url() const override { return m_url; }

 private:
  SqliteStore(std::unique_ptr<Database> db, std::string url);
  Result<void> migrate(int target);

  std::string m_url;
};

using sql::utc_now;

}  // namespace jixiao::store::sqlite

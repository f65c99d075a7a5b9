// store/sqlite/sqlite_store.hpp — the SQLite backend (internal to store/).
#pragma once

#include <memory>
#include <string>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace jixiao::store::sqlite {

class SqliteLedgerStore final : public LedgerStore {
 public:
  explicit SqliteLedgerStore(Database& db) : m_db(db) {}

  Result<std::vector<model::Unit>> units() override;
  Result<std::vector<int>> fiscal_years() override;
  Result<std::vector<model::BudgetLine>> budget_lines(int fiscal_year, const std::string& unit_code) override;
  Result<std::vector<model::Adjustment>> adjustments(int fiscal_year, const std::string& unit_code) override;
  Result<std::vector<model::Payment>> payments(int fiscal_year, const std::string& unit_code) override;
  Result<LedgerKeys> keys() override;
  Result<std::vector<std::string>> voucher_numbers(const std::string& unit_code, int fiscal_year) override;
  Result<std::optional<ImportRecord>> find_import(const std::string& content_hash) override;
  Result<std::vector<ImportRecord>> imports() override;
  Result<ImportRecord> write_import(const model::ImportBatch& batch) override;

 private:
  Database& m_db;
};

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const std::string& url,
                                                   const OpenOptions& options);

  LedgerStore& ledger() override { return *m_ledger; }
  Result<int> schema_version() override;
  const std::string& url() const override { return m_url; }

 private:
  SqliteStore(std::unique_ptr<Database> db, std::string url);
  Result<void> migrate(int target);

  std::unique_ptr<Database> m_db;
  std::string m_url;
  std::unique_ptr<SqliteLedgerStore> m_ledger;
};

// The current UTC time as "2026-11-27T23:59:00Z", for the *_at columns.
std::string utc_now();

}  // namespace jixiao::store::sqlite

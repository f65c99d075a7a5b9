// store/sqlite/sqlite_store.hpp — the SQLite backend (internal to store/).
#pragma once

#include <memory>
#include <string>

#include "store/sqlite/sqlite_db.hpp"
#include "store/sqlite/sqlite_evaluation_store.hpp"
#include "store/sqlite/sqlite_narrative_store.hpp"
#include "store/sqlite/sqlite_payment_block_store.hpp"
#include "store/sqlite/sqlite_schedule_store.hpp"
#include "store/sqlite/sqlite_indicator_store.hpp"
#include "store/sqlite/sqlite_server_stores.hpp"
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
  Result<std::vector<model::Commitment>> commitments(int fiscal_year, const std::string& unit_code) override;
  Result<LedgerKeys> keys() override;
  Result<std::vector<std::string>> voucher_numbers(const std::string& unit_code, int fiscal_year) override;
  Result<std::optional<ImportRecord>> find_import(const std::string& content_hash) override;
  Result<std::vector<ImportRecord>> imports() override;
  Result<std::vector<std::int64_t>> import_ids_of_units(const std::vector<std::string>& unit_codes) override;
  Result<ImportRecord> write_import(const model::ImportBatch& batch) override;
  Result<std::int64_t> write_commitments(const std::vector<model::Commitment>& rows) override;

 private:
  Database& m_db;
};

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const std::string& url,
                                                   const OpenOptions& options);

  LedgerStore& ledger() override { return *m_ledger; }
  PaymentBlockStore& payment_blocks() override { return *m_payment_blocks; }
  NarrativeStore& narratives() override { return *m_narratives; }
  ScheduleStore& schedules() override { return *m_schedules; }
  IndicatorStore& indicators() override { return *m_indicators; }
  UserStore& users() override { return *m_users; }
  AuditStore& audit() override { return *m_audit; }
  WorkflowStore& workflow() override { return *m_workflow; }
  EvaluationStore& evaluations() override { return *m_evaluations; }
  Result<std::unique_ptr<UnitOfWork>> begin_work() override;
  Result<int> schema_version() override;
  const std::string& url() const override { return m_url; }

 private:
  SqliteStore(std::unique_ptr<Database> db, std::string url);
  Result<void> migrate(int target);

  std::unique_ptr<Database> m_db;
  std::string m_url;
  std::unique_ptr<SqliteLedgerStore> m_ledger;
  std::unique_ptr<SqlitePaymentBlockStore> m_payment_blocks;
  std::unique_ptr<SqliteNarrativeStore> m_narratives;
  std::unique_ptr<SqliteScheduleStore> m_schedules;
  std::unique_ptr<SqliteIndicatorStore> m_indicators;
  std::unique_ptr<SqliteUserStore> m_users;
  std::unique_ptr<SqliteAuditStore> m_audit;
  std::unique_ptr<SqliteWorkflowStore> m_workflow;
  std::unique_ptr<SqliteEvaluationStore> m_evaluations;
};

// The current UTC time as "2026-11-27T23:59:00Z", for the *_at columns.
std::string utc_now();

}  // namespace jixiao::store::sqlite

// store/sql/sql_stores.hpp — every repository written in SQL, over one connection: what a
// backend's Store hands out. A backend may replace one (PostgreSQL's payment blocks use COPY).
// A new repository is added here once and both backends have it.
#pragma once

#include <memory>
#include <vector>

#include "store/ledger_store.hpp"
#include "store/migrations.hpp"
#include "store/sql/sql_congress_store.hpp"
#include "store/sql/sql_db.hpp"
#include "store/sql/sql_evaluation_store.hpp"
#include "store/sql/sql_import_profile_store.hpp"
#include "store/sql/sql_indicator_store.hpp"
#include "store/sql/sql_narrative_store.hpp"
#include "store/sql/sql_payment_block_store.hpp"
#include "store/sql/sql_schedule_store.hpp"
#include "store/sql/sql_server_stores.hpp"
#include "store/store.hpp"

namespace jixiao::store::sql {

class SqlLedgerStore final : public LedgerStore {
 public:
  explicit SqlLedgerStore(Database& db) : m_db(db) {}

  Result<std::vector<model::Unit>> units() override;
  Result<std::vector<int>> fiscal_years() override;
  Result<std::vector<model::BudgetLine>> budget_lines(int fiscal_year,
                                                      const std::string& unit_code) override;
  Result<std::vector<model::Adjustment>> adjustments(int fiscal_year,
                                                     const std::string& unit_code) override;
  Result<std::vector<model::Payment>> payments(int fiscal_year,
                                               const std::string& unit_code) override;
  Result<std::vector<model::Commitment>> commitments(int fiscal_year,
                                                     const std::string& unit_code) override;
  Result<LedgerKeys> keys() override;
  Result<std::vector<std::string>> voucher_numbers(const std::string& unit_code,
                                                   int fiscal_year) override;
  Result<std::optional<ImportRecord>> find_import(const std::string& content_hash) override;
  Result<std::vector<ImportRecord>> imports() override;
  Result<std::vector<std::int64_t>> import_ids_of_units(
      const std::vector<std::string>& unit_codes) override;
  Result<ImportRecord> write_import(const model::ImportBatch& batch) override;
  Result<std::int64_t> write_commitments(const std::vector<model::Commitment>& rows) override;

 private:
  Database& m_db;
};

// The repositories of one connection.
struct Repositories {
  explicit Repositories(Database& db)
      : ledger(db),
        payment_blocks(db),
        narratives(db),
        schedules(db),
        indicators(db),
        users(db),
        audit(db),
        workflow(db),
        evaluations(db),
        congress(db),
        import_profiles(db) {}
  SqlLedgerStore ledger;
  SqlPaymentBlockStore payment_blocks;
  SqlNarrativeStore narratives;
  SqlScheduleStore schedules;
  SqlIndicatorStore indicators;
  SqlUserStore users;
  SqlAuditStore audit;
  SqlWorkflowStore workflow;
  SqlEvaluationStore evaluations;
  SqlCongressStore congress;
  SqlImportProfileStore import_profiles;
};

// A unit of work on `db` (Store::begin_work): a transaction, committed durably (DurableCommit).
// Error::internal inside an open transaction: a unit of work is the outermost one.
Result<std::unique_ptr<UnitOfWork>> begin_unit_of_work(Database& db);

// The version a migration to `target` (0: the latest of `all`) reaches from `current`;
// Error::conflict when the database is newer than this program.
Result<int> migration_target(const std::vector<Migration>& all, int current, int target);

// What both backends' Store share: the repositories over its one connection and the unit of
// work. `Db` is the backend's connection (sqlite::Database, postgres::Database), owned here so
// that the repositories can be built on it before the backend's own members.
template <class Db>
class SqlStore : public Store {
 public:
  LedgerStore& ledger() final { return m_repos.ledger; }
  PaymentBlockStore& payment_blocks() override { return m_repos.payment_blocks; }
  NarrativeStore& narratives() final { return m_repos.narratives; }
  ScheduleStore& schedules() final { return m_repos.schedules; }
  IndicatorStore& indicators() final { return m_repos.indicators; }
  UserStore& users() final { return m_repos.users; }
  AuditStore& audit() final { return m_repos.audit; }
  WorkflowStore& workflow() final { return m_repos.workflow; }
  EvaluationStore& evaluations() final { return m_repos.evaluations; }
  CongressStore& congress() final { return m_repos.congress; }
  ImportProfileStore& import_profiles() final { return m_repos.import_profiles; }
  Result<std::unique_ptr<UnitOfWork>> begin_work() final { return begin_unit_of_work(*m_db); }

 protected:
  explicit SqlStore(std::unique_ptr<Db> db) : m_db(std::move(db)), m_repos(*m_db) {}

  std::unique_ptr<Db> m_db;
  Repositories m_repos;
};

}  // namespace jixiao::store::sql

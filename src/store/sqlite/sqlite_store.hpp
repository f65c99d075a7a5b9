// store/sqlite/sqlite_store.hpp — the SQLite backend (internal to store/).
#pragma once

#include <memory>
#include <string>

#include "store/sql/sql_stores.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"

namespace jixiao::store::sqlite {

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const std::string& url,
                                                   const OpenOptions& options);

  LedgerStore& ledger() override { return m_repos.ledger; }
  PaymentBlockStore& payment_blocks() override { return m_repos.payment_blocks; }
  NarrativeStore& narratives() override { return m_repos.narratives; }
  ScheduleStore& schedules() override { return m_repos.schedules; }
  IndicatorStore& indicators() override { return m_repos.indicators; }
  UserStore& users() override { return m_repos.users; }
  AuditStore& audit() override { return m_repos.audit; }
  WorkflowStore& workflow() override { return m_repos.workflow; }
  EvaluationStore& evaluations() override { return m_repos.evaluations; }
  CongressStore& congress() override { return m_repos.congress; }
  ImportProfileStore& import_profiles() override { return m_repos.import_profiles; }
  Result<std::unique_ptr<UnitOfWork>> begin_work() override;
  Result<int> schema_version() override;
  const std::string& url() const override { return m_url; }

 private:
  SqliteStore(std::unique_ptr<Database> db, std::string url);
  Result<void> migrate(int target);

  std::unique_ptr<Database> m_db;
  std::string m_url;
  sql::Repositories m_repos;
};

using sql::utc_now;

}  // namespace jixiao::store::sqlite

// store/postgres/pg_store.hpp — the PostgreSQL backend (internal to store/).
#pragma once

#include <memory>
#include <string>

#include "store/postgres/pg_db.hpp"
#include "store/postgres/pg_payment_block_store.hpp"
#include "store/sql/sql_stores.hpp"
#include "store/store.hpp"

namespace jixiao::store::postgres {

class PostgresStore final : public Store {
 public:
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& url,
                                                     const OpenOptions& options);

  LedgerStore& ledger() override { return m_repos.ledger; }
  PaymentBlockStore& payment_blocks() override { return m_payment_blocks; }
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
  const std::string& url() const override { return m_db->url(); }

 private:
  explicit PostgresStore(std::unique_ptr<Database> db);
  Result<void> migrate(int target);

  std::unique_ptr<Database> m_db;
  sql::Repositories m_repos;
  PgPaymentBlockStore m_payment_blocks;
};

// The feed of committed changes: LISTEN on the channel the tables' triggers NOTIFY.
// store::open_change_feed for PostgreSQL; `primary_url` empty: listen on `url` itself.
Result<std::unique_ptr<ChangeFeed>> open_change_feed(const std::string& url,
                                                     const std::string& primary_url);

}  // namespace jixiao::store::postgres

// store/postgres/pg_store.hpp — the PostgreSQL backend (internal to store/).
#pragma once

#include <memory>
#include <string>

#include "store/postgres/pg_db.hpp"
#include "store/postgres/pg_payment_block_store.hpp"
#include "store/sql/sql_stores.hpp"
#include "store/store.hpp"

namespace jixiao::store::postgres {

class PostgresStore final : public sql::SqlStore<Database> {
 public:
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& url,
                                                     const OpenOptions& options);

  // Binary COPY instead of the shared INSERTs.
  PaymentBlockStore& payment_blocks() override { return m_payment_blocks; }
  Result<int> schema_version() override;
  const std::string& url() const override { return m_db->url(); }

 private:
  explicit PostgresStore(std::unique_ptr<Database> db);
  Result<void> migrate(int target);

  PgPaymentBlockStore m_payment_blocks;
};

// The feed of committed changes: LISTEN on the channel the tables' triggers NOTIFY.
// store::open_change_feed for PostgreSQL; `primary_url` empty: listen on `url` itself.
Result<std::unique_ptr<ChangeFeed>> open_change_feed(const std::string& url,
                                                     const std::string& primary_url);

}  // namespace jixiao::store::postgres

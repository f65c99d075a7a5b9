// store/sqlite/sqlite_payment_block_store.hpp — payment column blocks in SQLite (internal to store/).
#pragma once

#include "store/payment_block_store.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace jixiao::store::sqlite {

class SqlitePaymentBlockStore final : public PaymentBlockStore {
 public:
  explicit SqlitePaymentBlockStore(Database& db) : m_db(db) {}

  Result<ImportRecord> write_payment_blocks(const std::string& source_name, const std::string& content_hash,
                                            const std::vector<PaymentBlock>& blocks) override;
  Result<void> read_payment_blocks(int fiscal_year, const std::function<Result<void>(PaymentBlock&&)>& visit) override;
  Result<std::int64_t> block_payment_count(int fiscal_year) override;

 private:
  Database& m_db;
};

}  // namespace jixiao::store::sqlite

// store/postgres/pg_payment_block_store.hpp — payment column blocks on PostgreSQL: written
// with binary COPY, read back as binary columns one block per query (internal to store/).
// The row readers (row_payments, visit_vouchers, counts) are the shared SQL ones.
#pragma once

#include "store/payment_block_store.hpp"
#include "store/postgres/pg_db.hpp"
#include "store/sql/sql_payment_block_store.hpp"

namespace jixiao::store::postgres {

class PgPaymentBlockStore final : public PaymentBlockStore {
 public:
  PgPaymentBlockStore(Database& db, sql::SqlPaymentBlockStore& rows) : m_db(db), m_rows(rows) {}

  Result<std::unique_ptr<PaymentBlockWriter>> begin_payment_blocks() override;
  Result<void> read_payment_blocks(
      int fiscal_year, const std::function<Result<void>(model::PaymentBlock&&)>& visit) override;
  Result<std::int64_t> block_payment_count(int fiscal_year) override {
    return m_rows.block_payment_count(fiscal_year);
  }
  Result<std::vector<model::Payment>> row_payments(int fiscal_year) override {
    return m_rows.row_payments(fiscal_year);
  }
  Result<void> visit_vouchers(int fiscal_year,
                              const std::function<void(std::string_view unit_code,
                                                       std::string_view voucher)>& visit) override {
    return m_rows.visit_vouchers(fiscal_year, visit);
  }

 private:
  Database& m_db;
  sql::SqlPaymentBlockStore& m_rows;
};

}  // namespace jixiao::store::postgres

// store/sql/sql_payment_block_store.hpp — payment column blocks in SQL (both backends) (internal to
// store/).
#pragma once

#include "store/payment_block_store.hpp"
#include "store/sql/sql_db.hpp"

namespace jixiao::store::sql {

class SqlPaymentBlockStore final : public PaymentBlockStore {
 public:
  explicit SqlPaymentBlockStore(Database& db) : m_db(db) {}

  Result<std::unique_ptr<PaymentBlockWriter>> begin_payment_blocks() override;
  Result<void> read_payment_blocks(
      int fiscal_year, const std::function<Result<void>(model::PaymentBlock&&)>& visit) override;
  Result<std::int64_t> block_payment_count(int fiscal_year) override;
  Result<std::vector<model::Payment>> row_payments(int fiscal_year) override;
  Result<void> visit_vouchers(int fiscal_year,
                              const std::function<void(std::string_view unit_code,
                                                       std::string_view voucher)>& visit) override;

 private:
  Database& m_db;
};

// Blocks of `fiscal_year` in the order written; with `vouchers`, the voucher/summary column too.
Result<void> read_blocks(Database& db, int fiscal_year, bool vouchers,
                         const std::function<Result<void>(model::PaymentBlock&&)>& visit);
// Payments of `fiscal_year` kept as rows (all units when `unit_code` is empty), ordered by date
// (sql_ledger_store.cpp).
Result<std::vector<model::Payment>> read_row_payments(Database& db, int fiscal_year,
                                                      const std::string& unit_code);
// The payments of a block as rows (unit_code empty: all units).
void append_block_payments(const model::PaymentBlock& block, const std::string& unit_code,
                           std::vector<model::Payment>& out);

}  // namespace jixiao::store::sql

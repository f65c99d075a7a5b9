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
// The block-writing steps both backends share (PostgreSQL writes the blocks themselves by binary
// COPY, postgres/pg_payment_block_store.cpp; the rest of an import is the same SQL):
//
// The import-log row, inserted first under a unique `pending_hash` (payment_blocks refers to it);
// its id.
Result<std::int64_t> begin_block_import(Database& db, std::string_view pending_hash);
// The import-log row given its real hash and row count, at commit; Error::conflict naming
// `source_name` when the same content was imported before.
Result<ImportRecord> finish_block_import(Database& db, std::int64_t id, std::int64_t rows,
                                         const std::string& source_name,
                                         const std::string& content_hash);
// A block's string table (line keys, economic codes) as stored: each entry ended by '\n'.
std::string join_lines(const std::vector<std::string>& items);
std::vector<std::string> split_lines(std::string_view blob);

// One payment_blocks row as read back, each per-row column the machine's array of `rows` values.
struct StoredBlock {
  std::int64_t rows = 0;
  std::string_view line_keys, economic_codes, line_index, date_days, amount_fen, economic_index;
};
// The block `stored` holds; Error::storage when a column's length does not match `rows`.
Result<model::PaymentBlock> decode_block(int fiscal_year, const StoredBlock& stored);

// The payments of a block as rows (unit_code empty: all units).
void append_block_payments(const model::PaymentBlock& block, const std::string& unit_code,
                           std::vector<model::Payment>& out);

}  // namespace jixiao::store::sql

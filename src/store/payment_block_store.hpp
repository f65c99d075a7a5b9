// store/payment_block_store.hpp — payments kept as column blocks: the bulk path for big
// ledgers (millions of payments a year), beside the row-per-payment tables of LedgerStore.
//
// A block (model::PaymentBlock) holds up to a million payments of one fiscal year. Writing is
// one transaction with the import-log record, durable (synced) when it returns. Big payment CSVs
// imported through ledger::import_file land here; LedgerStore::payments() and voucher_numbers()
// read rows and blocks together, and Ledger::load reads the rows (row_payments) and the blocks as
// columns, so every reader sees every payment.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "model/payment_block.hpp"
#include "store/ledger_store.hpp"

namespace jixiao::store {

// One import of blocks in one open transaction: blocks are added while the file is still being
// read, and the import exists only once commit() returns (synced to disk). Destroying the
// writer without commit() rolls everything back.
class PaymentBlockWriter {
 public:
  virtual ~PaymentBlockWriter() = default;
  // Writes `block` (inside the transaction; invisible to other connections until commit).
  virtual Result<void> add(const model::PaymentBlock& block) = 0;
  // Records the import (kind payments) with its name and content hash and commits.
  // Error::conflict when `content_hash` was imported already (nothing written).
  virtual Result<ImportRecord> commit(const std::string& source_name,
                                      const std::string& content_hash) = 0;
};

class PaymentBlockStore {
 public:
  virtual ~PaymentBlockStore() = default;

  // Starts an import of blocks: takes the write lock and opens the transaction.
  virtual Result<std::unique_ptr<PaymentBlockWriter>> begin_payment_blocks() = 0;

  // Calls `visit` with each block of `fiscal_year`, in the order written. Voucher numbers are
  // not read (the ledger does not keep them). Stops at, and returns, the first error.
  virtual Result<void> read_payment_blocks(
      int fiscal_year, const std::function<Result<void>(model::PaymentBlock&&)>& visit) = 0;
  // Payments in blocks of `fiscal_year` (0 when none).
  virtual Result<std::int64_t> block_payment_count(int fiscal_year) = 0;

  // Payments of `fiscal_year` kept as rows only (not in blocks), ordered by date — for
  // readers that take the blocks as columns (Ledger::load).
  virtual Result<std::vector<model::Payment>> row_payments(int fiscal_year) = 0;
  // Calls `visit(unit_code, voucher_number)` for every payment of `fiscal_year`, rows and blocks.
  virtual Result<void> visit_vouchers(
      int fiscal_year,
      const std::function<void(std::string_view unit_code, std::string_view voucher)>& visit) = 0;
};

}  // namespace jixiao::store

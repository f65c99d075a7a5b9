// store/payment_block_store.hpp — payments kept as column blocks: the bulk path for big
// ledgers (millions of payments a year), beside the row-per-payment tables of LedgerStore.
//
// A block holds up to a million payments of one fiscal year, each column an array, with its
// own dictionaries of line keys and economic codes. Writing is one transaction with the
// import-log record, durable (synced) when it returns. Big payment CSVs imported through
// ledger::import_file land here; LedgerStore::payments() and voucher_numbers() read rows and
// blocks together, and Ledger::load reads the rows (row_payments) and the blocks as columns,
// so every reader sees every payment.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/ledger_store.hpp"

namespace jixiao::store {

struct PaymentBlock {
  int fiscal_year = 0;
  std::vector<std::string> line_keys;       // unit_code + '\t' + line_code
  std::vector<std::string> economic_codes;  // "" = the line's own
  std::vector<std::uint32_t> line_index;    // per row, into line_keys
  std::vector<std::int32_t> date_days;      // per row, Date::days()
  std::vector<std::int64_t> amount_fen;     // per row
  std::vector<std::uint16_t> economic_index;  // per row, into economic_codes
  // One entry per row, each ended by '\n': the voucher number, then '\x1f' and the summary
  // when the payment has one. Empty when not kept.
  std::string voucher_numbers;

  std::size_t size() const { return amount_fen.size(); }
};

// One import of blocks in one open transaction: blocks are added while the file is still being
// read, and the import exists only once commit() returns (synced to disk). Destroying the
// writer without commit() rolls everything back.
class PaymentBlockWriter {
 public:
  virtual ~PaymentBlockWriter() = default;
  // Writes `block` (inside the transaction; invisible to other connections until commit).
  virtual Result<void> add(const PaymentBlock& block) = 0;
  // Records the import (kind payments) with its name and content hash and commits.
  // Error::conflict when `content_hash` was imported already (nothing written).
  virtual Result<ImportRecord> commit(const std::string& source_name, const std::string& content_hash) = 0;
};

class PaymentBlockStore {
 public:
  virtual ~PaymentBlockStore() = default;

  // Starts an import of blocks: takes the write lock and opens the transaction.
  virtual Result<std::unique_ptr<PaymentBlockWriter>> begin_payment_blocks() = 0;

  // Calls `visit` with each block of `fiscal_year`, in the order written. Voucher numbers are
  // not read (the ledger does not keep them). Stops at, and returns, the first error.
  virtual Result<void> read_payment_blocks(int fiscal_year, const std::function<Result<void>(PaymentBlock&&)>& visit) = 0;
  // Payments in blocks of `fiscal_year` (0 when none).
  virtual Result<std::int64_t> block_payment_count(int fiscal_year) = 0;

  // Payments of `fiscal_year` kept as rows only (not in blocks), ordered by date — for
  // readers that take the blocks as columns (Ledger::load).
  virtual Result<std::vector<model::Payment>> row_payments(int fiscal_year) = 0;
  // Calls `visit(unit_code, voucher_number)` for every payment of `fiscal_year`, rows and blocks.
  virtual Result<void> visit_vouchers(int fiscal_year,
                                      const std::function<void(std::string_view unit_code, std::string_view voucher)>& visit) = 0;
};

}  // namespace jixiao::store

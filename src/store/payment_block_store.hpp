// store/payment_block_store.hpp — payments kept as column blocks: the bulk path for big
// ledgers (millions of payments a year), beside the row-per-payment tables of LedgerStore.
//
// A block holds up to a million payments of one fiscal year, each column an array, with its
// own dictionaries of line keys and economic codes. Writing is one transaction with the
// import-log record, durable (synced) when it returns. Ledger::load reads both the rows and
// the blocks, so every engine sees every payment.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
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
  std::string voucher_numbers;              // '\n'-joined, one per row; empty when not kept

  std::size_t size() const { return amount_fen.size(); }
};

class PaymentBlockStore {
 public:
  virtual ~PaymentBlockStore() = default;

  // Writes `blocks` and one import-log record (kind payments) in one transaction, synced to
  // disk before returning. Error::conflict when `content_hash` was imported already;
  // Error::not_found naming the first line key with no budget line of its year (nothing written).
  virtual Result<ImportRecord> write_payment_blocks(const std::string& source_name, const std::string& content_hash,
                                                    const std::vector<PaymentBlock>& blocks) = 0;
  // Calls `visit` with each block of `fiscal_year`, in the order written. Voucher numbers are
  // not read (the ledger does not keep them). Stops at, and returns, the first error.
  virtual Result<void> read_payment_blocks(int fiscal_year, const std::function<Result<void>(PaymentBlock&&)>& visit) = 0;
  // Payments in blocks of `fiscal_year` (0 when none).
  virtual Result<std::int64_t> block_payment_count(int fiscal_year) = 0;
};

}  // namespace jixiao::store

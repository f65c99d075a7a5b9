// ledger/bulk.hpp — big payment CSVs (millions of rows) read straight into column blocks, on
// several threads. ledger::import_file (ledger/importer.hpp) uses read_checked_payments for
// every big payments CSV: it accepts a file only when ingest's row path would accept every row
// (same header mapping, same cell rules, same duplicates); for any other file it says "no" and
// import_file reads it row by row, so errors are reported by one piece of code.

#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/payment_block_store.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::ledger {

// A payments file read by read_checked_payments: every row valid by ingest::parse_rows's rules.
struct CheckedPayments {
  std::size_t rows = 0;
  std::vector<std::uint64_t> voucher_keys;  // per row, voucher_key(unit, year, voucher); all distinct
};

// The identity of a voucher within its unit and fiscal year, as a 64-bit hash.
std::uint64_t voucher_key(std::string_view unit_code, int fiscal_year, std::string_view voucher);

// Reads the payments CSV at `path` (UTF-8, or GB18030 converted first) on `threads` threads
// into blocks of at most `block_rows` payments, and hands each block to `sink` on the calling
// thread, in file order (a new block at each change of fiscal year; vouchers and summaries
// kept), while the rest of the file is still being read.
// nullopt when `sink` returned false, or when the row path must read the file: a header or
// cell the row path would reject or report, a voucher twice within the file, a field spanning
// lines, a delimiter other than ','. Blocks already handed over are then to be discarded.
// Error::io when the file cannot be read.
Result<std::optional<CheckedPayments>> read_checked_payments(const std::string& path,
                                                             const std::function<bool(store::PaymentBlock&&)>& sink,
                                                             int threads = 2, std::size_t block_rows = 1 << 16);

// ingest::content_hash of payments given as blocks, fed in file order: one identity for an
// import whichever path reads it.
class PaymentsHasher {
 public:
  PaymentsHasher();
  ~PaymentsHasher();
  void add(const store::PaymentBlock& block);
  std::string finish();  // SHA-256, hex

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace jixiao::ledger

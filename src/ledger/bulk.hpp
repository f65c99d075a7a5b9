// ledger/bulk.hpp — the fast path for big payment files (millions of rows): the payments CSV
// (the import format of docs/formats.md, Chinese or English header) read straight into column
// blocks, on several threads, and written to the store's block table in one durable
// transaction. Small files keep going through import_file (ledger/importer.hpp), which checks
// vouchers against the store; this path checks every cell and every line code, all or nothing.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/payment_block_store.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::ledger {

struct BulkOptions {
  int threads = 2;
  // Keep voucher numbers in the blocks (the store keeps them; the in-memory ledger does not).
  bool keep_vouchers = true;
  std::size_t block_rows = 1 << 20;  // rows per block, at most
};

struct BulkPayments {
  std::vector<store::PaymentBlock> blocks;
  std::size_t rows = 0;
  std::string content_hash;  // "bulk64:" + hex of a 64-bit hash of the file's bytes
};

// Reads the payments CSV at `path` (UTF-8). All or nothing: bad cells → Error::invalid_input
// "N 处错误，未导入任何数据" with a cause per bad cell (file:row:column, at most 20 listed);
// Error::io when the file cannot be read. The fiscal year is the 年度 column when present,
// else the payment date's year. Amounts in 元 unless the amount header says 万元.
Result<BulkPayments> read_payments_csv(const std::string& path, const BulkOptions& options = {});

// read_payments_csv, then PaymentBlockStore::write_payment_blocks: durable when it returns.
// Error::conflict when the same file was imported before; Error::not_found for a line code
// without a budget line of its year (nothing written).
Result<store::ImportRecord> import_payments_bulk(store::Store& store, const std::string& path,
                                                 const BulkOptions& options = {});

}  // namespace jixiao::ledger

// ingest/bulk.hpp — big CSVs (millions of rows) read on several threads, by ingest's rules or
// not at all. ledger::import_file (ledger/importer.hpp) uses read_checked_payments for every big
// payments CSV (column blocks for the store), Ledger::add_payments_csv uses
// read_checked_payment_columns (payments straight into the in-memory ledger's columns), and
// read_checked_rows reads budget and adjustment files. Each accepts a file only when ingest's
// row path would accept every row with the same values (same header mapping, incl. Chinese
// headers and 万元; same cell rules; quoted fields; UTF-8 or GB18030; duplicates within the
// file); for any other file it says "no" and the caller reads it row by row, so errors are
// reported by one piece of code.
//
// How: the file is mapped, checked to be UTF-8 (else converted from GB18030 as the row path
// converts it) and cut at line ends into pieces; each thread takes the next piece, marks field
// ends 64 bytes at a time (a record with a quote or a control byte is split by a copy of
// ingest::parse_csv's rules instead), checks each row by ingest::parse_rows's rules, and looks
// its line up in one index of the known lines (its slot prefetched 16 rows ahead). Vouchers
// twice within the file are found from 64-bit voucher keys grouped by their top bits.

#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ingest/ingest.hpp"
#include "model/ledger.hpp"
#include "model/payment_block.hpp"

namespace jixiao::ingest {

// A payments file read by read_checked_payments: every row valid by ingest::parse_rows's rules.
struct CheckedPayments {
  std::size_t rows = 0;
  std::string content_hash;  // ingest::content_hash of the rows (SHA-256, hex), when asked for
  // What ingest::shape_table finds in the file (header row, title and control rows skipped,
  // columns, unit, year and its source, control totals): the row path's plan, exactly.
  ingest::ImportPlan plan;
};

// The identity of a voucher within its unit and fiscal year, as a 64-bit hash.
std::uint64_t voucher_key(std::string_view unit_code, int fiscal_year, std::string_view voucher);

// A line a file may name: payments of any other (year, unit, line) make the reader say "no".
struct KnownLine {
  int fiscal_year = 0;
  std::string_view unit_code;
  std::string_view line_code;
};

struct PaymentReadOptions {
  int threads = 2;  // reading threads (the sink runs on the calling thread besides)
  std::size_t block_rows = 1 << 16;  // at most this many payments in a block
  bool keep_vouchers =
      true;  // fill PaymentBlock::voucher_numbers (the store needs them; the ledger does not)
  bool content_hash = false;  // compute CheckedPayments::content_hash while reading
  // The lines payments may belong to (e.g. the store's); a payment of another line: the row path
  // must read the file. nullptr: any line is taken.
  const std::vector<KnownLine>* known_lines = nullptr;
  // The fiscal year of a file without a 年度 column (--year); 0: from the title, the file name or
  // the dates, as ingest::shape_table takes it. Default: 0.
  int year = 0;
  // The file's name as the user gave it (its year counts, as in ingest::choose_year). Default: the
  // path.
  std::string file_name;
};

// A block as read, with the voucher_key of each of its rows.
using PaymentBlockSink =
    std::function<bool(model::PaymentBlock&& block, std::span<const std::uint64_t> voucher_keys)>;

// Reads the payments CSV at `path` (UTF-8, or GB18030 converted first) on options.threads
// threads into blocks of at most options.block_rows payments, and hands each block to `sink`
// on the calling thread, in file order (a new block at each change of fiscal year), while the
// rest of the file is still being read.
// nullopt when `sink` returned false, when a payment is of no known line, or when the row path
// must read the file: a header or cell the row path would reject or report, a voucher twice
// within the file, a field spanning lines, a delimiter other than ',', a 小计 row, a 合计 row
// that disagrees with the rows, amounts whose sum overflows. Title rows above the header and
// trailing 合计, footer and blank rows are taken as ingest::shape_table takes them. Blocks already
// handed over are then to be discarded. Error::io when the file cannot be read.
Result<std::optional<CheckedPayments>> read_checked_payments(const std::string& path,
                                                             const PaymentBlockSink& sink,
                                                             const PaymentReadOptions& options);

// Where read_checked_payment_columns writes payments: arrays of at least the capacity asked for.
// Row r: line[r] = the index of its line in `lines`, day[r] = its Date::days() − day_origin
// clamped to [0, day_max], amount_fen[r], economic[r] = index into
// CheckedPaymentColumns::economic_codes.
struct PaymentColumnsTarget {
  std::uint32_t* line = nullptr;
  std::uint16_t* day = nullptr;
  std::int64_t* amount_fen = nullptr;
  std::uint32_t* economic = nullptr;
  std::int32_t day_origin = 0;
  int day_max = 366;
};
struct CheckedPaymentColumns {
  std::size_t rows = 0;  // rows [0, rows) of the target hold the file's payments, in file order
  std::vector<std::string> economic_codes;  // "" = the line's own
};

// Reads the payments CSV at `path` as read_checked_payments does (the same rows accepted, the
// same refused) on `threads` threads including the calling one, straight into the columns that
// `allocate(capacity)` gives (called once, before any row is written, with an upper bound of the
// rows: the file's lines). nullopt when the row path must read the file or a payment is of none
// of `lines` (the target's contents are undefined then). Error::io when the file cannot be read.
Result<std::optional<CheckedPaymentColumns>> read_checked_payment_columns(
    const std::string& path, const std::vector<KnownLine>& lines,
    const std::function<PaymentColumnsTarget(std::size_t capacity)>& allocate, int threads = 2);

// A budget or adjustments CSV read as ingest::read_table and ingest::parse_rows read it, on
// `threads` threads, when they would report nothing: the batch parse_rows gives (the same rows
// in the same order, units as it keeps them, source_name = `path`; content_hash when asked).
// nullopt when the row path must read the file: any row it would report (a missing or bad
// value, a line twice), a header it rejects, a field spanning lines, a delimiter other than
// ',', bytes neither UTF-8 nor GB18030, an XLSX file, another kind. Error::io when the file
// cannot be read.
Result<std::optional<model::ImportBatch>> read_checked_rows(const std::string& path,
                                                            model::ImportKind kind, int threads = 2,
                                                            bool content_hash = true);

// Reads the CSV at `path` as `kind` by the fast reader (read_checked_payments for payments,
// read_checked_rows for budgets and adjustments) and by the row path (ingest::read_table,
// shape_table, parse_rows), and says how they differ: "" when the fast path handed the file
// over, or took exactly the rows the row path takes without a report (same count, same content
// hash); else what differs. The fuzz target's and the tests' one comparison of the two paths.
std::string compare_csv_paths(const std::string& path, model::ImportKind kind);

// ingest::content_hash of payments given as blocks, fed in file order: one identity for an
// import whichever path reads it.
class PaymentsHasher {
 public:
  PaymentsHasher();
  ~PaymentsHasher();
  void add(const model::PaymentBlock& block);
  std::string finish();  // SHA-256, hex

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace jixiao::ingest

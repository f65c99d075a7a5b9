// tests/fuzz/csv_fast_fuzz.cpp — the bulk CSV readers of ingest/bulk.hpp against ingest's row
// path on the same file. The fast path may hand a file over (nullopt); when it takes one, the
// row path must accept it too, with the same rows, the same values and the same content hash.
// The first byte picks the kind: budget, adjustments or payments. Payments: the plans too
// (header row, skipped rows, control totals: ingest::compare_csv_paths).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "fuzz.hpp"
#include "ingest/bulk.hpp"
#include "ingest/ingest.hpp"
#include "testkit/testkit.hpp"

namespace {

using namespace jixiao;

// The rows one a line, as fast_rows below builds them, for a readable failure report.
template <class T>
std::string texts(const std::vector<T>& rows) {
  std::string out;
  for (const auto& r : testkit::row_texts(rows)) out += r + "\n";
  return out;
}

void same(const char* what, const std::string& fast, const std::string& slow) {
  if (fast != slow) fuzz::broken(what, "fast:\n" + fast + "row path:\n" + slow);
}

void check_rows(const std::string& path, model::ImportKind kind) {
  auto fast = ingest::read_checked_rows(path, kind, 2, true);
  if (!fast) fuzz::broken("read_checked_rows failed on a readable file", fast.error().to_string());
  if (!*fast) return;  // handed over to the row path: always allowed
  auto slow = testkit::row_path(path, kind);
  if (!slow) fuzz::broken("the bulk reader took a file the row path reports");
  const model::ImportBatch& a = **fast;
  same("units differ", texts(a.units), texts(slow->units));
  same("lines differ", texts(a.lines), texts(slow->lines));
  same("adjustments differ", texts(a.adjustments), texts(slow->adjustments));
  same("content hashes differ", a.content_hash, slow->content_hash);
}

void check_payments(const std::string& path) {
  ingest::PaymentReadOptions options;
  options.threads = 2;
  options.block_rows = 7;  // small blocks: block boundaries are part of what is tested
  options.content_hash = true;
  std::string fast_rows;
  ingest::PaymentsHasher hasher;
  auto fast = ingest::read_checked_payments(
      path,
      [&](model::PaymentBlock&& b, std::span<const std::uint64_t> keys) {
        if (keys.size() != b.size()) fuzz::broken("a block's voucher keys do not match its rows");
        hasher.add(b);
        std::string_view vouchers = b.voucher_numbers;
        for (std::size_t r = 0; r < b.size(); ++r) {
          const auto nl = vouchers.find('\n');
          if (nl == std::string_view::npos)
            fuzz::broken("a block has fewer voucher entries than rows");
          const std::string entry(vouchers.substr(0, nl));
          vouchers.remove_prefix(nl + 1);
          const auto us = entry.find('\x1f');
          const std::string& key = b.line_keys[b.line_index[r]];
          fast_rows += key.substr(0, key.find('\t')) + "|" + std::to_string(b.fiscal_year) + "|" +
                       key.substr(key.find('\t') + 1) + "|" + std::to_string(b.date_days[r]) + "|" +
                       std::to_string(b.amount_fen[r]) + "|" +
                       b.economic_codes[b.economic_index[r]] + "|" + entry.substr(0, us) + "|" +
                       (us == std::string::npos ? "" : entry.substr(us + 1)) + "\n";
        }
        return true;
      },
      options);
  if (!fast)
    fuzz::broken("read_checked_payments failed on a readable file", fast.error().to_string());
  if (!*fast) return;
  // The file as the importer sees it (shape_table first): the same rows, hash and plan.
  if (const std::string d = ingest::compare_csv_paths(path, model::ImportKind::payments);
      !d.empty()) {
    fuzz::broken("the fast path and the row path differ", d);
  }
  auto slow = testkit::row_path(path, model::ImportKind::payments);
  if (!slow) fuzz::broken("the bulk payments reader took a file the row path reports");
  if ((*fast)->rows != slow->payments.size()) fuzz::broken("row counts differ");
  same("payments differ", fast_rows, texts(slow->payments));
  same("content hashes differ", (*fast)->content_hash, slow->content_hash);
  same("the blocks' hash differs", hasher.finish(), slow->content_hash);

  // The columns reader (Ledger::add_payments_csv's) must take the same file, given its lines,
  // with the same line, amount and economic code per row.
  std::vector<std::string> keys;  // year \t unit \t line, owning the KnownLine views
  for (const auto& p : slow->payments)
    keys.push_back(std::to_string(p.fiscal_year) + "\t" + p.unit_code + "\t" + p.line_code);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<ingest::KnownLine> lines;
  for (const auto& k : keys) {
    const auto t1 = k.find('\t');
    const auto t2 = k.find('\t', t1 + 1);
    const std::string_view view(k);
    lines.push_back(
        {std::stoi(k.substr(0, t1)), view.substr(t1 + 1, t2 - t1 - 1), view.substr(t2 + 1)});
  }
  std::vector<std::uint32_t> line_col;
  std::vector<std::uint16_t> day_col;
  std::vector<std::int64_t> amount_col;
  std::vector<std::uint32_t> economic_col;
  auto columns = ingest::read_checked_payment_columns(
      path, lines,
      [&](std::size_t capacity) {
        line_col.resize(capacity);
        day_col.resize(capacity);
        amount_col.resize(capacity);
        economic_col.resize(capacity);
        return ingest::PaymentColumnsTarget{
            line_col.data(), day_col.data(), amount_col.data(), economic_col.data(), 0, 366};
      },
      2);
  if (!columns)
    fuzz::broken("read_checked_payment_columns failed on a readable file",
                 columns.error().to_string());
  if (!*columns) fuzz::broken("the columns reader refused a file read_checked_payments took");
  if ((*columns)->rows != slow->payments.size())
    fuzz::broken("the columns reader's row count differs");
  for (std::size_t r = 0; r < slow->payments.size(); ++r) {
    const auto& p = slow->payments[r];
    const auto& line = lines.at(line_col[r]);
    if (line.unit_code != p.unit_code || line.line_code != p.line_code ||
        line.fiscal_year != p.fiscal_year) {
      fuzz::broken("the columns reader put a payment on another line", testkit::row_text(p));
    }
    if (amount_col[r] != p.amount.fen())
      fuzz::broken("the columns reader read another amount", testkit::row_text(p));
    if ((*columns)->economic_codes.at(economic_col[r]) != p.economic_code) {
      fuzz::broken("the columns reader read another economic code", testkit::row_text(p));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const auto pick = in.take_byte() % 3;
  const std::string path = fuzz::scratch_file("fuzz.csv", in.rest());
  if (pick == 2) {
    check_payments(path);
  } else {
    check_rows(path, pick == 0 ? model::ImportKind::budget : model::ImportKind::adjustments);
  }
  return 0;
}

// ingest/ingest.hpp — reading budget, adjustment and payment files into ledger rows.
//
// Two steps, both pure (no store access):
//   1. read_table(): a CSV (UTF-8 with or without BOM, or GB18030/GBK as Chinese Excel
//      exports it) or an XLSX sheet → a table of text cells with their locations;
//   2. parse_rows(): the table → typed rows of one import kind, mapping Chinese or English
//      headers through one column table (docs/formats.md) and collecting every bad cell.
// Checks that need the store (unknown codes, vouchers already imported) are made by the
// caller, ledger/importer.hpp, which also writes the rows in one transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/ledger.hpp"

namespace jixiao::ingest {

// A file read as text cells. Row numbers are the file's own (the header is usually row 1).
struct Table {
  std::string file;   // as given by the user, for messages
  std::string sheet;  // XLSX sheet name; empty for CSV
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> row_numbers;  // parallel to rows
  std::string encoding;                   // "UTF-8", "GB18030" or "XLSX"

  Location at(std::size_t row_index, const std::string& column = {}) const {
    return {file, sheet, row_numbers[row_index], column, {}};
  }
};

struct ReadOptions {
  // XLSX: the sheet to read by name. Default: the first sheet.
  std::string sheet;
};

// Reads `path`: XLSX when the file is a zip archive (or named .xlsx), otherwise CSV.
// Empty lines are skipped. Returns Error::io when the file cannot be read,
// Error::invalid_input for a malformed CSV (unclosed quote, naming the row), an XLSX
// without the named sheet, or a file without a header row.
Result<Table> read_table(const std::string& path, const ReadOptions& options = {});

// Text bytes as UTF-8: a UTF-8 BOM is dropped; bytes that are not valid UTF-8 are read as
// GB18030 (which covers GBK and GB2312). `encoding` receives "UTF-8" or "GB18030".
// Error::invalid_input naming `file` when the bytes are neither.
Result<std::string> to_utf8(std::string bytes, const std::string& file, std::string* encoding = nullptr);

// Parses CSV text already in memory (UTF-8 or GB18030) — read_table's CSV half.
Result<Table> parse_csv(std::string bytes, const std::string& file_name);

// One column of an import format: its canonical English name, accepted Chinese names,
// and whether it is required. The table behind docs/formats.md.
struct ColumnSpec {
  std::string name;                  // "voucher_number"
  std::vector<std::string> chinese;  // {"凭证号", "凭证编号"}; the first is the canonical one
  std::string type;                  // "text", "code", "year", "date", "amount"
  bool required = false;
  std::string description;
};
const std::vector<ColumnSpec>& columns_of(model::ImportKind kind);

// Typed rows of one file, with each row's location for later messages.
struct ParsedRows {
  model::ImportBatch batch;                // units, lines, adjustments or payments
  std::vector<std::int64_t> row_numbers;   // parallel to the batch's rows of its kind
  std::vector<Error> errors;               // every bad cell, in file order
};

// Maps the header, converts every cell and collects every error (unknown or missing
// required columns, missing values, bad dates or amounts, duplicates within the file).
// Amount columns whose header says 万元 (e.g. "年初预算（万元）") are read in 万元.
// Returns Error::invalid_input only when the header itself is unusable (then nothing
// else is checked); row errors are returned inside ParsedRows.
Result<ParsedRows> parse_rows(const Table& table, model::ImportKind kind);

// The location of `field` (a ColumnSpec name) in row `row` of `table`, with the column's
// header as the file wrote it — for errors found after parsing (unknown codes and the like).
Location locate(const Table& table, model::ImportKind kind, std::int64_t row, const std::string& field);

// The import's identity: SHA-256 (hex) of its kind and normalised rows, so the same rows
// from a CSV or an XLSX are recognised as one import.
std::string content_hash(const model::ImportBatch& batch);

}  // namespace jixiao::ingest

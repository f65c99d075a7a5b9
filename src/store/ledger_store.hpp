// store/ledger_store.hpp — the ledger's repository: units, budget lines, adjustments,
// payments and the import log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "model/ledger.hpp"

namespace jixiao::store {

// One applied import, as recorded in the import log.
struct ImportRecord {
  std::int64_t id = 0;
  model::ImportKind kind = model::ImportKind::budget;
  std::string source_name;
  std::string content_hash;
  std::int64_t rows = 0;
  std::string imported_at;  // ISO 8601, UTC
};

// What the ledger knows of a fiscal year, for validating an import before writing it.
struct LedgerKeys {
  std::vector<std::string> unit_codes;
  // (unit_code, fiscal_year, line_code) of every line.
  struct LineKey {
    std::string unit_code;
    int fiscal_year = 0;
    std::string line_code;
  };
  std::vector<LineKey> lines;
};

class LedgerStore {
 public:
  virtual ~LedgerStore() = default;

  // All units, ordered by code.
  virtual Result<std::vector<model::Unit>> units() = 0;
  // The fiscal years that have budget lines, ascending.
  virtual Result<std::vector<int>> fiscal_years() = 0;
  // Budget lines of `fiscal_year` (all units when `unit_code` is empty), ordered by unit, code.
  virtual Result<std::vector<model::BudgetLine>> budget_lines(
      int fiscal_year, const std::string& unit_code = {}) = 0;
  // Adjustments of `fiscal_year`, ordered by date.
  virtual Result<std::vector<model::Adjustment>> adjustments(int fiscal_year,
                                                             const std::string& unit_code = {}) = 0;
  // Payments of `fiscal_year`, ordered by date.
  virtual Result<std::vector<model::Payment>> payments(int fiscal_year,
                                                       const std::string& unit_code = {}) = 0;
  // Commitment balances of `fiscal_year`, ordered by date.
  virtual Result<std::vector<model::Commitment>> commitments(int fiscal_year,
                                                             const std::string& unit_code = {}) = 0;

  // Unit codes and line keys of every fiscal year, for validation.
  virtual Result<LedgerKeys> keys() = 0;
  // Voucher numbers already used in (`unit_code`, `fiscal_year`).
  virtual Result<std::vector<std::string>> voucher_numbers(const std::string& unit_code,
                                                           int fiscal_year) = 0;

  // The import with this content hash, if one was applied.
  virtual Result<std::optional<ImportRecord>> find_import(const std::string& content_hash) = 0;
  // All applied imports, oldest first.
  virtual Result<std::vector<ImportRecord>> imports() = 0;
  // The ids of the imports that wrote a row (line, adjustment, payment) of one of `unit_codes`,
  // ascending: what an editor or viewer may see of the import log.
  // Default: Error::unsupported (a backend without it shows the log to admins and bureaus only).
  virtual Result<std::vector<std::int64_t>> import_ids_of_units(
      const std::vector<std::string>& unit_codes) {
    (void)unit_codes;
    return fail(Error::unsupported("此数据库后端不能按单位列出导入记录"));
  }

  // Writes `batch` and its import-log record in one transaction: everything or nothing.
  // Units already present are kept as they are. Returns the new record.
  // Error::conflict when a line, voucher or content hash already exists (nothing written);
  // Error::storage when the database fails (nothing written).
  virtual Result<ImportRecord> write_import(const model::ImportBatch& batch) = 0;
  // Writes commitment balances in one transaction: a balance for the same line, contract and
  // date replaces the stored one. Returns how many rows were new or changed (0: all already
  // there). Error::not_found when a line does not exist (nothing written).
  virtual Result<std::int64_t> write_commitments(const std::vector<model::Commitment>& rows) = 0;
};

}  // namespace jixiao::store

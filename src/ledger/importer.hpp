// ledger/importer.hpp — importing a budget, adjustment, payment or commitment file into the store:
// read (ingest), check against what the store holds, write in one transaction.
//
// The one import path: the CLI's `jixiao import`, the server's upload and the benchmark call it.
// Big payments CSVs take the block path inside it (see ImportOptions::block_threshold_bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ingest/ingest.hpp"
#include "ledger/import_profile.hpp"
#include "model/ledger.hpp"
#include "store/ledger_store.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::ledger {

enum class DryRun { no, yes };

struct ImportOptions {
  // XLSX sheet name. Default: the first sheet.
  std::string sheet;
  // Check everything but write nothing. Default: no.
  DryRun dry_run = DryRun::no;
  // Called as each stage starts ("读取", "校验", "写入") with the rows so far; may be empty.
  std::function<void(const std::string& stage, std::size_t rows)> on_stage;
  // The name recorded in the import log and in messages. Default: the path.
  std::string display_name;
  // Payments CSVs of at least this many bytes (≈ 40,000 rows) are read on several threads into
  // column blocks and stored as blocks (ingest/bulk.hpp), with the same checks, messages and
  // outcome as the row path. Default: 2 MiB.
  std::uintmax_t block_threshold_bytes = 2u << 20;
  // Payments in one stored block at most (the block path). Default: 1,048,576.
  std::size_t block_rows = 1u << 20;
  // How to read the file's layout: --year, --map, or a stored profile's header row and unit
  // (ingest::LayoutOptions). Default: everything found from the file itself.
  ingest::LayoutOptions layout;
  // A stored import profile (`--profile NAME`): its header row, mapping and year rule replace
  // `layout`'s (layout.year still wins), and the file must still fit it (check_fits), else
  // Error::invalid_input naming what differs and nothing is written. Default: none.
  std::optional<ImportProfile> profile;
};

enum class ImportStatus { imported, already_imported, checked };

struct ImportOutcome {
  ImportStatus status = ImportStatus::imported;
  std::size_t rows = 0;
  store::ImportRecord record;  // the new record, or the earlier one when already imported
  // What was found in the file: header row, column mapping, rows skipped, control totals, year.
  ingest::ImportPlan plan;
  std::size_t adjustments = 0;  // adjustment rows made from a budget file's 调整数 column
  std::vector<std::string> unit_codes;  // the units the rows belong to, sorted, each once
};

// Imports `path` as `kind`. All-or-nothing: any bad row → Error::invalid_input
// "N 处错误，未导入任何数据" whose causes name each file:row:column and reason (the first
// ingest::k_max_error_causes of them), and the store is unchanged. The same rows imported again →
// ImportStatus::already_imported, nothing written. Error::io when the file cannot be read;
// Error::storage when the database fails.
Result<ImportOutcome> import_file(store::Store& store, model::ImportKind kind,
                                  const std::string& path, const ImportOptions& options = {});

}  // namespace jixiao::ledger

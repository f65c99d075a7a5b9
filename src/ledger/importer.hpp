// ledger/importer.hpp — importing a budget, adjustment, payment or commitment file into the store:
// read (ingest), check against what the store holds, write in one transaction.
//
// The one import path: the CLI's `jixiao import`, the server's upload and the benchmark call it.
// Big payments CSVs take the block path inside it (see ImportOptions::block_threshold_bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "core/result.hpp"
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
  // column blocks and stored as blocks (ledger/bulk.hpp), with the same checks, messages and
  // outcome as the row path. Default: 2 MiB.
  std::uintmax_t block_threshold_bytes = 2u << 20;
  // Payments in one stored block at most (the block path). Default: 1,048,576.
  std::size_t block_rows = 1u << 20;
};

enum class ImportStatus { imported, already_imported, checked };

struct ImportOutcome {
  ImportStatus status = ImportStatus::imported;
  std::size_t rows = 0;
  store::ImportRecord record;  // the new record, or the earlier one when already imported
};

// Imports `path` as `kind`. All-or-nothing: any bad row → Error::invalid_input
// "N 处错误，未导入任何数据" whose causes name each file:row:column and reason, and the store
// is unchanged. The same rows imported again → ImportStatus::already_imported, nothing written.
// Error::io when the file cannot be read; Error::storage when the database fails.
Result<ImportOutcome> import_file(store::Store& store, model::ImportKind kind, const std::string& path,
                                  const ImportOptions& options = {});

}  // namespace jixiao::ledger

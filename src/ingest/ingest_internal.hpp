// ingest/ingest_internal.hpp — shared between ingest's own files only.
#pragma once

#include <string>

#include "ingest/ingest.hpp"

namespace jixiao::ingest {

// Reads sheet `sheet` (first when empty) of the XLSX archive in `bytes`.
Result<Table> read_xlsx(const std::string& bytes, const std::string& file, const std::string& sheet);

// Reads sheet `sheet` (first when empty) of the .xls (BIFF) workbook at `path`.
Result<Table> read_xls(const std::string& path, const std::string& file, const std::string& sheet);

}  // namespace jixiao::ingest

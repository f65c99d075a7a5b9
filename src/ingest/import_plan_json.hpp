// ingest/import_plan_json.hpp — an import's plan (ingest::ImportPlan, what was found in the
// file) as the JSON of docs/api.md ("The import plan"): `jixiao import --dry-run --format json`
// and `POST /api/imports` give the same object.
#pragma once

#include <string>

#include "ingest/ingest.hpp"

namespace jixiao::ingest {

// {"header_row", "header_rows", "amount_unit", "amount_unit_source", "columns": [{"header",
//  "field", "unit", "suggestion"}], "data_rows", "skipped": [{"row", "reason", "text"}],
//  "control_totals": [{"row", "label", "column", "first_row", "last_row", "rows", "stated",
//  "computed", "agrees"}], "year", "year_source", "encoding", "sheet"}; amounts in 元 as strings.
std::string plan_to_json(const ingest::ImportPlan& plan, int indent = 2);

// The plan as lines for people (the CLI's --dry-run), in Chinese.
std::string plan_to_text(const ingest::ImportPlan& plan);

}  // namespace jixiao::ingest

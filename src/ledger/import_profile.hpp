// ledger/import_profile.hpp — an import profile: the layout of a plan that worked (header row,
// each column's mapping, the unit and year rules, the control rows), saved per unit by
// `jixiao import … --save-profile NAME` and applied by `--profile NAME` to next month's export
// of the same system. Stored as JSON in store::ImportProfileStore (migration 011).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "ingest/ingest.hpp"
#include "model/ledger.hpp"

namespace jixiao::ledger {

struct ImportProfile {
  std::string name;  // for messages
  model::ImportKind kind = model::ImportKind::payments;
  std::int64_t header_row = 1;  // the (lower) header row
  int header_rows = 1;          // 2: a two-row header (merged parent cells)
  // The header cells as found (two rows joined by '/', trimmed; blank ones left out), in order.
  std::vector<std::string> headers;
  // Each of `headers` → its field ("" : ignored). Applied as the file's mapping.
  ingest::ColumnOverrides mapping;
  std::string amount_unit = "元";  // of amount columns whose header names none
  std::string year_source;         // "年度列" "--year" "标题" "文件名" "日期"
  int year = 0;                    // the year given by --year (year_source "--year"), else 0
  // The labels of the control rows the file had ("合计", "小计"): a later file without them may
  // have lost rows on the way.
  std::vector<std::string> control_rows;
};

// The profile of a plan that worked for an import of `kind`.
ImportProfile profile_from_plan(const ingest::ImportPlan& plan, model::ImportKind kind,
                                std::string name);

// The profile as the JSON kept in the store, and back. Error::invalid_input naming the profile
// when the JSON is not a profile's.
std::string profile_to_json(const ImportProfile& profile);
Result<ImportProfile> profile_from_json(std::string_view json, model::ImportKind kind,
                                        std::string name);

// How to read a file by the profile: its header row, mapping and (year_source "--year") year;
// `option_year` (--year) wins over the stored one.
ingest::LayoutOptions layout_of(const ImportProfile& profile, int option_year);

// Whether a file read by layout_of(profile) still fits the profile: the same header at the same
// row (no column missing, none added), the same unit of amounts, the same year source (unless
// `option_year` overrides it), the same control rows. `header_found`: the row the file's header
// is found on by scanning (ingest::find_header_row with the profile's mapping), 0 if unknown;
// when it is not the profile's, that is the one difference named (the rows above it changed).
// Error::invalid_input "文件与导入配置 \"NAME\" 不符" with one cause per difference, each naming
// the file's place.
Result<void> check_fits(const ImportProfile& profile, const ingest::ImportPlan& plan,
                        int option_year, std::int64_t header_found = 0);

}  // namespace jixiao::ledger

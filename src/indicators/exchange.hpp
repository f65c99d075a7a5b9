// indicators/exchange.hpp — the library and goals in and out of CSV and XLSX files, in the
// layout finance staff know (指标库 and 绩效目标申报表 sheets, Chinese headers).
//
// Imports are all-or-nothing: every bad row is reported (file, row, column, reason) in one
// error and nothing is written. Column names: docs/formats.md.
#pragma once

#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "indicators/library.hpp"
#include "ingest/ingest.hpp"
#include "model/indicator.hpp"

namespace jixiao::indicators {

inline constexpr std::string_view k_library_sheet = "指标库";
inline constexpr std::string_view k_goals_sheet = "绩效目标申报表";

// The columns of the two layouts (mapped by ingest::map_columns; the first header of each is the
// one exports write).
const std::vector<ingest::ColumnSpec>& library_columns();
const std::vector<ingest::ColumnSpec>& goal_columns();

// --- library ---

struct LibraryImportResult {
  std::vector<model::IndicatorVersion> written;  // the new versions, in file order
  int added = 0;
  int edited = 0;
  int retired = 0;
  int unchanged = 0;
};

// The versions a library table would add, checked against `library`: a new code is added, a
// changed one edited, a row with 状态 停用 retires its code, an identical one is left alone.
// Each row's 生效日期/修订人/修订说明 when given, else `note`'s.
// Error::invalid_input with one cause per bad row; nothing is returned then.
Result<LibraryImportResult> plan_library_import(const ingest::Table& table, const Library& library,
                                                const ChangeNote& note);
// Reads `path` (CSV, or the 指标库 sheet of an XLSX) and writes its versions in one transaction.
Result<LibraryImportResult> import_library(store::Store& store, const std::string& path,
                                           const ChangeNote& note);

// Writes the indicators in force on `date` to `path`: XLSX when it ends in .xlsx, else CSV (UTF-8
// with BOM).
Result<void> export_library(const Library& library, Date date, const std::string& path);

// --- goals ---

struct GoalImportOptions {
  std::string
      unit_code;  // rows without 单位编码 take it; rows of another unit are an error. May be empty.
  int fiscal_year = 0;  // likewise for 年度. 0: from the rows.
  Date as_of;           // rows without 指标版本 take the library version in force on this date
};

// The goal sets a goals table holds, grouped by (unit, year), checked against `library`.
// Error::invalid_input with one cause per bad row (unknown indicator, direction or unit that
// differs from the library, a bad number, a qualitative actual that is not a grade …).
struct GoalImportResult {
  std::vector<model::GoalSet> sets;
  int indicators = 0;
};
Result<GoalImportResult> plan_goal_import(const ingest::Table& table, const Library& library,
                                          const GoalImportOptions& options);
// Reads `path` (CSV, or the 绩效目标申报表 sheet of an XLSX) and replaces the goals of each
// (unit, year) it holds, in one transaction per (unit, year).
Result<GoalImportResult> import_goals(store::Store& store, const std::string& path,
                                      const GoalImportOptions& options);

// Writes goal sets to `path` (XLSX or CSV, as export_library), one row per goal indicator,
// with the completion columns (完成状态, 得分系数) after the importable ones.
Result<void> export_goals(const std::vector<model::GoalSet>& sets, const std::string& path);

// A table as written by the exporters, for tests and for the web UI's download.
struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
TextTable library_table(const Library& library, Date date);
TextTable goals_table(const std::vector<model::GoalSet>& sets);
// Writes `table` to `path`: XLSX (one sheet named `sheet`, header bold, cells as text) when the
// path ends in .xlsx, else CSV (UTF-8 with BOM). Error::io when it cannot be written. Also used
// by congress/ for its exports, so the office's files look like the indicator library's.
Result<void> write_text_table(const TextTable& table, const std::string& path,
                              std::string_view sheet);

}  // namespace jixiao::indicators

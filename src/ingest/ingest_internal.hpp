// ingest/ingest_internal.hpp — shared between ingest's own files only.
#pragma once

#include <charconv>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.hpp"

namespace jixiao::ingest {

// --- The CSV rules: one copy, for the row path (parse_csv) and the fast readers (bulk_*.cpp) ---

// The delimiter of the first line (of the first 30) that holds any of ',', '\t' and ';' (a
// title row above the header may hold none): the most frequent, ties going to ','.
char detect_delimiter(std::string_view text);

// Splits `text` into records: fields end at `delimiter`, records at "\r\n", '\n' or '\r'; a
// quote opens a field only at its start (blanks before it dropped), "" inside quotes is a quote,
// a quoted field may span lines and is kept as written; unquoted fields are trimmed
// (text::trim). Calls on_record(cells, line) for each record, blank ones included, with the
// (1-based) line it starts on. Returns the line of the record whose quote is left open, or 0.
std::int64_t split_csv(
    std::string_view text, char delimiter,
    const std::function<void(std::vector<std::string>&& cells, std::int64_t line)>& on_record);

// The cell rules of parse_rows (rows.cpp), which the fast readers apply without a report.
// A budget line without a 资金来源 has this one.
inline constexpr std::string_view k_default_fund_source = "一般公共预算";
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
// A year cell (not empty): a fiscal year (core/date.hpp), else false.
inline bool read_year(std::string_view y, int& year) {
  if (y.size() == 4 && is_digit(y[0]) && is_digit(y[1]) && is_digit(y[2]) && is_digit(y[3])) {
    year = (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
  } else {
    auto [p, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
    if (ec != std::errc() || p != y.data() + y.size()) return false;
  }
  return is_fiscal_year(year);
}

// --- A file's rows into a Table: one copy for the CSV, XLSX and XLS readers ---

// A cell as the sheet readers keep it: trimmed; text that is not UTF-8 is repaired (each bad
// byte read as U+FFFD) and reported in table.errors at its row and column.
std::string sheet_cell(Table& table, std::string value, std::int64_t row, std::size_t column);
// A row of the file: a blank one is skipped, the first other one is the header, the rest data.
void add_table_row(Table& table, std::vector<std::string>&& cells, std::int64_t row);
// The table once its rows are in; Error::invalid_input "工作表是空的（没有表头行）" without a
// header.
Result<Table> finish_sheet(Table&& table);

// Reads sheet `sheet` (first when empty) of the XLSX archive in `bytes`.
Result<Table> read_xlsx(const std::string& bytes, const std::string& file,
                        const std::string& sheet);

// Reads sheet `sheet` (first when empty) of the .xls (BIFF) workbook at `path`.
Result<Table> read_xls(const std::string& path, const std::string& file, const std::string& sheet);

}  // namespace jixiao::ingest

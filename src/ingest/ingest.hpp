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
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "model/ledger.hpp"

namespace jixiao::ingest {

// The file's header as written (trimmed) → a field name of columns_of(kind) ("" or "-": ignore
// the column). From `--map FILE` or a stored import profile.
using ColumnOverrides = std::map<std::string, std::string>;

// A file read as text cells. Row numbers are the file's own (the header is usually row 1).
struct Table {
  std::string file;   // as given by the user, for messages
  std::string sheet;  // XLSX sheet name; empty for CSV
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::int64_t> row_numbers;  // parallel to rows
  std::string encoding;                   // "UTF-8", "GB18030", "XLSX" or "XLS"
  std::int64_t header_row = 1;  // the file's row of `header` (the lower one of two header rows)
  // The unit of amount columns whose header names none (a "金额单位：万元" row above the header).
  // Default: 元.
  MoneyUnit amount_unit = MoneyUnit::yuan;
  // Explicit header → field mapping, applied before the built-in names. Default: none.
  ColumnOverrides mapping;
  // The date the file says it was made ("导出时间：2024-01-08"), if it says. Budget adjustment
  // columns become adjustments dated by it (clamped into the fiscal year).
  std::optional<Date> export_date;
  // Cells that could not be read as text (invalid UTF-8), found while reading: parse_rows
  // reports them with the row errors.
  std::vector<Error> errors;

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
// .xls (BIFF8, as many budget systems and WPS export) is read with libfreexl.
Result<Table> read_table(const std::string& path, const ReadOptions& options = {});

// Parses CSV text already in memory (UTF-8 or GB18030) — read_table's CSV half.
Result<Table> parse_csv(std::string bytes, const std::string& file_name);

// At most this many causes are listed in an import's error; the message gives the full count.
inline constexpr std::size_t k_max_error_causes = 1000;

// One column of a table jixiao imports: its field name, the header names it accepts, and whether
// it is required. Every importer's column table is a list of these (the ledger's below and in
// docs/formats.md; indicators and goals; congress records; checklist answers), and map_columns is
// the one rule that matches a file's headers to it.
struct ColumnSpec {
  std::string name;                  // "voucher_number"; matched as a header too
  std::vector<std::string> headers;  // {"凭证号", "凭证编号"}; the first is the canonical one,
                                     // which templates and exports write
  std::string type;  // "text", "code", "year", "date", "amount"
  bool required = false;
  std::string description;
};
const std::vector<ColumnSpec>& columns_of(model::ImportKind kind);

// A header cell's unit, when it names one: "支付金额（元）", "年初预算（万元）".
enum class HeaderUnit { none, yuan, wan };

// A header cell normalised for matching: half-width, no trailing unit, no '*' or spaces, ASCII
// lower-case, "编码" read as "代码".
struct HeaderName {
  std::string key;
  HeaderUnit unit = HeaderUnit::none;
};
HeaderName normalise_header(std::string_view raw);

// How one file's header cells map onto columns_of(kind). A joined two-row header
// ("预算数/年初预算数") maps by its last part, then by the whole.
struct ColumnMap {
  std::vector<int> index;        // per columns_of(kind) entry: the file's column, or -1
  std::vector<HeaderUnit> unit;  // per entry: the unit its header names
  struct Unknown {
    std::size_t column = 0;
    std::string header;  // as written
    std::string suggestion;  // a known name it is close to ("经济分类码" → "经济分类编码"), or ""
  };
  std::vector<Unknown> unknown;  // headers that map to nothing (ignored on import)
  // A column twice, a required column missing (with a suggestion when one fits); the location
  // holds the column only.
  std::vector<Error> errors;
  MoneyUnit unit_of(std::size_t spec, MoneyUnit table_unit) const {
    return unit[spec] == HeaderUnit::none  ? table_unit
           : unit[spec] == HeaderUnit::wan ? MoneyUnit::wan
                                           : MoneyUnit::yuan;
  }
};

// The one header mapping: the row path, the fast CSV readers, the layout step and the other
// importers (through TableFields) all use it. `specs` is any column table; `kind` names the
// ledger's.
ColumnMap map_columns(const std::vector<std::string>& header_cells,
                      const std::vector<ColumnSpec>& specs, const ColumnOverrides& overrides = {});
ColumnMap map_columns(const std::vector<std::string>& header_cells, model::ImportKind kind,
                      const ColumnOverrides& overrides = {});

// What a header that maps to no column is: ignored (budget systems' exports carry many), or a
// refusal (a file of jixiao's own layout, where an unknown header is a typo).
enum class UnknownHeaders { ignore, refuse };

// A table's header mapped onto a column table, for importers that read cells by field name.
class TableFields {
 public:
  // map_columns on table.header with table.mapping. Every problem — a required column missing, a
  // column twice, an unknown header when `unknown` is refuse — is a cause located at the header
  // row of one "表头无法识别，未导入任何数据" error. `specs` must outlive the result (the column
  // tables are static).
  static Result<TableFields> map(const Table& table, const std::vector<ColumnSpec>& specs,
                                 UnknownHeaders unknown = UnknownHeaders::ignore);

  const ColumnMap& columns() const { return m_map; }
  // The index of `field` in the column table; a name not in it is a programming error.
  std::size_t spec_of(std::string_view field) const;
  bool has(std::string_view field) const { return m_map.index[spec_of(field)] >= 0; }
  // The cell of `field` in data row `row`, trimmed; "" when the file has no such column.
  std::string cell(const Table& table, std::size_t row, std::string_view field) const;
  // Where that cell is: the header as written names the column (the canonical name when absent).
  Location at(const Table& table, std::size_t row, std::string_view field) const;

 private:
  const std::vector<ColumnSpec>* m_specs = nullptr;
  ColumnMap m_map;
};
// The index in columns_of(kind) of `field`, or -1.
int field_index(model::ImportKind kind, std::string_view field);
// The index in columns_of(kind) whose names include the normalised `header_key`, or -1.
int match_field(model::ImportKind kind, std::string_view header_key);
// A known header name close to `header` (edit distance, or one inside the other), or "".
std::string suggest_header(model::ImportKind kind, std::string_view header);

// What the layout step found in a file: the plan `jixiao import --dry-run` prints and
// `POST /api/imports` (dry run) returns as JSON (docs/api.md).
struct ImportPlan {
  std::string file, sheet, encoding;
  std::int64_t header_row = 1;     // the (lower) header row
  int header_rows = 1;             // 2 for a two-row header (merged parent cells)
  std::string amount_unit;         // "元" or "万元": of amount columns whose header names none
  std::string amount_unit_source;  // the row that said so ("金额单位：万元"), or ""
  struct Column {
    std::string header;      // as written (two rows joined by '/')
    std::string field;       // the field it maps to, or "" (ignored)
    std::string unit;        // amount columns: "元" or "万元"
    std::string suggestion;  // unmapped: a close known name, or ""
  };
  std::vector<Column> columns;
  std::size_t data_rows = 0;
  struct Skipped {
    std::int64_t row = 0;
    std::string reason;  // "标题或说明" "合计" "小计" "表尾" "空行"
    std::string text;    // the row's first cell
  };
  std::vector<Skipped> skipped;
  struct ControlTotal {
    std::int64_t row = 0;
    std::string label;                         // 合计 / 总计 / 小计
    std::string column;                        // header as written
    std::int64_t first_row = 0, last_row = 0;  // the data rows it covers
    std::int64_t rows = 0;
    Money stated, computed;
    bool agrees = true;
  };
  std::vector<ControlTotal> totals;
  int year = 0;               // 0: each row's own (a 年度 column, or the payment date's year)
  std::string year_source;    // "年度列" "--year" "标题" "文件名" "日期"
  std::vector<Error> errors;  // control totals that disagree (row errors: all-or-nothing)
};

struct LayoutOptions {
  // The fiscal year when the file has no 年度 column (`--year`). 0: from the title, the file
  // name or (payments, adjustments) the dates. Default: 0.
  int year = 0;
  // Header → field mapping (`--map FILE`, a profile). Default: none.
  ColumnOverrides mapping;
  // The header row (the lower of two), when known (a profile). 0: found by scanning the first
  // 30 rows for the one that names the most known columns. Default: 0.
  std::int64_t header_row = 0;
  // The unit of amount columns without their own, when known (a profile); else from a
  // "单位：万元" row above the header, else 元. Default: none.
  std::optional<MoneyUnit> amount_unit;
};

// Reshapes a table as read (the first non-blank row as its header) into the header row and data
// rows of an import of `kind`: finds the header row, joins a two-row header, reads the unit and
// year of title rows, drops 合计/总计/小计 and footer rows (checking each control total against
// the rows it covers), and adds a 年度 column from the year's source when the file has none.
// Error::invalid_input when two year sources disagree, or a budget file has no year at all.
Result<ImportPlan> shape_table(Table& table, model::ImportKind kind,
                               const LayoutOptions& options = {});

// A two-column CSV (the file's header, jixiao's field name) read as ColumnOverrides; the field
// names are checked against columns_of(kind).
Result<ColumnOverrides> read_column_map(const std::string& path, model::ImportKind kind);

// What the rows above a header say: the unit of amounts ("金额单位：万元"), a year in the title
// ("2023年度…"), the export date ("导出时间：2024-01-08 09:12").
struct TitleRows {
  std::optional<MoneyUnit> unit;
  std::string unit_text;  // the cell that said so
  int year = 0;           // 0: none; -1: several different ones
  std::string year_text;
  std::optional<Date> export_date;
};
TitleRows read_title_rows(const std::vector<std::vector<std::string>>& rows);

// The header among the first 30 `rows` (cells as split): the one naming the most known columns
// of `kind`, the first of equals; 0 when none names two.
std::size_t find_header_row(const std::vector<std::vector<std::string>>& rows,
                            model::ImportKind kind, const ColumnOverrides& mapping = {});

// The fiscal year of a file without a 年度 column: `option_year` (--year), the title's, the
// file name's ("…_2023.xlsx"), first found; {0, ""} when none. Error::invalid_input naming both
// when two of them disagree.
struct YearChoice {
  int year = 0;
  std::string source;  // "--year", "标题", "文件名"
};
Result<YearChoice> choose_year(int option_year, const TitleRows& title, const std::string& file,
                               const std::string& sheet = {});

// The first cell's control-row kind: "合计", "总计", "小计", "表尾" (制表人：…, 注：…), or "".
std::string_view control_row_kind(std::string_view first_cell);

// Typed rows of one file, with each row's location for later messages.
struct ParsedRows {
  model::ImportBatch batch;               // units, lines, adjustments or payments
  std::vector<std::int64_t> row_numbers;  // parallel to the batch's rows of its kind
  std::vector<Error> errors;              // every bad cell, in file order
};

// Maps the header, converts every cell and collects every error (unknown or missing
// required columns, missing values, bad dates or amounts, duplicates within the file).
// Amount columns whose header says 万元 (e.g. "年初预算（万元）") are read in 万元.
// Returns Error::invalid_input only when the header itself is unusable (then nothing
// else is checked); row errors are returned inside ParsedRows.
Result<ParsedRows> parse_rows(const Table& table, model::ImportKind kind);

// The location of `field` (a ColumnSpec name) in row `row` of `table`, with the column's
// header as the file wrote it — for errors found after parsing (unknown codes and the like).
Location locate(const Table& table, model::ImportKind kind, std::int64_t row,
                const std::string& field);

// The import's identity: SHA-256 (hex) of its kind and normalised rows, so the same rows
// from a CSV or an XLSX are recognised as one import.
std::string content_hash(const model::ImportBatch& batch);

}  // namespace jixiao::ingest

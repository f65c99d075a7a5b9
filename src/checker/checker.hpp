// checker/checker.hpp — reads a published self-evaluation report (自评报告 / 自评表) and tests
// its figures.
//
// A report arrives as plain text, PDF (text extracted with poppler) or DOCX. The checker
// normalises what extraction does to Chinese text, extracts the figures a reader looks for
// (unit, year, budget, executed, execution rate, self-score, grade, the score table) with the
// line (and page, for PDF) of each, and tests that they agree with one another. Every test
// that fails is a Finding; a document whose figures agree has none.
//
// The JSON form of a CheckedDocument is a stable contract, described in docs/checker.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/decimal.hpp"
#include "core/result.hpp"
#include "model/indicator.hpp"

namespace jixiao::checker {

// Where a figure or finding is in the document: 1-based line of the source text (the
// extracted text for PDF and DOCX), and the 1-based page for PDF (0 = not known).
struct SourcePos {
  int line = 0;
  int page = 0;
};

// One extracted figure: its value and where it was read.
template <class T>
struct Figure {
  T value{};
  std::string text;  // the text it was read from, normalised ("3403.40万元")
  SourcePos pos;
};

// 文档类型: 部门整体支出 or 项目支出.
enum class DocKind { department_overall, project };
std::string_view to_string(DocKind kind);

// An amount kept in 分 (exact), from 元 or 万元 text.
using AmountFigure = Figure<long long>;  // value in 分

// 指标方向: the library's (model/indicator.hpp), so its names and symbols are written once. A
// row whose direction could not be read is taken as qualitative: met only when the actual is the
// target as written.
using Direction = model::Direction;

// One row of a score table (自评表): an indicator with its target, actual, points and score.
struct ScoreRow {
  std::string indicator;
  Direction direction = Direction::qualitative;
  std::string target;  // as written: "100", "有效"
  std::string unit;    // "%", "人次"; empty when not stated
  std::string actual;  // as written: "100%", "有效"; empty when not stated
  std::optional<Decimal> points;
  std::optional<Decimal> score;
  SourcePos pos;
};

// A count stated in the text: "召开常委会会议 8次" → {"召开常委会会议", 8, "次"}.
struct StatedCount {
  std::string label;
  long long value = 0;
  std::string unit;
  SourcePos pos;
};

struct Extracted {
  std::optional<Figure<std::string>> unit_name;
  std::optional<Figure<int>> fiscal_year;
  std::optional<DocKind> doc_kind;
  std::optional<AmountFigure> budget_initial;         // 年初预算
  std::optional<AmountFigure> budget_annual;          // 全年预算 / 预算数 / 总预算
  std::optional<AmountFigure> budget_adjusted;        // 调整后预算
  std::optional<AmountFigure> executed;               // 执行数 / 实际支出 / 已拨付
  std::optional<Figure<Decimal>> execution_rate_pct;  // as stated
  std::optional<AmountFigure> unspent;                // 结余 / 未支出
  std::optional<Figure<Decimal>> self_score;
  std::optional<Figure<std::string>> grade;  // 优 / 良 / 中 / 差 (or the word as written)
  std::vector<StatedCount> counts;
  // The funds block of a score table (预算执行情况): its points and score.
  std::optional<Decimal> execution_points;
  std::optional<Decimal> execution_score;
  std::vector<ScoreRow> rows;
  std::optional<Figure<Decimal>> table_total_points;
  // The form's section headings: "预算执行情况(10分)", "绩效指标(90分)".
  std::optional<Figure<Decimal>> heading_execution_points;
  std::optional<Figure<Decimal>> heading_indicator_points;
  std::optional<Figure<Decimal>> table_total_score;
  // The 一级指标 headings with their points: "产出指标(50分)", "效益指标(30分)",
  // "满意度指标(10分)".
  std::vector<Figure<Decimal>> class_heading_points;

  // The budget the execution rate is measured against: 调整后 > 全年 > 年初.
  const AmountFigure* budget() const;
};

enum class Severity { error, warning };
std::string_view to_string(Severity severity);

struct Finding {
  Severity severity = Severity::error;
  std::string kind;     // stable identifier, listed in docs/checker.md: "rate_mismatch"
  std::string message;  // one line, Chinese
  SourcePos pos;
  std::vector<std::pair<std::string, std::string>> numbers;  // name → value as text
};

enum class SourceFormat { text, pdf, docx };
std::string_view to_string(SourceFormat format);

struct CheckedDocument {
  std::string file;
  SourceFormat format = SourceFormat::text;
  bool text_complete = true;  // false when the text stops mid-sentence (cut off)
  Extracted extracted;
  std::vector<Finding> findings;
};

// Text extracted from a file: lines, each with its page (0 when not known).
struct SourceText {
  SourceFormat format = SourceFormat::text;
  std::vector<std::pair<std::string, int>> lines;  // (UTF-8 line, page)
};

// Reads `path` by its extension: .pdf through poppler, .docx through libzip + pugixml, .html/.htm
// as HTML (source_from_html), anything else as text (UTF-8 or GB18030). Error::io when it cannot be
// read, Error::unsupported for a file that is not what its extension says.
Result<SourceText> read_source(const std::filesystem::path& path);

// The text of an HTML page: block elements end lines, each table row is one "| cell | cell |"
// line; styles, scripts and images are left out.
SourceText source_from_html(std::string_view html);

// Splits UTF-8 text into lines; a form feed starts a new page.
SourceText source_from_text(std::string_view text, SourceFormat format = SourceFormat::text);

// Extracts the figures from `source` and tests them.
CheckedDocument check_source(const SourceText& source, std::string file);

// read_source + check_source.
Result<CheckedDocument> check_file(const std::filesystem::path& path);

// The report files in `path`: the path itself when it is a file, else the .txt/.pdf/.docx/
// .html/.md files in the folder (not recursive), sorted by name.
Result<std::vector<std::filesystem::path>> list_reports(const std::filesystem::path& path);

// Limits on a .zip of reports: entries, bytes of one entry and of all, once expanded.
struct ArchiveLimits {
  int max_entries = 2000;
  std::uint64_t max_entry_bytes = 64ull << 20;
  std::uint64_t max_total_bytes = 512ull << 20;
};
// Expands the report files of the zip `archive` (by extension, as list_reports; folders
// inside flattened, names kept unique) into `out_dir`, checking the sizes as it reads rather
// than trusting the archive's header. Returns the files written, sorted by name.
// Error::io when it cannot be read or written; Error::unsupported when it is not a zip or a
// limit is passed (named in the message).
Result<std::vector<std::filesystem::path>> expand_archive(const std::filesystem::path& archive,
                                                          const std::filesystem::path& out_dir,
                                                          const ArchiveLimits& limits = {});

// Output (see docs/checker.md). JSON: one object for one document, an array for several
// (`as_array` forces the array form).
std::string to_json(const std::vector<CheckedDocument>& documents, bool as_array);
// Human-readable Chinese summary with each finding.
std::string to_text(const std::vector<CheckedDocument>& documents);
// One document's line in a summary: its unit and year, how many of the five headline figures
// (budget, executed, rate, score, grade) were read, its errors and warnings, and the distinct
// finding kinds in order of first appearance. The one source of to_summary, to_csv and the web
// API's batch summary.
struct SummaryRow {
  std::string file;
  std::optional<std::string> unit_name;
  std::optional<int> fiscal_year;
  int figures_read = 0;  // 0–5
  int errors = 0;
  int warnings = 0;
  std::vector<std::string> kinds;
};
SummaryRow summarise(const CheckedDocument& document);

// The summary table of several documents: file, unit, year, figures read (of budget, executed,
// rate, score, grade), errors, warnings, finding kinds; and a total line.
std::string to_summary(const std::vector<CheckedDocument>& documents);
// One row per document: file, figures, counts of errors and warnings, finding kinds.
std::string to_csv(const std::vector<CheckedDocument>& documents);

// Money in 分 as 万元 with at least two decimals, exact: 34034000 元 → "3403.40",
// 387664.62 元 → "38.766462".
std::string format_wan_exact(long long fen);
// Money in 分 as 元 with two decimals: "34034000.00".
std::string format_yuan_exact(long long fen);

// 评价等级 from a score: 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60 (财政部预算司 unified cut-offs,
// shared/domain/frameworks.md M9).
std::string_view grade_for_score(const Decimal& score);

}  // namespace jixiao::checker

// report/report_model.hpp — the format-free tree of a report: headings, paragraphs, tables, a
// chart.
//
// Builders (report.hpp) fill it from data; the four renderers (Markdown, HTML, DOCX, PDF)
// read it and never compute anything. Every figure is already text here, formatted as the
// seed writes it (万元 with two decimals, rates to one decimal).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/money.hpp"

namespace jixiao::report {

// 一、 / （一） / 1. headings. `number` carries the numbering as printed ("一、", "（一）").
struct Heading {
  int level = 1;  // 1 = 一、 (黑体), 2 = （一） (楷体), 3 = 1. (body font, bold)
  std::string number;
  std::string text;
  std::string full() const { return number + text; }
};

enum class ParagraphStyle {
  body,         // first line indented two characters (公文正文)
  flush,        // no indent (table captions, annex labels)
  note,         // smaller, for data notes ("数据说明：…")
  pending,      // a section the department has not written yet: shown plainly as such
  annex_label,  // "附件1": 3号黑体, flush left, at the top of the annex's page (GB/T 9704 §7.4)
  annex_title,  // the annex's title: 2号小标宋, centred, broken only between words
};

struct Paragraph {
  std::string text;
  ParagraphStyle style = ParagraphStyle::body;
  // annex_title: the text broken into lines between words (title_lines()); empty = one line.
  std::vector<std::string> lines = {};
};

enum class CellAlign { left, center, right };

struct Cell {
  std::string text;
  int colspan = 1;
  CellAlign align = CellAlign::left;
  bool bold = false;
  // Continues the cell of the same column in the row above (一级/二级指标 groups): drawn once
  // per group (PDF), vMerge (DOCX), rowspan (HTML), blank (Markdown). The text is repeated
  // here so that a renderer that starts a new page can print it again.
  bool merge_up = false;
  // On any cell of a row: the row stays on the page of the row above (附件2's 偏差原因 row under
  // its indicator): the PDF moves both to the next page, the DOCX keeps the row above with it.
  bool keep_with_above = false;
};

using Row = std::vector<Cell>;

// A table that may split across pages; its header rows repeat on each page.
struct Table {
  std::string caption;      // printed above the table, centred and bold
  std::vector<Row> header;  // repeated on every page
  std::vector<Row> rows;
  std::vector<double> widths;  // relative column widths; one per column
  int columns() const { return static_cast<int>(widths.size()); }
};

// Monthly cumulative execution against the schedule (序时进度), with the forecast band when
// monitoring computed one. All amounts are cumulative to the end of each month.
struct Chart {
  std::string title;
  int year = 0;
  Money budget;                                   // 全年预算数, the 100 % line
  std::array<std::optional<Money>, 12> executed;  // 累计执行数; nullopt after the as-of month
  std::array<Money, 12> schedule{};               // 序时进度 in money
  std::optional<std::array<Money, 12>> forecast_low;   // 预测区间下限
  std::optional<std::array<Money, 12>> forecast_high;  // 预测区间上限
};

struct PageBreak {};

using Block = std::variant<Heading, Paragraph, Table, Chart, PageBreak>;

enum class ReportKind { overall, project };

struct Document {
  ReportKind kind = ReportKind::overall;
  std::string title;  // "2022年度…部门整体支出绩效自评报告"
  // The title as printed: broken only between words, lines balanced (title_lines()).
  std::vector<std::string> title_lines;
  std::string unit_code;
  std::string unit_name;
  int year = 0;
  std::vector<Block> blocks;
  // Plain statements of what the data did not provide ("未找到评分数据…"), also in the text.
  std::vector<std::string> gaps;

  Document& add(Block block) {
    blocks.push_back(std::move(block));
    return *this;
  }
};

}  // namespace jixiao::report

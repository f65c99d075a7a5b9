// report/markdown.cpp — Document → Markdown (GitHub tables; the chart as a table of its figures).
#include <sstream>

#include "report/report.hpp"

namespace jixiao::report {
namespace {

std::string escape_cell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|')
      out += "\\|";
    else if (ch == '\n')
      out += "<br>";
    else
      out += ch;
  }
  return out;
}

// A row with spans expanded into empty cells (pipe tables cannot span).
std::vector<const Cell*> expand(const Row& row, int columns) {
  std::vector<const Cell*> out;
  for (const Cell& cell : row) {
    out.push_back(&cell);
    for (int i = 1; i < cell.colspan; ++i) out.push_back(nullptr);
  }
  out.resize(static_cast<std::size_t>(columns), nullptr);
  return out;
}

void write_row(std::ostringstream& o, const Row& row, int columns) {
  o << "|";
  for (const Cell* cell : expand(row, columns)) {
    o << " " << (cell && !cell->merge_up ? escape_cell(cell->text) : "") << " |";
  }
  o << "\n";
}

void write_table(std::ostringstream& o, const Table& t) {
  if (!t.caption.empty()) o << "**" << t.caption << "**\n\n";
  int n = t.columns();
  std::vector<Row> rows = t.header;
  rows.insert(rows.end(), t.rows.begin(), t.rows.end());
  if (rows.empty()) return;
  write_row(o, rows.front(), n);
  // Alignment from the first body row, where figures sit right-aligned.
  const Row& sample =
      rows.size() > t.header.size() && !t.header.empty() ? rows[t.header.size()] : rows.front();
  o << "|";
  for (const Cell* cell : expand(sample, n)) {
    CellAlign a = cell ? cell->align : CellAlign::left;
    o << (a == CellAlign::right ? " ---: |" : a == CellAlign::center ? " :---: |" : " --- |");
  }
  o << "\n";
  for (std::size_t i = 1; i < rows.size(); ++i) write_row(o, rows[i], n);
  o << "\n";
}

void write_chart(std::ostringstream& o, const Chart& ch) {
  o << "**" << ch.title << "**\n\n";
  bool band = ch.forecast_low && ch.forecast_high;
  o << "| 月份 | 累计执行数 | 序时进度 | 累计执行率 |" << (band ? " 预测下限 | 预测上限 |" : "")
    << "\n";
  o << "| :---: | ---: | ---: | ---: |" << (band ? " ---: | ---: |" : "") << "\n";
  for (std::size_t m = 0; m < 12; ++m) {
    o << "| " << m + 1 << "月 | " << (ch.executed[m] ? format_wan(*ch.executed[m]) : "—") << " | "
      << format_wan(ch.schedule[m]) << " | "
      << (ch.executed[m] ? Rate::of(*ch.executed[m], ch.budget).percent_text(1) : "—") << " |";
    if (band)
      o << " " << format_wan((*ch.forecast_low)[m]) << " | " << format_wan((*ch.forecast_high)[m])
        << " |";
    o << "\n";
  }
  o << "\n";
}

}  // namespace

std::string render_markdown(const Document& doc) {
  std::ostringstream o;
  o << "# " << doc.title << "\n\n";
  for (const Block& block : doc.blocks) {
    if (const auto* h = std::get_if<Heading>(&block)) {
      o << std::string(static_cast<std::size_t>(h->level) + 1, '#') << " " << h->full() << "\n\n";
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      switch (p->style) {
        case ParagraphStyle::body:
        case ParagraphStyle::flush:
        case ParagraphStyle::annex_label:
          o << p->text << "\n\n";
          break;
        case ParagraphStyle::annex_title:
          o << "**" << p->text << "**\n\n";
          break;
        case ParagraphStyle::note:
          o << "> " << p->text << "\n\n";
          break;
        case ParagraphStyle::pending:
          o << "*" << p->text << "*\n\n";
          break;
      }
    } else if (const auto* t = std::get_if<Table>(&block)) {
      write_table(o, *t);
    } else if (const auto* ch = std::get_if<Chart>(&block)) {
      write_chart(o, *ch);
    } else if (std::holds_alternative<PageBreak>(block)) {
      o << "---\n\n";
    }
  }
  return o.str();
}

}  // namespace jixiao::report

// report/html.cpp — Document → one self-contained HTML file (inline CSS, chart as a data: PNG).
#include <sstream>

#include "report/render_internal.hpp"
#include "report/report.hpp"

namespace jixiao::report {
namespace {

using internal::xml_escape;

// GB/T 9704 on screen and in print: A4 and its margins, 仿宋 body, 黑体 / 楷体 headings.
constexpr std::string_view k_css = R"(@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", serif;
  font-size: 16pt; line-height: 28pt; max-width: 156mm; margin: 2em auto; color: #111; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; font-size: 22pt;
  line-height: 1.5; font-weight: bold; text-align: center; margin: 0 0 28pt; }
h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal;
  margin: 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "Noto Serif CJK SC", serif; font-size: 16pt;
  font-weight: normal; margin: 0; text-indent: 2em; }
h4 { font-size: 16pt; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.flush { text-indent: 0; }
p.note { font-size: 12pt; line-height: 20pt; color: #444; }
p.pending { color: #8a6d00; }
p.annex-label { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; text-indent: 0; }
p.annex-title { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif; font-size: 22pt;
  line-height: 1.5; text-align: center; text-indent: 0; margin: 0 0 14pt; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0 14pt; font-size: 10.5pt; line-height: 1.5; }
caption { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 14pt; padding-bottom: 6pt; }
th, td { border: 0.5pt solid #333; padding: 2pt 4pt; vertical-align: middle; }
th { font-weight: bold; text-align: center; }
td.r { text-align: right; } td.c { text-align: center; } td.b { font-weight: bold; }
thead { display: table-header-group; }
figure { margin: 8pt 0; text-align: center; } figure img { width: 100%; }
.page-break { break-after: page; height: 0; }
@media screen { .page-break { border-top: 1px dashed #bbb; margin: 28pt 0; } }
)";

// `rows[i]` with its merged groups as rowspan: a cell continued below spans those rows, and
// the continuing cells are left out.
void write_row(std::ostringstream& o, const std::vector<Row>& rows, std::size_t i, bool header) {
  const Row& row = rows[i];
  o << "<tr>";
  for (std::size_t k = 0; k < row.size(); ++k) {
    const Cell& c = row[k];
    if (c.merge_up) continue;
    int span = 1;
    while (i + static_cast<std::size_t>(span) < rows.size() &&
           k < rows[i + static_cast<std::size_t>(span)].size() &&
           rows[i + static_cast<std::size_t>(span)][k].merge_up) {
      ++span;
    }
    const char* tag = header ? "th" : "td";
    o << "<" << tag;
    if (c.colspan > 1) o << " colspan=\"" << c.colspan << "\"";
    if (span > 1) o << " rowspan=\"" << span << "\"";
    if (!header) {
      std::string cls;
      if (c.align == CellAlign::right) cls = "r";
      if (c.align == CellAlign::center) cls = "c";
      if (c.bold) cls += cls.empty() ? "b" : " b";
      if (!cls.empty()) o << " class=\"" << cls << "\"";
    }
    o << ">" << xml_escape(c.text) << "</" << tag << ">";
  }
  o << "</tr>\n";
}

}  // namespace

std::string render_html(const Document& doc, const RenderOptions& options) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
    << xml_escape(doc.title) << "</title>\n<style>\n"
    << k_css << "</style>\n</head>\n<body>\n<h1>";
  if (doc.title_lines.empty()) o << xml_escape(doc.title);
  for (std::size_t i = 0; i < doc.title_lines.size(); ++i)
    o << (i ? "<br>" : "") << xml_escape(doc.title_lines[i]);
  o << "</h1>\n";
  for (const Block& block : doc.blocks) {
    if (const auto* h = std::get_if<Heading>(&block)) {
      int tag = h->level + 1;
      o << "<h" << tag << ">" << xml_escape(h->full()) << "</h" << tag << ">\n";
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      const char* cls = p->style == ParagraphStyle::flush         ? " class=\"flush\""
                        : p->style == ParagraphStyle::note        ? " class=\"note\""
                        : p->style == ParagraphStyle::pending     ? " class=\"pending\""
                        : p->style == ParagraphStyle::annex_label ? " class=\"annex-label\""
                        : p->style == ParagraphStyle::annex_title ? " class=\"annex-title\""
                                                                  : "";
      o << "<p" << cls << ">";
      if (p->lines.empty()) o << xml_escape(p->text);
      for (std::size_t i = 0; i < p->lines.size(); ++i)
        o << (i ? "<br>" : "") << xml_escape(p->lines[i]);
      o << "</p>\n";
    } else if (const auto* t = std::get_if<Table>(&block)) {
      o << "<table>\n";
      if (!t->caption.empty()) o << "<caption>" << xml_escape(t->caption) << "</caption>\n";
      o << "<colgroup>";
      double sum = 0;
      for (double w : t->widths) sum += w;
      for (double w : t->widths)
        o << "<col style=\"width:" << static_cast<int>(w * 1000 / sum) / 10.0 << "%\">";
      o << "</colgroup>\n<thead>\n";
      for (std::size_t i = 0; i < t->header.size(); ++i) write_row(o, t->header, i, true);
      o << "</thead>\n<tbody>\n";
      for (std::size_t i = 0; i < t->rows.size(); ++i) write_row(o, t->rows, i, false);
      o << "</tbody>\n</table>\n";
    } else if (const auto* ch = std::get_if<Chart>(&block)) {
      if (!options.chart) continue;
      auto png = chart_png(*ch, 1200, 560);
      if (!png) continue;  // a chart that cannot be drawn leaves the figures in the table
      o << "<figure><img alt=\"" << xml_escape(ch->title) << "\" src=\"data:image/png;base64,"
        << internal::base64(*png) << "\"></figure>\n";
    } else if (std::holds_alternative<PageBreak>(block)) {
      o << "<div class=\"page-break\"></div>\n";
    }
  }
  o << "</body>\n</html>\n";
  return o.str();
}

}  // namespace jixiao::report

// report/docx.cpp — Document → DOCX, written directly as WordprocessingML and zipped with libzip.
//
// The package is the smallest that Word, WPS and LibreOffice open: content types, package
// relations, document, styles, a footer with the "— N —" page number, core properties and
// the chart as a PNG. Page set-up follows GB/T 9704 (A4; margins 37/35/28/26 mm; 仿宋 三号
// with an exact 28-pt line; 黑体 and 楷体 headings; 小标宋 二号 title). Fonts are named by
// their official names; the reader's machine substitutes the ones it lacks.
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

#include "report/render_internal.hpp"
#include "report/report.hpp"

namespace jixiao::report {
namespace {

using internal::xml_escape;

// Twips (1/20 pt): A4 is 11906 × 16838; margins 37 mm, 35 mm, 28 mm, 26 mm.
constexpr int k_page_w = 11906, k_page_h = 16838;
constexpr int k_margin_top = 2098, k_margin_bottom = 1984, k_margin_left = 1587,
              k_margin_right = 1474;
constexpr int k_text_w = k_page_w - k_margin_left - k_margin_right;  // 8845
constexpr long k_emu_per_twip = 635;

constexpr std::string_view k_content_types =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>)";

constexpr std::string_view k_package_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>)";

constexpr std::string_view k_settings =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
</w:settings>)";

std::string fonts(std::string_view east_asia, std::string_view latin = "Times New Roman") {
  return "<w:rFonts w:ascii=\"" + std::string(latin) + "\" w:hAnsi=\"" + std::string(latin) +
         "\" w:eastAsia=\"" + std::string(east_asia) + "\" w:cs=\"" + std::string(latin) + "\"/>";
}

std::string styles_xml() {
  std::ostringstream o;
  o << R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr>)"
    << fonts(internal::k_font_body)
    << R"(<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="560" w:line="700" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>)"
    << fonts(internal::k_font_title) << R"(<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="AnnexLabel"><w:name w:val="Annex Label"/><w:basedOn w:val="Normal"/><w:next w:val="AnnexTitle"/><w:pPr><w:keepNext/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr>)"
    << fonts(internal::k_font_heading1) << R"(</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="AnnexTitle"><w:name w:val="Annex Title"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="280" w:after="280" w:line="700" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr>)"
    << fonts(internal::k_font_title) << R"(<w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>)"
    << fonts(internal::k_font_heading1) << R"(</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr>)"
    << fonts(internal::k_font_heading2) << R"(</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="3"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Flush"><w:name w:val="Flush"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="400" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="120" w:after="120" w:line="400" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr>)"
    << fonts(internal::k_font_heading1)
    << R"(<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="300" w:lineRule="atLeast"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:rPr>)"
    << fonts(internal::k_font_song) << R"(<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style>
</w:styles>)";
  return o.str();
}

// "— N —" 四号: odd pages flush right and even pages flush left, one character in (GB/T 9704 §7.5).
std::string footer_xml(bool odd) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/>)") +
         (odd ? R"(<w:ind w:right="280"/><w:jc w:val="right"/>)"
              : R"(<w:ind w:left="280"/><w:jc w:val="left"/>)") +
         R"(</w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>)";
}

std::string core_xml(const Document& doc) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>)" +
         xml_escape(doc.title) +
         "</dc:title><dc:creator>jixiao</dc:creator><dc:language>zh-CN</dc:language></"
         "cp:coreProperties>";
}

void run(std::ostringstream& o, std::string_view text, bool bold = false) {
  o << "<w:r>";
  if (bold) o << "<w:rPr><w:b/></w:rPr>";
  o << "<w:t xml:space=\"preserve\">" << xml_escape(text) << "</w:t></w:r>";
}

void paragraph(std::ostringstream& o, std::string_view style, std::string_view text,
               std::string_view extra_ppr = {}) {
  o << "<w:p><w:pPr>";
  if (!style.empty()) o << "<w:pStyle w:val=\"" << style << "\"/>";
  o << extra_ppr << "</w:pPr>";
  run(o, text);
  o << "</w:p>";
}

// A paragraph of given lines, kept apart by line breaks (titles broken between words).
void broken_paragraph(std::ostringstream& o, std::string_view style,
                      const std::vector<std::string>& lines) {
  o << "<w:p><w:pPr><w:pStyle w:val=\"" << style << "\"/></w:pPr>";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) o << "<w:r><w:br/></w:r>";
    run(o, lines[i]);
  }
  o << "</w:p>";
}

void table(std::ostringstream& o, const Table& t) {
  if (!t.caption.empty()) paragraph(o, "Caption", t.caption);
  double sum = 0;
  for (double w : t.widths) sum += w;
  std::vector<int> cols;
  for (double w : t.widths) cols.push_back(static_cast<int>(std::lround(k_text_w * w / sum)));
  o << "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"" << k_text_w
    << "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook "
       "w:val=\"04A0\"/></w:tblPr><w:tblGrid>";
  for (int w : cols) o << "<w:gridCol w:w=\"" << w << "\"/>";
  o << "</w:tblGrid>";
  auto write_row = [&](const Row& row, const Row* below, bool header) {
    o << "<w:tr><w:trPr><w:cantSplit/>" << (header ? "<w:tblHeader/>" : "") << "</w:trPr>";
    const bool keep_next = below && std::any_of(below->begin(), below->end(),
                                                [](const Cell& c) { return c.keep_with_above; });
    std::size_t col = 0;
    for (std::size_t k = 0; k < row.size(); ++k) {
      const Cell& c = row[k];
      // 一级/二级 groups: vMerge restart on the first cell, continue on the cells below.
      bool restarts = !c.merge_up && below && k < below->size() && (*below)[k].merge_up;
      int w = 0;
      for (int i = 0; i < c.colspan && col + static_cast<std::size_t>(i) < cols.size(); ++i) {
        w += cols[col + static_cast<std::size_t>(i)];
      }
      col += static_cast<std::size_t>(c.colspan);
      o << "<w:tc><w:tcPr><w:tcW w:w=\"" << w << "\" w:type=\"dxa\"/>";
      if (c.colspan > 1) o << "<w:gridSpan w:val=\"" << c.colspan << "\"/>";
      if (c.merge_up) o << "<w:vMerge/>";
      if (restarts) o << "<w:vMerge w:val=\"restart\"/>";
      o << "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/>";
      if (keep_next) o << "<w:keepNext/>";  // Word keeps a row whose paragraphs keep with the next
      CellAlign a = header ? CellAlign::center : c.align;
      if (a != CellAlign::left)
        o << "<w:jc w:val=\"" << (a == CellAlign::right ? "right" : "center") << "\"/>";
      o << "</w:pPr>";
      if (!c.merge_up) run(o, c.text, header || c.bold);
      o << "</w:p></w:tc>";
    }
    o << "</w:tr>";
  };
  for (const Row& r : t.header) write_row(r, nullptr, true);
  for (std::size_t i = 0; i < t.rows.size(); ++i)
    write_row(t.rows[i], i + 1 < t.rows.size() ? &t.rows[i + 1] : nullptr, false);
  o << "</w:tbl>";
  paragraph(o, "Note", "");
}

void image(std::ostringstream& o, const std::string& rel_id, int id, const std::string& name,
           long cx, long cy) {
  o << R"(<w:p><w:pPr><w:pStyle w:val="Flush"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx=")"
    << cx << "\" cy=\"" << cy << "\"/><wp:docPr id=\"" << id << "\" name=\"" << xml_escape(name)
    << R"("/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id=")"
    << id << "\" name=\"" << xml_escape(name)
    << R"("/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=")" << rel_id
    << R"("/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx=")"
    << cx << "\" cy=\"" << cy
    << R"("/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>)";
}

// Owns the zip being written in memory; closes and frees whatever is left on every path.
class ZipWriter {
 public:
  ZipWriter() {
    zip_error_init(&m_error);
    m_source = zip_source_buffer_create(nullptr, 0, 0, &m_error);
    if (m_source) m_zip = zip_open_from_source(m_source, ZIP_TRUNCATE, &m_error);
    if (m_zip) zip_source_keep(m_source);
  }
  ~ZipWriter() {
    if (m_zip) zip_discard(m_zip);
    if (m_source) zip_source_free(m_source);
    zip_error_fini(&m_error);
  }
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  bool ok() const { return m_zip != nullptr; }
  std::string error() { return zip_error_strerror(&m_error); }

  // Adds `data` as `name`; `data` must live until finish(). Stored uncompressed when `store`.
  bool add(const char* name, std::string_view data, bool store = false) {
    zip_source_t* s = zip_source_buffer(m_zip, data.data(), data.size(), 0);
    if (!s) return false;
    zip_int64_t index = zip_file_add(m_zip, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(s);
      return false;
    }
    // Level 1: the XML still shrinks by ~80 %, at a fraction of level 6's time.
    zip_set_file_compression(m_zip, static_cast<zip_uint64_t>(index),
                             store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 1);
    return true;
  }

  Result<std::string> finish() {
    if (zip_close(m_zip) != 0) {
      std::string why = zip_strerror(m_zip);
      return fail(Error::internal("DOCX 打包失败: " + why));
    }
    m_zip = nullptr;
    std::string out;
    if (zip_source_open(m_source) != 0)
      return fail(Error::internal("DOCX 打包失败: 无法读回压缩包"));
    char buf[65536];
    zip_int64_t n;
    while ((n = zip_source_read(m_source, buf, sizeof buf)) > 0)
      out.append(buf, static_cast<std::size_t>(n));
    zip_source_close(m_source);
    return out;
  }

 private:
  zip_error_t m_error;
  zip_source_t* m_source = nullptr;
  zip_t* m_zip = nullptr;
};

}  // namespace

Result<std::string> render_docx(const Document& doc, const RenderOptions& options) {
  std::ostringstream o;
  o << R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>)";
  if (doc.title_lines.empty())
    paragraph(o, "Title", doc.title);
  else
    broken_paragraph(o, "Title", doc.title_lines);
  std::vector<std::string> images;  // PNG bytes, media/chartN.png
  for (const Block& block : doc.blocks) {
    if (const auto* h = std::get_if<Heading>(&block)) {
      paragraph(o, h->level == 1 ? "Heading1" : h->level == 2 ? "Heading2" : "Heading3", h->full());
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      switch (p->style) {
        case ParagraphStyle::body:
        case ParagraphStyle::pending:
          paragraph(o, "", p->text);
          break;
        case ParagraphStyle::flush:
          paragraph(o, "Flush", p->text);
          break;
        case ParagraphStyle::note:
          paragraph(o, "Note", p->text);
          break;
        case ParagraphStyle::annex_label:
          paragraph(o, "AnnexLabel", p->text);
          break;
        case ParagraphStyle::annex_title:
          if (p->lines.empty())
            paragraph(o, "AnnexTitle", p->text);
          else
            broken_paragraph(o, "AnnexTitle", p->lines);
          break;
      }
    } else if (const auto* t = std::get_if<Table>(&block)) {
      table(o, *t);
    } else if (const auto* ch = std::get_if<Chart>(&block)) {
      if (!options.chart) continue;
      auto png = chart_png(*ch, 1100, 540);
      if (!png) return fail(std::move(png.error()));
      images.push_back(std::move(*png));
      int n = static_cast<int>(images.size());
      long cx = k_text_w * k_emu_per_twip;
      image(o, "rIdImg" + std::to_string(n), n, ch->title, cx, cx * 540 / 1100);
    } else if (std::holds_alternative<PageBreak>(block)) {
      o << R"(<w:p><w:pPr><w:pStyle w:val="Flush"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>)";
    }
  }
  o << R"(<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz w:w=")"
    << k_page_w << "\" w:h=\"" << k_page_h << "\"/><w:pgMar w:top=\"" << k_margin_top
    << "\" w:right=\"" << k_margin_right << "\" w:bottom=\"" << k_margin_bottom << "\" w:left=\""
    << k_margin_left
    << R"(" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="linesAndChars" w:linePitch="560" w:charSpace="-849"/></w:sectPr></w:body></w:document>)";
  std::string document = o.str();

  std::string rels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>
)";
  for (std::size_t i = 0; i < images.size(); ++i) {
    rels += "<Relationship Id=\"rIdImg" + std::to_string(i + 1) +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
            "Target=\"media/chart" +
            std::to_string(i + 1) + ".png\"/>\n";
  }
  rels += "</Relationships>";
  std::string styles = styles_xml(), footer = footer_xml(true), footer_even = footer_xml(false),
              core = core_xml(doc);
  std::vector<std::string> image_names;
  for (std::size_t i = 0; i < images.size(); ++i)
    image_names.push_back("word/media/chart" + std::to_string(i + 1) + ".png");

  ZipWriter zip;
  if (!zip.ok()) return fail(Error::internal("DOCX 打包失败: " + zip.error()));
  bool ok = zip.add("[Content_Types].xml", k_content_types) &&
            zip.add("_rels/.rels", k_package_rels) && zip.add("word/document.xml", document) &&
            zip.add("word/_rels/document.xml.rels", rels) && zip.add("word/styles.xml", styles) &&
            zip.add("word/settings.xml", k_settings) && zip.add("word/footer1.xml", footer) &&
            zip.add("word/footer2.xml", footer_even) && zip.add("docProps/core.xml", core);
  for (std::size_t i = 0; ok && i < images.size(); ++i)
    ok = zip.add(image_names[i].c_str(), images[i], true);
  if (!ok) return fail(Error::internal("DOCX 打包失败: " + zip.error()));
  return zip.finish();
}

}  // namespace jixiao::report

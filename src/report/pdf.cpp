// report/pdf.cpp — Document → PDF through cairo + pango, in the GB/T 9704 layout.
//
// A small flow layout: blocks go down the page's text area (A4; margins 37 mm top, 35 mm
// bottom, 28 mm left, 26 mm right); body lines sit on a fixed 28-pt pitch; pango breaks
// Chinese lines (no 。or ， at a line start) and justifies them; tables split between rows and
// repeat their header rows on each page; page numbers "— N —" go below the text area.
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <initializer_list>
#include <set>
#include <vector>

#include "report/render_internal.hpp"
#include "report/report.hpp"

namespace jixiao::report {
namespace internal {

const FontSet& pdf_fonts(const std::string& fonts_dir) {
  // Looked up once per process (fontconfig's start-up is the slow part); a --fonts folder is
  // added to fontconfig's application fonts before the first look-up.
  static const FontSet set = [&] {
    if (!fonts_dir.empty()) {
      FcConfigAppFontAddDir(FcConfigGetCurrent(),
                            reinterpret_cast<const FcChar8*>(fonts_dir.c_str()));
      pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(pango_cairo_font_map_get_default()));
    }
    std::set<std::string> installed;
    PangoFontMap* map = pango_cairo_font_map_get_default();
    PangoFontFamily** families = nullptr;
    int n = 0;
    pango_font_map_list_families(map, &families, &n);
    for (int i = 0; i < n; ++i) installed.insert(pango_font_family_get_name(families[i]));
    g_free(families);
    std::vector<std::string> substituted;
    // The first official face installed, else the first free one installed, else the last resort.
    auto pick = [&](const char* role, std::initializer_list<const char*> official,
                    std::initializer_list<const char*> free, bool& is_official) {
      for (const char* w : official) {
        if (installed.contains(w)) {
          is_official = true;
          return std::string(w);
        }
      }
      is_official = false;
      std::string chosen = "Noto Serif CJK SC";
      for (const char* w : free) {
        if (installed.contains(w)) {
          chosen = w;
          break;
        }
      }
      substituted.push_back(std::string(role) + "→" + chosen);
      return chosen;
    };
    FontSet f;
    bool title_official = false, body_official = false, h1_official = false, h2_official = false,
         song_official = false;
    f.title = pick(
        "小标宋", {"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"},
        {"Noto Serif CJK SC"}, title_official);
    f.body = pick("仿宋", {"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong"},
                  {"Noto Serif CJK SC"}, body_official);
    f.heading1 = pick("黑体", {"黑体", "SimHei", "STHeiti"}, {"Noto Sans CJK SC"}, h1_official);
    f.heading2 = pick("楷体", {"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti"},
                      {"AR PL UKai CN", "AR PL UKai TW"}, h2_official);
    f.page_number =
        pick("宋体", {"宋体", "SimSun", "STSong"}, {"Noto Serif CJK SC"}, song_official);
    // 小标宋 is already heavy: bold only its substitute. A 楷体 substitute that is not a
    // kai face at all is bolded so that level-2 headings stay apart from the body.
    f.title_bold = !title_official;
    f.heading2_bold = !h2_official && f.heading2 == "Noto Serif CJK SC";
    f.official = title_official && body_official && h1_official && h2_official;
    if (!substituted.empty()) {
      f.notice = "未安装的公文字体已替换（PDF 内嵌所用字体）：";
      for (std::size_t i = 0; i < substituted.size(); ++i)
        f.notice += (i ? "，" : "") + substituted[i];
      f.notice += "；可用 --fonts DIR 指定公文字体所在目录。";
    }
    return f;
  }();
  return set;
}

}  // namespace internal

namespace {

constexpr double k_mm = 72.0 / 25.4;
constexpr double k_page_w = 210 * k_mm, k_page_h = 297 * k_mm;
constexpr double k_left = 28 * k_mm, k_right = 26 * k_mm, k_top = 37 * k_mm, k_bottom = 35 * k_mm;
constexpr double k_text_w = k_page_w - k_left - k_right;
constexpr double k_text_bottom = k_page_h - k_bottom;
constexpr double k_body_size = 16;     // 三号
constexpr double k_title_size = 22;    // 二号
constexpr double k_pitch = 28;         // fixed line spacing
constexpr double k_table_size = 10.5;  // 五号
constexpr double k_cell_pad = 3;
// 28 characters a line (GB/T 9704 §5.2.2): the 156 mm line holds 28 三号 characters when each
// advances by k_text_w / 28 (15.79 pt), i.e. a letter spacing of about −0.21 pt.
constexpr double k_char_advance = k_text_w / 28;
constexpr double k_letter_spacing = k_char_advance - k_body_size;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Style {
  PangoFontDescription* font = nullptr;
  double pitch = k_pitch;  // 0: natural line height
  double indent = 0;       // first-line indent in points
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = true;
  double letter_spacing = 0;  // points added after each character
};

class PdfWriter {
 public:
  explicit PdfWriter(const internal::FontSet& fonts) {
    m_surface = cairo_pdf_surface_create_for_stream(append_bytes, &m_bytes, k_page_w, k_page_h);
    m_cr = cairo_create(m_surface);
    m_context = pango_cairo_create_context(m_cr);
    pango_context_set_language(m_context, pango_language_from_string("zh-cn"));
    // Layout in points with unhinted metrics, so that the PDF matches its page geometry.
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(m_context, options);
    cairo_font_options_destroy(options);
    m_title = font(fonts.title, k_title_size, fonts.title_bold);
    m_body = font(fonts.body, k_body_size, false);
    m_h1 = font(fonts.heading1, k_body_size, false);
    m_h2 = font(fonts.heading2, k_body_size, fonts.heading2_bold);
    m_h3 = font(fonts.body, k_body_size, true);
    m_note = font(fonts.body, 12, false);
    m_caption = font(fonts.heading1, 14, false);
    m_cell = font(fonts.body, k_table_size, false);
    m_cell_bold = font(fonts.body, k_table_size, true);
    m_page_number = font(fonts.page_number, 14, false);
    m_y = k_top;
  }
  ~PdfWriter() {
    for (auto* f : {m_title, m_body, m_h1, m_h2, m_h3, m_note, m_caption, m_cell, m_cell_bold,
                    m_page_number}) {
      pango_font_description_free(f);
    }
    g_object_unref(m_context);
    cairo_destroy(m_cr);
    cairo_surface_destroy(m_surface);
  }
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  void set_title(const std::string& title) {
    cairo_pdf_surface_set_metadata(m_surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(m_surface, CAIRO_PDF_METADATA_CREATOR, "jixiao");
  }

  // The title (or an annex title), one layout line per given line: they were broken between words.
  void title(const std::string& text, const std::vector<std::string>& given) {
    Style s{m_title, 36, 0, PANGO_ALIGN_CENTER, false};
    if (given.empty()) lines(text, s);
    for (const auto& line : given) lines(line, s);
    m_y += k_pitch;  // a blank line under the title
  }
  void heading(const Heading& h) {
    keep(3 * k_pitch);
    PangoFontDescription* f = h.level == 1 ? m_h1 : h.level == 2 ? m_h2 : m_h3;
    lines(h.full(),
          Style{f, k_pitch, 2 * k_char_advance, PANGO_ALIGN_LEFT, false, k_letter_spacing});
  }
  void paragraph(const Paragraph& p) {
    switch (p.style) {
      case ParagraphStyle::body:
      case ParagraphStyle::pending:
        lines(p.text,
              Style{m_body, k_pitch, 2 * k_char_advance, PANGO_ALIGN_LEFT, true, k_letter_spacing});
        break;
      case ParagraphStyle::flush:
        lines(p.text, Style{m_body, k_pitch, 0, PANGO_ALIGN_LEFT, true, k_letter_spacing});
        break;
      case ParagraphStyle::note:
        lines(p.text, Style{m_note, 20, 2 * 12});
        break;
      case ParagraphStyle::annex_label:
        lines(p.text, Style{m_h1, k_pitch, 0, PANGO_ALIGN_LEFT, false, k_letter_spacing});
        break;
      case ParagraphStyle::annex_title:
        m_y += k_pitch / 2;
        title(p.text, p.lines);
        break;
    }
  }
  void chart(const Chart& chart) {
    double h = k_text_w * 0.5;
    keep(h);
    internal::draw_chart(m_cr, chart, k_left, m_y, k_text_w, h);
    m_y += h + 6;
  }
  void page_break() {
    if (m_y > k_top) new_page();
  }
  void table(const Table& t);

  Result<std::string> finish() {
    finish_page();
    cairo_surface_finish(m_surface);
    cairo_status_t status = cairo_surface_status(m_surface);
    if (status != CAIRO_STATUS_SUCCESS) {
      return fail(Error::internal(std::string("PDF 生成失败: ") + cairo_status_to_string(status)));
    }
    return std::move(m_bytes);
  }

 private:
  PangoFontDescription* font(const std::string& family, double size, bool bold) {
    PangoFontDescription* f = pango_font_description_new();
    pango_font_description_set_family(f, family.c_str());
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    return f;
  }

  PangoLayout* layout(const std::string& text, PangoFontDescription* f, double width,
                      PangoAlignment align, bool justify, double indent,
                      double letter_spacing = 0) {
    PangoLayout* l = pango_layout_new(m_context);
    if (letter_spacing != 0) {
      PangoAttrList* attrs = pango_attr_list_new();
      pango_attr_list_insert(
          attrs, pango_attr_letter_spacing_new(static_cast<int>(letter_spacing * PANGO_SCALE)));
      pango_layout_set_attributes(l, attrs);
      pango_attr_list_unref(attrs);
    }
    pango_layout_set_font_description(l, f);
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    pango_layout_set_justify(l, justify);
    pango_layout_set_indent(l, static_cast<int>(indent * PANGO_SCALE));
    pango_layout_set_text(l, text.c_str(), static_cast<int>(text.size()));
    return l;
  }

  // Lays `text` out on the style's fixed pitch, breaking pages between lines.
  void lines(const std::string& text, const Style& s) {
    // The line is widened by one spacing: pango adds it after the last character too.
    PangoLayout* l = layout(text, s.font, k_text_w - s.letter_spacing + 0.01, s.align, s.justify,
                            s.indent, s.letter_spacing);
    PangoLayoutIter* it = pango_layout_get_iter(l);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      int baseline = pango_layout_iter_get_baseline(it);
      double height = logical.height / static_cast<double>(PANGO_SCALE);
      double ascent = (baseline - logical.y) / static_cast<double>(PANGO_SCALE);
      double pitch = s.pitch > 0 ? s.pitch : height;
      if (m_y + pitch > k_text_bottom + 0.01) new_page();
      cairo_move_to(m_cr, k_left + logical.x / static_cast<double>(PANGO_SCALE),
                    m_y + (pitch - height) / 2 + ascent);
      cairo_set_source_rgb(m_cr, 0, 0, 0);
      pango_cairo_show_layout_line(m_cr, pango_layout_iter_get_line_readonly(it));
      m_y += pitch;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
  }

  // Starts a new page when less than `height` is left on this one.
  void keep(double height) {
    if (m_y > k_top && m_y + height > k_text_bottom) new_page();
  }

  void finish_page() {
    // "— N —", 四号 宋体, 7 mm below the text area; odd pages to the right and even pages to the
    // left, one character in from the edge of the text area (GB/T 9704 §7.5).
    std::string number = "— " + std::to_string(m_page) + " —";
    bool odd = m_page % 2 == 1;
    PangoLayout* l = layout(number, m_page_number, k_text_w - 2 * 14,
                            odd ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, false, 0);
    cairo_set_source_rgb(m_cr, 0, 0, 0);
    cairo_move_to(m_cr, k_left + 14, k_text_bottom + 7 * k_mm);
    pango_cairo_show_layout(m_cr, l);
    g_object_unref(l);
  }

  void new_page() {
    finish_page();
    cairo_show_page(m_cr);
    ++m_page;
    m_y = k_top;
  }

  struct CellBox {
    PangoLayout* layout = nullptr;
    double x = 0, w = 0, h = 0;
    bool merge_up =
        false;  // continues the cell above: no top border, no text (unless a page starts)
  };
  struct RowBox {
    std::vector<CellBox> cells;
    double height = 0;      // with every cell's text
    double own_height = 0;  // with the continuing cells left out
  };
  // `spans[k]`: cell k starts a group continued below; its text may run on into those rows,
  // so it does not set the row's height.
  RowBox layout_row(const Row& row, const std::vector<double>& xs, bool header,
                    const std::vector<bool>& spans = {});
  // Draws the row at m_y; `continued`: its merge_up cells continue the row above on this page.
  void draw_row(const RowBox& row, bool continued);
  void rule(double x0, double x1) {
    cairo_set_source_rgb(m_cr, 0, 0, 0);
    cairo_set_line_width(m_cr, 0.5);
    cairo_move_to(m_cr, x0, m_y);
    cairo_line_to(m_cr, x1, m_y);
    cairo_stroke(m_cr);
  }
  static void free_row(RowBox& row) {
    for (auto& c : row.cells) g_object_unref(c.layout);
  }

  std::string m_bytes;
  cairo_surface_t* m_surface = nullptr;
  cairo_t* m_cr = nullptr;
  PangoContext* m_context = nullptr;
  PangoFontDescription *m_title, *m_body, *m_h1, *m_h2, *m_h3, *m_note, *m_caption, *m_cell,
      *m_cell_bold, *m_page_number;
  int m_page = 1;
  double m_y = 0;
};

PdfWriter::RowBox PdfWriter::layout_row(const Row& row, const std::vector<double>& xs, bool header,
                                        const std::vector<bool>& spans) {
  RowBox box;
  std::size_t col = 0;
  for (std::size_t k = 0; k < row.size(); ++k) {
    const Cell& c = row[k];
    bool spanning = k < spans.size() && spans[k];
    std::size_t end =
        std::min(col + static_cast<std::size_t>(std::max(1, c.colspan)), xs.size() - 1);
    CellBox cb;
    cb.x = xs[col];
    cb.w = xs[end] - xs[col];
    cb.merge_up = c.merge_up;
    col = end;
    CellAlign a = header ? CellAlign::center : c.align;
    PangoAlignment pa = a == CellAlign::right    ? PANGO_ALIGN_RIGHT
                        : a == CellAlign::center ? PANGO_ALIGN_CENTER
                                                 : PANGO_ALIGN_LEFT;
    cb.layout = layout(c.text, header || c.bold ? m_cell_bold : m_cell, cb.w - 2 * k_cell_pad, pa,
                       false, 0);
    int w = 0, h = 0;
    pango_layout_get_size(cb.layout, &w, &h);
    cb.h = h / static_cast<double>(PANGO_SCALE);
    double need = spanning ? 0 : cb.h + 2 * k_cell_pad;
    box.height = std::max(box.height, need);
    if (!c.merge_up) box.own_height = std::max(box.own_height, need);
    box.cells.push_back(cb);
  }
  if (box.own_height == 0) box.own_height = box.height;
  if (box.height == 0) box.height = box.own_height = k_table_size + 2 * k_cell_pad;
  return box;
}

void PdfWriter::draw_row(const RowBox& row, bool continued) {
  double height = continued ? row.own_height : row.height;
  cairo_set_source_rgb(m_cr, 0, 0, 0);
  cairo_set_line_width(m_cr, 0.5);
  for (const CellBox& c : row.cells) {
    bool merged = continued && c.merge_up;
    // Left and right borders always; the top one only where a new cell starts.
    cairo_move_to(m_cr, c.x, m_y);
    cairo_line_to(m_cr, c.x, m_y + height);
    cairo_move_to(m_cr, c.x + c.w, m_y);
    cairo_line_to(m_cr, c.x + c.w, m_y + height);
    if (!merged) {
      cairo_move_to(m_cr, c.x, m_y);
      cairo_line_to(m_cr, c.x + c.w, m_y);
    }
    cairo_stroke(m_cr);
    if (merged) continue;
    // Every cell's text starts at the top of its row: the cells of a row share their first
    // baseline, so that text extraction (pdftotext, with or without -layout) reads a row as a line.
    double top = m_y + k_cell_pad;
    cairo_move_to(m_cr, c.x + k_cell_pad, top);
    pango_cairo_show_layout(m_cr, c.layout);
  }
  m_y += height;
}

bool keeps_with_above(const Row& r) {
  return std::any_of(r.begin(), r.end(), [](const Cell& c) { return c.keep_with_above; });
}

void PdfWriter::table(const Table& t) {
  std::vector<double> xs{k_left};
  double sum = 0;
  for (double w : t.widths) sum += w;
  for (double w : t.widths) xs.push_back(xs.back() + k_text_w * w / sum);

  std::vector<RowBox> header;
  double header_h = 0;
  for (const Row& r : t.header) {
    header.push_back(layout_row(r, xs, true));
    header_h += header.back().height;
  }
  double caption_h = t.caption.empty() ? 0 : 24;
  double first_h = 0;
  if (!t.rows.empty()) {
    RowBox first = layout_row(t.rows.front(), xs, false);
    first_h = first.height;
    free_row(first);
  }
  keep(caption_h + header_h + first_h);
  if (!t.caption.empty())
    lines(t.caption, Style{m_caption, caption_h, 0, PANGO_ALIGN_CENTER, false});
  for (const RowBox& h : header) draw_row(h, false);
  bool page_start = true;
  for (std::size_t ri = 0; ri < t.rows.size(); ++ri) {
    const Row& r = t.rows[ri];
    std::vector<bool> spans(r.size(), false);
    for (std::size_t k = 0; ri + 1 < t.rows.size() && k < r.size() && k < t.rows[ri + 1].size();
         ++k) {
      spans[k] = t.rows[ri + 1][k].merge_up;
    }
    RowBox box = layout_row(r, xs, false, spans);
    double height = page_start ? box.height : box.own_height;
    // A row that must stay with this one (a 偏差原因 row) needs its room here too.
    if (ri + 1 < t.rows.size() && keeps_with_above(t.rows[ri + 1])) {
      std::vector<bool> next_spans(t.rows[ri + 1].size(), false);
      for (std::size_t k = 0;
           ri + 2 < t.rows.size() && k < next_spans.size() && k < t.rows[ri + 2].size(); ++k) {
        next_spans[k] = t.rows[ri + 2][k].merge_up;
      }
      RowBox next = layout_row(t.rows[ri + 1], xs, false, next_spans);
      height += next.own_height;
      free_row(next);
    }
    if (m_y + height > k_text_bottom && m_y > k_top + header_h + 1) {
      rule(xs.front(), xs.back());
      new_page();
      for (const RowBox& h : header) draw_row(h, false);
      page_start = true;
    }
    draw_row(box, !page_start);
    page_start = false;
    free_row(box);
  }
  rule(xs.front(), xs.back());
  for (RowBox& h : header) free_row(h);
  m_y += k_pitch / 2;
}

}  // namespace

Result<Rendered> render_pdf(const Document& doc, const RenderOptions& options) {
  const internal::FontSet& fonts = internal::pdf_fonts(options.fonts_dir);
  PdfWriter w(fonts);
  w.set_title(doc.title);
  w.title(doc.title, doc.title_lines);
  for (const Block& block : doc.blocks) {
    if (const auto* h = std::get_if<Heading>(&block)) {
      w.heading(*h);
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      w.paragraph(*p);
    } else if (const auto* t = std::get_if<Table>(&block)) {
      w.table(*t);
    } else if (const auto* ch = std::get_if<Chart>(&block)) {
      if (options.chart) w.chart(*ch);
    } else if (std::holds_alternative<PageBreak>(block)) {
      w.page_break();
    }
  }
  auto bytes = w.finish();
  if (!bytes) return fail(std::move(bytes.error()));
  Rendered out{std::move(*bytes), {}};
  if (!fonts.notice.empty()) out.notices.push_back(fonts.notice);
  return out;
}

}  // namespace jixiao::report

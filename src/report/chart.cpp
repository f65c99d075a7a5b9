// report/chart.cpp — the execution chart drawn with cairo (vector into PDF, PNG for DOCX/HTML),
// plus the small encoders the renderers share.
#include <cairo.h>
#include <pango/pangocairo.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "report/render_internal.hpp"
#include "report/report.hpp"

namespace jixiao::report {
namespace internal {
namespace {

double wan(Money m) { return static_cast<double>(m.fen()) / 1'000'000.0; }

// A round step (1, 2 or 5 × 10^k) giving about five grid lines up to `max`.
double nice_step(double max) {
  if (max <= 0) return 1;
  double raw = max / 5.0;
  double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double f : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= f * p) return f * p;
  }
  return 10 * p;
}

enum class Anchor { left, center, right };

void text_at(cairo_t* cr, const std::string& s, double x, double y, double size, Anchor anchor,
             bool vcenter = true) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* fd = pango_font_description_from_string("Noto Sans CJK SC");
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, fd);
  pango_layout_set_text(layout, s.c_str(), static_cast<int>(s.size()));
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  double tw = w / static_cast<double>(PANGO_SCALE), th = h / static_cast<double>(PANGO_SCALE);
  double left = anchor == Anchor::left ? x : anchor == Anchor::center ? x - tw / 2 : x - tw;
  cairo_move_to(cr, left, vcenter ? y - th / 2 : y);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(fd);
  g_object_unref(layout);
}

}  // namespace

void draw_chart(cairo_t* cr, const Chart& chart, double x, double y, double w, double h) {
  cairo_save(cr);
  const double fs = std::clamp(w / 52.0, 7.0, 12.0);  // label size relative to the chart
  const double left = x + fs * 5.2, right = x + w - fs * 1.2;
  const double top = y + fs * 2.6, bottom = y + h - fs * 4.2;

  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);

  double max = wan(chart.budget);
  for (const auto& e : chart.executed) {
    if (e) max = std::max(max, wan(*e));
  }
  for (const auto& s : chart.schedule) max = std::max(max, wan(s));
  if (chart.forecast_high) {
    for (const auto& f : *chart.forecast_high) max = std::max(max, wan(f));
  }
  double step = nice_step(max * 1.02);
  double ymax = std::ceil(max * 1.02 / step) * step;
  if (ymax <= 0) ymax = 1;
  auto px = [&](int month) { return left + (right - left) * (month + 0.5) / 12.0; };
  auto py = [&](double v) { return bottom - (bottom - top) * v / ymax; };

  // Title.
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  text_at(cr, chart.title, x + w / 2, y + fs * 1.2, fs * 1.15, Anchor::center);

  // Grid and y labels (万元).
  cairo_set_line_width(cr, std::max(0.4, fs / 20));
  for (double v = 0; v <= ymax + step / 2; v += step) {
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_move_to(cr, left, py(v));
    cairo_line_to(cr, right, py(v));
    cairo_stroke(cr);
    char buf[32];
    std::snprintf(buf, sizeof buf, step < 1 ? "%.1f" : "%.0f", v);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    text_at(cr, buf, left - fs * 0.4, py(v), fs, Anchor::right);
  }
  for (int m = 0; m < 12; ++m) {
    text_at(cr, std::to_string(m + 1) + "月", px(m), bottom + fs * 0.9, fs, Anchor::center);
  }
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  cairo_move_to(cr, left, top);
  cairo_line_to(cr, left, bottom);
  cairo_line_to(cr, right, bottom);
  cairo_stroke(cr);

  // Budget (100 %) line.
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  double dots[] = {1.5 * fs / 10, 2.5 * fs / 10};
  cairo_set_dash(cr, dots, 2, 0);
  cairo_move_to(cr, left, py(wan(chart.budget)));
  cairo_line_to(cr, right, py(wan(chart.budget)));
  cairo_stroke(cr);

  // Forecast band.
  if (chart.forecast_low && chart.forecast_high) {
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_set_source_rgba(cr, 0.20, 0.47, 0.78, 0.18);
    for (int m = 0; m < 12; ++m) {
      double v = wan((*chart.forecast_high)[static_cast<std::size_t>(m)]);
      m == 0 ? cairo_move_to(cr, px(m), py(v)) : cairo_line_to(cr, px(m), py(v));
    }
    for (int m = 11; m >= 0; --m)
      cairo_line_to(cr, px(m), py(wan((*chart.forecast_low)[static_cast<std::size_t>(m)])));
    cairo_close_path(cr);
    cairo_fill(cr);
  }

  // Schedule (序时进度): dashed grey.
  double dash[] = {fs * 0.5, fs * 0.3};
  cairo_set_dash(cr, dash, 2, 0);
  cairo_set_line_width(cr, fs / 7);
  cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
  for (int m = 0; m < 12; ++m) {
    double v = wan(chart.schedule[static_cast<std::size_t>(m)]);
    m == 0 ? cairo_move_to(cr, px(m), py(v)) : cairo_line_to(cr, px(m), py(v));
  }
  cairo_stroke(cr);

  // Executed (累计执行数): solid red with dots.
  cairo_set_dash(cr, nullptr, 0, 0);
  cairo_set_line_width(cr, fs / 5);
  cairo_set_source_rgb(cr, 0.75, 0.16, 0.13);
  bool started = false;
  for (int m = 0; m < 12; ++m) {
    const auto& e = chart.executed[static_cast<std::size_t>(m)];
    if (!e) break;
    started ? cairo_line_to(cr, px(m), py(wan(*e))) : cairo_move_to(cr, px(m), py(wan(*e)));
    started = true;
  }
  cairo_stroke(cr);
  for (int m = 0; m < 12; ++m) {
    const auto& e = chart.executed[static_cast<std::size_t>(m)];
    if (!e) break;
    cairo_arc(cr, px(m), py(wan(*e)), fs / 3.5, 0, 2 * M_PI);
    cairo_fill(cr);
  }

  // Legend.
  double ly = y + h - fs * 1.3;
  double lx = x + w / 2 - fs * 14;
  cairo_set_source_rgb(cr, 0.75, 0.16, 0.13);
  cairo_move_to(cr, lx, ly);
  cairo_line_to(cr, lx + fs * 2, ly);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  text_at(cr, "累计执行数", lx + fs * 2.4, ly, fs, Anchor::left);
  lx += fs * 9;
  cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
  cairo_set_line_width(cr, fs / 7);
  cairo_set_dash(cr, dash, 2, 0);
  cairo_move_to(cr, lx, ly);
  cairo_line_to(cr, lx + fs * 2, ly);
  cairo_stroke(cr);
  cairo_set_dash(cr, nullptr, 0, 0);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  text_at(cr, "序时进度", lx + fs * 2.4, ly, fs, Anchor::left);
  lx += fs * 8;
  if (chart.forecast_low && chart.forecast_high) {
    cairo_set_source_rgba(cr, 0.20, 0.47, 0.78, 0.3);
    cairo_rectangle(cr, lx, ly - fs * 0.4, fs * 2, fs * 0.8);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    text_at(cr, "预测区间", lx + fs * 2.4, ly, fs, Anchor::left);
  } else {
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_set_dash(cr, dots, 2, 0);
    cairo_move_to(cr, lx, ly);
    cairo_line_to(cr, lx + fs * 2, ly);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    text_at(cr, "全年预算数", lx + fs * 2.4, ly, fs, Anchor::left);
  }
  cairo_restore(cr);
}

std::string base64(std::string_view bytes) {
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += k_alphabet[(v >> 6) & 63];
    out += k_alphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= unsigned{static_cast<unsigned char>(bytes[i + 1])} << 8;
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? k_alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

}  // namespace internal

namespace {

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void chunk(std::string& out, const char* type, const std::string& data) {
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  out += body;
  put_u32(out, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()),
                                                static_cast<uInt>(body.size()))));
}

// The image surface as an RGB PNG. cairo_surface_write_to_png compresses at zlib's default
// level and took ~30 ms of a ~35 ms DOCX; the "up" filter with level-1 run-length deflate
// takes a few ms, and the chart (mostly flat colour) comes out smaller too.
Result<std::string> encode_png(cairo_surface_t* surface) {
  cairo_surface_flush(surface);
  const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* px = cairo_image_surface_get_data(surface);
  const std::size_t row_bytes = static_cast<std::size_t>(w) * 3;
  std::string raw;
  raw.resize((row_bytes + 1) * static_cast<std::size_t>(h));
  std::string prev(row_bytes, '\0'), cur(row_bytes, '\0');
  for (int y = 0; y < h; ++y) {
    const auto* src =
        reinterpret_cast<const std::uint32_t*>(px + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < w; ++x) {  // CAIRO_FORMAT_RGB24: 0x00RRGGBB in native order
      std::uint32_t p = src[x];
      cur[static_cast<std::size_t>(x) * 3] = static_cast<char>((p >> 16) & 0xff);
      cur[static_cast<std::size_t>(x) * 3 + 1] = static_cast<char>((p >> 8) & 0xff);
      cur[static_cast<std::size_t>(x) * 3 + 2] = static_cast<char>(p & 0xff);
    }
    char* dst = raw.data() + static_cast<std::size_t>(y) * (row_bytes + 1);
    dst[0] = 2;  // filter: up
    for (std::size_t i = 0; i < row_bytes; ++i) dst[1 + i] = static_cast<char>(cur[i] - prev[i]);
    std::swap(prev, cur);
  }
  z_stream zs{};
  if (deflateInit2(&zs, 1, Z_DEFLATED, 15, 8, Z_RLE) != Z_OK)
    return fail(Error::internal("图表 PNG 编码失败: zlib"));
  std::string packed(deflateBound(&zs, static_cast<uLong>(raw.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(raw.data());
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = reinterpret_cast<Bytef*>(packed.data());
  zs.avail_out = static_cast<uInt>(packed.size());
  int rc = deflate(&zs, Z_FINISH);
  packed.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return fail(Error::internal("图表 PNG 编码失败: zlib"));

  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  put_u32(ihdr, static_cast<std::uint32_t>(w));
  put_u32(ihdr, static_cast<std::uint32_t>(h));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB, deflate, no interlace
  chunk(png, "IHDR", ihdr);
  chunk(png, "IDAT", packed);
  chunk(png, "IEND", "");
  return png;
}

}  // namespace

Result<std::string> chart_png(const Chart& chart, int width, int height) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  // Drawn in a 600-unit-wide space and scaled, so that labels keep their proportion.
  double scale = width / 600.0;
  cairo_scale(cr, scale, scale);
  internal::draw_chart(cr, chart, 0, 0, 600, height / scale);
  cairo_destroy(cr);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return fail(Error::internal("图表绘制失败: " + why));
  }
  auto png = encode_png(surface);
  cairo_surface_destroy(surface);
  return png;
}

}  // namespace jixiao::report

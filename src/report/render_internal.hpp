// report/render_internal.hpp — what the report's renderers share (only report/*.cpp include it).
// Third-party types are forward-declared so that cairo's headers stay in the .cpp files.
#pragma once

#include <string>
#include <string_view>

#include "report/report_model.hpp"

struct _cairo;

namespace jixiao::report::internal {

// The faces a GB/T 9704 document asks for, and what this machine has for each.
struct FontSet {
  std::string title;        // 小标宋 (二号, bold)
  std::string body;         // 仿宋 (三号)
  std::string heading1;     // 黑体
  std::string heading2;     // 楷体
  std::string page_number;  // 宋体
  bool title_bold = false;  // only a substitute: 小标宋 itself is already heavy
  bool heading2_bold =
      false;  // true when no kai face is installed: bold keeps level 2 apart from the body
  bool official = false;  // every official face is installed
  std::string notice;     // the fallback, said once; empty when official
};

// The fonts found through fontconfig (looked up once per process; `fonts_dir`, when given
// on the first call, is added to fontconfig's folders first).
const FontSet& pdf_fonts(const std::string& fonts_dir = {});

// The official face names, written into DOCX and HTML (the reader's machine substitutes).
inline constexpr std::string_view k_font_title = "方正小标宋简体";
inline constexpr std::string_view k_font_body = "仿宋_GB2312";
inline constexpr std::string_view k_font_heading1 = "黑体";
inline constexpr std::string_view k_font_heading2 = "楷体_GB2312";
inline constexpr std::string_view k_font_song = "宋体";

// Draws `chart` into the rectangle (x, y, w, h) of `cr`, in user units (points or pixels).
void draw_chart(_cairo* cr, const Chart& chart, double x, double y, double w, double h);

std::string base64(std::string_view bytes);
std::string xml_escape(std::string_view s);

}  // namespace jixiao::report::internal

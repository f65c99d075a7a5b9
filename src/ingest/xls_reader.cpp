// ingest/xls_reader.cpp — one sheet of a legacy Excel workbook (.xls, BIFF8, as many budget
// systems and WPS still export) to a Table, with Debian's libfreexl.
//
// libfreexl gives text as UTF-8 (from the workbook's code page or its UTF-16 strings), numbers
// as int or double, and date cells (by their number format) as "YYYY-MM-DD" text. Numbers are
// printed as the XLSX reader prints them (six decimals, trimmed), so that 347290.9 reads as the
// amount 347,290.90 exactly.
#include <freexl.h>

#include <cmath>
#include <cstdio>

#include "core/text.hpp"
#include "ingest/ingest_internal.hpp"

namespace jixiao::ingest {
namespace {

class Workbook {
 public:
  ~Workbook() {
    if (m_handle) freexl_close(m_handle);
  }
  bool open(const std::string& path) { return freexl_open(path.c_str(), &m_handle) == FREEXL_OK; }
  const void* handle() const { return m_handle; }

 private:
  const void* m_handle = nullptr;
};

std::string double_text(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

Result<Table> read_xls(const std::string& path, const std::string& file, const std::string& sheet) {
  Location where{file, {}, 0, {}, {}};
  Workbook wb;
  if (!wb.open(path)) return fail(Error::invalid_input("不是有效的 .xls 文件（无法读取 BIFF 工作簿）", where));
  unsigned int info = 0;
  if (freexl_get_info(wb.handle(), FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
    return fail(Error::invalid_input(".xls 文件有密码保护，请另存为无密码的文件", where));
  }
  unsigned int sheets = 0;
  if (freexl_get_info(wb.handle(), FREEXL_BIFF_SHEET_COUNT, &sheets) != FREEXL_OK || sheets == 0) {
    return fail(Error::invalid_input(".xls 文件中没有工作表", where));
  }
  int chosen = -1;
  std::string sheet_name, names;
  for (unsigned int i = 0; i < sheets; ++i) {
    const char* name = nullptr;
    if (freexl_get_worksheet_name(wb.handle(), static_cast<unsigned short>(i), &name) != FREEXL_OK) continue;
    const std::string n = name ? name : "";
    names += (names.empty() ? "" : "、") + n;
    if (chosen < 0 && (sheet.empty() || sheet == n)) {
      chosen = static_cast<int>(i);
      sheet_name = n;
    }
  }
  if (chosen < 0) return fail(Error::invalid_input("工作簿中没有工作表 \"" + sheet + "\"（有: " + names + "）", where));
  if (freexl_select_active_worksheet(wb.handle(), static_cast<unsigned short>(chosen)) != FREEXL_OK) {
    return fail(Error::invalid_input(".xls 工作表无法读取", where));
  }
  unsigned int rows = 0;
  unsigned short columns = 0;
  if (freexl_worksheet_dimensions(wb.handle(), &rows, &columns) != FREEXL_OK) {
    return fail(Error::invalid_input(".xls 工作表无法读取", where));
  }
  Table table;
  table.file = file;
  table.sheet = sheet_name;
  table.encoding = "XLS";
  for (unsigned int r = 0; r < rows; ++r) {
    std::vector<std::string> cells(columns);
    bool blank = true;
    for (unsigned short c = 0; c < columns; ++c) {
      FreeXL_CellValue v;
      if (freexl_get_cell_value(wb.handle(), r, c, &v) != FREEXL_OK) continue;
      std::string value;
      switch (v.type) {
        case FREEXL_CELL_INT: value = std::to_string(v.value.int_value); break;
        case FREEXL_CELL_DOUBLE: value = double_text(v.value.double_value); break;
        case FREEXL_CELL_TEXT:
        case FREEXL_CELL_SST_TEXT:
        case FREEXL_CELL_TIME: value = v.value.text_value ? v.value.text_value : ""; break;
        case FREEXL_CELL_DATE:
        case FREEXL_CELL_DATETIME: value = std::string(v.value.text_value ? v.value.text_value : "").substr(0, 10); break;
        default: break;
      }
      const auto row_number = static_cast<std::int64_t>(r) + 1;
      if (!text::valid_utf8(value)) {
        std::string fixed;
        for (std::size_t i = 0; i < value.size();) text::append_utf8(fixed, text::next_code_point(value, i));
        table.errors.push_back(Error::invalid_input("不是有效的 UTF-8 文本: \"" + fixed + "\"",
                                                    {file, sheet_name, row_number, "第 " + std::to_string(c + 1) + " 列", {}}));
        value = std::move(fixed);
      }
      cells[c] = std::string(text::trim(value));
      blank = blank && cells[c].empty();
    }
    if (blank) continue;
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (table.header.empty()) {
      table.header = std::move(cells);
      table.header_row = static_cast<std::int64_t>(r) + 1;
    } else {
      table.rows.push_back(std::move(cells));
      table.row_numbers.push_back(static_cast<std::int64_t>(r) + 1);
    }
  }
  if (table.header.empty()) return fail(Error::invalid_input("工作表是空的（没有表头行）", {file, sheet_name, 0, {}, {}}));
  return table;
}

}  // namespace jixiao::ingest

// ingest/xlsx_reader.cpp — one sheet of an XLSX workbook to a Table (libzip + pugixml).
//
// Handles what real workbooks contain (deps.md pitfall 7): shared strings with rich-text
// runs, inline strings, missing cells (placed by their `r` reference), absolute relationship
// targets, dates stored as serial numbers (recognised by the cell style's number format),
// and binary-float noise such as 9347.639999999999 (printed to six decimals, trimmed).
#include <cmath>
#include <cstdio>
#include <map>
#include <pugixml.hpp>

#include "core/date.hpp"
#include "core/text.hpp"
#include "core/zip_reader.hpp"
#include "ingest/ingest_internal.hpp"

namespace jixiao::ingest {
namespace {

bool is_date_format(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
      (id >= 50 && id <= 58))
    return true;
  if (code.empty()) return false;
  bool in_quote = false, in_bracket = false;
  for (char c : code) {
    if (c == '"')
      in_quote = !in_quote;
    else if (c == '[')
      in_bracket = true;
    else if (c == ']')
      in_bracket = false;
    else if (!in_quote && !in_bracket && (c == 'y' || c == 'd' || c == 'Y' || c == 'D'))
      return true;
  }
  return false;
}

// Column index (0-based) of a reference such as "AB12".
int column_of(const char* ref) {
  int col = 0;
  for (const char* p = ref; *p && std::isalpha(static_cast<unsigned char>(*p)); ++p) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(*p)) - 'A' + 1);
  }
  return col - 1;
}

std::int64_t row_of(const char* ref) {
  const char* p = ref;
  while (*p && std::isalpha(static_cast<unsigned char>(*p))) ++p;
  return std::atoll(p);
}

std::string number_text(const std::string& raw) {
  char* end = nullptr;
  double v = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str()) return raw;
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

std::string serial_to_date(const std::string& raw) {
  double v = std::strtod(raw.c_str(), nullptr);
  // Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for.
  auto days = static_cast<std::int32_t>(std::floor(v));
  return Date::from_ymd(1899, 12, 30).add_days(days).to_string();
}

// Text of a <si> or <is> element: its <t>, or the concatenation of its runs' <t>.
std::string rich_text(const pugi::xml_node& node) {
  std::string out;
  for (auto t : node.select_nodes(".//t")) {
    // Phonetic runs (<rPh>) are furigana, not content.
    if (std::string_view(t.node().parent().name()) == "rPh") continue;
    out += t.node().text().get();
  }
  return out;
}

std::string resolve_target(const std::string& target) {
  if (target.starts_with("/")) return target.substr(1);
  if (target.starts_with("xl/")) return target;
  return "xl/" + target;
}

}  // namespace

Result<Table> read_xlsx(const std::string& bytes, const std::string& file,
                        const std::string& sheet) {
  Location where{file, {}, 0, {}, {}};
  // Members capped while they inflate (core/zip_reader.hpp): a small bomb is refused, not read.
  auto opened = ZipReader::open_memory(bytes, file);
  if (!opened) return fail(Error::invalid_input("不是有效的 XLSX 文件（无法打开压缩包）", where));
  ZipReader& zip = *opened;
  auto member = [&](std::string name) {
    if (name.starts_with("/")) name.erase(0, 1);
    return zip.read(name);
  };
  auto workbook_read = member("xl/workbook.xml");
  if (!workbook_read) return fail(std::move(workbook_read.error()));
  auto rels_read = member("xl/_rels/workbook.xml.rels");
  if (!rels_read) return fail(std::move(rels_read.error()));
  auto& workbook_xml = *workbook_read;
  auto& rels_xml = *rels_read;
  if (!workbook_xml || !rels_xml)
    return fail(Error::invalid_input("不是有效的 XLSX 文件（缺少 workbook.xml）", where));

  pugi::xml_document workbook, rels;
  workbook.load_string(workbook_xml->c_str());
  rels.load_string(rels_xml->c_str());
  std::map<std::string, std::string> targets;
  for (auto r : rels.child("Relationships").children("Relationship")) {
    targets[r.attribute("Id").value()] = r.attribute("Target").value();
  }
  std::string sheet_name, sheet_path;
  std::vector<std::string> names;
  for (auto s : workbook.child("workbook").child("sheets").children("sheet")) {
    std::string name = s.attribute("name").value();
    names.push_back(name);
    if (sheet_path.empty() && (sheet.empty() || sheet == name)) {
      sheet_name = name;
      sheet_path = resolve_target(targets[s.attribute("r:id").value()]);
    }
  }
  if (sheet_path.empty()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : "、") + n;
    return fail(
        Error::invalid_input("工作簿中没有工作表 \"" + sheet + "\"（有: " + list + "）", where));
  }

  std::vector<std::string> shared;
  auto sst_read = member("xl/sharedStrings.xml");
  if (!sst_read) return fail(std::move(sst_read.error()));
  if (auto& sst_xml = *sst_read) {
    pugi::xml_document sst;
    sst.load_buffer(sst_xml->data(), sst_xml->size());
    for (auto si : sst.child("sst").children("si")) shared.push_back(rich_text(si));
  }
  std::vector<bool> style_is_date;
  auto styles_read = member("xl/styles.xml");
  if (!styles_read) return fail(std::move(styles_read.error()));
  if (auto& styles_xml = *styles_read) {
    pugi::xml_document styles;
    styles.load_buffer(styles_xml->data(), styles_xml->size());
    std::map<int, std::string> formats;
    for (auto f : styles.child("styleSheet").child("numFmts").children("numFmt")) {
      formats[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").value();
    }
    for (auto xf : styles.child("styleSheet").child("cellXfs").children("xf")) {
      int id = xf.attribute("numFmtId").as_int();
      style_is_date.push_back(is_date_format(id, formats.count(id) ? formats[id] : std::string()));
    }
  }

  auto sheet_read = member(sheet_path);
  if (!sheet_read) return fail(std::move(sheet_read.error()));
  auto& sheet_xml = *sheet_read;
  if (!sheet_xml) return fail(Error::invalid_input("XLSX 缺少工作表文件 " + sheet_path, where));
  pugi::xml_document doc;
  if (!doc.load_buffer(sheet_xml->data(), sheet_xml->size())) {
    return fail(Error::invalid_input("XLSX 工作表不是有效的 XML", where));
  }

  Table table;
  table.file = file;
  table.sheet = sheet_name;
  table.encoding = "XLSX";
  std::int64_t next_row = 1;
  for (auto row : doc.child("worksheet").child("sheetData").children("row")) {
    std::int64_t number = row.attribute("r") ? row.attribute("r").as_llong() : next_row;
    next_row = number + 1;
    std::vector<std::string> cells;
    int next_col = 0;
    for (auto c : row.children("c")) {
      const char* ref = c.attribute("r").value();
      int col = *ref ? column_of(ref) : next_col;
      if (*ref && row_of(ref) != number) number = row_of(ref);
      next_col = col + 1;
      std::string type = c.attribute("t").value();
      std::string raw = c.child("v").text().get();
      std::string value;
      if (type == "s") {
        std::size_t idx = static_cast<std::size_t>(std::atoll(raw.c_str()));
        value = idx < shared.size() ? shared[idx] : std::string();
      } else if (type == "inlineStr") {
        value = rich_text(c.child("is"));
      } else if (type == "str" || type == "e") {
        value = raw;
      } else if (type == "b") {
        value = raw == "1" ? "TRUE" : "FALSE";
      } else if (!raw.empty()) {
        auto s = static_cast<std::size_t>(c.attribute("s").as_int());
        value =
            s < style_is_date.size() && style_is_date[s] ? serial_to_date(raw) : number_text(raw);
      }
      if (cells.size() <= static_cast<std::size_t>(col))
        cells.resize(static_cast<std::size_t>(col) + 1);
      cells[static_cast<std::size_t>(col)] =
          sheet_cell(table, std::move(value), number, static_cast<std::size_t>(col));
    }
    add_table_row(table, std::move(cells), number);
  }
  return finish_sheet(std::move(table));
}

std::string sheet_cell(Table& table, std::string value, std::int64_t row, std::size_t column) {
  if (!text::valid_utf8(value)) {
    std::string fixed = text::lossy_utf8(value);
    table.errors.push_back(Error::invalid_input(
        "不是有效的 UTF-8 文本: \"" + fixed + "\"",
        {table.file, table.sheet, row, "第 " + std::to_string(column + 1) + " 列", {}}));
    value = std::move(fixed);
  }
  return std::string(text::trim(value));
}

void add_table_row(Table& table, std::vector<std::string>&& cells, std::int64_t row) {
  bool blank = true;
  for (const auto& v : cells) blank = blank && v.empty();
  if (blank) return;
  if (table.header.empty()) {
    table.header = std::move(cells);
    table.header_row = row;
  } else {
    table.rows.push_back(std::move(cells));
    table.row_numbers.push_back(row);
  }
}

Result<Table> finish_sheet(Table&& table) {
  if (table.header.empty()) {
    return fail(
        Error::invalid_input("工作表是空的（没有表头行）", {table.file, table.sheet, 0, {}, {}}));
  }
  return std::move(table);
}

}  // namespace jixiao::ingest

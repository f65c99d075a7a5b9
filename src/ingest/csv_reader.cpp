// ingest/csv_reader.cpp — CSV in UTF-8 or GB18030 to a Table.
#include <unicode/ucnv.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/file.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "ingest/ingest_internal.hpp"

namespace jixiao::ingest {
namespace {

// GB18030 is a superset of GBK and GB2312, so one converter reads all three.
Result<std::string> gb18030_to_utf8(const std::string& bytes, const std::string& file) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open("GB18030", &status);
  if (U_FAILURE(status)) return fail(Error::internal("ICU 无法打开 GB18030 转换器"));
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> utf16(bytes.size() * 2 + 16);
  int32_t n16 = ucnv_toUChars(conv, utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(),
                              static_cast<int32_t>(bytes.size()), &status);
  ucnv_close(conv);
  if (U_FAILURE(status)) {
    return fail(Error::invalid_input("文件既不是 UTF-8 也不是 GB18030 编码", {file, {}, 0, {}, {}}));
  }
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  for (int32_t i = 0; i < n16; ++i) {
    char32_t cp = utf16[static_cast<std::size_t>(i)];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n16) {
      char32_t lo = utf16[static_cast<std::size_t>(++i)];
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    text::append_utf8(out, cp);
  }
  return out;
}

// The delimiter of the first line that holds any (a title row above the header may hold none).
// Ties go to ','.
char detect_delimiter(std::string_view text) {
  std::size_t commas = 0, tabs = 0, semicolons = 0;
  for (int line = 0; line < 30 && !text.empty() && commas + tabs + semicolons == 0; ++line) {
    const std::string_view l = text.substr(0, text.find('\n'));
    text.remove_prefix(std::min(text.size(), l.size() + 1));
    commas = static_cast<std::size_t>(std::count(l.begin(), l.end(), ','));
    tabs = static_cast<std::size_t>(std::count(l.begin(), l.end(), '\t'));
    semicolons = static_cast<std::size_t>(std::count(l.begin(), l.end(), ';'));
  }
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas) return ';';
  return ',';
}

// Bytes that are not valid UTF-8 but are UTF-8 text with a few bad sequences (a name pasted
// from elsewhere), not GB18030: far more well-formed multi-byte UTF-8 sequences than bad bytes.
// Read as GB18030 such a file would turn into other characters without a word; read as UTF-8,
// each bad cell is refused with its place.
bool mostly_utf8(std::string_view s) {
  std::size_t good = 0, bad = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t before = i;
    const char32_t cp = text::next_code_point(s, i);
    if (cp == U'\uFFFD' && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) {
      ++bad;
    } else {
      ++good;
    }
  }
  return bad > 0 && good >= 8 * bad;
}

// `s` with each bad UTF-8 sequence replaced by U+FFFD (for messages; the row is refused anyway).
std::string lossy_utf8(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) text::append_utf8(out, text::next_code_point(s, i));
  return out;
}

}  // namespace

Result<std::string> to_utf8(std::string bytes, const std::string& file, std::string* encoding) {
  std::string found = "UTF-8";
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.erase(0, 3);
  } else if (!text::valid_utf8(bytes)) {
    if (mostly_utf8(bytes)) {
      return fail(Error::invalid_input("文件是 UTF-8 编码，但有字节不是有效的 UTF-8", {file, {}, 0, {}, {}}));
    }
    auto utf8 = gb18030_to_utf8(bytes, file);
    if (!utf8) return fail(std::move(utf8.error()));
    bytes = std::move(*utf8);
    found = "GB18030";
  }
  if (encoding) *encoding = found;
  return bytes;
}

Result<Table> parse_csv(std::string bytes, const std::string& file_name) {
  Table table;
  table.file = file_name;
  // UTF-8 with a few bad sequences: split as UTF-8, each bad cell reported below.
  const bool bad_utf8 = !bytes.starts_with("\xEF\xBB\xBF") && !text::valid_utf8(bytes) && mostly_utf8(bytes);
  if (bad_utf8) {
    table.encoding = "UTF-8";
  } else {
    auto utf8 = to_utf8(std::move(bytes), file_name, &table.encoding);
    if (!utf8) return fail(std::move(utf8.error()));
    bytes = std::move(*utf8);
  }

  const char delimiter = detect_delimiter(bytes);
  std::vector<std::string> record;
  std::string field;
  std::int64_t line = 1;       // current physical line
  std::int64_t record_line = 1;  // line where the current record started
  bool in_quotes = false;
  bool field_was_quoted = false;
  auto end_record = [&]() {
    record.push_back(field_was_quoted ? field : std::string(text::trim(field)));
    field.clear();
    field_was_quoted = false;
    bool blank = true;
    for (const auto& f : record) blank = blank && f.empty();
    if (!blank) {
      if (table.header.empty()) {
        table.header = std::move(record);
        table.header_row = record_line;
      } else {
        table.rows.push_back(std::move(record));
        table.row_numbers.push_back(record_line);
      }
    }
    record.clear();
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && text::trim(field).empty()) {
      in_quotes = true;
      field_was_quoted = true;
      field.clear();
    } else if (c == delimiter) {
      record.push_back(field_was_quoted ? field : std::string(text::trim(field)));
      field.clear();
      field_was_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      end_record();
      ++line;
      record_line = line;
    } else {
      field += c;
    }
  }
  if (in_quotes) {
    return fail(Error::invalid_input("引号未闭合", {file_name, {}, record_line, {}, {}}));
  }
  if (!field.empty() || !record.empty()) end_record();
  if (table.header.empty()) return fail(Error::invalid_input("文件是空的（没有表头行）", {file_name, {}, 0, {}, {}}));
  if (bad_utf8) {
    auto check = [&](std::vector<std::string>& cells, std::int64_t row) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (text::valid_utf8(cells[c])) continue;
        std::string column = c < table.header.size() && text::valid_utf8(table.header[c]) && row != table.header_row
                                 ? table.header[c]
                                 : "第 " + std::to_string(c + 1) + " 列";
        cells[c] = lossy_utf8(cells[c]);
        table.errors.push_back(Error::invalid_input("不是有效的 UTF-8 文本: \"" + cells[c] + "\"", {file_name, {}, row, column, {}}));
      }
    };
    check(table.header, table.header_row);
    for (std::size_t r = 0; r < table.rows.size(); ++r) check(table.rows[r], table.row_numbers[r]);
  }
  return table;
}

Result<Table> read_table(const std::string& path, const ReadOptions& options) {
  auto read = read_file(path);
  if (!read) return fail(std::move(read.error()));
  std::string bytes = std::move(*read);
  bool zip = bytes.starts_with("PK\x03\x04");
  if (zip || path.ends_with(".xlsx") || path.ends_with(".XLSX")) {
    if (!zip) return fail(Error::invalid_input("不是有效的 XLSX 文件", {path, {}, 0, {}, {}}));
    return read_xlsx(bytes, path, options.sheet);
  }
  const bool ole = bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");  // a compound file: .xls
  if (ole || path.ends_with(".xls") || path.ends_with(".XLS")) {
    if (!ole) return fail(Error::invalid_input("不是有效的 .xls 文件", {path, {}, 0, {}, {}}));
    return read_xls(path, path, options.sheet);
  }
  if (!options.sheet.empty()) return fail(Error::invalid_input("--sheet 只适用于 XLSX 和 .xls 文件", {path, {}, 0, {}, {}}));
  return parse_csv(std::move(bytes), path);
}

}  // namespace jixiao::ingest

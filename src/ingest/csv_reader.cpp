// ingest/csv_reader.cpp — CSV in UTF-8 or GB18030 to a Table.
#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/encoding.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"
#include "ingest/ingest_internal.hpp"

namespace jixiao::ingest {
namespace {

// `s` with each bad UTF-8 sequence replaced by U+FFFD (for messages; the row is refused anyway).
}  // namespace

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

std::int64_t split_csv(
    std::string_view input, char delimiter,
    const std::function<void(std::vector<std::string>&& cells, std::int64_t line)>& on_record) {
  std::vector<std::string> record;
  std::string field;
  std::int64_t line = 1;         // current physical line
  std::int64_t record_line = 1;  // line where the current record started
  bool in_quotes = false;
  bool field_was_quoted = false;
  auto end_field = [&]() {
    record.push_back(field_was_quoted ? field : std::string(text::trim(field)));
    field.clear();
    field_was_quoted = false;
  };
  for (std::size_t i = 0; i < input.size(); ++i) {
    const char c = input[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < input.size() && input[i + 1] == '"') {
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
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < input.size() && input[i + 1] == '\n') ++i;
      end_field();
      on_record(std::move(record), record_line);
      record.clear();
      ++line;
      record_line = line;
    } else {
      field += c;
    }
  }
  if (in_quotes) return record_line;
  // A last record without its line end; nothing after a final line end.
  if (!field.empty() || !record.empty()) {
    end_field();
    on_record(std::move(record), record_line);
  }
  return 0;
}

Result<Table> parse_csv(std::string bytes, const std::string& file_name) {
  Table table;
  table.file = file_name;
  // UTF-8 with a few bad sequences: split as UTF-8, each bad cell reported below.
  const bool bad_utf8 =
      !bytes.starts_with("\xEF\xBB\xBF") && !text::valid_utf8(bytes) && text::mostly_utf8(bytes);
  if (bad_utf8) {
    table.encoding = "UTF-8";
  } else {
    auto utf8 = text::to_utf8(std::move(bytes), file_name, &table.encoding);
    if (!utf8) return fail(std::move(utf8.error()));
    bytes = std::move(*utf8);
  }

  const std::int64_t open_quote = split_csv(
      bytes, detect_delimiter(bytes), [&](std::vector<std::string>&& record, std::int64_t line) {
        add_table_row(table, std::move(record), line);
      });
  if (open_quote != 0)
    return fail(Error::invalid_input("引号未闭合", {file_name, {}, open_quote, {}, {}}));
  if (table.header.empty())
    return fail(Error::invalid_input("文件是空的（没有表头行）", {file_name, {}, 0, {}, {}}));
  if (bad_utf8) {
    auto check = [&](std::vector<std::string>& cells, std::int64_t row) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (text::valid_utf8(cells[c])) continue;
        std::string column =
            c < table.header.size() && text::valid_utf8(table.header[c]) && row != table.header_row
                ? table.header[c]
                : "第 " + std::to_string(c + 1) + " 列";
        cells[c] = text::lossy_utf8(cells[c]);
        table.errors.push_back(Error::invalid_input("不是有效的 UTF-8 文本: \"" + cells[c] + "\"",
                                                    {file_name, {}, row, column, {}}));
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
  if (!options.sheet.empty())
    return fail(Error::invalid_input("--sheet 只适用于 XLSX 和 .xls 文件", {path, {}, 0, {}, {}}));
  return parse_csv(std::move(bytes), path);
}

}  // namespace jixiao::ingest

// ingest/layout.cpp — the shape of a real export: where its header is, what the rows above and
// below it say, which rows are data (ingest.hpp: shape_table).
//
// Budget and payment systems (预算管理一体化, 国库集中支付) export a title, an export date and a
// unit row above the header, merged parent cells over a second header row, 小计/合计 rows and a
// 制表人 footer. None of it is data; all of it says something: the unit of the amounts, the
// year, control totals that prove no row was lost on the way.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/text.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::ingest {
namespace {

constexpr std::size_t k_scan_rows = 30;  // the header is looked for among the first rows

std::string squeeze(std::string_view s) {
  std::string h = text::to_halfwidth(s);
  std::string out;
  for (char c : h) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}

std::string first_cell(const std::vector<std::string>& row) {
  for (const auto& c : row) {
    if (!text::trim(c).empty()) return std::string(text::trim(c));
  }
  return {};
}

// Fields a header row names (distinct columns_of(kind) entries).
int score(const std::vector<std::string>& cells, model::ImportKind kind,
          const ColumnOverrides& mapping) {
  ColumnMap m = map_columns(cells, kind, mapping);
  return static_cast<int>(
      std::count_if(m.index.begin(), m.index.end(), [](int i) { return i >= 0; }));
}

// Whether a cell reads as data rather than a header name: a number, an amount or a date.
bool looks_like_value(std::string_view cell) {
  cell = text::trim(cell);
  if (cell.empty()) return false;
  if (parse_money(cell)) return true;
  if (parse_date(cell)) return true;
  return std::all_of(cell.begin(), cell.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '-';
  });
}

// Header and sub-header rows joined: a parent cell spanning the columns after it (merged, so
// those are empty in the parent row) gives "parent/child" names; a column empty in the
// sub-header keeps its parent's name.
std::vector<std::string> join_two_rows(const std::vector<std::string>& parent,
                                       const std::vector<std::string>& child) {
  const std::size_t n = std::max(parent.size(), child.size());
  std::vector<std::string> out(n);
  std::string carried;  // the merged parent over the current run of children
  for (std::size_t c = 0; c < n; ++c) {
    const std::string p = c < parent.size() ? std::string(text::trim(parent[c])) : std::string();
    const std::string k = c < child.size() ? std::string(text::trim(child[c])) : std::string();
    if (!p.empty()) carried = k.empty() ? std::string() : p;
    const std::string& up = p.empty() ? carried : p;
    if (k.empty()) {
      out[c] = p;
    } else {
      out[c] = up.empty() ? k : up + "/" + k;
    }
    if (k.empty()) carried.clear();
  }
  return out;
}

// A year written in text: "2023年度…", "2023年…" (title) or "…_2023.xlsx" (file name): four
// digits 19xx/20xx not inside a longer number. 0 when none; -1 when several different ones.
int year_in(std::string_view s, bool need_nian) {
  int found = 0;
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    auto is_d = [&](std::size_t k) {
      return k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]));
    };
    if (!(is_d(i) && is_d(i + 1) && is_d(i + 2) && is_d(i + 3))) continue;
    if ((i > 0 && is_d(i - 1)) || is_d(i + 4)) continue;
    const int y = std::stoi(std::string(s.substr(i, 4)));
    if (y < 1990 || y > 2099) continue;
    if (need_nian && s.substr(i + 4, 3) != "年") continue;
    if (found && found != y) return -1;
    found = y;
  }
  return found;
}

// What the rows above the header say: the unit ("单位：万元", "金额单位：元"), a year in the
// title ("2023年度…"), the export date ("导出时间：2024-01-08 09:12").
TitleRows read_title_rows_impl(const std::vector<std::vector<std::string>>& rows) {
  TitleRows p;
  for (const auto& row : rows) {
    for (const auto& cell : row) {
      const std::string s = squeeze(cell);
      if (s.empty()) continue;
      for (std::string_view mark : {"金额单位:", "单位:", "计量单位:"}) {
        const auto at = s.find(mark);
        if (at == std::string::npos) continue;
        std::string_view rest = std::string_view(s).substr(at + mark.size());
        if (rest.starts_with("万元")) {
          p.unit = MoneyUnit::wan;
        } else if (rest.starts_with("元")) {
          p.unit = MoneyUnit::yuan;
        } else {
          continue;
        }
        p.unit_text = std::string(text::trim(cell));
        break;
      }
      for (std::string_view mark :
           {"导出时间:", "导出日期:", "制表日期:", "打印时间:", "打印日期:", "报表日期:"}) {
        const auto at = s.find(mark);
        if (at == std::string::npos) continue;
        std::string rest = s.substr(at + mark.size());
        for (std::size_t len :
             {std::string::npos, std::size_t{10}, std::size_t{9}, std::size_t{8}}) {
          if (auto d = parse_date(rest.substr(0, len))) {
            p.export_date = *d;
            break;
          }
        }
      }
      if (s.find("年") != std::string::npos && p.year_text.empty() && !p.export_date) {
        const int y = year_in(s, true);
        if (y != 0 && s.find("导出") == std::string::npos && s.find("日期") == std::string::npos &&
            s.find("时间") == std::string::npos) {
          p.year = y;
          p.year_text = std::string(text::trim(cell));
        }
      }
    }
  }
  return p;
}

std::string unit_name(MoneyUnit u) { return u == MoneyUnit::wan ? "万元" : "元"; }

}  // namespace

TitleRows read_title_rows(const std::vector<std::vector<std::string>>& rows) {
  return read_title_rows_impl(rows);
}

std::size_t find_header_row(const std::vector<std::vector<std::string>>& rows,
                            model::ImportKind kind, const ColumnOverrides& mapping) {
  std::size_t h = 0;
  int best = 1;
  for (std::size_t r = 0; r < std::min(rows.size(), k_scan_rows); ++r) {
    const int s = score(rows[r], kind, mapping);
    if (s > best) {
      best = s;
      h = r;
    }
  }
  return h;
}

Result<YearChoice> choose_year(int option_year, const TitleRows& title, const std::string& file,
                               const std::string& sheet) {
  struct Source {
    std::string name;
    int year;
    std::string text;
  };
  const std::string base = std::filesystem::path(file).filename().string();
  const int file_year = year_in(base, false);
  std::vector<Source> sources;
  if (option_year) sources.push_back({"--year", option_year, std::to_string(option_year)});
  if (title.year > 0) sources.push_back({"标题", title.year, title.year_text});
  if (file_year > 0) sources.push_back({"文件名", file_year, base});
  for (std::size_t i = 1; i < sources.size(); ++i) {
    if (sources[i].year == sources[0].year) continue;
    return fail(Error::invalid_input(
        "年度来源不一致: " + sources[0].name + " 为 " + std::to_string(sources[0].year) + " 年（" +
            sources[0].text + "），" + sources[i].name + " 为 " + std::to_string(sources[i].year) +
            " 年（" + sources[i].text + "）；请用 --year 指定或改正文件",
        {file, sheet, 0, {}, {}}));
  }
  if (sources.empty()) return YearChoice{};
  return YearChoice{sources[0].year, sources[0].name};
}

std::string_view control_row_kind(std::string_view first) {
  const std::string s = squeeze(first);
  for (std::string_view k : {"合计", "总计", "小计"}) {
    if (s.starts_with(k)) return k;
  }
  for (std::string_view k : {"本页合计", "累计"}) {
    if (s.starts_with(k)) return "合计";
  }
  for (std::string_view k : {"制表人", "制表:", "审核人", "审核:", "复核人", "负责人", "单位负责人",
                             "财务负责人", "填报人", "经办人", "注:", "注1",
                             "备注:", "说明:", "制表日期", "打印时间", "打印日期", "数据来源"}) {
    if (s.starts_with(k)) return "表尾";
  }
  return {};
}

Result<ImportPlan> shape_table(Table& table, model::ImportKind kind, const LayoutOptions& options) {
  table.mapping = options.mapping;
  // Every row as read, the first non-blank one included.
  std::vector<std::vector<std::string>> all;
  std::vector<std::int64_t> numbers;
  all.reserve(table.rows.size() + 1);
  all.push_back(std::move(table.header));
  numbers.push_back(table.header_row);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    all.push_back(std::move(table.rows[r]));
    numbers.push_back(table.row_numbers[r]);
  }
  table.rows.clear();
  table.row_numbers.clear();

  ImportPlan plan;
  plan.file = table.file;
  plan.sheet = table.sheet;
  plan.encoding = table.encoding;

  // 1. The header row: the one among the first rows that names the most known columns (the
  //    first of equals); with none naming two, the first row (its errors then say what is missing).
  std::size_t h = 0;
  if (options.header_row > 0) {
    auto it = std::find(numbers.begin(), numbers.end(), options.header_row);
    if (it == numbers.end()) {
      return fail(Error::invalid_input(
          "配置中的表头行 " + std::to_string(options.header_row) + " 在文件中不存在或为空行",
          {table.file, table.sheet, options.header_row, {}, {}}));
    }
    h = static_cast<std::size_t>(it - numbers.begin());
  } else {
    h = find_header_row(all, kind, options.mapping);
  }
  // 2. A second header row under it (merged parent cells above): no cell of it reads as a value,
  //    and joined with the row above it names more known columns.
  std::vector<std::string> header = all[h];
  std::size_t first_data = h + 1;
  plan.header_row = numbers[h];
  if (h + 1 < all.size() && numbers[h + 1] == numbers[h] + 1) {
    const auto& next = all[h + 1];
    const bool texts = std::none_of(next.begin(), next.end(),
                                    [](const std::string& c) { return looks_like_value(c); }) &&
                       control_row_kind(first_cell(next)).empty();
    if (texts) {
      auto both = join_two_rows(all[h], next);
      if (score(both, kind, options.mapping) > score(all[h], kind, options.mapping)) {
        header = std::move(both);
        first_data = h + 2;
        plan.header_row = numbers[h + 1];
        plan.header_rows = 2;
      }
    }
  }

  // 3. The rows above: title, export date, unit.
  std::vector<std::vector<std::string>> above(all.begin(),
                                              all.begin() + static_cast<std::ptrdiff_t>(h));
  const TitleRows pre = read_title_rows(above);
  for (std::size_t r = 0; r < h; ++r)
    plan.skipped.push_back({numbers[r], "标题或说明", first_cell(all[r])});
  table.amount_unit =
      options.amount_unit ? *options.amount_unit : pre.unit.value_or(MoneyUnit::yuan);
  plan.amount_unit = unit_name(table.amount_unit);
  plan.amount_unit_source = options.amount_unit ? "配置" : pre.unit_text;
  table.export_date = pre.export_date;

  // 4. The rows below: data, control totals (合计/总计/小计) and footers.
  ColumnMap map = map_columns(header, kind, options.mapping);
  const auto& specs = columns_of(kind);
  std::vector<std::size_t> amount_specs;
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (specs[s].type == "amount" && map.index[s] >= 0) amount_specs.push_back(s);
  }
  struct Control {
    std::size_t row;  // index into `all`
    std::string label;
  };
  std::vector<Control> controls;
  std::vector<std::size_t> data;  // indexes into `all`
  const int line_col = map.index[static_cast<std::size_t>(field_index(kind, "line_code"))];
  auto cell = [&](std::size_t r, int c) -> std::string_view {
    return c >= 0 && static_cast<std::size_t>(c) < all[r].size()
               ? text::trim(all[r][static_cast<std::size_t>(c)])
               : std::string_view();
  };
  for (std::size_t r = first_data; r < all.size(); ++r) {
    std::string kind_text(control_row_kind(first_cell(all[r])));
    // "301001 | 小计": a subtotal labelled in a later column (or in the line code's).
    if (kind_text.empty()) {
      const std::string_view line_cell = cell(r, line_col);
      for (const auto& c : all[r]) {
        auto k = control_row_kind(c);
        if ((k == "合计" || k == "总计" || k == "小计") &&
            (line_cell.empty() || text::trim(c) == line_cell)) {
          kind_text = k;
          break;
        }
      }
    }
    if (kind_text.empty()) {
      data.push_back(r);
    } else if (kind_text == "表尾") {
      plan.skipped.push_back({numbers[r], "表尾", first_cell(all[r])});
    } else {
      plan.skipped.push_back({numbers[r], kind_text, first_cell(all[r])});
      controls.push_back({r, kind_text});
    }
  }

  // 5. Control totals: each against the data rows it covers — a 小计 the rows since the last
  //    control row, a 合计/总计 all data rows (a 合计 above the data: all rows after it).
  for (std::size_t ci = 0; ci < controls.size(); ++ci) {
    const Control& ctl = controls[ci];
    std::size_t from = 0;
    if (ctl.label == "小计") {
      for (std::size_t cj = ci; cj-- > 0;) {
        from = controls[cj].row;
        break;
      }
    }
    std::vector<std::size_t> covered;
    for (std::size_t r : data) {
      if (r > from && r < ctl.row) covered.push_back(r);
    }
    if (covered.empty() && ctl.label != "小计") covered = data;
    if (ctl.label != "小计" && !covered.empty() && covered.back() < ctl.row) {
      covered.clear();
      for (std::size_t r : data) {
        if (r < ctl.row) covered.push_back(r);
      }
    }
    for (std::size_t s : amount_specs) {
      const int col = map.index[s];
      const std::string_view stated_text = cell(ctl.row, col);
      if (stated_text.empty()) continue;
      const MoneyUnit unit = map.unit_of(s, table.amount_unit);
      const std::string column = header[static_cast<std::size_t>(col)];
      const Location where{table.file, table.sheet, numbers[ctl.row], column, specs[s].name};
      auto stated = parse_money(stated_text, unit);
      if (!stated) {
        plan.errors.push_back(
            Error::invalid_input(ctl.label + "行: " + stated.error().message(), where));
        continue;
      }
      __int128 sum = 0;
      for (std::size_t r : covered) {
        if (auto v = parse_money(cell(r, col), unit)) sum += v->fen();
      }
      ImportPlan::ControlTotal t;
      t.row = numbers[ctl.row];
      t.label = ctl.label;
      t.column = column;
      t.rows = static_cast<std::int64_t>(covered.size());
      t.first_row = covered.empty() ? 0 : numbers[covered.front()];
      t.last_row = covered.empty() ? 0 : numbers[covered.back()];
      t.stated = *stated;
      const bool fits = sum <= INT64_MAX && sum >= INT64_MIN;
      t.computed = Money::from_fen(fits ? static_cast<std::int64_t>(sum) : 0);
      t.agrees = fits && t.computed == t.stated;
      if (!t.agrees) {
        std::string range = covered.empty()
                                ? std::string("没有数据行")
                                : "第 " + std::to_string(t.first_row) + "–" +
                                      std::to_string(t.last_row) + " 行（" +
                                      std::to_string(t.rows) + " 行）之和 " +
                                      (fits ? format_yuan(t.computed, Grouping::thousands) + " 元"
                                            : std::string("超出范围"));
        plan.errors.push_back(Error::invalid_input(ctl.label + "行与数据不符: " + ctl.label + " " +
                                                       format_yuan(t.stated, Grouping::thousands) +
                                                       " 元，" + range + "；可能有行丢失或多出",
                                                   where));
      }
      plan.totals.push_back(std::move(t));
    }
  }

  // 6. The year: a 年度 column, else --year, the title, the file name (two that disagree: an
  //    error), else (payments, adjustments, commitments) each row's date.
  const int year_spec = field_index(kind, "fiscal_year");
  const bool has_year_column = map.index[static_cast<std::size_t>(year_spec)] >= 0;
  if (has_year_column) {
    plan.year_source = "年度列";
  } else {
    auto chosen = choose_year(options.year, pre, table.file, table.sheet);
    if (!chosen) return fail(std::move(chosen.error()));
    if (chosen->year) {
      plan.year = chosen->year;
      plan.year_source = chosen->source;
      header.push_back("年度");
      for (std::size_t r : data)
        all[r].resize(header.size() - 1), all[r].push_back(std::to_string(plan.year));
    } else if (kind == model::ImportKind::budget) {
      return fail(
          Error::invalid_input("文件没有年度列，标题和文件名中也没有年份；请用 --year 指定预算年度",
                               {table.file, table.sheet, 0, {}, {}}));
    } else {
      plan.year_source = "日期";
    }
  }

  // 7. The table as parse_rows reads it, and the plan's columns.
  table.header = std::move(header);
  table.header_row = plan.header_row;
  for (std::size_t r : data) {
    table.rows.push_back(std::move(all[r]));
    table.row_numbers.push_back(numbers[r]);
  }
  plan.data_rows = table.rows.size();
  map = map_columns(table.header, kind, options.mapping);
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    ImportPlan::Column col;
    col.header = table.header[c];
    for (std::size_t s = 0; s < specs.size(); ++s) {
      if (map.index[s] != static_cast<int>(c)) continue;
      col.field = specs[s].name;
      if (specs[s].type == "amount") col.unit = unit_name(map.unit_of(s, table.amount_unit));
    }
    for (const auto& u : map.unknown) {
      if (u.column == c) col.suggestion = u.suggestion;
    }
    if (!col.header.empty() || !col.field.empty()) plan.columns.push_back(std::move(col));
  }
  std::stable_sort(plan.skipped.begin(), plan.skipped.end(),
                   [](const auto& a, const auto& b) { return a.row < b.row; });
  return plan;
}

Result<ColumnOverrides> read_column_map(const std::string& path, model::ImportKind kind) {
  auto table = read_table(path);
  if (!table) return fail(std::move(table.error()));
  ColumnOverrides out;
  std::vector<std::vector<std::string>> rows;
  rows.push_back(table->header);
  for (auto& r : table->rows) rows.push_back(r);
  std::vector<std::int64_t> numbers{table->header_row};
  numbers.insert(numbers.end(), table->row_numbers.begin(), table->row_numbers.end());
  Error report = Error::invalid_input("列映射文件有错", {path, {}, 0, {}, {}});
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() < 2) {
      report.add_cause(Error::invalid_input("每行应为两列: 文件中的表头,字段名",
                                            {path, {}, numbers[i], {}, {}}));
      continue;
    }
    const std::string from(text::trim(r[0])), to(text::trim(r[1]));
    // A first row naming the two columns is a header, not a mapping.
    if (i == 0 &&
        (to == "字段" || to == "field" || to == "字段名" || from == "表头" || from == "header"))
      continue;
    if (to.empty() || to == "-") {
      out[from] = "";
      continue;
    }
    int s = field_index(kind, to);
    if (s < 0) s = match_field(kind, normalise_header(to).key);
    if (s < 0) {
      std::string names;
      for (const auto& spec : columns_of(kind)) names += (names.empty() ? "" : "、") + spec.name;
      report.add_cause(Error::invalid_input("未知字段 \"" + to + "\"（可用: " + names + "）",
                                            {path, {}, numbers[i], r[1], {}}));
      continue;
    }
    out[from] = columns_of(kind)[static_cast<std::size_t>(s)].name;
  }
  if (!report.causes().empty()) return fail(std::move(report));
  return out;
}

}  // namespace jixiao::ingest

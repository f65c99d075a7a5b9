// ingest/columns.cpp — the column tables of the ledger's import formats (docs/formats.md) and the
// one header mapping (map_columns, TableFields) that every importer uses.
#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::ingest {
namespace {

ColumnSpec unit_code() {
  return {"unit_code",
          {"单位代码", "单位编码", "预算单位代码", "预算单位编码"},
          "code",
          true,
          "预算单位代码"};
}
ColumnSpec line_code() {
  return {"line_code",
          {"项目代码", "项目编码", "预算项目代码", "预算项目编码", "指标项目代码"},
          "code",
          true,
          "预算项目代码，在单位和年度内唯一"};
}

// "编码" and "代码" name the same thing in budget systems' exports.
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

const std::vector<ColumnSpec>& columns_of(model::ImportKind kind) {
  static const std::vector<ColumnSpec> k_budget = {
      unit_code(),
      {"unit_name",
       {"单位名称", "预算单位", "预算单位名称"},
       "text",
       false,
       "单位名称；单位第一次出现时必填"},
      {"parent_code",
       {"上级单位代码", "主管部门代码", "上级单位编码", "主管部门编码"},
       "code",
       false,
       "上级单位（部门）代码"},
      {"fiscal_year",
       {"年度", "预算年度"},
       "year",
       true,
       "预算年度，如 2022；没有此列时取 --year、标题或文件名中的年份"},
      line_code(),
      {"line_name", {"项目名称", "预算项目名称", "指标项目名称"}, "text", true, "项目名称"},
      {"kind",
       {"支出类型", "支出性质", "项目类别", "支出类别"},
       "kind",
       true,
       "基本支出 或 项目支出（basic / project）"},
      {"function_code",
       {"功能分类", "功能分类代码", "功能科目", "功能科目代码", "支出功能分类"},
       "code",
       true,
       "支出功能分类，如 2010104 人大会议"},
      {"economic_code",
       {"经济分类", "经济分类代码", "部门经济分类", "部门经济分类代码", "经济科目"},
       "code",
       false,
       "部门预算支出经济分类，如 30215 会议费"},
      {"fund_source", {"资金来源", "资金性质"}, "text", false, "资金来源；默认 一般公共预算"},
      {"initial_budget",
       {"年初预算", "年初预算数", "预算金额", "年初预算金额", "年初数"},
       "amount",
       true,
       "年初预算金额；表头含“万元”时以万元计"},
      {"adjustment",
       {"调整数", "预算调整数", "调整金额", "追加调整数"},
       "amount",
       false,
       "本年调整数（追加为正、调减为负）；记为一笔预算调整"},
      {"adjusted_budget",
       {"调整后预算数", "调整后预算", "调整后预算金额", "全年预算数", "调整后"},
       "amount",
       false,
       "调整后预算数；应等于 年初预算数 + 调整数"},
  };
  static const std::vector<ColumnSpec> k_adjustments = {
      unit_code(),
      {"fiscal_year", {"年度", "预算年度"}, "year", false, "预算年度；缺省时取调整日期的年份"},
      line_code(),
      {"date", {"调整日期", "日期"}, "date", true, "调整日期，如 2022-06-30"},
      {"amount", {"调整金额", "金额", "调整数"}, "amount", true, "调整金额，追加为正、调减为负"},
      {"document_number", {"文号", "调整文号", "批复文号"}, "text", false, "批复文号"},
      {"reason", {"调整原因", "原因", "说明"}, "text", false, "调整原因"},
  };
  static const std::vector<ColumnSpec> k_payments = {
      unit_code(),
      {"fiscal_year",
       {"年度", "预算年度"},
       "year",
       false,
       "预算年度；缺省时取 --year、标题、文件名中的年份或支付日期的年份"},
      line_code(),
      {"date", {"支付日期", "日期", "记账日期", "付款日期", "支付时间"}, "date", true, "支付日期"},
      {"amount",
       {"支付金额", "金额", "支出金额", "付款金额", "实际支付金额"},
       "amount",
       true,
       "支付金额；退回为负"},
      {"economic_code",
       {"经济分类", "经济分类代码", "部门经济分类", "部门经济分类代码", "经济科目"},
       "code",
       false,
       "本笔支付的经济分类；缺省时取项目的"},
      {"voucher_number",
       {"凭证号", "凭证编号", "支付凭证号", "支付凭证编号", "支付令号"},
       "text",
       true,
       "凭证号，在单位和年度内唯一"},
      {"summary", {"摘要", "用途", "支付用途", "资金用途"}, "text", false, "摘要"},
  };
  static const std::vector<ColumnSpec> k_commitments = {
      unit_code(),
      {"fiscal_year", {"年度", "预算年度"}, "year", false, "预算年度；缺省时取余额日期的年份"},
      line_code(),
      {"contract_number", {"合同编号", "合同号"}, "text", true, "合同编号，在项目内唯一"},
      {"date", {"余额日期", "截至日期", "统计日期", "日期"}, "date", true, "未付余额的截至日期"},
      {"amount",
       {"未付金额", "合同未付金额", "未支付金额", "金额"},
       "amount",
       true,
       "合同尚未支付的金额（≥ 0）"},
      {"counterparty", {"合同相对方", "供应商", "收款单位"}, "text", false, "合同相对方"},
  };
  switch (kind) {
    case model::ImportKind::budget:
      return k_budget;
    case model::ImportKind::commitments:
      return k_commitments;
    case model::ImportKind::adjustments:
      return k_adjustments;
    case model::ImportKind::payments:
      return k_payments;
  }
  return k_budget;
}

HeaderName normalise_header(std::string_view raw) {
  std::string s(text::trim(text::to_halfwidth(raw)));
  HeaderName h;
  // A trailing unit: "(万元)", "万元", "(元)", "元", "(单位:万元)".
  for (std::string_view unit : {"(单位:万元)", "(单位:元)", "(万元)", "万元", "(元)", "元"}) {
    if (s.ends_with(unit)) {
      h.unit = unit.find("万") != std::string_view::npos ? HeaderUnit::wan : HeaderUnit::yuan;
      s.erase(s.size() - unit.size());
      break;
    }
  }
  std::string out;
  for (char c : s) {
    if (c == '*' || c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  replace_all(out, "\xe3\x80\x80",
              "");  // ideographic space (to_halfwidth leaves none, kept for safety)
  replace_all(out, "编码", "代码");
  h.key = std::move(out);
  return h;
}

namespace {

int field_in(const std::vector<ColumnSpec>& specs, std::string_view field) {
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (specs[s].name == field) return static_cast<int>(s);
  }
  return -1;
}

int match_in(const std::vector<ColumnSpec>& specs, std::string_view header_key) {
  if (header_key.empty()) return -1;
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (header_key == specs[s].name) return static_cast<int>(s);
    for (const auto& name : specs[s].headers) {
      if (header_key == normalise_header(name).key) return static_cast<int>(s);
    }
  }
  return -1;
}

std::string suggest_in(const std::vector<ColumnSpec>& specs, std::string_view header) {
  const std::u32string key = text::to_u32(normalise_header(header).key);
  if (key.size() < 2) return {};
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const auto& spec : specs) {
    for (const auto& known : spec.headers) {
      // Compared with 编码 kept as written in the table, so the suggestion reads as a real name.
      const std::u32string name = text::to_u32(normalise_header(known).key);
      std::size_t d = edit_distance(key, name);
      const bool contains =
          key.size() >= 2 && name.size() >= 2 &&
          (name.find(key) != std::u32string::npos || key.find(name) != std::u32string::npos);
      const std::size_t limit = std::max<std::size_t>(1, std::min(key.size(), name.size()) / 3);
      if (d <= limit || contains) {
        if (contains && d > limit) d = limit + 1;
        if (d < best_distance) {
          best_distance = d;
          best = known;
        }
      }
    }
  }
  return best;
}

}  // namespace

int field_index(model::ImportKind kind, std::string_view field) {
  return field_in(columns_of(kind), field);
}

int match_field(model::ImportKind kind, std::string_view header_key) {
  return match_in(columns_of(kind), header_key);
}

std::string suggest_header(model::ImportKind kind, std::string_view header) {
  return suggest_in(columns_of(kind), header);
}

ColumnMap map_columns(const std::vector<std::string>& header_cells, model::ImportKind kind,
                      const ColumnOverrides& overrides) {
  return map_columns(header_cells, columns_of(kind), overrides);
}

ColumnMap map_columns(const std::vector<std::string>& header_cells,
                      const std::vector<ColumnSpec>& specs, const ColumnOverrides& overrides) {
  ColumnMap m;
  m.index.assign(specs.size(), -1);
  m.unit.assign(specs.size(), HeaderUnit::none);
  for (std::size_t c = 0; c < header_cells.size(); ++c) {
    const HeaderName h = normalise_header(header_cells[c]);
    if (h.key.empty()) continue;
    int s = -1;
    bool ignored = false;
    if (auto o = overrides.find(std::string(text::trim(header_cells[c]))); o != overrides.end()) {
      if (o->second.empty() || o->second == "-") {
        ignored = true;
      } else {
        s = field_in(specs, o->second);
      }
    } else {
      s = match_in(specs, h.key);
    }
    HeaderUnit unit = h.unit;
    // Two header rows joined ("预算数（万元）/年初预算数"): the child's name, else the whole; the
    // unit of either part.
    if (s < 0 && !ignored && header_cells[c].find('/') != std::string::npos) {
      const auto parts = text::split(header_cells[c], '/');
      for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        const HeaderName part = normalise_header(*it);
        if (unit == HeaderUnit::none) unit = part.unit;
      }
      s = match_in(specs, normalise_header(parts.back()).key);
      if (s < 0) {
        std::string whole;
        for (const auto& part : parts) whole += normalise_header(part).key;
        s = match_in(specs, whole);
      }
    }
    if (ignored) continue;
    if (s < 0) {
      m.unknown.push_back({c, header_cells[c], suggest_in(specs, header_cells[c])});
      continue;
    }
    const auto si = static_cast<std::size_t>(s);
    if (m.index[si] >= 0) {
      m.errors.push_back(Error::invalid_input(
          "列重复: \"" + header_cells[c] + "\" 与 \"" +
              header_cells[static_cast<std::size_t>(m.index[si])] + "\" 都对应 " + specs[si].name,
          {.column = header_cells[c]}));
      continue;
    }
    m.index[si] = static_cast<int>(c);
    m.unit[si] = unit;
  }
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (!specs[s].required || m.index[s] >= 0) continue;
    std::string message = "缺少必需的列: " + specs[s].headers.front();
    if (specs[s].headers.front() != specs[s].name) message += " (" + specs[s].name + ")";
    // An unknown header close to one of this column's names: say so.
    for (const auto& u : m.unknown) {
      if (u.suggestion.empty() ||
          match_in(specs, normalise_header(u.suggestion).key) != static_cast<int>(s))
        continue;
      message += "；\"" + u.header + "\" — 是否指 \"" + u.suggestion + "\"?";
      break;
    }
    m.errors.push_back(Error::invalid_input(std::move(message)));
  }
  return m;
}

Result<TableFields> TableFields::map(const Table& table, const std::vector<ColumnSpec>& specs,
                                     UnknownHeaders unknown) {
  TableFields f;
  f.m_specs = &specs;
  f.m_map = map_columns(table.header, specs, table.mapping);
  std::vector<Error> problems = std::move(f.m_map.errors);
  f.m_map.errors.clear();
  if (unknown == UnknownHeaders::refuse) {
    for (const auto& u : f.m_map.unknown) {
      // A typo of a required column is already named by that column's "缺少必需的列" cause.
      if (!u.suggestion.empty()) {
        const int meant = match_in(specs, normalise_header(u.suggestion).key);
        if (meant >= 0 && specs[static_cast<std::size_t>(meant)].required &&
            f.m_map.index[static_cast<std::size_t>(meant)] < 0)
          continue;
      }
      std::string message = "未知的列: \"" + u.header + "\"";
      if (!u.suggestion.empty()) message += " — 是否指 \"" + u.suggestion + "\"?";
      problems.push_back(Error::invalid_input(std::move(message), {.column = u.header}));
    }
  }
  if (problems.empty()) return f;
  Error header_error =
      Error::invalid_input("表头无法识别，未导入任何数据", {table.file, table.sheet, 0, {}, {}});
  for (auto& e : problems) {
    Location at{table.file, table.sheet, table.header_row, e.location().column, {}};
    header_error.add_cause(Error::invalid_input(e.message(), std::move(at)));
  }
  return fail(std::move(header_error));
}

std::size_t TableFields::spec_of(std::string_view field) const {
  const int s = field_in(*m_specs, field);
  JIXIAO_ASSERT(s >= 0, "a field not in the column table");
  return static_cast<std::size_t>(s);
}

std::string TableFields::cell(const Table& table, std::size_t row, std::string_view field) const {
  const int col = m_map.index[spec_of(field)];
  const auto& cells = table.rows[row];
  if (col < 0 || static_cast<std::size_t>(col) >= cells.size()) return {};
  return std::string(text::trim(cells[static_cast<std::size_t>(col)]));
}

Location TableFields::at(const Table& table, std::size_t row, std::string_view field) const {
  const std::size_t s = spec_of(field);
  const int col = m_map.index[s];
  std::string column =
      col >= 0 ? table.header[static_cast<std::size_t>(col)] : (*m_specs)[s].headers.front();
  return {table.file, table.sheet, table.row_numbers[row], std::move(column), std::string(field)};
}

}  // namespace jixiao::ingest

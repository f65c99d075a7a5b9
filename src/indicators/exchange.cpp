// indicators/exchange.cpp — CSV/XLSX import and export of the library and of goals.
#include "indicators/exchange.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "core/text.hpp"
#include "indicators/goals.hpp"
#include "ingest/ingest.hpp"
#include "store/store.hpp"

namespace jixiao::indicators {
namespace {

using model::Measure;

const std::vector<ingest::ColumnSpec> k_library_columns = {
    {"code", {"指标编码", "编码", "code"}, "text", true, "指标的唯一编码，不复用"},
    {"level1",
     {"一级指标", "level1"},
     "text",
     false,
     "产出指标 / 效益指标 / 满意度指标；须与二级指标相符"},
    {"subclass",
     {"二级指标", "level2", "subclass"},
     "text",
     true,
     "数量/质量/时效/成本；经济/社会/生态效益、可持续影响；服务对象满意度"},
    {"name", {"三级指标", "指标名称", "name"}, "text", true, "指标名称"},
    {"definition", {"指标解释", "指标定义", "definition"}, "text", false, "指标含义"},
    {"measure_unit",
     {"计量单位", "度量单位", "unit"},
     "text",
     false,
     "%、次、项、人次 …；定量指标必填"},
    {"direction", {"指标方向", "方向", "direction"}, "text", true, "≥、≤、= 或 定性"},
    {"quantitative",
     {"定量/定性", "指标类型", "quantitative"},
     "text",
     false,
     "定量 或 定性；缺省时由方向推出"},
    {"formula", {"计算方法", "计算公式", "formula"}, "text", false, "如何计算"},
    {"data_source", {"数据来源", "data_source"}, "text", false, "取数来源"},
    {"sectors", {"适用行业", "适用领域", "sectors"}, "text", false, "以；分隔"},
    {"unit_kinds", {"适用单位类型", "适用单位", "unit_kinds"}, "text", false, "以；分隔"},
    {"is_core", {"是否核心指标", "核心指标", "is_core"}, "text", false, "是 / 否"},
    {"target_basis",
     {"指标值设定依据", "设定依据", "target_basis"},
     "text",
     false,
     "计划标准 / 行业标准 / 历史标准 / 其他标准"},
    {"typical_target", {"参考指标值", "typical_target"}, "text", false, "常用目标值"},
    {"effective_from",
     {"生效日期", "effective_from"},
     "text",
     false,
     "本版本生效日期；缺省为导入时给定的日期"},
    {"author", {"修订人", "author"}, "text", false, "谁做的改动"},
    {"reason", {"修订说明", "修订原因", "reason"}, "text", false, "为什么改"},
    {"status", {"状态", "status"}, "text", false, "有效 / 停用"},
    {"version", {"版本", "version"}, "text", false, "导出时写出，导入时不使用"},
};

const std::vector<ingest::ColumnSpec> k_goal_columns = {
    {"unit_code", {"单位编码", "unit_code"}, "text", false, "预算单位编码；缺省为 --unit"},
    {"fiscal_year", {"年度", "预算年度", "fiscal_year"}, "text", false, "缺省为 --year"},
    {"line_code", {"项目编码", "line_code"}, "text", false, "空 = 部门整体支出"},
    {"line_name", {"项目名称", "line_name"}, "text", false, "显示用"},
    {"overall_target",
     {"年度总体目标", "overall_target"},
     "text",
     false,
     "每个目标填一次即可（任一行）"},
    {"overall_result", {"总体目标完成情况", "overall_result"}, "text", false, "每个目标填一次即可"},
    {"level1", {"一级指标", "level1"}, "text", false, "显示用，须与指标库相符"},
    {"level2", {"二级指标", "level2"}, "text", false, "显示用，须与指标库相符"},
    {"name", {"三级指标", "指标名称", "name"}, "text", false, "没有指标编码时按名称在指标库中查找"},
    {"code", {"指标编码", "code"}, "text", false, "指标库编码（与三级指标至少填一个）"},
    {"version", {"指标版本", "version"}, "text", false, "缺省为目标设定日有效的版本"},
    {"direction",
     {"指标方向", "指标性质", "direction"},
     "text",
     false,
     "≥ ≤ = 定性；须与指标库相符"},
    {"target",
     {"年初指标值", "年度指标值", "target"},
     "text",
     false,
     "定量指标为数值；定性指标写目标描述"},
    {"adjusted_target",
     {"调整后指标值", "全年指标值", "adjusted_target"},
     "text",
     false,
     "年中调整后的目标值"},
    {"measure_unit", {"计量单位", "度量单位", "unit"}, "text", false, "须与指标库相符"},
    {"points", {"分值", "权重", "points"}, "text", false, "该指标的分值"},
    {"actual",
     {"实际完成值", "全年完成值", "actual"},
     "text",
     false,
     "定量为数值；定性为 达成/部分达成/未达成"},
    {"provider", {"完成值来源", "provider"}, "text", false, "录入 / 导入 / 计算；缺省为导入"},
    {"source", {"来源说明", "source"}, "text", false, "出处，如“自评报告二（三）”"},
    {"deviation_category",
     {"偏差原因类别", "deviation_category"},
     "text",
     false,
     "经费保障/制度保障/人员保障/硬件条件保障/其他"},
    {"deviation_reason",
     {"偏差原因分析", "偏差原因分析及改进措施", "偏差原因", "deviation_reason"},
     "text",
     false,
     "未完成时必填"},
    {"status", {"完成状态", "status"}, "text", false, "导出时写出，导入时不使用"},
    {"ratio", {"得分系数", "ratio"}, "text", false, "导出时写出，导入时不使用"},
};

bool is_xlsx(const std::string& path) {
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.ends_with(".xlsx");
}

Result<ingest::Table> read(const std::string& path, std::string_view sheet) {
  if (is_xlsx(path)) {
    ingest::ReadOptions named;
    named.sheet = std::string(sheet);
    auto t = ingest::read_table(path, named);
    if (t) return t;
    if (t.error().code() == ErrorCode::io) return t;
    return ingest::read_table(path);  // a workbook whose first sheet has another name
  }
  return ingest::read_table(path);
}

Result<void> write_table(const TextTable& table, const std::string& path, std::string_view sheet) {
  if (!is_xlsx(path)) {
    std::ofstream out(path, std::ios::binary);
    if (!out) return fail(Error::io("无法写入文件: " + path));
    out << "\xEF\xBB\xBF";
    auto line = [&](const std::vector<std::string>& cells) {
      for (std::size_t i = 0; i < cells.size(); ++i)
        out << (i ? "," : "") << text::csv_field(cells[i]);
      out << "\r\n";
    };
    line(table.header);
    for (const auto& r : table.rows) line(r);
    out.close();
    if (!out) return fail(Error::io("写入文件失败: " + path));
    return {};
  }
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return fail(Error::io("无法创建文件: " + path));
  lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(sheet).c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDDEBF7);
  format_set_border(bold, LXW_BORDER_THIN);
  format_set_text_wrap(bold);
  lxw_format* cell = workbook_add_format(wb);
  format_set_num_format(cell, "@");  // text: values are exact decimals, not doubles
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_write_string(ws, 0, col, table.header[c].c_str(), bold);
    std::size_t width = static_cast<std::size_t>(text::display_width(table.header[c]));
    for (const auto& r : table.rows) {
      if (c < r.size())
        width = std::max(width, static_cast<std::size_t>(text::display_width(r[c])));
    }
    worksheet_set_column(ws, col, col, static_cast<double>(std::min<std::size_t>(width + 2, 60)),
                         nullptr);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      if (table.rows[r][c].empty()) continue;
      worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                             table.rows[r][c].c_str(), cell);
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (!table.rows.empty()) {
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                         static_cast<lxw_col_t>(table.header.size() - 1));
  }
  lxw_error rc = workbook_close(wb);
  if (rc != LXW_NO_ERROR) return fail(Error::io("写入文件失败: " + path + ": " + lxw_strerror(rc)));
  return {};
}

Result<bool> parse_yes_no(const std::string& s) {
  if (s.empty() || s == "否" || s == "no" || s == "N" || s == "0" || s == "false") return false;
  if (s == "是" || s == "yes" || s == "Y" || s == "1" || s == "true" || s == "核心") return true;
  return fail(Error::invalid_input("应为 是 或 否: \"" + s + "\""));
}

std::string yes_no(bool b) { return b ? "是" : "否"; }

std::string percent_text(const Rate& r) { return r.defined() ? r.percent_text(2) : ""; }

}  // namespace

const std::vector<ingest::ColumnSpec>& library_columns() { return k_library_columns; }
const std::vector<ingest::ColumnSpec>& goal_columns() { return k_goal_columns; }

// --- library ---

Result<LibraryImportResult> plan_library_import(const ingest::Table& table, const Library& library,
                                                const ChangeNote& note) {
  auto header = ingest::TableFields::map(table, k_library_columns, ingest::UnknownHeaders::refuse);
  if (!header) return fail(std::move(header.error()));
  const ingest::TableFields& h = *header;
  LibraryImportResult result;
  Error error = Error::invalid_input("指标库文件有误，未导入任何内容: " + table.file);
  std::set<std::string> seen;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    auto bad = [&](const std::string& key, const std::string& message) {
      error.add_cause(Error::invalid_input(message, h.at(table, r, key)));
    };
    model::Indicator i;
    i.code = h.cell(table, r, "code");
    if (i.code.empty()) {
      bad("code", "指标编码为空");
      continue;
    }
    if (!seen.insert(i.code).second) {
      bad("code", "指标编码在文件中重复: " + i.code);
      continue;
    }
    std::size_t causes_before = error.causes().size();
    i.name = h.cell(table, r, "name");
    auto sub = model::parse_indicator_subclass(h.cell(table, r, "subclass"));
    if (!sub) {
      bad("subclass", "不是二级指标: \"" + h.cell(table, r, "subclass") + "\"");
    } else {
      i.subclass = *sub;
      std::string l1 = h.cell(table, r, "level1");
      if (!l1.empty()) {
        auto c = model::parse_indicator_class(l1);
        if (!c) {
          bad("level1", "不是一级指标: \"" + l1 + "\"");
        } else if (*c != model::class_of(*sub)) {
          bad("level1",
              "一级指标\"" + l1 + "\"与二级指标\"" + h.cell(table, r, "subclass") + "\"不相符");
        }
      }
    }
    i.definition = h.cell(table, r, "definition");
    i.measure_unit = h.cell(table, r, "measure_unit");
    auto dir = model::parse_direction(h.cell(table, r, "direction"));
    if (!dir) {
      bad("direction", "不是指标方向（≥ ≤ = 定性）: \"" + h.cell(table, r, "direction") + "\"");
    } else {
      i.direction = *dir;
    }
    std::string q = h.cell(table, r, "quantitative");
    if (q.empty()) {
      i.quantitative = i.direction != model::Direction::qualitative;
    } else if (q == "定量" || q == "quantitative") {
      i.quantitative = true;
    } else if (q == "定性" || q == "qualitative") {
      i.quantitative = false;
    } else {
      bad("quantitative", "应为 定量 或 定性: \"" + q + "\"");
    }
    i.formula = h.cell(table, r, "formula");
    i.data_source = h.cell(table, r, "data_source");
    i.sectors = h.cell(table, r, "sectors");
    i.unit_kinds = h.cell(table, r, "unit_kinds");
    auto core = parse_yes_no(h.cell(table, r, "is_core"));
    if (!core) {
      bad("is_core", core.error().message());
    } else {
      i.is_core = *core;
    }
    std::string basis = h.cell(table, r, "target_basis");
    if (!basis.empty()) {
      auto b = model::parse_target_basis(basis);
      if (!b) {
        bad("target_basis", "不是指标值设定依据（计划/行业/历史/其他标准）: \"" + basis + "\"");
      } else {
        i.target_basis = *b;
      }
    }
    i.typical_target = h.cell(table, r, "typical_target");
    ChangeNote row_note = note;
    std::string eff = h.cell(table, r, "effective_from");
    if (!eff.empty()) {
      auto d = parse_date(eff);
      if (!d) {
        bad("effective_from", d.error().message());
      } else {
        row_note.effective_from = *d;
      }
    }
    if (std::string a = h.cell(table, r, "author"); !a.empty()) row_note.author = a;
    if (std::string why = h.cell(table, r, "reason"); !why.empty()) row_note.reason = why;
    std::string status = h.cell(table, r, "status");
    bool retire = status == "停用" || status == "retired";
    if (!status.empty() && !retire && status != "有效" && status != "active") {
      bad("status", "状态应为 有效 或 停用: \"" + status + "\"");
    }
    if (error.causes().size() != causes_before) continue;
    if (auto v = validate(i); !v) {
      std::string key = v.error().location().field;
      bad(key.empty() ? "code" : key, v.error().message());
      continue;
    }
    const auto* current = library.latest(i.code);
    Result<model::IndicatorVersion> version = fail(Error::internal("unset"));
    if (retire) {
      if (!current || current->change == model::ChangeKind::retire) {
        ++result.unchanged;
        continue;
      }
      if (row_note.reason.empty()) row_note.reason = "导入时停用";
      version = make_retire(library, i.code, row_note);
      if (version) ++result.retired;
    } else if (!current) {
      if (row_note.reason.empty()) row_note.reason = "导入";
      version = make_add(library, i, row_note);
      if (version) ++result.added;
    } else if (current->change == model::ChangeKind::retire) {
      bad("code", "指标 " + i.code + " 已停用，编码不再复用");
      continue;
    } else if (changed_fields(current->indicator, i).empty()) {
      ++result.unchanged;
      continue;
    } else {
      if (row_note.reason.empty())
        row_note.reason = "导入修订: " + [&] {
          std::string f;
          for (const auto& x : changed_fields(current->indicator, i))
            f += (f.empty() ? "" : "、") + x;
          return f;
        }();
      version = make_edit(library, i, row_note);
      if (version) ++result.edited;
    }
    if (!version) {
      bad("code", version.error().message());
      continue;
    }
    result.written.push_back(std::move(*version));
  }
  if (!error.causes().empty()) return fail(std::move(error));
  return result;
}

Result<void> write_text_table(const TextTable& table, const std::string& path,
                              std::string_view sheet) {
  return write_table(table, path, sheet);
}

Result<LibraryImportResult> import_library(store::Store& store, const std::string& path,
                                           const ChangeNote& note) {
  auto table = read(path, k_library_sheet);
  if (!table) return fail(std::move(table.error()));
  auto library = Library::load(store);
  if (!library) return fail(std::move(library.error()));
  auto plan = plan_library_import(*table, *library, note);
  if (!plan) return plan;
  if (!plan->written.empty())
    JIXIAO_TRY(store.indicators().append_indicator_versions(plan->written));
  return plan;
}

TextTable library_table(const Library& library, Date date) {
  TextTable t;
  for (const auto& c : k_library_columns) t.header.push_back(c.headers.front());
  for (const auto* v : library.in_force(date)) {
    const auto& i = v->indicator;
    t.rows.push_back({i.code,
                      std::string(model::chinese_name(i.indicator_class())),
                      std::string(model::chinese_name(i.subclass)),
                      i.name,
                      i.definition,
                      i.measure_unit,
                      std::string(model::symbol(i.direction)),
                      i.quantitative ? "定量" : "定性",
                      i.formula,
                      i.data_source,
                      i.sectors,
                      i.unit_kinds,
                      yes_no(i.is_core),
                      std::string(model::chinese_name(i.target_basis)),
                      i.typical_target,
                      v->effective_from.to_string(),
                      v->author,
                      v->reason,
                      "有效",
                      std::to_string(v->version)});
  }
  return t;
}

Result<void> export_library(const Library& library, Date date, const std::string& path) {
  return write_table(library_table(library, date), path, k_library_sheet);
}

// --- goals ---

Result<GoalImportResult> plan_goal_import(const ingest::Table& table, const Library& library,
                                          const GoalImportOptions& options) {
  auto header = ingest::TableFields::map(table, k_goal_columns, ingest::UnknownHeaders::refuse);
  if (!header) return fail(std::move(header.error()));
  const ingest::TableFields& h = *header;
  Error error = Error::invalid_input("绩效目标文件有误，未导入任何内容: " + table.file);
  if (!h.has("code") && !h.has("name")) {
    error.add_cause(Error::invalid_input("缺少必需的列: 指标编码 或 三级指标",
                                         Location{table.file, table.sheet, 1, {}, {}}));
    return fail(std::move(error));
  }
  // (unit, year, line) → set
  std::map<std::tuple<std::string, int, std::string>, model::GoalSet> sets;
  GoalImportResult result;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::size_t causes_before = error.causes().size();
    auto bad = [&](const std::string& key, const std::string& message) {
      error.add_cause(Error::invalid_input(message, h.at(table, r, key)));
    };
    std::string unit = h.cell(table, r, "unit_code");
    if (unit.empty()) unit = options.unit_code;
    if (unit.empty()) bad("unit_code", "缺少单位编码（列 单位编码 或 --unit）");
    if (!options.unit_code.empty() && unit != options.unit_code) {
      bad("unit_code", "单位编码 " + unit + " 与 --unit " + options.unit_code + " 不同");
    }
    int year = options.fiscal_year;
    if (std::string y = h.cell(table, r, "fiscal_year"); !y.empty()) {
      auto m = model::parse_measure(y);
      if (!m || m->scaled() % Measure::k_scale != 0 || m->scaled() / Measure::k_scale < 2000 ||
          m->scaled() / Measure::k_scale > 2100) {
        bad("fiscal_year", "不是年度: \"" + y + "\"");
      } else {
        int row_year = static_cast<int>(m->scaled() / Measure::k_scale);
        if (options.fiscal_year != 0 && row_year != options.fiscal_year) {
          bad("fiscal_year",
              "年度 " + y + " 与 --year " + std::to_string(options.fiscal_year) + " 不同");
        }
        year = row_year;
      }
    }
    if (year == 0) bad("fiscal_year", "缺少年度（列 年度 或 --year）");

    // The indicator and its version.
    const model::IndicatorVersion* v = nullptr;
    std::string code = h.cell(table, r, "code");
    std::string name = h.cell(table, r, "name");
    std::string version_text = h.cell(table, r, "version");
    if (code.empty() && name.empty()) {
      bad("code", "指标编码和三级指标都为空");
    } else if (code.empty()) {
      auto found = library.find_by_name(name, options.as_of);
      if (found.size() == 1) {
        v = found[0];
      } else if (found.empty()) {
        bad("name",
            "指标库在 " + options.as_of.to_string() + " 没有名为\"" + name + "\"的有效指标");
      } else {
        bad("name", "指标库中有多个名为\"" + name + "\"的指标，请填写指标编码");
      }
    } else if (!version_text.empty()) {
      auto n = model::parse_measure(version_text);
      if (!n || n->scaled() % Measure::k_scale != 0) {
        bad("version", "不是版本号: \"" + version_text + "\"");
      } else {
        v = library.find(code, static_cast<int>(n->scaled() / Measure::k_scale));
        if (!v) bad("version", "指标库中没有 " + code + " 第 " + version_text + " 版");
      }
    } else {
      v = library.as_of(code, options.as_of);
      if (!v) {
        bad("code", library.latest(code) ? "指标 " + code + " 在 " + options.as_of.to_string() +
                                               " 不是有效指标（已停用或尚未生效）"
                                         : "指标库中没有编码 " + code);
      }
    }
    if (v && v->change == model::ChangeKind::retire) {
      bad("version", "指标 " + code + " 第 " + std::to_string(v->version) + " 版是停用记录");
      v = nullptr;
    }
    model::GoalIndicator g;
    if (v) {
      const auto& i = v->indicator;
      g.indicator_code = i.code;
      g.indicator_version = v->version;
      g.name = i.name;
      g.subclass = i.subclass;
      g.direction = i.direction;
      g.quantitative = i.quantitative;
      g.measure_unit = i.measure_unit;
      if (!name.empty() && !code.empty() && name != i.name) {
        bad("name", "三级指标\"" + name + "\"与指标库 " + i.code + " 第 " +
                        std::to_string(v->version) + " 版的名称\"" + i.name + "\"不一致");
      }
      if (std::string l2 = h.cell(table, r, "level2");
          !l2.empty() && model::parse_indicator_subclass(l2) != i.subclass) {
        bad("level2", "二级指标\"" + l2 + "\"与指标库（" +
                          std::string(model::chinese_name(i.subclass)) + "）不一致");
      }
      if (std::string l1 = h.cell(table, r, "level1");
          !l1.empty() && model::parse_indicator_class(l1) != model::class_of(i.subclass)) {
        bad("level1", "一级指标\"" + l1 + "\"与指标库（" +
                          std::string(model::chinese_name(i.indicator_class())) + "）不一致");
      }
      if (std::string d = h.cell(table, r, "direction");
          !d.empty() && model::parse_direction(d) != i.direction) {
        bad("direction", "指标方向\"" + d + "\"与指标库（" +
                             std::string(model::symbol(i.direction)) + "）不一致");
      }
      if (std::string u = h.cell(table, r, "measure_unit"); !u.empty() && u != i.measure_unit) {
        bad("measure_unit", "计量单位\"" + u + "\"与指标库（" +
                                (i.measure_unit.empty() ? "无" : i.measure_unit) + "）不一致");
      }
    }
    auto number = [&](const std::string& key, std::optional<Measure>& into) {
      std::string s = h.cell(table, r, key);
      if (s.empty()) return;
      auto m = model::parse_measure(s);
      if (!m) {
        bad(key, m.error().message());
      } else {
        into = *m;
      }
    };
    std::string target_text = h.cell(table, r, "target");
    g.target_text = target_text;
    if (g.quantitative) {
      number("target", g.target);
      number("adjusted_target", g.adjusted_target);
    } else if (!h.cell(table, r, "adjusted_target").empty()) {
      g.target_text = h.cell(table, r, "adjusted_target");
    }
    std::optional<Measure> points;
    number("points", points);
    if (points) {
      if (points->is_negative()) bad("points", "分值不能为负");
      g.points = *points;
    }
    std::string actual_text = h.cell(table, r, "actual");
    if (!actual_text.empty()) {
      model::Actual a;
      a.text = actual_text;
      a.provider = model::ActualProvider::imported;
      if (std::string p = h.cell(table, r, "provider"); !p.empty()) {
        auto provider = model::parse_actual_provider(p);
        if (!provider) {
          bad("provider", "完成值来源应为 录入、导入 或 计算: \"" + p + "\"");
        } else {
          a.provider = *provider;
        }
      }
      a.source = h.cell(table, r, "source");
      if (a.source.empty()) a.source = table.file + ":" + std::to_string(table.row_numbers[r]);
      if (g.quantitative) {
        auto m = model::parse_measure(actual_text);
        if (!m) {
          bad("actual", m.error().message());
        } else {
          a.value = *m;
        }
      } else {
        // "达成" or "达成 95" (the percentage within the band).
        std::string grade_text = actual_text;
        if (auto sp = actual_text.find_first_of(" 0123456789"); sp != std::string::npos) {
          grade_text = std::string(text::trim(actual_text.substr(0, sp)));
          auto m = model::parse_measure(actual_text.substr(sp));
          if (!m) {
            bad("actual", m.error().message());
          } else {
            a.value = *m;
          }
        }
        a.grade = model::parse_qualitative_grade(grade_text);
        if (!a.grade)
          bad("actual", "定性指标的完成值应为 达成、部分达成 或 未达成: \"" + actual_text + "\"");
      }
      g.actual = std::move(a);
    }
    if (std::string dc = h.cell(table, r, "deviation_category"); !dc.empty()) {
      g.deviation_category = model::parse_deviation_category(dc);
      if (!g.deviation_category) {
        bad("deviation_category",
            "偏差原因类别应为 经费保障、制度保障、人员保障、硬件条件保障 或 其他: \"" + dc + "\"");
      }
    }
    g.deviation_reason = h.cell(table, r, "deviation_reason");
    if (error.causes().size() != causes_before) continue;

    std::string line = h.cell(table, r, "line_code");
    auto& set = sets[{unit, year, line}];
    set.unit_code = unit;
    set.fiscal_year = year;
    set.line_code = line;
    auto text_once = [&](const std::string& key, std::string& into, const char* what) {
      std::string s = h.cell(table, r, key);
      if (s.empty()) return;
      if (!into.empty() && into != s) {
        bad(key, std::string(what) + "与本目标前面行填写的不同");
        return;
      }
      into = s;
    };
    text_once("line_name", set.line_name, "项目名称");
    text_once("overall_target", set.overall_target, "年度总体目标");
    text_once("overall_result", set.overall_result, "总体目标完成情况");
    for (const auto& existing : set.indicators) {
      if (existing.indicator_code == g.indicator_code) {
        bad("code", "指标 " + g.indicator_code + " 在同一目标（" +
                        (line.empty() ? "部门整体" : line) + "）中重复");
      }
    }
    if (error.causes().size() != causes_before) continue;
    set.indicators.push_back(std::move(g));
    ++result.indicators;
  }
  if (!error.causes().empty()) return fail(std::move(error));
  for (auto& [key, set] : sets) result.sets.push_back(std::move(set));
  return result;
}

Result<GoalImportResult> import_goals(store::Store& store, const std::string& path,
                                      const GoalImportOptions& options) {
  auto table = read(path, k_goals_sheet);
  if (!table) return fail(std::move(table.error()));
  auto library = Library::load(store);
  if (!library) return fail(std::move(library.error()));
  auto plan = plan_goal_import(*table, *library, options);
  if (!plan) return plan;
  std::map<std::pair<std::string, int>, std::vector<model::GoalSet>> by_key;
  for (const auto& s : plan->sets) by_key[{s.unit_code, s.fiscal_year}].push_back(s);
  for (const auto& [key, sets] : by_key) {
    JIXIAO_TRY(store.indicators().replace_goal_sets(key.first, key.second, sets, std::nullopt));
  }
  return plan;
}

TextTable goals_table(const std::vector<model::GoalSet>& sets) {
  TextTable t;
  for (const auto& c : k_goal_columns) t.header.push_back(c.headers.front());
  for (const auto& set : sets) {
    bool first = true;
    for (const auto& g : set.indicators) {
      Completion c = completion(g);
      auto opt = [](const std::optional<Measure>& m) { return m ? m->to_string() : std::string(); };
      std::string target = g.quantitative ? opt(g.target) : g.target_text;
      std::string actual;
      if (g.actual) {
        if (g.quantitative) {
          actual = opt(g.actual->value);
        } else if (g.actual->grade) {
          actual = std::string(model::chinese_name(*g.actual->grade)) +
                   (g.actual->value ? " " + g.actual->value->to_string() : "");
        }
      }
      t.rows.push_back(
          {set.unit_code,
           std::to_string(set.fiscal_year),
           set.line_code,
           first ? set.line_name : "",
           first ? set.overall_target : "",
           first ? set.overall_result : "",
           std::string(model::chinese_name(model::class_of(g.subclass))),
           std::string(model::chinese_name(g.subclass)),
           g.name,
           g.indicator_code,
           std::to_string(g.indicator_version),
           std::string(model::symbol(g.direction)),
           target,
           g.quantitative ? opt(g.adjusted_target) : "",
           g.measure_unit,
           g.points.to_string(),
           actual,
           g.actual ? std::string(model::chinese_name(g.actual->provider)) : "",
           g.actual ? g.actual->source : "",
           g.deviation_category ? std::string(model::chinese_name(*g.deviation_category)) : "",
           g.deviation_reason,
           std::string(chinese_name(c.status)),
           percent_text(c.ratio)});
      first = false;
    }
  }
  return t;
}

Result<void> export_goals(const std::vector<model::GoalSet>& sets, const std::string& path) {
  return write_table(goals_table(sets), path, k_goals_sheet);
}

}  // namespace jixiao::indicators

// cli/commands/indicators.cpp — `jixiao indicators
// list|show|add|edit|retire|history|lint|import|export`: the versioned indicator library.
#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands/commands.hpp"
#include "cli/commands/indicators_common.hpp"
#include "cli/table.hpp"
#include "congress/congress.hpp"
#include "core/text.hpp"
#include "indicators/exchange.hpp"
#include "indicators/library.hpp"
#include "indicators/lint.hpp"
#include "store/store.hpp"

namespace jixiao::cli {

Result<Date> date_option(const Args& args, const std::string& name, Date fallback, DateEnd end) {
  auto v = args.get(name);
  if (!v) return fallback;
  if (v->size() == 4 &&
      std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int year = std::stoi(*v);
    if (year < 1900 || year > 2199)
      return fail(Error::invalid_input("--" + name + ": 年份超出范围: " + *v));
    return end == DateEnd::year_end ? Date::from_ymd(year, 12, 31) : Date::from_ymd(year, 1, 1);
  }
  auto d = parse_date(*v);
  if (!d) return fail(Error::invalid_input("--" + name + ": " + d.error().message()));
  return *d;
}

void print_table(std::ostream& out, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows,
                 const std::vector<bool>& right_aligned) {
  std::vector<text::Align> align;
  for (bool right : right_aligned) align.push_back(right ? text::Align::right : text::Align::left);
  TextTable table(header, std::move(align));
  for (const auto& r : rows) table.add(r);
  out << table.render();
}

int print_findings(Context& ctx, const std::vector<indicators::Finding>& findings, Format format) {
  int errors = 0;
  for (const auto& f : findings) errors += f.severity == indicators::Severity::error ? 1 : 0;
  if (format == Format::json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& f : findings) {
      j.push_back({{"severity", std::string(indicators::chinese_name(f.severity))},
                   {"rule", f.rule},
                   {"subject", f.subject},
                   {"message", f.message}});
    }
    ctx.out << j.dump(2) << "\n";
  } else {
    for (const auto& f : findings) {
      ctx.out << "[" << indicators::chinese_name(f.severity) << "] " << f.rule << ": " << f.message
              << "\n";
    }
    int warnings = 0;
    for (const auto& f : findings) warnings += f.severity == indicators::Severity::warning ? 1 : 0;
    ctx.out << "共 " << findings.size() << " 条: 错误 " << errors << "，警告 " << warnings
            << "，提示 " << findings.size() - static_cast<std::size_t>(errors + warnings) << "\n";
  }
  return errors > 0 ? 1 : 0;
}

namespace {

using indicators::Library;

// The indicator library as stored (through the command's one store connection).
Result<Library> stored_library(const Context& ctx) {
  auto store = ctx.open_store();
  if (!store) return fail(std::move(store.error()));
  return Library::load(**store);
}

const OptionSpec k_as_of{"as-of", "DATE",
                         "按此日期的指标库版本读取（默认今天；年份 Y 表示 Y-12-31）"};
const OptionSpec k_format{"format", "FMT", "输出格式: table（默认）、json 或 csv"};
const OptionSpec k_effective{"effective", "DATE", "改动的生效日期（默认今天）"};
const OptionSpec k_author{"author", "NAME", "修订人（默认 cli）"};
const OptionSpec k_reason{"reason", "TEXT", "修订说明"};

// The field options shared by add and edit.
const std::vector<OptionSpec> k_field_options = {
    {"code", "CODE", "指标编码"},
    {"name", "TEXT", "三级指标名称"},
    {"subclass", "S",
     "二级指标: 数量/质量/时效/成本/经济效益/社会效益/生态效益/可持续影响/服务对象满意度"},
    {"definition", "TEXT", "指标解释"},
    {"unit", "U", "计量单位（%、次、项 …）"},
    {"direction", "D", "指标方向: ≥ ≤ = 定性（也可写 ge le eq qualitative）"},
    {"formula", "TEXT", "计算方法"},
    {"source", "TEXT", "数据来源"},
    {"sectors", "TEXT", "适用行业"},
    {"unit-kinds", "TEXT", "适用单位类型"},
    {"core", "是|否", "是否核心指标"},
    {"basis", "B", "指标值设定依据: 计划/行业/历史/其他标准"},
    {"typical", "V", "参考指标值"},
};

std::vector<OptionSpec> with(std::vector<OptionSpec> a, const std::vector<OptionSpec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Result<indicators::ChangeNote> change_note(const Context& ctx, const Args& args) {
  auto eff = date_option(args, "effective", ctx.clock->today(), DateEnd::year_start);
  if (!eff) return fail(std::move(eff.error()));
  return indicators::ChangeNote{*eff, args.get_or("author", "cli"), args.get_or("reason", "")};
}

// Applies the field options to `i`.
Result<void> apply_fields(const Args& args, model::Indicator& i) {
  if (auto v = args.get("name")) i.name = *v;
  if (auto v = args.get("subclass")) {
    auto s = model::parse_indicator_subclass(*v);
    if (!s) return fail(Error::invalid_input("--subclass: 不是二级指标: \"" + *v + "\""));
    i.subclass = *s;
  }
  if (auto v = args.get("definition")) i.definition = *v;
  if (auto v = args.get("unit")) i.measure_unit = *v;
  if (auto v = args.get("direction")) {
    auto d = model::parse_direction(*v);
    if (!d) return fail(Error::invalid_input("--direction: 应为 ≥ ≤ = 定性: \"" + *v + "\""));
    i.direction = *d;
    i.quantitative = *d != model::Direction::qualitative;
  }
  if (auto v = args.get("formula")) i.formula = *v;
  if (auto v = args.get("source")) i.data_source = *v;
  if (auto v = args.get("sectors")) i.sectors = *v;
  if (auto v = args.get("unit-kinds")) i.unit_kinds = *v;
  if (auto v = args.get("core")) {
    if (*v != "是" && *v != "否" && *v != "yes" && *v != "no") {
      return fail(Error::invalid_input("--core: 应为 是 或 否: \"" + *v + "\""));
    }
    i.is_core = *v == "是" || *v == "yes";
  }
  if (auto v = args.get("basis")) {
    auto b = model::parse_target_basis(*v);
    if (!b)
      return fail(Error::invalid_input("--basis: 应为 计划/行业/历史/其他标准: \"" + *v + "\""));
    i.target_basis = *b;
  }
  if (auto v = args.get("typical")) i.typical_target = *v;
  return {};
}

nlohmann::json to_json(const model::IndicatorVersion& v) {
  const auto& i = v.indicator;
  return {{"code", i.code},
          {"version", v.version},
          {"change", std::string(model::to_string(v.change))},
          {"effective_from", v.effective_from.to_string()},
          {"author", v.author},
          {"reason", v.reason},
          {"name", i.name},
          {"class", std::string(model::to_string(i.indicator_class()))},
          {"subclass", std::string(model::to_string(i.subclass))},
          {"definition", i.definition},
          {"measure_unit", i.measure_unit},
          {"direction", std::string(model::to_string(i.direction))},
          {"quantitative", i.quantitative},
          {"formula", i.formula},
          {"data_source", i.data_source},
          {"sectors", i.sectors},
          {"unit_kinds", i.unit_kinds},
          {"is_core", i.is_core},
          {"target_basis", std::string(model::to_string(i.target_basis))},
          {"typical_target", i.typical_target}};
}

void print_version(std::ostream& out, const model::IndicatorVersion& v) {
  const auto& i = v.indicator;
  auto field = [&](std::string_view label, const std::string& value) {
    out << text::pad(label, 16) << value << "\n";
  };
  field("指标编码", i.code);
  field("版本", "第 " + std::to_string(v.version) + " 版（" +
                    std::string(model::chinese_name(v.change)) + "，" +
                    v.effective_from.to_string() + " 起）");
  field("一级指标", std::string(model::chinese_name(i.indicator_class())));
  field("二级指标", std::string(model::chinese_name(i.subclass)));
  field("三级指标", i.name);
  field("指标解释", i.definition);
  field("计量单位", i.measure_unit);
  field("指标方向", std::string(model::symbol(i.direction)));
  field("定量/定性", i.quantitative ? "定量" : "定性");
  field("计算方法", i.formula);
  field("数据来源", i.data_source);
  field("适用行业", i.sectors);
  field("适用单位类型", i.unit_kinds);
  field("核心指标", i.is_core ? "是" : "否");
  field("指标值设定依据", std::string(model::chinese_name(i.target_basis)));
  field("参考指标值", i.typical_target);
  field("修订人", v.author);
  field("修订说明", v.reason);
}

int run_list(Context& ctx, const Args& args) {
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto date = date_option(args, "as-of", ctx.clock->today(), DateEnd::year_end);
  if (!date) return report(ctx, date.error());
  auto library = stored_library(ctx);
  if (!library) return report(ctx, library.error());
  std::optional<model::IndicatorClass> only;
  if (auto c = args.get("class")) {
    only = model::parse_indicator_class(*c);
    if (!only)
      return report(ctx,
                    Error::invalid_input("--class: 应为 产出、效益 或 满意度: \"" + *c + "\""));
  }
  auto current = library->in_force(*date);
  std::erase_if(current,
                [&](const auto* v) { return only && v->indicator.indicator_class() != *only; });
  if (*format == Format::json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto* v : current) j.push_back(to_json(*v));
    ctx.out << j.dump(2) << "\n";
    return 0;
  }
  if (*format == Format::csv) {
    auto t = indicators::library_table(*library, *date);
    std::vector<std::vector<std::string>> rows;
    for (auto& r : t.rows) {
      if (!only || model::parse_indicator_class(r[1]) == only) rows.push_back(r);
    }
    for (std::size_t i = 0; i < t.header.size(); ++i) ctx.out << (i ? "," : "") << t.header[i];
    ctx.out << "\n";
    for (const auto& r : rows) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        std::string cell = r[i];
        if (cell.find_first_of(",\"\n") != std::string::npos) {
          std::string q = "\"";
          for (char ch : cell) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
          cell = q + "\"";
        }
        ctx.out << (i ? "," : "") << cell;
      }
      ctx.out << "\n";
    }
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto* v : current) {
    const auto& i = v->indicator;
    rows.push_back({i.code, std::string(model::chinese_name(i.indicator_class())),
                    std::string(model::chinese_name(i.subclass)), i.name, i.measure_unit,
                    std::string(model::symbol(i.direction)), i.typical_target,
                    i.is_core ? "是" : "", std::to_string(v->version)});
  }
  print_table(
      ctx.out,
      {"编码", "一级指标", "二级指标", "三级指标", "单位", "方向", "参考值", "核心", "版本"}, rows,
      {false, false, false, false, false, false, true, false, true});
  ctx.out << "共 " << rows.size() << " 个指标（" << date->to_string() << " 有效）\n";
  return 0;
}

int run_show(Context& ctx, const Args& args) {
  auto date = date_option(args, "as-of", ctx.clock->today(), DateEnd::year_end);
  if (!date) return report(ctx, date.error());
  auto library = stored_library(ctx);
  if (!library) return report(ctx, library.error());
  const std::string& code = args.positional[0];
  const model::IndicatorVersion* v = nullptr;
  if (auto n = args.get_int("version", 1, 1'000'000); !n) {
    return report(ctx, n.error());
  } else if (*n) {
    v = library->find(code, **n);
    if (!v)
      return report(
          ctx, Error::not_found("指标库中没有 " + code + " 第 " + std::to_string(**n) + " 版"));
  } else {
    v = library->as_of(code, *date);
    if (!v) {
      const auto* latest = library->latest(code);
      if (!latest) return report(ctx, Error::not_found("指标库中没有编码 " + code));
      return report(
          ctx, Error::not_found("指标 " + code + " 在 " + date->to_string() +
                                " 不是有效指标（最新为第 " + std::to_string(latest->version) +
                                " 版，" + std::string(model::chinese_name(latest->change)) + "，" +
                                latest->effective_from.to_string() + " 起）；用 --version 查看"));
    }
  }
  if (args.get_or("format", "table") == "json") {
    ctx.out << to_json(*v).dump(2) << "\n";
    return 0;
  }
  print_version(ctx.out, *v);
  return 0;
}

int run_add(Context& ctx, const Args& args) {
  auto note = change_note(ctx, args);
  if (!note) return report(ctx, note.error());
  if (note->reason.empty()) note->reason = "新增";
  model::Indicator i;
  auto code = args.require("code");
  if (!code) return report(ctx, code.error());
  i.code = *code;
  if (!args.has("direction")) return report(ctx, Error::invalid_input("缺少参数 --direction"));
  if (!args.has("subclass")) return report(ctx, Error::invalid_input("缺少参数 --subclass"));
  if (auto r = apply_fields(args, i); !r) return report(ctx, r.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto v = indicators::add_indicator(**store, i, *note);
  if (!v) return report(ctx, v.error());
  ctx.out << "已新增指标 " << v->indicator.code << " " << v->indicator.name << "（第 1 版，"
          << v->effective_from.to_string() << " 起生效）\n";
  return 0;
}

int run_edit(Context& ctx, const Args& args) {
  auto note = change_note(ctx, args);
  if (!note) return report(ctx, note.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto library = Library::load(**store);
  if (!library) return report(ctx, library.error());
  const std::string& code = args.positional[0];
  const auto* current = library->latest(code);
  if (!current) return report(ctx, Error::not_found("指标库中没有编码 " + code));
  model::Indicator i = current->indicator;
  if (args.has("code"))
    return report(ctx, Error::invalid_input("指标编码不能修改（停用后新增一个编码）"));
  if (auto r = apply_fields(args, i); !r) return report(ctx, r.error());
  auto v = indicators::edit_indicator(**store, i, *note);
  if (!v) return report(ctx, v.error());
  std::string fields;
  for (const auto& f : indicators::changed_fields(current->indicator, v->indicator))
    fields += (fields.empty() ? "" : "、") + f;
  ctx.out << "已修订指标 " << code << "（第 " << v->version << " 版，"
          << v->effective_from.to_string() << " 起生效）: " << fields << "\n";
  return 0;
}

int run_retire(Context& ctx, const Args& args) {
  auto note = change_note(ctx, args);
  if (!note) return report(ctx, note.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto v = indicators::retire_indicator(**store, args.positional[0], *note);
  if (!v) return report(ctx, v.error());
  ctx.out << "已停用指标 " << v->indicator.code << " " << v->indicator.name << "（"
          << v->effective_from.to_string() << " 起；已设定的绩效目标仍按原版本）\n";
  return 0;
}

int run_history(Context& ctx, const Args& args) {
  auto library = stored_library(ctx);
  if (!library) return report(ctx, library.error());
  std::vector<std::vector<std::string>> rows;
  auto row = [&](const model::IndicatorVersion& v, const std::vector<std::string>& fields) {
    std::string f;
    for (const auto& x : fields) f += (f.empty() ? "" : "、") + x;
    rows.push_back({v.effective_from.to_string(), v.indicator.code, std::to_string(v.version),
                    std::string(model::chinese_name(v.change)), v.indicator.name, f, v.author,
                    v.reason});
  };
  if (!args.positional.empty()) {
    const std::string& code = args.positional[0];
    auto h = library->history(code);
    if (h.empty()) return report(ctx, Error::not_found("指标库中没有编码 " + code));
    for (std::size_t k = 0; k < h.size(); ++k) {
      row(*h[k], k > 0 && h[k]->change == model::ChangeKind::edit
                     ? indicators::changed_fields(h[k - 1]->indicator, h[k]->indicator)
                     : std::vector<std::string>{});
    }
  } else {
    auto from = date_option(args, "from", Date::from_ymd(1900, 1, 1), DateEnd::year_end);
    if (!from) return report(ctx, from.error());
    auto to = date_option(args, "to", Date::from_ymd(2199, 12, 31), DateEnd::year_end);
    if (!to) return report(ctx, to.error());
    for (const auto& c : indicators::changes_between(*library, *from, *to)) row(*c.after, c.fields);
    if (args.has("from") || args.has("to")) {
      ctx.out << "指标库变化: " << (args.has("from") ? from->to_string() : std::string("开始"))
              << " 之后至 " << (args.has("to") ? to->to_string() : std::string("现在")) << "\n";
    }
  }
  print_table(ctx.out,
              {"生效日期", "编码", "版本", "改动", "三级指标", "修改的字段", "修订人", "说明"},
              rows, {});
  ctx.out << "共 " << rows.size() << " 条\n";
  return 0;
}

int run_lint(Context& ctx, const Args& args) {
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto date = date_option(args, "as-of", ctx.clock->today(), DateEnd::year_end);
  if (!date) return report(ctx, date.error());
  auto library = stored_library(ctx);
  if (!library) return report(ctx, library.error());
  return print_findings(ctx, indicators::lint_library(*library, *date), *format);
}

int run_import(Context& ctx, const Args& args) {
  auto note = change_note(ctx, args);
  if (!note) return report(ctx, note.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto r = indicators::import_library(**store, args.positional[0], *note);
  if (!r) return report(ctx, r.error());
  ctx.out << "已导入指标库 " << args.positional[0] << ": 新增 " << r->added << "，修订 "
          << r->edited << "，停用 " << r->retired << "，未变 " << r->unchanged << "\n";
  return 0;
}

int run_export(Context& ctx, const Args& args) {
  auto date = date_option(args, "as-of", ctx.clock->today(), DateEnd::year_end);
  if (!date) return report(ctx, date.error());
  auto library = stored_library(ctx);
  if (!library) return report(ctx, library.error());
  if (auto r = indicators::export_library(*library, *date, args.positional[0]); !r)
    return report(ctx, r.error());
  ctx.out << "已导出 " << library->in_force(*date).size() << " 个指标（" << date->to_string()
          << " 有效）到 " << args.positional[0] << "\n";
  return 0;
}

}  // namespace

void register_indicators(Registry& registry) {
  registry.add({{"indicators", "list"},
                "列出指标库中的指标（按日期读取版本）",
                "[--as-of DATE] [--class C] [--format FMT]",
                {k_as_of, {"class", "C", "只列一级指标 产出/效益/满意度"}, k_format},
                0,
                0,
                run_list});
  registry.add({{"indicators", "show"},
                "显示一个指标的全部属性",
                "CODE [--as-of DATE | --version N]",
                {k_as_of, {"version", "N", "显示第 N 版"}, k_format},
                1,
                1,
                run_show});
  registry.add({{"indicators", "add"},
                "新增指标（生成第 1 版）",
                "--code CODE --name TEXT --subclass S --direction D [--unit U] [其他字段]",
                with(k_field_options, {k_effective, k_author, k_reason}),
                0,
                0,
                run_add});
  registry.add({{"indicators", "edit"},
                "修订指标（生成新版本，旧版本保留）",
                "CODE [字段选项] --reason TEXT",
                with(k_field_options, {k_effective, k_author, k_reason}),
                1,
                1,
                run_edit});
  registry.add({{"indicators", "retire"},
                "停用指标（不删除；已设目标不受影响）",
                "CODE --reason TEXT [--effective DATE]",
                {k_effective, k_author, k_reason},
                1,
                1,
                run_retire});
  registry.add({{"indicators", "history"},
                "指标的版本历史，或两个日期（年份）之间指标库的变化",
                "[CODE] [--from DATE|Y] [--to DATE|Y]",
                {{"from", "DATE", "起（不含）；年份 Y 表示 Y-12-31"},
                 {"to", "DATE", "止（含）；年份 Y 表示 Y-12-31"}},
                0,
                1,
                run_history});
  registry.add({{"indicators", "lint"},
                "检查指标库质量（重复、近似、单位与方向）",
                "[--as-of DATE] [--format FMT]",
                {k_as_of, k_format},
                0,
                0,
                run_lint});
  registry.add({{"indicators", "import"},
                "从 CSV 或 XLSX（指标库 工作表）导入指标库；全部成功或全部不导入",
                "FILE [--effective DATE] [--author NAME] [--reason TEXT]",
                {k_effective, k_author, k_reason},
                1,
                1,
                run_import});
  registry.add({{"indicators", "export"},
                "导出指标库到 XLSX 或 CSV",
                "FILE [--as-of DATE]",
                {k_as_of},
                1,
                1,
                run_export});
}

}  // namespace jixiao::cli

namespace jixiao::cli {

Result<std::string> import_demo_indicators(store::Store& store,
                                           const std::filesystem::path& library_dir,
                                           const std::filesystem::path& demo_dir) {
  const indicators::ChangeNote note{Date::from_ymd(2020, 1, 1), "jixiao 初始指标库", "初始导入"};
  int added = 0;
  for (const char* file : {"common.csv", "people_congress.csv"}) {
    auto r = indicators::import_library(store, (library_dir / file).string(), note);
    if (!r) return fail(std::move(r.error()));
    added += r->added;
  }
  indicators::GoalImportOptions options;
  options.unit_code = "BYRD01";
  options.fiscal_year = 2022;
  options.as_of = Date::from_ymd(2022, 1, 1);
  auto goals = indicators::import_goals(store, (demo_dir / "goals_2022.csv").string(), options);
  if (!goals) return fail(std::move(goals.error()));
  indicators::LedgerActualSource ledger(store);
  congress::CongressActualSource records(store);
  indicators::ActualSource* sources[] = {&ledger, &records};
  auto computed = indicators::refresh_computed_actuals(store, "BYRD01", 2022, sources);
  if (!computed) return fail(std::move(computed.error()));
  return std::to_string(added) + " 个指标（data/indicators/）；" +
         std::to_string(goals->sets.size()) + " 个绩效目标、" + std::to_string(goals->indicators) +
         " 个指标及实际完成值（goals_2022.csv）；" + std::to_string(*computed) +
         " 个实际值由台账和人大工作记录计算";
}

}  // namespace jixiao::cli

// cli/commands/goals.cpp — `jixiao goals show|set|import|export|lint|refresh --unit CODE --year Y`:
// a unit's performance goals with targets, actuals and their completion.
#include "indicators/goals.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands/commands.hpp"
#include "cli/commands/indicators_common.hpp"
#include "congress/congress.hpp"
#include "core/text.hpp"
#include "indicators/exchange.hpp"
#include "indicators/library.hpp"
#include "indicators/lint.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

using model::Measure;

const OptionSpec k_unit{"unit", "CODE", "单位编码"};
const OptionSpec k_year{"year", "Y", "预算年度"};

const OptionSpec k_over{
    "over", "RULE",
    "超额完成的处理: cap（默认，得分系数封顶100%）或 penalize（超出容差按 目标×(1+容差)/实际）"};
const OptionSpec k_over_tolerance{"over-tolerance", "PCT", "超额容差，目标的百分比（默认 20）"};
const OptionSpec k_eq_tolerance{"eq-tolerance", "PCT", "= 指标的允许偏差，目标的百分比（默认 0）"};

// The completion rule options (M6 over-achievement, = tolerance).
Result<indicators::CompletionOptions> completion_options(const Args& args) {
  indicators::CompletionOptions o;
  if (auto v = args.get("over")) {
    if (*v == "cap") {
      o.over = indicators::OverAchievement::cap;
    } else if (*v == "penalize") {
      o.over = indicators::OverAchievement::penalize;
    } else {
      return fail(Error::invalid_input("--over: 应为 cap 或 penalize: \"" + *v + "\""));
    }
  }
  for (auto [name, into] : {std::pair<const char*, Measure*>{"over-tolerance", &o.over_tolerance},
                            std::pair<const char*, Measure*>{"eq-tolerance", &o.eq_tolerance}}) {
    if (auto v = args.get(name)) {
      auto m = model::parse_measure(*v);
      if (!m || m->is_negative())
        return fail(
            Error::invalid_input("--" + std::string(name) + ": 不是非负数: \"" + *v + "\""));
      *into = *m;
    }
  }
  return o;
}

struct UnitYear {
  std::string unit;
  int year = 0;
};

Result<UnitYear> unit_year(const Args& args) {
  auto unit = args.require("unit");
  if (!unit) return fail(std::move(unit.error()));
  auto year = args.require_year();
  if (!year) return fail(std::move(year.error()));
  return UnitYear{*unit, *year};
}

std::string opt(const std::optional<Measure>& m) { return m ? m->to_string() : ""; }

// points × ratio, to 2 decimals half-up, as scaled (×10000) for summing.
std::int64_t score_scaled(const Measure& points, const Rate& ratio) {
  if (!ratio.defined()) return 0;
  return divide_half_up(static_cast<__int128>(points.scaled()) * ratio.numerator(),
                        ratio.denominator());
}

std::string two_decimals(std::int64_t scaled) {
  std::int64_t hundredths = divide_half_up(scaled, 100);
  std::string s = std::to_string(hundredths / 100) + ".";
  std::int64_t frac = hundredths % 100;
  if (frac < 10) s += "0";
  return s + std::to_string(frac);
}

std::string actual_text(const model::GoalIndicator& g) {
  if (!g.actual) return "";
  if (!g.quantitative && g.actual->grade) return std::string(model::chinese_name(*g.actual->grade));
  if (!g.actual->text.empty() && g.actual->provider != model::ActualProvider::computed)
    return g.actual->text;
  return opt(g.actual->value);
}

// A unit's goals of a year as stored; Error::not_found, saying how to import them, when there are
// none.
Result<std::vector<model::GoalSet>> stored_goals(const Context& ctx, const std::string& unit,
                                                 int year) {
  auto store = ctx.open_store();
  if (!store) return fail(std::move(store.error()));
  auto sets = indicators::load_goals(**store, unit, year);
  if (!sets) return fail(std::move(sets.error()));
  if (sets->empty()) {
    return fail(Error::not_found("单位 " + unit + " 没有 " + std::to_string(year) +
                                 " 年的绩效目标（用 `jixiao goals import` 导入）"));
  }
  return sets;
}

std::string set_title(const model::GoalSet& s) {
  return s.is_overall() ? std::string("部门整体支出") : "项目 " + s.line_code + " " + s.line_name;
}

int run_show(Context& ctx, const Args& args) {
  auto uy = unit_year(args);
  if (!uy) return report(ctx, uy.error());
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto options = completion_options(args);
  if (!options) return report(ctx, options.error());
  auto sets = stored_goals(ctx, uy->unit, uy->year);
  if (!sets) return report(ctx, sets.error());
  auto store = ctx.open_store();  // the connection stored_goals opened
  if (!store) return report(ctx, store.error());
  if (*format == Format::json) {
    nlohmann::json j = {
        {"unit_code", uy->unit}, {"fiscal_year", uy->year}, {"goal_sets", nlohmann::json::array()}};
    for (const auto& s : *sets) {
      nlohmann::json js = {{"line_code", s.line_code},
                           {"line_name", s.line_name},
                           {"overall_target", s.overall_target},
                           {"overall_result", s.overall_result},
                           {"indicators", nlohmann::json::array()}};
      for (const auto& g : s.indicators) {
        auto c = indicators::completion(g, *options);
        nlohmann::json jg = {
            {"code", g.indicator_code},
            {"version", g.indicator_version},
            {"name", g.name},
            {"class", std::string(model::to_string(model::class_of(g.subclass)))},
            {"subclass", std::string(model::to_string(g.subclass))},
            {"direction", std::string(model::to_string(g.direction))},
            {"measure_unit", g.measure_unit},
            {"target", opt(g.target)},
            {"adjusted_target", opt(g.adjusted_target)},
            {"target_text", g.target_text},
            {"points", g.points.to_string()},
            {"status", std::string(indicators::chinese_name(c.status))},
            {"ratio", c.ratio.defined() ? c.ratio.percent(2) : ""},
            {"explanation", c.explanation},
            {"deviation_category",
             g.deviation_category ? std::string(model::chinese_name(*g.deviation_category)) : ""},
            {"deviation_reason", g.deviation_reason}};
        if (g.actual) {
          jg["actual"] = {
              {"value", opt(g.actual->value)},
              {"grade", g.actual->grade ? std::string(model::chinese_name(*g.actual->grade)) : ""},
              {"text", g.actual->text},
              {"provider", std::string(model::to_string(g.actual->provider))},
              {"source", g.actual->source},
              {"recorded_at", g.actual->recorded_at},
              {"recorded_by", g.actual->recorded_by}};
        }
        js["indicators"].push_back(std::move(jg));
      }
      j["goal_sets"].push_back(std::move(js));
    }
    ctx.out << j.dump(2) << "\n";
    return 0;
  }
  std::string unit_name;
  if (auto units = (*store)->ledger().units()) {
    for (const auto& u : *units) {
      if (u.code == uy->unit) unit_name = u.name;
    }
  }
  ctx.out << uy->unit << (unit_name.empty() ? "" : " " + unit_name) << " " << uy->year
          << " 年度绩效目标\n";
  for (const auto& s : *sets) {
    ctx.out << "\n== " << set_title(s) << " ==\n";
    if (!s.overall_target.empty()) ctx.out << "年度总体目标: " << s.overall_target << "\n";
    if (!s.overall_result.empty()) ctx.out << "完成情况: " << s.overall_result << "\n";
    std::vector<std::vector<std::string>> rows;
    std::int64_t points_total = 0, score_total = 0;
    std::vector<std::string> notes;
    for (const auto& g : s.indicators) {
      auto c = indicators::completion(g, *options);
      std::string target = g.quantitative ? opt(g.target) : g.target_text;
      std::int64_t score = score_scaled(g.points, c.ratio);
      points_total += g.points.scaled();
      score_total += score;
      rows.push_back({std::string(model::chinese_name(model::class_of(g.subclass))),
                      std::string(model::chinese_name(g.subclass)), g.name,
                      std::string(model::symbol(g.direction)), target,
                      g.quantitative ? opt(g.adjusted_target) : "", g.measure_unit, actual_text(g),
                      g.actual ? std::string(model::chinese_name(g.actual->provider)) : "",
                      g.points.to_string(), std::string(indicators::chinese_name(c.status)),
                      c.ratio.defined() ? c.ratio.percent_text(2) : "—",
                      c.ratio.defined() ? two_decimals(score) : "—"});
      if (c.status == indicators::CompletionStatus::short_of ||
          c.status == indicators::CompletionStatus::exceeded) {
        std::string note = g.name + ": " + c.explanation;
        if (!g.deviation_reason.empty()) {
          note += "\n    偏差原因" +
                  (g.deviation_category
                       ? "（" + std::string(model::chinese_name(*g.deviation_category)) + "）"
                       : "") +
                  ": " + g.deviation_reason;
        }
        notes.push_back(note);
      }
    }
    print_table(
        ctx.out,
        {"一级指标", "二级指标", "三级指标", "方向", "年初指标值", "调整后", "单位", "实际完成值",
         "来源", "分值", "完成情况", "得分系数", "得分"},
        rows,
        {false, false, false, false, true, true, false, true, false, true, false, true, true});
    ctx.out << "分值合计 " << Measure::from_scaled(points_total).to_string() << "，按完成情况得分 "
            << two_decimals(score_total) << "\n";
    for (const auto& n : notes) ctx.out << "  * " << n << "\n";
  }
  return 0;
}

int run_set(Context& ctx, const Args& args) {
  auto uy = unit_year(args);
  if (!uy) return report(ctx, uy.error());
  auto code = args.require("indicator");
  if (!code) return report(ctx, code.error());
  auto as_of = date_option(args, "as-of", ctx.clock->today(), DateEnd::year_end);
  if (!as_of) return report(ctx, as_of.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  indicators::GoalEdit edit;
  edit.line_code = args.get_or("line", "");
  edit.indicator_code = *code;
  if (auto v = args.get("line-name")) edit.line_name = *v;
  if (auto v = args.get("overall-target")) edit.overall_target = *v;
  if (auto v = args.get("overall-result")) edit.overall_result = *v;
  auto number = [&](const char* name, std::optional<Measure>& into) -> Result<void> {
    if (auto v = args.get(name)) {
      auto m = model::parse_measure(*v);
      if (!m)
        return fail(Error::invalid_input("--" + std::string(name) + ": " + m.error().message()));
      into = *m;
    }
    return {};
  };
  // The indicator's nature decides how --target and --actual are read.
  bool quantitative = true;
  {
    auto sets = indicators::load_goals(**store, uy->unit, uy->year);
    if (!sets) return report(ctx, sets.error());
    bool found = false;
    for (const auto& s : *sets) {
      for (const auto& g : s.indicators) {
        if (s.line_code == edit.line_code && g.indicator_code == *code) {
          quantitative = g.quantitative;
          found = true;
        }
      }
    }
    if (!found) {
      auto library = indicators::Library::load(**store);
      if (!library) return report(ctx, library.error());
      if (const auto* v = library->as_of(*code, *as_of)) quantitative = v->indicator.quantitative;
    }
  }
  if (quantitative) {
    if (auto r = number("target", edit.target); !r) return report(ctx, r.error());
    if (auto r = number("adjusted-target", edit.adjusted_target); !r) return report(ctx, r.error());
  }
  if (auto v = args.get("target")) edit.target_text = *v;
  std::optional<Measure> points;
  if (auto r = number("points", points); !r) return report(ctx, r.error());
  edit.points = points;
  if (auto v = args.get("actual")) {
    model::Actual a;
    a.text = *v;
    a.provider = model::ActualProvider::entered;
    a.source = args.get_or("source", "命令行录入");
    a.recorded_by = ctx.user;
    if (quantitative) {
      auto m = model::parse_measure(*v);
      if (!m) return report(ctx, Error::invalid_input("--actual: " + m.error().message()));
      a.value = *m;
    } else {
      a.grade = model::parse_qualitative_grade(*v);
      if (!a.grade)
        return report(ctx, Error::invalid_input(
                               "--actual: 定性指标应为 达成、部分达成 或 未达成: \"" + *v + "\""));
    }
    edit.actual = std::move(a);
  }
  if (auto v = args.get("deviation-category")) {
    edit.deviation_category = model::parse_deviation_category(*v);
    if (!edit.deviation_category) {
      return report(
          ctx,
          Error::invalid_input(
              "--deviation-category: 应为 经费保障、制度保障、人员保障、硬件条件保障 或 其他: \"" +
              *v + "\""));
    }
  }
  if (auto v = args.get("deviation-reason")) edit.deviation_reason = *v;
  auto g = indicators::set_goal(**store, uy->unit, uy->year, edit, *as_of);
  if (!g) return report(ctx, g.error());
  auto c = indicators::completion(*g);
  ctx.out << "已更新 " << uy->unit << " " << uy->year << " "
          << (edit.line_code.empty() ? "部门整体" : edit.line_code) << " " << g->indicator_code
          << " " << g->name << "（第 " << g->indicator_version
          << " 版）: " << indicators::chinese_name(c.status) << "，" << c.explanation << "\n";
  if (c.needs_deviation_reason() && g->deviation_reason.empty()) {
    ctx.out << "提示: 未完成目标，须填写偏差原因（--deviation-category、--deviation-reason）\n";
  }
  return 0;
}

int run_import(Context& ctx, const Args& args) {
  auto as_of = date_option(args, "as-of", ctx.clock->today(), DateEnd::year_end);
  if (!as_of) return report(ctx, as_of.error());
  indicators::GoalImportOptions options;
  options.unit_code = args.get_or("unit", "");
  auto year = args.get_year();
  if (!year) return report(ctx, year.error());
  options.fiscal_year = year->value_or(0);
  options.as_of = *as_of;
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto r = indicators::import_goals(**store, args.positional[0], options);
  if (!r) return report(ctx, r.error());
  ctx.out << "已导入绩效目标 " << args.positional[0] << ": " << r->sets.size() << " 个目标，"
          << r->indicators << " 个指标\n";
  // Known units only warn: goals may be entered before the budget is imported.
  if (auto units = (*store)->ledger().units()) {
    for (const auto& s : r->sets) {
      bool known = std::any_of(units->begin(), units->end(),
                               [&](const auto& u) { return u.code == s.unit_code; });
      if (!known) {
        ctx.out << "提示: 预算台账中还没有单位 " << s.unit_code << "\n";
        break;
      }
    }
  }
  return 0;
}

int run_export(Context& ctx, const Args& args) {
  auto uy = unit_year(args);
  if (!uy) return report(ctx, uy.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto sets = indicators::load_goals(**store, uy->unit, uy->year);
  if (!sets) return report(ctx, sets.error());
  if (auto r = indicators::export_goals(*sets, args.positional[0]); !r)
    return report(ctx, r.error());
  std::size_t n = 0;
  for (const auto& s : *sets) n += s.indicators.size();
  ctx.out << "已导出 " << sets->size() << " 个目标、" << n << " 个指标到 " << args.positional[0]
          << "\n";
  return 0;
}

int run_lint(Context& ctx, const Args& args) {
  auto uy = unit_year(args);
  if (!uy) return report(ctx, uy.error());
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());
  auto options = completion_options(args);
  if (!options) return report(ctx, options.error());
  auto sets = stored_goals(ctx, uy->unit, uy->year);
  if (!sets) return report(ctx, sets.error());
  auto store = ctx.open_store();  // the connection stored_goals opened
  if (!store) return report(ctx, store.error());
  auto previous = indicators::load_goals(**store, uy->unit, uy->year - 1);
  if (!previous) return report(ctx, previous.error());
  auto library = indicators::Library::load(**store);
  if (!library) return report(ctx, library.error());
  return print_findings(ctx, indicators::lint_goals(*sets, *previous, *library, *options), *format);
}

int run_refresh(Context& ctx, const Args& args) {
  auto uy = unit_year(args);
  if (!uy) return report(ctx, uy.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  indicators::LedgerActualSource ledger(**store);
  congress::CongressActualSource records(**store);
  indicators::ActualSource* sources[] = {&ledger, &records};
  auto n = indicators::refresh_computed_actuals(**store, uy->unit, uy->year, sources);
  if (!n) return report(ctx, n.error());
  ctx.out << "已从预算执行台账和人大工作记录计算 " << *n << " 个实际完成值\n";
  return 0;
}

}  // namespace

void register_goals(Registry& registry) {
  registry.add({{"goals", "show"},
                "显示单位年度绩效目标、实际完成值与完成情况",
                "--unit CODE --year Y [--format table|json]",
                {k_unit,
                 k_year,
                 {"format", "FMT", "table（默认）或 json"},
                 k_over,
                 k_over_tolerance,
                 k_eq_tolerance},
                0,
                0,
                run_show});
  registry.add({{"goals", "set"},
                "设定或修改一个目标指标（目标值、分值、实际完成值、偏差原因）",
                "--unit CODE --year Y --indicator CODE [--line CODE] [--target V] [--actual V] …",
                {k_unit,
                 k_year,
                 {"indicator", "CODE", "指标编码"},
                 {"line", "CODE", "项目编码（缺省为部门整体）"},
                 {"line-name", "TEXT", "项目名称"},
                 {"overall-target", "TEXT", "年度总体目标"},
                 {"overall-result", "TEXT", "总体目标完成情况"},
                 {"target", "V", "年初指标值（定性指标为目标描述）"},
                 {"adjusted-target", "V", "调整后指标值"},
                 {"points", "V", "分值"},
                 {"actual", "V", "实际完成值（定性: 达成/部分达成/未达成）"},
                 {"source", "TEXT", "实际值出处"},
                 {"deviation-category", "C", "偏差原因类别"},
                 {"deviation-reason", "TEXT", "偏差原因分析及改进措施"},
                 {"as-of", "DATE", "新加入的指标取此日期有效的版本（默认今天）"}},
                0,
                0,
                run_set});
  registry.add(
      {{"goals", "import"},
       "从 CSV 或 XLSX（绩效目标申报表）导入绩效目标；全部成功或全部不导入",
       "FILE [--unit CODE] [--year Y] [--as-of DATE]",
       {k_unit, k_year, {"as-of", "DATE", "未写指标版本的行取此日期有效的版本（默认今天）"}},
       1,
       1,
       run_import});
  registry.add({{"goals", "export"},
                "导出绩效目标到 XLSX 或 CSV",
                "FILE --unit CODE --year Y",
                {k_unit, k_year},
                1,
                1,
                run_export});
  registry.add({{"goals", "lint"},
                "检查绩效目标质量（指标数量、定量比例、目标偏低、缺类、偏差原因）",
                "--unit CODE --year Y [--format FMT]",
                {k_unit,
                 k_year,
                 {"format", "FMT", "table（默认）或 json"},
                 k_over,
                 k_over_tolerance,
                 k_eq_tolerance},
                0,
                0,
                run_lint});
  registry.add({{"goals", "refresh"},
                "从预算执行台账和人大工作记录计算实际完成值（预算执行率、会议次数、建议办理 …）",
                "--unit CODE --year Y",
                {k_unit, k_year},
                0,
                0,
                run_refresh});
}

}  // namespace jixiao::cli

// cli/commands/schedule.cpp — `jixiao schedule import|plans|clear-curve|clear-plans|show`: the
// schedule (序时进度) kept in the store — plan curves per region, unit or line, and lines' monthly
// spending plans (用款计划) — which `jixiao monitor`, the monitoring API and the dashboards use.
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "cli/commands/commands.hpp"
#include "cli/table.hpp"
#include "core/file.hpp"
#include "monitor/monitor.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

// 2500 → "25%", 2550 → "25.5%", 2555 → "25.55%".
std::string percent_of(std::int64_t basis_points) {
  std::string text = std::to_string(basis_points / 100);
  if (std::int64_t rest = basis_points % 100; rest != 0) {
    text += "." + std::string(rest < 10 ? "0" : "") + std::to_string(rest);
    while (text.back() == '0') text.pop_back();
  }
  return text + "%";
}

std::string scope_name(model::ScopeKind scope) {
  switch (scope) {
    case model::ScopeKind::region:
      return "全区";
    case model::ScopeKind::unit:
      return "单位";
    case model::ScopeKind::line:
      return "项目";
  }
  return "全区";
}

int run_schedule_import(Context& ctx, const Args& args) {
  const std::string& path = args.positional[0];
  auto text = read_file(path);
  if (!text) return report(ctx, text.error());
  auto curves = monitor::parse_schedule_csv(*text, path);
  if (!curves) return report(ctx, curves.error());
  if (curves->empty())
    return report(ctx, Error::invalid_input("文件中没有进度计划", {.file = path}));
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  // A curve holds for every year, so a unit or line no year has yet is stored, with a note
  // (most often a mistyped code).
  auto keys = (*store)->ledger().keys();
  if (!keys) return report(ctx, keys.error());
  std::set<std::string> units(keys->unit_codes.begin(), keys->unit_codes.end());
  std::set<std::pair<std::string, std::string>> lines;
  for (const auto& k : keys->lines) lines.emplace(k.unit_code, k.line_code);
  for (const auto& c : *curves) {
    if (c.scope == model::ScopeKind::unit && !units.contains(c.unit_code)) {
      ctx.err << "jixiao: 提示: 还没有单位 " << c.unit_code << " 的预算；它的进度计划照样保存\n";
    } else if (c.scope == model::ScopeKind::line && !lines.contains({c.unit_code, c.line_code})) {
      ctx.err << "jixiao: 提示: 还没有单位 " << c.unit_code << " 的项目 " << c.line_code
              << " 的预算；它的进度计划照样保存\n";
    }
  }
  if (auto r = (*store)->schedules().replace_curves(*curves); !r) return report(ctx, r.error());
  std::size_t points = 0;
  for (const auto& c : *curves) points += c.points.size();
  ctx.out << "已保存 " << curves->size() << " 条进度计划（" << points << " 个检查点），来自 "
          << path << "；同范围原有的计划已替换\n";
  return 0;
}

int run_schedule_plans(Context& ctx, const Args& args) {
  const std::string& path = args.positional[0];
  auto text = read_file(path);
  if (!text) return report(ctx, text.error());
  std::vector<std::int64_t> rows;
  auto plans = monitor::parse_spending_plan_csv(*text, path, &rows);
  if (!plans) return report(ctx, plans.error());
  if (plans->empty())
    return report(ctx, Error::invalid_input("文件中没有用款计划", {.file = path}));
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  // Every plan must be of a line the store has in that year.
  auto keys = (*store)->ledger().keys();
  if (!keys) return report(ctx, keys.error());
  std::set<std::tuple<std::string, int, std::string>> lines;
  for (const auto& k : keys->lines) lines.emplace(k.unit_code, k.fiscal_year, k.line_code);
  for (std::size_t i = 0; i < plans->size(); ++i) {
    const auto& p = (*plans)[i];
    if (!lines.contains({p.unit_code, p.fiscal_year, p.line_code})) {
      return report(
          ctx, Error::not_found(std::to_string(p.fiscal_year) + " 年度没有单位 " + p.unit_code +
                                    " 的项目 " + p.line_code + "；请先导入预算",
                                {.file = path, .row = rows[i], .column = "line_code"}));
    }
  }
  if (auto r = (*store)->schedules().replace_spending_plans(*plans); !r)
    return report(ctx, r.error());
  ctx.out << "已保存 " << plans->size() << " 个项目的用款计划，来自 " << path
          << "；这些项目原有的用款计划已替换\n";
  return 0;
}

int run_schedule_clear_curve(Context& ctx, const Args& args) {
  auto scope_text = args.require("scope");
  if (!scope_text) return report(ctx, scope_text.error());
  model::ScopeKind scope;
  if (*scope_text == "region" || *scope_text == "全区")
    scope = model::ScopeKind::region;
  else if (*scope_text == "unit" || *scope_text == "单位")
    scope = model::ScopeKind::unit;
  else if (*scope_text == "line" || *scope_text == "项目")
    scope = model::ScopeKind::line;
  else
    return report(
        ctx, Error::invalid_input("--scope: 应为 region、unit 或 line: \"" + *scope_text + "\""));
  const std::string unit = scope == model::ScopeKind::region ? "" : args.get_or("unit", "");
  const std::string line = scope == model::ScopeKind::line ? args.get_or("line", "") : "";
  if (scope != model::ScopeKind::region && unit.empty())
    return report(ctx, Error::invalid_input("缺少参数 --unit"));
  if (scope == model::ScopeKind::line && line.empty())
    return report(ctx, Error::invalid_input("缺少参数 --line"));
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto removed = (*store)->schedules().remove_curve(scope, unit, line);
  if (!removed) return report(ctx, removed.error());
  std::string name =
      scope_name(scope) + (unit.empty() ? "" : " " + unit) + (line.empty() ? "" : " " + line);
  if (!*removed) return report(ctx, Error::not_found("没有已保存的进度计划: " + name));
  ctx.out << "已删除进度计划: " << name << "\n";
  return 0;
}

int run_schedule_clear_plans(Context& ctx, const Args& args) {
  auto year = args.require_year();
  if (!year) return report(ctx, year.error());
  const std::string unit = args.get_or("unit", "");
  const std::string line = args.get_or("line", "");
  if (!line.empty() && unit.empty())
    return report(ctx, Error::invalid_input("--line 须与 --unit 一起使用"));
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto removed = (*store)->schedules().remove_spending_plans(*year, unit, line);
  if (!removed) return report(ctx, removed.error());
  ctx.out << "已删除 " << *removed << " 个项目的 " << *year << " 年度用款计划\n";
  return 0;
}

int run_schedule_show(Context& ctx, const Args& args) {
  auto year = args.get_year();
  if (!year) return report(ctx, year.error());
  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto curves = (*store)->schedules().curves();
  if (!curves) return report(ctx, curves.error());
  std::vector<int> years;
  if (*year) {
    years.push_back(**year);
  } else {
    auto all = (*store)->ledger().fiscal_years();
    if (!all) return report(ctx, all.error());
    years = *all;
  }

  ctx.out << "进度计划（各年度通用；未列出的检查点之间按日线性，年末 100%）\n";
  if (curves->empty()) {
    ctx.out << "（无：全部按月均衡序时进度）\n";
  } else {
    TextTable t({"范围", "单位", "项目", "检查点"});
    for (const auto& c : *curves) {
      std::string points;
      for (const auto& p : c.points) {
        char md[8];
        std::snprintf(md, sizeof md, "%02d-%02d", p.month, p.day);
        points += (points.empty() ? "" : "，") + std::string(md) + " " + percent_of(p.basis_points);
      }
      t.add({scope_name(c.scope), c.unit_code, c.line_code, points});
    }
    ctx.out << t.render();
  }
  for (int y : years) {
    auto plans = (*store)->schedules().spending_plans(y);
    if (!plans) return report(ctx, plans.error());
    if (plans->empty() && !*year) continue;
    ctx.out << "\n" << y << " 年度用款计划（元）\n";
    if (plans->empty()) {
      ctx.out << "（无）\n";
      continue;
    }
    TextTable t({"单位", "项目", "全年", "各月"},
                {text::Align::left, text::Align::left, text::Align::right});
    for (const auto& p : *plans) {
      std::string months;
      for (int m = 1; m <= 12; ++m) {
        const Money a = p.months[static_cast<std::size_t>(m - 1)];
        if (a.is_zero()) continue;
        months += (months.empty() ? "" : "，") + std::to_string(m) + "月 " + format_yuan(a);
      }
      t.add({p.unit_code, p.line_code, format_yuan(p.total()),
             months.empty() ? "（全为零）" : months});
    }
    ctx.out << t.render();
  }
  return 0;
}

}  // namespace

void register_schedule(Registry& registry) {
  registry.add(
      {.path = {"schedule", "import"},
       .summary = "保存进度计划 CSV（全区、单位或项目的序时进度曲线）；同范围原有的计划整条替换",
       .usage = "FILE",
       .min_positional = 1,
       .max_positional = 1,
       .run = run_schedule_import});
  registry.add({.path = {"schedule", "plans"},
                .summary = "保存用款计划 CSV（项目的分月用款计划）；每个项目原有的计划整份替换",
                .usage = "FILE",
                .min_positional = 1,
                .max_positional = 1,
                .run = run_schedule_plans});
  registry.add({.path = {"schedule", "clear-curve"},
                .summary = "删除一条已保存的进度计划（该范围恢复为上一级的计划或按月均衡）",
                .usage = "--scope region|unit|line [--unit CODE] [--line CODE]",
                .options = {{"scope", "SCOPE", "region（全区）、unit（单位）或 line（项目）"},
                            {"unit", "CODE", "单位编码（unit、line 范围）"},
                            {"line", "CODE", "项目编码（line 范围）"}},
                .run = run_schedule_clear_curve});
  registry.add({.path = {"schedule", "clear-plans"},
                .summary = "删除已保存的用款计划：一个年度的全部，或一个单位、一个项目的",
                .usage = "--year Y [--unit CODE [--line CODE]]",
                .options = {{"year", "Y", "预算年度"},
                            {"unit", "CODE", "只删这个单位的"},
                            {"line", "CODE", "只删这个项目的"}},
                .run = run_schedule_clear_plans});
  registry.add({.path = {"schedule", "show"},
                .summary = "列出已保存的进度计划和用款计划",
                .usage = "[--year Y]",
                .options = {{"year", "Y", "只列这一年度的用款计划（默认：每个年度）"}},
                .run = run_schedule_show});
}

}  // namespace jixiao::cli

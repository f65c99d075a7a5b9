// cli/commands/summary.cpp — `jixiao summary --year Y [--unit CODE] [--as-of DATE] [--by …]
// [--format …]`.
#include <ostream>

#include "cli/commands/commands.hpp"
#include "cli/table.hpp"
#include "ledger/ledger.hpp"
#include "ledger/summary_json.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

std::vector<std::string> money_cells(const ledger::Totals& t) {
  return {format_wan(t.initial),  format_wan(t.adjustments),          format_wan(t.adjusted()),
          format_wan(t.executed), t.execution_rate().percent_text(1), format_wan(t.unspent())};
}

std::string render_table(const ledger::Summary& s) {
  using text::Align;
  std::string out = std::to_string(s.fiscal_year) + " 年度预算执行情况（截至 " +
                    s.as_of.to_string() + "，金额单位：万元）\n\n";
  std::string first = s.group_by == ledger::GroupBy::line    ? "项目"
                      : s.group_by == ledger::GroupBy::month ? "月份"
                      : s.group_by == ledger::GroupBy::fund  ? "资金来源"
                                                             : "经济分类";
  for (const auto& u : s.units) {
    out += u.unit.code + " " + u.unit.name + "\n";
    TextTable t({"代码", first, "年初预算", "调整", "全年预算", "执行数", "执行率", "结余"},
                {Align::left, Align::left, Align::right, Align::right, Align::right, Align::right,
                 Align::right, Align::right});
    for (const auto& r : u.rows) {
      std::vector<std::string> row{s.group_by == ledger::GroupBy::line ? r.key : "", r.label};
      if (s.group_by == ledger::GroupBy::month) {
        row = {
            r.key, r.label, "", format_wan(r.totals.adjustments), "", format_wan(r.totals.executed),
            "",    ""};
      } else {
        for (auto& c : money_cells(r.totals)) row.push_back(std::move(c));
      }
      t.add(std::move(row));
    }
    t.add_separator();
    std::vector<std::string> total{"", "合计"};
    for (auto& c : money_cells(u.totals)) total.push_back(std::move(c));
    t.add(std::move(total));
    out += t.render() + "\n";
  }
  if (s.units.size() > 1) {
    out += "全部单位合计: 全年预算 " + format_wan(s.totals.adjusted()) + " 万元，执行 " +
           format_wan(s.totals.executed) + " 万元，执行率 " +
           s.totals.execution_rate().percent_text(1) + "\n";
  } else if (s.units.size() == 1) {
    const auto& t = s.units[0].totals;
    out += "全年预算数 " + format_wan(t.adjusted()) + " 万元，执行数 " + format_wan(t.executed) +
           " 万元，完成预算的 " + t.execution_rate().percent_text(1) + "，结余 " +
           format_wan(t.unspent()) + " 万元。\n";
  } else {
    out += "（该年度没有预算数据）\n";
  }
  return out;
}

int run_summary(Context& ctx, const Args& args) {
  auto year = args.require_year();
  if (!year) return report(ctx, year.error());
  ledger::SummaryOptions options;
  options.unit_code = args.get_or("unit", "");
  if (auto as_of = args.get("as-of")) {
    auto d = parse_date(*as_of);
    if (!d) return report(ctx, d.error().add_context("--as-of"));
    options.as_of = *d;
  }
  auto by = ledger::parse_group_by(args.get_or("by", "line"));
  if (!by) return report(ctx, by.error());
  options.group_by = *by;
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());

  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto ledger = ledger::Ledger::load(**store, *year);
  if (!ledger) return report(ctx, ledger.error());
  auto summary = ledger::summarize(*ledger, options);
  if (!summary) return report(ctx, summary.error());
  switch (*format) {
    case Format::table:
      ctx.out << render_table(*summary);
      break;
    case Format::json:
      ctx.out << ledger::summary_to_json(*summary) << "\n";
      break;
    case Format::csv:
      ctx.out << ledger::summary_to_csv(*summary);
      break;
  }
  return 0;
}

}  // namespace

void register_summary(Registry& registry) {
  registry.add(
      {.path = {"summary"},
       .summary =
           "预算执行汇总：年初预算、调整、全年预算、执行数、执行率、结余（按单位、项目、月份…）",
       .usage = "--year Y [--unit CODE] [--as-of DATE] [--by line|month|fund|econ] [--format "
                "table|json|csv]",
       .options = {{"year", "Y", "预算年度"},
                   {"unit", "CODE", "只看这个单位"},
                   {"as-of", "DATE", "截至日期（默认年末）"},
                   {"by", "GROUP", "明细分组: line（项目，默认）、month、fund、econ"},
                   {"format", "FMT", "table（默认）、json 或 csv"}},
       .run = run_summary});
}

}  // namespace jixiao::cli

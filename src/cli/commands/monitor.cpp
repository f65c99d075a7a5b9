// cli/commands/monitor.cpp — `jixiao monitor --year Y --as-of DATE [--unit CODE] [--format …]`:
// execution against the schedule, warnings, year-end forecast with its band, adjustment advice.
#include "monitor/monitor.hpp"

#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/commands/commands.hpp"
#include "core/file.hpp"
#include "ledger/ledger.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

// "10-31:80" → floor.
Result<monitor::Thresholds::Floor> parse_floor(const std::string& text) {
  int m = 0, d = 0, p = 0;
  char c1 = 0, c2 = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c%d", &m, &c1, &d, &c2, &p) == 5 && c1 == '-' &&
      c2 == ':' && Date::is_valid_ymd(2024, m, d) && p >= 0 && p <= 100) {
    return monitor::Thresholds::Floor{m, d, p};
  }
  return fail(Error::invalid_input("--floor: 应为 MM-DD:百分比，例如 10-31:80: \"" + text + "\""));
}

int run_monitor_command(Context& ctx, const Args& args) {
  auto year = args.require_year();
  if (!year) return report(ctx, year.error());
  const int y = *year;
  monitor::MonitorOptions options;
  options.unit_code = args.get_or("unit", "");
  if (auto as_of = args.get("as-of")) {
    auto d = parse_date(*as_of);
    if (!d) return report(ctx, d.error().add_context("--as-of"));
    options.as_of = *d;
  } else {
    options.as_of = Date::from_ymd(y, 12, 31);
  }
  auto format = parse_format(args.get_or("format", "table"));
  if (!format) return report(ctx, format.error());

  auto& t = options.thresholds;
  auto yellow = args.get_int("yellow", 0, 100);
  if (!yellow) return report(ctx, yellow.error());
  auto red = args.get_int("red", 0, 100);
  if (!red) return report(ctx, red.error());
  auto months = args.get_int("no-payment-months", 0, 12);
  if (!months) return report(ctx, months.error());
  t.yellow_points = yellow->value_or(t.yellow_points);
  t.red_points = red->value_or(t.red_points);
  t.no_payment_months = months->value_or(t.no_payment_months);
  if (t.red_points < t.yellow_points)
    return report(ctx, Error::invalid_input("--red 不能小于 --yellow"));
  if (args.has("floor")) {
    t.floors.clear();
    for (const auto& f : args.all("floor")) {
      if (f == "none") continue;
      auto floor = parse_floor(f);
      if (!floor) return report(ctx, floor.error());
      t.floors.push_back(*floor);
    }
  }

  std::vector<monitor::ScheduleCurve> curves;
  std::vector<monitor::SpendingPlan> plans;
  for (const auto& path : args.all("schedule")) {
    auto text = read_file(path);
    if (!text) return report(ctx, text.error());
    auto c = monitor::parse_schedule_csv(*text, path);
    if (!c) return report(ctx, c.error());
    curves.insert(curves.end(), c->begin(), c->end());
  }
  for (const auto& path : args.all("plan")) {
    auto text = read_file(path);
    if (!text) return report(ctx, text.error());
    auto p = monitor::parse_spending_plan_csv(*text, path);
    if (!p) return report(ctx, p.error());
    plans.insert(plans.end(), p->begin(), p->end());
  }
  // The files' own check first (two curves of one scope among them are an error), then on top
  // of the stored schedule: a file's curve or plan replaces the stored one of its scope, for this
  // run.
  auto given = monitor::Schedule::make(curves, plans);
  if (!given) return report(ctx, given.error());

  auto store = ctx.open_store();
  if (!store) return report(ctx, store.error());
  auto stored = monitor::load_schedule(**store, y);
  if (!stored) return report(ctx, stored.error().add_context("已保存的进度计划"));
  auto schedule = monitor::overlay_schedule(*stored, std::move(curves), std::move(plans));
  if (!schedule) return report(ctx, schedule.error());
  options.schedule = std::move(*schedule);
  auto ledger = ledger::Ledger::load(**store, y);
  if (!ledger) return report(ctx, ledger.error());

  auto history = monitor::load_history(**store, y);
  if (!history) return report(ctx, history.error());
  auto result = monitor::run_monitor(*ledger, *history, options);
  if (!result) return report(ctx, result.error());
  switch (*format) {
    case Format::table:
      ctx.out << monitor::monitor_to_table(*ledger, *result, options);
      break;
    case Format::json:
      ctx.out << monitor::monitor_to_json(*ledger, *result, options) << "\n";
      break;
    case Format::csv:
      ctx.out << monitor::monitor_to_csv(*ledger, *result);
      break;
  }
  return 0;
}

}  // namespace

void register_monitor(Registry& registry) {
  registry.add(
      {.path = {"monitor"},
       .summary = "预算执行监控：序时进度、预警、年末执行预测（P10–P90）、调减/调剂建议",
       .usage = "--year Y --as-of DATE [--unit CODE] [--format table|json|csv] [--schedule FILE] "
                "[--plan FILE] "
                "[--yellow N] [--red N] [--floor MM-DD:P] [--no-payment-months N]",
       .options = {{"year", "Y", "预算年度"},
                   {"as-of", "DATE", "监控日期（默认年末）"},
                   {"unit", "CODE", "只看这个单位"},
                   {"format", "FMT", "table（默认）、json 或 csv"},
                   {"schedule", "FILE",
                    "进度计划 CSV，加在已保存的计划之上，仅本次有效（docs/formats.md）", true},
                   {"plan", "FILE",
                    "用款计划 CSV，加在已保存的计划之上，仅本次有效（docs/formats.md）", true},
                   {"yellow", "N", "落后序时进度超过 N 个百分点为黄色预警（默认 5）"},
                   {"red", "N", "落后序时进度超过 N 个百分点为红色预警（默认 10）"},
                   {"floor", "MM-DD:P", "硬性进度底线，可重复；none 取消（默认 10-31:80）", true},
                   {"no-payment-months", "N", "超过 N 个月无支付即预警（默认 3）"}},
       .run = run_monitor_command});
}

}  // namespace jixiao::cli

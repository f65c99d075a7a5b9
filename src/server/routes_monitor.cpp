// server/routes_monitor.cpp — in-year monitoring (monitor::run_monitor): GET /api/monitor, and
// the helpers the dashboard uses for its warnings, advice and forecast band.
#include <cmath>

#include "core/money.hpp"
#include "monitor/monitor_json.hpp"
#include "server/app.hpp"

namespace jixiao::server {

Result<monitor::MonitorResult> monitor_unit(App& app, store::Store& store, int fiscal_year,
                                            const std::string& unit_code, std::optional<Date> as_of,
                                            std::shared_ptr<const ledger::Ledger>* ledger_out) {
  auto ledger = app.ledgers().get(store, fiscal_year);
  if (!ledger) return fail(std::move(ledger.error()));
  auto history = app.ledgers().history(store, fiscal_year);
  if (!history) return fail(std::move(history.error()));
  auto schedule = app.ledgers().schedule(store, fiscal_year);
  if (!schedule) return fail(std::move(schedule.error()));
  monitor::MonitorOptions options;
  options.unit_code = unit_code;
  options.as_of = as_of.value_or(Date::from_ymd(fiscal_year, 12, 31));
  options.schedule = **schedule;
  if (ledger_out) *ledger_out = *ledger;
  return monitor::run_monitor(**ledger, **history, options);
}

namespace {

Result<ApiResponse> get_monitor(App& app, Call& call) {
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  std::string unit = call.req().query_or("unit");
  if (unit.empty() && !sees_all_units(call.user())) {
    return fail(Error::permission("只能查看本单位的监控；请用参数 unit 指定单位"));
  }
  if (!unit.empty()) JIXIAO_TRY(require(call.user(), Action::read_unit, unit));
  auto given = as_of_of(call.req());
  if (!given) return fail(std::move(given.error()));
  const std::optional<Date> as_of = *given;
  std::string key =
      "monitor|" + std::to_string(*year) + "|" + unit + "|" + call.req().query_or("as_of");
  if (auto hit = app.ledgers().cached(key))
    return ApiResponse{200, "application/json; charset=utf-8", *hit, {}};
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  std::shared_ptr<const ledger::Ledger> ledger;
  auto result = monitor_unit(app, **s, *year, unit, as_of, &ledger);
  if (!result) return fail(std::move(result.error()));
  monitor::MonitorOptions options;
  options.unit_code = unit;
  options.as_of = result->as_of;
  std::string body = monitor::monitor_to_json(*ledger, *result, options, -1);
  app.ledgers().remember(key, body);
  return ApiResponse{200, "application/json; charset=utf-8", std::move(body), {}};
}

}  // namespace

void add_monitor_routes(App& app) {
  app.add({"GET", "/api/monitor", Access::signed_in, get_monitor});
}

}  // namespace jixiao::server

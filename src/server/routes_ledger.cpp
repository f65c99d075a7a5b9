// server/routes_ledger.cpp — years, units, budget lines, the summary, the unit dashboard, the
// bureau overview and imports (the same ledger::import_file the CLI uses).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "core/money.hpp"
#include "ingest/import_plan_json.hpp"
#include "ingest/ingest.hpp"
#include "ledger/importer.hpp"
#include "ledger/summary_json.hpp"
#include "server/app.hpp"
#include "server/error_mapping.hpp"

namespace jixiao::server {
namespace {

// The units this user may see, in code order.
Result<std::vector<model::Unit>> visible_units(Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto units = (*s)->ledger().units();
  if (!units) return fail(std::move(units.error()));
  std::vector<model::Unit> out;
  for (auto& u : *units) {
    if (allowed(call.user(), Action::read_unit, u.code)) out.push_back(std::move(u));
  }
  return out;
}

Result<ApiResponse> list_years(App&, Call& call) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto years = (*s)->ledger().fiscal_years();
  if (!years) return fail(std::move(years.error()));
  return json_response(Json{{"years", *years}});
}

Result<ApiResponse> list_units(App&, Call& call) {
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  auto units = visible_units(call);
  if (!units) return fail(std::move(units.error()));
  std::string q = call.req().query_or("q");
  Json all = Json::array();
  for (const auto& u : *units) {
    if (!q.empty() && u.code.find(q) == std::string::npos && u.name.find(q) == std::string::npos)
      continue;
    all.push_back(to_json(u));
  }
  return json_response(paged(all, *page));
}

Result<ApiResponse> get_unit(App&, Call& call) {
  const std::string& code = call.req().params.at("code");
  JIXIAO_TRY(require(call.user(), Action::read_unit, code));
  auto units = visible_units(call);
  if (!units) return fail(std::move(units.error()));
  for (const auto& u : *units) {
    if (u.code == code) return json_response(to_json(u));
  }
  return fail(Error::not_found("没有这个单位: " + code));
}

// A unit on its own (no lines yet): written as a budget import of one unit with no rows, so it
// has an import-log record like every other ledger write.
Result<ApiResponse> create_unit(App&, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::manage));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto code = string_field(*body, "code");
  if (!code) return fail(std::move(code.error()));
  auto name = string_field(*body, "name");
  if (!name) return fail(std::move(name.error()));
  auto parent = string_field(*body, "parent_code", false);
  if (!parent) return fail(std::move(parent.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto units = (*s)->ledger().units();
  if (!units) return fail(std::move(units.error()));
  bool parent_found = parent->empty();
  for (const auto& u : *units) {
    if (u.code == *code) return fail(Error::conflict("单位已存在: " + *code, {.field = "code"}));
    parent_found = parent_found || u.code == *parent;
  }
  if (!parent_found)
    return fail(Error::invalid_input("没有上级单位: " + *parent, {.field = "parent_code"}));
  model::ImportBatch batch;
  batch.kind = model::ImportKind::budget;
  batch.source_name = "API 新建单位 " + *code;
  batch.content_hash = "unit:" + *code;
  batch.units.push_back({*code, *name, *parent});
  auto written = (*s)->ledger().write_import(batch);
  if (!written) return fail(std::move(written.error()));
  Json unit = to_json(batch.units.front());
  JIXIAO_TRY(call.audit("units.add", "unit:" + *code, nullptr, unit));
  call.invalidate_caches();
  return json_response(unit, 201);
}

Result<ApiResponse> list_lines(App&, Call& call) {
  const std::string& code = call.req().params.at("code");
  JIXIAO_TRY(require(call.user(), Action::read_unit, code));
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto lines = (*s)->ledger().budget_lines(*year, code);
  if (!lines) return fail(std::move(lines.error()));
  Json all = Json::array();
  for (const auto& l : *lines) {
    all.push_back(Json{{"unit_code", l.unit_code},
                       {"year", l.fiscal_year},
                       {"code", l.code},
                       {"name", l.name},
                       {"kind", model::to_string(l.kind)},
                       {"kind_name", model::chinese_name(l.kind)},
                       {"function_code", l.function_code},
                       {"economic_code", l.economic_code},
                       {"fund_source", l.fund_source},
                       {"initial_budget", format_yuan(l.initial_budget)}});
  }
  return json_response(paged(all, *page));
}

Result<ApiResponse> summary(App& app, Call& call) {
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto as_of = as_of_of(call.req());
  if (!as_of) return fail(std::move(as_of.error()));
  std::string unit = call.req().query_or("unit");
  if (unit.empty() && !sees_all_units(call.user())) {
    return fail(Error::permission("只能查看本单位的汇总；请用参数 unit 指定单位"));
  }
  if (!unit.empty()) JIXIAO_TRY(require(call.user(), Action::read_unit, unit));
  auto by = ledger::parse_group_by(call.req().query_or("by", "line"));
  if (!by) return fail(std::move(by.error()));
  std::string key = "summary|" + std::to_string(*year) + "|" + unit + "|" +
                    call.req().query_or("as_of") + "|" + call.req().query_or("by", "line");
  if (auto hit = app.ledgers().cached(key))
    return ApiResponse{200, "application/json; charset=utf-8", *hit, {}};
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto ledger = app.ledgers().get(**s, *year);
  if (!ledger) return fail(std::move(ledger.error()));
  auto sum = ledger::summarize(**ledger, {.unit_code = unit, .as_of = *as_of, .group_by = *by});
  if (!sum) return fail(std::move(sum.error()));
  std::string body = ledger::summary_to_json(*sum, -1);
  app.ledgers().remember(key, body);
  return ApiResponse{200, "application/json; charset=utf-8", std::move(body), {}};
}

Json totals_json(const ledger::Totals& t) {
  return Json{{"initial_budget", format_yuan(t.initial)},
              {"adjustments", format_yuan(t.adjustments)},
              {"budget", format_yuan(t.adjusted())},
              {"executed", format_yuan(t.executed)},
              {"unspent", format_yuan(t.unspent())},
              {"execution_rate",
               t.execution_rate().defined() ? Json(t.execution_rate().percent(2)) : Json()},
              {"execution_rate_display", t.execution_rate().percent_text(1)}};
}

Json evaluation_json(store::Store& s, const std::string& unit, int year) {
  auto e = s.workflow().find_evaluation(unit, year);
  if (!e || !e->has_value()) return nullptr;
  return to_json(**e);
}

// The dashboard body of unit `code` at `as_of` (year end when empty), as JSON text.
Result<std::string> dashboard_body(App& app, store::Store& store, int fiscal_year,
                                   const std::string& code, std::optional<Date> as_of_date) {
  // Year end: the whole year's summary is computed once for every unit; another date: this unit
  // only.
  std::shared_ptr<const LedgerCache::YearSummary> year_sum;
  std::optional<ledger::Summary> own;
  const ledger::Summary* sum = nullptr;
  const ledger::UnitSummary* found = nullptr;
  if (!as_of_date) {
    auto ys = app.ledgers().year_summary(store, fiscal_year);
    if (!ys) return fail(std::move(ys.error()));
    year_sum = *ys;
    sum = &year_sum->summary;
    if (auto it = year_sum->unit_index.find(code); it != year_sum->unit_index.end())
      found = &sum->units[it->second];
  } else {
    auto ledger = app.ledgers().get(store, fiscal_year);
    if (!ledger) return fail(std::move(ledger.error()));
    auto one = ledger::summarize(
        **ledger, {.unit_code = code, .as_of = as_of_date, .group_by = ledger::GroupBy::line});
    if (!one && one.error().code() != ErrorCode::not_found) return fail(std::move(one.error()));
    if (one) {
      own = std::move(*one);
      sum = &*own;
      if (!own->units.empty()) found = &own->units.front();
    }
  }
  if (found == nullptr) {
    return fail(
        Error::not_found("单位 " + code + " 在 " + std::to_string(fiscal_year) + " 年度没有预算"));
  }
  const auto& u = *found;
  // The schedule share at the end of each month: each line's own schedule (stored curves and
  // spending plans), weighted by the lines' budgets at as_of (the rows, in unit_lines order).
  auto schedule = app.ledgers().schedule(store, fiscal_year);
  if (!schedule) return fail(std::move(schedule.error()));
  std::array<Rate, 12> schedule_by_month;
  for (int m = 1; m <= 12; ++m) schedule_by_month[static_cast<std::size_t>(m - 1)] = Rate(m, 12);
  if (!(*schedule)->curves().empty() || !(*schedule)->plans().empty()) {
    auto ledger = app.ledgers().get(store, fiscal_year);
    if (!ledger) return fail(std::move(ledger.error()));
    if (auto id = (*ledger)->find_unit(code)) {
      std::vector<Money> budgets;
      budgets.reserve(u.rows.size());
      for (const auto& r : u.rows) budgets.push_back(r.totals.adjusted());
      schedule_by_month = monitor::unit_schedule_by_month(**ledger, **schedule, *id, budgets);
    }
  }
  Json months = Json::array();
  Money cumulative;
  int last_month = sum->as_of.year() > fiscal_year ? 12 : sum->as_of.month();
  for (int m = 1; m <= 12; ++m) {
    cumulative += u.executed_by_month[static_cast<std::size_t>(m - 1)];
    Rate rate = Rate::of(cumulative, u.totals.adjusted());
    months.push_back(Json{
        {"month", m},
        {"executed", format_yuan(u.executed_by_month[static_cast<std::size_t>(m - 1)])},
        {"cumulative", format_yuan(cumulative)},
        {"cumulative_rate", m <= last_month && rate.defined() ? Json(rate.percent(2)) : Json()},
        {"schedule_rate", schedule_by_month[static_cast<std::size_t>(m - 1)].defined()
                              ? Json(schedule_by_month[static_cast<std::size_t>(m - 1)].percent(2))
                              : Json()}});
  }
  Json lines = Json::array();
  for (const auto& r : u.rows) {
    Json l = totals_json(r.totals);
    l["code"] = r.key;
    l["name"] = r.label;
    if (r.line) l["kind_name"] = model::chinese_name(r.line->kind);
    lines.push_back(std::move(l));
  }
  // Monitoring: warnings, advice and the year-end forecast, drawn as a band from the last
  // month with data to December (straight lines to P10, P50 and P90).
  Json warnings = Json::array();
  Json advice = Json::array();
  Json forecast = nullptr;
  // Year end: every unit's monitoring is computed once and shared; another date: this unit only.
  std::shared_ptr<const LedgerCache::YearMonitor> year_mon;
  std::optional<monitor::MonitorResult> own_mon;
  const monitor::Figures* figures = nullptr;
  Date mon_as_of;
  if (!as_of_date) {
    auto ym = app.ledgers().year_monitor(app, store, fiscal_year);
    if (ym) {
      year_mon = *ym;
      mon_as_of = year_mon->result.as_of;
      static const std::vector<std::size_t> k_none;
      auto w = year_mon->warnings.find(code);
      auto a = year_mon->advice.find(code);
      warnings =
          warnings_json(year_mon->result, w == year_mon->warnings.end() ? &k_none : &w->second);
      advice = advice_json(year_mon->result, a == year_mon->advice.end() ? &k_none : &a->second);
      if (auto st = year_mon->unit_status.find(code); st != year_mon->unit_status.end()) {
        figures = &year_mon->result.units[st->second].figures;
      }
    }
  } else {
    auto one = monitor_unit(app, store, fiscal_year, code, as_of_date);
    if (one) {
      own_mon = std::move(*one);
      mon_as_of = own_mon->as_of;
      warnings = warnings_json(*own_mon);
      advice = advice_json(*own_mon);
      figures = &own_mon->figures;
    }
  }
  if (figures) {
    const auto* mon = figures;
    const auto& f = mon->forecast;
    Money budget = mon->totals.adjusted();
    auto rate_of = [&](Money m) -> double {
      Rate r = Rate::of(m, budget);
      return r.defined() ? std::round(r.to_double() * 10000) / 100 : 0.0;
    };
    int from = mon_as_of.year() > fiscal_year ? 12 : mon_as_of.month();
    Money paid_then = mon->totals.executed;
    Json band = Json::array();
    for (int m = 1; m <= 12; ++m) {
      if (m < from) {
        band.push_back(Json{{"p10", nullptr}, {"p50", nullptr}, {"p90", nullptr}});
        continue;
      }
      double t = from == 12 ? 1.0 : static_cast<double>(m - from) / (12 - from);
      auto at = [&](Money end) {
        return std::round((rate_of(paid_then) + (rate_of(end) - rate_of(paid_then)) * t) * 100) /
               100;
      };
      band.push_back(Json{{"p10", at(f.p10)}, {"p50", at(f.p50)}, {"p90", at(f.p90)}});
    }
    forecast = Json{{"p10", format_yuan(f.p10)},
                    {"p50", format_yuan(f.p50)},
                    {"p90", format_yuan(f.p90)},
                    {"p50_rate", Rate::of(f.p50, budget).percent(1)},
                    {"basis", monitor::to_string(f.basis)},
                    {"basis_name", monitor::chinese_name(f.basis)},
                    {"level", monitor::to_string(mon->level)},
                    {"level_name", monitor::chinese_name(mon->level)},
                    {"schedule_rate", mon->schedule_share.percent(1)},
                    {"months", std::move(band)}};
  }
  // Each project's own 序时进度 (its stored schedule) for the project table; the monitor's
  // lines are in ledger order, so a line is found by binary search on its id.
  const monitor::MonitorResult* mres = year_mon ? &year_mon->result : own_mon ? &*own_mon : nullptr;
  if (mres) {
    auto led = app.ledgers().get(store, fiscal_year);
    if (led) {
      for (auto& l : lines) {
        auto id = (*led)->find_line(code, l["code"].get<std::string>());
        if (!id) continue;
        auto it = std::lower_bound(
            mres->lines.begin(), mres->lines.end(), *id,
            [](const monitor::LineStatus& s, ledger::LineId v) { return s.line < v; });
        if (it != mres->lines.end() && it->line == *id && it->figures.schedule_share.defined()) {
          l["schedule_rate"] = it->figures.schedule_share.percent(1);
        }
      }
    }
  }
  if (figures && !forecast.is_null()) {
    forecast["probability_below_90"] = probability_below_90(figures->forecast.probability_below);
  }
  Json body{{"year", fiscal_year},
            {"as_of", sum->as_of.to_string()},
            {"unit", to_json(u.unit)},
            {"warnings", std::move(warnings)},
            {"advice", std::move(advice)},
            {"forecast", std::move(forecast)},
            {"totals", totals_json(u.totals)},
            {"months", std::move(months)},
            {"lines", std::move(lines)},
            {"evaluation", evaluation_json(store, code, fiscal_year)}};
  return body.dump();
}

Result<ApiResponse> dashboard(App& app, Call& call) {
  const std::string& code = call.req().params.at("code");
  JIXIAO_TRY(require(call.user(), Action::read_unit, code));
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto as_of = as_of_of(call.req());
  if (!as_of) return fail(std::move(as_of.error()));
  std::string key =
      "dashboard|" + std::to_string(*year) + "|" + code + "|" + call.req().query_or("as_of");
  if (auto hit = app.ledgers().cached(key))
    return ApiResponse{200, "application/json; charset=utf-8", *hit, {}};
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  if (!*as_of) {
    // Year end: build every unit's body in one pass the first time, so that the next ten
    // thousand requests for other units find theirs cached instead of queueing to build it.
    std::lock_guard compute(app.ledgers().compute_lock());
    if (auto hit = app.ledgers().cached(key))
      return ApiResponse{200, "application/json; charset=utf-8", *hit, {}};
    auto ys = app.ledgers().year_summary(**s, *year);
    if (!ys) return fail(std::move(ys.error()));
    if ((*ys)->unit_index.contains(code)) {
      for (const auto& entry : (*ys)->unit_index) {
        const std::string& unit = entry.first;
        auto text = dashboard_body(app, **s, *year, unit, std::nullopt);
        if (!text) return fail(std::move(text.error()));
        app.ledgers().remember("dashboard|" + std::to_string(*year) + "|" + unit + "|",
                               std::move(*text));
      }
      if (auto hit = app.ledgers().cached(key))
        return ApiResponse{200, "application/json; charset=utf-8", *hit, {}};
    }
  }
  auto text = dashboard_body(app, **s, *year, code, *as_of);
  if (!text) return fail(std::move(text.error()));
  app.ledgers().remember(key, *text);
  return ApiResponse{200, "application/json; charset=utf-8", std::move(*text), {}};
}

// A unit's 序时进度 at the end of each month (percent, one decimal): each line on its own
// stored schedule weighted by the lines' budgets, m/12 when nothing is stored (as the dashboard).
Json monthly_schedule(App& app, store::Store& store, const ledger::Ledger& ledger, int fiscal_year,
                      const std::string& code) {
  std::array<Rate, 12> by_month;
  for (int m = 1; m <= 12; ++m) by_month[static_cast<std::size_t>(m - 1)] = Rate(m, 12);
  auto schedule = app.ledgers().schedule(store, fiscal_year);
  if (schedule && (!(*schedule)->curves().empty() || !(*schedule)->plans().empty())) {
    if (auto id = ledger.find_unit(code)) {
      std::vector<Money> budgets;
      auto one = ledger::summarize(ledger, {.unit_code = code, .group_by = ledger::GroupBy::line});
      if (one && !one->units.empty()) {
        for (const auto& r : one->units.front().rows) budgets.push_back(r.totals.adjusted());
        by_month = monitor::unit_schedule_by_month(ledger, **schedule, *id, budgets);
      }
    }
  }
  Json out = Json::array();
  for (const auto& r : by_month) out.push_back(r.defined() ? Json(r.percent(1)) : Json());
  return out;
}

// Bureau workbench: the units furthest behind their 序时进度 at year end (or today's date in
// the year), from the shared year monitor; `limit` of them, largest gap first.
Result<ApiResponse> behind_schedule(App& app, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::review));
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  std::lock_guard compute(app.ledgers().compute_lock());
  auto ledger = app.ledgers().get(**s, *year);
  if (!ledger) return fail(std::move(ledger.error()));
  auto ym = app.ledgers().year_monitor(app, **s, *year);
  if (!ym) return fail(std::move(ym.error()));
  struct Row {
    const monitor::UnitStatus* status;
    double gap;  // percentage points, for ordering and display only
  };
  std::vector<Row> rows;
  for (const auto& st : (*ym)->result.units) {
    Rate rate = st.figures.totals.execution_rate();
    const Rate& due = st.figures.schedule_share;
    if (!rate.defined() || !due.defined() || rate.compare(due) != std::strong_ordering::less)
      continue;
    rows.push_back({&st, (rate.to_double() - due.to_double()) * 100});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a.gap < b.gap; });
  Json items = Json::array();
  for (std::int64_t i = page->offset;
       i < static_cast<std::int64_t>(rows.size()) && i < page->offset + page->limit; ++i) {
    const Row& r = rows[static_cast<std::size_t>(i)];
    const auto& unit = (*ledger)->units()[r.status->unit];
    Json item = totals_json(r.status->figures.totals);
    item["code"] = unit.code;
    item["name"] = unit.name;
    item["schedule_rate"] = r.status->figures.schedule_share.percent(1);
    item["gap"] = std::round(r.gap * 10) / 10;
    item["level"] = monitor::to_string(r.status->figures.level);
    item["level_name"] = monitor::chinese_name(r.status->figures.level);
    items.push_back(std::move(item));
  }
  Json body{{"year", *year},
            {"as_of", (*ym)->result.as_of.to_string()},
            {"items", std::move(items)},
            {"total", rows.size()},
            {"offset", page->offset},
            {"limit", page->limit}};
  return json_response(body);
}

// Bureau overview: every unit's execution (cumulative rate by month for the heat map), its
// claimed and review scores, and the distributions; sorted and filtered, one page of units.
Result<ApiResponse> overview(App& app, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::review));
  auto year = year_of(call);
  if (!year) return fail(std::move(year.error()));
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  std::string sort = call.req().query_or("sort", "code");
  if (sort != "code" && sort != "rate" && sort != "score" && sort != "gap") {
    return fail(Error::invalid_input("参数 sort 应为 code、rate、score 或 gap", {.field = "sort"}));
  }
  std::string q = call.req().query_or("q");
  std::string key = "overview|" + std::to_string(*year) + "|" + sort + "|" + q + "|" +
                    std::to_string(page->offset) + "|" + std::to_string(page->limit);
  if (auto hit = app.ledgers().cached(key))
    return ApiResponse{200, "application/json; charset=utf-8", *hit, {}};
  std::lock_guard compute(app.ledgers().compute_lock());
  if (auto hit = app.ledgers().cached(key))
    return ApiResponse{200, "application/json; charset=utf-8", *hit, {}};
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto ledger = app.ledgers().get(**s, *year);
  if (!ledger) return fail(std::move(ledger.error()));
  auto sum = ledger::summarize(**ledger, {.group_by = ledger::GroupBy::month});
  if (!sum) return fail(std::move(sum.error()));
  auto evaluations = (*s)->workflow().evaluations(*year, "");
  if (!evaluations) return fail(std::move(evaluations.error()));
  std::map<std::string, const store::EvaluationRecord*> by_unit;
  for (const auto& e : *evaluations) by_unit[e.unit_code] = &e;

  struct Row {
    const ledger::UnitSummary* unit;
    const store::EvaluationRecord* evaluation;
    Rate rate;
  };
  std::vector<Row> rows;
  std::array<std::int64_t, 6> rate_buckets{};  // <60, 60–70, 70–80, 80–90, 90–100, ≥100 (%)
  std::array<std::int64_t, 5> score_buckets{};  // <60 差, 60–80 中, 80–90 良, ≥90 优, none
  Json flagged = Json::array();
  for (const auto& u : sum->units) {
    auto it = by_unit.find(u.unit.code);
    const store::EvaluationRecord* e = it == by_unit.end() ? nullptr : it->second;
    Rate rate = u.totals.execution_rate();
    double pct = rate.to_double() * 100;
    rate_buckets[pct < 60 ? 0 : pct < 70 ? 1 : pct < 80 ? 2 : pct < 90 ? 3 : pct < 100 ? 4 : 5]++;
    if (e) {
      std::int64_t sc = e->review_score_centi.value_or(e->self_score_centi);
      score_buckets[sc < 6000 ? 0 : sc < 8000 ? 1 : sc < 9000 ? 2 : 3]++;
      if (e->review_score_centi && e->self_score_centi - *e->review_score_centi >= 500) {
        flagged.push_back(Json{{"code", u.unit.code},
                               {"name", u.unit.name},
                               {"self_score", score_text(e->self_score_centi)},
                               {"review_score", score_text(*e->review_score_centi)},
                               {"gap", score_text(e->self_score_centi - *e->review_score_centi)}});
      }
    } else {
      score_buckets[4]++;
    }
    if (!q.empty() && u.unit.code.find(q) == std::string::npos &&
        u.unit.name.find(q) == std::string::npos)
      continue;
    rows.push_back({&u, e, rate});
  }
  auto score_of = [](const Row& r) -> std::int64_t {
    return r.evaluation ? r.evaluation->review_score_centi.value_or(r.evaluation->self_score_centi)
                        : -1;
  };
  auto gap_of = [](const Row& r) -> std::int64_t {
    return r.evaluation && r.evaluation->review_score_centi
               ? r.evaluation->self_score_centi - *r.evaluation->review_score_centi
               : -100000;
  };
  if (sort == "rate") {
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      if (!a.rate.defined() || !b.rate.defined()) return a.rate.defined() && !b.rate.defined();
      return a.rate.compare(b.rate) == std::strong_ordering::greater;
    });
  } else if (sort == "score") {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const Row& a, const Row& b) { return score_of(a) > score_of(b); });
  } else if (sort == "gap") {
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const Row& a, const Row& b) { return gap_of(a) > gap_of(b); });
  }
  Json items = Json::array();
  for (std::int64_t i = page->offset;
       i < static_cast<std::int64_t>(rows.size()) && i < page->offset + page->limit; ++i) {
    const Row& r = rows[static_cast<std::size_t>(i)];
    Json monthly = Json::array();
    Money cumulative;
    for (Money m : r.unit->executed_by_month) {
      cumulative += m;
      Rate mr = Rate::of(cumulative, r.unit->totals.adjusted());
      monthly.push_back(mr.defined() ? Json(mr.percent(1)) : Json());
    }
    Json item = totals_json(r.unit->totals);
    item["rank"] = i + 1;
    item["code"] = r.unit->unit.code;
    item["name"] = r.unit->unit.name;
    item["monthly_rate"] = std::move(monthly);
    item["monthly_schedule"] = monthly_schedule(app, **s, **ledger, *year, r.unit->unit.code);
    item["status"] = r.evaluation ? Json(to_string(r.evaluation->status)) : Json();
    item["status_name"] =
        r.evaluation ? Json(store::chinese_name(r.evaluation->status)) : Json("未填报");
    item["self_score"] = r.evaluation ? Json(score_text(r.evaluation->self_score_centi)) : Json();
    item["review_score"] = r.evaluation && r.evaluation->review_score_centi
                               ? Json(score_text(*r.evaluation->review_score_centi))
                               : Json();
    items.push_back(std::move(item));
  }
  Json body{{"year", *year},
            {"as_of", sum->as_of.to_string()},
            {"totals", totals_json(sum->totals)},
            {"unit_count", sum->units.size()},
            {"rate_distribution",
             Json{{"labels", {"<60%", "60–70%", "70–80%", "80–90%", "90–100%", "≥100%"}},
                  {"counts", rate_buckets}}},
            {"score_distribution",
             Json{{"labels", {"差(<60)", "中(60–80)", "良(80–90)", "优(≥90)", "未评价"}},
                  {"counts", score_buckets}}},
            {"flagged", std::move(flagged)},
            {"items", std::move(items)},
            {"total", rows.size()},
            {"offset", page->offset},
            {"limit", page->limit}};
  std::string text = body.dump();
  app.ledgers().remember(key, text);
  return ApiResponse{200, "application/json; charset=utf-8", std::move(text), {}};
}

Result<ApiResponse> list_imports(App&, Call& call) {
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto imports = (*s)->ledger().imports();
  if (!imports) return fail(std::move(imports.error()));
  // Editors and viewers see the imports that wrote rows of their own units, no others (issue 17:
  // every unit's file names were listed to everyone). A backend that cannot tell shows them none.
  std::optional<std::set<std::int64_t>> visible;
  if (!sees_all_units(call.user())) {
    auto ids = (*s)->ledger().import_ids_of_units(call.user().unit_codes);
    visible.emplace();
    if (ids) visible->insert(ids->begin(), ids->end());
  }
  Json all = Json::array();
  for (auto it = imports->rbegin(); it != imports->rend(); ++it) {
    if (visible && !visible->contains(it->id)) continue;
    // The name only: a CLI import records the path it was given, a place on the server.
    std::string name = std::filesystem::path(it->source_name).filename().string();
    all.push_back(Json{{"id", it->id},
                       {"kind", model::to_string(it->kind)},
                       {"source_name", name.empty() ? it->source_name : name},
                       {"rows", it->rows},
                       {"imported_at", it->imported_at}});
  }
  return json_response(paged(all, *page));
}

// The unit codes a file's rows belong to, for the editor's permission check: read with a dry run.
Result<ApiResponse> upload_import(App&, Call& call) {
  const auto& req = call.req();
  const std::string kind_text = form_or_query(req, "kind");
  auto kind = model::parse_import_kind(kind_text);
  if (!kind) {
    return fail(Error::invalid_input(
        "参数 kind 应为 budget、adjustments、payments 或 commitments: \"" + kind_text + "\"",
        {.field = "kind"}));
  }
  auto upload = uploaded_file(req);
  if (!upload) return fail(std::move(upload.error()));
  const UploadedFile* file = *upload;
  const bool dry = dry_run_requested(req);

  // How to read the file's layout: the year when it has no 年度 column, and the user's own
  // column mapping (the import preview's "change a mapping": {"文件中的表头": "field"}).
  ingest::LayoutOptions layout;
  if (auto y = req.form.find("year"); y != req.form.end() && !y->second.empty()) {
    const auto year = parse_fiscal_year(y->second);
    if (!year) {
      return fail(Error::invalid_input("参数 year 应为年份（如 2023）: \"" + y->second + "\"",
                                       {.field = "year"}));
    }
    layout.year = *year;
  }
  if (auto m = req.form.find("mapping"); m != req.form.end() && !m->second.empty()) {
    // Bounded like every JSON body: a deeply nested field must not recurse the parser.
    JIXIAO_TRY(check_json_shape(m->second, k_json_max_depth, 64 * 1024));
    auto parsed = Json::parse(m->second, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      return fail(Error::invalid_input("参数 mapping 应为 JSON 对象 {\"文件中的表头\": \"字段名\"}",
                                       {.field = "mapping"}));
    }
    for (const auto& [header, field] : parsed.items()) {
      if (!field.is_string())
        return fail(Error::invalid_input("参数 mapping 的值应为字段名: \"" + header + "\"",
                                         {.field = "mapping"}));
      const std::string f = field.get<std::string>();
      if (!f.empty() && f != "-" && ingest::field_index(*kind, f) < 0) {
        return fail(
            Error::invalid_input("参数 mapping: 未知字段 \"" + f + "\"", {.field = "mapping"}));
      }
      layout.mapping[header] = f;
    }
  }
  std::string sheet;
  if (auto sh = req.form.find("sheet"); sh != req.form.end()) sheet = sh->second;
  ScratchFile scratch(file->filename);
  JIXIAO_TRY(scratch.write(file->content));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));

  // Only admins write any unit; an editor's file may hold only its own units' rows. Checked by
  // reading the file first (the same parser the import uses), so nothing is written otherwise.
  if (call.user().role != store::Role::admin) {
    if (call.user().role != store::Role::editor) {
      return fail(Error::permission("用户 " + call.user().name + "（" +
                                    std::string(store::chinese_name(call.user().role)) +
                                    "）无权导入数据"));
    }
    auto table = ingest::read_table(scratch.path(), {.sheet = sheet});
    if (!table) return fail(std::move(table.error()));
    table->file = file->filename;
    auto shaped = ingest::shape_table(*table, *kind, layout);
    if (!shaped) return fail(std::move(shaped.error()));
    auto parsed = ingest::parse_rows(*table, *kind);
    if (parsed) {
      std::vector<std::string> codes;
      for (const auto& l : parsed->batch.lines) codes.push_back(l.unit_code);
      for (const auto& a : parsed->batch.adjustments) codes.push_back(a.unit_code);
      for (const auto& p : parsed->batch.payments) codes.push_back(p.unit_code);
      for (const auto& c : parsed->batch.commitments) codes.push_back(c.unit_code);
      for (const auto& c : codes) JIXIAO_TRY(require(call.user(), Action::write_unit, c));
    }
  }
  // The fields a column may be mapped to, for the preview's "change a mapping".
  Json fields = Json::array();
  for (const auto& spec : ingest::columns_of(*kind)) {
    fields.push_back({{"name", spec.name},
                      {"label", spec.headers.front()},
                      {"type", spec.type},
                      {"required", spec.required}});
  }
  ledger::ImportOptions options;
  options.display_name = file->filename;
  options.dry_run = dry ? ledger::DryRun::yes : ledger::DryRun::no;
  options.sheet = sheet;
  options.layout = layout;
  auto outcome = ledger::import_file(**s, *kind, scratch.path(), options);
  if (!outcome && dry && outcome.error().code() == ErrorCode::invalid_input) {
    // A dry run refused (a header no rule knows, bad rows): the error with the plan of the
    // file's layout as far as it could be read, so that the preview can show it and the user
    // change a column's mapping.
    Json body = Json::parse(error_body(outcome.error()));
    if (auto table = ingest::read_table(scratch.path(), {.sheet = sheet})) {
      table->file = file->filename;
      if (auto plan = ingest::shape_table(*table, *kind, layout))
        body["plan"] = Json::parse(ingest::plan_to_json(*plan, -1));
    }
    body["fields"] = std::move(fields);
    return json_response(body, http_status(outcome.error().code()));
  }
  if (!outcome) return fail(std::move(outcome.error()));
  std::string status = outcome->status == ledger::ImportStatus::imported ? "imported"
                       : outcome->status == ledger::ImportStatus::already_imported
                           ? "already_imported"
                           : "checked";
  Json result{{"status", status},
              {"rows", outcome->rows},
              {"kind", model::to_string(*kind)},
              {"file", file->filename},
              {"import_id", outcome->record.id},
              {"adjustments", outcome->adjustments},
              {"plan", Json::parse(ingest::plan_to_json(outcome->plan, -1))},
              {"fields", std::move(fields)}};
  if (outcome->status == ledger::ImportStatus::imported) {
    const std::string target = *kind == model::ImportKind::commitments
                                   ? "commitments:" + file->filename
                                   : "import:" + std::to_string(outcome->record.id);
    JIXIAO_TRY(call.audit("import.apply", target, nullptr, result));
    call.invalidate_caches();
  }
  return json_response(result, outcome->status == ledger::ImportStatus::imported ? 201 : 200);
}

}  // namespace

void add_ledger_routes(App& app) {
  app.add({"GET", "/api/years", Access::signed_in, list_years});
  app.add({"GET", "/api/units", Access::signed_in, list_units});
  app.add({"POST", "/api/units", Access::signed_in, create_unit});
  app.add({"GET", "/api/units/:code", Access::signed_in, get_unit});
  app.add({"GET", "/api/units/:code/lines", Access::signed_in, list_lines});
  app.add({"GET", "/api/summary", Access::signed_in, summary});
  app.add({"GET", "/api/dashboard/:code", Access::signed_in, dashboard});
  app.add({"GET", "/api/overview", Access::signed_in, overview});
  app.add({"GET", "/api/workbench/behind", Access::signed_in, behind_schedule});  // admin, bureau
  app.add({"GET", "/api/imports", Access::signed_in, list_imports});
  app.add({"POST", "/api/imports", Access::signed_in, upload_import, Weight::heavy});
}

}  // namespace jixiao::server

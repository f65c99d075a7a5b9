// server/routes_indicators.cpp — the indicator library (read) and a unit's performance goals
// (read with completion; edit targets, actuals and deviation reasons through indicators::set_goal).
#include <chrono>

#include "indicators/goals.hpp"
#include "indicators/library.hpp"
#include "server/app.hpp"
#include "server/edit_version.hpp"

namespace jixiao::server {
namespace {

Json measure_json(const std::optional<model::Measure>& m) {
  return m ? Json(m->to_string()) : Json();
}

Result<ApiResponse> list_indicators(App& app, Call& call) {
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  Date date = app.clock().today();
  if (std::string text = call.req().query_or("date"); !text.empty()) {
    auto d = parse_date(text);
    if (!d)
      return fail(Error::invalid_input("参数 date 不是日期: \"" + text + "\"", {.field = "date"}));
    date = *d;
  }
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto library = indicators::Library::load(**s);
  if (!library) return fail(std::move(library.error()));
  std::string q = call.req().query_or("q");
  Json all = Json::array();
  for (const auto* v : library->in_force(date)) {
    const auto& i = v->indicator;
    if (!q.empty() && i.code.find(q) == std::string::npos && i.name.find(q) == std::string::npos)
      continue;
    all.push_back(Json{{"code", i.code},
                       {"name", i.name},
                       {"version", v->version},
                       {"effective_from", v->effective_from.to_string()},
                       {"class_name", model::chinese_name(i.indicator_class())},
                       {"subclass_name", model::chinese_name(i.subclass)},
                       {"direction", model::symbol(i.direction)},
                       {"quantitative", i.quantitative},
                       {"measure_unit", i.measure_unit},
                       {"definition", i.definition},
                       {"formula", i.formula},
                       {"data_source", i.data_source},
                       {"is_core", i.is_core},
                       {"typical_target", i.typical_target}});
  }
  return json_response(paged(all, *page));
}

Json goal_json(const indicators::GoalCompletion& g) {
  const auto& i = g.goal;
  return Json{
      {"line_code", g.line_code},
      {"indicator_code", i.indicator_code},
      {"name", i.name},
      {"class_name", model::chinese_name(model::class_of(i.subclass))},
      {"subclass_name", model::chinese_name(i.subclass)},
      {"direction", model::symbol(i.direction)},
      {"measure_unit", i.measure_unit},
      {"target", measure_json(i.target)},
      {"adjusted_target", measure_json(i.adjusted_target)},
      {"target_text", i.target_text},
      {"points", i.points.to_string()},
      {"actual", i.actual ? Json(i.actual->text.empty() ? measure_json(i.actual->value)
                                                        : Json(i.actual->text))
                          : Json()},
      {"actual_source", i.actual ? Json(i.actual->source) : Json()},
      {"status_name", indicators::chinese_name(g.completion.status)},
      {"completion", g.completion.ratio.defined() ? Json(g.completion.ratio.percent(1)) : Json()},
      {"explanation", g.completion.explanation},
      {"deviation_reason", i.deviation_reason}};
}

// The goals with their version (read first: a write in between makes the version older than
// the goals shown, so a save from them gets 409 rather than overwriting that write).
Result<Json> goals_json(store::Store& store, const UnitYear& t) {
  auto version = store.indicators().goal_version(t.unit, t.year);
  if (!version) return fail(std::move(version.error()));
  auto list = indicators::completions(store, t.unit, t.year);
  if (!list) return fail(std::move(list.error()));
  Json items = Json::array();
  for (const auto& g : *list) items.push_back(goal_json(g));
  return Json{
      {"unit_code", t.unit}, {"year", t.year}, {"version", *version}, {"items", std::move(items)}};
}

Result<ApiResponse> get_goals(App&, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::read_unit, t->unit));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto j = goals_json(**s, *t);
  if (!j) return fail(std::move(j.error()));
  return json_response(*j);
}

Result<std::optional<model::Measure>> measure_field(const Json& body, const std::string& field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<model::Measure>();
  std::string text = it->is_string() ? it->get<std::string>() : it->dump();
  auto m = model::parse_measure(text);
  if (!m)
    return fail(
        Error::invalid_input("字段 " + field + " 不是数值: \"" + text + "\"", {.field = field}));
  return std::optional<model::Measure>(*m);
}

Result<ApiResponse> edit_goal(App&, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::write_unit, t->unit));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  // Goals are the evaluation's inputs: frozen once it is submitted.
  auto evaluation = (*s)->workflow().find_evaluation(t->unit, t->year);
  if (!evaluation) return fail(std::move(evaluation.error()));
  if (evaluation->has_value() && ((*evaluation)->status == store::EvaluationStatus::submitted ||
                                  (*evaluation)->status == store::EvaluationStatus::reviewed)) {
    return fail(Error::conflict(t->unit + " " + std::to_string(t->year) + " 年度自评" +
                                std::string(store::chinese_name((*evaluation)->status)) +
                                "，不能修改绩效目标；如需修改，请财政局退回"));
  }
  indicators::GoalEdit edit;
  edit.indicator_code = call.req().params.at("indicator");
  auto line = string_field(*body, "line_code", false);
  if (!line) return fail(std::move(line.error()));
  edit.line_code = *line;
  for (const char* f : {"target", "adjusted_target"}) {
    auto m = measure_field(*body, f);
    if (!m) return fail(std::move(m.error()));
    if (*m) (std::string(f) == "target" ? edit.target : edit.adjusted_target) = *m;
  }
  if (auto a = body->find("actual"); a != body->end() && !a->is_null()) {
    model::Actual actual;
    actual.text = a->is_string() ? a->get<std::string>() : a->dump();
    // A qualitative goal's actual is a grade (达成 / 部分达成 / 未达成), as in the goals file.
    if (auto grade = a->is_string() ? model::parse_qualitative_grade(actual.text) : std::nullopt) {
      actual.grade = grade;
    } else {
      auto m = measure_field(*body, "actual");
      if (!m) return fail(std::move(m.error()));
      actual.value = *m;
    }
    actual.provider = model::ActualProvider::entered;
    actual.source = "网页录入";
    actual.recorded_by = call.user().name;
    edit.actual = actual;
  }
  if (auto r = body->find("deviation_reason"); r != body->end() && r->is_string()) {
    edit.deviation_reason = r->get<std::string>();
  }
  // Optional "version": the goals' version the edit started from (GET shows it). A stale one
  // gets 409 with the goals as they are now, never a silent overwrite of someone else's save.
  auto expected = expected_version_of(*body);
  if (!expected) return fail(std::move(expected.error()));
  edit.expected_version = *expected;
  auto before = goals_json(**s, *t);
  if (!before) return fail(std::move(before.error()));
  auto saved = indicators::set_goal(**s, t->unit, t->year, edit, Date::from_ymd(t->year, 12, 31));
  if (!saved && is_version_conflict(saved.error())) {
    auto now = goals_json(**s, *t);
    return version_conflict_response(saved.error(), now ? *now : Json());
  }
  if (!saved) return fail(std::move(saved.error()));
  auto after = goals_json(**s, *t);
  if (!after) return fail(std::move(after.error()));
  auto pick = [&](const Json& all) -> Json {
    for (const auto& g : all["items"]) {
      if (g["indicator_code"] == edit.indicator_code && g["line_code"] == edit.line_code) return g;
    }
    return nullptr;
  };
  JIXIAO_TRY(call.audit(
      "goals.edit", "goal:" + t->unit + "/" + std::to_string(t->year) + "/" + edit.indicator_code,
      pick(*before), pick(*after)));
  call.invalidate_caches();
  Json goal = pick(*after);
  if (goal.is_object())
    goal["version"] = (*after)["version"];  // the version to send with the next edit
  return json_response(goal);
}

}  // namespace

void add_indicator_routes(App& app) {
  app.add({"GET", "/api/indicators", Access::signed_in, list_indicators});
  app.add({"GET", "/api/goals/:unit/:year", Access::signed_in, get_goals});
  app.add({"PUT", "/api/goals/:unit/:year/:indicator", Access::signed_in, edit_goal});
}

}  // namespace jixiao::server

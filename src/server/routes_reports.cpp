// server/routes_reports.cpp — the self-evaluation report of a unit and year, downloaded in
// each format (report::build_overall_report / build_project_report, then report::render).

#include <map>

#include "report/report.hpp"
#include "server/app.hpp"
#include "server/form_data.hpp"

namespace jixiao::server {
namespace {

// What the report of the unit and year says (?framework= scores a year not yet submitted).
Result<report::ReportData> load_unit(App& app, Call& call, const UnitYear& t) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto fw = find_framework(call.req().query_or("framework", std::string(k_default_framework)));
  if (!fw) return fail(std::move(fw.error()));
  report::LoadOptions options;
  options.framework = &*fw;
  options.clock = &app.clock();
  return report::load_report_data(**s, t.unit, t.year, options);
}

Result<ApiResponse> get_report(App& app, Call& call) {
  auto target = unit_year_of(call);
  if (!target) return fail(std::move(target.error()));
  const std::string& unit = target->unit;
  const int year = target->year;
  JIXIAO_TRY(require(call.user(), Action::read_unit, unit));
  auto format = report::parse_format(call.req().query_or("format", "html"));
  if (!format) return fail(std::move(format.error()));
  auto data = load_unit(app, call, *target);
  if (!data) return fail(std::move(data.error()));
  std::string line = call.req().query_or("line");
  report::Document doc;
  if (line.empty()) {
    doc = report::build_overall_report(*data);
  } else {
    auto project = report::build_project_report(*data, line);
    if (!project) return fail(std::move(project.error()));
    doc = std::move(*project);
  }
  auto rendered = report::render(doc, *format);
  if (!rendered) return fail(std::move(rendered.error()));
  std::string name =
      unit + "_" + std::to_string(year) +
      (line.empty() ? "_部门整体支出绩效自评报告" : "_" + line + "_项目支出绩效自评表") + "." +
      std::string(report::file_extension(*format));
  ApiResponse r;
  r.content_type = std::string(report::media_type(*format));
  r.body = std::move(rendered->bytes);
  r.headers.emplace_back(
      "Content-Disposition",
      attachment_disposition("report." + std::string(report::file_extension(*format)), name));
  return r;
}

// ---- The department's own scores per row (自评得分调整), report::set_self_score -----------------

// The unit's scorecard as the report prints it (overrides applied, the frozen one once submitted).
Result<report::ReportData> scored(App& app, Call& call, const UnitYear& t) {
  auto data = load_unit(app, call, t);
  if (!data) return fail(std::move(data.error()));
  if (!data->scorecard) {
    return fail(Error::not_found(t.unit + " " + std::to_string(t.year) +
                                 " 年度没有评分（没有已提交的自评，也找不到评价框架）"));
  }
  return data;
}

Json self_score_json(const std::optional<report::SelfScore>& s) {
  return s ? Json{{"score", s->score}, {"reason", s->reason}} : Json();
}

// Every row with the computed and the department's score, whether the caller may change them
// (editor of the unit while not submitted) and, when not, why.
Result<ApiResponse> self_scores_body(Call& call, const UnitYear& t,
                                     const report::ReportData& data) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto stored = (*s)->narratives().score_overrides(t.unit, t.year);
  if (!stored) return fail(std::move(stored.error()));
  std::map<std::string, const store::ScoreOverride*> by_item;
  for (const auto& o : *stored) by_item[o.item] = &o;
  const report::Scorecard& card = *data.scorecard;
  std::string locked;
  if (!allowed(call.user(), Action::write_unit, t.unit)) {
    locked = "只读：只有本单位的填报人员可以调整自评得分";
  } else if (auto editable = report::check_self_score_editable(**s, t.unit, t.year); !editable) {
    if (editable.error().code() != ErrorCode::conflict) return fail(std::move(editable.error()));
    locked = editable.error().message();
  }
  Json rows = Json::array();
  for (const auto& r : card.rows) {
    Json row{{"item", r.item},
             {"level1", r.level1},
             {"level2", r.level2},
             {"level3", r.level3},
             {"weight", r.weight},
             {"computed", r.computed_determined ? Json(r.computed) : Json()},
             {"score", r.determined ? Json(r.score) : Json()},
             {"overridden", r.overridden()},
             {"reason", r.override_reason}};
    if (auto it = by_item.find(r.item); it != by_item.end() && r.overridden()) {
      row["updated_by"] = it->second->updated_by;
      row["updated_at"] = it->second->updated_at;
    }
    rows.push_back(std::move(row));
  }
  Json body{{"unit", t.unit},
            {"year", t.year},
            {"editable", locked.empty()},
            {"locked_reason", locked},
            {"total", report::department_total(card)},
            {"computed_total", card.total},
            {"full", card.full},
            {"grade", report::department_grade(card)},
            {"framework_remark", card.framework_remark},
            {"rows", std::move(rows)},
            {"differences", report::score_differences(card)},
            {"gaps", data.gaps}};
  return json_response(body);
}

Result<ApiResponse> list_self_scores(App& app, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::read_unit, t->unit));
  auto data = scored(app, call, *t);
  if (!data) return fail(std::move(data.error()));
  return self_scores_body(call, *t, *data);
}

// A score given as 7.5 or "7.5"; Error::invalid_input on the field otherwise.
Result<std::string> score_of(const Json& body) {
  auto it = body.find("score");
  if (it == body.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty())) {
    return fail(Error::invalid_input("请填写自评得分", {.field = "score"}));
  }
  if (it->is_number()) return it->dump();
  if (!it->is_string()) return fail(Error::invalid_input("自评得分应为数字", {.field = "score"}));
  return it->get<std::string>();
}

std::string self_score_target(const UnitYear& t, const std::string& item) {
  return "selfscore:" + t.unit + "/" + std::to_string(t.year) + "/" + item;
}

Result<ApiResponse> set_self_score(App& app, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::write_unit, t->unit));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto score = score_of(*body);
  if (!score) return fail(std::move(score.error()));
  auto reason = string_field(*body, "reason", false);
  if (!reason) return fail(std::move(reason.error()));
  auto data = scored(app, call, *t);
  if (!data) return fail(std::move(data.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  const std::string item = call.req().params.at("item");
  auto change = report::set_self_score(**s, *data->scorecard, t->unit, t->year, item, *score,
                                       *reason, call.user().name);
  if (!change) return fail(std::move(change.error()));
  JIXIAO_TRY(call.audit("selfscore.set", self_score_target(*t, item),
                        self_score_json(change->before), self_score_json(change->after)));
  auto now = scored(app, call, *t);
  if (!now) return fail(std::move(now.error()));
  return self_scores_body(call, *t, *now);
}

Result<ApiResponse> clear_self_score(App& app, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::write_unit, t->unit));
  auto data = scored(app, call, *t);
  if (!data) return fail(std::move(data.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  const std::string item = call.req().params.at("item");
  auto change = report::clear_self_score(**s, *data->scorecard, t->unit, t->year, item);
  if (!change) return fail(std::move(change.error()));
  if (change->before) {
    JIXIAO_TRY(call.audit("selfscore.clear", self_score_target(*t, item),
                          self_score_json(change->before), Json()));
  }
  auto now = scored(app, call, *t);
  if (!now) return fail(std::move(now.error()));
  return self_scores_body(call, *t, *now);
}

}  // namespace

void add_report_routes(App& app) {
  app.add({"GET", "/api/reports/:unit/:year", Access::signed_in, get_report, Weight::heavy});
  app.add({"GET", "/api/evaluations/:unit/:year/scores", Access::signed_in, list_self_scores});
  app.add({"PUT", "/api/evaluations/:unit/:year/scores/:item", Access::signed_in, set_self_score});
  app.add(
      {"DELETE", "/api/evaluations/:unit/:year/scores/:item", Access::signed_in, clear_self_score});
}

}  // namespace jixiao::server

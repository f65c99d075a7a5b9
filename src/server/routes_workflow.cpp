// server/routes_workflow.cpp — self-evaluations: draft, submit (frozen with its inputs),
// review (accept with 复核分, or return with comments).

#include "core/money.hpp"
#include "server/app.hpp"
#include "server/edit_version.hpp"

namespace jixiao::server {
namespace {

std::string target_name(const UnitYear& t) {
  return "evaluation:" + t.unit + "/" + std::to_string(t.year);
}

Result<ApiResponse> list_evaluations(App&, Call& call) {
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  std::string year_text = call.req().query_or("year");
  int year = 0;
  if (!year_text.empty()) {
    auto y = year_of(call);
    if (!y) return fail(std::move(y.error()));
    year = *y;
  }
  std::string status = call.req().query_or("status");
  if (!status.empty() && !store::parse_evaluation_status(status)) {
    return fail(Error::invalid_input("参数 status 应为 draft、submitted、reviewed 或 returned",
                                     {.field = "status"}));
  }
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto all = (*s)->workflow().evaluations(year, call.req().query_or("unit"));
  if (!all) return fail(std::move(all.error()));
  Json items = Json::array();
  for (const auto& e : *all) {
    if (!allowed(call.user(), Action::read_unit, e.unit_code)) continue;
    if (!status.empty() && to_string(e.status) != status) continue;
    Json j = to_json(e);
    j.erase("snapshot");  // lists stay small; GET one evaluation for its snapshot
    items.push_back(std::move(j));
  }
  return json_response(paged(items, *page));
}

Result<ApiResponse> get_evaluation(App&, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::read_unit, t->unit));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto e = (*s)->workflow().find_evaluation(t->unit, t->year);
  if (!e) return fail(std::move(e.error()));
  if (!e->has_value()) {
    return fail(Error::not_found(t->unit + " " + std::to_string(t->year) + " 年度还没有自评"));
  }
  return json_response(to_json(**e));
}

Result<std::optional<store::EvaluationRecord>> current(Call& call, const UnitYear& t) {
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  return (*s)->workflow().find_evaluation(t.unit, t.year);
}

Json json_or_null(const Result<std::optional<store::EvaluationRecord>>& r) {
  return r && r->has_value() ? to_json(**r) : Json();
}

Result<ApiResponse> save_draft(App&, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::write_unit, t->unit));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  Json inputs = body->value("inputs", Json::object());
  if (!inputs.is_object())
    return fail(Error::invalid_input("字段 inputs 应为对象", {.field = "inputs"}));
  std::int64_t score = 0;
  if (auto it = body->find("self_score"); it != body->end() && !it->is_null()) {
    auto sc = score_centi(*it, "self_score");
    if (!sc) return fail(std::move(sc.error()));
    score = *sc;
  }
  // Optional "version": the version the edit started from. A stale one gets 409 with the
  // current record, never a silent overwrite of someone else's save.
  auto expected = expected_version_of(*body);
  if (!expected) return fail(std::move(expected.error()));
  auto before = current(call, *t);
  if (!before) return fail(std::move(before.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto saved = (*s)->workflow().save_draft(t->unit, t->year, inputs.dump(), score, call.user().name,
                                           *expected);
  if (!saved && is_version_conflict(saved.error())) {
    return version_conflict_response(saved.error(), json_or_null(current(call, *t)));
  }
  if (!saved) return fail(std::move(saved.error()));
  JIXIAO_TRY(call.audit("evaluation.save", target_name(*t), json_or_null(before), to_json(*saved)));
  return json_response(to_json(*saved));
}

Result<ApiResponse> submit(App& app, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::write_unit, t->unit));
  auto before = current(call, *t);
  if (!before) return fail(std::move(before.error()));
  if (!before->has_value()) {
    return fail(Error::not_found(t->unit + " " + std::to_string(t->year) +
                                 " 年度自评还没有草稿，不能提交"));
  }
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  // Freeze the inputs with the ledger figures they were scored against.
  Json snapshot{{"inputs", Json::parse((*before)->inputs_json, nullptr, false)},
                {"self_score", score_text((*before)->self_score_centi)}};
  auto ledger = app.ledgers().get(**s, t->year);
  if (ledger) {
    auto sum = ledger::summarize(**ledger, {.unit_code = t->unit});
    if (sum && !sum->units.empty()) {
      const auto& tot = sum->units.front().totals;
      snapshot["ledger"] = Json{{"as_of", sum->as_of.to_string()},
                                {"budget", format_yuan(tot.adjusted())},
                                {"executed", format_yuan(tot.executed)},
                                {"execution_rate", tot.execution_rate().percent(2)}};
    }
  }
  // …and the scorecard of that moment, every point explained (when the year can be scored).
  auto card = score_unit(app, **s, t->unit, t->year, std::string(k_default_framework));
  if (card) snapshot["scorecard"] = Json::parse(scoring::to_json(*card), nullptr, false);
  auto saved = (*s)->workflow().submit(t->unit, t->year, snapshot.dump(),
                                       (*before)->self_score_centi, call.user().name);
  if (!saved) return fail(std::move(saved.error()));
  JIXIAO_TRY(
      call.audit("evaluation.submit", target_name(*t), json_or_null(before), to_json(*saved)));
  call.invalidate_caches();  // dashboards and the overview show the status
  return json_response(to_json(*saved));
}

Result<ApiResponse> review(App&, Call& call) {
  auto t = unit_year_of(call);
  if (!t) return fail(std::move(t.error()));
  JIXIAO_TRY(require(call.user(), Action::review));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto decision_text = string_field(*body, "decision");
  if (!decision_text) return fail(std::move(decision_text.error()));
  store::WorkflowStore::Decision decision;
  if (*decision_text == "accept") {
    decision = store::WorkflowStore::Decision::accept;
  } else if (*decision_text == "return") {
    decision = store::WorkflowStore::Decision::give_back;
  } else {
    return fail(Error::invalid_input("字段 decision 应为 accept（通过）或 return（退回）",
                                     {.field = "decision"}));
  }
  auto comment = string_field(*body, "comment", false);
  if (!comment) return fail(std::move(comment.error()));
  std::optional<std::int64_t> score;
  if (auto it = body->find("review_score"); it != body->end() && !it->is_null()) {
    auto sc = score_centi(*it, "review_score");
    if (!sc) return fail(std::move(sc.error()));
    score = *sc;
  }
  if (decision == store::WorkflowStore::Decision::accept && !score) {
    return fail(
        Error::invalid_input("通过复核时须填写复核分 review_score", {.field = "review_score"}));
  }
  if (decision == store::WorkflowStore::Decision::give_back && comment->empty()) {
    return fail(Error::invalid_input("退回时须填写退回意见 comment", {.field = "comment"}));
  }
  auto before = current(call, *t);
  if (!before) return fail(std::move(before.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto saved =
      (*s)->workflow().review(t->unit, t->year, decision, score, *comment, call.user().name);
  if (!saved) return fail(std::move(saved.error()));
  JIXIAO_TRY(call.audit(decision == store::WorkflowStore::Decision::accept ? "evaluation.review"
                                                                           : "evaluation.return",
                        target_name(*t), json_or_null(before), to_json(*saved)));
  call.invalidate_caches();
  return json_response(to_json(*saved));
}

}  // namespace

void add_workflow_routes(App& app) {
  app.add({"GET", "/api/evaluations", Access::signed_in, list_evaluations});
  app.add({"GET", "/api/evaluations/:unit/:year", Access::signed_in, get_evaluation});
  app.add({"PUT", "/api/evaluations/:unit/:year", Access::signed_in, save_draft});
  app.add({"POST", "/api/evaluations/:unit/:year/submit", Access::signed_in, submit});
  app.add({"POST", "/api/evaluations/:unit/:year/review", Access::signed_in, review});
}

}  // namespace jixiao::server

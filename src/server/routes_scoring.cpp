// server/routes_scoring.cpp — frameworks, scoring with every point explained, re-scoring a
// claimed score, what-if on the execution rate (scoring::Scorer over the unit's inputs).
#include <cmath>

#include "core/number.hpp"
#include "indicators/goals.hpp"
#include "scoring/scoring.hpp"
#include "server/app.hpp"

#ifndef JIXIAO_FRAMEWORKS_DEFAULT_DIR
#define JIXIAO_FRAMEWORKS_DEFAULT_DIR "frameworks"
#endif

namespace jixiao::server {
namespace {

std::vector<std::string> frameworks_dirs() {
  return scoring::framework_dirs("", JIXIAO_FRAMEWORKS_DEFAULT_DIR);
}

}  // namespace

Result<model::Framework> find_framework(const std::string& id) {
  auto fw = scoring::find_framework(frameworks_dirs(), id);
  if (!fw) fw.error().location().field = "framework";
  return fw;
}

namespace {

Result<ApiResponse> list_frameworks(App&, Call&) {
  auto all = scoring::load_frameworks(frameworks_dirs());
  if (!all) return fail(std::move(all.error()));
  Json items = Json::array();
  for (const auto& fw : *all) items.push_back(Json{{"id", fw.id}, {"name", fw.name}});
  return json_response(Json{{"items", std::move(items)}, {"default", k_default_framework}});
}

Result<ApiResponse> get_scoring(App& app, Call& call) {
  auto target = unit_year_of(call);
  if (!target) return fail(std::move(target.error()));
  const std::string& unit = target->unit;
  const int year = target->year;
  JIXIAO_TRY(require(call.user(), Action::read_unit, unit));
  // Strict: "nan" once reached llround() and crashed the server (issue 17).
  std::optional<double> claimed;
  if (std::string text = call.req().query_or("claimed"); !text.empty()) {
    auto v = parse_number_in(text, 0, 100, "claimed");
    if (!v) return fail(std::move(v.error()));
    claimed = *v;
  }
  std::optional<double> execution;
  if (std::string text = call.req().query_or("execution"); !text.empty()) {
    auto v = parse_number_in(text, 0, 200, "execution");
    if (!v) return fail(std::move(v.error()));
    execution = *v;
  }
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto card =
      score_unit(app, **s, unit, year,
                 call.req().query_or("framework", std::string(k_default_framework)), execution);
  if (!card) return fail(std::move(card.error()));
  std::string body;
  if (claimed) {
    auto fw = find_framework(card->framework_id);
    if (!fw) return fail(std::move(fw.error()));
    auto review = scoring::review_claim(
        *card, static_cast<scoring::Points>(std::llround(*claimed * 100)), *fw);
    body = scoring::to_json(*card, &review);
  } else {
    body = scoring::to_json(*card);
  }
  return ApiResponse{200, "application/json; charset=utf-8", std::move(body), {}};
}

}  // namespace

Result<scoring::Scorecard> score_unit(App& app, store::Store& store, const std::string& unit_code,
                                      int fiscal_year, const std::string& framework_id,
                                      std::optional<double> execution_rate) {
  auto fw = find_framework(framework_id);
  if (!fw) return fail(std::move(fw.error()));
  auto ledger = app.ledgers().get(store, fiscal_year);
  if (!ledger) return fail(std::move(ledger.error()));
  auto last = app.ledgers().get(store, fiscal_year - 1);
  if (!last) return fail(std::move(last.error()));
  return scoring::score_unit(store, *fw, scoring::ScoringYear(*ledger, *last), unit_code,
                             execution_rate);
}

void add_scoring_routes(App& app) {
  app.add({"GET", "/api/frameworks", Access::signed_in, list_frameworks});
  app.add({"GET", "/api/scoring/:unit/:year", Access::signed_in, get_scoring});
}

}  // namespace jixiao::server

// server/json_mapping.cpp — the JSON the routes answer with for users, evaluations, audit
// entries, units and the monitor's warnings and advice (monitor_json's one shape).
#include "server/json_mapping.hpp"

#include <cmath>

#include "monitor/monitor_json.hpp"

namespace jixiao::server {

std::string score_text(std::int64_t centi) {
  std::string s = std::to_string(centi / 100) + ".";
  std::int64_t rest = centi % 100;
  s += static_cast<char>('0' + rest / 10);
  s += static_cast<char>('0' + rest % 10);
  return s;
}

Json to_json(const Principal& user) {
  return Json{{"name", user.name},
              {"display_name", user.display_name},
              {"role", to_string(user.role)},
              {"role_name", store::chinese_name(user.role)},
              {"units", user.unit_codes},
              {"must_change_password", user.must_change_password}};
}

Json to_json(const store::User& user) {
  return Json{{"name", user.name},
              {"display_name", user.display_name},
              {"role", to_string(user.role)},
              {"role_name", store::chinese_name(user.role)},
              {"units", user.unit_codes},
              {"must_change_password", user.must_change_password},
              {"disabled", user.disabled},
              {"created_at", user.created_at}};
}

Json to_json(const store::EvaluationRecord& r) {
  Json inputs = Json::parse(r.inputs_json, nullptr, false);
  Json snapshot = Json::parse(r.snapshot_json, nullptr, false);
  return Json{
      {"unit_code", r.unit_code},
      {"year", r.fiscal_year},
      {"status", to_string(r.status)},
      {"status_name", store::chinese_name(r.status)},
      {"inputs", inputs.is_discarded() ? Json() : inputs},
      {"snapshot", snapshot.is_discarded() ? Json() : snapshot},
      {"self_score", score_text(r.self_score_centi)},
      {"review_score", r.review_score_centi ? Json(score_text(*r.review_score_centi)) : Json()},
      {"review_comment", r.review_comment},
      {"submitted_by", r.submitted_by},
      {"submitted_at", r.submitted_at},
      {"reviewed_by", r.reviewed_by},
      {"reviewed_at", r.reviewed_at},
      {"updated_by", r.updated_by},
      {"updated_at", r.updated_at},
      {"version", r.version}};
}

Json to_json(const store::AuditEntry& e) {
  Json before = Json::parse(e.before_json, nullptr, false);
  Json after = Json::parse(e.after_json, nullptr, false);
  return Json{{"id", e.id},
              {"at", e.at},
              {"user", e.user},
              {"source", e.source},
              {"action", e.action},
              {"target", e.target},
              {"before", before.is_discarded() ? Json(e.before_json) : before},
              {"after", after.is_discarded() ? Json(e.after_json) : after}};
}

Json to_json(const model::Unit& unit) {
  return Json{{"code", unit.code}, {"name", unit.name}, {"parent_code", unit.parent_code}};
}

// The server monitors with the default cutoffs (MonitorOptions::cutoffs_percent, {90, 95}): the
// first probability is the one below 90 %.
Json probability_below_90(const monitor::Probabilities& p) {
  return p.empty() ? Json() : Json(std::round(p[0] * 1000) / 10);
}

Json warnings_json(const monitor::MonitorResult& result, const std::vector<std::size_t>* only) {
  Json out = Json::array();
  if (!only) {
    for (const auto& w : result.warnings) out.push_back(Json(monitor::warning_json(w)));
    return out;
  }
  for (std::size_t index : *only)
    out.push_back(Json(monitor::warning_json(result.warnings[index])));
  return out;
}

Json advice_json(const monitor::MonitorResult& result, const std::vector<std::size_t>* only) {
  Json out = Json::array();
  if (!only) {
    for (const auto& a : result.advice)
      out.push_back(Json(monitor::advice_json(a, monitor::default_cutoffs_percent())));
    return out;
  }
  for (std::size_t index : *only)
    out.push_back(
        Json(monitor::advice_json(result.advice[index], monitor::default_cutoffs_percent())));
  return out;
}

}  // namespace jixiao::server

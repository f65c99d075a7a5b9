// congress/congress_json.cpp — the one JSON shape of a suggestion (congress_json.hpp).
#include "congress/congress_json.hpp"

#include <cmath>

namespace jixiao::congress {
namespace {

using json = nlohmann::json;

json reply_json(const std::optional<model::Reply>& r) {
  if (!r) return nullptr;
  return {
      {"date", r->date.to_string()},
      {"class", std::string(model::to_string(r->reply_class))},
      {"class_name", std::string(model::chinese_name(r->reply_class))},
      {"text", r->text},
      {"feedback",
       r->feedback ? json(std::string(model::chinese_name(*r->feedback))) : json(nullptr)},
      {"feedback_date", r->feedback_date ? json(r->feedback_date->to_string()) : json(nullptr)}};
}

}  // namespace

json suggestion_json(const model::Suggestion& s, const DeadlineRules& rules) {
  json actions = json::array();
  for (const auto& a : s.actions)
    actions.push_back({{"date", a.date.to_string()}, {"kind", a.kind}, {"note", a.note}});
  auto deadline = reply_deadline(s, rules);
  auto second = second_deadline(s, rules);
  return {{"number", s.number},
          {"title", s.title},
          {"text", s.text},
          {"lead_deputy", s.lead_deputy},
          {"co_deputies", s.co_deputies},
          {"term", s.term},
          {"session_no", s.session_no},
          {"period", std::string(model::chinese_name(s.period))},
          {"category", s.category},
          {"received", s.received.to_string()},
          {"assigned", s.assigned ? json(s.assigned->to_string()) : json(nullptr)},
          {"complex", s.complex},
          {"deadline", deadline ? json(deadline->to_string()) : json(nullptr)},
          {"lead_unit", s.lead_unit},
          {"co_units", s.co_units},
          {"reply", reply_json(s.reply)},
          {"second_deadline", second ? json(second->to_string()) : json(nullptr)},
          {"second_reply", reply_json(s.second_reply)},
          {"supervisor", s.supervisor},
          {"actions", actions}};
}

json deputy_json(const model::Deputy& d) {
  return {{"code", d.code},
          {"name", d.name},
          {"level", std::string(model::chinese_name(d.level))},
          {"delegation", d.delegation},
          {"station", d.station},
          {"term", d.term}};
}

json proposal_json(const HandlerProposal& p) {
  auto three_places = [](double v) { return std::round(v * 1000) / 1000; };
  json similar = json::array();
  for (const auto& x : p.neighbours) {
    similar.push_back({{"number", x.number},
                       {"year", x.year},
                       {"title", x.title},
                       {"lead_unit", x.lead_unit},
                       {"co_units", x.co_units},
                       {"similarity", three_places(x.similarity)}});
  }
  return {{"proposed_lead_unit", p.lead_unit},
          {"confidence", three_places(p.confidence)},
          {"proposed_co_units", p.co_units},
          {"similar", similar}};
}

json duty_json(int year, const PointsRules& rules, const std::vector<DutyRecord>& records,
               std::string_view only, std::string_view delegation) {
  json items = json::array();
  for (const auto& r : records) {
    if ((!only.empty() && r.deputy.code != only) ||
        (!delegation.empty() && r.deputy.delegation != delegation))
      continue;
    json lines = json::array();
    for (const auto& l : r.lines) {
      lines.push_back({{"item", l.item},
                       {"label", l.label},
                       {"count", l.count},
                       {"points", l.points.to_string()},
                       {"explanation", l.explanation}});
    }
    json activities = json::array();
    if (!only.empty()) {
      for (const auto& a : r.activities) {
        activities.push_back({{"date", a.date.to_string()},
                              {"kind", std::string(model::chinese_name(a.kind))},
                              {"people", a.people},
                              {"evidence", a.evidence}});
      }
    }
    items.push_back({{"code", r.deputy.code},
                     {"name", r.deputy.name},
                     {"delegation", r.deputy.delegation},
                     {"total", r.total.to_string()},
                     {"rank_in_delegation", r.rank_in_delegation},
                     {"suggestions_led", r.suggestions_led.size()},
                     {"suggestions_cosigned", r.suggestions_cosigned.size()},
                     {"people_received", r.people_received},
                     {"lines", lines},
                     {"activities", activities}});
  }
  return {{"year", year}, {"rules_source", rules.source}, {"items", items}};
}

}  // namespace jixiao::congress

// congress/congress_json.cpp — the one JSON shape of a suggestion (congress_json.hpp).
#include "congress/congress_json.hpp"

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

}  // namespace jixiao::congress

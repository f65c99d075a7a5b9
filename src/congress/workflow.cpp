// congress/workflow.cpp — handling one suggestion: 交办, 答复, the deputy's feedback, 二次办理 and
// 重点督办. Each step checks it follows the previous ones and writes the suggestion whole.
#include <algorithm>

#include "congress/congress.hpp"
#include "store/store.hpp"

namespace jixiao::congress {
namespace {

Result<model::Suggestion> load(store::Store& store, const std::string& number) {
  auto s = store.congress().suggestion(number);
  if (!s) return fail(std::move(s.error()));
  if (!*s) return fail(Error::not_found("没有这件代表建议: " + number, {.field = "number"}));
  return std::move(**s);
}

Result<model::Suggestion> save(store::Store& store, model::Suggestion s) {
  JIXIAO_TRY(store.congress().write_suggestions({s}));
  return s;
}

}  // namespace

Result<model::Suggestion> assign(store::Store& store, const std::string& number,
                                 const Assignment& a) {
  auto s = load(store, number);
  if (!s) return s;
  if (s->reply) return fail(Error::conflict("建议 " + number + " 已答复，不能重新交办"));
  if (a.lead_unit.empty())
    return fail(Error::invalid_input("缺少主办单位", {.field = "lead_unit"}));
  auto units = store.ledger().units();
  if (!units) return fail(std::move(units.error()));
  auto known = [&](const std::string& code) {
    return std::any_of(units->begin(), units->end(),
                       [&](const model::Unit& u) { return u.code == code; });
  };
  if (!known(a.lead_unit))
    return fail(Error::not_found("没有这个单位: " + a.lead_unit, {.field = "lead_unit"}));
  for (const auto& c : a.co_units) {
    if (!known(c)) return fail(Error::not_found("没有这个单位: " + c, {.field = "co_units"}));
    if (c == a.lead_unit)
      return fail(Error::invalid_input("会办单位不能同时是主办单位: " + c, {.field = "co_units"}));
  }
  if (a.date < s->received) {
    return fail(Error::invalid_input(
        "交办日期 " + a.date.to_string() + " 早于登记日期 " + s->received.to_string(),
        {.field = "date"}));
  }
  s->lead_unit = a.lead_unit;
  s->co_units = a.co_units;
  s->assigned = a.date;
  s->complex = a.complex;
  return save(store, std::move(*s));
}

Result<model::Suggestion> reply(store::Store& store, const std::string& number,
                                const model::Reply& r, const std::string& unit_code) {
  auto s = load(store, number);
  if (!s) return s;
  if (!unit_code.empty() && s->lead_unit != unit_code) {
    return fail(
        Error::permission("单位 " + unit_code + " 不是建议 " + number + " 的主办单位，不能答复"));
  }
  if (!s->assigned) return fail(Error::conflict("建议 " + number + " 尚未交办，不能答复"));
  model::Reply fresh = r;
  fresh.feedback.reset();
  fresh.feedback_date.reset();
  if (!s->reply) {
    if (r.date < *s->assigned) {
      return fail(Error::invalid_input(
          "答复日期 " + r.date.to_string() + " 早于交办日期 " + s->assigned->to_string(),
          {.field = "date"}));
    }
    s->reply = fresh;
  } else if (s->reply->feedback == model::Feedback::unsatisfied && !s->second_reply) {
    if (s->reply->feedback_date && r.date < *s->reply->feedback_date) {
      return fail(Error::invalid_input("二次答复日期 " + r.date.to_string() +
                                           " 早于不满意反馈日期 " +
                                           s->reply->feedback_date->to_string(),
                                       {.field = "date"}));
    }
    s->second_reply = fresh;
  } else {
    return fail(
        Error::conflict("建议 " + number + " 已答复" +
                        (s->second_reply ? "（含二次办理）" : "，代表未表示不满意，无需再次答复")));
  }
  return save(store, std::move(*s));
}

Result<model::Suggestion> record_feedback(store::Store& store, const std::string& number,
                                          model::Feedback feedback, Date date) {
  auto s = load(store, number);
  if (!s) return s;
  std::optional<model::Reply>& standing = s->second_reply ? s->second_reply : s->reply;
  if (!standing) return fail(Error::conflict("建议 " + number + " 尚未答复，不能记录反馈"));
  if (standing->feedback) {
    return fail(
        Error::conflict("建议 " + number + " 的" + (s->second_reply ? "二次" : "") +
                        "答复已有反馈: " + std::string(model::chinese_name(*standing->feedback))));
  }
  if (date < standing->date) {
    return fail(Error::invalid_input(
        "反馈日期 " + date.to_string() + " 早于答复日期 " + standing->date.to_string(),
        {.field = "date"}));
  }
  standing->feedback = feedback;
  standing->feedback_date = date;
  return save(store, std::move(*s));
}

Result<model::Suggestion> supervise(store::Store& store, const std::string& number,
                                    const std::string& leader,
                                    const std::optional<model::SupervisionAction>& action) {
  auto s = load(store, number);
  if (!s) return s;
  if (leader.empty() && s->supervisor.empty())
    return fail(Error::invalid_input("缺少督办领导", {.field = "leader"}));
  if (!leader.empty()) s->supervisor = leader;
  if (action) {
    if (action->kind.empty())
      return fail(Error::invalid_input("督办活动缺少方式", {.field = "kind"}));
    s->actions.push_back(*action);
    std::stable_sort(s->actions.begin(), s->actions.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });
  }
  return save(store, std::move(*s));
}

}  // namespace jixiao::congress

// model/congress.cpp — names of the people's-congress enums (stored text and Chinese).
#include "model/congress.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text.hpp"

namespace jixiao::model {
namespace {

template <class E>
struct Name {
  E value;
  std::string_view stored;
  std::string_view chinese;
};

template <class E, std::size_t N>
std::string_view stored_of(E v, const std::array<Name<E>, N>& names) {
  for (const auto& n : names) {
    if (n.value == v) return n.stored;
  }
  return "?";
}

template <class E, std::size_t N>
std::string_view chinese_of(E v, const std::array<Name<E>, N>& names) {
  for (const auto& n : names) {
    if (n.value == v) return n.chinese;
  }
  return "?";
}

template <class E, std::size_t N>
std::optional<E> parse_of(std::string_view text, const std::array<Name<E>, N>& names) {
  std::string t = text::to_halfwidth(text::trim(text));
  for (const auto& n : names) {
    if (t == n.stored || t == n.chinese) return n.value;
  }
  return std::nullopt;
}

constexpr std::array<Name<DeputyLevel>, 5> k_levels{{{DeputyLevel::town, "town", "镇"},
                                                     {DeputyLevel::district, "district", "区"},
                                                     {DeputyLevel::city, "city", "市"},
                                                     {DeputyLevel::province, "province", "省"},
                                                     {DeputyLevel::national, "national", "全国"}}};
constexpr std::array<Name<SessionPeriod>, 2> k_periods{
    {{SessionPeriod::session, "session", "会议期间"},
     {SessionPeriod::recess, "recess", "闭会期间"}}};
constexpr std::array<Name<ReplyClass>, 3> k_classes{{{ReplyClass::a, "A", "已解决或基本解决"},
                                                     {ReplyClass::b, "B", "列入计划逐步解决"},
                                                     {ReplyClass::c, "C", "因条件限制留作参考"}}};
constexpr std::array<Name<Feedback>, 3> k_feedback{
    {{Feedback::satisfied, "satisfied", "满意"},
     {Feedback::basically_satisfied, "basically_satisfied", "基本满意"},
     {Feedback::unsatisfied, "unsatisfied", "不满意"}}};
constexpr std::array<Name<HandlerRole>, 2> k_roles{
    {{HandlerRole::lead, "lead", "主办"}, {HandlerRole::co, "co", "会办"}}};
constexpr std::array<Name<ActivityKind>, 9> k_activities{{
    {ActivityKind::congress_session, "congress_session", "出席人代会"},
    {ActivityKind::standing_attendance, "standing_attendance", "列席常委会"},
    {ActivityKind::station_reception, "station_reception", "联络站接待"},
    {ActivityKind::inspection, "inspection", "调研视察"},
    {ActivityKind::symposium, "symposium", "座谈会"},
    {ActivityKind::training, "training", "培训"},
    {ActivityKind::duty_report, "duty_report", "述职"},
    {ActivityKind::standing_work, "standing_work", "参与常委会工作"},
    {ActivityKind::unexcused_absence, "unexcused_absence", "无故缺席"},
}};
constexpr std::array<Name<RecordKind>, 17> k_records{{
    {RecordKind::congress_session, "congress_session", "人民代表大会会议"},
    {RecordKind::standing_meeting, "standing_meeting", "常委会会议"},
    {RecordKind::chairpersons_meeting, "chairpersons_meeting", "主任会议"},
    {RecordKind::government_report, "government_report", "一府一委两院工作报告"},
    {RecordKind::budget_audit_report, "budget_audit_report", "计划预算执行和审计工作报告"},
    {RecordKind::enforcement_report, "enforcement_report", "执法检查报告"},
    {RecordKind::other_report, "other_report", "其他报告"},
    {RecordKind::enforcement_inspection, "enforcement_inspection", "执法检查"},
    {RecordKind::special_inquiry, "special_inquiry", "专题询问"},
    {RecordKind::satisfaction_evaluation, "satisfaction_evaluation", "满意度测评"},
    {RecordKind::major_matter, "major_matter", "重大事项"},
    {RecordKind::resolution, "resolution", "决定决议"},
    {RecordKind::appointment, "appointment", "任免"},
    {RecordKind::deputy_participation, "deputy_participation", "代表参与常委会工作"},
    {RecordKind::public_reception, "public_reception", "接待群众"},
    {RecordKind::research_visit, "research_visit", "调研视察"},
    {RecordKind::symposium, "symposium", "座谈会"},
}};

}  // namespace

std::string_view to_string(DeputyLevel v) { return stored_of(v, k_levels); }
std::string_view chinese_name(DeputyLevel v) { return chinese_of(v, k_levels); }
std::optional<DeputyLevel> parse_deputy_level(std::string_view text) {
  std::string t(text::trim(text));
  // "区人大代表" and "区级" name the level by its first character(s).
  for (std::string_view suffix : {"人大代表", "级"}) {
    if (t.size() > suffix.size() && t.ends_with(suffix)) t.resize(t.size() - suffix.size());
  }
  return parse_of(t, k_levels);
}

std::string_view to_string(SessionPeriod v) { return stored_of(v, k_periods); }
std::string_view chinese_name(SessionPeriod v) { return chinese_of(v, k_periods); }
std::optional<SessionPeriod> parse_session_period(std::string_view text) {
  std::string t(text::trim(text));
  if (t == "会议") return SessionPeriod::session;
  if (t == "闭会") return SessionPeriod::recess;
  return parse_of(t, k_periods);
}

std::string_view to_string(ReplyClass v) { return stored_of(v, k_classes); }
std::string_view chinese_name(ReplyClass v) { return chinese_of(v, k_classes); }
std::optional<ReplyClass> parse_reply_class(std::string_view text) {
  std::string t = text::to_halfwidth(text::trim(text));
  if (t.ends_with("类")) t.resize(t.size() - std::string_view("类").size());
  if (t.size() == 1) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
  return parse_of(t, k_classes);
}

std::string_view to_string(Feedback v) { return stored_of(v, k_feedback); }
std::string_view chinese_name(Feedback v) { return chinese_of(v, k_feedback); }
std::optional<Feedback> parse_feedback(std::string_view text) { return parse_of(text, k_feedback); }

std::string_view to_string(HandlerRole v) { return stored_of(v, k_roles); }
std::string_view chinese_name(HandlerRole v) { return chinese_of(v, k_roles); }

std::string_view to_string(ActivityKind v) { return stored_of(v, k_activities); }
std::string_view chinese_name(ActivityKind v) { return chinese_of(v, k_activities); }
std::optional<ActivityKind> parse_activity_kind(std::string_view text) {
  return parse_of(text, k_activities);
}
std::vector<ActivityKind> all_activity_kinds() {
  std::vector<ActivityKind> out;
  for (const auto& n : k_activities) out.push_back(n.value);
  return out;
}

std::string_view to_string(RecordKind v) { return stored_of(v, k_records); }
std::string_view chinese_name(RecordKind v) { return chinese_of(v, k_records); }
std::string_view measure_unit(RecordKind v) {
  switch (v) {
    case RecordKind::congress_session:
    case RecordKind::standing_meeting:
    case RecordKind::chairpersons_meeting:
    case RecordKind::enforcement_inspection:
    case RecordKind::special_inquiry:
    case RecordKind::research_visit:
      return "次";
    case RecordKind::appointment:
    case RecordKind::deputy_participation:
    case RecordKind::public_reception:
      return "人次";
    case RecordKind::symposium:
      return "场次";
    default:
      return "项";
  }
}
std::optional<RecordKind> parse_record_kind(std::string_view text) {
  return parse_of(text, k_records);
}
std::vector<RecordKind> all_record_kinds() {
  std::vector<RecordKind> out;
  for (const auto& n : k_records) out.push_back(n.value);
  return out;
}

bool Suggestion::handled_by(const std::string& unit_code) const {
  return lead_unit == unit_code ||
         std::find(co_units.begin(), co_units.end(), unit_code) != co_units.end();
}

}  // namespace jixiao::model

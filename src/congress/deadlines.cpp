// congress/deadlines.cpp — reply deadlines (as data), the suggestions' states and warnings.
#include <algorithm>
#include <map>

#include "congress/congress.hpp"
#include "core/text.hpp"
#include "ingest/ingest.hpp"

namespace jixiao::congress {
namespace {

std::string days_text(int days) { return std::to_string(days) + " 天"; }

// "三个月": the rules' own wording (代表法 speaks of 三个月, 六个月).
std::string months_text(int months) {
  static const char* const k_digits[] = {"",   "一", "两", "三", "四",   "五",  "六",
                                         "七", "八", "九", "十", "十一", "十二"};
  return (months >= 1 && months <= 12 ? std::string(k_digits[months]) : std::to_string(months)) +
         "个月";
}

const std::vector<ingest::ColumnSpec>& deadline_columns() {
  static const std::vector<ingest::ColumnSpec> k = {
      {"rule", {"规则", "rule"}, "text", true},
      {"value", {"值", "value"}, "text", true},
      {"source", {"依据", "source"}, "text"},
  };
  return k;
}

}  // namespace

Result<DeadlineRules> load_deadline_rules(const std::string& path) {
  auto table = ingest::read_table(path);
  if (!table) return fail(std::move(table.error()));
  auto fields = ingest::TableFields::map(*table, deadline_columns());
  if (!fields) return fail(std::move(fields.error()));
  DeadlineRules rules;
  std::vector<std::string> sources;
  Error errors = Error::invalid_input("办理期限规则有误: " + table->file);
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    auto cell = [&](std::string_view field) { return fields->cell(*table, r, field); };
    std::string name = cell("rule");
    std::string value = cell("value");
    int* target = name == "reply_months" || name == "答复期限（月）" ? &rules.reply_months
                  : name == "complex_reply_months" || name == "复杂建议答复期限（月）"
                      ? &rules.complex_reply_months
                  : name == "second_reply_months" || name == "二次办理期限（月）"
                      ? &rules.second_reply_months
                  : name == "due_soon_days" || name == "到期提醒（天）" ? &rules.due_soon_days
                                                                        : nullptr;
    if (!target) {
      errors.add_cause(Error::invalid_input("未知的规则: \"" + name +
                                                "\"（应为 reply_months、complex_reply_months、"
                                                "second_reply_months 或 due_soon_days）",
                                            fields->at(*table, r, "rule")));
      continue;
    }
    int n = 0;
    bool ok = !value.empty() && value.size() <= 4 &&
              std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ok) n = std::stoi(value);
    if (!ok || n <= 0) {
      errors.add_cause(
          Error::invalid_input("不是正整数: \"" + value + "\"", fields->at(*table, r, "value")));
      continue;
    }
    *target = n;
    if (std::string s = cell("source");
        !s.empty() && std::find(sources.begin(), sources.end(), s) == sources.end()) {
      sources.push_back(s);
    }
  }
  if (!errors.causes().empty()) return fail(std::move(errors));
  if (!sources.empty()) {
    rules.source.clear();
    for (const auto& s : sources) rules.source += (rules.source.empty() ? "" : "；") + s;
  }
  return rules;
}

Date add_months(Date date, int months) {
  int index = date.year() * 12 + (date.month() - 1) + months;
  int year = index / 12;
  int month = index % 12 + 1;
  return Date::from_ymd(year, month, std::min(date.day(), days_in_month(year, month)));
}

std::optional<Date> reply_deadline(const model::Suggestion& s, const DeadlineRules& rules) {
  if (!s.assigned) return std::nullopt;
  return add_months(*s.assigned, s.complex ? rules.complex_reply_months : rules.reply_months);
}

std::optional<Date> second_deadline(const model::Suggestion& s, const DeadlineRules& rules) {
  if (!s.reply || s.reply->feedback != model::Feedback::unsatisfied || !s.reply->feedback_date)
    return std::nullopt;
  return add_months(*s.reply->feedback_date, rules.second_reply_months);
}

bool answered_on_time(const model::Suggestion& s, const DeadlineRules& rules) {
  auto deadline = reply_deadline(s, rules);
  return s.reply && deadline && s.reply->date <= *deadline;
}

std::string_view chinese_name(SuggestionState state) {
  switch (state) {
    case SuggestionState::unassigned:
      return "未交办";
    case SuggestionState::in_progress:
      return "办理中";
    case SuggestionState::due_soon:
      return "即将到期";
    case SuggestionState::overdue:
      return "逾期未答复";
    case SuggestionState::awaiting_feedback:
      return "已答复待反馈";
    case SuggestionState::second_pending:
      return "不满意待二次办理";
    case SuggestionState::second_overdue:
      return "二次办理逾期";
    case SuggestionState::closed:
      return "已办结";
  }
  return "?";
}

bool is_warning(SuggestionState state) {
  return state == SuggestionState::due_soon || state == SuggestionState::overdue ||
         state == SuggestionState::second_pending || state == SuggestionState::second_overdue;
}

std::vector<SuggestionStatus> status(const std::vector<model::Suggestion>& suggestions,
                                     const DeadlineRules& rules, Date as_of) {
  std::vector<SuggestionStatus> out;
  for (const auto& s : suggestions) {
    SuggestionStatus st{s.number,     s.title, s.lead_unit, SuggestionState::in_progress,
                        std::nullopt, 0,       ""};
    auto late_text = [&](Date deadline) {
      int late = as_of.days() - deadline.days();
      st.deadline = deadline;
      st.days_late = late;
      return late > 0 ? "，已逾期 " + days_text(late) : "，还有 " + days_text(-late);
    };
    if (!s.assigned) {
      st.state = SuggestionState::unassigned;
      st.explanation = s.received.to_string() + " 登记，尚未交办";
    } else if (!s.reply || s.reply->date > as_of) {
      Date deadline = *reply_deadline(s, rules);
      st.explanation = "交办 " + s.assigned->to_string() + "，" +
                       (s.complex ? "涉及面广、处理难度大，" : "") +
                       months_text(s.complex ? rules.complex_reply_months : rules.reply_months) +
                       "内答复，期限 " + deadline.to_string() + late_text(deadline);
      st.state = st.days_late > 0                       ? SuggestionState::overdue
                 : -st.days_late <= rules.due_soon_days ? SuggestionState::due_soon
                                                        : SuggestionState::in_progress;
    } else if (auto second = second_deadline(s, rules);
               second && s.reply->feedback_date && *s.reply->feedback_date <= as_of &&
               (!s.second_reply || s.second_reply->date > as_of)) {
      st.explanation = s.reply->feedback_date->to_string() + " 代表不满意，二次办理" +
                       months_text(rules.second_reply_months) + "内答复，期限 " +
                       second->to_string() + late_text(*second);
      st.state =
          st.days_late > 0 ? SuggestionState::second_overdue : SuggestionState::second_pending;
    } else {
      bool second_standing = s.second_reply && s.second_reply->date <= as_of;
      const model::Reply& standing = second_standing ? *s.second_reply : *s.reply;
      bool has_feedback =
          standing.feedback && (!standing.feedback_date || *standing.feedback_date <= as_of);
      st.state = has_feedback ? SuggestionState::closed : SuggestionState::awaiting_feedback;
      st.explanation =
          std::string(second_standing ? "二次办理" : "") + standing.date.to_string() + " 答复（" +
          std::string(model::to_string(standing.reply_class)) + "类）" +
          (has_feedback ? "，代表" + std::string(model::chinese_name(*standing.feedback))
                        : "，待代表反馈");
    }
    out.push_back(std::move(st));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SuggestionStatus& a, const SuggestionStatus& b) {
                     bool wa = is_warning(a.state), wb = is_warning(b.state);
                     if (wa != wb) return wa;
                     if (wa && a.days_late != b.days_late) return a.days_late > b.days_late;
                     return a.number < b.number;
                   });
  return out;
}

}  // namespace jixiao::congress

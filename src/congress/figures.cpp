// congress/figures.cpp — the year's figures from the suggestions register and the work records,
// their JSON contract and sentences, and the indicator actuals computed from them.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "congress/congress.hpp"
#include "store/store.hpp"

namespace jixiao::congress {
namespace {

using model::RecordKind;

constexpr RecordKind k_report_kinds[] = {RecordKind::government_report,
                                         RecordKind::budget_audit_report,
                                         RecordKind::enforcement_report, RecordKind::other_report};

nlohmann::json pct(const Rate& r) {
  return r.defined() ? nlohmann::json(r.percent(1)) : nlohmann::json(nullptr);
}

// What an indicator counts: a record kind, the reports' total, or a suggestions figure.
enum class Figure {
  record,
  reports_total,
  suggestions_total,
  key_supervised,
  on_time_rate,
  ab_share,
  ab_change,
  satisfied_rate
};

struct IndicatorMapping {
  std::string_view name;  // 三级指标, as in data/indicators/people_congress.csv
  Figure figure;
  RecordKind kind = RecordKind::standing_meeting;
};

// The people's-congress indicators whose 数据来源 is a congress record (RD001–RD028 of the
// starter library). Matched by name, as the ledger's source matches 预算执行率: a library's
// codes are its own, the names are the official wording.
const std::vector<IndicatorMapping>& mappings() {
  static const std::vector<IndicatorMapping> k_map = {
      {"召开人民代表大会会议次数", Figure::record, RecordKind::congress_session},
      {"召开常委会会议次数", Figure::record, RecordKind::standing_meeting},
      {"召开主任会议次数", Figure::record, RecordKind::chairpersons_meeting},
      {"听取审议“一府一委两院”工作报告数", Figure::record, RecordKind::government_report},
      {"听取审议计划预算执行和审计工作报告数", Figure::record, RecordKind::budget_audit_report},
      {"听取执法检查报告数", Figure::record, RecordKind::enforcement_report},
      {"开展执法检查次数", Figure::record, RecordKind::enforcement_inspection},
      {"开展专题询问次数", Figure::record, RecordKind::special_inquiry},
      {"开展满意度测评项数", Figure::record, RecordKind::satisfaction_evaluation},
      {"讨论决定重大事项数", Figure::record, RecordKind::major_matter},
      {"作出决定决议数", Figure::record, RecordKind::resolution},
      {"任免国家机关工作人员人次", Figure::record, RecordKind::appointment},
      {"代表参与常委会工作人次", Figure::record, RecordKind::deputy_participation},
      {"代表接待群众人次", Figure::record, RecordKind::public_reception},
      {"听取审议各类报告总数", Figure::reports_total},
      {"交办代表建议件数", Figure::suggestions_total},
      {"重点督办代表建议件数", Figure::key_supervised},
      {"代表建议按期办复率", Figure::on_time_rate},
      {"代表建议解决和列入计划解决比例", Figure::ab_share},
      {"代表建议解决比例较上年提高", Figure::ab_change},
      {"代表对建议办理答复满意率", Figure::satisfied_rate},
  };
  return k_map;
}

// A rate as an actual: the percentage with four decimals (half-up), shown with one.
model::Actual rate_actual(const Rate& r) {
  model::Actual a;
  a.value = model::Measure::from_scaled(divide_half_up(
      static_cast<__int128>(r.numerator()) * 100 * model::Measure::k_scale, r.denominator()));
  a.text = r.percent(1);
  return a;
}

// "常委会会议记录 8 条（合计 8 次）: 2022-01-20 区十七届人大常委会第一次会议；…" — the evidence.
std::string records_evidence(const std::vector<model::WorkRecord>& records,
                             std::initializer_list<RecordKind> kinds) {
  std::vector<const model::WorkRecord*> picked;
  int total = 0;
  for (const auto& r : records) {
    for (RecordKind k : kinds) {
      if (r.kind == k) {
        picked.push_back(&r);
        total += r.count;
      }
    }
  }
  std::string unit(model::measure_unit(*kinds.begin()));
  std::string out = "人大工作记录 " + std::to_string(picked.size()) + " 条，合计 " +
                    std::to_string(total) + " " + unit;
  constexpr std::size_t k_listed = 12;
  for (std::size_t i = 0; i < picked.size() && i < k_listed; ++i) {
    out += (i == 0 ? ": " : "；") + picked[i]->date.to_string() + " " + picked[i]->title;
    if (picked[i]->count != 1) out += "（" + std::to_string(picked[i]->count) + unit + "）";
  }
  if (picked.size() > k_listed) out += "；等";
  return out;
}

// 1 → 一, 10 → 十, 17 → 十七, 23 → 二十三; beyond 99 in digits (届 and 会次 stay well below).
std::string chinese_number(int n) {
  static const char* const k_digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 1 || n > 99) return std::to_string(n);
  if (n < 10) return k_digits[n];
  return std::string(n / 10 == 1 ? "" : k_digits[n / 10]) + "十" + k_digits[n % 10];
}

}  // namespace

int Figures::reports_total() const {
  int n = 0;
  for (RecordKind k : k_report_kinds) {
    if (auto it = records.find(k); it != records.end()) n += it->second;
  }
  return n;
}

Rate Figures::ab_share_change() const {
  if (!previous || previous->total == 0 || suggestions.total == 0) return {};
  // (ab / total − ab′ / total′) × 100 as one exact fraction; Rate::percent multiplies by 100.
  std::int64_t num = static_cast<std::int64_t>(suggestions.ab) * previous->total -
                     static_cast<std::int64_t>(previous->ab) * suggestions.total;
  return {num, static_cast<std::int64_t>(suggestions.total) * previous->total};
}

SuggestionFigures suggestion_figures(const std::vector<model::Suggestion>& suggestions, int year,
                                     const DeadlineRules& rules) {
  SuggestionFigures f;
  std::set<std::pair<int, int>> sessions;
  for (const auto& s : suggestions) {
    if (!s.assigned || s.assigned->year() != year) continue;
    ++f.total;
    (s.period == model::SessionPeriod::session ? f.session : f.recess) += 1;
    if (s.period == model::SessionPeriod::session && s.term > 0 && s.session_no > 0)
      sessions.insert({s.term, s.session_no});
    if (s.reply) ++f.answered;
    if (answered_on_time(s, rules)) ++f.answered_on_time;
    if (s.key_supervised()) ++f.key_supervised;
    const auto& standing = s.final_reply();
    if (standing && standing->reply_class != model::ReplyClass::c) ++f.ab;
    if (standing && standing->feedback) {
      ++f.with_feedback;
      if (*standing->feedback != model::Feedback::unsatisfied) ++f.satisfied;
    }
  }
  f.sessions.assign(sessions.begin(), sessions.end());
  return f;
}

Result<Figures> figures(store::Store& store, int year, const DeadlineRules& rules) {
  Figures f;
  f.year = year;
  auto now = store.congress().suggestions({.year = year});
  if (!now) return fail(std::move(now.error()));
  f.suggestions = suggestion_figures(*now, year, rules);
  auto before = store.congress().suggestions({.year = year - 1});
  if (!before) return fail(std::move(before.error()));
  if (auto p = suggestion_figures(*before, year - 1, rules); p.total > 0) f.previous = p;
  auto records = store.congress().records(year);
  if (!records) return fail(std::move(records.error()));
  for (RecordKind k : model::all_record_kinds()) f.records[k] = 0;
  for (const auto& r : *records) f.records[r.kind] += r.count;
  // The congress's level: that of most of the year's lead deputies (ties: the first level listed).
  auto deputies = store.congress().deputies();
  if (!deputies) return fail(std::move(deputies.error()));
  std::map<std::string, model::DeputyLevel> level_of;
  for (const auto& d : *deputies) level_of[d.code] = d.level;
  std::map<model::DeputyLevel, int> votes;
  for (const auto& s : *now) {
    if (auto it = level_of.find(s.lead_deputy);
        it != level_of.end() && s.assigned && s.assigned->year() == year)
      ++votes[it->second];
  }
  int best = 0;
  for (const auto& [level, n] : votes) {
    if (n > best) {
      best = n;
      f.level = std::string(model::chinese_name(level));
    }
  }
  return f;
}

std::string figures_json(const Figures& f) {
  const auto& s = f.suggestions;
  nlohmann::json records = nlohmann::json::object();
  for (const auto& [kind, n] : f.records) records[std::string(model::to_string(kind))] = n;
  records["reports_total"] = f.reports_total();
  nlohmann::json j = {
      {"year", f.year},
      {"suggestions",
       {{"session", s.session},
        {"recess", s.recess},
        {"total", s.total},
        {"answered", s.answered},
        {"answered_on_time", s.answered_on_time},
        {"answered_on_time_pct", pct(s.answered_on_time_rate())},
        {"ab", s.ab},
        {"ab_share_pct", pct(s.ab_share())},
        {"previous_ab_share_pct",
         f.previous ? pct(f.previous->ab_share()) : nlohmann::json(nullptr)},
        {"ab_share_change_pp", pct(f.ab_share_change())},
        {"with_feedback", s.with_feedback},
        {"satisfied", s.satisfied},
        {"satisfied_pct", pct(s.satisfied_rate())},
        {"key_supervised", s.key_supervised}}},
      {"records", records},
  };
  return j.dump(2);
}

std::string suggestions_sentence(const Figures& f) {
  const auto& s = f.suggestions;
  // "区十七届人大一、二次会议期间": the sessions grouped by 届.
  std::string sessions;
  for (std::size_t i = 0; i < s.sessions.size(); ++i) {
    const auto [term, no] = s.sessions[i];
    if (i == 0 || s.sessions[i - 1].first != term) {
      sessions += (i == 0 ? "" : "次、") + chinese_number(term) + "届人大";
    } else {
      sessions += "、";
    }
    sessions += chinese_number(no);
  }
  if (!sessions.empty()) sessions = f.level + sessions + "次";
  std::string out = sessions + "会议期间交办代表建议" + std::to_string(s.session) +
                    "件，闭会期间交办代表建议" + std::to_string(s.recess) + "件";
  if (s.satisfied_rate().defined()) {
    out += "，代表对办理答复表示满意和基本满意的达" +
           s.satisfied_rate().percent(s.satisfied == s.with_feedback ? 0 : 1) + "%";
  }
  if (Rate change = f.ab_share_change(); change.defined()) {
    bool up = change.numerator() >= 0;
    Rate magnitude(up ? change.numerator() : -change.numerator(), change.denominator());
    // "提高3个百分点" when whole, else one decimal ("提高2.5个百分点").
    std::string points = magnitude.percent(1);
    if (points.ends_with(".0")) points.resize(points.size() - 2);
    out += "，其中已经解决以及已列入年度计划逐步解决的代表建议比例较" + std::to_string(f.year - 1) +
           "年" + (up ? "提高" : "下降") + points + "个百分点";
  }
  out += "。";
  if (s.key_supervised > 0)
    out += "常委会领导牵头重点督办" + std::to_string(s.key_supervised) + "件代表建议。";
  return out;
}

std::string records_sentence(const Figures& f) {
  auto n = [&](RecordKind k) { return std::to_string(f.records.at(k)); };
  return "本年度召开" + f.level + "人民代表大会" + n(RecordKind::congress_session) +
         "次，常委会会议" + n(RecordKind::standing_meeting) + "次，主任会议" +
         n(RecordKind::chairpersons_meeting) + "次；听取和审议“一府一委两院”工作报告" +
         n(RecordKind::government_report) + "项，听取和审议计划和预算执行情况报告、审计工作报告" +
         n(RecordKind::budget_audit_report) + "项，听取执法检查报告" +
         n(RecordKind::enforcement_report) + "项，开展专题询问" + n(RecordKind::special_inquiry) +
         "项、满意度测评" + n(RecordKind::satisfaction_evaluation) + "项，讨论决定重大事项" +
         n(RecordKind::major_matter) + "项，作出各类决定、决议" + n(RecordKind::resolution) +
         "项，任免国家机关工作人员" + n(RecordKind::appointment) + "人次。";
}

std::vector<ComputedIndicator> computed_indicators() {
  std::vector<ComputedIndicator> out;
  for (const auto& m : mappings()) {
    std::string counts;
    switch (m.figure) {
      case Figure::record:
        counts = "工作记录「" + std::string(model::chinese_name(m.kind)) + "」的数量合计";
        break;
      case Figure::reports_total:
        counts = "四类报告记录合计（工作报告、计划预算审计、执法检查报告、其他报告）";
        break;
      case Figure::suggestions_total:
        counts = "当年交办的代表建议件数（会议期间 + 闭会期间）";
        break;
      case Figure::key_supervised:
        counts = "当年交办且重点督办的代表建议件数";
        break;
      case Figure::on_time_rate:
        counts = "按期答复件数 / 交办件数 × 100%";
        break;
      case Figure::ab_share:
        counts = "（A类 + B类）/ 交办件数 × 100%（以最终答复计）";
        break;
      case Figure::ab_change:
        counts = "本年 A+B 类占比 − 上年占比（百分点）";
        break;
      case Figure::satisfied_rate:
        counts = "满意和基本满意件数 / 有反馈件数 × 100%（以最终反馈计）";
        break;
    }
    out.push_back({std::string(m.name), counts});
  }
  return out;
}

Result<bool> is_office_unit(store::Store& store, const std::string& unit_code, int year) {
  auto sets = indicators::load_goals(store, unit_code, year);
  if (!sets) return fail(std::move(sets.error()));
  for (const auto& set : *sets) {
    for (const auto& g : set.indicators) {
      for (const auto& m : mappings()) {
        if (m.name == g.name) return true;
      }
    }
  }
  return false;
}

Result<std::optional<model::Actual>> CongressActualSource::actual(
    const std::string&, int fiscal_year, const model::GoalIndicator& goal) {
  const IndicatorMapping* m = nullptr;
  for (const auto& candidate : mappings()) {
    if (candidate.name == goal.name) m = &candidate;
  }
  if (!m) return std::optional<model::Actual>();
  if (!m_cache.contains(fiscal_year)) {
    auto f = figures(m_store, fiscal_year, m_rules);
    if (!f) return fail(std::move(f.error()));
    auto r = m_store.congress().records(fiscal_year);
    if (!r) return fail(std::move(r.error()));
    m_cache[fiscal_year] = std::move(*f);
    m_records[fiscal_year] = std::move(*r);
  }
  const Figures& f = m_cache[fiscal_year];
  const auto& records = m_records[fiscal_year];
  const auto& s = f.suggestions;
  model::Actual a;
  auto count = [&](int n, const std::string& unit) {
    a.value = model::Measure::from_int(n);
    a.text = std::to_string(n) + unit;
  };
  switch (m->figure) {
    case Figure::record:
      if (records.empty())
        return std::optional<model::Actual>();  // no records kept that year: leave it to people
      count(f.records.at(m->kind), std::string(model::measure_unit(m->kind)));
      a.source = records_evidence(records, {m->kind});
      break;
    case Figure::reports_total:
      if (records.empty()) return std::optional<model::Actual>();
      count(f.reports_total(), "份");
      a.source =
          records_evidence(records, {RecordKind::government_report, RecordKind::budget_audit_report,
                                     RecordKind::enforcement_report, RecordKind::other_report});
      break;
    default: {
      if (s.total == 0) return std::optional<model::Actual>();
      std::string head = "代表建议登记: " + std::to_string(fiscal_year) + " 年交办 " +
                         std::to_string(s.total) + " 件（会议期间 " + std::to_string(s.session) +
                         " 件，闭会期间 " + std::to_string(s.recess) + " 件）";
      if (m->figure == Figure::suggestions_total) {
        count(s.total, "件");
        a.source = head;
      } else if (m->figure == Figure::key_supervised) {
        count(s.key_supervised, "件");
        a.source = head + "，重点督办 " + std::to_string(s.key_supervised) + " 件";
      } else if (m->figure == Figure::on_time_rate) {
        a = rate_actual(s.answered_on_time_rate());
        a.source = head + "，按期答复 " + std::to_string(s.answered_on_time) + " 件";
      } else if (m->figure == Figure::ab_share) {
        a = rate_actual(s.ab_share());
        a.source = head + "，A类和B类 " + std::to_string(s.ab) + " 件";
      } else if (m->figure == Figure::ab_change) {
        Rate change = f.ab_share_change();
        if (!change.defined()) return std::optional<model::Actual>();
        a = rate_actual(change);
        a.source = head + "，A+B 类占比 " + s.ab_share().percent(1) + "%，上年 " +
                   f.previous->ab_share().percent(1) + "%";
      } else {
        if (s.with_feedback == 0) return std::optional<model::Actual>();
        a = rate_actual(s.satisfied_rate());
        a.source = head + "，有反馈 " + std::to_string(s.with_feedback) + " 件，满意和基本满意 " +
                   std::to_string(s.satisfied) + " 件";
      }
    }
  }
  a.provider = model::ActualProvider::computed;
  a.recorded_by = name();
  return std::optional<model::Actual>(std::move(a));
}

}  // namespace jixiao::congress

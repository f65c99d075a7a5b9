// indicators/lint.cpp — the library's and the goals' quality rules.
#include "indicators/lint.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"

namespace jixiao::indicators {
namespace {

using model::Measure;

const std::vector<RuleInfo> k_rules = {
    {"library.duplicate-name", Severity::error, "两个编码的指标名称相同"},
    {"library.near-duplicate", Severity::warning, "两个编码的指标名称近似（含义可能相同）"},
    {"library.quantitative-without-unit", Severity::error, "定量指标没有计量单位"},
    {"library.unit-direction-mismatch", Severity::warning,
     "计量单位与指标方向不相符（如比率 ≥ 超过100%，定性指标带数值单位）"},
    {"goal.min-indicators", Severity::warning, "项目绩效指标少于4个（广州市: 每个项目不少于4个）"},
    {"goal.quantitative-share", Severity::warning, "定量指标不足50%（广州市: 定量指标不少于50%）"},
    {"goal.quantitative-without-unit", Severity::error, "定量指标没有计量单位"},
    {"goal.quantitative-without-target", Severity::error, "定量指标没有目标值"},
    {"goal.target-too-low", Severity::warning,
     "目标值不高于上年实际完成值，或实际大幅超过目标（目标设定偏低）"},
    {"goal.missing-class", Severity::warning, "缺少产出、效益或满意度类指标"},
    {"goal.deviation-reason-missing", Severity::error, "未完成目标的指标没有偏差原因"},
    {"goal.rate-above-100", Severity::warning, "比率指标目标超过100%且方向为 ≥"},
    {"goal.retired-indicator", Severity::info, "目标所用指标已在指标库中停用"},
    {"goal.no-actual", Severity::info, "指标尚无实际完成值"},
};

std::string normalized(std::string_view name) {
  std::string s = text::to_halfwidth(name);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t cp = text::next_code_point(s, i);
    bool punct = cp < 0x80 ? !(std::isalnum(static_cast<unsigned char>(cp)) != 0)
                           : (cp >= 0x3000 && cp <= 0x303F) || cp == 0x201C || cp == 0x201D ||
                                 cp == 0xFF08 || cp == 0xFF09;
    if (!punct) out.append(s, start, i - start);
  }
  return out;
}

std::vector<std::string> bigrams(std::string_view s) {
  std::vector<std::string> chars;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    text::next_code_point(s, i);
    chars.emplace_back(s.substr(start, i - start));
  }
  std::vector<std::string> out;
  for (std::size_t k = 0; k + 1 < chars.size(); ++k) out.push_back(chars[k] + chars[k + 1]);
  if (chars.size() == 1) out.push_back(chars[0]);
  return out;
}

// The name without words that do not change its meaning ("召开常委会会议次数" → "常委会会议").
std::string core_words(std::string_view name) {
  std::string s = normalized(name);
  for (std::string_view filler :
       {"召开", "开展", "完成", "组织", "情况", "次数", "数量", "件数", "个数", "总数", "的"}) {
    std::size_t pos;
    while ((pos = s.find(filler)) != std::string::npos) s.erase(pos, filler.size());
  }
  // Words that mean the same in an indicator's name.
  for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"满意率", "满意度"},
                          {"满意程度", "满意度"}}) {
    std::size_t pos;
    while ((pos = s.find(from)) != std::string::npos) s.replace(pos, from.size(), to);
  }
  return s;
}

bool is_percent(const std::string& unit) { return unit == "%" || unit == "％" || unit == "百分比"; }

std::string subject_of(const model::GoalSet& set, const model::GoalIndicator& g) {
  return (set.is_overall() ? std::string("部门整体") : set.line_code) + " " + g.indicator_code +
         " " + g.name;
}

std::string set_name(const model::GoalSet& set) {
  if (set.is_overall()) return "部门整体";
  return set.line_code + (set.line_name.empty() ? "" : "（" + set.line_name + "）");
}

}  // namespace

std::string_view chinese_name(Severity s) {
  switch (s) {
    case Severity::error:
      return "错误";
    case Severity::warning:
      return "警告";
    case Severity::info:
      return "提示";
  }
  return "提示";
}

const std::vector<RuleInfo>& lint_rules() { return k_rules; }

double name_similarity(std::string_view a, std::string_view b) {
  auto x = bigrams(normalized(a));
  auto y = bigrams(normalized(b));
  if (x.empty() && y.empty()) return 1.0;
  if (x.empty() || y.empty()) return 0.0;
  std::multiset<std::string> ys(y.begin(), y.end());
  std::size_t common = 0;
  for (const auto& g : x) {
    auto it = ys.find(g);
    if (it != ys.end()) {
      ++common;
      ys.erase(it);
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

std::vector<Finding> lint_library(const Library& library, Date date) {
  std::vector<Finding> out;
  auto current = library.in_force(date);
  std::map<std::string, std::vector<std::string>> by_name;
  for (const auto* v : current) by_name[normalized(v->indicator.name)].push_back(v->indicator.code);
  for (const auto& [name, codes] : by_name) {
    if (codes.size() < 2) continue;
    std::string list;
    for (const auto& c : codes) list += (list.empty() ? "" : "、") + c;
    out.push_back({Severity::error, "library.duplicate-name", list,
                   "指标名称相同: " + list + " 都叫\"" +
                       library.as_of(codes[0], date)->indicator.name + "\"；请合并或改名"});
  }
  for (std::size_t i = 0; i < current.size(); ++i) {
    for (std::size_t j = i + 1; j < current.size(); ++j) {
      const auto& a = current[i]->indicator;
      const auto& b = current[j]->indicator;
      if (normalized(a.name) == normalized(b.name)) continue;  // reported above
      double sim = name_similarity(a.name, b.name);
      bool same_core = !core_words(a.name).empty() && core_words(a.name) == core_words(b.name);
      if (sim >= 0.8 || same_core) {
        out.push_back({Severity::warning, "library.near-duplicate", a.code + "、" + b.code,
                       "指标名称近似: " + a.code + "\"" + a.name + "\" 与 " + b.code + "\"" +
                           b.name + "\"（相似度 " +
                           std::to_string(static_cast<int>(sim * 100 + 0.5)) +
                           "%）；含义相同请合并"});
      }
    }
  }
  for (const auto* v : current) {
    const auto& i = v->indicator;
    if (i.quantitative && text::trim(i.measure_unit).empty()) {
      out.push_back({Severity::error, "library.quantitative-without-unit", i.code,
                     i.code + "\"" + i.name + "\" 是定量指标，但没有计量单位"});
    }
    if (is_percent(i.measure_unit) && i.direction == model::Direction::ge) {
      auto typical = model::parse_measure(i.typical_target);
      if (typical && typical->scaled() > 100 * Measure::k_scale) {
        out.push_back({Severity::warning, "library.unit-direction-mismatch", i.code,
                       i.code + "\"" + i.name + "\" 以 % 计、方向为 ≥，参考指标值 " +
                           typical->to_string() +
                           "% 超过100%；比率不会超过100%时请改用 = 或 ≤，或核对计量单位"});
      }
    }
    if (i.direction == model::Direction::qualitative && !text::trim(i.measure_unit).empty()) {
      out.push_back(
          {Severity::warning, "library.unit-direction-mismatch", i.code,
           i.code + "\"" + i.name + "\" 是定性指标，却有计量单位\"" + i.measure_unit + "\""});
    }
    if (i.direction != model::Direction::qualitative && !i.quantitative) {
      out.push_back({Severity::warning, "library.unit-direction-mismatch", i.code,
                     i.code + "\"" + i.name + "\" 标为定性，但方向为 " +
                         std::string(model::symbol(i.direction))});
    }
  }
  return out;
}

std::vector<Finding> lint_goals(const std::vector<model::GoalSet>& sets,
                                const std::vector<model::GoalSet>& previous_year,
                                const Library& library, const CompletionOptions& options) {
  std::vector<Finding> out;
  // Last year's actuals by (line code, indicator code).
  std::map<std::pair<std::string, std::string>, Measure> last_actual;
  for (const auto& set : previous_year) {
    for (const auto& g : set.indicators) {
      if (g.actual && g.actual->value)
        last_actual[{set.line_code, g.indicator_code}] = *g.actual->value;
    }
  }
  for (const auto& set : sets) {
    const std::size_t n = set.indicators.size();
    std::size_t quantitative = 0;
    std::set<model::IndicatorClass> classes;
    for (const auto& g : set.indicators) {
      if (g.quantitative) ++quantitative;
      classes.insert(model::class_of(g.subclass));
    }
    if (!set.is_overall() && n < 4) {
      out.push_back({Severity::warning, "goal.min-indicators", set_name(set),
                     set_name(set) + " 只有 " + std::to_string(n) + " 个绩效指标，少于4个"});
    }
    if (n > 0 && quantitative * 2 < n) {
      out.push_back({Severity::warning, "goal.quantitative-share", set_name(set),
                     set_name(set) + " 定量指标 " + std::to_string(quantitative) + "/" +
                         std::to_string(n) + "，不足50%"});
    }
    for (model::IndicatorClass c : {model::IndicatorClass::output, model::IndicatorClass::effect,
                                    model::IndicatorClass::satisfaction}) {
      if (n > 0 && !classes.contains(c)) {
        out.push_back({Severity::warning, "goal.missing-class", set_name(set),
                       set_name(set) + " 缺少" + std::string(model::chinese_name(c))});
      }
    }
    for (const auto& g : set.indicators) {
      const std::string who = subject_of(set, g);
      if (g.quantitative && text::trim(g.measure_unit).empty()) {
        out.push_back({Severity::error, "goal.quantitative-without-unit", who,
                       who + ": 定量指标没有计量单位"});
      }
      if (g.quantitative && !g.effective_target()) {
        out.push_back({Severity::error, "goal.quantitative-without-target", who,
                       who + ": 定量指标没有目标值"});
      }
      auto target = g.effective_target();
      if (target && is_percent(g.measure_unit) && g.direction == model::Direction::ge &&
          target->scaled() > 100 * Measure::k_scale) {
        out.push_back({Severity::warning, "goal.rate-above-100", who,
                       who + ": 比率目标 ≥" + target->to_string() + "% 超过100%"});
      }
      if (target) {
        auto it = last_actual.find({set.line_code, g.indicator_code});
        if (it != last_actual.end()) {
          bool too_low = (g.direction == model::Direction::ge && *target <= it->second) ||
                         (g.direction == model::Direction::le && *target >= it->second);
          if (too_low && *target != it->second) {
            out.push_back({Severity::warning, "goal.target-too-low", who,
                           who + ": 目标值 " + target->to_string() + g.measure_unit +
                               " 不高于上年实际 " + it->second.to_string() + g.measure_unit +
                               "，目标设定偏低"});
          } else if (too_low &&
                     !(is_percent(g.measure_unit) && target->scaled() == 100 * Measure::k_scale)) {
            out.push_back({Severity::warning, "goal.target-too-low", who,
                           who + ": 目标值 " + target->to_string() + g.measure_unit +
                               " 等于上年实际，未体现提高"});
          }
        }
      }
      Completion c = completion(g, options);
      if (c.status == CompletionStatus::exceeded) {
        out.push_back({Severity::warning, "goal.target-too-low", who, who + ": " + c.explanation});
      }
      if (c.needs_deviation_reason() && text::trim(g.deviation_reason).empty()) {
        out.push_back({Severity::error, "goal.deviation-reason-missing", who,
                       who + ": 未完成目标（" + c.explanation + "），须填写偏差原因"});
      }
      if (c.status == CompletionStatus::no_actual) {
        out.push_back({Severity::info, "goal.no-actual", who, who + ": 尚无实际完成值"});
      }
      const auto* latest = library.latest(g.indicator_code);
      if (latest && latest->change == model::ChangeKind::retire) {
        out.push_back({Severity::info, "goal.retired-indicator", who,
                       who + ": 指标已于 " + latest->effective_from.to_string() + " 停用（" +
                           latest->reason + "）；本目标仍按第 " +
                           std::to_string(g.indicator_version) + " 版计算"});
      }
    }
  }
  return out;
}

}  // namespace jixiao::indicators

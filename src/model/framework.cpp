// model/framework.cpp — names of the framework enums, points text, tree lookups.
#include "model/framework.hpp"

#include <cstdlib>

namespace jixiao::model {

std::string format_points(Points points) {
  std::string sign = points < 0 ? "-" : "";
  std::int64_t abs = points < 0 ? -points : points;
  std::string text = sign + std::to_string(abs / k_points_scale);
  std::int64_t frac = abs % k_points_scale;
  if (frac != 0) {
    text += '.';
    text += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) text += static_cast<char>('0' + frac % 10);
  }
  return text;
}

std::optional<Points> parse_points(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-') {
    negative = true;
    i = 1;
  }
  std::int64_t whole = 0;
  int digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > 1'000'000'000) return std::nullopt;
  }
  if (digits == 0) return std::nullopt;
  std::int64_t frac = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    int fd = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++fd) {
      if (fd >= 2) return std::nullopt;
      frac = frac * 10 + (text[i] - '0');
    }
    if (fd == 0) return std::nullopt;
    if (fd == 1) frac *= 10;
  }
  if (i != text.size()) return std::nullopt;
  Points p = whole * k_points_scale + frac;
  return negative ? -p : p;
}

std::string_view to_string(RuleKind kind) {
  switch (kind) {
    case RuleKind::proportional:
      return "proportional";
    case RuleKind::reverse_proportional:
      return "reverse_proportional";
    case RuleKind::per_point_deduction:
      return "per_point_deduction";
    case RuleKind::step_deduction:
      return "step_deduction";
    case RuleKind::tiered_bands:
      return "tiered_bands";
    case RuleKind::checklist:
      return "checklist";
    case RuleKind::qualitative_band:
      return "qualitative_band";
    case RuleKind::formula:
      return "formula";
    case RuleKind::goal_indicators:
      return "goal_indicators";
  }
  return "proportional";
}

std::optional<RuleKind> parse_rule_kind(std::string_view text) {
  for (auto k :
       {RuleKind::proportional, RuleKind::reverse_proportional, RuleKind::per_point_deduction,
        RuleKind::step_deduction, RuleKind::tiered_bands, RuleKind::checklist,
        RuleKind::qualitative_band, RuleKind::formula, RuleKind::goal_indicators}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

std::string_view chinese_name(RuleKind kind) {
  switch (kind) {
    case RuleKind::proportional:
      return "按比例计分";
    case RuleKind::reverse_proportional:
      return "反向比例计分";
    case RuleKind::per_point_deduction:
      return "按百分点扣分";
    case RuleKind::step_deduction:
      return "按档距扣分";
    case RuleKind::tiered_bands:
      return "分档计分";
    case RuleKind::checklist:
      return "清单计分";
    case RuleKind::qualitative_band:
      return "定性分档评判";
    case RuleKind::formula:
      return "公式计分";
    case RuleKind::goal_indicators:
      return "按绩效目标指标逐项计分";
  }
  return "";
}

std::string_view to_string(ChecklistMode mode) {
  switch (mode) {
    case ChecklistMode::items:
      return "items";
    case ChecklistMode::violations:
      return "violations";
    case ChecklistMode::judgement:
      return "judgement";
    case ChecklistMode::value:
      return "value";
  }
  return "items";
}

bool Band::contains(double value) const {
  if (low) {
    if (low_inclusive ? value < *low : value <= *low) return false;
  }
  if (high) {
    if (high_inclusive ? value > *high : value >= *high) return false;
  }
  return true;
}

int FrameworkItem::depth() const {
  int d = 1;
  for (char c : number) d += c == '.' ? 1 : 0;
  return d;
}

const Checklist* Framework::find_checklist(std::string_view id_) const {
  for (const auto& c : checklists) {
    if (c.id == id_) return &c;
  }
  return nullptr;
}

const FrameworkItem* Framework::find_item(std::string_view number) const {
  for (const auto& item : items) {
    if (item.number == number) return &item;
  }
  return nullptr;
}

std::string Framework::grade_of(Points points) const {
  for (const auto& g : grades) {
    if (points >= g.min) return g.name;
  }
  return grades.empty() ? std::string() : grades.back().name;
}

}  // namespace jixiao::model

// model/indicator.cpp — names of the indicator enums and the exact Measure number.
#include "model/indicator.hpp"

#include <array>
#include <cstdlib>
#include <limits>

#include "core/text.hpp"

namespace jixiao::model {
namespace {

template <class E, std::size_t N>
std::optional<E> find_name(std::string_view text,
                           const std::array<std::pair<std::string_view, E>, N>& names) {
  std::string t = text::to_halfwidth(text::trim(text));
  for (const auto& [name, value] : names) {
    if (t == name) return value;
  }
  return std::nullopt;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string Measure::to_string() const {
  std::int64_t v = m_scaled;
  bool negative = v < 0;
  unsigned long long a =
      negative ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  std::string s = std::to_string(a / k_scale);
  unsigned long long frac = a % k_scale;
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, 4 - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return negative ? "-" + s : s;
}

Result<Measure> parse_measure(std::string_view input) {
  std::string t = text::to_halfwidth(text::trim(input));
  std::string_view s = t;
  auto bad = [&](std::string_view why) {
    return fail(Error::invalid_input("不是数值: \"" + std::string(input) + "\"" +
                                     (why.empty() ? "" : "（" + std::string(why) + "）")));
  };
  for (std::string_view prefix : {"≥", "≤", "≧", "≦", ">=", "<=", "=", ">", "<", "约"}) {
    if (s.starts_with(prefix)) {
      s.remove_prefix(prefix.size());
      s = text::trim(s);
      break;
    }
  }
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::size_t i = 0;
  __int128 whole = 0;
  bool any = false;
  while (i < s.size() && (is_digit(s[i]) || (s[i] == ',' && any))) {
    if (s[i] != ',') {
      whole = whole * 10 + (s[i] - '0');
      any = true;
      if (whole > std::numeric_limits<std::int64_t>::max() / Measure::k_scale)
        return bad("超出范围");
    }
    ++i;
  }
  std::int64_t frac = 0;
  int decimals = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      if (++decimals > 4) return bad("小数多于4位");
      frac = frac * 10 + (s[i] - '0');
      any = true;
      ++i;
    }
  }
  if (!any) return bad("");
  for (std::size_t j = i; j < s.size(); ++j) {
    if (is_digit(s[j])) return bad("");
  }
  while (decimals < 4) {
    frac *= 10;
    ++decimals;
  }
  auto scaled = static_cast<std::int64_t>(whole * Measure::k_scale + frac);
  return Measure::from_scaled(negative ? -scaled : scaled);
}

// --- enums ---

namespace {
constexpr std::array<std::pair<std::string_view, IndicatorClass>, 9> k_class_names{{
    {"output", IndicatorClass::output},
    {"产出指标", IndicatorClass::output},
    {"产出", IndicatorClass::output},
    {"effect", IndicatorClass::effect},
    {"效益指标", IndicatorClass::effect},
    {"效益", IndicatorClass::effect},
    {"satisfaction", IndicatorClass::satisfaction},
    {"满意度指标", IndicatorClass::satisfaction},
    {"满意度", IndicatorClass::satisfaction},
}};
constexpr std::array<std::pair<std::string_view, IndicatorSubclass>, 31> k_subclass_names{{
    {"quantity", IndicatorSubclass::quantity},
    {"数量指标", IndicatorSubclass::quantity},
    {"数量", IndicatorSubclass::quantity},
    {"quality", IndicatorSubclass::quality},
    {"质量指标", IndicatorSubclass::quality},
    {"质量", IndicatorSubclass::quality},
    {"timeliness", IndicatorSubclass::timeliness},
    {"时效指标", IndicatorSubclass::timeliness},
    {"时效", IndicatorSubclass::timeliness},
    {"cost", IndicatorSubclass::cost},
    {"成本指标", IndicatorSubclass::cost},
    {"成本", IndicatorSubclass::cost},
    {"economic", IndicatorSubclass::economic},
    {"经济效益指标", IndicatorSubclass::economic},
    {"经济效益", IndicatorSubclass::economic},
    {"social", IndicatorSubclass::social},
    {"社会效益指标", IndicatorSubclass::social},
    {"社会效益", IndicatorSubclass::social},
    {"ecological", IndicatorSubclass::ecological},
    {"生态效益指标", IndicatorSubclass::ecological},
    {"生态效益", IndicatorSubclass::ecological},
    {"sustainability", IndicatorSubclass::sustainability},
    {"可持续影响指标", IndicatorSubclass::sustainability},
    {"可持续影响", IndicatorSubclass::sustainability},
    {"service_object", IndicatorSubclass::service_object},
    {"服务对象满意度指标", IndicatorSubclass::service_object},
    {"服务对象满意度", IndicatorSubclass::service_object},
    {"满意度指标", IndicatorSubclass::service_object},
    {"满意度", IndicatorSubclass::service_object},
    {"社会公众满意度", IndicatorSubclass::service_object},
    {"社会公众或服务对象满意度", IndicatorSubclass::service_object},
}};
constexpr std::array<std::pair<std::string_view, Direction>, 16> k_direction_names{{
    {"ge", Direction::ge},
    {"≥", Direction::ge},
    {">=", Direction::ge},
    {"≧", Direction::ge},
    {"不低于", Direction::ge},
    {"le", Direction::le},
    {"≤", Direction::le},
    {"<=", Direction::le},
    {"≦", Direction::le},
    {"不高于", Direction::le},
    {"eq", Direction::eq},
    {"=", Direction::eq},
    {"等于", Direction::eq},
    {"qualitative", Direction::qualitative},
    {"定性", Direction::qualitative},
    {"定性指标", Direction::qualitative},
}};
constexpr std::array<std::pair<std::string_view, TargetBasis>, 12> k_basis_names{{
    {"plan", TargetBasis::plan},
    {"计划标准", TargetBasis::plan},
    {"计划", TargetBasis::plan},
    {"industry", TargetBasis::industry},
    {"行业标准", TargetBasis::industry},
    {"行业", TargetBasis::industry},
    {"history", TargetBasis::history},
    {"历史标准", TargetBasis::history},
    {"历史", TargetBasis::history},
    {"other", TargetBasis::other},
    {"其他标准", TargetBasis::other},
    {"其他", TargetBasis::other},
}};
constexpr std::array<std::pair<std::string_view, ChangeKind>, 6> k_change_names{{
    {"add", ChangeKind::add},
    {"新增", ChangeKind::add},
    {"edit", ChangeKind::edit},
    {"修订", ChangeKind::edit},
    {"retire", ChangeKind::retire},
    {"停用", ChangeKind::retire},
}};
constexpr std::array<std::pair<std::string_view, ActualProvider>, 6> k_provider_names{{
    {"entered", ActualProvider::entered},
    {"录入", ActualProvider::entered},
    {"imported", ActualProvider::imported},
    {"导入", ActualProvider::imported},
    {"computed", ActualProvider::computed},
    {"计算", ActualProvider::computed},
}};
constexpr std::array<std::pair<std::string_view, QualitativeGrade>, 9> k_grade_names{{
    {"achieved", QualitativeGrade::achieved},
    {"达成", QualitativeGrade::achieved},
    {"达到", QualitativeGrade::achieved},
    {"partly", QualitativeGrade::partly},
    {"部分达成", QualitativeGrade::partly},
    {"基本达成", QualitativeGrade::partly},
    {"not_achieved", QualitativeGrade::not_achieved},
    {"未达成", QualitativeGrade::not_achieved},
    {"未达到", QualitativeGrade::not_achieved},
}};
constexpr std::array<std::pair<std::string_view, DeviationCategory>, 13> k_deviation_names{{
    {"funding", DeviationCategory::funding},
    {"经费保障", DeviationCategory::funding},
    {"经费", DeviationCategory::funding},
    {"institutional", DeviationCategory::institutional},
    {"制度保障", DeviationCategory::institutional},
    {"staffing", DeviationCategory::staffing},
    {"人员保障", DeviationCategory::staffing},
    {"hardware", DeviationCategory::hardware},
    {"硬件条件保障", DeviationCategory::hardware},
    {"硬件条件", DeviationCategory::hardware},
    {"other", DeviationCategory::other},
    {"其他", DeviationCategory::other},
    {"制度", DeviationCategory::institutional},
}};
}  // namespace

std::string_view to_string(IndicatorClass c) {
  switch (c) {
    case IndicatorClass::output:
      return "output";
    case IndicatorClass::effect:
      return "effect";
    case IndicatorClass::satisfaction:
      return "satisfaction";
  }
  return "output";
}
std::string_view chinese_name(IndicatorClass c) {
  switch (c) {
    case IndicatorClass::output:
      return "产出指标";
    case IndicatorClass::effect:
      return "效益指标";
    case IndicatorClass::satisfaction:
      return "满意度指标";
  }
  return "产出指标";
}
std::string_view to_string(IndicatorSubclass s) {
  switch (s) {
    case IndicatorSubclass::quantity:
      return "quantity";
    case IndicatorSubclass::quality:
      return "quality";
    case IndicatorSubclass::timeliness:
      return "timeliness";
    case IndicatorSubclass::cost:
      return "cost";
    case IndicatorSubclass::economic:
      return "economic";
    case IndicatorSubclass::social:
      return "social";
    case IndicatorSubclass::ecological:
      return "ecological";
    case IndicatorSubclass::sustainability:
      return "sustainability";
    case IndicatorSubclass::service_object:
      return "service_object";
  }
  return "quantity";
}
std::string_view chinese_name(IndicatorSubclass s) {
  switch (s) {
    case IndicatorSubclass::quantity:
      return "数量指标";
    case IndicatorSubclass::quality:
      return "质量指标";
    case IndicatorSubclass::timeliness:
      return "时效指标";
    case IndicatorSubclass::cost:
      return "成本指标";
    case IndicatorSubclass::economic:
      return "经济效益指标";
    case IndicatorSubclass::social:
      return "社会效益指标";
    case IndicatorSubclass::ecological:
      return "生态效益指标";
    case IndicatorSubclass::sustainability:
      return "可持续影响指标";
    case IndicatorSubclass::service_object:
      return "服务对象满意度指标";
  }
  return "数量指标";
}
IndicatorClass class_of(IndicatorSubclass s) {
  switch (s) {
    case IndicatorSubclass::quantity:
    case IndicatorSubclass::quality:
    case IndicatorSubclass::timeliness:
    case IndicatorSubclass::cost:
      return IndicatorClass::output;
    case IndicatorSubclass::economic:
    case IndicatorSubclass::social:
    case IndicatorSubclass::ecological:
    case IndicatorSubclass::sustainability:
      return IndicatorClass::effect;
    case IndicatorSubclass::service_object:
      return IndicatorClass::satisfaction;
  }
  return IndicatorClass::output;
}
std::string_view to_string(Direction d) {
  switch (d) {
    case Direction::ge:
      return "ge";
    case Direction::le:
      return "le";
    case Direction::eq:
      return "eq";
    case Direction::qualitative:
      return "qualitative";
  }
  return "ge";
}
std::string_view symbol(Direction d) {
  switch (d) {
    case Direction::ge:
      return "≥";
    case Direction::le:
      return "≤";
    case Direction::eq:
      return "=";
    case Direction::qualitative:
      return "定性";
  }
  return "≥";
}
std::string_view to_string(TargetBasis b) {
  switch (b) {
    case TargetBasis::plan:
      return "plan";
    case TargetBasis::industry:
      return "industry";
    case TargetBasis::history:
      return "history";
    case TargetBasis::other:
      return "other";
  }
  return "plan";
}
std::string_view chinese_name(TargetBasis b) {
  switch (b) {
    case TargetBasis::plan:
      return "计划标准";
    case TargetBasis::industry:
      return "行业标准";
    case TargetBasis::history:
      return "历史标准";
    case TargetBasis::other:
      return "其他标准";
  }
  return "计划标准";
}
std::string_view to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::add:
      return "add";
    case ChangeKind::edit:
      return "edit";
    case ChangeKind::retire:
      return "retire";
  }
  return "add";
}
std::string_view chinese_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::add:
      return "新增";
    case ChangeKind::edit:
      return "修订";
    case ChangeKind::retire:
      return "停用";
  }
  return "新增";
}
std::string_view to_string(ActualProvider p) {
  switch (p) {
    case ActualProvider::entered:
      return "entered";
    case ActualProvider::imported:
      return "imported";
    case ActualProvider::computed:
      return "computed";
  }
  return "entered";
}
std::string_view chinese_name(ActualProvider p) {
  switch (p) {
    case ActualProvider::entered:
      return "录入";
    case ActualProvider::imported:
      return "导入";
    case ActualProvider::computed:
      return "计算";
  }
  return "录入";
}
std::string_view to_string(QualitativeGrade g) {
  switch (g) {
    case QualitativeGrade::achieved:
      return "achieved";
    case QualitativeGrade::partly:
      return "partly";
    case QualitativeGrade::not_achieved:
      return "not_achieved";
  }
  return "achieved";
}
std::string_view chinese_name(QualitativeGrade g) {
  switch (g) {
    case QualitativeGrade::achieved:
      return "达成";
    case QualitativeGrade::partly:
      return "部分达成";
    case QualitativeGrade::not_achieved:
      return "未达成";
  }
  return "达成";
}
std::string_view to_string(DeviationCategory c) {
  switch (c) {
    case DeviationCategory::funding:
      return "funding";
    case DeviationCategory::institutional:
      return "institutional";
    case DeviationCategory::staffing:
      return "staffing";
    case DeviationCategory::hardware:
      return "hardware";
    case DeviationCategory::other:
      return "other";
  }
  return "other";
}
std::string_view chinese_name(DeviationCategory c) {
  switch (c) {
    case DeviationCategory::funding:
      return "经费保障";
    case DeviationCategory::institutional:
      return "制度保障";
    case DeviationCategory::staffing:
      return "人员保障";
    case DeviationCategory::hardware:
      return "硬件条件保障";
    case DeviationCategory::other:
      return "其他";
  }
  return "其他";
}

std::optional<IndicatorClass> parse_indicator_class(std::string_view t) {
  return find_name(t, k_class_names);
}
std::optional<IndicatorSubclass> parse_indicator_subclass(std::string_view t) {
  return find_name(t, k_subclass_names);
}
std::optional<Direction> parse_direction(std::string_view t) {
  return find_name(t, k_direction_names);
}
std::optional<TargetBasis> parse_target_basis(std::string_view t) {
  return find_name(t, k_basis_names);
}
std::optional<ChangeKind> parse_change_kind(std::string_view t) {
  return find_name(t, k_change_names);
}
std::optional<ActualProvider> parse_actual_provider(std::string_view t) {
  return find_name(t, k_provider_names);
}
std::optional<QualitativeGrade> parse_qualitative_grade(std::string_view t) {
  return find_name(t, k_grade_names);
}
std::optional<DeviationCategory> parse_deviation_category(std::string_view t) {
  return find_name(t, k_deviation_names);
}

}  // namespace jixiao::model

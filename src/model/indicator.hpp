// model/indicator.hpp — performance indicators (绩效指标), their versions, and goals (绩效目标).
//
// Plain aggregates with no I/O. An indicator is known by its code; every change to it is a
// new IndicatorVersion (nothing is overwritten or deleted). A goal names the exact version
// it was set with, so later edits and retirements never change an old goal.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace jixiao::model {

// An exact decimal number of an indicator (a target or an actual): 4 decimal places,
// kept as an integer count of 1/10000. "91.6" → 916000. Never a double.
class Measure {
 public:
  static constexpr std::int64_t k_scale = 10000;

  constexpr Measure() = default;
  static constexpr Measure from_scaled(std::int64_t scaled) { return Measure(scaled); }
  static constexpr Measure from_int(std::int64_t n) { return Measure(n * k_scale); }

  constexpr std::int64_t scaled() const { return m_scaled; }
  constexpr bool is_zero() const { return m_scaled == 0; }
  constexpr bool is_negative() const { return m_scaled < 0; }
  constexpr auto operator<=>(const Measure&) const = default;

  // "91.6", "3600", "-0.5": no trailing zeros, no grouping.
  std::string to_string() const;

 private:
  constexpr explicit Measure(std::int64_t scaled) : m_scaled(scaled) {}
  std::int64_t m_scaled = 0;
};

// Parses "91.6", "100%", "3,600", "≥90%", "3600多" (the 多/余/以上 suffix is a lower bound and
// is dropped), full-width digits. Returns Error::invalid_input `不是数值: "…"` when no number
// is there, or with more than 4 decimals.
Result<Measure> parse_measure(std::string_view text);

// 一级指标: the three first-level classes of every indicator framework.
enum class IndicatorClass : std::uint8_t { output, effect, satisfaction };
// 二级指标.
enum class IndicatorSubclass : std::uint8_t {
  quantity,        // 数量指标
  quality,         // 质量指标
  timeliness,      // 时效指标
  cost,            // 成本指标
  economic,        // 经济效益指标
  social,          // 社会效益指标
  ecological,      // 生态效益指标
  sustainability,  // 可持续影响指标
  service_object,  // 服务对象满意度指标
};
// 指标方向: how the actual is compared with the target.
enum class Direction : std::uint8_t { ge, le, eq, qualitative };
// 指标值设定依据.
enum class TargetBasis : std::uint8_t { plan, industry, history, other };
// What a library version did.
enum class ChangeKind : std::uint8_t { add, edit, retire };

// Stored names ("output", "ge", …: do not rename) and the Chinese names users see.
std::string_view to_string(IndicatorClass c);
std::string_view chinese_name(IndicatorClass c);  // "产出指标"
std::string_view to_string(IndicatorSubclass s);
std::string_view chinese_name(IndicatorSubclass s);  // "数量指标"
IndicatorClass class_of(IndicatorSubclass s);
std::string_view to_string(Direction d);
std::string_view symbol(Direction d);  // "≥", "≤", "=", "定性"
std::string_view to_string(TargetBasis b);
std::string_view chinese_name(TargetBasis b);  // "计划标准"
std::string_view to_string(ChangeKind k);
std::string_view chinese_name(ChangeKind k);  // "新增" / "修订" / "停用"

// Each accepts the stored name and the Chinese forms found in forms ("产出", "产出指标",
// "数量", "≥", ">=", "定性", "计划", "计划标准" …).
std::optional<IndicatorClass> parse_indicator_class(std::string_view text);
std::optional<IndicatorSubclass> parse_indicator_subclass(std::string_view text);
std::optional<Direction> parse_direction(std::string_view text);
std::optional<TargetBasis> parse_target_basis(std::string_view text);
std::optional<ChangeKind> parse_change_kind(std::string_view text);

// 绩效指标, as one version of the library.
struct Indicator {
  std::string code;  // unique in the library, e.g. "GY001"
  std::string name;  // 三级指标名称, e.g. "预算执行率"
  IndicatorSubclass subclass = IndicatorSubclass::quantity;  // 二级 (implies 一级)
  std::string definition;                                    // 指标解释
  std::string measure_unit;  // 计量单位: "%", "次", "项", "人次" …; empty for qualitative
  Direction direction = Direction::ge;
  bool quantitative = true;  // 定量 (true) / 定性 (false)
  std::string formula;       // 计算方法, e.g. "执行数 / 调整后预算数 × 100%"
  std::string data_source;   // 数据来源, e.g. "预算执行台账"
  std::string sectors;       // 适用行业/领域, free text, "；"-separated
  std::string unit_kinds;    // 适用单位类型, e.g. "人大机关；行政单位"
  bool is_core = false;      // 核心指标
  TargetBasis target_basis = TargetBasis::plan;  // 指标值设定依据
  std::string typical_target;                    // 参考指标值 (text, e.g. "100" or "达成")

  IndicatorClass indicator_class() const { return class_of(subclass); }
};

// One version of one indicator: the indicator as it was from `effective_from` on.
struct IndicatorVersion {
  Indicator indicator;
  int version = 0;  // 1, 2, … per code
  ChangeKind change = ChangeKind::add;
  Date effective_from;      // 生效日期
  std::string author;       // 修订人
  std::string reason;       // 修订说明
  std::string recorded_at;  // when it was written, ISO 8601 UTC (set by the store)
};

// Who supplied an actual value: the seam through which computed values (ledger, people's
// congress records) arrive beside values typed in or imported from a file.
enum class ActualProvider : std::uint8_t { entered, imported, computed };
std::string_view to_string(ActualProvider p);
std::string_view chinese_name(ActualProvider p);  // "录入" / "导入" / "计算"
std::optional<ActualProvider> parse_actual_provider(std::string_view text);

// 定性指标的完成档次.
enum class QualitativeGrade : std::uint8_t { achieved, partly, not_achieved };
std::string_view to_string(QualitativeGrade g);
std::string_view chinese_name(QualitativeGrade g);  // "达成" / "部分达成" / "未达成"
std::optional<QualitativeGrade> parse_qualitative_grade(std::string_view text);

// 实际完成值, with its provenance.
struct Actual {
  std::optional<Measure> value;           // quantitative actual
  std::optional<QualitativeGrade> grade;  // qualitative actual
  std::string text;                       // as written: "3600多", "100%"
  ActualProvider provider = ActualProvider::entered;
  std::string source;  // where it came from: file:row, "自评报告二（三）", "congress.suggestions"
  std::string recorded_at;  // ISO 8601 UTC
  std::string recorded_by;
};

// 偏差原因类别 (central monitoring table).
enum class DeviationCategory : std::uint8_t { funding, institutional, staffing, hardware, other };
std::string_view to_string(DeviationCategory c);
std::string_view chinese_name(
    DeviationCategory c);  // "经费保障" / "制度保障" / "人员保障" / "硬件条件保障" / "其他"
std::optional<DeviationCategory> parse_deviation_category(std::string_view text);

// One indicator of a goal: the library version it was set with, the targets, points and actual.
struct GoalIndicator {
  std::string indicator_code;
  int indicator_version = 0;
  // Copied from the version, so that a goal reads on its own.
  std::string name;
  IndicatorSubclass subclass = IndicatorSubclass::quantity;
  Direction direction = Direction::ge;
  bool quantitative = true;
  std::string measure_unit;

  std::optional<Measure> target;           // 年初指标值
  std::optional<Measure> adjusted_target;  // 调整后指标值
  std::string target_text;  // as written; the target of a qualitative indicator ("达成")
  Measure points;           // 分值
  std::optional<Actual> actual;
  std::optional<DeviationCategory> deviation_category;
  std::string deviation_reason;  // 偏差原因分析及改进措施

  // The target in force: the adjusted one when set.
  std::optional<Measure> effective_target() const {
    return adjusted_target ? adjusted_target : target;
  }
};

// 绩效目标: one unit's goal for one fiscal year, for the whole unit (部门整体, line_code empty)
// or for one budget line (a project).
struct GoalSet {
  std::string unit_code;
  int fiscal_year = 0;
  std::string line_code;       // empty: 部门整体支出
  std::string line_name;       // 项目名称 (display)
  std::string overall_target;  // 年度总体目标
  std::string overall_result;  // 总体目标实际完成情况
  std::vector<GoalIndicator> indicators;

  bool is_overall() const { return line_code.empty(); }
};

}  // namespace jixiao::model

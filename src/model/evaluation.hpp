// model/evaluation.hpp — what an evaluation reads and keeps: input values with their
// sources, management-checklist answers, and frozen (submitted) evaluations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::model {

// Whether an input has a value. Stored as text: do not rename.
enum class InputStatus : std::uint8_t {
  present,         // `value` holds it
  missing,         // nobody provided it; the leaf is not scored (never 0, never full marks)
  not_applicable,  // 不适用: the leaf drops out and its parent is rescaled when the rule allows
};
std::string_view to_string(InputStatus status);
std::optional<InputStatus> parse_input_status(std::string_view text);

// One named input of a unit's evaluation, as gathered from the system.
struct InputValue {
  std::string name;  // "ledger.execution_rate"
  InputStatus status = InputStatus::missing;
  double value = 0;     // percentages in percent (91.55…), counts as counts
  std::string display;  // how to show it: "91.55%" or "3 项"; empty = the number
  std::string source;  // "账簿: 执行数 3115.88 万元 / 全年预算 3403.40 万元 (BYRD01, 2022)"
  std::string evidence;  // checklists: the evidence or justification text
  std::string group;     // goal indicators: "goals.output" / "goals.effect" / "goals.satisfaction"
  double weight = 0;     // goal indicators: the indicator's points in its goal (分值)
  std::string label;     // goal indicators: the indicator's name, "学生受资助人数"
};

// One answer to a management checklist (or one item of it), per unit and year.
// `key` is "<checklist id>" for violations/judgement checklists and
// "<checklist id>.<item number>" for items checklists ("procurement.2").
struct ChecklistAnswer {
  std::string unit_code;
  int fiscal_year = 0;
  std::string key;
  std::optional<double> value;  // items: 1 met / 0 not met; violations: count; judgement: percent
  bool not_applicable = false;  // 不适用
  std::string evidence;         // 佐证材料 / 评判理由 (required for judgements)
  std::string answered_by;
  std::string answered_at;  // ISO 8601, UTC; set by the store
};

// A submitted evaluation, frozen with everything needed to reproduce it byte for byte:
// the framework's text, every input, and the scorecard as it was printed.
struct FrozenEvaluation {
  std::int64_t id = 0;
  std::string unit_code;
  int fiscal_year = 0;
  std::string framework_id;
  std::string framework_text;  // the framework file as it was scored
  std::string inputs_json;     // every input (value, status, source, evidence)
  std::string scorecard_json;  // the scorecard as printed with --format json
  std::int64_t total = 0;      // hundredths of a point (model::Points)
  std::string grade;
  std::optional<std::int64_t> claimed;  // hundredths; the unit's own self-score
  std::string frozen_by;
  std::string frozen_at;  // ISO 8601, UTC; set by the store
};

}  // namespace jixiao::model

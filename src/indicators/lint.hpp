// indicators/lint.hpp — quality checks of the library and of goals, each a finding that
// names the rule it breaks.
//
// Library rules: duplicate names, near-duplicates (same meaning, different codes), a
// quantitative indicator without a unit of measure, a unit that does not fit the direction.
// Goal rules: fewer than 4 indicators on a project or under 50 % quantitative (Guangzhou,
// G5), a quantitative indicator without unit or target, a target no harder than last year's
// actual (M6), a missing output/effect/satisfaction class, a shortfall without a deviation
// reason, a rate target above 100 % with ≥.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "indicators/goals.hpp"
#include "indicators/library.hpp"
#include "model/indicator.hpp"

namespace jixiao::indicators {

enum class Severity { error, warning, info };
std::string_view chinese_name(Severity s);  // "错误" / "警告" / "提示"

struct Finding {
  Severity severity = Severity::warning;
  std::string rule;  // stable id, e.g. "goal.min-indicators"
  std::string
      subject;  // what it is about: an indicator code, "部门整体", a line code + indicator code
  std::string message;  // Chinese, complete on its own
};

// Rule ids and their one-line descriptions, for `indicators lint --rules` and the docs.
struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view description;
};
const std::vector<RuleInfo>& lint_rules();

// Checks the indicators in force on `date`.
std::vector<Finding> lint_library(const Library& library, Date date);

// Checks the goal sets of one unit and year. `previous_year` holds the same unit's goals of
// the year before (may be empty) for the "target no harder than last year's actual" rule;
// `library` gives each goal's version (to report retired ones).
std::vector<Finding> lint_goals(const std::vector<model::GoalSet>& sets,
                                const std::vector<model::GoalSet>& previous_year,
                                const Library& library, const CompletionOptions& options = {});

// How similar two indicator names are, from 0 to 1 (Dice coefficient of character bigrams,
// after dropping spaces and punctuation). Near-duplicates score ≥ 0.8.
double name_similarity(std::string_view a, std::string_view b);

}  // namespace jixiao::indicators

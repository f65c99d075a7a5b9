// model/framework.hpp — an evaluation framework (评价指标体系) as plain data: a tree of
// items with points, each leaf carrying a rule and the inputs it reads.
//
// Frameworks are loaded from data files by scoring/ (frameworks/*.fw, docs/formats.md);
// these types hold no behaviour that needs I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::model {

// Points in hundredths (分 × 100), so that sums and grade boundaries are exact:
// 9.16 points is 916. Leaf results are rounded half-up to two decimals once, then summed.
using Points = std::int64_t;
constexpr Points k_points_scale = 100;

// "98", "9.16", "0.5", "-2".
std::string format_points(Points points);
// Parses "10", "2.5", "0.25"; nullopt for anything else (more than two decimals too).
std::optional<Points> parse_points(std::string_view text);

// How a leaf turns its inputs into points. Stored as text in framework files and frozen
// evaluations: do not rename the values.
enum class RuleKind : std::uint8_t {
  proportional,          // points × actual / target, capped at points
  reverse_proportional,  // points × target / actual, capped at points
  per_point_deduction,   // −per for each percentage point beyond a bound, floor 0
  step_deduction,    // −deduct for each step (e.g. 5 %) short of (or beyond) a target, floor 0
  tiered_bands,      // the band the value falls in gives the points
  checklist,         // n items × item points, or −per for each violation, floor 0
  qualitative_band,  // a judged share of the points inside a band, with a required justification
  formula,           // any expression of the inputs (muParser syntax)
  goal_indicators,   // one line per goal indicator of a group: share of points × completion
};
std::string_view to_string(RuleKind kind);
std::optional<RuleKind> parse_rule_kind(std::string_view text);
std::string_view chinese_name(RuleKind kind);

enum class BoundSide : std::uint8_t { above, below };  // beyond the bound upwards / short of it

// How many steps a shortfall counts: whole steps only (8.4 short of 5 % steps = 1), or any
// started step (= 2).
enum class StepCount : std::uint8_t { whole, started };

// One band of a tiered_bands rule: the value range and the points it gives.
struct Band {
  std::optional<double> low;  // no lower limit when absent
  bool low_inclusive = true;
  std::optional<double> high;  // no upper limit when absent
  bool high_inclusive = true;
  Points points = 0;
  std::string text;  // as written: "[90,100]", ">30", "=0"

  bool contains(double value) const;
};

// A qualitative band: a name and a share of the item's points, in percent.
struct QualitativeBand {
  std::string name;  // 优 / 良 / 中 / 差, or as the framework names them
  double low_percent = 0;
  double high_percent = 100;
};

// How a checklist is answered.
enum class ChecklistMode : std::uint8_t {
  items,       // each listed item is met (1) or not (0)
  violations,  // one answer: the number of violations found
  judgement,   // one answer: the share of points judged (qualitative_band), with a justification
  value,  // one answer: a figure the unit reports with its evidence (在职人数 / 编制数 …)
};
std::string_view to_string(ChecklistMode mode);

// A management checklist declared by the framework and answered per unit per year.
struct Checklist {
  std::string id;    // "procurement"; its input is "checklist.procurement"
  std::string name;  // 采购管理规范性
  ChecklistMode mode = ChecklistMode::items;
  std::vector<std::string> items;  // for ChecklistMode::items: the conditions, in order
  int line = 0;
};

struct Rule {
  RuleKind kind = RuleKind::proportional;
  double target = 100;  // proportional, reverse_proportional, step_deduction
  double bound = 100;   // per_point_deduction
  double per = 0;  // points per percentage point (per_point_deduction) or per violation (checklist)
  double step = 5;    // step_deduction: the step in percentage points
  double deduct = 0;  // step_deduction: points per step
  BoundSide direction = BoundSide::below;
  StepCount step_count = StepCount::whole;
  std::vector<Band> bands;                         // tiered_bands
  std::string checklist;                           // checklist, qualitative_band: the checklist id
  std::optional<Points> item_points;               // checklist items mode; Default: points / items
  std::vector<QualitativeBand> qualitative_bands;  // qualitative_band
  std::string formula;                             // formula: muParser expression
  std::string group;                               // goal_indicators: "goals.output" …
  bool rescale_when_not_applicable = false;  // 不适用: the parent's points go to the other items
};

// A named input a leaf reads, with the variable name formulas use for it.
struct InputRef {
  std::string name;  // "ledger.execution_rate", "checklist.procurement", "goal.C01"
  std::string alias;  // "x" in `input = x: ledger.execution_rate`; Default: the name with '.' → '_'
};

// One node of the framework tree (一级/二级/三级 指标).
struct FrameworkItem {
  std::string number;  // "1.1.2": its place in the tree
  std::string name;    // 预算完成率
  Points points = 0;
  std::string explanation;   // 指标解释
  std::string standard;      // 评分标准 as published (text)
  std::optional<Rule> rule;  // leaves only
  std::vector<InputRef> inputs;
  int parent = -1;            // index into Framework::items; −1 for a top-level item
  std::vector<int> children;  // indexes into Framework::items, in file order
  int line = 0;               // line of its [number] header in the file

  bool is_leaf() const { return children.empty(); }
  int depth() const;  // 1 for "1", 2 for "1.1"
};

struct GradeBoundary {
  std::string name;  // 优
  Points min = 0;    // inclusive lower bound
};

struct Framework {
  std::string id;  // gz_dept_overall_2022
  std::string name;
  std::string object;  // dept_overall_expenditure | project_expenditure | special_fund
  std::string region;
  std::string year;           // the version year, as text ("2022", "2020起")
  std::string source;         // where the structure and rules come from
  std::string reconstructed;  // what is a reconstruction rather than published; empty if none
  // The official document the framework comes from, as a report cites it: its title and 文号
  // ("《项目支出绩效评价管理办法》（财预〔2020〕10号）"); empty when unknown.
  std::string document;
  std::vector<GradeBoundary> grades;  // highest first
  std::vector<Checklist> checklists;
  std::vector<FrameworkItem> items;  // file order; parents before their children
  Points total = 0;                  // sum of the top-level items
  std::string file;                  // path it was loaded from
  std::string text;                  // the file's text, kept so a frozen evaluation can carry it

  const Checklist* find_checklist(std::string_view id) const;
  const FrameworkItem* find_item(std::string_view number) const;
  // The grade for `points`; empty when the framework has no grades.
  std::string grade_of(Points points) const;
};

}  // namespace jixiao::model

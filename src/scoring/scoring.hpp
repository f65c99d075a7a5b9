// scoring/scoring.hpp — scores a unit's year against an evaluation framework, with every
// point explained: loading frameworks (data files), gathering inputs from the system,
// rule kinds, grades, re-scoring a claimed score, what-if, and many units at once.
//
// Frameworks are data (frameworks/*.fw, docs/formats.md §框架文件). Inputs are named values
// with a source ("ledger.execution_rate" from the ledger, "checklist.procurement" from the
// unit's checklist answers, "goal.C01" from its goals); a missing input leaves its leaf
// unscored and listed as missing, never 0 and never full marks.
//
// Threads: load_* and the free functions are pure and may be called from any thread. A
// Scorer holds compiled formulas and is used by one thread at a time (make one per thread).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "indicators/goals.hpp"
#include "model/evaluation.hpp"
#include "model/framework.hpp"
#include "model/indicator.hpp"

namespace jixiao::congress {
struct Figures;
}

namespace jixiao::ledger {
class Ledger;
}

namespace jixiao::scoring {

using model::Points;

// --- Frameworks ---

// Parses a framework file's text. `file` is the name used in messages.
// Returns the framework, or Error::invalid_input whose message is `file:line: what` for the
// first problem and whose causes hold every problem found (all are reported at once):
// syntax, unknown keys, missing or bad rule parameters, unknown inputs, unknown checklists,
// children whose points do not add up to their parent's, top level not adding up to `total`,
// a formula muParser rejects.
Result<model::Framework> parse_framework(std::string_view text, const std::string& file);
// Reads and parses one file. Error::io when it cannot be read.
Result<model::Framework> load_framework_file(const std::string& path);
// Every *.fw file of `dir`, sorted by id. Error::io when the folder cannot be read; the
// first invalid file's error otherwise (use load_framework_file to check them one by one).
// Error::conflict when two files declare the same id.
Result<std::vector<model::Framework>> load_frameworks_dir(const std::string& dir);
// Where frameworks are looked for, the first file of an id winning: `dir` when given (the CLI's
// --frameworks); else $JIXIAO_FRAMEWORKS_DIR when set; else ./frameworks when present, then
// `shipped` (the frameworks/ the program was built with). One rule for the CLI and the server.
std::vector<std::string> framework_dirs(const std::string& dir, const std::string& shipped);
// Every framework of `dirs` (missing folders skipped; of two with one id, the earlier dir's),
// sorted by id. Error::invalid_input naming file:line when a file is invalid.
Result<std::vector<model::Framework>> load_frameworks(const std::vector<std::string>& dirs);
// The framework `id` among those of `dirs`. Error::not_found listing the known ids.
Result<model::Framework> find_framework(const std::vector<std::string>& dirs,
                                        const std::string& id);

// An input the system can provide, for validation and for `frameworks show`.
struct InputSpec {
  std::string name;         // "ledger.execution_rate"; a pattern ends in ".*" ("goal.*")
  std::string description;  // 预算执行率 = 执行数 / 全年预算数 × 100%
  std::string unit;         // "%", "项", "次"
};
// The inputs any framework may read (ledger figures, goals, people's-congress records).
// Checklist inputs ("checklist.<id>") are known when the framework declares the checklist.
const std::vector<InputSpec>& known_inputs();
bool is_known_input(const model::Framework& framework, std::string_view name);

// --- Inputs ---

// A unit's inputs for one year, by name.
using InputSet = std::map<std::string, model::InputValue, std::less<>>;

// The ledger figures the ledger inputs are computed from (all in 分).
struct LedgerFigures {
  std::string unit_code;
  std::string unit_name;
  int fiscal_year = 0;
  std::int64_t initial = 0;      // 年初预算
  std::int64_t additions = 0;    // 追加 (positive adjustments)
  std::int64_t reductions = 0;   // 调减 (absolute value of negative adjustments)
  std::int64_t executed = 0;     // 执行数 (payments to 12-31)
  std::int64_t executed_h1 = 0;  // paid by 06-30
  std::int64_t executed_q3 = 0;  // paid by 09-30
  std::int64_t three_public_budget =
      0;  // 三公 lines (economic codes 30212/30217/30231/31013), adjusted
  std::int64_t three_public_executed = 0;                     // 三公 payments
  std::optional<std::int64_t> three_public_budget_last_year;  // for the change rate
  std::optional<std::int64_t> unspent_last_year;  // last year's 结余, for comparing balances
  std::int64_t public_budget = 0;    // 公用经费: lines with economic code 302xx, adjusted
  std::int64_t public_executed = 0;  // payments with economic code 302xx

  std::int64_t adjusted() const { return initial + additions - reductions; }
};

// The 三公 economic codes: 因公出国（境）费 30212, 公务接待费 30217, 公务用车运行维护费 30231,
// 公务用车购置 31013.
bool is_three_public_code(std::string_view economic_code);

// The figures of every unit of `ledger` (in the ledger's unit order). `last_year`, when
// given, provides last year's 三公 budget for the change rate.
std::vector<LedgerFigures> ledger_figures(const ledger::Ledger& ledger,
                                          const ledger::Ledger* last_year = nullptr);

// The figures of one budget line (a project) of `unit_code`, for a project evaluation; its
// unit_code reads "UNIT/LINE". nullopt when the ledger has no such line.
std::optional<LedgerFigures> line_figures(const ledger::Ledger& ledger,
                                          const std::string& unit_code,
                                          const std::string& line_code,
                                          const ledger::Ledger* last_year = nullptr);

// Adds the ledger inputs (ledger.execution_rate, ledger.adjustment_rate, ledger.addition_rate,
// ledger.carryover_rate, ledger.progress_h1, ledger.progress_q3,
// ledger.three_public_control_rate, ledger.three_public_change_rate,
// ledger.public_expense_control_rate, ledger.carryover_vs_last_year) computed from
// `figures`, each with its source.
void add_ledger_inputs(InputSet& inputs, const LedgerFigures& figures);

// Adds one "checklist.<id>" input per checklist of `framework` from `answers` (already
// filtered to one unit and year): items checklists count the items met (missing when any
// item is unanswered), violations checklists the violations, judgement checklists the
// judged percent with its justification (missing when the justification is empty).
void add_checklist_inputs(InputSet& inputs, const model::Framework& framework,
                          const std::vector<model::ChecklistAnswer>& answers);

// Adds "goal.<indicator code>" (completion of that indicator in percent, from
// indicators::completion) for every indicator of the unit's overall goal (部门整体; or of
// line `line_code` when given), grouped as goals.output / goals.effect / goals.satisfaction
// with the indicator's points as weight, and "goals.output", "goals.effect",
// "goals.satisfaction", "goals.all" (points-weighted completion of each class). An
// indicator without an actual is missing, and so is every average it belongs to.
void add_goal_inputs(InputSet& inputs, const std::vector<indicators::GoalCompletion>& completions,
                     const std::string& line_code = {});

// Adds the people's-congress inputs (congress.suggestions_total, congress.key_supervised,
// congress.answered_on_time_rate, congress.ab_share, congress.ab_share_change,
// congress.satisfied_rate, congress.reports_total and congress.<record kind>) from `figures`.
// unit_inputs() adds them when the framework reads any congress.* input.
void add_congress_inputs(InputSet& inputs, const congress::Figures& figures);

// One unit's inputs, gathered the same way for every caller (CLI, server, report): the ledger
// inputs from `figures`, the unit's checklist answers of `fiscal_year` for `framework`, and
// its goal completions (the overall goal, or line `line_code`'s). A bureau scoring thousands
// of units passes `answers` already read for the unit (then the store is not asked for them)
// and `has_goals` = false for units without goals (then completions are not queried).
// Error::storage when the store fails.
Result<InputSet> unit_inputs(store::Store& store, const model::Framework& framework,
                             const LedgerFigures& figures, int fiscal_year,
                             const std::string& line_code = {},
                             const std::vector<model::ChecklistAnswer>* answers = nullptr,
                             bool has_goals = true);

// Sets input `name` to `value` (a what-if, or a test): present, source "假设".
void set_input(InputSet& inputs, const std::string& name, double value,
               std::string source = "假设（what-if）");

// The leaf's rule in words: "达到 100% 得满分，每低 5 个百分点扣 2 分（按整档计），扣完为止".
// Requires: `item` is a leaf of `framework`.
std::string describe_rule(const model::FrameworkItem& item, const model::Framework& framework);

// --- Scoring ---

enum class LineStatus : std::uint8_t {
  scored,          // points computed from present inputs
  missing,         // an input is missing: not scored (listed, counted as undetermined)
  not_applicable,  // 不适用: dropped; the parent is rescaled (or given full marks, as the rule
                   // says)
  invalid,  // the inputs are present but the rule cannot apply (value outside every band …)
};
std::string_view chinese_name(LineStatus status);

// One framework item on the scorecard. Leaves carry the explanation; parents their sums.
struct ScoreLine {
  int item = 0;  // index into Framework::items
  std::string number;
  std::string name;
  int depth = 1;
  bool leaf = true;
  Points max = 0;
  Points points = 0;        // 0 unless scored
  Points undetermined = 0;  // points not determined because of missing or invalid inputs below
  LineStatus status = LineStatus::scored;
  std::vector<std::string>
      inputs;  // names of the inputs the leaf read (values in Scorecard::inputs)
  std::string rule;  // the rule in words: "预算完成率100%得满分，每低5个百分点扣2分，扣完为止"
  std::string arithmetic;   // "100 − 91.55 = 8.45；整档数 1 × 2 = 2；10 − 2 = 8"
  std::string explanation;  // one sentence a reviewer can paste
};

struct Scorecard {
  std::string framework_id;
  std::string framework_name;
  std::string unit_code;
  std::string unit_name;
  int fiscal_year = 0;
  Points total = 0;         // sum of the scored points
  Points max_total = 0;     // the framework's total
  Points undetermined = 0;  // points that missing inputs leave open
  std::string grade;        // grade of `total`
  std::string grade_best;  // grade if every undetermined point were earned (== grade when complete)
  std::vector<ScoreLine> lines;             // framework order
  std::vector<std::string> missing_inputs;  // names, sorted
  InputSet inputs;  // every input the card was scored from, as it was (missing ones included)

  bool complete() const { return undetermined == 0; }
  const ScoreLine* find(std::string_view number) const;
};

// Whether a card carries its words (rule, arithmetic, explanation of every line) or only the
// numbers (points, statuses, missing inputs), e.g. for ranking thousands of units; the words
// of any one card can be had by scoring it again with Explain::full.
enum class Explain : std::uint8_t { full, totals };

// A framework compiled for scoring many units (formulas parsed once).
class Scorer {
 public:
  // Error::invalid_input when a formula does not compile (parse_framework checks this too).
  static Result<Scorer> make(const model::Framework& framework);
  Scorer(Scorer&&) noexcept;
  Scorer& operator=(Scorer&&) noexcept;
  ~Scorer();

  const model::Framework& framework() const { return *m_framework; }
  // Scores one unit's inputs, which the card keeps (move them in to avoid a copy).
  // `unit_code`/`unit_name`/`fiscal_year` label the card.
  Scorecard score(InputSet inputs, const std::string& unit_code = {},
                  const std::string& unit_name = {}, int fiscal_year = 0,
                  Explain explain = Explain::full);

 private:
  struct Impl;
  explicit Scorer(const model::Framework& framework);
  const model::Framework* m_framework;
  std::unique_ptr<Impl> m_impl;
};

// Scores once (builds a Scorer). Requires: `framework` came from parse_framework.
Scorecard score(const model::Framework& framework, InputSet inputs,
                const std::string& unit_code = {}, const std::string& unit_name = {},
                int fiscal_year = 0);

// --- Re-scoring a claimed score ---

struct ClaimReview {
  Points claimed = 0;
  Points computed = 0;
  Points difference = 0;  // claimed − computed
  std::string claimed_grade;
  std::string computed_grade;
  std::vector<const ScoreLine*>
      lines;         // leaves that lost points or were not determined, biggest first
  std::string note;  // paragraphs a reviewer can paste into a review note (复核意见)
};
ClaimReview review_claim(const Scorecard& card, Points claimed, const model::Framework& framework);

// --- What-if ---

// The lowest execution rate (percent, two decimals) at which `figures` would keep `grade`
// when the rest of the year's payments arrive by 12-31, with the amount still to be paid;
// nullopt when even 100 % does not reach it.
struct ExecutionNeeded {
  double rate = 0;                    // percent
  std::int64_t amount_fen = 0;        // executed amount at that rate
  std::int64_t still_to_pay_fen = 0;  // amount − executed so far (0 when already there)
  Points total = 0;                   // the total at that rate
};
std::optional<ExecutionNeeded> execution_needed(Scorer& scorer, const InputSet& inputs,
                                                const LedgerFigures& figures,
                                                const std::string& grade);

// The inputs with the ledger figures changed so that the year's execution is `rate` percent
// (execution and carry-over rates move together).
InputSet with_execution(const InputSet& inputs, const LedgerFigures& figures, double rate);

// --- A year's scoring: one way for the CLI, the server and the report ---

// The framework a unit is scored by when the caller names none (the seed's, Guangzhou 2022).
inline constexpr std::string_view k_default_framework = "gz_dept_overall_2022";

// What scoring the units of one year reads from the ledgers, gathered once: the year's ledger,
// the year before's when it has budget lines (ledger.three_public_change_rate and
// ledger.carryover_vs_last_year read it), and every unit's figures from the two. Every caller
// builds a unit's figures through this, so one unit's live scorecard is the same everywhere.
class ScoringYear {
 public:
  // Loads the year's ledger and the year before's. Error::storage when the store fails.
  static Result<ScoringYear> load(store::Store& store, int fiscal_year);
  // From ledgers the caller holds already (the server's cache); `last_year` is the ledger of
  // the year before, null or without lines when there is none. Requires: `ledger` not null.
  ScoringYear(std::shared_ptr<const ledger::Ledger> ledger,
              std::shared_ptr<const ledger::Ledger> last_year);

  int fiscal_year() const;
  const ledger::Ledger& ledger() const { return *m_ledger; }
  // Every unit's figures, in the ledger's unit order.
  const std::vector<LedgerFigures>& figures() const { return m_figures; }
  // The figures of `unit_code`; nullptr when the ledger has no such unit.
  const LedgerFigures* unit_figures(const std::string& unit_code) const;
  // The figures of line `line_code` of `unit_code` (line_figures); nullopt when there is none.
  std::optional<LedgerFigures> line_figures(const std::string& unit_code,
                                            const std::string& line_code) const;

 private:
  std::shared_ptr<const ledger::Ledger> m_ledger;
  std::shared_ptr<const ledger::Ledger> m_last_year;  // null when the year before has no lines
  std::vector<LedgerFigures> m_figures;
};

// The live scorecard of `unit_code` in `year` by `framework`, from its figures and unit_inputs:
// what GET /api/scoring and the workflow's submission show; `execution_rate` (percent) is a
// what-if (with_execution). Error::not_found when the ledger has no such unit.
Result<Scorecard> score_unit(store::Store& store, const model::Framework& framework,
                             const ScoringYear& year, const std::string& unit_code,
                             std::optional<double> execution_rate = {});

// Every unit of `year` scored by `scorer` with numbers only (Explain::totals), best first, ties
// in the ledger's unit order: a bureau's ranking of thousands of units. The checklist answers
// and the units with goals are read once for the year, not once per unit; each card is what
// score_unit gives for that unit, less the words.
Result<std::vector<Scorecard>> rank_units(store::Store& store, const ScoringYear& year,
                                          Scorer& scorer);

// A unit's evaluation of a year, as the report, `jixiao selfscore` and the API's self-scores
// show it.
struct Evaluation {
  model::Framework framework;  // what it is scored by: the frozen evaluation's own, or `live`
  Scorecard card;
  std::int64_t frozen_id = 0;  // the frozen evaluation it re-scores; 0 when computed live
};

// Re-scores frozen evaluation `e` from its own framework text and inputs, never the current
// ledger, the card labelled with the unit name it was frozen with; `jixiao score frozen verify`
// compares it with the stored card byte for byte. Error::invalid_input when the framework text
// (named "冻结评价 #ID 的框架" in the message) or the inputs no longer parse.
Result<Evaluation> rescore_frozen(const model::FrozenEvaluation& e);

// The unit's evaluation of the year, one rule for every caller: the latest frozen (submitted)
// evaluation of `unit_code` in `year`, re-scored (rescore_frozen); when there is none, or it
// cannot be re-scored (said in `notes`), the live scorecard by `live` (score_unit). nullopt when
// neither applies: no frozen evaluation and `live` null, or no such unit in the ledger.
// Error::storage when the store fails.
Result<std::optional<Evaluation>> unit_evaluation(store::Store& store, const ScoringYear& year,
                                                  const std::string& unit_code,
                                                  const model::Framework* live,
                                                  std::vector<std::string>& notes);

// --- Checklist answers and imported frameworks ---

// Reads checklist answers from a CSV or XLSX file with the columns 单位代码, 年度, 清单,
// 项 (item number; empty for a violations / judgement / value checklist), 答案 (符合/不符合/
// 不适用 or a number), 佐证材料 (evidence or justification) and optional 填报人
// (docs/formats.md §清单答案). Error::invalid_input naming file:row:column for every bad
// cell (all of them as causes); Error::io when the file cannot be read.
Result<std::vector<model::ChecklistAnswer>> read_checklist_answers(const std::string& path);

// Converts a finance bureau's published table (XLSX or CSV with the columns 一级指标,
// 二级指标, 三级指标, 分值, 指标解释, 评分标准; merged cells read as "same as above")
// into framework-file text with id `id`. Rules are recognised from the 评分标准 text where
// it follows a known pattern ("每低5%扣2分", "每超过1个百分点扣0.5分", "每发现一项扣1分",
// "按比例"); inputs from the indicator name (预算执行率 → ledger.execution_rate …);
// everything else becomes a qualitative judgement with a comment asking for review.
// Error::invalid_input when a required column is missing or a 分值 is not a number.
struct ImportedFramework {
  std::string text;  // the .fw file
  int leaves = 0;
  int recognised = 0;  // leaves whose rule was recognised (not a fallback judgement)
  std::vector<std::string>
      notes;  // one per fallback, "3.1 重点工作完成率: 评分标准未识别，按定性评判导入"
};
Result<ImportedFramework> import_framework_table(const std::string& path, const std::string& id,
                                                 const std::string& name);

// --- Output ---

// The scorecard as JSON (keys in a fixed order; the same card gives the same bytes).
// `review` adds the claimed-score comparison.
std::string to_json(const Scorecard& card, const ClaimReview* review = nullptr);
// Every input as JSON, for freezing; and back.
std::string inputs_to_json(const InputSet& inputs);
Result<InputSet> inputs_from_json(std::string_view json);

}  // namespace jixiao::scoring

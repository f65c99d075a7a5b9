// congress/congress.hpp — people's-congress work (人大工作): deputies' suggestions (代表建议)
// with their deadlines, status and figures; similar-suggestion retrieval for 交办; deputies'
// duty records and their quantified assessment (量化代表履职情况考核); the office's work records
// and the indicator actuals computed from them (the indicators' ActualSource seam).
//
// The rules a locality may change are data files (data/congress/): the reply deadlines
// (deadline_rules.csv) and the duty points (duty_points_YYYY.csv), each with its source.
// Pure functions read only their arguments; those taking a store::Store read it and, for the
// writing ones, write in one transaction (all or nothing). One thread per Store, as store/.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "indicators/goals.hpp"
#include "model/congress.hpp"
#include "model/indicator.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::congress {

// --- Deadlines (办理期限) ---------------------------------------------------------------

// The reply deadlines, counted from the 交办 date (and for 二次办理 from the deputy's 不满意).
struct DeadlineRules {
  // 一般建议: reply within this many months of 交办. Default: 3 (代表法: 自交办之日起三个月内答复).
  int reply_months = 3;
  // 涉及面广、处理难度大的建议 (Suggestion::complex). Default: 6 (代表法: 六个月内答复).
  int complex_reply_months = 6;
  // 二次办理: reply again within this many months of the 不满意 feedback. Default: 3.
  int second_reply_months = 3;
  // A deadline this close (in days) makes a suggestion "due soon". Default: 15.
  int due_soon_days = 15;
  // Where the rules come from, shown with every deadline ("代表法第…条；本地办法").
  std::string source = "全国人民代表大会和地方各级人民代表大会代表法（建议、批评和意见的答复期限）";
};

// Reads a rules file (CSV: 规则,值,依据 — rows reply_months, complex_reply_months,
// second_reply_months, due_soon_days; docs/congress.md). Rules the file leaves out keep their
// defaults. Error::invalid_input naming the file, row and column for an unknown rule or a value
// that is not a positive whole number; Error::io when the file cannot be read.
Result<DeadlineRules> load_deadline_rules(const std::string& path);

// `date` plus `months` calendar months, clamped to the month's end (11-30 + 3 → 02-28).
Date add_months(Date date, int months);
// The reply deadline of `s`: nullopt while it is not assigned.
std::optional<Date> reply_deadline(const model::Suggestion& s, const DeadlineRules& rules);
// The deadline of 二次办理: nullopt unless the first reply's feedback is 不满意 (with its date).
std::optional<Date> second_deadline(const model::Suggestion& s, const DeadlineRules& rules);
// Whether the first reply came on or before its deadline (false when not answered).
bool answered_on_time(const model::Suggestion& s, const DeadlineRules& rules);

// --- Status and warnings -----------------------------------------------------------------

enum class SuggestionState {
  unassigned,         // 未交办
  in_progress,        // 办理中: not answered, deadline not near
  due_soon,           // 即将到期: not answered, deadline within due_soon_days (warning)
  overdue,            // 逾期未答复 (warning)
  awaiting_feedback,  // 已答复待反馈
  second_pending,     // 不满意待二次办理 (warning)
  second_overdue,     // 二次办理逾期 (warning)
  closed,  // 已办结: the standing reply's feedback is 满意 or 基本满意 (or 不满意 after 二次办理)
};
std::string_view chinese_name(SuggestionState state);
bool is_warning(SuggestionState state);

struct SuggestionStatus {
  std::string number;
  std::string title;
  std::string lead_unit;
  SuggestionState state = SuggestionState::in_progress;
  std::optional<Date> deadline;  // the deadline in force (the second one during 二次办理)
  int days_late = 0;             // as_of − deadline: > 0 late, ≤ 0 days left
  std::string explanation;  // "交办 2022-11-15，三个月内答复，期限 2023-02-15，已逾期 5 天"
};

// The state of each suggestion on `as_of`, warnings first, then by lateness (most late first),
// then by number.
std::vector<SuggestionStatus> status(const std::vector<model::Suggestion>& suggestions,
                                     const DeadlineRules& rules, Date as_of);

// --- Figures (the seed's sentences about suggestions and work records) ---------------------

struct SuggestionFigures {
  int session = 0;           // 会议期间交办件数
  int recess = 0;            // 闭会期间交办件数
  int total = 0;             // 交办件数
  int answered = 0;          // 已答复件数
  int answered_on_time = 0;  // 按期答复件数
  int ab = 0;                // standing reply classed A or B
  int with_feedback = 0;     // 有反馈意见的件数
  int satisfied = 0;         // standing feedback 满意 or 基本满意
  int key_supervised = 0;    // 重点督办件数
  // The sessions (届, 会次) the year's 会议期间 suggestions were made at, ascending; those
  // without a 会次 are left out. For the sentence: "十七届人大一、二次会议期间".
  std::vector<std::pair<int, int>> sessions;
  Rate answered_on_time_rate() const { return {answered_on_time, total}; }  // 按期答复率
  Rate ab_share() const { return {ab, total}; }                             // A+B 类占比
  Rate satisfied_rate() const { return {satisfied, with_feedback}; }  // 满意和基本满意率
};

struct Figures {
  int year = 0;
  SuggestionFigures suggestions;
  std::optional<SuggestionFigures> previous;  // the year before, when it had suggestions
  std::map<model::RecordKind, int>
      records;  // summed counts per kind (every kind present, 0 when none)
  // The level of the people's congress (区, 市 …): that of most of the year's lead deputies in
  // the register; empty when none is known. For the sentences ("区十七届人大…").
  std::string level;
  int reports_total() const;  // 听取审议各类报告: the four report kinds
  // The change of the A+B share from the previous year, in percentage points; undefined
  // (Rate with zero denominator) when either year had no suggestions.
  Rate ab_share_change() const;
};

// The figures of `suggestions` assigned in `year` (the list may hold other years; they are
// skipped).
SuggestionFigures suggestion_figures(const std::vector<model::Suggestion>& suggestions, int year,
                                     const DeadlineRules& rules);
// Reads the year's suggestions (and the previous year's) and work records. Error::storage.
Result<Figures> figures(store::Store& store, int year, const DeadlineRules& rules = {});
// The figures as the JSON contract of `jixiao congress figures --format json` (docs/formats.md).
std::string figures_json(const Figures& figures);
// The seed's sentence about suggestions, from the figures:
// "区十七届人大一、二次会议期间交办代表建议
// 192件，闭会期间交办代表建议7件，代表对办理答复表示满意和基本满意的达100%…". The one source of
// that sentence: the self-evaluation report (二（四）, report/builder.cpp), the 履职简报, the API.
std::string suggestions_sentence(const Figures& figures);
// The sentence about the meetings and supervision (二（三）):
// "本年度召开区人民代表大会1次，常委会会议8次…".
std::string records_sentence(const Figures& figures);

// --- Similar suggestions (精准分类交办) ------------------------------------------------------

struct SimilarSuggestion {
  std::string number;
  int year = 0;
  std::string title;
  std::string lead_unit;
  std::vector<std::string> co_units;
  double similarity = 0;  // cosine of the character-bigram TF-IDF vectors, in [0, 1]
};

// The `k` suggestions of `history` most like `text` (title and text of a new suggestion),
// most similar first; those below `min_similarity` are left out.
std::vector<SimilarSuggestion> similar(const std::string& text,
                                       const std::vector<model::Suggestion>& history, int k = 5,
                                       double min_similarity = 0.05);

// A proposed 交办: the lead unit the most similar earlier suggestions were given to (votes
// weighted by similarity), and co-handlers that recur among them. Empty lead_unit when nothing
// in the history is similar. The user confirms; nothing is written.
struct HandlerProposal {
  std::string lead_unit;
  double confidence = 0;              // the winner's share of the votes
  std::vector<std::string> co_units;  // co-handlers in at least half of the weighted votes
  std::vector<SimilarSuggestion> neighbours;
};
HandlerProposal propose_handlers(const std::string& text,
                                 const std::vector<model::Suggestion>& history, int k = 5);

// How often the proposed lead unit is the one chosen: `held_back` suggestions proposed from
// `history` only, compared with their actual lead units.
struct ProposalAccuracy {
  int tested = 0;   // held-back suggestions with a lead unit
  int correct = 0;  // proposed lead unit == actual lead unit
  int no_proposal = 0;
  Rate accuracy() const { return {correct, tested}; }
};
ProposalAccuracy measure_proposals(const std::vector<model::Suggestion>& history,
                                   const std::vector<model::Suggestion>& held_back, int k = 5);

// --- Deputies' duty (代表履职) and its quantified assessment ---------------------------------

// One line of the points rules: an item (an ActivityKind's text, or "suggestion_lead" /
// "suggestion_cosign" counted from the suggestions register), points per occurrence
// (negative for a deduction) and an optional yearly cap on the item's total.
struct PointsRule {
  std::string item;
  std::string label;                  // 出席人代会 …
  model::Measure points;              // 每次分值
  std::optional<model::Measure> cap;  // 年度上限 (absolute value of the item's total)
  std::string note;
};

struct PointsRules {
  std::string file;
  std::vector<PointsRule> rules;
  std::string source;  // 依据 (the header comment of the file, or its 依据 column)
};

// Reads a points rules file (CSV: 项目,名称,每次分值,年度上限,说明; docs/congress.md).
// Error::invalid_input naming file:row:column for an unknown item, a duplicate item or a bad
// number; Error::io when unreadable.
Result<PointsRules> load_points_rules(const std::string& path);

struct DutyLine {
  std::string item;
  std::string label;
  int count = 0;
  model::Measure points;  // after the cap
  std::string explanation;  // "调研视察 5 次 × 2 分 = 10 分，超过年度上限 8 分，计 8 分"
};

// A deputy's annual 履职档案: activities, suggestions and the points, line by line.
struct DutyRecord {
  model::Deputy deputy;
  int year = 0;
  std::vector<model::DeputyActivity> activities;
  std::vector<std::string> suggestions_led;       // numbers
  std::vector<std::string> suggestions_cosigned;  // numbers
  std::vector<DutyLine> lines;
  model::Measure total;
  int rank_in_delegation = 0;  // 1 = highest total in the deputy's 代表团
  int people_received = 0;     // 联络站接待群众人次
};

// Every deputy's record for `year`, ranked: ordered by delegation, then total (highest first),
// then code. Deputies without any activity are included with 0 points.
std::vector<DutyRecord> assess(const std::vector<model::Deputy>& deputies,
                               const std::vector<model::DeputyActivity>& activities,
                               const std::vector<model::Suggestion>& suggestions, int year,
                               const PointsRules& rules);
Result<std::vector<DutyRecord>> assess(store::Store& store, int year, const PointsRules& rules);

// --- Writes: imports and the handling workflow ---------------------------------------------

// Imports a CSV or XLSX file (the layout of docs/congress.md, Chinese headers) into the store:
// all rows or none. Every bad cell is reported as file:row:column with what was expected;
// deputy codes and unit codes must exist (units in the ledger, deputies in the register or the
// same file's rows for deputies).
// Returns the number of rows imported (with dry_run: the rows that would be).
struct ImportOptions {
  // Read and check every row, report every bad cell, write nothing. Default: false.
  bool dry_run = false;
  // The file's name in errors (an upload's own name, not the server's scratch path). Default:
  // empty, errors name `path`.
  std::string display_name;
};
Result<int> import_deputies(store::Store& store, const std::string& path,
                            const ImportOptions& options = {});
Result<int> import_suggestions(store::Store& store, const std::string& path,
                               const ImportOptions& options = {});
Result<int> import_activities(store::Store& store, const std::string& path,
                              const ImportOptions& options = {});
Result<int> import_records(store::Store& store, const std::string& path,
                           const ImportOptions& options = {});
// Any of the four imports, for callers that pick one by kind (the demo, the server's upload).
using ImportFunction = Result<int> (*)(store::Store&, const std::string&, const ImportOptions&);
// Writes the suggestions of `year` (0 = all) in the import layout: XLSX when `path` ends in
// .xlsx, else CSV (UTF-8 with BOM). Returns the number of rows. Error::io.
Result<int> export_suggestions(store::Store& store, int year, const std::string& path);
// The headers of an import layout ("deputies", "suggestions", "activities", "records") as
// exports write them, from the importer's own column table: the web UI's Excel templates.
// Empty for another name.
std::vector<std::string> import_headers(std::string_view layout);

// 交办: the lead unit and co-handlers, on `date`. Error::not_found for an unknown suggestion or
// unit; Error::invalid_input when `date` is before the suggestion was received; Error::conflict
// when it has already been answered.
struct Assignment {
  std::string lead_unit;
  std::vector<std::string> co_units;
  Date date;
  bool complex = false;
};
Result<model::Suggestion> assign(store::Store& store, const std::string& number,
                                 const Assignment& assignment);

// 答复: the first reply, or the reply of 二次办理 when the first one's feedback is 不满意.
// When `unit_code` is not empty it must be the lead unit (a handling unit answers only its own:
// Error::permission). Error::conflict when not assigned, already answered (and not 不满意), or
// the date precedes 交办 / the 不满意 feedback.
Result<model::Suggestion> reply(store::Store& store, const std::string& number,
                                const model::Reply& reply, const std::string& unit_code = {});
// The deputy's feedback on the standing reply. Error::conflict when there is no reply, it
// already has feedback, or the date precedes the reply.
Result<model::Suggestion> record_feedback(store::Store& store, const std::string& number,
                                          model::Feedback feedback, Date date);
// 重点督办: the leader and an action (kind and note; an empty kind only names the leader).
Result<model::Suggestion> supervise(store::Store& store, const std::string& number,
                                    const std::string& leader,
                                    const std::optional<model::SupervisionAction>& action);

// --- Indicator actuals from the records ----------------------------------------------------

// Computes the actuals of the people's-congress indicators whose 数据来源 is a congress record,
// matched by the indicator's name (召开常委会会议次数 → the standing-meeting records …; the table
// is in docs/congress.md). The actual's source lists the records counted.
class CongressActualSource final : public indicators::ActualSource {
 public:
  explicit CongressActualSource(store::Store& store, DeadlineRules rules = {})
      : m_store(store), m_rules(std::move(rules)) {}
  std::string name() const override { return "congress"; }
  Result<std::optional<model::Actual>> actual(const std::string& unit_code, int fiscal_year,
                                              const model::GoalIndicator& goal) override;

 private:
  store::Store& m_store;
  DeadlineRules m_rules;
  std::map<int, Figures> m_cache;
  std::map<int, std::vector<model::WorkRecord>> m_records;
};

// The names of the indicators CongressActualSource computes, with what each counts.
struct ComputedIndicator {
  std::string name;
  std::string counts;
};
std::vector<ComputedIndicator> computed_indicators();

// Whether `unit_code` is a people's-congress office in `year`: its goals that year hold an
// indicator computed from the congress records. The office registers, assigns and tracks every
// suggestion; a handling unit sees only its own (server/routes_congress.cpp).
Result<bool> is_office_unit(store::Store& store, const std::string& unit_code, int year);

}  // namespace jixiao::congress

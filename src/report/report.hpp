// report/report.hpp — the self-evaluation report: its inputs, the builders and the renderers.
//
// Flow: load_report_data() gathers what the engines know about one unit and year (ledger
// figures, narratives, goals, scorecard, monitoring) into ReportData; build_overall_report()
// and build_project_report() turn it into a format-free Document (report_model.hpp) in the
// seed's structure; render() writes that Document as Markdown, HTML, DOCX or PDF.
//
// Sections whose data is missing (no scorecard yet, no goals) still appear, and say plainly
// what is missing. Builders and renderers are pure functions: safe from any thread.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "congress/congress.hpp"
#include "core/clock.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "report/report_model.hpp"

namespace jixiao::store {
class Store;
struct ScoreOverride;
}  // namespace jixiao::store
namespace jixiao::model {
struct Framework;
}

namespace jixiao::report {

// ---- Inputs -------------------------------------------------------------------------------

// Budget figures of the unit or of one of its lines.
struct Figures {
  Money initial;                                            // 年初预算数
  Money adjustments;                                        // 调整 (signed)
  Money executed;                                           // 执行数
  Money adjusted() const { return initial + adjustments; }  // 全年预算数
  Rate rate() const { return Rate::of(executed, adjusted()); }
};

struct LineFigures {
  std::string code;
  std::string name;
  bool project = false;     // 项目支出 (else 基本支出)
  std::string fund_source;  // 资金来源
  Figures figures;
};

// One leaf (or node) of the scorecard, as the 自评表 shows it.
struct ScoreRow {
  std::string level1;  // 一级指标, e.g. 预算执行
  std::string level2;  // 二级指标
  std::string level3;  // 三级指标 (leaf)
  std::string rule;    // 评分标准, short
  double weight = 0;   // 分值
  double score = 0;    // 自评得分: the department's score (the computed one unless overridden)
  // The scoring trace (rule, inputs, arithmetic, codes): for `jixiao score`, the UI and the
  // 计分说明 annex only. The 自评表's 扣分原因 is an official sentence made by the builder.
  std::string trace;
  bool determined = true;  // false when an input is missing: shown as 未评定, never as 0
  std::string item;        // the framework item number ("1.2.3"): what an override names
  double computed = 0;     // jixiao's computed score
  bool computed_determined =
      true;  // `determined` of the computed score (an override sets `determined`)
  std::string override_reason;  // why the department's score differs; empty = not overridden
  std::vector<std::string> lost_parts;  // sub-items that lost points: "预算执行率扣1分"
  bool not_applicable = false;
  bool overridden() const { return !override_reason.empty(); }
};

struct Scorecard {
  std::string framework;  // framework name, e.g. "广州市部门整体支出绩效评价指标体系（2022）"
  // The official document the framework comes from, as the report cites it: "《…》（文号）";
  // the framework's name without remarks (重构 …) when it names no document.
  std::string framework_document;
  std::string
      framework_remark;  // "重构" remark: shown by the CLI and the review screen, never printed
  double total = 0;      // 自评总分
  double full = 100;     // 满分
  double undetermined = 0;  // points left open by missing inputs
  std::string grade;        // 优 / 良 / 中 / 差
  std::vector<std::pair<std::string, double>>
      bands;           // the framework's grades, highest first: {"优", 90} …
  std::string source;  // "已提交的自评（冻结评价 #3）" or "按框架现场计算"
  std::vector<ScoreRow> rows;
};

// One indicator of a performance goal with its target and actual.
struct GoalRow {
  std::string line_code;   // the project line the goal belongs to; empty = the whole unit
  std::string level1;      // 产出指标 / 效益指标 / 满意度指标
  std::string level2;      // 数量指标 …
  std::string name;        // 三级指标: 召开常委会会议
  std::string target;      // "≥8次" as written in the goal
  std::string actual;      // "8次"; empty when not yet entered
  std::string completion;  // "100.0%" or "已完成" / "未完成"
  bool met = true;
  std::string deviation;  // 偏差原因分析及改进措施
  double weight = 0;      // 分值 (project form); 0 when unknown
  std::optional<double> score;
};

// Where a drafted problem comes from; picks the improvement measure drafted for it.
enum class FindingSource {
  scoring,     // a scorecard deduction
  indicators,  // an indicator-quality (lint) finding
  monitoring,  // an execution warning
  goals,       // a goal not met
};

enum class FindingTopic {
  execution,   // budget completion, pace of spending
  budgeting,   // budget preparation and adjustment
  indicators,  // goal and indicator quality
  management,  // procedures, disclosure, assets
  other,
};

struct Finding {
  FindingSource source = FindingSource::scoring;
  FindingTopic topic = FindingTopic::other;
  std::string text;  // one sentence, without the final 。 (may carry codes: not for the document)
  std::string subject;  // the line or indicator it is about; empty for the unit as a whole
  std::string kind;  // lint rule id ("goal.target-too-low") or monitoring warning kind; picks the
                     // official wording
};

// A goal set's 年度总体目标 and what was achieved (项目支出绩效自评表's first block).
struct OverallGoal {
  std::string target;  // 预期目标
  std::string result;  // 实际完成情况
};

// Monitoring's view of the year, when it has one.
struct MonitorSeries {
  std::array<Money, 12> schedule{};  // 序时进度 in money, cumulative by month end
  std::optional<std::array<Money, 12>> forecast_low;
  std::optional<std::array<Money, 12>> forecast_high;
  std::string method;  // how the schedule was set, for the data note
};

// Narrative keys the department writes (stored per unit and year).
enum class NarrativeKey {
  profile,                 // 部门概况
  annual_work,             // 年度总体工作和重点工作任务
  performance_management,  // 部门整体绩效管理情况
  achievements,            // 主要工作成效
  problems,                // 存在的主要问题 (overrides the draft)
  measures,                // 下一步改进措施 (overrides the draft)
};
// Stored names, frozen: "profile", "annual_work", "performance_management", "achievements",
// "problems", "measures".
std::string_view to_string(NarrativeKey key);
std::string_view chinese_name(NarrativeKey key);
// Either the stored name or the Chinese name.
std::optional<NarrativeKey> parse_narrative_key(std::string_view text);
const std::vector<NarrativeKey>& all_narrative_keys();

struct ReportData {
  std::string unit_code;
  std::string unit_name;
  std::string department_name;  // 主管部门 (parent unit's name, or the unit's own)
  int year = 0;
  int as_of_month = 12;  // last month with figures
  Figures totals;
  std::vector<LineFigures> lines;
  std::array<Money, 12> executed_by_month{};  // paid in each month (not cumulative)
  std::map<NarrativeKey, std::string> narratives;
  std::optional<Scorecard> scorecard;
  std::optional<std::vector<GoalRow>> goals;
  std::map<std::string, OverallGoal> overall_goals;  // by line code; "" = the unit as a whole
  std::optional<MonitorSeries> monitor;
  std::vector<Finding> findings;
  // A people's-congress office's figures of the year (suggestions handled …), when it has
  // suggestions: 二（四）'s sentence about them is congress::suggestions_sentence of these.
  std::optional<::jixiao::congress::Figures> congress;
  // What could not be loaded, said plainly in the report ("评分模块尚未提供数据").
  std::vector<std::string> gaps;
};

// Loads everything the report needs for `unit_code` in `year` from `store`.
// Returns Error::not_found when the unit has no budget in that year; Error::storage when the
// store fails. Engines that have no data for the unit leave their part empty (and say so).
struct LoadOptions {
  // The framework to score with when the unit has no frozen (submitted) evaluation of the
  // year; the latest frozen evaluation always wins. Default: none (no score unless frozen).
  const model::Framework* framework = nullptr;
  // "Today", which a report of a year still running is as of. Default (nullptr): the wall clock
  // in Asia/Shanghai. A fixed clock makes the report reproducible.
  const Clock* clock = nullptr;
};
Result<ReportData> load_report_data(store::Store& store, const std::string& unit_code, int year,
                                    const LoadOptions& options = {});
// The same for every unit with budget lines in `year` (the ledger is loaded once), by unit code.
Result<std::vector<ReportData>> load_all_report_data(store::Store& store, int year,
                                                     const LoadOptions& options = {});

// The department's own scores (store::ScoreOverride) applied to `card`'s rows by item number;
// an override naming no row or with an invalid score is left out and said in `gaps`.
Result<void> apply_overrides(Scorecard& card, const std::vector<store::ScoreOverride>& overrides,
                             std::vector<std::string>& gaps);
// A self-score as typed: a number from 0 to `weight` with at most two decimals.
// Error::invalid_input (field "score") otherwise.
Result<double> parse_self_score(const std::string& text, double weight);

// ---- The department's own scores (自评得分), set per row with a reason --------------------

// An override as written: the score text and its reason.
struct SelfScore {
  std::string score;  // "7", "7.5"
  std::string reason;
};
// What set_self_score / clear_self_score changed, for the caller's audit entry and answer.
struct SelfScoreChange {
  ScoreRow row;                     // the row before the change (computed score, indicator names)
  std::optional<SelfScore> before;  // the override that was there; nullopt = none
  std::optional<SelfScore> after;   // the override now; nullopt = cleared
};
// Error::conflict when the unit's evaluation of `year` is submitted or reviewed: its scores are
// locked until the bureau returns it. Error::storage when the store fails.
Result<void> check_self_score_editable(store::Store& store, const std::string& unit_code, int year);
// Stores the department's score of row `item` of `card` (the unit's scorecard as load_report_data
// gives it) with its reason. Error::not_found (field "item") for an item that is not a row;
// Error::invalid_input (field "score" or "reason") for a bad score or an empty reason; the
// editable check above. Nothing is written on error.
Result<SelfScoreChange> set_self_score(store::Store& store, const Scorecard& card,
                                       const std::string& unit_code, int year,
                                       const std::string& item, const std::string& score,
                                       const std::string& reason, const std::string& user);
// Removes the override of row `item` (back to the computed score); `after` is nullopt and
// `before` nullopt when there was none. Same errors as set_self_score.
Result<SelfScoreChange> clear_self_score(store::Store& store, const Scorecard& card,
                                         const std::string& unit_code, int year,
                                         const std::string& item);

// Reads `<key>.txt` files (profile.txt, annual_work.txt, achievements.txt … named by
// to_string(NarrativeKey)) from `dir` and stores each as the narrative of (`unit_code`, `year`),
// replacing what was there. Other files are ignored. Returns how many were stored.
// Error::io when `dir` cannot be read or a file is not UTF-8; Error::storage when the store fails.
Result<int> import_narrative_dir(store::Store& store, const std::string& unit_code, int year,
                                 const std::string& dir, const std::string& user);

// ---- Builders -----------------------------------------------------------------------------

struct BuildOptions {
  // Adds the 计分说明 annex: each indicator's scoring trace (rules, inputs, arithmetic). The
  // submitted document leaves it out. Default: false.
  bool with_trace = false;
};

// `title` broken into lines of at most `max_chars` characters, only between words (委员会,
// 办公室, 人民代表大会 … stay whole), with the fewest lines and the most even lengths.
std::vector<std::string> title_lines(const std::string& title, int max_chars);

// The department's total: the sum of its determined rows (overrides included), to the cent,
// and the grade of that sum in the framework's bands (the computed grade when nothing is
// overridden).
double department_total(const Scorecard& card);
std::string department_grade(const Scorecard& card);

// Where the department's scores differ from the computed ones, one Chinese line each
// ("“预算执行率”自评8分，系统计算6分（理由：…）"), for the warning before submission.
std::vector<std::string> score_differences(const Scorecard& card);

// The statement about the goals, chosen from their completion: all met, or n of m met naming
// the missed ones, and those without an actual. Empty when there are no goals.
std::string goals_statement(const std::vector<GoalRow>& goals);

// The department-overall self-evaluation report (部门整体支出绩效自评报告) in the seed's
// structure, with the score table and the goals table as annexes.
Document build_overall_report(const ReportData& data, const BuildOptions& options = {});

// The project self-evaluation form (项目支出绩效自评表, MOF 附件2) of line `line_code`.
// Returns Error::not_found when the unit has no such line.
Result<Document> build_project_report(const ReportData& data, const std::string& line_code);

// The generated sentences, exposed for tests and the API.
// "我单位全年预算数3403.40万元，执行数3115.88万元，完成预算的91.6%。"
std::string funds_sentence(const Figures& totals);

// The chart of the unit: cumulative execution vs the schedule (monitoring's, or even
// progress by month when monitoring has none) and the forecast band when there is one.
Chart make_chart(const ReportData& data);

// ---- Renderers ----------------------------------------------------------------------------

enum class Format { markdown, html, docx, pdf };
Result<Format> parse_format(std::string_view text);  // "md" | "markdown" | "html" | "docx" | "pdf"
std::string_view file_extension(Format format);      // "md", "html", "docx", "pdf"
std::string_view media_type(Format format);  // the Content-Type of a download: "application/pdf" …

struct Rendered {
  std::string bytes;
  // Things the user should hear once (e.g. the font fallback), already in Chinese.
  std::vector<std::string> notices;
};

struct RenderOptions {
  // Embed the chart (PNG in HTML/DOCX, vector in PDF). Default: true. Markdown always
  // writes the chart's figures as a table.
  bool chart = true;
  // A folder of font files (the official faces) added to fontconfig's for the PDF. Default: none.
  std::string fonts_dir;
};

// Renders `doc`. Returns Error::internal when cairo or libzip fail (out of memory).
Result<Rendered> render(const Document& doc, Format format, const RenderOptions& options = {});

std::string render_markdown(const Document& doc);
std::string render_html(const Document& doc, const RenderOptions& options = {});
Result<std::string> render_docx(const Document& doc, const RenderOptions& options = {});
Result<Rendered> render_pdf(const Document& doc, const RenderOptions& options = {});
// The chart as a PNG of `width` × `height` pixels.
Result<std::string> chart_png(const Chart& chart, int width, int height);

}  // namespace jixiao::report

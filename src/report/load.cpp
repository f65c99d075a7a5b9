// report/load.cpp — gathers a unit's year from the store and the engines into ReportData.
//
// Each engine's part is optional: when one has nothing for the unit (no goals entered, no
// framework scored) its part stays empty and the gap is named, so the report says it plainly.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

#include "congress/congress.hpp"
#include "core/text.hpp"
#include "indicators/goals.hpp"
#include "indicators/library.hpp"
#include "indicators/lint.hpp"
#include "ledger/ledger.hpp"
#include "model/framework.hpp"
#include "model/indicator.hpp"
#include "monitor/monitor.hpp"
#include "report/report.hpp"
#include "scoring/scoring.hpp"
#include "store/store.hpp"

namespace jixiao::report {
namespace {

double measure_value(const model::Measure& m) {
  return static_cast<double>(m.scaled()) / static_cast<double>(model::Measure::k_scale);
}

std::string measure_text(const model::Measure& m, const std::string& unit) {
  return m.to_string() + unit;
}

GoalRow goal_row(const indicators::GoalCompletion& c) {
  const model::GoalIndicator& g = c.goal;
  GoalRow r;
  r.line_code = c.line_code;
  r.level1 = std::string(model::chinese_name(model::class_of(g.subclass)));
  r.level2 = std::string(model::chinese_name(g.subclass));
  r.name = g.name;
  if (auto t = g.effective_target(); t && g.quantitative) {
    std::string_view sym = model::symbol(g.direction);
    r.target = (g.direction == model::Direction::eq ? std::string() : std::string(sym)) +
               measure_text(*t, g.measure_unit);
  } else {
    r.target = g.target_text;
  }
  if (g.actual) {
    if (!g.actual->text.empty()) {
      r.actual = g.actual->text;
      // A bare number gets the unit of measure ("8" → "8次"), as the seed writes actuals.
      if (r.actual.find_first_not_of("0123456789.") == std::string::npos)
        r.actual += g.measure_unit;
    } else if (g.actual->value) {
      r.actual = measure_text(*g.actual->value, g.measure_unit);
    } else if (g.actual->grade) {
      r.actual = std::string(model::chinese_name(*g.actual->grade));
    }
  }
  using indicators::CompletionStatus;
  const auto& comp = c.completion;
  r.met = comp.status == CompletionStatus::met || comp.status == CompletionStatus::exceeded;
  r.completion = comp.ratio.defined() ? comp.ratio.percent_text(1) + "（" +
                                            std::string(chinese_name(comp.status)) + "）"
                                      : std::string(chinese_name(comp.status));
  if (comp.status == CompletionStatus::no_actual || comp.status == CompletionStatus::no_target)
    r.met = true;
  r.deviation = g.deviation_reason;
  r.weight = measure_value(g.points);
  // Proportional to completion, never above the indicator's points; a qualitative goal met
  // earns its points, one without an actual has no score yet.
  if (comp.ratio.defined() && r.weight > 0) {
    r.score = std::round(std::min(r.weight, r.weight * comp.ratio.to_double()) * 100) / 100;
  } else if (r.weight > 0 &&
             (comp.status == CompletionStatus::met || comp.status == CompletionStatus::exceeded)) {
    r.score = r.weight;
  } else if (r.weight > 0 && comp.status == CompletionStatus::short_of) {
    r.score = 0;
  }
  return r;
}

double points(model::Points p) {
  return static_cast<double>(p) / static_cast<double>(model::k_points_scale);
}

// How a report cites the framework: its official document when it names one, else its name
// without the remarks in brackets (（2022，重构）): the document never prints those.
std::string framework_document(const model::Framework& fw) {
  if (!fw.document.empty()) return fw.document;
  std::string name = fw.name;
  for (std::string_view open : {"（", "("}) {
    auto at = name.find(open);
    if (at != std::string::npos && at > 0) name.resize(at);
  }
  return "《" + name + "》";
}

// The scorecard as the 自评表 shows it: one row per leaf, with its ancestors as 一级/二级.
Scorecard adapt(const scoring::Scorecard& card, const model::Framework& fw, std::string source) {
  Scorecard out;
  out.framework = card.framework_name;
  out.framework_document = framework_document(fw);
  out.framework_remark =
      fw.reconstructed.empty() ? std::string() : "该框架为重构版本：" + fw.reconstructed;
  out.total = points(card.total);
  out.full = points(card.max_total);
  out.undetermined = points(card.undetermined);
  out.grade = card.grade;
  for (const auto& g : fw.grades) out.bands.emplace_back(g.name, points(g.min));
  out.source = std::move(source);
  for (std::size_t li = 0; li < card.lines.size(); ++li) {
    const auto& line = card.lines[li];
    const model::FrameworkItem& item = fw.items[static_cast<std::size_t>(line.item)];
    // Framework leaves only: the per-goal lines under a goals leaf (2.1.GY001 …) are named
    // in their parent's reason instead.
    if (!line.leaf || line.number != item.number) continue;
    std::vector<std::string> lost_parts;
    for (std::size_t k = li + 1; k < card.lines.size() && card.lines[k].item == line.item; ++k) {
      const auto& sub = card.lines[k];
      if (sub.status == scoring::LineStatus::scored && sub.points < sub.max) {
        lost_parts.push_back(sub.name + "扣" + model::format_points(sub.max - sub.points) + "分");
      }
    }
    std::string trace = line.explanation;
    if (!line.arithmetic.empty())
      trace += (trace.empty() ? "" : "；") + std::string("计算：") + line.arithmetic;
    std::vector<std::string> chain;
    for (int i = line.item; i >= 0; i = fw.items[static_cast<std::size_t>(i)].parent) {
      chain.insert(chain.begin(), fw.items[static_cast<std::size_t>(i)].name);
    }
    ScoreRow r;
    r.level1 = chain.front();
    r.level3 = chain.size() > 1 ? chain.back() : "";
    r.level2 = chain.size() > 2 ? chain[chain.size() - 2] : "";
    r.item = line.number;
    r.rule = line.rule;
    r.weight = points(line.max);
    r.trace = trace;
    r.lost_parts = lost_parts;
    switch (line.status) {
      case scoring::LineStatus::scored:
        r.score = points(line.points);
        break;
      case scoring::LineStatus::missing:
        r.score = 0;
        r.determined = false;
        break;
      case scoring::LineStatus::not_applicable:
        r.score = r.weight;
        r.not_applicable = true;
        break;
      case scoring::LineStatus::invalid:
        r.score = 0;
        r.determined = false;
        r.trace = "无法评定：" + trace;
        break;
    }
    r.computed = r.score;
    r.computed_determined = r.determined;
    out.rows.push_back(std::move(r));
  }
  return out;
}

// The unit's evaluation of the year (scoring::unit_evaluation: the latest frozen one, else the
// live one by `options.framework`) as the 自评表 shows it; what cannot be read is said in `gaps`.
std::optional<Scorecard> scorecard_of(store::Store& store, const scoring::ScoringYear& scoring_year,
                                      const std::string& unit_code, const LoadOptions& options,
                                      std::vector<std::string>& gaps) {
  auto evaluation =
      scoring::unit_evaluation(store, scoring_year, unit_code, options.framework, gaps);
  if (!evaluation) {
    gaps.push_back("无法读取评分依据：" + evaluation.error().message());
    return std::nullopt;
  }
  if (!*evaluation) return std::nullopt;
  const scoring::Evaluation& e = **evaluation;
  return adapt(e.card, e.framework,
               e.frozen_id != 0 ? "已提交的自评（冻结评价 #" + std::to_string(e.frozen_id) + "）"
                                : "按“" + e.framework.name + "”计算（尚未提交）");
}

}  // namespace

Result<void> apply_overrides(Scorecard& card, const std::vector<store::ScoreOverride>& overrides,
                             std::vector<std::string>& gaps) {
  for (const auto& o : overrides) {
    auto row = std::find_if(card.rows.begin(), card.rows.end(),
                            [&](const ScoreRow& r) { return r.item == o.item; });
    if (row == card.rows.end()) {
      gaps.push_back("自评得分调整指向框架中不存在的指标 " + o.item + "，已忽略");
      continue;
    }
    auto value = parse_self_score(o.score, row->weight);
    if (!value) {
      gaps.push_back("指标 " + o.item + " 的自评得分调整无效（" + value.error().message() +
                     "），已忽略");
      continue;
    }
    row->score = *value;
    row->determined = true;
    row->override_reason = o.reason;
  }
  return {};
}

Result<double> parse_self_score(const std::string& text, double weight) {
  std::string t(text::trim(text));
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v)) {
    return fail(Error::invalid_input("得分不是数字: \"" + text + "\"", Location{.field = "score"}));
  }
  if (v < 0 || v > weight + 1e-9) {
    return fail(Error::invalid_input(
        "得分应在 0 到分值 " + std::to_string(static_cast<int>(weight)) + " 之间: " + t,
        Location{.field = "score"}));
  }
  if (std::round(v * 100) != v * 100) {
    return fail(Error::invalid_input("得分最多两位小数: " + t, Location{.field = "score"}));
  }
  return v;
}

namespace {

FindingTopic topic_of(monitor::WarningKind kind) {
  switch (kind) {
    case monitor::WarningKind::frequent_adjustments:
    case monitor::WarningKind::large_adjustments:
      return FindingTopic::budgeting;
    default:
      return FindingTopic::execution;
  }
}

// `scoring_year`: the year's ledgers and every unit's figures (scoring::ScoringYear), `schedule`:
// the stored schedule of `year` (monitor::load_schedule), and `history`: the earlier years of the
// forecast (monitor::load_history), each read once for every unit.
Result<ReportData> load_unit(store::Store& store, const scoring::ScoringYear& scoring_year,
                             const monitor::Schedule& schedule, const monitor::History& history,
                             const std::string& unit_code, int year,
                             const LoadOptions& load_options) {
  const ledger::Ledger* ledger = &scoring_year.ledger();
  auto unit_id = ledger->find_unit(unit_code);
  if (!unit_id) {
    return fail(
        Error::not_found("单位 " + unit_code + " 在 " + std::to_string(year) + " 年没有预算数据",
                         Location{.field = "unit"}));
  }
  ReportData d;
  d.unit_code = unit_code;
  d.year = year;
  const model::Unit& unit = ledger->units()[*unit_id];
  d.unit_name = unit.name;
  d.department_name = unit.name;
  for (const auto& u : ledger->units()) {
    if (!unit.parent_code.empty() && u.code == unit.parent_code) d.department_name = u.name;
  }

  // As of the year's end, or today while the year is running.
  Date year_end = Date::from_ymd(year, 12, 31);
  Date today = (load_options.clock ? *load_options.clock : wall_clock()).today();
  Date as_of = today < year_end ? today : year_end;
  if (as_of < Date::from_ymd(year, 1, 1)) as_of = Date::from_ymd(year, 1, 1);
  d.as_of_month = as_of.month();

  ledger::SummaryOptions options;
  options.unit_code = unit_code;
  options.as_of = as_of;
  auto summary = ledger::summarize(*ledger, options);
  if (!summary) return fail(std::move(summary.error()));
  JIXIAO_ASSERT(summary->units.size() == 1, "summary of one unit");
  const ledger::UnitSummary& us = summary->units.front();
  d.totals = Figures{us.totals.initial, us.totals.adjustments, us.totals.executed};
  d.executed_by_month = us.executed_by_month;
  for (const auto& row : us.rows) {
    if (!row.line) continue;
    d.lines.push_back({row.key, row.label, row.line->kind == model::ExpenditureKind::project,
                       row.line->fund_source,
                       Figures{row.totals.initial, row.totals.adjustments, row.totals.executed}});
  }

  auto narratives = store.narratives().narratives(unit_code, year);
  if (!narratives) return fail(std::move(narratives.error()));
  for (const auto& n : *narratives) {
    if (auto key = parse_narrative_key(n.key)) d.narratives[*key] = n.text;
  }

  // A people's-congress office: its suggestions figures, for 二（四）'s sentence (the deadline
  // rules do not enter that sentence, so the defaults serve).
  auto office = congress::is_office_unit(store, unit_code, year);
  if (!office) return fail(std::move(office.error()));
  if (*office) {
    auto f = congress::figures(store, year);
    if (!f) return fail(std::move(f.error()));
    if (f->suggestions.total > 0) d.congress = std::move(*f);
  }

  // Monitoring: the schedule by month end and the warnings of the year, on the stored schedule
  // (plan curves and spending plans, monitor::load_schedule) as `jixiao monitor` runs it.
  monitor::MonitorOptions mo;
  mo.as_of = as_of;
  mo.unit_code = unit_code;
  mo.schedule = schedule;
  const bool uniform = mo.schedule.curves().empty() && mo.schedule.plans().empty();
  auto monitored = monitor::run_monitor(*ledger, history, mo);
  if (monitored) {
    MonitorSeries series;
    std::array<Rate, 12> shares;
    if (uniform) {
      for (int m = 1; m <= 12; ++m)
        shares[static_cast<std::size_t>(m - 1)] =
            monitor::linear_share(year, end_of_month(year, m));
      series.method = std::string(monitor::chinese_name(monitor::ScheduleBasis::linear));
    } else {
      std::vector<Money> budgets;
      for (const auto& row : us.rows) budgets.push_back(row.totals.adjusted());
      shares = monitor::unit_schedule_by_month(*ledger, mo.schedule, *unit_id, budgets);
      // The schedules the unit's lines are on, e.g. "用款计划、全区进度计划".
      std::vector<monitor::ScheduleBasis> bases;
      for (const auto& ls : monitored->lines) {
        if (std::find(bases.begin(), bases.end(), ls.schedule_basis) == bases.end())
          bases.push_back(ls.schedule_basis);
      }
      std::sort(bases.begin(), bases.end(), std::greater<>());
      for (auto b : bases)
        series.method +=
            (series.method.empty() ? "" : "、") + std::string(monitor::chinese_name(b));
    }
    for (int m = 1; m <= 12; ++m) {
      const Rate share = shares[static_cast<std::size_t>(m - 1)];
      if (!share.defined()) continue;
      series.schedule[static_cast<std::size_t>(m - 1)] = Money::from_fen(
          divide_half_up(static_cast<__int128>(d.totals.adjusted().fen()) * share.numerator(),
                         share.denominator()));
    }
    const monitor::Forecast& f = monitored->figures.forecast;
    if (d.as_of_month < 12 && f.p90 > f.p10) {
      // The band opens from this month's cumulative figure to the year-end P10–P90.
      Money now_cum;
      for (int m = 0; m < d.as_of_month; ++m)
        now_cum += d.executed_by_month[static_cast<std::size_t>(m)];
      std::array<Money, 12> low{}, high{};
      for (int m = 0; m < 12; ++m) {
        int ahead = m + 1 - d.as_of_month;
        int left = 12 - d.as_of_month;
        auto at = [&](Money end) {
          if (ahead <= 0) return now_cum;
          return now_cum + Money::from_fen((end - now_cum).fen() * ahead / left);
        };
        low[static_cast<std::size_t>(m)] = at(f.p10);
        high[static_cast<std::size_t>(m)] = at(f.p90);
      }
      series.forecast_low = low;
      series.forecast_high = high;
    }
    d.monitor = series;
    for (const auto& w : monitored->warnings) {
      if (w.level == monitor::Level::none) continue;
      d.findings.push_back({FindingSource::monitoring, topic_of(w.kind), w.name + "：" + w.reason,
                            w.line_code.empty() ? std::string() : w.name,
                            std::string(monitor::to_string(w.kind))});
    }
  } else {
    d.gaps.push_back("执行监控未运行：" + monitored.error().message());
  }

  // Goals, their completion and their quality.
  auto sets = indicators::load_goals(store, unit_code, year);
  if (sets && !sets->empty()) {
    std::vector<GoalRow> rows;
    for (const auto& c : indicators::completions(*sets)) rows.push_back(goal_row(c));
    d.goals = std::move(rows);
    for (const auto& set : *sets) {
      if (!set.overall_target.empty() || !set.overall_result.empty()) {
        d.overall_goals[set.line_code] = OverallGoal{set.overall_target, set.overall_result};
      }
    }
    auto library = indicators::Library::load(store);
    auto previous = indicators::load_goals(store, unit_code, year - 1);
    if (library) {
      for (const auto& f : indicators::lint_goals(
               *sets, previous ? *previous : std::vector<model::GoalSet>{}, *library)) {
        if (f.severity == indicators::Severity::info) continue;
        std::string msg = f.message;
        while (msg.ends_with("。")) msg.resize(msg.size() - std::string("。").size());
        d.findings.push_back(
            {FindingSource::indicators, FindingTopic::indicators, msg, f.subject, f.rule});
      }
    }
  } else if (!sets) {
    d.gaps.push_back("绩效目标读取失败：" + sets.error().message());
  }
  d.scorecard = scorecard_of(store, scoring_year, unit_code, load_options, d.gaps);
  if (d.scorecard) {
    auto overrides = store.narratives().score_overrides(unit_code, year);
    if (!overrides) return fail(std::move(overrides.error()));
    JIXIAO_TRY(apply_overrides(*d.scorecard, *overrides, d.gaps));
  }
  return d;
}

// What every unit's report of a year reads alike, read once: the ledgers as scoring reads them
// (the year before's too, so that the report's live scorecard is the one `jixiao score` and the
// API compute), the stored schedule, and the same earlier years as `jixiao monitor` and the
// dashboard, so that the report's forecast is theirs.
struct Year {
  scoring::ScoringYear scoring;
  monitor::Schedule schedule;
  monitor::History history;
};

Result<Year> load_year(store::Store& store, int year) {
  auto scoring_year = scoring::ScoringYear::load(store, year);
  if (!scoring_year) return fail(std::move(scoring_year.error()));
  auto schedule = monitor::load_schedule(store, year);
  if (!schedule) return fail(std::move(schedule.error()));
  auto history = monitor::load_history(store, year);
  if (!history) return fail(std::move(history.error()));
  return Year{std::move(*scoring_year), std::move(*schedule), std::move(*history)};
}

}  // namespace

Result<ReportData> load_report_data(store::Store& store, const std::string& unit_code, int year,
                                    const LoadOptions& options) {
  auto y = load_year(store, year);
  if (!y) return fail(std::move(y.error()));
  return load_unit(store, y->scoring, y->schedule, y->history, unit_code, year, options);
}

Result<std::vector<ReportData>> load_all_report_data(store::Store& store, int year,
                                                     const LoadOptions& options) {
  auto y = load_year(store, year);
  if (!y) return fail(std::move(y.error()));
  const ledger::Ledger& ledger = y->scoring.ledger();
  std::vector<ReportData> out;
  for (std::size_t u = 0; u < ledger.units().size(); ++u) {
    if (ledger.unit_lines()[u].empty()) continue;
    auto d = load_unit(store, y->scoring, y->schedule, y->history, ledger.units()[u].code, year,
                       options);
    if (!d) return fail(std::move(d.error()));
    out.push_back(std::move(*d));
  }
  return out;
}

}  // namespace jixiao::report

namespace jixiao::report {

Result<int> import_narrative_dir(store::Store& store, const std::string& unit_code, int year,
                                 const std::string& dir, const std::string& user) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fail(Error::io("不是目录: " + dir, Location{.file = dir}));
  int stored = 0;
  for (NarrativeKey key : all_narrative_keys()) {
    fs::path file = fs::path(dir) / (std::string(to_string(key)) + ".txt");
    if (!fs::exists(file, ec)) continue;
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof())
      return fail(Error::io("无法读取", Location{.file = file.string()}));
    if (!text::valid_utf8(text))
      return fail(Error::io("不是 UTF-8 文本", Location{.file = file.string()}));
    JIXIAO_TRY(store.narratives().set_narrative(
        {unit_code, year, std::string(to_string(key)), text, "", user}));
    ++stored;
  }
  return stored;
}

}  // namespace jixiao::report

// report/builder.cpp — ReportData → Document: the seed's structure, its sentences generated from data.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.hpp"
#include "report/report.hpp"

namespace jixiao::report {
namespace {

const char* const k_digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (headings and 一是/二是 never go past 99).
std::string chinese_number(int n) {
  JIXIAO_ASSERT(n >= 1 && n <= 99, "chinese_number range");
  if (n < 10) return k_digits[n];
  std::string s = n / 10 == 1 ? "" : k_digits[n / 10];
  s += "十";
  s += k_digits[n % 10];
  return s;
}

// 98 → "98", 9.155 → "9.16", 9.5 → "9.5": scores are shown with at most two decimals.
std::string score_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(v * 100.0) / 100.0);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

bool full_marks(const ScoreRow& r) { return std::round(r.score * 100) >= std::round(r.weight * 100); }

// Narrative text → body paragraphs, one per non-empty line.
void add_narrative(Document& doc, const ReportData& d, NarrativeKey key) {
  auto it = d.narratives.find(key);
  bool any = false;
  if (it != d.narratives.end()) {
    for (const auto& part : text::split(it->second, '\n')) {
      auto t = std::string(text::trim(part));
      if (t.empty()) continue;
      doc.add(Paragraph{t});
      any = true;
    }
  }
  if (!any) {
    std::string what = std::string(chinese_name(key));
    doc.add(Paragraph{"（本部分“" + what + "”尚未填写。）", ParagraphStyle::pending});
    doc.gaps.push_back("未填写“" + what + "”");
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// "一是…。二是…。" from items without a final 。.
std::string enumerate(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += chinese_number(static_cast<int>(i) + 1) + "是" + items[i] + "。";
  }
  return out;
}

Cell c(std::string t, CellAlign a = CellAlign::left, bool bold = false, int span = 1) {
  return Cell{std::move(t), span, a, bold};
}
Cell num(std::string t) { return Cell{std::move(t), 1, CellAlign::right, false}; }
Cell head(std::string t, int span = 1) { return Cell{std::move(t), span, CellAlign::center, true}; }

// The dimension a score row belongs to, as the seed names them (采购管理, 资金管理 …).
std::string dimension_of(const ScoreRow& r) { return r.level2.empty() ? r.level1 : r.level2; }

struct Dimension {
  std::string name;
  double weight = 0;
  double score = 0;
  double undetermined = 0;
  std::vector<std::string> lost;  // "支出进度扣2.51分"
};

std::vector<Dimension> dimensions(const Scorecard& card) {
  std::vector<Dimension> out;
  for (const auto& r : card.rows) {
    auto name = dimension_of(r);
    auto it = std::find_if(out.begin(), out.end(), [&](const Dimension& x) { return x.name == name; });
    if (it == out.end()) {
      out.push_back({name});
      it = out.end() - 1;
    }
    it->weight += r.weight;
    it->score += r.score;
    if (!r.determined) {
      it->undetermined += r.weight;
    } else if (!full_marks(r)) {
      it->lost.push_back((r.level3.empty() ? name : r.level3) + "扣" + score_text(r.weight - r.score) + "分");
    }
  }
  return out;
}

std::string funds_breakdown(const ReportData& d) {
  Figures basic, project;
  bool any_basic = false, any_project = false;
  for (const auto& l : d.lines) {
    Figures& f = l.project ? project : basic;
    (l.project ? any_project : any_basic) = true;
    f.initial += l.figures.initial;
    f.adjustments += l.figures.adjustments;
    f.executed += l.figures.executed;
  }
  std::string s = "其中，年初预算数" + format_wan(d.totals.initial) + "万元";
  if (d.totals.adjustments.is_zero()) {
    s += "，年度中未调整预算";
  } else if (d.totals.adjustments.is_negative()) {
    s += "，年度中调减" + format_wan(-d.totals.adjustments) + "万元";
  } else {
    s += "，年度中追加" + format_wan(d.totals.adjustments) + "万元";
  }
  auto part = [](const char* name, const Figures& f) {
    return std::string(name) + "全年预算数" + format_wan(f.adjusted()) + "万元、执行数" + format_wan(f.executed) +
           "万元，执行率" + f.rate().percent_text(1);
  };
  if (any_basic) s += "；" + part("基本支出", basic);
  if (any_project) s += "；" + part("项目支出", project);
  s += "；年末结余" + format_wan(d.totals.adjusted() - d.totals.executed) + "万元。";
  return s;
}

Table funds_table(const ReportData& d) {
  Table t;
  t.caption = "部门整体收支情况表（单位：万元）";
  t.widths = {3.2, 1.3, 1.4, 1.4, 1.4, 1.1};
  t.header.push_back({head("项目"), head("支出类型"), head("年初预算数"), head("全年预算数"), head("执行数"),
                      head("执行率")});
  for (const auto& l : d.lines) {
    t.rows.push_back({c(l.name), c(l.project ? "项目支出" : "基本支出", CellAlign::center),
                      num(format_wan(l.figures.initial)), num(format_wan(l.figures.adjusted())),
                      num(format_wan(l.figures.executed)), num(l.figures.rate().percent_text(1))});
  }
  t.rows.push_back({c("合计", CellAlign::center, true, 2), num(format_wan(d.totals.initial)),
                    num(format_wan(d.totals.adjusted())), num(format_wan(d.totals.executed)),
                    num(d.totals.rate().percent_text(1))});
  return t;
}

// "甲、乙、丙等5个项目": the first three names (findings come sorted by money at risk).
std::string some_names(const std::vector<std::string>& names, std::string_view what) {
  std::vector<std::string> first(names.begin(), names.begin() + static_cast<long>(std::min<std::size_t>(3, names.size())));
  std::string s = join(first, "、");
  if (names.size() > 3) s += "等" + std::to_string(names.size()) + "个" + std::string(what);
  return s;
}

std::vector<std::string> subjects(const std::vector<Finding>& findings, FindingTopic topic, FindingSource source) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.topic != topic || f.source != source || f.subject.empty()) continue;
    if (std::find(out.begin(), out.end(), f.subject) == out.end()) out.push_back(f.subject);
  }
  return out;
}

std::vector<std::string> texts_without_subject(const std::vector<Finding>& findings, FindingTopic topic) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.topic == topic && f.subject.empty() && f.source != FindingSource::monitoring) out.push_back(f.text);
  }
  return out;
}

// The problems, one per topic as the seed writes them, each with the figures behind it;
// and the topics, which choose the measures.
struct Draft {
  std::vector<std::string> problems;
  std::vector<FindingTopic> topics;
};

Draft draft_problems(const ReportData& d) {
  Draft draft;
  auto add = [&](FindingTopic topic, std::string text) {
    draft.problems.push_back(std::move(text));
    if (std::find(draft.topics.begin(), draft.topics.end(), topic) == draft.topics.end()) draft.topics.push_back(topic);
  };
  const auto& f = d.findings;
  bool year_over = d.as_of_month == 12;
  Money budget = d.totals.adjusted();

  // Execution: the unit's completion, then the lines monitoring flagged.
  std::vector<std::string> parts;
  if (year_over && budget.fen() > 0 && d.totals.executed < budget) {
    parts.push_back("全年预算完成率为" + d.totals.rate().percent_text(1) + "，未达到100%，结余" +
                    format_wan(budget - d.totals.executed) + "万元");
  }
  auto late = subjects(f, FindingTopic::execution, FindingSource::monitoring);
  if (!late.empty()) parts.push_back(some_names(late, "项目") + "执行进度落后序时进度");
  for (auto& t : texts_without_subject(f, FindingTopic::execution)) parts.push_back(t);
  if (!parts.empty()) add(FindingTopic::execution, "预算的合理性和执行力度还需加强，" + join(parts, "；"));

  // Pace: more than a quarter of the year's spending in December, or under 40 % of the
  // budget by June — what the seed calls 项目资金支出进度分配不均.
  if (year_over && d.totals.executed.fen() > 0) {
    Rate december = Rate::of(d.executed_by_month[11], d.totals.executed);
    Money first_half;
    for (std::size_t m = 0; m < 6; ++m) first_half += d.executed_by_month[m];
    Rate half = Rate::of(first_half, budget);
    if (december.compare(Rate(1, 4)) == std::strong_ordering::greater ||
        (half.defined() && half.compare(Rate(2, 5)) == std::strong_ordering::less)) {
      add(FindingTopic::execution, "资金支出进度分配不均，上半年累计执行" + half.percent_text(1) + "，12月支出占全年执行数的" +
                                       december.percent_text(1));
    }
  }

  // Budgeting: lines adjusted often or by much.
  auto adjusted = subjects(f, FindingTopic::budgeting, FindingSource::monitoring);
  std::vector<std::string> budgeting_parts;
  if (!adjusted.empty()) budgeting_parts.push_back(some_names(adjusted, "项目") + "年度中预算调整幅度较大或调整频繁");
  for (auto& t : texts_without_subject(f, FindingTopic::budgeting)) budgeting_parts.push_back(t);
  if (!budgeting_parts.empty()) add(FindingTopic::budgeting, "预算编制工作有待细化，" + join(budgeting_parts, "；"));

  // Indicators: the lint findings, counted, with the first as the example.
  std::vector<const Finding*> lint;
  for (const auto& x : f) {
    if (x.topic == FindingTopic::indicators) lint.push_back(&x);
  }
  if (lint.size() == 1) {
    add(FindingTopic::indicators, "绩效指标设置有待优化：" + lint.front()->text);
  } else if (!lint.empty()) {
    add(FindingTopic::indicators, "绩效指标设置有待优化，指标检查发现" + std::to_string(lint.size()) + "处问题，如" +
                                      lint.front()->text);
  }

  // Scoring deductions not already said above (execution rows are, with their figures).
  if (d.scorecard) {
    std::vector<std::string> lost;
    for (const auto& r : d.scorecard->rows) {
      if (!r.determined || full_marks(r)) continue;
      bool execution = r.level3.find("执行") != std::string::npos || r.level3.find("完成率") != std::string::npos ||
                       r.level3.find("进度") != std::string::npos || r.level3.find("结转") != std::string::npos;
      if (execution && std::find(draft.topics.begin(), draft.topics.end(), FindingTopic::execution) != draft.topics.end()) {
        continue;
      }
      lost.push_back((r.level3.empty() ? dimension_of(r) : r.level3) + "扣" + score_text(r.weight - r.score) + "分");
    }
    if (!lost.empty()) add(FindingTopic::management, "自评扣分项有" + join(lost, "、"));
  }
  for (auto& t : texts_without_subject(f, FindingTopic::management)) add(FindingTopic::management, t);

  // Goals not met.
  if (d.goals) {
    std::vector<std::string> unmet;
    for (const auto& g : *d.goals) {
      if (!g.met && std::find(unmet.begin(), unmet.end(), g.name) == unmet.end()) unmet.push_back(g.name);
    }
    if (!unmet.empty()) {
      add(FindingTopic::other, "对绩效理念理解还不够深入，绩效目标“" + join(unmet, "”“") +
                                   "”未完全实现，与高质量完成绩效目标还存在一定差距");
    }
  }
  for (auto& t : texts_without_subject(f, FindingTopic::other)) add(FindingTopic::other, t);
  return draft;
}

std::string_view measure_for(FindingTopic topic) {
  switch (topic) {
    case FindingTopic::execution:
      return "加强项目支出计划管理，强化预算支出进度控制；科学预判资金使用情况，对不能按预期计划支出的项目，"
             "及时进行调整，确保财政资金使用效益最大化";
    case FindingTopic::budgeting:
      return "细化预算编制，提高预算编制的科学性和合理性，合理进行预算资金调整";
    case FindingTopic::indicators:
      return "进一步梳理绩效指标库，优化细化绩效指标，建立动态、规范、科学的指标管理系统，使项目绩效目标、"
             "绩效指标更加客观地反映项目资金的运用效果，提升绩效评价管理水平";
    case FindingTopic::management:
      return "健全内部管理制度，规范采购、资产和信息公开管理，确保各项支出严格按制度执行";
    case FindingTopic::other:
      break;
  }
  return "对未完成的绩效目标逐项分析原因、落实整改，确保按时完成年度绩效目标";
}

void add_problems_and_measures(Document& doc, const ReportData& d) {
  doc.add(Heading{1, "三、", "存在的主要问题"});
  Draft draft = draft_problems(d);
  auto problems = d.narratives.find(NarrativeKey::problems);
  if (problems != d.narratives.end() && !text::trim(problems->second).empty()) {
    add_narrative(doc, d, NarrativeKey::problems);
  } else if (draft.problems.empty()) {
    doc.add(Paragraph{"根据评分扣分、指标质量检查和执行监控结果，本年度未发现需要说明的问题。"});
  } else {
    doc.add(Paragraph{"发现的问题及原因主要是：" + enumerate(draft.problems)});
  }

  doc.add(Heading{1, "四、", "下一步改进措施"});
  auto measures = d.narratives.find(NarrativeKey::measures);
  if (measures != d.narratives.end() && !text::trim(measures->second).empty()) {
    add_narrative(doc, d, NarrativeKey::measures);
    return;
  }
  std::vector<std::string> items;
  // The indicator system first, as the seed does: it is what the department lacks most.
  for (FindingTopic topic : {FindingTopic::indicators, FindingTopic::execution, FindingTopic::budgeting,
                             FindingTopic::management, FindingTopic::other}) {
    if (std::find(draft.topics.begin(), draft.topics.end(), topic) != draft.topics.end()) {
      items.emplace_back(measure_for(topic));
    }
  }
  if (items.empty()) items.emplace_back(measure_for(FindingTopic::indicators));
  doc.add(Paragraph{enumerate(items)});
}

Table score_table(const ReportData& d, const Scorecard& card) {
  Table t;
  t.caption = std::to_string(d.year) + "年度" + d.unit_name + "部门整体支出绩效自评表";
  t.widths = {1.3, 1.6, 2.2, 0.8, 0.9, 3.2};
  t.header.push_back({head("一级指标"), head("二级指标"), head("三级指标"), head("分值"), head("自评得分"),
                      head("扣分原因和其他说明")});
  for (const auto& r : card.rows) {
    std::string reason = !r.determined ? "未评定：" + r.reason : r.reason.empty() && full_marks(r) ? "无扣分" : r.reason;
    t.rows.push_back({c(r.level1), c(r.level2), c(r.level3), num(score_text(r.weight)),
                      r.determined ? num(score_text(r.score)) : c("未评定", CellAlign::center), c(reason)});
  }
  std::string total = score_text(card.total);
  t.rows.push_back({c("合计", CellAlign::center, true, 3), num(score_text(card.full)), num(total),
                    c(card.grade.empty() ? "" : "等级：" + card.grade)});
  return t;
}

Table goals_table(const ReportData& d, const std::vector<GoalRow>& goals) {
  Table t;
  t.caption = std::to_string(d.year) + "年度" + d.unit_name + "绩效目标完成情况表";
  t.widths = {1.5, 1.1, 1.1, 2.0, 1.1, 1.1, 1.0, 2.0};
  t.header.push_back({head("所属项目"), head("一级指标"), head("二级指标"), head("三级指标"), head("年度指标值"),
                      head("实际完成值"), head("完成情况"), head("偏差原因分析及改进措施")});
  for (const auto& g : goals) {
    std::string project = "部门整体";
    for (const auto& l : d.lines) {
      if (!g.line_code.empty() && l.code == g.line_code) project = l.name;
    }
    t.rows.push_back({c(project), c(g.level1), c(g.level2), c(g.name), c(g.target, CellAlign::center),
                      c(g.actual.empty() ? "未填报" : g.actual, CellAlign::center),
                      c(g.completion, CellAlign::center), c(g.deviation.empty() && g.met ? "—" : g.deviation)});
  }
  return t;
}

// "召开常委会会议8次" from the indicator name and its actual.
std::string achievement(const GoalRow& g) { return g.name + g.actual; }

}  // namespace

std::string funds_sentence(const Figures& totals) {
  return "我单位全年预算数" + format_wan(totals.adjusted()) + "万元，执行数" + format_wan(totals.executed) +
         "万元，完成预算的" + totals.rate().percent_text(1) + "。";
}

Chart make_chart(const ReportData& d) {
  Chart chart;
  chart.title = std::to_string(d.year) + "年累计执行进度与序时进度（万元）";
  chart.year = d.year;
  chart.budget = d.totals.adjusted();
  Money sum;
  for (int m = 0; m < 12; ++m) {
    sum += d.executed_by_month[static_cast<std::size_t>(m)];
    if (m < d.as_of_month) chart.executed[static_cast<std::size_t>(m)] = sum;
  }
  if (d.monitor) {
    chart.schedule = d.monitor->schedule;
    chart.forecast_low = d.monitor->forecast_low;
    chart.forecast_high = d.monitor->forecast_high;
  } else {
    // Even progress by month end (m / 12 of the budget), rounded half-up to the 分.
    for (int m = 0; m < 12; ++m) {
      chart.schedule[static_cast<std::size_t>(m)] =
          Money::from_fen(divide_half_up(static_cast<__int128>(chart.budget.fen()) * (m + 1), 12));
    }
  }
  return chart;
}

Document build_overall_report(const ReportData& d) {
  Document doc;
  doc.kind = ReportKind::overall;
  doc.unit_code = d.unit_code;
  doc.unit_name = d.unit_name;
  doc.year = d.year;
  doc.title = std::to_string(d.year) + "年度" + d.unit_name + "部门整体支出绩效自评报告";
  doc.gaps = d.gaps;

  doc.add(Heading{1, "一、", "基本情况"});
  doc.add(Heading{2, "（一）", "部门概况"});
  add_narrative(doc, d, NarrativeKey::profile);
  doc.add(Heading{2, "（二）", "年度总体工作和重点工作任务"});
  add_narrative(doc, d, NarrativeKey::annual_work);
  doc.add(Heading{2, "（三）", "部门整体收支情况"});
  doc.add(Paragraph{funds_sentence(d.totals)});
  if (!d.lines.empty()) {
    doc.add(Paragraph{funds_breakdown(d)});
    doc.add(funds_table(d));
  }
  Chart chart = make_chart(d);
  doc.add(chart);
  {
    std::string note = "数据说明：执行数为国库支付数，按月累计；序时进度";
    note += d.monitor && !d.monitor->method.empty() ? "按" + d.monitor->method + "计算" : "按全年预算逐月均匀计算";
    if (chart.forecast_low) note += "；阴影为执行监控给出的年末执行预测区间";
    doc.add(Paragraph{note + "。", ParagraphStyle::note});
  }
  doc.add(Heading{2, "（四）", "部门整体绩效管理情况"});
  add_narrative(doc, d, NarrativeKey::performance_management);

  doc.add(Heading{1, "二、", "综合评价分析"});
  doc.add(Heading{2, "（一）", "自评结论综述"});
  if (d.scorecard) {
    std::string s = "本单位" + std::to_string(d.year) + "年部门整体支出绩效自评为" + score_text(d.scorecard->total) + "分。";
    if (!d.scorecard->grade.empty()) s += "自评等级为“" + d.scorecard->grade + "”。";
    if (d.scorecard->undetermined > 0) {
      s += "另有" + score_text(d.scorecard->undetermined) + "分因缺少数据尚未评定。";
      doc.gaps.push_back("评分不完整：" + score_text(d.scorecard->undetermined) + " 分未评定");
    }
    doc.add(Paragraph{s});
    if (!d.scorecard->source.empty()) doc.add(Paragraph{"数据说明：自评得分" + d.scorecard->source + "。", ParagraphStyle::note});
  } else {
    doc.add(Paragraph{"本单位" + std::to_string(d.year) + "年部门整体支出绩效尚无自评得分（评分数据未提供）。",
                      ParagraphStyle::pending});
    doc.gaps.push_back("无评分数据：自评得分、自评表从缺");
  }

  doc.add(Heading{2, "（二）", "各项工作任务绩效目标完成情况分析"});
  bool analysed = false;
  if (d.scorecard) {
    std::vector<std::string> good;
    std::vector<std::string> short_parts;
    for (const auto& dim : dimensions(*d.scorecard)) {
      if (dim.undetermined > 0) {
        short_parts.push_back("在" + dim.name + "方面尚有" + score_text(dim.undetermined) + "分因缺少数据未评定");
      } else if (std::round(dim.score * 100) >= std::round(dim.weight * 100)) {
        good.push_back(dim.name);
      } else {
        std::string part = "在" + dim.name + "方面得" + score_text(dim.score) + "分（满分" + score_text(dim.weight) + "分）";
        if (!dim.lost.empty()) part += "，" + join(dim.lost, "、");
        short_parts.push_back(part);
      }
    }
    std::string s = "单位整体支出绩效目标实现情况按“" +
                    (d.scorecard->framework.empty() ? std::string("部门整体支出绩效评价指标体系") : d.scorecard->framework) +
                    "”逐项评价。";
    if (!good.empty()) s += "在" + join(good, "、") + "方面较规范，均达到评分标准；";
    if (!short_parts.empty()) s += join(short_parts, "；") + "，后续将加强。";
    if (s.ends_with("；")) s.replace(s.size() - std::string("；").size(), std::string("；").size(), "。");
    doc.add(Paragraph{s});
    analysed = true;
  }
  if (d.goals && !d.goals->empty()) {
    int met = 0, entered = 0;
    std::vector<std::string> unmet;
    for (const auto& g : *d.goals) {
      if (!g.actual.empty()) ++entered;
      if (g.met && !g.actual.empty()) ++met;
      if (!g.met) unmet.push_back(g.name);
    }
    std::string s = "全年设定绩效指标" + std::to_string(d.goals->size()) + "个，已填报完成值" + std::to_string(entered) +
                    "个，达到目标值" + std::to_string(met) + "个";
    s += unmet.empty() ? "，全年各项工作任务总体绩效目标完成情况较好。" : "，未达到目标值的有“" + join(unmet, "”“") + "”。";
    doc.add(Paragraph{s});
    analysed = true;
  }
  if (!analysed) {
    doc.add(Paragraph{"（尚无评分和绩效目标数据，本节待评分完成后生成。）", ParagraphStyle::pending});
  }
  if (!d.goals) doc.gaps.push_back("无绩效目标数据：目标完成情况表从缺");

  doc.add(Heading{2, "（三）", "各重点任务项目支出完成情况分析"});
  std::vector<const LineFigures*> projects;
  for (const auto& l : d.lines) {
    if (l.project) projects.push_back(&l);
  }
  std::stable_sort(projects.begin(), projects.end(), [](const LineFigures* a, const LineFigures* b) {
    return a->figures.adjusted() > b->figures.adjusted();
  });
  if (projects.empty()) doc.add(Paragraph{"本年度无项目支出。"});
  for (const LineFigures* p : projects) {
    std::string s = p->name + (p->name.ends_with("项目") ? "" : "项目") + std::to_string(d.year) + "年全年预算数" +
                    format_wan(p->figures.adjusted()) + "万元，执行数" + format_wan(p->figures.executed) + "万元，执行率" +
                    p->figures.rate().percent_text(1) + "。";
    if (d.goals) {
      std::vector<std::string> done;
      std::vector<std::string> missed;
      for (const auto& g : *d.goals) {
        if (g.line_code != p->code || g.actual.empty()) continue;
        if (g.level1.find("产出") != std::string::npos || g.level1.empty()) done.push_back(achievement(g));
        if (!g.met) missed.push_back(g.name);
      }
      if (!done.empty()) s += "本年度" + join(done, "，") + "。";
      if (!missed.empty()) s += "未达到目标值的指标：" + join(missed, "、") + "。";
    }
    doc.add(Paragraph{s});
  }

  doc.add(Heading{2, "（四）", "主要工作成效"});
  add_narrative(doc, d, NarrativeKey::achievements);

  add_problems_and_measures(doc, d);

  doc.add(PageBreak{});
  doc.add(Paragraph{"附件1", ParagraphStyle::flush});
  if (d.scorecard) {
    doc.add(score_table(d, *d.scorecard));
  } else {
    doc.add(Paragraph{"部门整体支出绩效自评表：尚无评分数据。", ParagraphStyle::pending});
  }
  doc.add(Paragraph{"附件2", ParagraphStyle::flush});
  if (d.goals && !d.goals->empty()) {
    doc.add(goals_table(d, *d.goals));
  } else {
    doc.add(Paragraph{"绩效目标完成情况表：尚无绩效目标数据。", ParagraphStyle::pending});
  }
  return doc;
}

Result<Document> build_project_report(const ReportData& d, const std::string& line_code) {
  auto it = std::find_if(d.lines.begin(), d.lines.end(), [&](const LineFigures& l) { return l.code == line_code; });
  if (it == d.lines.end()) {
    return fail(Error::not_found("单位 " + d.unit_code + " 在 " + std::to_string(d.year) + " 年没有预算项目 " + line_code,
                                 Location{.field = "line"}));
  }
  const LineFigures& line = *it;
  Document doc;
  doc.kind = ReportKind::project;
  doc.unit_code = d.unit_code;
  doc.unit_name = d.unit_name;
  doc.year = d.year;
  doc.title = std::to_string(d.year) + "年度项目支出绩效自评表";
  doc.gaps = d.gaps;

  const Figures& f = line.figures;
  // 执行率 item: 10 points × rate, capped at 10 (proportional rule, frameworks.md M4).
  double rate = std::min(1.0, f.rate().to_double());
  double exec_score = std::round(10.0 * rate * 100.0) / 100.0;

  Table head_t;
  head_t.widths = {1.6, 1.4, 1.4, 1.4, 0.9, 1.1, 0.9};
  head_t.header.push_back({c("项目名称", CellAlign::center, true), c(line.name, CellAlign::left, false, 6)});
  head_t.rows.push_back({c("主管部门", CellAlign::center, true),
                         c(d.department_name.empty() ? d.unit_name : d.department_name, CellAlign::left, false, 2),
                         c("实施单位", CellAlign::center, true), c(d.unit_name, CellAlign::left, false, 3)});
  head_t.rows.push_back({head("项目资金（万元）"), head("年初预算数"), head("全年预算数"), head("全年执行数"),
                         head("分值"), head("执行率"), head("得分")});
  head_t.rows.push_back({c("年度资金总额"), num(format_wan(f.initial)), num(format_wan(f.adjusted())),
                         num(format_wan(f.executed)), num("10"), num(f.rate().percent_text(1)), num(score_text(exec_score))});
  bool fiscal = line.fund_source.empty() || line.fund_source.find("财政") != std::string::npos ||
                line.fund_source.find("一般公共预算") != std::string::npos;
  auto zero = format_wan(Money{});
  head_t.rows.push_back({c("其中：当年财政拨款"), num(fiscal ? format_wan(f.initial) : zero),
                         num(fiscal ? format_wan(f.adjusted()) : zero), num(fiscal ? format_wan(f.executed) : zero),
                         c("—", CellAlign::center), c("—", CellAlign::center), c("—", CellAlign::center)});
  head_t.rows.push_back({c("上年结转资金"), num(zero), num(zero), num(zero), c("—", CellAlign::center),
                         c("—", CellAlign::center), c("—", CellAlign::center)});
  head_t.rows.push_back({c("其他资金"), num(fiscal ? zero : format_wan(f.initial)),
                         num(fiscal ? zero : format_wan(f.adjusted())), num(fiscal ? zero : format_wan(f.executed)),
                         c("—", CellAlign::center), c("—", CellAlign::center), c("—", CellAlign::center)});
  doc.add(head_t);

  std::vector<const GoalRow*> goals;
  if (d.goals) {
    for (const auto& g : *d.goals) {
      if (g.line_code == line.code) goals.push_back(&g);
    }
  }
  Table ind;
  ind.caption = "绩效指标";
  ind.widths = {1.0, 1.1, 2.0, 1.2, 1.2, 0.7, 0.7, 2.1};
  ind.header.push_back({head("一级指标"), head("二级指标"), head("三级指标"), head("年度指标值"), head("实际完成值"),
                        head("分值"), head("得分"), head("偏差原因分析及改进措施")});
  double total = exec_score;
  bool all_scored = true;
  for (const GoalRow* g : goals) {
    if (g->score) total += *g->score; else all_scored = false;
    ind.rows.push_back({c(g->level1), c(g->level2), c(g->name), c(g->target, CellAlign::center),
                        c(g->actual.empty() ? "未填报" : g->actual, CellAlign::center),
                        num(g->weight > 0 ? score_text(g->weight) : "—"), num(g->score ? score_text(*g->score) : "—"),
                        c(g->deviation.empty() && g->met ? "—" : g->deviation)});
  }
  if (goals.empty()) {
    ind.rows.push_back({c("（该项目尚无绩效目标数据）", CellAlign::center, false, 8)});
    all_scored = false;
    doc.gaps.push_back("项目 " + line.code + " 无绩效目标数据");
  }
  ind.rows.push_back({c("总分", CellAlign::center, true, 5), num("100"),
                      num(all_scored ? score_text(total) : "—"), c(all_scored ? "" : "指标得分未全部提供，总分从缺")});
  doc.add(ind);
  doc.add(Paragraph{"注：执行率得分＝分值×执行率（不超过分值）；金额单位为万元。", ParagraphStyle::note});
  return doc;
}

}  // namespace jixiao::report

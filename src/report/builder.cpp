// report/builder.cpp — ReportData → Document: the seed's structure, its sentences generated from
// data.
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

bool full_marks(const ScoreRow& r) {
  return std::round(r.score * 100) >= std::round(r.weight * 100);
}

// Number of characters of UTF-8 text (CJK and ASCII alike).
int chars(std::string_view s) {
  return static_cast<int>(text::characters(s));  // a paragraph's length fits
}

// "GY001 预算执行率" → "预算执行率": scoring names sub-items with their codes; the document never
// does.
std::string without_code(std::string name) {
  std::size_t i = 0;
  while (i < name.size() && ((name[i] >= 'A' && name[i] <= 'Z') ||
                             (name[i] >= '0' && name[i] <= '9') || name[i] == '.'))
    ++i;
  if (i > 0 && i < name.size() && (name[i] == ' ' || name.compare(i, 3, "：") == 0)) {
    name.erase(0, name[i] == ' ' ? i + 1 : i + 3);
  }
  return name;
}

bool about_execution_rate(const ScoreRow& r) {
  return r.level3.find("完成率") != std::string::npos ||
         r.level3.find("执行率") != std::string::npos;
}

// 扣分原因 of the 自评表 as a department writes it: one short official sentence, no codes,
// file names or arithmetic ("预算完成率91.6%，未达100%，扣2分。"). The trace stays in `jixiao
// score`.
std::string official_reason(const ScoreRow& r, const ReportData& d) {
  if (!r.determined) return "缺少评分依据，暂未评定。";
  std::string lost = score_text(r.weight - r.score);
  if (r.overridden()) {
    std::string why = r.override_reason;
    while (why.ends_with("。")) why.resize(why.size() - 3);
    return full_marks(r) ? why + "。" : why + "，扣" + lost + "分。";
  }
  if (r.not_applicable) return "本年度不涉及，按满分计。";
  if (full_marks(r)) return "无扣分。";
  if (about_execution_rate(r) && d.totals.adjusted().fen() > 0) {
    std::string name = r.level3.find("完成率") != std::string::npos ? "预算完成率" : "预算执行率";
    return name + d.totals.rate().percent_text(1) + "，未达100%，扣" + lost + "分。";
  }
  if (!r.lost_parts.empty()) {
    std::vector<std::string> names;
    for (const auto& part : r.lost_parts) {
      auto at = part.rfind("扣");
      names.push_back("“" + without_code(at == std::string::npos ? part : part.substr(0, at)) +
                      "”");
    }
    std::string s;
    for (const auto& n : names) s += n;
    return s + "未达到目标值，扣" + lost + "分。";
  }
  // The 三级指标 column already names the indicator: the sentence need not repeat it.
  return "未完全达到评分标准，扣" + lost + "分。";
}

// Narrative text → body paragraphs, one per non-empty line.
void add_narrative_text(Document& doc, NarrativeKey key, const std::string& narrative) {
  bool any = false;
  for (const auto& part : text::split(narrative, '\n')) {
    auto t = std::string(text::trim(part));
    if (t.empty()) continue;
    doc.add(Paragraph{t});
    any = true;
  }
  if (!any) {
    std::string what = std::string(chinese_name(key));
    doc.add(Paragraph{"（本部分“" + what + "”尚未填写。）", ParagraphStyle::pending});
    doc.gaps.push_back("未填写“" + what + "”");
  }
}

void add_narrative(Document& doc, const ReportData& d, NarrativeKey key) {
  auto it = d.narratives.find(key);
  add_narrative_text(doc, key, it == d.narratives.end() ? std::string() : it->second);
}

// Where 主要工作成效 puts the sentence about the deputies' suggestions (docs/report.md).
constexpr std::string_view k_suggestions_mark = "〔代表建议办理情况〕";

// 二（四）主要工作成效: the narrative, with a people's-congress office's sentence about the
// deputies' suggestions computed from the register (congress::suggestions_sentence) in place
// of the mark, or after the narrative when it has none: figures are not typed by hand.
void add_achievements(Document& doc, const ReportData& d) {
  auto it = d.narratives.find(NarrativeKey::achievements);
  std::string text = it == d.narratives.end() ? std::string() : it->second;
  const auto mark = text.find(k_suggestions_mark);
  if (!d.congress) {
    if (mark != std::string::npos) {
      text.erase(mark, k_suggestions_mark.size());
      doc.gaps.push_back(
          "“主要工作成效”引用了代表建议办理情况，但本年度没有交办代表建议的登记数据");
    }
  } else if (mark != std::string::npos) {
    text.replace(mark, k_suggestions_mark.size(), congress::suggestions_sentence(*d.congress));
  } else {
    if (text.find("交办代表建议") != std::string::npos) {
      doc.gaps.push_back(
          "“主要工作成效”手写了代表建议件数；系统已按代表建议登记生成该句，请删去手写的句子或在其位"
          "置写" +
          std::string(k_suggestions_mark));
    }
    // An unwritten section stays flagged: the computed sentence is not the office's narrative.
    if (text::trim(text).empty())
      doc.gaps.push_back("未填写“" + std::string(chinese_name(NarrativeKey::achievements)) + "”");
    text += "\n" + congress::suggestions_sentence(*d.congress);
  }
  add_narrative_text(doc, NarrativeKey::achievements, text);
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
    auto it =
        std::find_if(out.begin(), out.end(), [&](const Dimension& x) { return x.name == name; });
    if (it == out.end()) {
      out.push_back({name});
      it = out.end() - 1;
    }
    it->weight += r.weight;
    it->score += r.score;
    if (!r.determined) {
      it->undetermined += r.weight;
    } else if (!full_marks(r)) {
      it->lost.push_back((r.level3.empty() ? name : r.level3) + "扣" +
                         score_text(r.weight - r.score) + "分");
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
    return std::string(name) + "全年预算数" + format_wan(f.adjusted()) + "万元、执行数" +
           format_wan(f.executed) + "万元，执行率" + f.rate().percent_text(1);
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
  t.header.push_back({head("项目"), head("支出类型"), head("年初预算数"), head("全年预算数"),
                      head("执行数"), head("执行率")});
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
  std::vector<std::string> first(
      names.begin(), names.begin() + static_cast<long>(std::min<std::size_t>(3, names.size())));
  std::string s = join(first, "、");
  if (names.size() > 3)
    s += "等" + std::to_string(names.size()) + "个" + std::string(what);
  else
    s += std::string(what);
  return s;
}

std::vector<std::string> subjects(const std::vector<Finding>& findings, FindingTopic topic,
                                  FindingSource source) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.topic != topic || f.source != source || f.subject.empty()) continue;
    if (std::find(out.begin(), out.end(), f.subject) == out.end()) out.push_back(f.subject);
  }
  return out;
}

// Only 项目支出 lines are projects: basic lines flagged by monitoring are not counted as such.
std::vector<std::string> project_subjects(const ReportData& d, FindingTopic topic) {
  std::vector<std::string> out;
  for (const auto& name : subjects(d.findings, topic, FindingSource::monitoring)) {
    for (const auto& l : d.lines) {
      if (l.project && l.name == name) {
        out.push_back(name);
        break;
      }
    }
  }
  return out;
}

const LineFigures* line_named(const ReportData& d, const std::string& name) {
  for (const auto& l : d.lines) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

// The project lines the report must explain: behind schedule (monitoring) or with a goal not met.
std::vector<const LineFigures*> lagging_projects(const ReportData& d) {
  std::vector<const LineFigures*> out;
  auto add = [&](const LineFigures* l) {
    if (l && l->project && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  };
  for (const auto& name : project_subjects(d, FindingTopic::execution)) add(line_named(d, name));
  if (d.goals) {
    for (const auto& g : *d.goals) {
      if (g.met || g.line_code.empty()) continue;
      for (const auto& l : d.lines) {
        if (l.code == g.line_code) add(&l);
      }
    }
  }
  return out;
}

// The deviation reason of a line, from its goals' 偏差原因 (the part before "改进"), without a
// final 。.
std::string deviation_of(const ReportData& d, const std::string& line_code, bool measure) {
  if (!d.goals) return {};
  for (const auto& g : *d.goals) {
    if (g.line_code != line_code || g.deviation.empty()) continue;
    std::string text = g.deviation;
    // "原因…；改进: 措施…" — the cause for 二（三）/三, the measure for 四.
    std::size_t at = std::string::npos;
    for (std::string_view key : {"改进措施：", "改进措施:", "改进：", "改进:"}) {
      at = text.find(key);
      if (at != std::string::npos) {
        std::string cause = text.substr(0, at), fix = text.substr(at + key.size());
        text = measure ? fix : cause;
        break;
      }
    }
    if (measure && at == std::string::npos) continue;
    while (!text.empty() && (text.ends_with("。") || text.ends_with("；")))
      text.resize(text.size() - 3);
    text = std::string(text::trim(text));
    if (!text.empty()) return text;
  }
  return {};
}

// The official wording of an indicator-check finding, by its rule (the message carries codes).
std::string_view lint_wording(std::string_view rule) {
  if (rule == "goal.min-indicators") return "部分项目绩效指标数量偏少";
  if (rule == "goal.quantitative-share") return "部分项目定量指标占比偏低";
  if (rule == "goal.quantitative-without-unit") return "部分定量指标缺少计量单位";
  if (rule == "goal.quantitative-without-target") return "部分定量指标未设定目标值";
  if (rule == "goal.target-too-low") return "部分指标目标值设定偏低，实际完成值大幅超过目标值";
  if (rule == "goal.missing-class") return "部分项目缺少产出、效益或满意度类指标";
  if (rule == "goal.deviation-reason-missing") return "部分未完成目标的指标未说明偏差原因";
  if (rule == "goal.rate-above-100") return "部分比率指标目标值设定不够合理";
  return "部分绩效指标设置不够规范";
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
    if (std::find(draft.topics.begin(), draft.topics.end(), topic) == draft.topics.end())
      draft.topics.push_back(topic);
  };
  const auto& f = d.findings;
  bool year_over = d.as_of_month == 12;
  Money budget = d.totals.adjusted();

  // Execution: the unit's completion, then the project lines behind schedule, with their causes.
  std::vector<std::string> parts;
  if (year_over && budget.fen() > 0 && d.totals.executed < budget) {
    parts.push_back("全年预算完成率为" + d.totals.rate().percent_text(1) + "，未达到100%，结余" +
                    format_wan(budget - d.totals.executed) + "万元");
  }
  auto late = project_subjects(d, FindingTopic::execution);
  if (!late.empty()) parts.push_back(some_names(late, "项目") + "执行进度落后序时进度");
  for (const LineFigures* l : lagging_projects(d)) {
    std::string cause = deviation_of(d, l->code, false);
    if (!cause.empty())
      parts.push_back(l->name + "项目执行率" + l->figures.rate().percent_text(1) + "，主要原因是" +
                      cause);
  }
  if (!parts.empty())
    add(FindingTopic::execution, "预算的合理性和执行力度还需加强，" + join(parts, "；"));

  // Pace: more than a quarter of the year's spending in December, or under 40 % of the
  // budget by June — what the seed calls 项目资金支出进度分配不均.
  if (year_over && d.totals.executed.fen() > 0) {
    Rate december = Rate::of(d.executed_by_month[11], d.totals.executed);
    Money first_half;
    for (std::size_t m = 0; m < 6; ++m) first_half += d.executed_by_month[m];
    Rate half = Rate::of(first_half, budget);
    if (december.compare(Rate(1, 4)) == std::strong_ordering::greater ||
        (half.defined() && half.compare(Rate(2, 5)) == std::strong_ordering::less)) {
      add(FindingTopic::execution, "资金支出进度分配不均，上半年累计执行" + half.percent_text(1) +
                                       "，12月支出占全年执行数的" + december.percent_text(1));
    }
  }

  // Budgeting: project lines adjusted often or by much.
  auto adjusted = project_subjects(d, FindingTopic::budgeting);
  if (!adjusted.empty()) {
    add(FindingTopic::budgeting, "预算编制工作有待细化，" + some_names(adjusted, "项目") +
                                     "年度中预算调整幅度较大或调整频繁");
  }

  // Indicators: the indicator checks, in official words (their messages carry codes).
  std::vector<std::string> wordings;
  for (const auto& x : f) {
    if (x.topic != FindingTopic::indicators) continue;
    // A finding without a rule (not from the indicator checks) is already in words.
    std::string w = x.kind.empty() ? x.text : std::string(lint_wording(x.kind));
    if (std::find(wordings.begin(), wordings.end(), w) == wordings.end()) wordings.push_back(w);
  }
  if (!wordings.empty())
    add(FindingTopic::indicators, "绩效指标设置有待优化，" + join(wordings, "；"));

  // Scoring deductions not already said above (execution rows are, with their figures).
  if (d.scorecard) {
    std::vector<std::string> lost;
    for (const auto& r : d.scorecard->rows) {
      if (!r.determined || full_marks(r)) continue;
      bool execution = r.level3.find("执行") != std::string::npos ||
                       r.level3.find("完成率") != std::string::npos ||
                       r.level3.find("进度") != std::string::npos ||
                       r.level3.find("结转") != std::string::npos;
      if (execution && std::find(draft.topics.begin(), draft.topics.end(),
                                 FindingTopic::execution) != draft.topics.end()) {
        continue;
      }
      lost.push_back((r.level3.empty() ? dimension_of(r) : r.level3) + "扣" +
                     score_text(r.weight - r.score) + "分");
    }
    if (!lost.empty()) add(FindingTopic::management, "自评扣分项有" + join(lost, "、"));
  }

  // Goals not met.
  if (d.goals) {
    std::vector<std::string> unmet;
    for (const auto& g : *d.goals) {
      if (!g.met && std::find(unmet.begin(), unmet.end(), g.name) == unmet.end())
        unmet.push_back(g.name);
    }
    if (!unmet.empty()) {
      add(FindingTopic::other, "对绩效理念理解还不够深入，绩效目标“" + join(unmet, "”“") +
                                   "”未完全实现，与高质量完成绩效目标还存在一定差距");
    }
  }
  return draft;
}

std::string_view measure_for(FindingTopic topic) {
  switch (topic) {
    case FindingTopic::execution:
      return "加强项目支出计划管理，强化预算支出进度控制；科学预判资金使用情况，对不能按预期计划支"
             "出的项目，"
             "及时进行调整，确保财政资金使用效益最大化";
    case FindingTopic::budgeting:
      return "细化预算编制，提高预算编制的科学性和合理性，合理进行预算资金调整";
    case FindingTopic::indicators:
      return "进一步梳理绩效指标库，优化细化绩效指标，建立动态、规范、科学的指标管理系统，使项目绩"
             "效目标、"
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
  for (FindingTopic topic :
       {FindingTopic::indicators, FindingTopic::execution, FindingTopic::budgeting,
        FindingTopic::management, FindingTopic::other}) {
    if (std::find(draft.topics.begin(), draft.topics.end(), topic) == draft.topics.end()) continue;
    std::string item(measure_for(topic));
    if (topic == FindingTopic::execution) {
      // A measure that names each project behind schedule or below target.
      std::vector<std::string> named;
      for (const LineFigures* l : lagging_projects(d)) {
        std::string fix = deviation_of(d, l->code, true);
        named.push_back("针对" + l->name + "项目执行率" + l->figures.rate().percent_text(1) +
                        "的情况，" +
                        (fix.empty() ? "逐月跟踪实施进度，督促加快支付，确保按计划完成" : fix));
      }
      if (!named.empty()) item += "；" + join(named, "；");
    }
    items.push_back(std::move(item));
  }
  if (items.empty()) items.emplace_back(measure_for(FindingTopic::indicators));
  doc.add(Paragraph{enumerate(items)});
}

// Marks the cells of `columns` that repeat the cell above (一级/二级指标 groups) as merged.
// A column merges only where every column to its left merges too (a group never spans two parents).
void merge_groups(Table& t, int columns) {
  for (std::size_t i = 1; i < t.rows.size(); ++i) {
    Row& row = t.rows[i];
    const Row& above = t.rows[i - 1];
    for (int c = 0; c < columns; ++c) {
      auto k = static_cast<std::size_t>(c);
      if (k >= row.size() || k >= above.size() || row[k].colspan != 1 || above[k].colspan != 1)
        break;
      if (row[k].text.empty() || row[k].text != above[k].text) break;
      row[k].merge_up = true;
    }
  }
}

// Width of UTF-8 text in characters of 五号: CJK full width, ASCII (digits, %, .) half.
double text_width(std::string_view s) {
  double w = 0;
  for (char c : s) {
    if (!text::starts_character(c)) continue;
    w += static_cast<unsigned char>(c) < 0x80 ? 0.55 : 1.0;
  }
  return w;
}

// A cell's padding (and pango's slack) in characters of 五号.
constexpr double k_cell_pad_chars = 1.2;

// Lines a cell of text width `w` takes in a column `width` characters wide.
int lines_in(double w, double width) {
  double room = std::max(0.5, width - k_cell_pad_chars);
  return std::max(1, static_cast<int>(std::ceil(w / room - 1e-9)));
}

// How fit_widths shares out the line beyond the header words.
enum class Fit {
  fewest_lines,  // where it saves the most printed lines
  // In proportion to each column's text (capped at 18 characters). The 自评表 keeps this: with
  // the fewest-lines widths it fits one page instead of two, but plain `pdftotext` (no -layout)
  // then orders its cells so that `jixiao check` no longer finds the rows (issue 14 item 8).
  proportional,
};

// Column widths from the content: every column at least as wide as its longest header word
// (never "自评得/分"), then the rest of the line shared out as `fit` says (fewest lines: the
// table's height, per row its tallest cell; a merged 一级/二级 group shares its rows).
void fit_widths(Table& t, int columns, int line_chars, Fit fit = Fit::fewest_lines) {
  const auto n = static_cast<std::size_t>(columns);
  std::vector<double> need(n, 2), natural(n, 2);
  // Per row, per column: the text width and the rows the cell spans (0 = merged into the one
  // above).
  struct Sized {
    double w = 0;  // printed width
    int span = 1;
    double w_chars = 0;  // characters, CJK and ASCII alike (Fit::proportional)
  };
  std::vector<std::vector<Sized>> grid;
  auto visit = [&](const Row& row, bool header) {
    std::vector<Sized> sized(n, Sized{0, 1, 0});
    std::size_t col = 0;
    for (const Cell& c : row) {
      if (col >= n) break;
      if (c.colspan == 1) {
        // Header words up to five characters never wrap; longer ones ("偏差原因分析及改进措施")
        // may.
        double w = text_width(c.text);
        if (header) need[col] = std::max(need[col], std::min(w, 5.0) + k_cell_pad_chars);
        natural[col] = std::max(natural[col], w + k_cell_pad_chars);
        sized[col] = Sized{w, c.merge_up ? 0 : 1, static_cast<double>(chars(c.text))};
      }
      col += static_cast<std::size_t>(std::max(1, c.colspan));
    }
    grid.push_back(std::move(sized));
  };
  for (const Row& r : t.header) visit(r, true);
  for (const Row& r : t.rows) visit(r, false);
  // A group's first cell spans the rows merged into it.
  for (std::size_t c = 0; c < n; ++c) {
    for (std::size_t i = 0; i < grid.size(); ++i) {
      if (grid[i][c].span == 0) continue;
      int k = 1;
      while (i + static_cast<std::size_t>(k) < grid.size() &&
             grid[i + static_cast<std::size_t>(k)][c].span == 0)
        ++k;
      grid[i][c].span = k;
    }
  }
  // The table's height in lines, ×1000, plus every cell's own lines: a widening that leaves the
  // height as it is but shortens a cell is a step towards a row that needs two columns widened.
  auto height = [&](const std::vector<double>& widths) {
    long total = 0, cells = 0;
    for (const auto& row : grid) {
      int h = 1;
      for (std::size_t c = 0; c < n; ++c) {
        if (row[c].span == 0) continue;
        int l = lines_in(row[c].w, widths[c]);
        cells += l;
        h = std::max(h,
                     (l + row[c].span - 1) / row[c].span);  // a group's text spreads over its rows
      }
      total += h;
    }
    return total * 1000 + cells;
  };
  double sum_need = 0, sum_natural = 0;
  for (std::size_t i = 0; i < n; ++i) {
    natural[i] = std::max(natural[i], need[i]);
    sum_need += need[i];
    sum_natural += natural[i];
  }
  if (sum_natural <= line_chars) {
    t.widths = natural;
    return;
  }
  if (fit == Fit::proportional) {
    // Each column's text counted in characters, capped at 18, the spare shared in proportion.
    std::vector<double> capped(n, 2);
    for (const auto& row : grid) {
      for (std::size_t c = 0; c < n; ++c)
        capped[c] = std::max(capped[c], std::min(row[c].w_chars, 18.0) + k_cell_pad_chars);
    }
    double sum_capped = 0;
    for (std::size_t i = 0; i < n; ++i) {
      capped[i] = std::max(capped[i], need[i]);
      sum_capped += capped[i];
    }
    t.widths.assign(n, 0);
    if (sum_capped <= line_chars) {
      t.widths = capped;
      return;
    }
    double spare = std::max(0.0, line_chars - sum_need), extra = sum_capped - sum_need;
    for (std::size_t i = 0; i < n; ++i)
      t.widths[i] = need[i] + (extra > 0 ? spare * (capped[i] - need[i]) / extra : 0);
    return;
  }
  std::vector<double> widths = need;
  double budget = line_chars - sum_need;
  // Greedy: the widening (to the next width where some cell loses a line) that saves the most
  // lines per character, until the line is used up.
  long current = height(widths);
  while (budget > 1e-9) {
    double best_ratio = 0, best_inc = 0;
    std::size_t best_col = n;
    for (std::size_t c = 0; c < n; ++c) {
      std::vector<double> steps;
      for (const auto& row : grid) {
        if (row[c].span == 0 || row[c].w == 0) continue;
        int l = lines_in(row[c].w, widths[c]);
        if (l <= 1) continue;
        // The narrowest width at which this cell takes one line fewer.
        double target = row[c].w / (l - 1) + k_cell_pad_chars + 1e-6;
        if (target - widths[c] <= budget + 1e-9) steps.push_back(target - widths[c]);
      }
      std::sort(steps.begin(), steps.end());
      steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
      if (steps.size() > 8) steps.resize(8);  // the nearest few: enough to see past a plateau
      for (double inc : steps) {
        auto trial = widths;
        trial[c] += inc;
        double ratio = static_cast<double>(current - height(trial)) / inc;
        if (ratio > best_ratio + 1e-9) {
          best_ratio = ratio;
          best_inc = inc;
          best_col = c;
        }
      }
    }
    if (best_col == n) break;
    widths[best_col] += best_inc;
    budget -= best_inc;
    current = height(widths);
  }
  // What is left goes to the columns still short of their natural width, in proportion.
  double short_of = 0;
  for (std::size_t i = 0; i < n; ++i) short_of += std::max(0.0, natural[i] - widths[i]);
  for (std::size_t i = 0; i < n && budget > 1e-9 && short_of > 0; ++i) {
    widths[i] += budget * std::max(0.0, natural[i] - widths[i]) / short_of;
  }
  t.widths = std::move(widths);
}

// 五号 (10.5 pt) table text: 42 characters across the 156 mm text area.
constexpr int k_table_chars = 42;

Table score_table(const ReportData& d, const Scorecard& card) {
  Table t;
  t.header.push_back({head("一级指标"), head("二级指标"), head("三级指标"), head("分值"),
                      head("自评得分"), head("扣分原因")});
  for (const auto& r : card.rows) {
    t.rows.push_back({c(r.level1, CellAlign::center), c(r.level2, CellAlign::center), c(r.level3),
                      num(score_text(r.weight)),
                      r.determined ? num(score_text(r.score)) : c("未评定", CellAlign::center),
                      c(official_reason(r, d))});
  }
  merge_groups(t, 2);
  t.rows.push_back({c("合计", CellAlign::center, true, 3), num(score_text(card.full)),
                    num(score_text(department_total(card))),
                    c(department_grade(card).empty() ? "" : "等级：" + department_grade(card))});
  fit_widths(t, 6, k_table_chars, Fit::proportional);
  return t;
}

// The 计分说明 annex (only with --with-trace): each indicator's rule and the computation.
Table trace_table(const Scorecard& card) {
  Table t;
  t.header.push_back({head("三级指标"), head("系统计算得分"), head("自评得分"), head("计分过程")});
  for (const auto& r : card.rows) {
    std::string how = r.trace.empty() ? r.rule : r.rule + "。" + r.trace;
    if (r.overridden()) how += "。自评调整理由：" + r.override_reason;
    t.rows.push_back({c(r.level3.empty() ? dimension_of(r) : r.level3),
                      num(r.computed_determined ? score_text(r.computed) : "未评定"),
                      num(r.determined ? score_text(r.score) : "未评定"), c(how)});
  }
  fit_widths(t, 4, k_table_chars);
  return t;
}

std::string project_name(const ReportData& d, const std::string& line_code) {
  for (const auto& l : d.lines) {
    if (!line_code.empty() && l.code == line_code) return l.name;
  }
  return "部门整体";
}

int class_rank(const GoalRow& g) {
  if (g.level1.find("产出") != std::string::npos) return 0;
  if (g.level1.find("效益") != std::string::npos) return 1;
  if (g.level1.find("满意") != std::string::npos) return 2;
  return 3;
}

// 完成情况 as a department writes it: "完成", "超额完成", "未完成（96.4%）", "未填报".
std::string completion_text(const GoalRow& g) {
  if (g.actual.empty()) return "未填报";
  if (!g.met) {
    auto pct = g.completion.substr(0, g.completion.find("（"));
    return pct.empty() || pct == g.completion ? "未完成" : "未完成（" + pct + "）";
  }
  return g.completion.find("超额") != std::string::npos ? "超额完成" : "完成";
}

// Six columns, each project's goals under a row naming it (a project column would leave the
// indicator a few characters), each deviation reason on a row of its own.
Table goals_table(const ReportData& d, const std::vector<GoalRow>& unordered) {
  // Each project's goals together (in the order they first appear), 产出 / 效益 / 满意度 within.
  std::vector<std::string> lines;
  for (const auto& g : unordered) {
    if (std::find(lines.begin(), lines.end(), g.line_code) == lines.end())
      lines.push_back(g.line_code);
  }
  std::vector<GoalRow> goals(unordered);
  std::stable_sort(goals.begin(), goals.end(), [&](const GoalRow& a, const GoalRow& b) {
    auto la = std::find(lines.begin(), lines.end(), a.line_code) - lines.begin();
    auto lb = std::find(lines.begin(), lines.end(), b.line_code) - lines.begin();
    return la != lb ? la < lb : class_rank(a) < class_rank(b);
  });
  // The deviation reason (偏差原因分析及改进措施) goes on its own row under its indicator, across
  // the indicator's columns, rather than in a seventh column: seven columns on 42 characters
  // left it 6 characters wide (15-line rows) and wrapped every 三级指标, for a table of mostly "—".
  Table t;
  t.header.push_back({head("一级指标"), head("二级指标"), head("三级指标"), head("年度指标值"),
                      head("实际完成值"), head("完成情况")});
  std::string current = "\x01";
  for (const auto& g : goals) {
    if (g.line_code != current) {
      current = g.line_code;
      t.rows.push_back({Cell{project_name(d, g.line_code), 6, CellAlign::left, true}});
    }
    t.rows.push_back({c(g.level1, CellAlign::center), c(g.level2, CellAlign::center), c(g.name),
                      c(g.target, CellAlign::center),
                      c(g.actual.empty() ? "未填报" : g.actual, CellAlign::center),
                      c(completion_text(g), CellAlign::center)});
    if (!g.deviation.empty()) {
      t.rows.push_back(
          {c(g.level1, CellAlign::center), c(g.level2, CellAlign::center),
           Cell{"偏差原因分析及改进措施：" + g.deviation, 4, CellAlign::left, false, false, true}});
    }
  }
  merge_groups(t, 2);
  fit_widths(t, 6, k_table_chars);
  return t;
}

// "召开常委会会议8次" from "召开常委会会议次数" and "8次": the seed's register, not
// "召开常委会会议次数8次".
std::string achievement(const GoalRow& g) {
  std::string name = g.name;
  std::string actual = g.actual;
  bool qualitative = actual.find_first_of("0123456789") == std::string::npos;
  if (qualitative) {
    if (actual == "达成" || actual == "已完成" || actual == "完成" || actual == "是")
      return name + "达到预期目标";
    return name + "：" + actual;
  }
  for (std::string_view suffix : {"次数", "项数", "件数", "个数", "人数", "人次", "数"}) {
    if (name.ends_with(suffix) && chars(name) > chars(suffix) + 1) {
      name.resize(name.size() - suffix.size());
      break;
    }
  }
  if (name.ends_with("率") || name.ends_with("比例") || name.ends_with("度"))
    return name + "达" + actual;
  return name + actual;
}

// The annex's page: label (3号黑体, flush left) and title (小标宋, centred, broken between words).
void add_annex(Document& doc, int number, const std::string& title) {
  doc.add(PageBreak{});
  doc.add(Paragraph{"附件" + std::to_string(number), ParagraphStyle::annex_label});
  doc.add(Paragraph{title, ParagraphStyle::annex_title, title_lines(title, 20)});
}

}  // namespace

std::vector<std::string> title_lines(const std::string& title, int max_chars) {
  // Code points of the title.
  std::vector<std::string> cp;
  for (std::size_t i = 0; i < title.size();) {
    std::size_t n = 1;
    auto b = static_cast<unsigned char>(title[i]);
    if (b >= 0xF0)
      n = 4;
    else if (b >= 0xE0)
      n = 3;
    else if (b >= 0xC0)
      n = 2;
    cp.push_back(title.substr(i, n));
    i += n;
  }
  const std::size_t n = cp.size();
  if (static_cast<int>(n) <= max_chars) return {title};
  auto text_at = [&](std::size_t from, std::size_t count) {
    std::string s;
    for (std::size_t k = from; k < from + count && k < n; ++k) s += cp[k];
    return s;
  };
  auto matches = [&](std::size_t at, std::string_view word) {
    std::size_t len = static_cast<std::size_t>(chars(word));
    return at + len <= n && text_at(at, len) == word;
  };
  // Where a line may end: after a place or organ name, or before the document's kind.
  static constexpr std::string_view k_after[] = {
      "年度",         "年",           "省",       "市",     "区",       "县",   "镇",  "街道",
      "人民代表大会", "常务委员会",   "委员会",   "办公室", "人民政府", "局",   "厅",  "中心",
      "院",           "部门整体支出", "项目支出", "绩效",   "协会",     "学校", "医院"};
  static constexpr std::string_view k_before[] = {"部门整体", "项目支出", "绩效", "自评",
                                                  "关于",     "评价",     "情况"};
  // Words never broken: whatever the rules above say inside them.
  static constexpr std::string_view k_whole[] = {
      "人民代表大会", "常务委员会", "委员会", "办公室",   "人民政府", "城市",
      "市场",         "区域",       "社区",   "县域",     "省级",     "市级",
      "区级",         "中心",       "管理局", "自评报告", "自评表",   "年度"};
  std::vector<bool> can(n + 1, false), never(n + 1, false);
  for (std::size_t i = 0; i < n; ++i) {
    for (auto w : k_after) {
      if (matches(i, w)) can[i + static_cast<std::size_t>(chars(w))] = true;
    }
    for (auto w : k_before) {
      if (matches(i, w)) can[i] = true;
    }
    for (auto w : k_whole) {
      if (matches(i, w)) {
        for (std::size_t k = 1; k < static_cast<std::size_t>(chars(w)); ++k) never[i + k] = true;
      }
    }
  }
  // Fewest lines, then the smallest longest line (balanced), over the allowed break points.
  auto solve = [&](bool strict) -> std::vector<std::size_t> {
    const int inf = 1 << 20;
    std::vector<std::pair<int, int>> best(n + 1, {inf, inf});
    std::vector<std::size_t> prev(n + 1, 0);
    best[0] = {0, 0};
    for (std::size_t j = 1; j <= n; ++j) {
      if (j < n && (never[j] || (strict && !can[j]))) continue;
      for (std::size_t i = j > static_cast<std::size_t>(max_chars)
                               ? j - static_cast<std::size_t>(max_chars)
                               : 0;
           i < j; ++i) {
        if (best[i].first == inf) continue;
        std::pair<int, int> cand{best[i].first + 1,
                                 std::max(best[i].second, static_cast<int>(j - i))};
        if (cand < best[j]) {
          best[j] = cand;
          prev[j] = i;
        }
      }
    }
    if (best[n].first == inf) return {};
    std::vector<std::size_t> cuts;
    for (std::size_t j = n; j > 0; j = prev[j]) cuts.insert(cuts.begin(), j);
    return cuts;
  };
  auto cuts = solve(true);
  if (cuts.empty()) cuts = solve(false);
  if (cuts.empty()) {
    for (std::size_t j = static_cast<std::size_t>(max_chars); j < n;
         j += static_cast<std::size_t>(max_chars))
      cuts.push_back(j);
    cuts.push_back(n);
  }
  std::vector<std::string> lines;
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    lines.push_back(text_at(from, cut - from));
    from = cut;
  }
  return lines;
}

double department_total(const Scorecard& card) {
  double total = 0;
  for (const auto& r : card.rows) {
    if (r.determined) total += r.score;
  }
  return std::round(total * 100) / 100;
}

std::string department_grade(const Scorecard& card) {
  bool overridden = std::any_of(card.rows.begin(), card.rows.end(),
                                [](const ScoreRow& r) { return r.overridden(); });
  if (!overridden || card.bands.empty()) return card.grade;
  double total = department_total(card);
  for (const auto& [name, min] : card.bands) {
    if (total + 1e-9 >= min) return name;
  }
  return card.bands.back().first;
}

std::vector<std::string> score_differences(const Scorecard& card) {
  std::vector<std::string> out;
  for (const auto& r : card.rows) {
    if (!r.overridden()) continue;
    out.push_back("“" + (r.level3.empty() ? dimension_of(r) : r.level3) + "”自评" +
                  score_text(r.score) + "分，系统计算" +
                  (r.computed_determined ? score_text(r.computed) + "分" : std::string("未评定")) +
                  "（理由：" + r.override_reason + "）");
  }
  return out;
}

std::string goals_statement(const std::vector<GoalRow>& goals) {
  if (goals.empty()) return {};
  std::vector<std::string> missed, pending;
  int met = 0;
  auto add_unique = [](std::vector<std::string>& v, const std::string& x) {
    if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  };
  for (const auto& g : goals) {
    if (g.actual.empty())
      add_unique(pending, g.name);
    else if (!g.met)
      add_unique(missed, g.name);
    else
      ++met;
  }
  std::string n = std::to_string(goals.size());
  if (missed.empty() && pending.empty()) return "年初设定的" + n + "项绩效指标均已达到目标值。";
  std::string s = "年初设定绩效指标" + n + "项，已达到目标值" + std::to_string(met) + "项";
  if (!missed.empty()) s += "，“" + join(missed, "”“") + "”未达到目标值";
  if (!pending.empty()) s += "，“" + join(pending, "”“") + "”尚无实际完成值";
  return s + "。";
}

std::string funds_sentence(const Figures& totals) {
  return "我单位全年预算数" + format_wan(totals.adjusted()) + "万元，执行数" +
         format_wan(totals.executed) + "万元，完成预算的" + totals.rate().percent_text(1) + "。";
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

// A narrative claiming every goal was met while one was not: warned about, before submission.
void warn_claims(Document& doc, const ReportData& d) {
  if (!d.goals) return;
  std::vector<std::string> missed;
  for (const auto& g : *d.goals) {
    if (!g.met) missed.push_back(g.name);
  }
  if (missed.empty()) return;
  for (const auto& [key, text] : d.narratives) {
    for (std::string_view claim :
         {"均达到", "全部完成", "均已完成", "全面完成", "均已达到", "全部达到"}) {
      if (text.find(claim) == std::string::npos) continue;
      doc.gaps.push_back("“" + std::string(chinese_name(key)) + "”写有“" + std::string(claim) +
                         "”，但绩效目标“" + missed.front() + "”未达到，请修改该段");
      break;
    }
  }
}

Document build_overall_report(const ReportData& d, const BuildOptions& options) {
  Document doc;
  doc.kind = ReportKind::overall;
  doc.unit_code = d.unit_code;
  doc.unit_name = d.unit_name;
  doc.year = d.year;
  doc.title = std::to_string(d.year) + "年度" + d.unit_name + "部门整体支出绩效自评报告";
  doc.title_lines = title_lines(doc.title, 18);
  doc.gaps = d.gaps;
  warn_claims(doc, d);

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
    note += d.monitor && !d.monitor->method.empty() ? "按" + d.monitor->method + "计算"
                                                    : "按全年预算逐月均匀计算";
    if (chart.forecast_low) note += "；阴影为执行监控给出的年末执行预测区间";
    doc.add(Paragraph{note + "。", ParagraphStyle::note});
  }
  doc.add(Heading{2, "（四）", "部门整体绩效管理情况"});
  add_narrative(doc, d, NarrativeKey::performance_management);
  if (d.goals && !d.goals->empty()) doc.add(Paragraph{goals_statement(*d.goals)});

  doc.add(Heading{1, "二、", "综合评价分析"});
  doc.add(Heading{2, "（一）", "自评结论综述"});
  if (d.scorecard) {
    std::string s = "本单位" + std::to_string(d.year) + "年部门整体支出绩效自评为" +
                    score_text(department_total(*d.scorecard)) + "分。";
    if (!department_grade(*d.scorecard).empty())
      s += "自评等级为“" + department_grade(*d.scorecard) + "”。";
    if (d.scorecard->undetermined > 0) {
      s += "另有" + score_text(d.scorecard->undetermined) + "分因缺少数据尚未评定。";
      doc.gaps.push_back("评分不完整：" + score_text(d.scorecard->undetermined) + " 分未评定");
    }
    doc.add(Paragraph{s});
    // Where the score comes from (frozen, computed, reconstructed framework) is for the reviewer:
    // the CLI prints it; the submitted document does not.
    if (!d.scorecard->source.empty()) doc.gaps.push_back("自评得分" + d.scorecard->source);
    if (!d.scorecard->framework_remark.empty()) doc.gaps.push_back(d.scorecard->framework_remark);
    for (const auto& diff : score_differences(*d.scorecard))
      doc.gaps.push_back("自评得分与系统计算不同：" + diff);
  } else {
    doc.add(Paragraph{
        "本单位" + std::to_string(d.year) + "年部门整体支出绩效尚无自评得分（评分数据未提供）。",
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
        short_parts.push_back("在" + dim.name + "方面尚有" + score_text(dim.undetermined) +
                              "分因缺少数据未评定");
      } else if (std::round(dim.score * 100) >= std::round(dim.weight * 100)) {
        good.push_back(dim.name);
      } else {
        std::string part = "在" + dim.name + "方面得" + score_text(dim.score) + "分（满分" +
                           score_text(dim.weight) + "分）";
        if (!dim.lost.empty()) part += "，" + join(dim.lost, "、");
        short_parts.push_back(part);
      }
    }
    std::string s =
        "单位整体支出绩效目标实现情况按照" +
        (d.scorecard->framework_document.empty() ? std::string("部门整体支出绩效评价指标体系")
                                                 : d.scorecard->framework_document) +
        "逐项评价。";
    if (!good.empty()) s += "在" + join(good, "、") + "方面较规范，均达到评分标准；";
    if (!short_parts.empty()) s += join(short_parts, "；") + "，后续将加强。";
    if (s.ends_with("；"))
      s.replace(s.size() - std::string("；").size(), std::string("；").size(), "。");
    doc.add(Paragraph{s});
    analysed = true;
  }
  if (d.goals && !d.goals->empty()) {
    doc.add(Paragraph{goals_statement(*d.goals)});
    analysed = true;
  }
  if (!analysed) {
    doc.add(
        Paragraph{"（尚无评分和绩效目标数据，本节待评分完成后生成。）", ParagraphStyle::pending});
  }
  if (!d.goals) doc.gaps.push_back("无绩效目标数据：目标完成情况表从缺");

  doc.add(Heading{2, "（三）", "各重点任务项目支出完成情况分析"});
  std::vector<const LineFigures*> projects;
  for (const auto& l : d.lines) {
    if (l.project) projects.push_back(&l);
  }
  std::stable_sort(projects.begin(), projects.end(),
                   [](const LineFigures* a, const LineFigures* b) {
                     return a->figures.adjusted() > b->figures.adjusted();
                   });
  if (projects.empty()) doc.add(Paragraph{"本年度无项目支出。"});
  auto lagging = lagging_projects(d);
  for (const LineFigures* p : projects) {
    std::string s = p->name + (p->name.ends_with("项目") ? "" : "项目") + std::to_string(d.year) +
                    "年全年预算数" + format_wan(p->figures.adjusted()) + "万元，执行数" +
                    format_wan(p->figures.executed) + "万元，执行率" +
                    p->figures.rate().percent_text(1) + "。";
    if (d.goals) {
      std::vector<std::string> done;
      std::vector<std::string> missed;
      for (const auto& g : *d.goals) {
        if (g.line_code != p->code || g.actual.empty()) continue;
        done.push_back(achievement(g));
        if (!g.met) missed.push_back(g.name);
      }
      if (!done.empty()) s += "全年" + join(done, "，") + "。";
      if (!missed.empty()) s += "“" + join(missed, "”“") + "”未达到目标值。";
    }
    if (std::find(lagging.begin(), lagging.end(), p) != lagging.end()) {
      std::string cause = deviation_of(d, p->code, false);
      if (!cause.empty()) {
        s += "执行进度偏慢的主要原因是" + cause + "。";
      } else {
        doc.gaps.push_back("项目“" + p->name +
                           "”执行进度偏慢，未填写偏差原因（绩效目标的偏差原因分析）");
      }
    }
    doc.add(Paragraph{s});
  }

  doc.add(Heading{2, "（四）", "主要工作成效"});
  add_achievements(doc, d);

  add_problems_and_measures(doc, d);

  // 附件说明 after the body (GB/T 9704 §7.3.6), then each annex on its own page.
  std::string prefix = std::to_string(d.year) + "年度" + d.unit_name;
  std::vector<std::string> annexes = {prefix + "部门整体支出绩效自评表",
                                      prefix + "绩效目标完成情况表"};
  if (options.with_trace && d.scorecard) annexes.push_back(prefix + "自评计分说明");
  for (std::size_t i = 0; i < annexes.size(); ++i) {
    std::string line = (i == 0 ? "附件：" : "　　　") + std::to_string(i + 1) + ". " + annexes[i];
    doc.add(Paragraph{line});
  }
  add_annex(doc, 1, annexes[0]);
  if (d.scorecard) {
    doc.add(score_table(d, *d.scorecard));
  } else {
    doc.add(Paragraph{"尚无评分数据。", ParagraphStyle::pending});
  }
  add_annex(doc, 2, annexes[1]);
  if (d.goals && !d.goals->empty()) {
    doc.add(goals_table(d, *d.goals));
  } else {
    doc.add(Paragraph{"尚无绩效目标数据。", ParagraphStyle::pending});
  }
  if (options.with_trace && d.scorecard) {
    add_annex(doc, 3, annexes[2]);
    doc.add(trace_table(*d.scorecard));
  }
  return doc;
}

Result<Document> build_project_report(const ReportData& d, const std::string& line_code) {
  auto it = std::find_if(d.lines.begin(), d.lines.end(),
                         [&](const LineFigures& l) { return l.code == line_code; });
  if (it == d.lines.end()) {
    return fail(Error::not_found(
        "单位 " + d.unit_code + " 在 " + std::to_string(d.year) + " 年没有预算项目 " + line_code,
        Location{.field = "line"}));
  }
  const LineFigures& line = *it;
  Document doc;
  doc.kind = ReportKind::project;
  doc.unit_code = d.unit_code;
  doc.unit_name = d.unit_name;
  doc.year = d.year;
  doc.title = std::to_string(d.year) + "年度项目支出绩效自评表";
  doc.title_lines = title_lines(doc.title, 18);
  doc.gaps = d.gaps;

  const Figures& f = line.figures;
  // 执行率 item: 10 points × rate, capped at 10 (proportional rule, frameworks.md M4).
  double rate = std::min(1.0, f.rate().to_double());
  double exec_score = std::round(10.0 * rate * 100.0) / 100.0;

  // The MOF form (财预〔2020〕10号 附件2): one table of 10 columns — funds, 年度总体目标,
  // indicators, 总分.
  Table t;
  t.header.push_back(
      {c("项目名称", CellAlign::center, true, 2), c(line.name, CellAlign::left, false, 8)});
  t.rows.push_back(
      {c("主管部门", CellAlign::center, true, 2),
       c(d.department_name.empty() ? d.unit_name : d.department_name, CellAlign::left, false, 3),
       c("实施单位", CellAlign::center, true, 2), c(d.unit_name, CellAlign::left, false, 3)});
  t.rows.push_back({head("项目资金（万元）", 2), head("年初预算数", 2), head("全年预算数"),
                    head("全年执行数"), head("分值"), head("执行率", 2), head("得分")});
  auto funds_row = [&](std::string name, const std::string& initial, const std::string& annual,
                       const std::string& executed, bool scored) {
    Row r{c(std::move(name), CellAlign::left, false, 2), Cell{initial, 2, CellAlign::right, false},
          num(annual), num(executed)};
    if (scored) {
      r.push_back(num("10"));
      r.push_back(Cell{f.rate().percent_text(1), 2, CellAlign::right, false});
      r.push_back(num(score_text(exec_score)));
    } else {
      r.push_back(c("—", CellAlign::center));
      r.push_back(Cell{"—", 2, CellAlign::center, false});
      r.push_back(c("—", CellAlign::center));
    }
    t.rows.push_back(std::move(r));
  };
  bool fiscal = line.fund_source.empty() || line.fund_source.find("财政") != std::string::npos ||
                line.fund_source.find("一般公共预算") != std::string::npos;
  auto zero = format_wan(Money{});
  funds_row("年度资金总额", format_wan(f.initial), format_wan(f.adjusted()), format_wan(f.executed),
            true);
  funds_row("其中：当年财政拨款", fiscal ? format_wan(f.initial) : zero,
            fiscal ? format_wan(f.adjusted()) : zero, fiscal ? format_wan(f.executed) : zero,
            false);
  funds_row("上年结转资金", zero, zero, zero, false);
  funds_row("其他资金", fiscal ? zero : format_wan(f.initial),
            fiscal ? zero : format_wan(f.adjusted()), fiscal ? zero : format_wan(f.executed),
            false);

  // 年度总体目标: 预期目标 and 实际完成情况.
  OverallGoal overall;
  if (auto g = d.overall_goals.find(line.code); g != d.overall_goals.end()) overall = g->second;
  t.rows.push_back({head("年度总体目标", 2), head("预期目标", 4), head("实际完成情况", 4)});
  t.rows.push_back(
      {Cell{"年度总体目标", 2, CellAlign::center, true, true},
       c(overall.target.empty() ? "未填写" : overall.target, CellAlign::left, false, 4),
       c(overall.result.empty() ? "未填写" : overall.result, CellAlign::left, false, 4)});
  if (overall.target.empty()) doc.gaps.push_back("项目“" + line.name + "”未填写年度总体目标");

  std::vector<const GoalRow*> goals;
  if (d.goals) {
    for (const auto& g : *d.goals) {
      if (g.line_code == line.code) goals.push_back(&g);
    }
  }
  // 产出, then 效益, then 满意度 (the form's order), so that each 一级 group is one block.
  std::stable_sort(goals.begin(), goals.end(), [](const GoalRow* a, const GoalRow* b) {
    return class_rank(*a) < class_rank(*b);
  });
  t.rows.push_back({head("一级指标"), head("二级指标"), head("三级指标", 2), head("年度指标值"),
                    head("实际完成值"), head("分值"), head("得分"),
                    head("偏差原因分析及改进措施", 2)});
  std::size_t first_indicator = t.rows.size();
  double total = exec_score;
  bool all_scored = true;
  for (const GoalRow* g : goals) {
    if (g->score)
      total += *g->score;
    else
      all_scored = false;
    t.rows.push_back(
        {c(g->level1, CellAlign::center), c(g->level2, CellAlign::center),
         c(g->name, CellAlign::left, false, 2), c(g->target, CellAlign::center),
         c(g->actual.empty() ? "未填报" : g->actual, CellAlign::center),
         num(g->weight > 0 ? score_text(g->weight) : "—"),
         num(g->score ? score_text(*g->score) : "—"),
         c(g->deviation.empty() && g->met ? "—" : g->deviation, CellAlign::left, false, 2)});
  }
  for (std::size_t i = first_indicator + 1; i < t.rows.size(); ++i) {
    for (std::size_t k = 0; k < 2; ++k) {
      if (t.rows[i][k].text != t.rows[i - 1][k].text) break;
      t.rows[i][k].merge_up = true;
    }
  }
  if (goals.empty()) {
    t.rows.push_back({c("该项目未设定绩效指标", CellAlign::center, false, 10)});
    all_scored = false;
    doc.gaps.push_back("项目“" + line.name + "”无绩效目标数据");
  }
  std::string grade;
  if (all_scored) {
    for (auto [name, min] : {std::pair{"优", 90.0}, {"良", 80.0}, {"中", 60.0}, {"差", 0.0}}) {
      if (total + 1e-9 >= min) {
        grade = name;
        break;
      }
    }
  }
  t.rows.push_back(
      {c("总分", CellAlign::center, true, 6), num("100"), num(all_scored ? score_text(total) : "—"),
       c(all_scored ? "评价等级：" + grade : "指标得分未全部提供", CellAlign::left, false, 2)});
  t.widths = {1.25, 1.25, 1.3, 1.0, 1.3, 1.3, 0.8, 0.8, 1.2, 1.2};
  doc.add(t);
  doc.add(
      Paragraph{"注：执行率得分＝分值乘以执行率（不超过分值）；金额单位为万元；评价等级按90分及以上"
                "为优、80（含）至90分为良、"
                "60（含）至80分为中、60分以下为差。",
                ParagraphStyle::note});
  return doc;
}

}  // namespace jixiao::report

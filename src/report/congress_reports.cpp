// report/congress_reports.cpp — 代表履职报告 and 人大代表履职简报 as report documents.
#include "report/congress_reports.hpp"

#include <map>

namespace jixiao::report {
namespace {

Cell c(std::string text, CellAlign align = CellAlign::left) {
  return Cell{std::move(text), 1, align, false};
}
Cell h(std::string text) { return Cell{std::move(text), 1, CellAlign::center, true}; }

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "、") + p;
  return out;
}

const char* k_numbers[] = {"一、", "二、", "三、", "四、", "五、"};

}  // namespace

Document build_deputy_report(const congress::DutyRecord& r, const congress::PointsRules& rules) {
  Document doc;
  doc.title = r.deputy.name + "代表" + std::to_string(r.year) + "年度履职报告";
  doc.year = r.year;
  doc.add(Heading{1, k_numbers[0], "基本情况"});
  doc.add(Paragraph{r.deputy.name + "，" + std::string(model::chinese_name(r.deputy.level)) +
                    "人大代表（第" + std::to_string(r.deputy.term) + "届），" +
                    r.deputy.delegation + "代表团，编入" + r.deputy.station +
                    "。本报告依据智慧人大代表履职系统的履职记录生成，向选民报告" +
                    std::to_string(r.year) + "年度履职情况。"});
  doc.add(Heading{1, k_numbers[1], "履职活动"});
  std::map<std::string, int> by_kind;
  for (const auto& a : r.activities) ++by_kind[std::string(model::chinese_name(a.kind))];
  std::string summary =
      std::to_string(r.year) + "年共参加履职活动" + std::to_string(r.activities.size()) + "次";
  for (const auto& [kind, n] : by_kind) summary += "，" + kind + std::to_string(n) + "次";
  if (r.people_received > 0)
    summary += "，在联络站接待选民群众" + std::to_string(r.people_received) + "人次";
  doc.add(Paragraph{summary + "。"});
  Table t;
  t.caption = "履职活动记录";
  t.header = {{h("日期"), h("活动"), h("群众人次"), h("佐证")}};
  t.widths = {1.2, 1.4, 1, 4};
  for (const auto& a : r.activities) {
    t.rows.push_back({c(a.date.to_string()), c(std::string(model::chinese_name(a.kind))),
                      c(a.people ? std::to_string(a.people) : "", CellAlign::right),
                      c(a.evidence)});
  }
  doc.add(std::move(t));
  doc.add(Heading{1, k_numbers[2], "提出建议"});
  doc.add(Paragraph{
      "领衔提出建议" + std::to_string(r.suggestions_led.size()) + "件" +
      (r.suggestions_led.empty() ? "" : "（" + join(r.suggestions_led) + "）") + "，附议建议" +
      std::to_string(r.suggestions_cosigned.size()) + "件" +
      (r.suggestions_cosigned.empty() ? "" : "（" + join(r.suggestions_cosigned) + "）") + "。"});
  doc.add(Heading{1, k_numbers[3], "履职量化考核"});
  doc.add(Paragraph{"按履职积分规则（" + (rules.source.empty() ? rules.file : rules.source) +
                    "），" + std::to_string(r.year) + "年度履职积分" + r.total.to_string() +
                    "分，在" + r.deputy.delegation + "代表团中排第" +
                    std::to_string(r.rank_in_delegation) + "名。逐项如下："});
  for (const auto& l : r.lines) doc.add(Paragraph{l.explanation + "。"});
  if (r.lines.empty()) doc.add(Paragraph{"本年度没有计分的履职记录。", ParagraphStyle::pending});
  return doc;
}

Document build_duty_bulletin(const congress::Figures& f,
                             const std::vector<congress::DutyRecord>& records,
                             const congress::PointsRules& rules) {
  Document doc;
  doc.title = std::to_string(f.year) + "年度人大代表履职简报";
  doc.year = f.year;
  doc.add(Heading{1, k_numbers[0], "代表建议办理"});
  doc.add(Paragraph{congress::suggestions_sentence(f)});
  const auto& s = f.suggestions;
  auto pct = [](const Rate& r) { return r.defined() ? r.percent_text(1) : std::string("—"); };
  Table t;
  t.caption = "代表建议办理情况";
  t.header = {{h("项目"), h("数值"), h("口径")}};
  t.widths = {2, 1, 4};
  t.rows = {{c("会议期间交办"), c(std::to_string(s.session) + "件", CellAlign::right),
             c("交办日期在本年、会议期间提出")},
            {c("闭会期间交办"), c(std::to_string(s.recess) + "件", CellAlign::right),
             c("交办日期在本年、闭会期间提出")},
            {c("按期答复率"), c(pct(s.answered_on_time_rate()), CellAlign::right),
             c("期限内答复件数 / 交办件数")},
            {c("A+B 类占比"), c(pct(s.ab_share()), CellAlign::right),
             c("已解决或列入计划件数 / 交办件数")},
            {c("满意和基本满意率"), c(pct(s.satisfied_rate()), CellAlign::right),
             c("以最终答复的反馈计")},
            {c("重点督办"), c(std::to_string(s.key_supervised) + "件", CellAlign::right),
             c("常委会领导牵头督办")}};
  doc.add(std::move(t));
  doc.add(Heading{1, k_numbers[1], "会议和监督工作"});
  doc.add(Paragraph{congress::records_sentence(f)});
  doc.add(Paragraph{
      "代表参与常委会工作" + std::to_string(f.records.at(model::RecordKind::deputy_participation)) +
      "人次，接待群众" + std::to_string(f.records.at(model::RecordKind::public_reception)) +
      "人次，开展专题调研视察" + std::to_string(f.records.at(model::RecordKind::research_visit)) +
      "次，组织座谈会" + std::to_string(f.records.at(model::RecordKind::symposium)) + "场次。"});
  doc.add(Heading{1, k_numbers[2], "代表履职量化考核"});
  doc.add(Paragraph{"按履职积分规则（" + (rules.source.empty() ? rules.file : rules.source) +
                    "）量化考核，各代表团排名如下。"});
  Table rank;
  rank.caption = "代表履职积分排名";
  rank.header = {{h("代表团"), h("名次"), h("代表"), h("积分"), h("履职活动"), h("领衔建议")}};
  rank.widths = {1.2, 0.8, 1.4, 1, 1, 1};
  for (const auto& r : records) {
    rank.rows.push_back({c(r.deputy.delegation),
                         c(std::to_string(r.rank_in_delegation), CellAlign::right),
                         c(r.deputy.name), c(r.total.to_string(), CellAlign::right),
                         c(std::to_string(r.activities.size()), CellAlign::right),
                         c(std::to_string(r.suggestions_led.size()), CellAlign::right)});
  }
  doc.add(std::move(rank));
  return doc;
}

}  // namespace jixiao::report

// report/congress_reports_test.cpp — 代表履职报告 and 履职简报 from congress data, in Markdown and
// DOCX.
#include "report/congress_reports.hpp"

#include <gtest/gtest.h>

#include "report/report.hpp"

namespace jixiao::report {
namespace {

TEST(CongressReports, DeputyReportSaysWhatWasDoneAndExplainsThePoints) {
  congress::DutyRecord r;
  r.deputy = {"D1", "王伟", model::DeputyLevel::district, "太和", "太和人大代表联络站", 17};
  r.year = 2022;
  r.activities = {
      {"D1", Date::from_ymd(2022, 3, 1), model::ActivityKind::station_reception, 12,
       "在太和人大代表联络站接待选民群众"},
      {"D1", Date::from_ymd(2022, 5, 9), model::ActivityKind::inspection, 0, "调研城中村治理"}};
  r.people_received = 12;
  r.suggestions_led = {"2022-014"};
  r.lines = {
      {"station_reception", "联络站接待", 1, model::Measure::from_int(2),
       "联络站接待 1 次 × 2 分 = 2 分"},
      {"inspection", "调研视察", 1, model::Measure::from_int(2), "调研视察 1 次 × 2 分 = 2 分"}};
  r.total = model::Measure::from_int(4);
  r.rank_in_delegation = 3;
  congress::PointsRules rules;
  rules.source = "本地办法";
  Document doc = build_deputy_report(r, rules);
  EXPECT_EQ(doc.title, "王伟代表2022年度履职报告");
  std::string md = render_markdown(doc);
  for (const char* want :
       {"2022年共参加履职活动2次，联络站接待1次，调研视察1次，在联络站接待选民群众12人次。",
        "领衔提出建议1件（2022-014），附议建议0件。",
        "按履职积分规则（本地办法），2022年度履职积分4分，在太和代表团中排第3名。",
        "联络站接待 1 次 × 2 分 = 2 分。", "调研城中村治理"}) {
    EXPECT_NE(md.find(want), std::string::npos) << want << "\n" << md;
  }
  auto docx = render(doc, Format::docx);
  ASSERT_TRUE(docx) << docx.error().to_string();
  EXPECT_EQ(docx->bytes.substr(0, 2), "PK");  // a zip: the DOCX container
}

TEST(CongressReports, BulletinCarriesTheFiguresSentences) {
  congress::Figures f;
  f.year = 2022;
  f.suggestions.session = 192;
  f.suggestions.recess = 7;
  f.suggestions.total = 199;
  f.suggestions.with_feedback = 199;
  f.suggestions.satisfied = 199;
  f.suggestions.key_supervised = 6;
  for (auto k : model::all_record_kinds()) f.records[k] = 0;
  f.records[model::RecordKind::standing_meeting] = 8;
  Document doc = build_duty_bulletin(f, {}, {});
  std::string md = render_markdown(doc);
  EXPECT_NE(md.find("会议期间交办代表建议192件，闭会期间交办代表建议7件，代表对办理答复表示满意和基"
                    "本满意的达100%。"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("常委会会议8次"), std::string::npos);
  EXPECT_NE(md.find("| 满意和基本满意率 | 100.0% |"), std::string::npos) << md;
}

}  // namespace
}  // namespace jixiao::report

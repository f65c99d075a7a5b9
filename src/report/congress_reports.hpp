// report/congress_reports.hpp — the people's-congress documents, built from congress/ data and
// rendered like every report (report::render → Markdown, HTML, DOCX, PDF):
//   * 代表履职报告: a deputy's annual report to the voters, from the deputy's 履职档案;
//   * 人大代表履职简报: the office's bulletin of the year's figures and the duty ranking.
// Pure: reads only its arguments.
#pragma once

#include <vector>

#include "congress/congress.hpp"
#include "report/report_model.hpp"

namespace jixiao::report {

// The deputy's report for `record.year`: who, what was done (activities by kind with their
// evidence), suggestions led and co-signed, the points line by line and the rank.
Document build_deputy_report(const congress::DutyRecord& record,
                             const congress::PointsRules& rules);

// The office's 履职简报 of `figures.year`: suggestions (the seed's sentence and a table), the
// meetings and supervision work, and each delegation's ranking.
Document build_duty_bulletin(const congress::Figures& figures,
                             const std::vector<congress::DutyRecord>& records,
                             const congress::PointsRules& rules);

}  // namespace jixiao::report

// scoring/congress_inputs_test.cpp — the congress.* inputs a framework may read, from the figures.
#include <gtest/gtest.h>

#include "congress/congress.hpp"
#include "scoring/scoring.hpp"

namespace jixiao::scoring {
namespace {

TEST(CongressInputs, FiguresBecomeInputsWithTheirSource) {
  congress::Figures f;
  f.year = 2022;
  f.suggestions.total = 199;
  f.suggestions.session = 192;
  f.suggestions.recess = 7;
  f.suggestions.answered_on_time = 199;
  f.suggestions.ab = 191;
  f.suggestions.with_feedback = 199;
  f.suggestions.satisfied = 199;
  f.suggestions.key_supervised = 6;
  for (auto k : model::all_record_kinds()) f.records[k] = 0;
  f.records[model::RecordKind::standing_meeting] = 8;
  f.records[model::RecordKind::government_report] = 15;
  InputSet inputs;
  add_congress_inputs(inputs, f);
  EXPECT_EQ(inputs.at("congress.suggestions_total").value, 199);
  EXPECT_EQ(inputs.at("congress.key_supervised").value, 6);
  EXPECT_EQ(inputs.at("congress.satisfied_rate").value, 100);
  EXPECT_EQ(inputs.at("congress.satisfied_rate").source,
            "人大工作记录（2022 年）: 满意和基本满意 199 件 ÷ 有反馈 199 件");
  EXPECT_EQ(inputs.at("congress.ab_share").display, "95.98%");
  EXPECT_EQ(inputs.at("congress.standing_meeting").value, 8);
  EXPECT_EQ(inputs.at("congress.reports_total").value, 15);
  // No previous year: the change is missing, not zero.
  EXPECT_EQ(inputs.at("congress.ab_share_change").status, model::InputStatus::missing);
  EXPECT_TRUE(is_known_input(model::Framework{}, "congress.standing_meeting"));
}

}  // namespace
}  // namespace jixiao::scoring

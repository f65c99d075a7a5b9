// scoring/evaluation_test.cpp — a year's scoring as the CLI, the server and the report do it
// (ScoringYear, score_unit, rank_units) and the unit's evaluation of the year (the latest frozen
// one re-scored from its own framework and inputs, else the live one), on a real store.
#include <gtest/gtest.h>

#include "scoring/scoring.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::scoring {
namespace {

const std::string k_header =
    "[framework]\nid = t\nname = 测试框架\nsource = 单元测试\ngrades = 优 90, 良 80, 中 60, 差 0\n";
// The execution rate (10 points; nothing is paid, so 0) and this year's balance against the year
// before's (90 points when not above it): the second leaf is scored only with last year's ledger.
const std::string k_leaves =
    "[1 执行]\npoints = 10\nrule = step_deduction\ninput = ledger.execution_rate\n"
    "target = 100\nstep = 5\ndeduct = 2\n"
    "[2 结余]\npoints = 90\nrule = formula\ninput = v: ledger.carryover_vs_last_year\n"
    "formula = v <= 100 ? 90 : 0\n";

model::Framework framework(const std::string& name = "测试框架") {
  std::string text = k_header + k_leaves;
  text.replace(text.find("测试框架"), std::string("测试框架").size(), name);
  auto fw = parse_framework(text, "t.fw");
  EXPECT_TRUE(fw) << (fw ? "" : fw.error().to_string());
  return fw ? *fw : model::Framework{};
}

// U1 and U2 in 2022 (testkit::small_budget_batch: 150.00 元 budgeted, nothing paid); only U1 in
// 2021, with the same lines.
std::unique_ptr<store::Store> two_years(const testkit::TempDir& dir) {
  auto opened = store::open("sqlite:" + dir.file("t.db").string());
  EXPECT_TRUE(opened) << opened.error().to_string();
  if (!opened) return nullptr;
  auto& s = **opened;
  EXPECT_TRUE(s.ledger().write_import(testkit::small_budget_batch()));
  EXPECT_TRUE(s.ledger().write_import(testkit::small_budget_batch("U2", "第二单位")));
  EXPECT_TRUE(s.ledger().write_import(testkit::small_budget_batch("U1", "测试单位", 2021)));
  return std::move(*opened);
}

model::FrozenEvaluation frozen_of(const Scorecard& card, const model::Framework& fw) {
  model::FrozenEvaluation e;
  e.unit_code = card.unit_code;
  e.fiscal_year = card.fiscal_year;
  e.framework_id = fw.id;
  e.framework_text = fw.text;
  e.inputs_json = inputs_to_json(card.inputs);
  e.scorecard_json = to_json(card);
  e.total = card.total;
  e.grade = card.grade;
  e.frozen_by = "test";
  return e;
}

TEST(ScoringYear, EveryCallerReadsTheYearBeforeAndOneUnitScoresAlikeLiveAndRanked) {
  testkit::TempDir dir;
  auto s = two_years(dir);
  ASSERT_TRUE(s);
  auto year = ScoringYear::load(*s, 2022);
  ASSERT_TRUE(year) << year.error().to_string();
  EXPECT_EQ(year->fiscal_year(), 2022);
  ASSERT_NE(year->unit_figures("U1"), nullptr);
  EXPECT_EQ(year->unit_figures("U1")->unspent_last_year, 15000);
  EXPECT_EQ(year->unit_figures("U2")->unspent_last_year, 0);  // not in the year before's ledger
  EXPECT_EQ(year->unit_figures("NOPE"), nullptr);
  EXPECT_EQ(year->line_figures("U1", "L2")->unit_code, "U1/L2");

  const auto fw = framework();
  auto u1 = score_unit(*s, fw, *year, "U1");
  ASSERT_TRUE(u1) << u1.error().to_string();
  EXPECT_EQ(u1->total, 9000);  // balance 150.00 元 as the year before's: 90; nothing paid: 0
  EXPECT_EQ(u1->undetermined, 0);
  auto u2 = score_unit(*s, fw, *year, "U2");
  ASSERT_TRUE(u2);
  EXPECT_EQ(u2->total, 0);  // a balance where the year before had none: 0
  EXPECT_EQ(u2->undetermined, 0);
  EXPECT_EQ(score_unit(*s, fw, *year, "NOPE").error().code(), ErrorCode::not_found);
  // A what-if on the execution rate moves only the execution leaf.
  EXPECT_EQ(score_unit(*s, fw, *year, "U1", 95.0)->total, 9800);

  // The ranking reads answers and goals once for the year, and gives each unit score_unit's card.
  auto scorer = Scorer::make(fw);
  ASSERT_TRUE(scorer);
  auto ranked = rank_units(*s, *year, *scorer);
  ASSERT_TRUE(ranked) << ranked.error().to_string();
  ASSERT_EQ(ranked->size(), 2u);
  EXPECT_EQ((*ranked)[0].unit_code, "U1");
  EXPECT_EQ((*ranked)[0].total, u1->total);
  EXPECT_EQ((*ranked)[0].missing_inputs, u1->missing_inputs);
  EXPECT_EQ((*ranked)[1].unit_code, "U2");
  EXPECT_EQ((*ranked)[1].total, u2->total);
  EXPECT_EQ((*ranked)[1].undetermined, u2->undetermined);
}

TEST(UnitEvaluation, TheLatestFrozenWinsReScoredFromItsOwnFrameworkElseTheLiveOne) {
  testkit::TempDir dir;
  auto s = two_years(dir);
  ASSERT_TRUE(s);
  auto year = ScoringYear::load(*s, 2022);
  ASSERT_TRUE(year);
  const auto live = framework();
  std::vector<std::string> notes;

  // Nothing frozen: the live card, the one score_unit gives; no framework, no evaluation.
  auto ev = unit_evaluation(*s, *year, "U1", &live, notes);
  ASSERT_TRUE(ev) << ev.error().to_string();
  ASSERT_TRUE(*ev);
  EXPECT_EQ((*ev)->frozen_id, 0);
  EXPECT_EQ(to_json((*ev)->card), to_json(*score_unit(*s, live, *year, "U1")));
  EXPECT_FALSE(*unit_evaluation(*s, *year, "U1", nullptr, notes));
  EXPECT_FALSE(*unit_evaluation(*s, *year, "NOPE", &live, notes));

  // Two frozen evaluations: the latest wins, by its own framework (renamed since) and inputs
  // (95 % executed then), whatever the ledger and the live framework say now.
  const auto old_fw = framework("冻结时的框架");
  auto first = s->evaluations().freeze(frozen_of(*score_unit(*s, old_fw, *year, "U1"), old_fw));
  ASSERT_TRUE(first);
  auto then = score_unit(*s, old_fw, *year, "U1", 95.0);
  auto latest = s->evaluations().freeze(frozen_of(*then, old_fw));
  ASSERT_TRUE(latest);
  ev = unit_evaluation(*s, *year, "U1", &live, notes);
  ASSERT_TRUE(ev && *ev);
  EXPECT_EQ((*ev)->frozen_id, latest->id);
  EXPECT_EQ((*ev)->framework.name, "冻结时的框架");
  EXPECT_EQ((*ev)->card.total, 9800);
  // Byte for byte the card frozen (`jixiao score frozen verify` compares the same).
  EXPECT_EQ(to_json((*ev)->card), latest->scorecard_json);
  EXPECT_EQ(to_json(rescore_frozen(*latest)->card), latest->scorecard_json);
  EXPECT_TRUE(notes.empty());
  // Without a live framework the frozen one still stands.
  EXPECT_EQ((*unit_evaluation(*s, *year, "U1", nullptr, notes))->frozen_id, latest->id);

  // A latest frozen evaluation that no longer parses is said, and the live card stands in.
  auto broken = frozen_of(*then, old_fw);
  broken.framework_text = "[framework]\nid = broken\n";
  auto bad = s->evaluations().freeze(broken);
  ASSERT_TRUE(bad);
  auto rescored = rescore_frozen(*bad);
  ASSERT_FALSE(rescored);
  EXPECT_NE(rescored.error().to_string().find("冻结评价 #" + std::to_string(bad->id) + " 的框架"),
            std::string::npos)
      << rescored.error().to_string();
  ev = unit_evaluation(*s, *year, "U1", &live, notes);
  ASSERT_TRUE(ev && *ev);
  EXPECT_EQ((*ev)->frozen_id, 0);
  EXPECT_EQ((*ev)->card.total, 9000);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_TRUE(notes[0].starts_with("冻结评价 #" + std::to_string(bad->id) + " 无法重算："))
      << notes[0];
}

}  // namespace
}  // namespace jixiao::scoring

// store/evaluation_store_test.cpp — checklist answers and frozen evaluations on both backends.
#include <gtest/gtest.h>

#include "store/backend_test.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::store {
namespace {

class EvaluationStoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(EvaluationStoreTest);

std::unique_ptr<Store> store_with_unit(const std::string& url) {
  auto s = open(url);
  EXPECT_TRUE(s) << (s ? "" : s.error().to_string());
  model::ImportBatch batch;
  batch.kind = model::ImportKind::budget;
  batch.source_name = "b.csv";
  batch.content_hash = "h1";
  batch.units.push_back({"BYRD01", "办公室", ""});
  model::BudgetLine line;
  line.unit_code = "BYRD01";
  line.fiscal_year = 2022;
  line.code = "B001";
  line.name = "工资";
  line.initial_budget = Money::from_yuan(100);
  batch.lines.push_back(line);
  EXPECT_TRUE((*s)->ledger().write_import(batch));
  return std::move(*s);
}

model::ChecklistAnswer answer(const std::string& key, std::optional<double> value,
                              const std::string& evidence) {
  model::ChecklistAnswer a;
  a.unit_code = "BYRD01";
  a.fiscal_year = 2022;
  a.key = key;
  a.value = value;
  a.evidence = evidence;
  a.answered_by = "tester";
  return a;
}

TEST_P(EvaluationStoreTest, ChecklistAnswersUpsertByUnitYearKey) {
  auto s = store_with_unit(url());
  ASSERT_TRUE(s->evaluations().save_checklist_answers(
      {answer("procurement.1", 1, "意向公开"), answer("fund", 2, "两项")}));
  ASSERT_TRUE(s->evaluations().save_checklist_answers({answer("fund", 0, "已整改")}));
  auto all = s->evaluations().checklist_answers(2022, "BYRD01");
  ASSERT_TRUE(all) << all.error().to_string();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].key, "fund");
  EXPECT_EQ((*all)[0].value, 0);
  EXPECT_EQ((*all)[0].evidence, "已整改");
  EXPECT_FALSE((*all)[0].answered_at.empty());
  EXPECT_EQ((*all)[1].key, "procurement.1");
  EXPECT_TRUE(s->evaluations().checklist_answers(2021)->empty());
}

TEST_P(EvaluationStoreTest, UnknownUnitWritesNothing) {
  auto s = store_with_unit(url());
  auto bad = answer("fund", 1, "");
  bad.unit_code = "NOPE";
  auto r = s->evaluations().save_checklist_answers({answer("fund", 1, ""), bad});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(), "未知的单位代码: NOPE");
  EXPECT_TRUE(s->evaluations().checklist_answers(2022)->empty());
}

TEST_P(EvaluationStoreTest, FrozenEvaluationKeepsEveryByte) {
  auto s = store_with_unit(url());
  model::FrozenEvaluation e;
  e.unit_code = "BYRD01";
  e.fiscal_year = 2022;
  e.framework_id = "gz_dept_overall_2022";
  e.framework_text = "[framework]\nid = gz\n";
  e.inputs_json = "[{\"name\": \"ledger.execution_rate\", \"value\": 91.55172413793103}]";
  e.scorecard_json = "{\n  \"total\": 91.91\n}";
  e.total = 9191;
  e.grade = "优";
  e.claimed = 9800;
  e.frozen_by = "cli";
  auto frozen = s->evaluations().freeze(e);
  ASSERT_TRUE(frozen) << frozen.error().to_string();
  EXPECT_GT(frozen->id, 0);
  auto back = s->evaluations().frozen(frozen->id);
  ASSERT_TRUE(back && *back);
  EXPECT_EQ((*back)->scorecard_json, e.scorecard_json);
  EXPECT_EQ((*back)->inputs_json, e.inputs_json);
  EXPECT_EQ((*back)->framework_text, e.framework_text);
  EXPECT_EQ((*back)->claimed, 9800);
  EXPECT_EQ(s->evaluations().frozen_evaluations(2022, "BYRD01")->size(), 1u);
  EXPECT_FALSE(*s->evaluations().frozen(frozen->id + 1));
}

}  // namespace
}  // namespace jixiao::store

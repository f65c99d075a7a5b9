// store/narrative_store_test.cpp — the report narratives on both backends (migration 005).
#include <gtest/gtest.h>

#include "store/backend_test.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::store {
namespace {

class NarrativeStoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(NarrativeStoreTest);

TEST_P(NarrativeStoreTest, SetsReplacesListsAndRemoves) {
  auto store = open(url());
  ASSERT_TRUE(store) << store.error().to_string();
  NarrativeStore& n = (*store)->narratives();

  ASSERT_TRUE(n.set_narrative({"BYRD01", 2022, "profile", "第一段\n第二段", "", "alice"}));
  ASSERT_TRUE(n.set_narrative({"BYRD01", 2022, "achievements", "一是……", "", "alice"}));
  ASSERT_TRUE(n.set_narrative({"BYRD01", 2021, "profile", "去年", "", "alice"}));
  ASSERT_TRUE(n.set_narrative({"BYRD01", 2022, "profile", "改过的概况", "", "bob"}));

  auto list = n.narratives("BYRD01", 2022);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].key, "achievements");
  EXPECT_EQ((*list)[1].key, "profile");
  EXPECT_EQ((*list)[1].text, "改过的概况");
  EXPECT_EQ((*list)[1].updated_by, "bob");
  EXPECT_EQ((*list)[1].updated_at.size(), 20u);  // 2026-11-28T00:00:00Z

  EXPECT_EQ(n.narratives_of_year(2021)->size(), 1u);
  EXPECT_TRUE(n.remove_narrative("BYRD01", 2022, "profile").value());
  EXPECT_FALSE(n.remove_narrative("BYRD01", 2022, "profile").value());
  EXPECT_EQ(n.narratives("BYRD01", 2022)->size(), 1u);
  EXPECT_TRUE(n.narratives("NOPE", 2022)->empty());
}

// Migration 010: the department's own scores, per unit, year and framework item.
TEST_P(NarrativeStoreTest, KeepsScoreOverridesWithTheirReasons) {
  auto store = open(url());
  ASSERT_TRUE(store) << store.error().to_string();
  NarrativeStore& n = (*store)->narratives();
  ASSERT_TRUE(
      n.set_score_override({"BYRD01", 2022, "1.1.1", "7", "年中追加资金12月下达", "", "alice"}));
  ASSERT_TRUE(n.set_score_override({"BYRD01", 2022, "1.1.2", "4", "按月均衡支付", "", "alice"}));
  ASSERT_TRUE(n.set_score_override({"BYRD01", 2022, "1.1.1", "7.5", "改过的理由", "", "bob"}));
  ASSERT_TRUE(n.set_score_override({"BYRD01", 2021, "1.1.1", "6", "去年", "", "bob"}));
  auto list = n.score_overrides("BYRD01", 2022);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].item, "1.1.1");
  EXPECT_EQ((*list)[0].score, "7.5");
  EXPECT_EQ((*list)[0].reason, "改过的理由");
  EXPECT_EQ((*list)[0].updated_by, "bob");
  EXPECT_EQ((*list)[0].updated_at.size(), 20u);
  EXPECT_TRUE(n.remove_score_override("BYRD01", 2022, "1.1.1").value());
  EXPECT_FALSE(n.remove_score_override("BYRD01", 2022, "1.1.1").value());
  EXPECT_EQ(n.score_overrides("BYRD01", 2022)->size(), 1u);
  EXPECT_EQ(n.score_overrides("BYRD01", 2021)->size(), 1u);
}

}  // namespace
}  // namespace jixiao::store

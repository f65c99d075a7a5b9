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

}  // namespace
}  // namespace jixiao::store

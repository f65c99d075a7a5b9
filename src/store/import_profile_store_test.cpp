// store/import_profile_store_test.cpp — import profiles on both backends (migration 011).
#include <gtest/gtest.h>

#include "store/backend_test.hpp"
#include "store/store.hpp"

namespace jixiao::store {
namespace {

class ImportProfileStoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(ImportProfileStoreTest);

TEST_P(ImportProfileStoreTest, SetsReplacesListsAndRemoves) {
  auto store = open(url());
  ASSERT_TRUE(store) << store.error().to_string();
  ImportProfileStore& p = (*store)->import_profiles();

  EXPECT_FALSE(p.import_profile("BYRD01", "国库支付").value());
  ASSERT_TRUE(
      p.set_import_profile({"BYRD01", "国库支付", "payments", R"({"header_row":3})", "", "alice"}));
  ASSERT_TRUE(
      p.set_import_profile({"BYRD02", "国库支付", "payments", R"({"header_row":1})", "", "bob"}));
  ASSERT_TRUE(p.set_import_profile({"BYRD01", "指标", "budget", "{}", "", "alice"}));

  auto one = p.import_profile("BYRD01", "国库支付");
  ASSERT_TRUE(one && *one) << (one ? "none" : one.error().to_string());
  EXPECT_EQ((*one)->kind, "payments");
  EXPECT_EQ((*one)->definition, R"({"header_row":3})");
  EXPECT_EQ((*one)->updated_by, "alice");
  EXPECT_FALSE((*one)->updated_at.empty());

  // Saved again under the same unit and name: replaced, not added.
  ASSERT_TRUE(
      p.set_import_profile({"BYRD01", "国库支付", "payments", R"({"header_row":4})", "", "carol"}));
  EXPECT_EQ(p.import_profile("BYRD01", "国库支付").value()->definition, R"({"header_row":4})");
  EXPECT_EQ(p.import_profile("BYRD01", "国库支付").value()->updated_by, "carol");

  auto named = p.import_profiles("国库支付");
  ASSERT_TRUE(named);
  ASSERT_EQ(named->size(), 2u);
  EXPECT_EQ((*named)[0].unit_code, "BYRD01");
  EXPECT_EQ((*named)[1].unit_code, "BYRD02");
  EXPECT_EQ(p.import_profiles().value().size(), 3u);

  EXPECT_TRUE(p.remove_import_profile("BYRD01", "国库支付").value());
  EXPECT_FALSE(p.remove_import_profile("BYRD01", "国库支付").value());
  EXPECT_FALSE(p.import_profile("BYRD01", "国库支付").value());
  EXPECT_EQ(p.import_profiles().value().size(), 2u);
}

}  // namespace
}  // namespace jixiao::store

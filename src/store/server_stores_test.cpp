// store/server_stores_test.cpp — users, the audit log and the evaluation workflow on both backends.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/backend_test.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::store {
namespace {

class UserStoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(UserStoreTest);

class AuditStoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(AuditStoreTest);

class WorkflowStoreTest : public BackendTest {};
JIXIAO_ON_BOTH_BACKENDS(WorkflowStoreTest);

std::unique_ptr<Store> fresh(const std::string& url) {
  auto s = open(url);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().to_string());
  return s ? std::move(*s) : nullptr;
}

TEST_P(UserStoreTest, AddsFindsAndRefusesADuplicateName) {
  auto store = fresh(url());
  ASSERT_TRUE(store);
  User u{.name = "zhang",
         .display_name = "张三",
         .role = Role::editor,
         .unit_codes = {"101001", "101002"},
         .password_hash = "$argon2id$x"};
  auto added = store->users().add_user(u);
  ASSERT_TRUE(added) << added.error().to_string();
  EXPECT_GT(added->id, 0);
  auto found = store->users().find_user("zhang");
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->unit_codes, (std::vector<std::string>{"101001", "101002"}));
  EXPECT_EQ((*found)->role, Role::editor);
  auto again = store->users().add_user(u);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::conflict);
  EXPECT_EQ(again.error().message(), "用户已存在: zhang");
}

TEST_P(UserStoreTest, ChangesRoleAndPasswordAndReportsAMissingUser) {
  auto store = fresh(url());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->users().add_user({.name = "li", .role = Role::viewer, .password_hash = "h1"}));
  ASSERT_TRUE(store->users().set_role("li", Role::bureau, {}));
  ASSERT_TRUE(store->users().set_password_hash("li", "h2", true));
  auto li = store->users().find_user("li").value().value();
  EXPECT_EQ(li.role, Role::bureau);
  EXPECT_EQ(li.password_hash, "h2");
  EXPECT_TRUE(li.must_change_password);
  auto missing = store->users().set_role("nobody", Role::admin, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::not_found);
}

TEST(RoleNames, RoundTripInBothLanguages) {
  for (Role r : {Role::admin, Role::bureau, Role::editor, Role::viewer}) {
    EXPECT_EQ(parse_role(to_string(r)), r);
    EXPECT_EQ(parse_role(chinese_name(r)), r);
  }
  EXPECT_FALSE(parse_role("root"));
}

TEST_P(AuditStoreTest, AppendsNewestFirstAndRefusesChanges) {
  auto store = fresh(url());
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->audit().append(
      {.user = "a", .source = "cli", .action = "users.add", .target = "user:x"}));
  ASSERT_TRUE(store->audit().append({.user = "b",
                                     .source = "api",
                                     .action = "import.apply",
                                     .target = "import:1",
                                     .after_json = R"({"rows":3})"}));
  auto all = store->audit().entries({});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].action, "import.apply");
  EXPECT_EQ((*all)[0].after_json, R"({"rows":3})");
  EXPECT_EQ((*all)[1].before_json, "null");
  EXPECT_EQ(store->audit().count({.user = "a"}).value(), 1);
  EXPECT_EQ(store->audit().count({.action = "users."}).value(), 1);
  auto page = store->audit().entries({.offset = 1, .limit = 1});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].user, "a");

  // Not even SQL from outside the program can change or remove an entry.
  std::string message;
  EXPECT_FALSE(db().raw_exec("UPDATE audit_log SET user_name = 'x'", &message));
  EXPECT_NE(message.find("审计日志只能追加，不能修改"), std::string::npos) << message;
  EXPECT_FALSE(db().raw_exec("DELETE FROM audit_log", &message));
  EXPECT_NE(message.find("审计日志只能追加，不能删除"), std::string::npos) << message;
  if (postgres()) {
    EXPECT_FALSE(db().raw_exec("TRUNCATE audit_log", &message));
    EXPECT_NE(message.find("审计日志只能追加，不能删除"), std::string::npos) << message;
  }
  EXPECT_EQ(store->audit().count({}).value(), 2);
}

TEST_P(WorkflowStoreTest, GoesDraftSubmittedReturnedSubmittedReviewed) {
  auto store = fresh(url());
  ASSERT_TRUE(store);
  auto& wf = store->workflow();
  auto draft = wf.save_draft("101001", 2022, R"({"note":"a"})", 9800, "ed");
  ASSERT_TRUE(draft) << draft.error().to_string();
  EXPECT_EQ(draft->status, EvaluationStatus::draft);
  auto sub = wf.submit("101001", 2022, R"({"score":98})", 9800, "ed");
  ASSERT_TRUE(sub) << sub.error().to_string();
  EXPECT_EQ(sub->status, EvaluationStatus::submitted);
  EXPECT_EQ(sub->snapshot_json, R"({"score":98})");

  auto edit = wf.save_draft("101001", 2022, "{}", 9900, "ed");
  ASSERT_FALSE(edit);
  EXPECT_EQ(edit.error().code(), ErrorCode::conflict);
  EXPECT_EQ(edit.error().message(),
            "101001 2022 年度自评当前状态为“已提交”，提交后不能修改；如需修改，请财政局退回");

  auto back = wf.review("101001", 2022, WorkflowStore::Decision::give_back, std::nullopt,
                        "请补充佐证", "bu");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, EvaluationStatus::returned);
  ASSERT_TRUE(wf.save_draft("101001", 2022, R"({"note":"b"})", 9700, "ed"));
  ASSERT_TRUE(wf.submit("101001", 2022, "{}", 9700, "ed"));
  auto ok = wf.review("101001", 2022, WorkflowStore::Decision::accept, 9150, "", "bu");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, EvaluationStatus::reviewed);
  EXPECT_EQ(ok->review_score_centi, 9150);
  EXPECT_EQ(ok->reviewed_by, "bu");

  auto twice = wf.review("101001", 2022, WorkflowStore::Decision::accept, 9000, "", "bu");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code(), ErrorCode::conflict);
  auto none = wf.submit("999", 2022, "{}", 0, "ed");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::not_found);
}

// Optimistic concurrency: a save from a stale version is refused, and of several saves from
// the same version on separate connections at once exactly one wins; submit likewise.
TEST_P(WorkflowStoreTest, StaleOrConcurrentSavesConflict) {
  auto store = fresh(url());
  ASSERT_TRUE(store);
  auto first = store->workflow().save_draft("U1", 2022, "{}", 100, "a");
  ASSERT_TRUE(first);
  const std::int64_t v = first->version;
  auto ok = store->workflow().save_draft("U1", 2022, "{}", 200, "a", v);
  ASSERT_TRUE(ok) << ok.error().to_string();
  EXPECT_EQ(ok->version, v + 1);
  auto stale = store->workflow().save_draft("U1", 2022, "{}", 300, "b", v);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::conflict);
  EXPECT_EQ(stale.error().message(),
            "U1 2022 年度自评已被他人修改（当前版本 2，你的修改基于版本 1）；请重新打开后再保存");
  EXPECT_EQ(store->workflow().find_evaluation("U1", 2022).value()->self_score_centi, 200);

  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      auto own = open(url());  // one connection per thread, as the server's pool
      if (!own) return;
      auto r = (*own)->workflow().save_draft("U1", 2022, "{}", 1000 + i, "t", v + 1);
      (r ? wins : conflicts)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 5);

  wins = 0;
  conflicts = 0;
  threads.clear();
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto own = open(url());
      if (!own) return;
      auto r = (*own)->workflow().submit("U1", 2022, "{}", 100, "t");
      (r ? wins : conflicts)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
}

}  // namespace
}  // namespace jixiao::store

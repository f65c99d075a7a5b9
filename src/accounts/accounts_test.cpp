// accounts/accounts_test.cpp — roles read from text, and user changes validated, hashed and
// audited on a real SQLite store.
#include "accounts/accounts.hpp"

#include <gtest/gtest.h>

#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::accounts {
namespace {

TEST(Accounts, ParseRoleReadsEnglishAndChineseAndNamesTheField) {
  EXPECT_EQ(parse_role("editor").value(), store::Role::editor);
  EXPECT_EQ(parse_role(store::chinese_name(store::Role::bureau)).value(), store::Role::bureau);
  struct Case {
    std::string text;
    std::string field;
    std::string message;
  };
  for (const Case& c :
       {Case{"root", "role", "未知角色: \"root\"（应为 admin、bureau、editor 或 viewer）"},
        Case{"", "role", "未知角色: \"\"（应为 admin、bureau、editor 或 viewer）"},
        Case{"Admin ", "roles[2]",
             "未知角色: \"Admin \"（应为 admin、bureau、editor 或 viewer）"}}) {
    auto r = parse_role(c.text, c.field);
    ASSERT_FALSE(r) << c.text;
    EXPECT_EQ(r.error().code(), ErrorCode::invalid_input);
    EXPECT_EQ(r.error().message(), c.message);
    EXPECT_EQ(r.error().location().field, c.field);
  }
}

class AccountsOnStore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open("sqlite:" + m_dir.file("a.db").string());
    ASSERT_TRUE(s) << s.error().to_string();
    m_store = std::move(*s);
    ASSERT_TRUE(m_store->ledger().write_import(testkit::small_budget_batch()));  // unit U1
  }
  std::vector<store::AuditEntry> audit() { return m_store->audit().entries({}).value(); }

  testkit::TempDir m_dir;
  std::unique_ptr<store::Store> m_store;
  Actor m_actor{"admin", "api"};
};

TEST_F(AccountsOnStore, AddHashesValidatesAndAudits) {
  auto added = add_account(
      *m_store,
      {.name = "zhang", .display_name = "张三", .role = store::Role::editor, .unit_codes = {"U1"}},
      PasswordCost::minimal, m_actor);
  ASSERT_TRUE(added) << added.error().to_string();
  EXPECT_EQ(added->first_password.size(), 12u);
  auto user = m_store->users().find_user("zhang").value();
  ASSERT_TRUE(user);
  EXPECT_TRUE(verify_password(user->password_hash, added->first_password));
  EXPECT_TRUE(user->must_change_password);
  auto log = audit();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "users.add");
  EXPECT_EQ(log[0].target, "user:zhang");
  EXPECT_EQ(log[0].user, "admin");
  EXPECT_EQ(log[0].after_json, user_audit_json(*user));

  // Refusals leave no user and no audit entry behind.
  struct Case {
    NewAccount account;
    std::string field;
  };
  for (const Case& c :
       {Case{{.name = "bad name", .role = store::Role::admin}, "name"},
        Case{{.name = "li", .role = store::Role::viewer}, "units"},
        Case{{.name = "li", .role = store::Role::viewer, .unit_codes = {"U9"}}, "units"},
        Case{{.name = "li", .role = store::Role::admin, .password = "short"}, "password"}}) {
    auto r = add_account(*m_store, c.account, PasswordCost::minimal, m_actor);
    ASSERT_FALSE(r) << c.account.name;
    EXPECT_EQ(r.error().location().field, c.field);
  }
  EXPECT_FALSE(m_store->users().find_user("li").value());
  auto again = add_account(*m_store, {.name = "zhang", .role = store::Role::admin},
                           PasswordCost::minimal, m_actor);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::conflict);
  EXPECT_EQ(audit().size(), 1u);
}

TEST_F(AccountsOnStore, ChangeRoleAndResetPasswordEndSessionsAndAudit) {
  ASSERT_TRUE(add_account(*m_store,
                          {.name = "zhang",
                           .role = store::Role::editor,
                           .unit_codes = {"U1"},
                           .password = "zq7-m4Kp2x-long",
                           .first_login = FirstLogin::as_is},
                          PasswordCost::minimal, m_actor));
  ASSERT_TRUE(m_store->users().save_session({.token_hash = session_token_hash("t1"),
                                             .user_name = "zhang",
                                             .csrf = "c",
                                             .expires_at = 4102444800}));
  auto after = change_role(*m_store, "zhang", store::Role::bureau, std::nullopt, m_actor);
  ASSERT_TRUE(after) << after.error().to_string();
  EXPECT_EQ(after->role, store::Role::bureau);
  EXPECT_TRUE(after->unit_codes.empty());  // bureau sees every unit
  EXPECT_FALSE(m_store->users().find_session(session_token_hash("t1"), 0).value());
  auto log = audit();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].action, "users.roles");

  auto generated = reset_password(*m_store, "zhang", "", PasswordCost::minimal, m_actor);
  ASSERT_TRUE(generated);
  auto user = m_store->users().find_user("zhang").value();
  EXPECT_TRUE(verify_password(user->password_hash, *generated));
  EXPECT_TRUE(user->must_change_password);
  EXPECT_EQ(audit()[0].action, "users.passwd");
  EXPECT_EQ(reset_password(*m_store, "nobody", "", PasswordCost::minimal, m_actor).error().code(),
            ErrorCode::not_found);
}

}  // namespace
}  // namespace jixiao::accounts

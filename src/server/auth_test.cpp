// server/auth_test.cpp — sessions and the login limiter (passwords: accounts/credentials_test.cpp).
#include "server/auth.hpp"

#include <gtest/gtest.h>

#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::server {
namespace {

// A store with the user "zhang" (editor of U1).
std::unique_ptr<store::Store> store_with_zhang(testkit::TempDir& dir) {
  auto s = store::open("sqlite:" + dir.file("s.db").string());
  EXPECT_TRUE(s);
  EXPECT_TRUE((*s)->users().add_user(
      {.name = "zhang", .display_name = "张三", .role = store::Role::admin, .password_hash = "x"}));
  return std::move(*s);
}

TEST(Sessions, AreFoundUntilRemovedOrExpired) {
  testkit::TempDir dir;
  auto store = store_with_zhang(dir);
  SessionTable table(std::chrono::seconds(3600));
  Principal zhang{.name = "zhang", .role = store::Role::admin};
  Session s = table.create(*store, zhang).value();
  EXPECT_EQ(s.token.size(), 64u);
  ASSERT_TRUE(table.find(*store, s.token).value());
  EXPECT_EQ(table.find(*store, s.token).value()->user.name, "zhang");
  EXPECT_FALSE(table.find(*store, "nope").value());
  ASSERT_TRUE(table.remove_user(*store, "zhang"));
  EXPECT_FALSE(table.find(*store, s.token).value());

  SessionTable instant(std::chrono::seconds(0));
  Session gone = instant.create(*store, zhang).value();
  EXPECT_FALSE(instant.find(*store, gone.token).value());
  ASSERT_TRUE(store->users()
                  .find_session(accounts::session_token_hash(gone.token), 0)
                  .value());  // its row is still there
  // The next sign-in drops the expired session's row.
  ASSERT_TRUE(instant.create(*store, zhang));
  EXPECT_FALSE(store->users().find_session(accounts::session_token_hash(gone.token), 0).value());
  // A session of a user who does not exist cannot be made.
  EXPECT_FALSE(table.create(*store, Principal{.name = "nobody"}));
}

// Sessions outlive the server: a new table (a restarted server) finds them in the store, with the
// user's role as it is now; a session ended in the store (a password reset through the CLI) ends
// in a running server once its cache is rechecked.
TEST(Sessions, SurviveARestartAndEndWhenEndedElsewhere) {
  testkit::TempDir dir;
  auto store = store_with_zhang(dir);
  Session s = SessionTable(std::chrono::seconds(3600)).create(*store, {.name = "zhang"}).value();

  SessionTable restarted(std::chrono::seconds(3600), std::chrono::milliseconds(0));
  auto found = restarted.find(*store, s.token);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->csrf, s.csrf);
  EXPECT_EQ((*found)->user.display_name, "张三");
  EXPECT_EQ((*found)->user.role, store::Role::admin);

  // The token itself is not in the database, only its hash.
  EXPECT_FALSE(store->users().find_session(s.token, 0).value());
  EXPECT_TRUE(store->users().find_session(accounts::session_token_hash(s.token), 0).value());

  ASSERT_TRUE(store->users().remove_sessions("zhang", 0));
  EXPECT_FALSE(restarted.find(*store, s.token).value());
}

TEST(LoginLimiter, BlocksAfterTheLimitWithinAMinuteAndForgetsAfterIt) {
  LoginLimiter limiter(3);
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.allowed("zhang", "127.0.0.1", t0));
    limiter.record_failure("zhang", "127.0.0.1", t0);
  }
  EXPECT_FALSE(limiter.allowed("zhang", "127.0.0.1", t0 + std::chrono::seconds(30)));
  EXPECT_TRUE(limiter.allowed("li", "127.0.0.1", t0));
  EXPECT_TRUE(limiter.allowed("zhang", "127.0.0.1", t0 + std::chrono::seconds(61)));
}

// Issue 17: a new address used to get a new allowance for the same name.
TEST(LoginLimiter, CountsANameWhateverTheAddressAndAnAddressOverAllNames) {
  LoginLimiter limiter(3, 1000, 4);
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) limiter.record_failure("zhang", "10.0.0." + std::to_string(i), t0);
  EXPECT_FALSE(limiter.allowed("zhang", "10.0.0.99", t0));
  EXPECT_TRUE(limiter.allowed("li", "10.0.0.99", t0));
  // One address trying many names: 4 × 3 failures in all.
  for (int i = 0; i < 12; ++i)
    limiter.record_failure("name" + std::to_string(i), "192.168.1.1", t0);
  EXPECT_FALSE(limiter.allowed("somebody", "192.168.1.1", t0));
  EXPECT_TRUE(limiter.allowed("somebody", "192.168.1.2", t0));
  limiter.reset("zhang");
  EXPECT_TRUE(limiter.allowed("zhang", "10.0.0.99", t0));
}

// Issue 17: 100 failed logins with 4 MiB names grew the server by 555 MB.
TEST(LoginLimiter, KeepsBoundedMemoryWhateverTheNames) {
  LoginLimiter limiter(5, 100);
  auto t0 = std::chrono::steady_clock::now();
  const std::string huge(1 << 20, 'A');
  for (int i = 0; i < 1000; ++i) {
    limiter.record_failure(huge + std::to_string(i),
                           "10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250),
                           t0 + std::chrono::milliseconds(i));
  }
  EXPECT_LE(limiter.size_for_test(), 200u);  // two tables of at most 100 entries, 8-byte keys
  // Entries expire: a minute later the tables are swept when they fill up again.
  for (int i = 0; i < 100; ++i)
    limiter.record_failure("n" + std::to_string(i), "a", t0 + std::chrono::minutes(2));
  EXPECT_LE(limiter.size_for_test(), 101u);
}

}  // namespace
}  // namespace jixiao::server

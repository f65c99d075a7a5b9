// server/auth_test.cpp — password hashing, sessions and the login limiter.
#include "server/auth.hpp"

#include <gtest/gtest.h>

namespace jixiao::server {
namespace {

TEST(Passwords, HashIsArgon2idAndVerifiesOnlyTheRightPassword) {
  auto hash = hash_password("correct horse", PasswordCost::minimal);
  ASSERT_TRUE(hash) << hash.error().to_string();
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$")) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse"));
  EXPECT_FALSE(verify_password(*hash, "correct horsE"));
  EXPECT_FALSE(verify_password("", "correct horse"));
  EXPECT_NE(*hash, hash_password("correct horse", PasswordCost::minimal).value());  // salted
}

TEST(Passwords, RulesCountCharactersNotBytes) {
  struct Case {
    std::string password;
    bool ok;
  };
  for (const Case& c : {Case{"1234567", false}, Case{"12345678", true}, Case{"绩效管理系统密码", true},
                        Case{"绩效管理", false}}) {
    EXPECT_EQ(check_password_rules(c.password).has_value(), c.ok) << c.password;
  }
  EXPECT_EQ(check_password_rules("short").error().message(), "密码至少需要 8 个字符");
}

TEST(Passwords, GeneratedOnesAreTwelveUnambiguousCharacters) {
  std::string p = generate_password();
  EXPECT_EQ(p.size(), 12u);
  EXPECT_EQ(p.find_first_of("0O1lI"), std::string::npos);
  EXPECT_NE(p, generate_password());
  EXPECT_EQ(random_hex(16).size(), 32u);
}

TEST(Sessions, AreFoundUntilRemovedOrExpired) {
  SessionTable table(std::chrono::seconds(3600));
  Principal zhang{.name = "zhang", .role = store::Role::editor};
  Session s = table.create(zhang);
  EXPECT_EQ(s.token.size(), 64u);
  ASSERT_TRUE(table.find(s.token));
  EXPECT_EQ(table.find(s.token)->user.name, "zhang");
  EXPECT_FALSE(table.find("nope"));
  table.remove_user("zhang");
  EXPECT_FALSE(table.find(s.token));

  SessionTable instant(std::chrono::seconds(0));
  Session gone = instant.create(zhang);
  EXPECT_FALSE(instant.find(gone.token));
}

TEST(LoginLimiter, BlocksAfterTheLimitWithinAMinuteAndForgetsAfterIt) {
  LoginLimiter limiter(3);
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(limiter.allowed("zhang|127.0.0.1", t0));
    limiter.record_failure("zhang|127.0.0.1", t0);
  }
  EXPECT_FALSE(limiter.allowed("zhang|127.0.0.1", t0 + std::chrono::seconds(30)));
  EXPECT_TRUE(limiter.allowed("li|127.0.0.1", t0));
  EXPECT_TRUE(limiter.allowed("zhang|127.0.0.1", t0 + std::chrono::seconds(61)));
}

}  // namespace
}  // namespace jixiao::server

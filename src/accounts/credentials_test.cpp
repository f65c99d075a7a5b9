// accounts/credentials_test.cpp — password hashing, password rules, generated passwords.
#include "accounts/credentials.hpp"

#include <gtest/gtest.h>

namespace jixiao::accounts {
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
  for (const Case& c : {Case{"123456789", false}, Case{"zq7-m4Kp2x", true},
                        Case{"绩效管理系统的密码好", true}, Case{"绩效管理系统密码", false}}) {
    EXPECT_EQ(check_password_rules(c.password).has_value(), c.ok) << c.password;
  }
  EXPECT_EQ(check_password_rules("short").error().message(), "密码至少需要 10 个字符");
}

// Issue 17 (NIST SP 800-63B): length, a blocklist of common passwords, no composition rules.
TEST(Passwords, RefuseWhitespaceRepeatsCommonOnesAndTheUserName) {
  const struct {
    const char* password;
    const char* user;
    const char* message;  // nullptr: accepted
  } k_cases[] = {
      {"          ", "", "密码不能只由空白字符组成"},
      {"\t\t\t\t\t     ", "", "密码不能只由空白字符组成"},
      {"aaaaaaaaaaaa", "", "密码不能是同一个字符的重复"},
      {"1234567890", "", "这是常见密码，容易被猜中；请换一个"},
      {"Password123", "", "这是常见密码，容易被猜中；请换一个"},
      {"woaini1314", "", "这是常见密码，容易被猜中；请换一个"},
      {"wangwei123", "wangwei", "密码不能只是用户名加几个字符"},
      {"correct horse battery", "", nullptr},
      {"zhao-pass-1", "zhao", nullptr},        // tests/e2e/serve_test.sh
      {"editor-password", "editor", nullptr},  // api_test's users
      {"bench-password-1", "bench", nullptr},  // bench/server/run.sh
  };
  for (const auto& c : k_cases) {
    auto r = check_password_rules(c.password, c.user);
    if (c.message == nullptr) {
      EXPECT_TRUE(r) << c.password << ": " << r.error().message();
    } else {
      ASSERT_FALSE(r) << c.password;
      EXPECT_EQ(r.error().message(), c.message) << c.password;
      EXPECT_EQ(r.error().location().field, "password");
    }
  }
  // The generated first passwords pass their own rules.
  for (int i = 0; i < 50; ++i) EXPECT_TRUE(check_password_rules(generate_password()));
}

TEST(Passwords, GeneratedOnesAreTwelveUnambiguousCharacters) {
  std::string p = generate_password();
  EXPECT_EQ(p.size(), 12u);
  EXPECT_EQ(p.find_first_of("0O1lI"), std::string::npos);
  EXPECT_NE(p, generate_password());
  EXPECT_EQ(random_hex(16).size(), 32u);
}

}  // namespace
}  // namespace jixiao::accounts

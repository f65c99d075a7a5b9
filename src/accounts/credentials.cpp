// accounts/credentials.cpp — argon2id through libsodium, password rules, random passwords and
// tokens.
#include "accounts/credentials.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>
#include <vector>

#include "core/text.hpp"

namespace jixiao::accounts {
namespace {

std::string to_lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return text;
}

// Common passwords of 10 characters or more (shorter ones fail the length rule anyway), in
// lower case: the top of the public breach-corpus frequency lists that NIST SP 800-63B asks a
// verifier to refuse, with the ones common among Chinese users (拼音, 520/1314 dates, QQ style).
const std::set<std::string>& common_passwords() {
  static const std::set<std::string> k_list = {
      "0123456789",   "1234567890",    "0987654321",   "9876543210",   "12345678910",
      "123456789a",   "a123456789",    "123456789q",   "q123456789",   "1234567890q",
      "qwertyuiop",   "qwertyuiop1",   "asdfghjkl1",   "asdfghjkl;",   "zxcvbnm123",
      "1q2w3e4r5t",   "1q2w3e4r5t6y",  "q1w2e3r4t5",   "1qaz2wsx3edc", "1qaz2wsx3e",
      "qazwsxedc1",   "qazwsxedcrfv",  "zaq12wsxcde3", "!qaz2wsx3edc", "password12",
      "password123",  "password1234",  "password!1",   "password1!",   "passw0rd12",
      "passw0rd123",  "p@ssw0rd12",    "p@ssw0rd123",  "p@ssword123",  "administrator",
      "admin12345",   "admin123456",   "admin@123",    "admin@1234",   "adminadmin",
      "root123456",   "welcome123",    "welcome1234",  "iloveyou12",   "iloveyou123",
      "princess123",  "football123",   "baseball123",  "sunshine123",  "abcdefghij",
      "abcd123456",   "abc1234567",    "abc123456789", "aa123456789",  "aa12345678",
      "qq123456789",  "qq1234567890",  "woaini1314",   "woaini520",    "woaini123456",
      "5201314520",   "1314520520",    "5201314123",   "a5201314520",  "wang123456",
      "zhang123456",  "li12345678",    "liu123456789", "chen123456",   "yang123456",
      "huang123456",  "zhao123456",    "123456abcd",   "123456qwer",   "123456asdf",
      "123qweasdzxc", "qweasdzxc123",  "1234qwerasdf", "qwer123456",   "asdf123456",
      "zxcv123456",   "1234abcd!@#$",  "11111111111",  "1122334455",   "1234554321",
      "1234512345",   "1231231234",    "1212121212",   "1357924680",   "2468013579",
      "123123123123", "888888888888",  "6666666666",   "8888888888",   "1111111111",
      "0000000000",   "jixiao12345",   "jixiao123456", "changeme123",  "letmein1234",
      "trustno1234",  "computer123",   "internet123",  "superman123",  "michael123",
      "dragon12345",  "monkey12345",   "shadow12345",  "master12345",  "qwerty12345",
      "qwerty123456", "qwertyuiop123", "1qazxsw23edc", "zxcvbnmasdf",  "yuanyuan123",
      "woaiwojia123", "aini1314520",   "a1234567890",  "aa1234567890", "abcdefg123",
  };
  return k_list;
}

constexpr std::size_t k_min_password_length = 10;

}  // namespace

void init_crypto() {
  static const int k_ready = sodium_init();
  JIXIAO_ASSERT(k_ready >= 0, "libsodium could not initialise");
}

Result<std::string> hash_password(const std::string& password, PasswordCost cost) {
  init_crypto();
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = cost == PasswordCost::interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                             : crypto_pwhash_OPSLIMIT_MIN;
  std::size_t mem = cost == PasswordCost::interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                      : crypto_pwhash_MEMLIMIT_MIN;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(Error::internal("计算密码哈希失败（内存不足）"));
  }
  return std::string(out);
}

bool verify_password(const std::string& hash, const std::string& password) {
  init_crypto();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<void> check_password_rules(const std::string& password, const std::string& user_name) {
  auto weak = [](const std::string& why) {
    return fail(Error::invalid_input(why, {.field = "password"}));
  };
  if (text::characters(password) < k_min_password_length) {
    return weak("密码至少需要 " + std::to_string(k_min_password_length) + " 个字符");
  }
  if (std::all_of(password.begin(), password.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    return weak("密码不能只由空白字符组成");
  }
  if (std::all_of(password.begin(), password.end(),
                  [&](char c) { return c == password.front(); })) {
    return weak("密码不能是同一个字符的重复");
  }
  std::string lower = to_lower(password);
  if (common_passwords().contains(lower)) return weak("这是常见密码，容易被猜中；请换一个");
  // The user name with a few characters added ("wangwei123") is the first guess for that account.
  if (!user_name.empty() && lower.find(to_lower(user_name)) != std::string::npos &&
      lower.size() < user_name.size() + 4) {
    return weak("密码不能只是用户名加几个字符");
  }
  return {};
}

std::string generate_password() {
  init_crypto();
  static constexpr std::string_view k_alphabet =
      "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 12; ++i) {
    out += k_alphabet[randombytes_uniform(static_cast<std::uint32_t>(k_alphabet.size()))];
  }
  return out;
}

std::string random_hex(std::size_t bytes) {
  init_crypto();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

std::string session_token_hash(const std::string& token) {
  init_crypto();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::string hex(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  return hex;
}

}  // namespace jixiao::accounts

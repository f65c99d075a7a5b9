// server/auth.cpp — argon2id through libsodium, random tokens, sessions, the login limiter.
#include "server/auth.hpp"

#include "store/store.hpp"

#include <sodium.h>

#include <algorithm>

namespace jixiao::server {
namespace {

void ensure_sodium() {
  static const int k_ready = sodium_init();
  JIXIAO_ASSERT(k_ready >= 0, "libsodium could not initialise");
}

std::size_t utf8_length(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

Result<std::string> hash_password(const std::string& password, PasswordCost cost) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops =
      cost == PasswordCost::interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN;
  std::size_t mem = cost == PasswordCost::interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(Error::internal("计算密码哈希失败（内存不足）"));
  }
  return std::string(out);
}

bool verify_password(const std::string& hash, const std::string& password) {
  ensure_sodium();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<void> check_password_rules(const std::string& password) {
  if (utf8_length(password) < 8) {
    return fail(Error::invalid_input("密码至少需要 8 个字符", {.field = "password"}));
  }
  return {};
}

std::string generate_password() {
  ensure_sodium();
  static constexpr std::string_view k_alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 12; ++i) {
    out += k_alphabet[randombytes_uniform(static_cast<std::uint32_t>(k_alphabet.size()))];
  }
  return out;
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

Principal principal_of(const store::User& u) {
  return Principal{u.name, u.display_name.empty() ? u.name : u.display_name, u.role, u.unit_codes,
                   u.must_change_password};
}

std::string session_token_hash(const std::string& token) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::string hex(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
  hex.pop_back();
  return hex;
}

namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

Result<Session> SessionTable::create(store::Store& store, const Principal& user) {
  const auto now = m_clock->now();
  Session s{random_hex(32), random_hex(16), user, now + m_lifetime};
  JIXIAO_TRY(store.users().remove_expired_sessions(unix_seconds(now)));
  JIXIAO_TRY(store.users().save_session({session_token_hash(s.token), user.name, s.csrf, unix_seconds(s.expires)}));
  std::lock_guard lock(m_mutex);
  m_sessions[s.token] = {s, std::chrono::steady_clock::now()};
  return s;
}

Result<std::optional<Session>> SessionTable::find(store::Store& store, const std::string& token) {
  const auto now = m_clock->now();
  {
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(token);
    if (it != m_sessions.end()) {
      if (it->second.session.expires <= now) {
        m_sessions.erase(it);
        return std::optional<Session>();
      }
      if (std::chrono::steady_clock::now() - it->second.checked < m_recheck) return std::optional(it->second.session);
    }
  }
  auto record = store.users().find_session(session_token_hash(token), unix_seconds(now));
  if (!record) return fail(std::move(record.error()));
  std::optional<store::User> user;
  if (*record) {
    auto found = store.users().find_user((*record)->user_name);
    if (!found) return fail(std::move(found.error()));
    if (*found && !(*found)->disabled) user = std::move(**found);
  }
  std::lock_guard lock(m_mutex);
  if (!user) {
    m_sessions.erase(token);
    return std::optional<Session>();
  }
  Session s{token, (*record)->csrf, principal_of(*user),
            std::chrono::system_clock::time_point(std::chrono::seconds((*record)->expires_at))};
  m_sessions[token] = {s, std::chrono::steady_clock::now()};
  return std::optional(std::move(s));
}

Result<void> SessionTable::remove(store::Store& store, const std::string& token) {
  {
    std::lock_guard lock(m_mutex);
    m_sessions.erase(token);
  }
  return store.users().remove_session(session_token_hash(token));
}

Result<void> SessionTable::remove_user(store::Store& store, const std::string& user_name) {
  {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_sessions, [&](const auto& kv) { return kv.second.session.user.name == user_name; });
  }
  return store.users().remove_sessions(user_name, unix_seconds(m_clock->now()));
}

bool LoginLimiter::allowed(const std::string& key, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(m_mutex);
  auto it = m_failures.find(key);
  if (it == m_failures.end()) return true;
  std::erase_if(it->second, [&](auto t) { return now - t >= std::chrono::minutes(1); });
  return static_cast<int>(it->second.size()) < m_limit;
}

void LoginLimiter::record_failure(const std::string& key, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(m_mutex);
  m_failures[key].push_back(now);
}

void LoginLimiter::reset(const std::string& key) {
  std::lock_guard lock(m_mutex);
  m_failures.erase(key);
}

}  // namespace jixiao::server

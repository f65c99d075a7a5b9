// server/auth.hpp — passwords (argon2id via libsodium), sessions and the login rate limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "server/server.hpp"
#include "store/user_store.hpp"

namespace jixiao::server {

// The argon2id hash string of `password` ("$argon2id$v=19$m=…"). Error::internal when
// libsodium fails (out of memory).
Result<std::string> hash_password(const std::string& password, PasswordCost cost);
bool verify_password(const std::string& hash, const std::string& password);
// Error::invalid_input naming the rule when `password` is too weak (under 8 characters).
Result<void> check_password_rules(const std::string& password);
// A random password for a new user: 12 characters from an unambiguous alphabet.
std::string generate_password();
// `bytes` random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);

// Who is making a request.
struct Principal {
  std::string name;
  std::string display_name;
  store::Role role = store::Role::viewer;
  std::vector<std::string> unit_codes;
  bool must_change_password = false;
};

struct Session {
  std::string token;  // the cookie value
  std::string csrf;   // must come back in X-CSRF-Token on every write
  Principal user;
  std::chrono::steady_clock::time_point expires;
};

// Sessions in memory, keyed by token. Thread-safe.
class SessionTable {
 public:
  explicit SessionTable(std::chrono::seconds lifetime) : m_lifetime(lifetime) {}
  Session create(const Principal& user);
  // The live session with this token; expired ones are removed.
  std::optional<Session> find(const std::string& token);
  void remove(const std::string& token);
  // Drops every session of `user_name` (after a password or role change).
  void remove_user(const std::string& user_name);
  std::chrono::seconds lifetime() const { return m_lifetime; }

 private:
  std::chrono::seconds m_lifetime;
  std::mutex m_mutex;
  std::map<std::string, Session> m_sessions;
};

// Counts failed logins per key (user name + address) in a sliding minute. Thread-safe.
class LoginLimiter {
 public:
  explicit LoginLimiter(int failures_per_minute) : m_limit(failures_per_minute) {}
  // True when `key` may try again now.
  bool allowed(const std::string& key, std::chrono::steady_clock::time_point now);
  void record_failure(const std::string& key, std::chrono::steady_clock::time_point now);
  void reset(const std::string& key);

 private:
  int m_limit;
  std::mutex m_mutex;
  std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> m_failures;
};

}  // namespace jixiao::server

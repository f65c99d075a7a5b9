// server/auth.hpp — who is signed in: principals, sessions and the login rate limit (passwords
// and tokens: accounts/credentials.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accounts/credentials.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "server/server.hpp"
#include "store/user_store.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::server {

// Who is making a request.
struct Principal {
  std::string name;
  std::string display_name;
  store::Role role = store::Role::viewer;
  std::vector<std::string> unit_codes;
  bool must_change_password = false;
};

// The principal of a stored user.
Principal principal_of(const store::User& user);

struct Session {
  std::string token;  // the cookie value
  std::string csrf;   // must come back in X-CSRF-Token on every write
  Principal user;
  std::chrono::system_clock::time_point expires;
};

// Sessions, kept in the store by a hash of their token (a restart of the server signs nobody
// out) with a cache in memory, so that most requests do not read the database. A cached session
// is checked against the store again after `recheck`: one ended elsewhere (a password reset
// through the CLI, another server process) ends here within that time, and a changed role
// applies. Thread-safe; each call uses the store it is given.
class SessionTable {
 public:
  // `clock`: when sessions start and expire; Default: the wall clock.
  explicit SessionTable(std::chrono::seconds lifetime,
                        std::chrono::milliseconds recheck = std::chrono::seconds(5),
                        const Clock* clock = nullptr)
      : m_lifetime(lifetime), m_recheck(recheck), m_clock(clock ? clock : &wall_clock()) {}
  // Error::not_found when the user does not exist; Error::storage when the store fails.
  Result<Session> create(store::Store& store, const Principal& user);
  // The live session with this token (nullopt when there is none, it expired, or its user was
  // removed or disabled).
  Result<std::optional<Session>> find(store::Store& store, const std::string& token);
  Result<void> remove(store::Store& store, const std::string& token);
  // Ends every session of `user_name` (after a password or role change).
  Result<void> remove_user(store::Store& store, const std::string& user_name);
  std::chrono::seconds lifetime() const { return m_lifetime; }

 private:
  struct Cached {
    Session session;
    std::chrono::steady_clock::time_point checked;
  };
  std::chrono::seconds m_lifetime;
  std::chrono::milliseconds m_recheck;
  const Clock* m_clock;
  std::mutex m_mutex;
  std::map<std::string, Cached> m_sessions;
};

// Counts failed logins in a minute that starts at the first failure, twice over: per user name
// whatever the address (guessing one account from many addresses), and per client address
// (one address trying many names), which gets `address_factor` times the allowance because an
// office may sit behind one address. Memory is bounded: keys are kept as 64-bit keyed hashes
// (a 4 MiB name costs 8 bytes), entries expire after their minute, and each table holds at most
// `capacity` entries, the oldest dropped first. Thread-safe.
class LoginLimiter {
 public:
  explicit LoginLimiter(int failures_per_minute, std::size_t capacity = 100000,
                        int address_factor = 4);
  // True when `name` may try again now from `address`.
  bool allowed(const std::string& name, const std::string& address,
               std::chrono::steady_clock::time_point now);
  void record_failure(const std::string& name, const std::string& address,
                      std::chrono::steady_clock::time_point now);
  // After a successful login: the name's count starts again (the address's does not, so that
  // an attacker's own account does not reset their address's allowance).
  void reset(const std::string& name);
  // Entries held now, both tables together (for tests).
  std::size_t size_for_test();

 private:
  struct Window {
    std::chrono::steady_clock::time_point start;
    int failures = 0;
  };
  using Table = std::map<std::uint64_t, Window>;
  std::uint64_t key_of(char kind, const std::string& text) const;
  static bool blocked(const Table& table, std::uint64_t key, int limit,
                      std::chrono::steady_clock::time_point now);
  void count(Table& table, std::uint64_t key, std::chrono::steady_clock::time_point now);

  int m_limit;
  std::size_t m_capacity;
  int m_address_factor;
  unsigned char m_hash_key[16];
  std::mutex m_mutex;
  Table m_names;
  Table m_addresses;
};

}  // namespace jixiao::server

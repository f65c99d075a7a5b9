// server/auth.cpp — sessions and the login limiter (passwords: accounts/passwords.cpp).
#include "server/auth.hpp"

#include <sodium.h>

#include <algorithm>

#include "accounts/credentials.hpp"
#include "store/store.hpp"

namespace jixiao::server {

Principal principal_of(const store::User& u) {
  return Principal{u.name, u.display_name.empty() ? u.name : u.display_name, u.role, u.unit_codes,
                   u.must_change_password};
}

namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

Result<Session> SessionTable::create(store::Store& store, const Principal& user) {
  const auto now = m_clock->now();
  Session s{accounts::random_hex(32), accounts::random_hex(16), user, now + m_lifetime};
  JIXIAO_TRY(store.users().remove_expired_sessions(unix_seconds(now)));
  JIXIAO_TRY(store.users().save_session(
      {accounts::session_token_hash(s.token), user.name, s.csrf, unix_seconds(s.expires)}));
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
      if (std::chrono::steady_clock::now() - it->second.checked < m_recheck)
        return std::optional(it->second.session);
    }
  }
  auto record = store.users().find_session(accounts::session_token_hash(token), unix_seconds(now));
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
  return store.users().remove_session(accounts::session_token_hash(token));
}

Result<void> SessionTable::remove_user(store::Store& store, const std::string& user_name) {
  {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_sessions,
                  [&](const auto& kv) { return kv.second.session.user.name == user_name; });
  }
  return store.users().remove_sessions(user_name, unix_seconds(m_clock->now()));
}

LoginLimiter::LoginLimiter(int failures_per_minute, std::size_t capacity, int address_factor)
    : m_limit(failures_per_minute),
      m_capacity(std::max<std::size_t>(capacity, 1)),
      m_address_factor(address_factor) {
  accounts::init_crypto();
  crypto_shorthash_keygen(m_hash_key);  // keyed: nobody can aim a collision at another name
}

std::uint64_t LoginLimiter::key_of(char kind, const std::string& text) const {
  std::string input(1, kind);
  input += text;
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                   m_hash_key);
  std::uint64_t key = 0;
  for (unsigned char b : out) key = (key << 8) | b;
  return key;
}

bool LoginLimiter::blocked(const Table& table, std::uint64_t key, int limit,
                           std::chrono::steady_clock::time_point now) {
  auto it = table.find(key);
  return it != table.end() && now - it->second.start < std::chrono::minutes(1) &&
         it->second.failures >= limit;
}

void LoginLimiter::count(Table& table, std::uint64_t key,
                         std::chrono::steady_clock::time_point now) {
  auto it = table.find(key);
  if (it == table.end()) {
    if (table.size() >= m_capacity) {
      std::erase_if(
          table, [&](const auto& kv) { return now - kv.second.start >= std::chrono::minutes(1); });
    }
    if (table.size() >= m_capacity) {
      // Still full of live windows: the oldest goes, so memory stays bounded under a flood.
      auto oldest = std::min_element(table.begin(), table.end(), [](const auto& a, const auto& b) {
        return a.second.start < b.second.start;
      });
      table.erase(oldest);
    }
    table.emplace(key, Window{now, 1});
    return;
  }
  if (now - it->second.start >= std::chrono::minutes(1)) it->second = Window{now, 0};
  ++it->second.failures;
}

bool LoginLimiter::allowed(const std::string& name, const std::string& address,
                           std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(m_mutex);
  return !blocked(m_names, key_of('n', name), m_limit, now) &&
         !blocked(m_addresses, key_of('a', address), m_limit * m_address_factor, now);
}

void LoginLimiter::record_failure(const std::string& name, const std::string& address,
                                  std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(m_mutex);
  count(m_names, key_of('n', name), now);
  count(m_addresses, key_of('a', address), now);
}

void LoginLimiter::reset(const std::string& name) {
  std::lock_guard lock(m_mutex);
  m_names.erase(key_of('n', name));
}

std::size_t LoginLimiter::size_for_test() {
  std::lock_guard lock(m_mutex);
  return m_names.size() + m_addresses.size();
}

}  // namespace jixiao::server

// store/user_store.hpp — the users of the server and the CLI: names, roles, units, password hashes.
//
// Passwords are never stored: only their argon2id hash (computed by server/auth). Sessions are
// kept by a hash of their token, so that a restart of the server signs nobody out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jixiao::store {

// What a user may do. Stored as text "admin" / "bureau" / "editor" / "viewer"; do not rename.
enum class Role : std::uint8_t {
  admin,   // 系统管理员: everything, including users
  bureau,  // 财政局绩效科: reads all units, reviews evaluations (复核), reads the audit log
  editor,  // 单位填报人员: writes only its own units
  viewer,  // 单位查看人员: reads its own units and published reports
};
std::string_view to_string(Role role);
std::string_view chinese_name(Role role);               // "系统管理员" …
std::optional<Role> parse_role(std::string_view text);  // English or Chinese name

struct User {
  std::int64_t id = 0;
  std::string name;          // login name, unique
  std::string display_name;  // shown in the UI
  Role role = Role::viewer;
  std::vector<std::string> unit_codes;  // the units an editor or viewer works on
  std::string password_hash;            // argon2id string ($argon2id$v=19$…)
  bool must_change_password = false;    // set for first passwords
  bool disabled = false;
  std::string created_at;  // ISO 8601, UTC
};

// A signed-in session (server/auth's SessionTable keeps these, with a cache in memory).
struct SessionRecord {
  std::string token_hash;  // SHA-256 of the cookie value, hex: the token itself is never stored
  std::string user_name;
  std::string csrf;             // the CSRF token of the session
  std::int64_t expires_at = 0;  // Unix seconds, UTC
};

class UserStore {
 public:
  virtual ~UserStore() = default;

  // All users, ordered by name.
  virtual Result<std::vector<User>> users() = 0;
  virtual Result<std::optional<User>> find_user(const std::string& name) = 0;
  // Adds `user` (its id and created_at are assigned). Error::conflict when the name exists.
  virtual Result<User> add_user(const User& user) = 0;
  // Replaces the password hash. Error::not_found when there is no such user.
  virtual Result<void> set_password_hash(const std::string& name, const std::string& hash,
                                         bool must_change_password) = 0;
  // Replaces role and units. Error::not_found when there is no such user.
  virtual Result<void> set_role(const std::string& name, Role role,
                                const std::vector<std::string>& unit_codes) = 0;
  virtual Result<void> set_disabled(const std::string& name, bool disabled) = 0;

  // Keeps a new session. Error::not_found when its user does not exist.
  virtual Result<void> save_session(const SessionRecord& session) = 0;
  // The session with this token hash unless it has expired at `now` (Unix seconds).
  virtual Result<std::optional<SessionRecord>> find_session(const std::string& token_hash,
                                                            std::int64_t now) = 0;
  virtual Result<void> remove_session(const std::string& token_hash) = 0;
  // Ends every session of `user_name` (after a password or role change), and drops every
  // session that has expired at `now`.
  virtual Result<void> remove_sessions(const std::string& user_name, std::int64_t now) = 0;
  // Drops every session that has expired at `now` (each sign-in does, so they do not pile up).
  virtual Result<void> remove_expired_sessions(std::int64_t now) = 0;
};

}  // namespace jixiao::store

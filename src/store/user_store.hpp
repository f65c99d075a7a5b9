// store/user_store.hpp — the users of the server and the CLI: names, roles, units, password hashes.
//
// Passwords are never stored: only their argon2id hash (computed by server/auth). Sessions
// live in the server's memory, not here.
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
std::string_view chinese_name(Role role);  // "系统管理员" …
std::optional<Role> parse_role(std::string_view text);  // English or Chinese name

struct User {
  std::int64_t id = 0;
  std::string name;                     // login name, unique
  std::string display_name;             // shown in the UI
  Role role = Role::viewer;
  std::vector<std::string> unit_codes;  // the units an editor or viewer works on
  std::string password_hash;            // argon2id string ($argon2id$v=19$…)
  bool must_change_password = false;    // set for first passwords
  bool disabled = false;
  std::string created_at;               // ISO 8601, UTC
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
  virtual Result<void> set_role(const std::string& name, Role role, const std::vector<std::string>& unit_codes) = 0;
  virtual Result<void> set_disabled(const std::string& name, bool disabled) = 0;
};

}  // namespace jixiao::store

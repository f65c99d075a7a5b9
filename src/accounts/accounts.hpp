// accounts/accounts.hpp — user management shared by the API and `jixiao users`: both read
// roles, add users, change roles and reset passwords through these functions, which validate,
// hash the password and append the audit entry in the caller's unit of work.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/credentials.hpp"
#include "core/result.hpp"
#include "store/user_store.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::accounts {

// The role named by `text` (English or Chinese, store::parse_role); Error::invalid_input naming
// `field` and the four roles otherwise. The API's "role" member and `jixiao users --role`.
Result<store::Role> parse_role(std::string_view text, const std::string& field = "role");

// Who makes a write, for the audit log.
struct Actor {
  std::string name;    // login name, or the CLI's user
  std::string source;  // "api" or "cli"
};

// Until the password is changed, the server lets the session do nothing but change it.
enum class FirstLogin { change_password, as_is };

struct NewAccount {
  std::string name;
  std::string display_name;
  store::Role role = store::Role::viewer;
  std::vector<std::string> unit_codes;
  std::string password;  // empty: generate one
  // Whether the first login must change the password. Default: yes. `jixiao demo` and
  // `jixiao users add --password` (the operator at the machine chose it) pass FirstLogin::as_is.
  FirstLogin first_login = FirstLogin::change_password;
};

struct AddedAccount {
  store::User user;
  std::string first_password;  // the generated one; empty when the caller gave a password
};

// Adds a user (who must change the password at first login unless `account.first_login` says
// otherwise). Error::invalid_input for a bad name, a weak password, an editor/viewer without units
// or an unknown unit; Error::conflict when the name is taken.
Result<AddedAccount> add_account(store::Store& store, const NewAccount& account, PasswordCost cost,
                                 const Actor& actor);
// Sets a new password (generated when `password` is empty; then it must be changed at first
// login) and ends the user's sessions. Returns the generated password, or empty.
// Error::not_found for an unknown user.
Result<std::string> reset_password(store::Store& store, const std::string& name,
                                   const std::string& password, PasswordCost cost,
                                   const Actor& actor);
// Changes role and units (units kept when `unit_codes` is nullopt) and ends the user's
// sessions. Returns the user after.
Result<store::User> change_role(store::Store& store, const std::string& name, store::Role role,
                                const std::optional<std::vector<std::string>>& unit_codes,
                                const Actor& actor);

// JSON text of a user without its hash, as the audit log records it.
std::string user_audit_json(const store::User& user);

}  // namespace jixiao::accounts

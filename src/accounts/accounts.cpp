// accounts/accounts.cpp — validation, hashing and auditing of user changes.
#include "accounts/accounts.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "store/store.hpp"

namespace jixiao::accounts {
namespace {

Result<void> check_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
  }
  if (!ok) {
    return fail(Error::invalid_input(
        "用户名只能由字母、数字和 _ - . 组成（1 到 64 个字符）: \"" + name + "\"",
        {.field = "name"}));
  }
  return {};
}

Result<void> check_units(store::Store& s, store::Role role, const std::vector<std::string>& units) {
  if ((role == store::Role::editor || role == store::Role::viewer) && units.empty()) {
    return fail(Error::invalid_input("单位填报和单位查看用户至少需要一个单位", {.field = "units"}));
  }
  auto known = s.ledger().units();
  if (!known) return fail(std::move(known.error()));
  for (const auto& code : units) {
    bool found = false;
    for (const auto& u : *known) found = found || u.code == code;
    if (!found) return fail(Error::invalid_input("没有这个单位: " + code, {.field = "units"}));
  }
  return {};
}

Result<void> audit(store::Store& s, const Actor& actor, const std::string& action,
                   const std::string& target, std::string before, std::string after) {
  auto r = s.audit().append({.user = actor.name,
                             .source = actor.source,
                             .action = action,
                             .target = target,
                             .before_json = std::move(before),
                             .after_json = std::move(after)});
  if (!r) return fail(std::move(r.error()));
  return {};
}

}  // namespace

Result<store::Role> parse_role(std::string_view text, const std::string& field) {
  auto role = store::parse_role(text);
  if (!role) {
    return fail(Error::invalid_input(
        "未知角色: \"" + std::string(text) + "\"（应为 admin、bureau、editor 或 viewer）",
        {.field = field}));
  }
  return *role;
}

std::string user_audit_json(const store::User& u) {
  return nlohmann::json{{"name", u.name},
                        {"display_name", u.display_name},
                        {"role", to_string(u.role)},
                        {"units", u.unit_codes},
                        {"disabled", u.disabled}}
      .dump();
}

Result<AddedAccount> add_account(store::Store& store, const NewAccount& account, PasswordCost cost,
                                 const Actor& actor) {
  JIXIAO_TRY(check_name(account.name));
  AddedAccount out;
  std::string password = account.password;
  if (password.empty()) {
    password = generate_password();
    out.first_password = password;
  }
  JIXIAO_TRY(check_password_rules(password, account.name));
  JIXIAO_TRY(check_units(store, account.role, account.unit_codes));
  auto hash = hash_password(password, cost);
  if (!hash) return fail(std::move(hash.error()));
  auto added = store.users().add_user(
      {.name = account.name,
       .display_name = account.display_name,
       .role = account.role,
       .unit_codes = account.unit_codes,
       .password_hash = *hash,
       .must_change_password = account.first_login == FirstLogin::change_password});
  if (!added) return fail(std::move(added.error()));
  JIXIAO_TRY(
      audit(store, actor, "users.add", "user:" + account.name, "null", user_audit_json(*added)));
  out.user = std::move(*added);
  return out;
}

namespace {

// A reset password or a changed role ends the user's sessions, whether the change comes
// through the API or the CLI (the server rechecks its cached sessions within seconds).
Result<void> end_sessions(store::Store& store, const std::string& name) {
  return store.users().remove_sessions(name, wall_clock().unix_seconds());
}

}  // namespace

Result<std::string> reset_password(store::Store& store, const std::string& name,
                                   const std::string& password, PasswordCost cost,
                                   const Actor& actor) {
  std::string chosen = password.empty() ? generate_password() : password;
  JIXIAO_TRY(check_password_rules(chosen, name));
  auto hash = hash_password(chosen, cost);
  if (!hash) return fail(std::move(hash.error()));
  JIXIAO_TRY(store.users().set_password_hash(name, *hash, password.empty()));
  JIXIAO_TRY(end_sessions(store, name));
  JIXIAO_TRY(audit(store, actor, "users.passwd", "user:" + name, R"({"password":"***"})",
                   R"({"password":"***（已重置）"})"));
  return password.empty() ? chosen : std::string();
}

Result<store::User> change_role(store::Store& store, const std::string& name, store::Role role,
                                const std::optional<std::vector<std::string>>& unit_codes,
                                const Actor& actor) {
  auto before = store.users().find_user(name);
  if (!before) return fail(std::move(before.error()));
  if (!before->has_value())
    return fail(Error::not_found("没有这个用户: " + name, {.field = "name"}));
  std::vector<std::string> units = unit_codes.value_or((*before)->unit_codes);
  if (role == store::Role::admin || role == store::Role::bureau)
    units = unit_codes.value_or(std::vector<std::string>{});
  JIXIAO_TRY(check_units(store, role, units));
  JIXIAO_TRY(store.users().set_role(name, role, units));
  JIXIAO_TRY(end_sessions(store, name));
  auto after = store.users().find_user(name);
  if (!after) return fail(std::move(after.error()));
  JIXIAO_TRY(audit(store, actor, "users.roles", "user:" + name, user_audit_json(**before),
                   user_audit_json(**after)));
  return **after;
}

}  // namespace jixiao::accounts

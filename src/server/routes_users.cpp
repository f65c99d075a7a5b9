// server/routes_users.cpp — user management (admin only): list, add, change role, reset password.
#include "accounts/accounts.hpp"
#include "server/app.hpp"

namespace jixiao::server {
namespace {

Result<std::vector<std::string>> units_field(const Json& body) {
  std::vector<std::string> out;
  auto it = body.find("units");
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array())
    return fail(Error::invalid_input("字段 units 应为单位编码的数组", {.field = "units"}));
  for (const auto& u : *it) {
    if (!u.is_string() || u.get<std::string>().empty()) {
      return fail(Error::invalid_input("字段 units 应为单位编码的数组", {.field = "units"}));
    }
    out.push_back(u.get<std::string>());
  }
  return out;
}

Result<store::Role> role_field(const Json& body) {
  auto text = string_field(body, "role");
  if (!text) return fail(std::move(text.error()));
  return accounts::parse_role(*text);
}

Result<ApiResponse> list_users(App&, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::manage));
  auto page = page_of(call.req());
  if (!page) return fail(std::move(page.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto users = (*s)->users().users();
  if (!users) return fail(std::move(users.error()));
  Json all = Json::array();
  for (const auto& u : *users) all.push_back(to_json(u));
  return json_response(paged(all, *page));
}

accounts::Actor actor_of(Call& call) { return {call.user().name, "api"}; }

Result<ApiResponse> add_user(App& app, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::manage));
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto name = string_field(*body, "name");
  if (!name) return fail(std::move(name.error()));
  auto display = string_field(*body, "display_name", false);
  if (!display) return fail(std::move(display.error()));
  auto role = role_field(*body);
  if (!role) return fail(std::move(role.error()));
  auto units = units_field(*body);
  if (!units) return fail(std::move(units.error()));
  auto password = string_field(*body, "password", false);
  if (!password) return fail(std::move(password.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto added = accounts::add_account(**s, {*name, *display, *role, *units, *password},
                                     app.options().password_cost, actor_of(call));
  if (!added) return fail(std::move(added.error()));
  Json out = to_json(added->user);
  if (!added->first_password.empty()) out["first_password"] = added->first_password;
  return json_response(out, 201);
}

Result<ApiResponse> update_user(App& app, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::manage));
  const std::string& name = call.req().params.at("name");
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto before = (*s)->users().find_user(name);
  if (!before) return fail(std::move(before.error()));
  if (!before->has_value()) return fail(Error::not_found("没有这个用户: " + name));
  store::Role role = (*before)->role;
  std::optional<std::vector<std::string>> units;
  if (body->contains("role")) {
    auto r = role_field(*body);
    if (!r) return fail(std::move(r.error()));
    role = *r;
  }
  if (body->contains("units")) {
    auto u = units_field(*body);
    if (!u) return fail(std::move(u.error()));
    units = *u;
  }
  auto after = accounts::change_role(**s, name, role, units, actor_of(call));
  if (!after) return fail(std::move(after.error()));
  if (auto d = body->find("disabled"); d != body->end()) {
    if (!d->is_boolean())
      return fail(Error::invalid_input("字段 disabled 应为 true 或 false", {.field = "disabled"}));
    JIXIAO_TRY((*s)->users().set_disabled(name, d->get<bool>()));
    after->disabled = d->get<bool>();
    JIXIAO_TRY(call.audit(d->get<bool>() ? "users.disable" : "users.enable", "user:" + name,
                          nullptr, Json{{"disabled", d->get<bool>()}}));
  }
  JIXIAO_TRY(app.sessions().remove_user(**s, name));  // the new role applies from the next login
  return json_response(to_json(*after));
}

Result<ApiResponse> reset_user_password(App& app, Call& call) {
  JIXIAO_TRY(require(call.user(), Action::manage));
  const std::string& name = call.req().params.at("name");
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto password =
      accounts::reset_password(**s, name, "", app.options().password_cost, actor_of(call));
  if (!password) return fail(std::move(password.error()));
  JIXIAO_TRY(app.sessions().remove_user(**s, name));
  return json_response(Json{{"name", name}, {"first_password", *password}});
}

}  // namespace

void add_user_routes(App& app) {
  app.add({"GET", "/api/users", Access::signed_in, list_users});
  app.add({"POST", "/api/users", Access::signed_in, add_user});
  app.add({"PUT", "/api/users/:name", Access::signed_in, update_user});
  app.add({"POST", "/api/users/:name/password", Access::signed_in, reset_user_password});
}

}  // namespace jixiao::server

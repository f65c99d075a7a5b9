// server/routes_auth.cpp — POST /api/login, POST /api/logout, GET /api/session, POST /api/password.
#include <semaphore>

#include "server/app.hpp"
#include "server/error_mapping.hpp"
#include "server/form_data.hpp"

namespace jixiao::server {
namespace {

// argon2id takes 64 MiB and ~0.1 s per check: at most two at a time.
std::counting_semaphore<2> g_hash_slots(2);

struct HashSlot {
  HashSlot() { g_hash_slots.acquire(); }
  ~HashSlot() { g_hash_slots.release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
};

// Secure when the server is told so (--secure-cookies) or the request came over TLS through a
// trusted proxy: a browser then never sends the session over plain HTTP.
std::string session_cookie(const App& app, const Call& call, const std::string& token,
                           long long max_age) {
  bool secure = app.options().secure_cookies || call.req().https;
  return "jx_session=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (secure ? "; Secure" : "");
}

// A hash to verify against when the name is unknown or disabled, so that such a login costs the
// same argon2id work as a known one: answering in 0.6 ms instead of 90 ms told which names
// exist (issue 17).
const std::string& dummy_hash(PasswordCost cost) {
  if (cost == PasswordCost::interactive) {
    static const std::string k_interactive =
        accounts::hash_password(accounts::random_hex(16), PasswordCost::interactive).value_or("");
    return k_interactive;
  }
  static const std::string k_minimal =
      accounts::hash_password(accounts::random_hex(16), PasswordCost::minimal).value_or("");
  return k_minimal;
}

// No stored name is longer (accounts.cpp check_name); a longer one is refused before any work.
constexpr std::size_t k_max_login_name_bytes = 256;

// The sign-in and the password change also come from the UI's HTML forms
// (application/x-www-form-urlencoded): the browser then navigates to the answer, so the answer is
// a 303 — to the form's `redirect` (a path of this site) when it worked, with the new cookie; back
// to the form otherwise (/#/login?error=CODE…, /#/password?error=CODE&message=…&field=…).
std::string form_field(const ApiRequest& r, const std::string& name) {
  auto it = r.form.find(name);
  return it == r.form.end() ? std::string() : it->second;
}

// `to` when it is a path of this site ("/…", not "//host…"), else the UI's root.
std::string safe_redirect(const std::string& to) {
  bool local = !to.empty() && to[0] == '/' && (to.size() == 1 || (to[1] != '/' && to[1] != '\\')) &&
               to.find_first_of("\r\n") == std::string::npos;
  return local ? to : "/";
}

ApiResponse form_answer(const Result<ApiResponse>& result, const std::string& page,
                        const std::string& redirect) {
  ApiResponse r;
  r.status = 303;
  r.content_type = "text/plain; charset=utf-8";
  if (result && result->status < 300) {
    r.headers.emplace_back("Location", safe_redirect(redirect));
    for (const auto& h : result->headers) {
      if (h.first == "Set-Cookie") r.headers.push_back(h);
    }
    return r;
  }
  std::string code;
  std::string message;
  std::string field;
  if (!result) {
    code = std::string(to_string(result.error().code()));
    message = result.error().message();
    field = result.error().location().field;
  } else {
    Json body = Json::parse(result->body, nullptr, false);
    if (body.is_object()) {
      code = body.value("code", "");
      message = body.value("message", "");
    }
  }
  std::string location =
      "/#/" + page + "?error=" + percent_encode(code) + "&message=" + percent_encode(message);
  if (!field.empty()) location += "&field=" + percent_encode(field);
  location += "&redirect=" + percent_encode(safe_redirect(redirect));
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

Result<ApiResponse> sign_in(App& app, Call& call, const std::string& name,
                            const std::string& password);

Result<ApiResponse> login(App& app, Call& call) {
  if (call.req().urlencoded) {
    const auto& req = call.req();
    auto result = form_field(req, "name").empty() || form_field(req, "password").empty()
                      ? Result<ApiResponse>(
                            fail(Error::invalid_input("请输入用户名和密码", {.field = "name"})))
                      : sign_in(app, call, form_field(req, "name"), form_field(req, "password"));
    return form_answer(result, "login", form_field(req, "redirect"));
  }
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto name = string_field(*body, "name");
  if (!name) return fail(std::move(name.error()));
  auto password = string_field(*body, "password");
  if (!password) return fail(std::move(password.error()));
  return sign_in(app, call, *name, *password);
}

Result<ApiResponse> sign_in(App& app, Call& call, const std::string& name,
                            const std::string& password) {
  if (name.size() > k_max_login_name_bytes || password.size() > 4096) {
    return fail(Error::invalid_input(
        "用户名或密码过长", {.field = name.size() > k_max_login_name_bytes ? "name" : "password"}));
  }
  const std::string& address = call.req().remote_addr;
  auto now = std::chrono::steady_clock::now();
  if (!app.limiter().allowed(name, address, now)) {
    ApiResponse r;
    r.status = 429;
    r.body = error_body("rate_limited", "登录失败次数过多，请一分钟后再试");
    r.headers.emplace_back("Retry-After", "60");
    return r;
  }
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto user = (*s)->users().find_user(name);
  if (!user) return fail(std::move(user.error()));
  bool ok = false;
  {
    HashSlot slot;
    bool usable = user->has_value() && !(*user)->disabled;
    bool verified = accounts::verify_password(
        usable ? (*user)->password_hash : dummy_hash(app.options().password_cost), password);
    ok = usable && verified;
  }
  if (!ok) {
    app.limiter().record_failure(name, address, now);
    ApiResponse r;
    r.status = 401;
    r.body = error_body("unauthenticated", "用户名或密码错误");
    return r;
  }
  app.limiter().reset(name);
  auto created = app.sessions().create(**s, principal_of(**user));
  if (!created) return fail(std::move(created.error()));
  const Session& session = *created;
  ApiResponse r =
      json_response(Json{{"user", to_json(session.user)}, {"csrf_token", session.csrf}});
  r.headers.emplace_back(
      "Set-Cookie", session_cookie(app, call, session.token, app.sessions().lifetime().count()));
  return r;
}

Result<ApiResponse> logout(App& app, Call& call) {
  if (call.session()) {
    auto s = call.store();
    if (!s) return fail(std::move(s.error()));
    JIXIAO_TRY(app.sessions().remove(**s, call.session()->token));
  }
  ApiResponse r = json_response(Json{{"ok", true}});
  r.headers.emplace_back("Set-Cookie", session_cookie(app, call, "", 0));
  return r;
}

Result<ApiResponse> session_info(App&, Call& call) {
  return json_response(Json{{"user", to_json(call.user())}, {"csrf_token", call.session()->csrf}});
}

Result<ApiResponse> set_password(App& app, Call& call, const std::string& old_password,
                                 const std::string& new_password);

Result<ApiResponse> change_password(App& app, Call& call) {
  if (call.req().urlencoded) {
    const auto& req = call.req();
    Result<ApiResponse> result =
        form_field(req, "old_password").empty() ? Result<ApiResponse>(fail(Error::invalid_input(
                                                      "请输入原密码", {.field = "old_password"})))
        : form_field(req, "new_password") != form_field(req, "confirm_password")
            ? Result<ApiResponse>(fail(
                  Error::invalid_input("两次输入的新密码不一致", {.field = "confirm_password"})))
            : set_password(app, call, form_field(req, "old_password"),
                           form_field(req, "new_password"));
    return form_answer(result, "password", form_field(req, "redirect"));
  }
  auto body = body_json(call.req());
  if (!body) return fail(std::move(body.error()));
  auto old_password = string_field(*body, "old_password");
  if (!old_password) return fail(std::move(old_password.error()));
  auto new_password = string_field(*body, "new_password");
  if (!new_password) return fail(std::move(new_password.error()));
  return set_password(app, call, *old_password, *new_password);
}

Result<ApiResponse> set_password(App& app, Call& call, const std::string& old_password,
                                 const std::string& new_password) {
  JIXIAO_TRY(accounts::check_password_rules(new_password, call.user().name));
  auto s = call.store();
  if (!s) return fail(std::move(s.error()));
  auto user = (*s)->users().find_user(call.user().name);
  if (!user) return fail(std::move(user.error()));
  if (!user->has_value()) return fail(Error::not_found("用户已被删除: " + call.user().name));
  Result<std::string> hash = std::string();
  {
    HashSlot slot;
    if (!accounts::verify_password((*user)->password_hash, old_password)) {
      return fail(Error::invalid_input("原密码不正确", {.field = "old_password"}));
    }
    hash = accounts::hash_password(new_password, app.options().password_cost);
  }
  if (!hash) return fail(std::move(hash.error()));
  JIXIAO_TRY((*s)->users().set_password_hash(call.user().name, *hash, false));
  JIXIAO_TRY(call.audit("users.passwd", "user:" + call.user().name, Json{{"password", "***"}},
                        Json{{"password", "***（已修改）"}}));
  // Other sessions of this user end; this one continues.
  Session current = *call.session();
  JIXIAO_TRY(app.sessions().remove_user(**s, current.user.name));
  current.user.must_change_password = false;
  auto created = app.sessions().create(**s, current.user);
  if (!created) return fail(std::move(created.error()));
  const Session& fresh = *created;
  ApiResponse r = json_response(Json{{"user", to_json(fresh.user)}, {"csrf_token", fresh.csrf}});
  r.headers.emplace_back("Set-Cookie",
                         session_cookie(app, call, fresh.token, app.sessions().lifetime().count()));
  return r;
}

}  // namespace

void add_auth_routes(App& app) {
  // Made now, not at the first unknown name, whose answer would otherwise take twice as long.
  (void)dummy_hash(app.options().password_cost);
  app.add({"POST", "/api/login", Access::anyone, login});
  app.add({"POST", "/api/logout", Access::any_session, logout});
  app.add({"GET", "/api/session", Access::any_session, session_info});
  app.add({"POST", "/api/password", Access::any_session, change_password});
}

}  // namespace jixiao::server

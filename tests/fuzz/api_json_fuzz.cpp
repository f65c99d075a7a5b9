// tests/fuzz/api_json_fuzz.cpp — JSON bodies through the server's request handlers: App::handle
// (session, CSRF, route, handler, error mapping) on a real SQLite file, as an admin or an editor
// of unit U1, for every route that reads a JSON body. The first byte picks the route and the
// user, the rest is the body. Properties: every answer is JSON, and none is a 500 (a 500 is an
// error the server did not expect: a bug, or a stored value that breaks a later reader).
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "fuzz.hpp"
#include "server/app.hpp"
#include "server/auth.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace {

using namespace jixiao;
using server::ApiRequest;
using server::ApiResponse;

struct Route {
  const char* method;
  const char* path;
};
// The routes that take a JSON body (server/routes_*.cpp), with their parameters filled in.
// Not /api/password and /api/logout: they would end the fuzzer's own sessions.
constexpr Route k_routes[] = {
    {"POST", "/api/login"},
    {"POST", "/api/units"},
    {"POST", "/api/users"},
    {"PUT", "/api/users/fuzz"},
    {"POST", "/api/users/fuzz/password"},
    {"PUT", "/api/goals/U1/2022/CZ01"},
    {"PUT", "/api/evaluations/U1/2022"},
    {"POST", "/api/evaluations/U1/2022/submit"},
    {"POST", "/api/evaluations/U1/2022/review"},
    {"PUT", "/api/evaluations/U2/2022"},
};

struct SignedIn {
  std::string token;
  std::string csrf;
};

struct World {
  std::unique_ptr<server::App> app;
  SignedIn admin;
  SignedIn editor;
};

void add_user(store::Store& s, const std::string& name, store::Role role,
              std::vector<std::string> units) {
  auto hash = accounts::hash_password(name + "-password-x", server::PasswordCost::minimal);
  if (!hash) fuzz::broken("hash_password", hash.error().to_string());
  store::User user{
      .name = name, .role = role, .unit_codes = std::move(units), .password_hash = *hash};
  if (auto added = s.users().add_user(user); !added)
    fuzz::broken("add_user", added.error().to_string());
}

SignedIn login(server::App& app, const std::string& name) {
  ApiRequest request;
  request.method = "POST";
  request.path = "/api/login";
  request.body = nlohmann::json{{"name", name}, {"password", name + "-password-x"}}.dump();
  request.remote_addr = "127.0.0.1";
  ApiResponse response = app.handle(request);
  if (response.status != 200) fuzz::broken("fuzz set-up: login failed", response.body);
  SignedIn out;
  for (const auto& [header, value] : response.headers) {
    if (header == "Set-Cookie") {
      const auto eq = value.find('=');
      out.token = value.substr(eq + 1, value.find(';') - eq - 1);
    }
  }
  out.csrf = nlohmann::json::parse(response.body)["csrf_token"];
  return out;
}

World& world() {
  static World w = [] {
    World out;
    const std::string url = "sqlite:" + (fuzz::scratch_dir() / "api.db").string();
    auto opened = store::open(url);
    if (!opened) fuzz::broken("fuzz set-up: store", opened.error().to_string());
    auto& s = **opened;
    auto batch = testkit::small_budget_batch();
    if (auto w1 = s.ledger().write_import(batch); !w1)
      fuzz::broken("fuzz set-up: import", w1.error().to_string());
    add_user(s, "admin", store::Role::admin, {});
    add_user(s, "editor", store::Role::editor, {"U1"});
    add_user(s, "fuzz", store::Role::viewer, {"U1"});
    server::ServerOptions options{.db_url = url,
                                  .port = 0,
                                  .threads = 1,
                                  .password_cost = server::PasswordCost::minimal,
                                  .login_attempts_per_minute = 1000000};
    out.app = std::make_unique<server::App>(options);
    out.admin = login(*out.app, "admin");
    out.editor = login(*out.app, "editor");
    return out;
  }();
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& w = world();
  fuzz::Input in(data, size);
  const std::uint8_t pick = in.take_byte();
  const Route& route = k_routes[pick % std::size(k_routes)];
  const SignedIn& who = (pick & 0x80) != 0 ? w.editor : w.admin;
  ApiRequest request;
  request.method = route.method;
  request.path = route.path;
  request.body = std::string(in.rest());
  request.session_token = who.token;
  request.csrf_header = who.csrf;
  request.remote_addr = "127.0.0.1";
  ApiResponse response = w.app->handle(std::move(request));
  if (response.status >= 500) fuzz::broken("a JSON body made the server answer 500", response.body);
  if (!nlohmann::json::accept(response.body)) fuzz::broken("an answer is not JSON", response.body);
  return 0;
}

// server/authz_matrix_test.cpp — the authorisation matrix, generated from the route table:
// every route × role (admin, bureau, editor of U1, viewer of U1) × (own unit U1, other unit
// U2, or no unit) with the status it must answer, plus anonymous (401) and a user who has not
// changed a first password (403 except password, session, logout) for every route.
//
// A route added to the table without its row here fails the test (and a row whose route is
// gone, too). Requests that are allowed are made so that they change nothing: reads, dry runs,
// or a body refused after the permission check (400/404), so a missing check shows as that
// status where 403 is expected.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/text.hpp"
#include "server/app.hpp"
#include "server/auth.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::server {
namespace {

enum class Scope { none, unit };  // no unit involved, or the unit named in the path/body

struct Statuses {
  int admin, bureau, editor, viewer;
};

struct Row {
  std::string method;
  std::string pattern;
  Scope scope = Scope::none;
  Statuses
      own{};  // Scope::unit: on U1 (the editor's and viewer's unit); Scope::none: the only column
  Statuses other{};   // Scope::unit: on U2
  std::string query;  // appended to the path, {unit} replaced
  std::string body;   // JSON, {unit} replaced
  std::string
      upload;  // a multipart file's content, {unit} replaced (then `query` carries the form fields)
};

constexpr Statuses all(int s) { return {s, s, s, s}; }

// Routes whose path names a unit use `{unit}`; :year is 2022, :indicator a code, :item a framework
// item, :name a user.
const std::vector<Row>& matrix() {
  static const std::vector<Row> k_rows = {
      // auth
      {"POST",
       "/api/login",
       Scope::none,
       all(401),
       {},
       "",
       R"({"name":"nobody-here","password":"x"})"},
      {"POST", "/api/logout", Scope::none, all(200)},
      {"GET", "/api/session", Scope::none, all(200)},
      {"POST",
       "/api/password",
       Scope::none,
       all(400),
       {},
       "",
       R"({"old_password":"wrong","new_password":"x"})"},
      // users (admin only)
      {"GET", "/api/users", Scope::none, {200, 403, 403, 403}},
      {"POST",
       "/api/users",
       Scope::none,
       {400, 403, 403, 403},
       {},
       "",
       R"({"name":"m-x","role":"king"})"},
      {"PUT",
       "/api/users/:name",
       Scope::none,
       {404, 403, 403, 403},
       {},
       "",
       R"({"role":"viewer"})"},
      {"POST", "/api/users/:name/password", Scope::none, {404, 403, 403, 403}, {}, "", "{}"},
      // ledger
      {"GET", "/api/years", Scope::none, all(200)},
      {"GET", "/api/units", Scope::none, all(200)},
      {"POST", "/api/units", Scope::none, {400, 403, 403, 403}, {}, "", R"({"code":"","name":""})"},
      {"GET", "/api/units/:code", Scope::unit, all(200), {200, 200, 403, 403}},
      {"GET", "/api/units/:code/lines", Scope::unit, all(200), {200, 200, 403, 403}, "?year=2022"},
      {"GET",
       "/api/summary",
       Scope::unit,
       all(200),
       {200, 200, 403, 403},
       "?year=2022&unit={unit}"},
      {"GET", "/api/dashboard/:code", Scope::unit, all(200), {200, 200, 403, 403}, "?year=2022"},
      {"GET", "/api/overview", Scope::none, {200, 200, 403, 403}, {}, "?year=2022"},
      {"GET", "/api/workbench/behind", Scope::none, {200, 200, 403, 403}, {}, "?year=2022"},
      {"GET", "/api/imports", Scope::none, all(200)},
      {"POST",
       "/api/imports",
       Scope::unit,
       {200, 403, 200, 403},
       {200, 403, 403, 403},
       "",
       "",
       "单位代码,年度,项目代码,项目名称,支出类型,功能分类,年初预算\n{unit},2022,M9,矩阵,项目支出,"
       "2010104,1.00\n"},
      // workflow
      {"GET", "/api/evaluations", Scope::none, all(200)},
      {"GET", "/api/evaluations/:unit/:year", Scope::unit, all(404), {404, 404, 403, 403}},
      {"PUT",
       "/api/evaluations/:unit/:year",
       Scope::unit,
       {400, 403, 400, 403},
       {400, 403, 403, 403},
       "",
       R"({"self_score":101})"},
      {"POST",
       "/api/evaluations/:unit/:year/submit",
       Scope::unit,
       {404, 403, 404, 403},
       {404, 403, 403, 403},
       "",
       "{}"},
      {"POST",
       "/api/evaluations/:unit/:year/review",
       Scope::unit,
       {400, 400, 403, 403},
       {400, 400, 403, 403},
       "",
       R"({"decision":"maybe"})"},
      // the department's own score per row (routes_reports.cpp); :item names no row, so nothing
      // changes
      {"GET", "/api/evaluations/:unit/:year/scores", Scope::unit, all(200), {200, 200, 403, 403}},
      {"PUT",
       "/api/evaluations/:unit/:year/scores/:item",
       Scope::unit,
       {400, 403, 400, 403},
       {400, 403, 403, 403},
       "",
       R"({"score":"","reason":"x"})"},
      {"DELETE",
       "/api/evaluations/:unit/:year/scores/:item",
       Scope::unit,
       {404, 403, 404, 403},
       {404, 403, 403, 403}},
      // audit
      {"GET", "/api/audit", Scope::none, {200, 200, 403, 403}},
      {"GET", "/api/audit.csv", Scope::none, {200, 200, 403, 403}},
      // monitor, scoring, reports
      {"GET",
       "/api/monitor",
       Scope::unit,
       all(200),
       {200, 200, 403, 403},
       "?year=2022&unit={unit}"},
      {"GET", "/api/frameworks", Scope::none, all(200)},
      {"GET", "/api/scoring/:unit/:year", Scope::unit, all(200), {200, 200, 403, 403}},
      {"GET",
       "/api/reports/:unit/:year",
       Scope::unit,
       all(200),
       {200, 200, 403, 403},
       "?format=md"},
      // indicators and goals
      {"GET", "/api/indicators", Scope::none, all(200)},
      {"GET", "/api/goals/:unit/:year", Scope::unit, all(200), {200, 200, 403, 403}},
      {"PUT",
       "/api/goals/:unit/:year/:indicator",
       Scope::unit,
       {400, 403, 400, 403},
       {400, 403, 403, 403},
       "",
       R"({"target":"不是数"})"},
      // people's congress (routes_congress.cpp): the office (admin here; no unit of these users has
      // congress goals) registers and assigns; a unit sees the suggestions it handles (none here).
      {"GET", "/api/congress/figures", Scope::none, all(200), {}, "?year=2022"},
      {"GET", "/api/congress/suggestions", Scope::none, all(200)},
      {"GET",
       "/api/congress/suggestions.xlsx",
       Scope::none,
       {200, 200, 403, 403},
       {},
       "?year=2022"},
      {"GET", "/api/congress/suggestions/:number", Scope::none, all(404)},
      {"POST",
       "/api/congress/suggestions/:number/assign",
       Scope::none,
       {400, 403, 403, 403},
       {},
       "",
       "{}"},
      {"POST", "/api/congress/suggestions/:number/reply", Scope::none, all(404), {}, "", "{}"},
      {"POST",
       "/api/congress/suggestions/:number/feedback",
       Scope::none,
       {400, 403, 403, 403},
       {},
       "",
       "{}"},
      {"POST",
       "/api/congress/suggestions/:number/supervise",
       Scope::none,
       {404, 403, 403, 403},
       {},
       "",
       "{}"},
      // the office's file imports (the matrix's form says kind=budget: refused after the check)
      {"POST",
       "/api/congress/imports",
       Scope::none,
       {400, 403, 403, 403},
       {},
       "",
       "",
       "建议编号,标题\nS9,矩阵\n"},
      {"GET", "/api/congress/status", Scope::none, all(200), {}, "?year=2022"},
      {"GET", "/api/congress/search", Scope::none, all(200), {}, "?q=abc"},
      {"GET", "/api/congress/similar", Scope::none, {200, 403, 403, 403}, {}, "?title=x"},
      {"GET", "/api/congress/deputies", Scope::none, all(200)},
      {"GET", "/api/congress/duty", Scope::none, all(200), {}, "?year=2022"},
      {"GET", "/api/congress/duty/document", Scope::none, all(200), {}, "?year=2022&format=md"},
      {"GET", "/api/congress/records", Scope::none, all(200), {}, "?year=2022"},
      // checker (anyone signed in)
      {"POST",
       "/api/checker",
       Scope::none,
       all(200),
       {},
       "",
       "",
       "2022年度部门整体支出绩效自评报告\n全年预算数 1 万元\n"},
      {"POST",
       "/api/checker/batch",
       Scope::none,
       all(200),
       {},
       "",
       "",
       "2022年度部门整体支出绩效自评报告\n全年预算数 1 万元\n"},
      // import templates (anyone signed in)
      {"GET", "/api/templates/:kind", Scope::none, all(200)},
  };
  return k_rows;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

class AuthzMatrix : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string url = "sqlite:" + m_dir.file("m.db").string();
    auto store = store::open(url);
    ASSERT_TRUE(store) << store.error().to_string();
    auto& s = **store;
    ASSERT_TRUE(s.ledger().write_import(testkit::small_budget_batch()));
    ASSERT_TRUE(s.ledger().write_import(testkit::small_budget_batch("U2", "第二单位")));
    auto add = [&](const std::string& name, store::Role role, std::vector<std::string> units,
                   bool first) {
      auto hash = accounts::hash_password(name + "-password", PasswordCost::minimal);
      ASSERT_TRUE(hash);
      ASSERT_TRUE(s.users().add_user({.name = name,
                                      .role = role,
                                      .unit_codes = std::move(units),
                                      .password_hash = *hash,
                                      .must_change_password = first}));
    };
    add("admin", store::Role::admin, {}, false);
    add("bureau", store::Role::bureau, {}, false);
    add("editor", store::Role::editor, {"U1"}, false);
    add("viewer", store::Role::viewer, {"U1"}, false);
    add("first", store::Role::admin, {}, true);  // has not changed a first password
    m_app = std::make_unique<App>(ServerOptions{
        .db_url = url, .password_cost = PasswordCost::minimal, .login_attempts_per_minute = 1000});
  }

  struct Signed {
    std::string token, csrf;
  };
  Signed sign_in(const std::string& name) {
    ApiRequest r{.method = "POST", .path = "/api/login", .remote_addr = "127.0.0.1"};
    r.body = Json{{"name", name}, {"password", name + "-password"}}.dump();
    ApiResponse out = m_app->handle(r);
    EXPECT_EQ(out.status, 200) << name << ": " << out.body;
    Signed s;
    for (const auto& [k, v] : out.headers) {
      if (k == "Set-Cookie") s.token = v.substr(11, v.find(';') - 11);  // "jx_session=…;"
    }
    s.csrf = Json::parse(out.body, nullptr, false).value("csrf_token", "");
    return s;
  }

  // The request of `row` on `unit`, as `who` (nullopt: anonymous).
  int status_of(const Row& row, const std::string& unit, const std::optional<Signed>& who) {
    std::string path = row.pattern;
    path = replace_all(path, ":unit", unit);
    path = replace_all(path, ":code", unit);
    path = replace_all(path, ":year", "2022");
    path = replace_all(path, ":indicator", "I-M");
    path = replace_all(path, ":item", "9.9.9");
    path = replace_all(path, ":name", "nobody-here");
    path = replace_all(path, ":kind", "payments");
    ApiRequest r{.method = row.method, .path = path, .remote_addr = "127.0.0.1"};
    std::string query = replace_all(row.query, "{unit}", unit);
    if (query.starts_with("?")) {
      for (const auto& kv : text::split(query.substr(1), '&')) {
        auto eq = kv.find('=');
        r.query[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
      }
    }
    r.body = replace_all(row.body, "{unit}", unit);
    if (!row.upload.empty()) {
      r.form = {{"kind", "budget"}, {"dry_run", "1"}};
      r.files.push_back({"file", row.pattern.starts_with("/api/checker") ? "report.txt" : "m.csv",
                         replace_all(row.upload, "{unit}", unit)});
    }
    if (who) {
      r.session_token = who->token;
      r.csrf_header = who->csrf;
    }
    ApiResponse out = m_app->handle(r);
    return out.status;
  }

  testkit::TempDir m_dir;
  std::unique_ptr<App> m_app;
};

TEST_F(AuthzMatrix, EveryRouteHasItsRowAndAnswersIt) {
  std::map<std::string, const Row*> rows;
  for (const auto& row : matrix()) rows[row.method + " " + row.pattern] = &row;
  std::set<std::string> seen;
  const char* roles[] = {"admin", "bureau", "editor", "viewer"};
  for (const auto& route : m_app->routes()) {
    std::string key = route.method + " " + route.pattern;
    seen.insert(key);
    auto it = rows.find(key);
    if (it == rows.end()) {
      ADD_FAILURE() << key << " has no row in the authorisation matrix (authz_matrix_test.cpp)";
      continue;
    }
    const Row& row = *it->second;
    for (int r = 0; r < 4; ++r) {
      const std::vector<std::pair<std::string, const Statuses*>> cases =
          row.scope == Scope::unit
              ? std::vector<std::pair<std::string, const Statuses*>>{{"U1", &row.own},
                                                                     {"U2", &row.other}}
              : std::vector<std::pair<std::string, const Statuses*>>{{"U1", &row.own}};
      for (const auto& [unit, statuses] : cases) {
        const int expected[] = {statuses->admin, statuses->bureau, statuses->editor,
                                statuses->viewer};
        Signed who = sign_in(roles[r]);  // fresh: the logout row ends its session
        EXPECT_EQ(status_of(row, unit, who), expected[r])
            << key << " as " << roles[r]
            << (row.scope == Scope::unit ? " on " + unit : std::string());
      }
    }
    // Anonymous: only the sign-in is open.
    EXPECT_EQ(status_of(row, "U1", std::nullopt),
              route.access == Access::anyone ? row.own.viewer : 401)
        << key << " anonymous";
    // A first password not yet changed: only password, session and logout answer.
    if (route.access == Access::signed_in) {
      EXPECT_EQ(status_of(row, "U1", sign_in("first")), 403)
          << key << " before the first password is changed";
    } else if (route.access == Access::any_session) {
      EXPECT_EQ(status_of(row, "U1", sign_in("first")), row.own.admin)
          << key << " before the first password is changed";
    }
  }
  for (const auto& [key, row] : rows)
    EXPECT_TRUE(seen.contains(key)) << key << " is in the matrix but not a route";
}

}  // namespace
}  // namespace jixiao::server

// server/limits_test.cpp — what the request wrapper refuses before a route runs: text that is
// not UTF-8, file names that are paths, JSON too deep or too large, heavy requests beyond the
// per-user limit.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>

#include "server/app.hpp"
#include "server/auth.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::server {
namespace {

TEST(RequestText, RefusesInvalidUtf8NamingTheFieldAndPathLikeFileNames) {
  ApiRequest ok{.method = "GET", .path = "/api/units"};
  ok.query["q"] = "人大";
  ok.files.push_back({"file", "二季度支付.csv", "x"});
  EXPECT_TRUE(check_request_text(ok));

  ApiRequest query = ok;
  query.query["q"] = "\xC0\xAF";
  auto q = check_request_text(query);
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().message(), "参数 q 不是有效的 UTF-8 文本");
  EXPECT_EQ(q.error().location().field, "q");

  ApiRequest path = ok;
  path.path = "/api/units/\xFF";
  EXPECT_FALSE(check_request_text(path));

  ApiRequest form = ok;
  form.form["kind"] = "\xED\xA0\x80";  // a surrogate
  EXPECT_FALSE(check_request_text(form));

  for (std::string name :
       std::vector<std::string>{"..", ".", "../x.csv", "a/b.csv", "a\\b.csv", "x\ty.csv",
                                "bad\xC0\xAF.csv", "", std::string(256, 'a')}) {
    ApiRequest file = ok;
    file.files = {{"file", name, "x"}};
    auto r = check_request_text(file);
    ASSERT_FALSE(r) << testing::PrintToString(name);
    EXPECT_EQ(r.error().location().field, "file");
  }
}

TEST(JsonShape, RefusesDepthAndSizeBeforeParsing) {
  EXPECT_TRUE(check_json_shape(R"({"a":[[[1]]]})", 4, 100));
  EXPECT_FALSE(check_json_shape(R"({"a":[[[[1]]]]})", 4, 100));
  EXPECT_TRUE(
      check_json_shape(R"({"a":"[[[[[[\"]]]]"})", 2, 100));  // inside a string, escaped quote
  EXPECT_FALSE(check_json_shape(std::string(101, ' '), 4, 100));
  auto deep = check_json_shape(std::string(200000, '[') + std::string(200000, ']'),
                               k_json_max_depth, k_json_max_bytes);
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().message(), "JSON 嵌套过深（最多 64 层）");
}

// Issue 17: two DOCX bombs at once exhausted the machine. Heavy routes (checker, imports,
// reports) run at most k_heavy_per_user at a time per user; one more answers 429 at once.
TEST(HeavyRoutes, AtMostTwoAtOncePerUser) {
  testkit::TempDir dir;
  std::string url = "sqlite:" + dir.file("h.db").string();
  {
    auto s = store::open(url);
    ASSERT_TRUE(s);
    for (const char* name : {"zhang", "li"}) {
      auto hash = accounts::hash_password(std::string(name) + "-password", PasswordCost::minimal);
      ASSERT_TRUE((*s)->users().add_user({.name = name,
                                          .role = store::Role::viewer,
                                          .unit_codes = {"U1"},
                                          .password_hash = *hash}));
    }
  }
  App app(ServerOptions{.db_url = url, .password_cost = PasswordCost::minimal});
  std::latch started(2);
  std::promise<void> release;
  std::shared_future<void> go = release.get_future().share();
  app.add({"GET", "/api/slow-for-test", Access::signed_in,
           [&](App&, Call&) -> Result<ApiResponse> {
             started.count_down();
             go.wait();
             return json_response(Json{{"ok", true}});
           },
           Weight::heavy});
  auto session_of = [&](const std::string& name) {
    ApiRequest r{.method = "POST", .path = "/api/login"};
    r.body = Json{{"name", name}, {"password", name + "-password"}}.dump();
    ApiResponse out = app.handle(r);
    std::string cookie;
    for (const auto& [k, v] : out.headers) {
      if (k == "Set-Cookie") cookie = v.substr(11, v.find(';') - 11);
    }
    return cookie;
  };
  std::string zhang = session_of("zhang"), li = session_of("li");
  auto call = [&](const std::string& token) {
    ApiRequest r{.method = "GET", .path = "/api/slow-for-test", .session_token = token};
    return app.handle(r).status;
  };
  auto first = std::async(std::launch::async, call, zhang);
  auto second = std::async(std::launch::async, call, zhang);
  started.wait();
  EXPECT_EQ(call(zhang), 429);
  // Another user is not held up by zhang's requests (its own call finds the gate open).
  release.set_value();
  EXPECT_EQ(call(li), 200);
  EXPECT_EQ(first.get(), 200);
  EXPECT_EQ(second.get(), 200);
  EXPECT_EQ(call(zhang), 200);  // the places are given back
}

}  // namespace
}  // namespace jixiao::server

// server/work_test.cpp — a signed-in write through the API is one unit of work: its change and
// its audit entry are kept together, or neither is (App::handle).
#include <gtest/gtest.h>

#include "server/app.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::server {
namespace {

struct WorkTest : testing::Test {
  void SetUp() override {
    options.db_url = "sqlite:" + dir.file("w.db").string();
    options.password_cost = PasswordCost::minimal;
    app = std::make_unique<App>(options);
    // Writes a budget and its audit entry, then fails when asked to.
    app->add(
        {"POST", "/api/test/write", Access::signed_in, [](App&, Call& call) -> Result<ApiResponse> {
           auto s = call.store();
           if (!s) return fail(std::move(s.error()));
           JIXIAO_TRY((*s)->ledger().write_import(testkit::small_budget_batch()));
           JIXIAO_TRY(call.audit("test.write", "unit:U1", nullptr, Json::object()));
           call.invalidate_caches();
           if (call.req().query_or("fail") == "1") return fail(Error::invalid_input("后来出错"));
           return json_response(Json{{"ok", true}});
         }});
    auto s = store::open(options.db_url);
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->users().add_user(
        {.name = "admin", .role = store::Role::admin, .password_hash = "x"}));
    Principal admin{.name = "admin", .display_name = "管理员", .role = store::Role::admin};
    session = app->sessions().create(**s, admin).value();
  }
  ApiResponse post(const std::string& query) {
    ApiRequest r;
    r.method = "POST";
    r.path = "/api/test/write";
    if (!query.empty()) r.query["fail"] = query;
    r.session_token = session.token;
    r.csrf_header = session.csrf;
    return app->handle(std::move(r));
  }
  std::pair<std::size_t, std::size_t> lines_and_entries() {
    auto s = store::open(options.db_url);
    EXPECT_TRUE(s);
    return {(*s)->ledger().budget_lines(2022).value().size(),
            (*s)->audit().entries({}).value().size()};
  }
  testkit::TempDir dir;
  ServerOptions options;
  std::unique_ptr<App> app;
  Session session;
};

TEST_F(WorkTest, AFailedWriteKeepsNeitherTheChangeNorItsAuditEntry) {
  ApiResponse failed = post("1");
  EXPECT_EQ(failed.status, 400);
  EXPECT_EQ(lines_and_entries(), std::make_pair(std::size_t{0}, std::size_t{0}));

  ApiResponse ok = post("");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(lines_and_entries(), std::make_pair(std::size_t{2}, std::size_t{1}));
}

// A big payments upload takes the import's block path inside the request's unit of work: it is
// kept, with its audit entry, and the payments are all there.
TEST_F(WorkTest, ABigUploadIsImportedInsideTheUnitOfWork) {
  auto s = store::open(options.db_url);
  ASSERT_TRUE(s);
  ASSERT_TRUE((*s)->ledger().write_import(testkit::small_budget_batch()));
  std::string csv = "单位代码,项目代码,支付日期,支付金额,凭证号\n";
  const int rows = 80000;  // ≈ 2.3 MB: over the block path's threshold (2 MiB)
  for (int i = 0; i < rows; ++i) csv += "U1,L1,2022-03-01,1.00,V" + std::to_string(i) + "\n";
  ASSERT_GT(csv.size(), std::size_t{2} << 20);
  ApiRequest r;
  r.method = "POST";
  r.path = "/api/imports";
  r.form["kind"] = "payments";
  r.files.push_back({"file", "big.csv", csv});
  r.session_token = session.token;
  r.csrf_header = session.csrf;
  ApiResponse out = app->handle(std::move(r));
  ASSERT_EQ(out.status, 201) << out.body;
  auto after = store::open(options.db_url);
  ASSERT_TRUE(after);
  auto imports = (*after)->ledger().imports().value();
  ASSERT_EQ(imports.size(), 2u);
  EXPECT_EQ(imports[1].rows, rows);
  EXPECT_EQ((*after)->audit().entries({.action = "import.apply"}).value().size(), 1u);
}

}  // namespace
}  // namespace jixiao::server

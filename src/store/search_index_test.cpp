// store/search_index_test.cpp — the searches the app does answer from an index on PostgreSQL
// (issue 13): the suggestions' substring search from pg_trgm's GIN index, the audit log's action
// and target filters from B-tree ranges. Each query is the store's own (its SQL and binding),
// run under EXPLAIN on enough rows that a scan would cost more. SQLite's search has its FTS5
// trigram table (congress_store_test.cpp).
#include <gtest/gtest.h>

#include <string>

#include "store/postgres/pg_db.hpp"
#include "store/sql/sql_congress_store.hpp"
#include "store/sql/sql_server_stores.hpp"
#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::store {
namespace {

std::string plan_of(sql::Statement& s) {
  std::string plan;
  while (true) {
    auto row = s.step();
    EXPECT_TRUE(row) << row.error().to_string();
    if (!row || !*row) break;
    plan += s.column_text(0) + "\n";
  }
  return plan;
}

TEST(PostgresSearch, SuggestionSearchAndAuditFiltersUseIndexes) {
  testkit::TestDatabase db(testkit::Backend::postgres);
  // run-tests.sh always sets $JIXIAO_TEST_PG; the check `postgres_available` fails without it.
  if (!db.available()) GTEST_SKIP() << db.why();
  auto store = open(db.url());
  ASSERT_TRUE(store) << store.error().to_string();
  ASSERT_TRUE(db.raw_exec(
      "INSERT INTO congress_suggestions (number, year, title, body, lead_deputy, period, received) "
      "SELECT 'J' || lpad(g::text, 5, '0'), 2020 + g % 4, '关于加强第' || g || "
      "'号社区养老服务设施建设的建议', "
      "repeat('城市道路交通拥堵治理与停车泊位建设', 4) || g, '代表' || g % 90, '闭会期间', "
      "'2023-01-05' "
      "FROM generate_series(1, 20000) g;"
      "INSERT INTO audit_log (at, user_name, source, action, target) "
      "SELECT '2023-01-01T00:00:00Z', 'u' || g % 7, 'api', CASE WHEN g % 1000 = 0 THEN "
      "'goals.edit' ELSE 'evaluation.save' END, "
      "CASE WHEN g % 1000 = 1 THEN 'goal:北京U/2022' ELSE 'evaluation:U' || g % 50 || '/2022' END "
      "FROM generate_series(1, 20000) g;"
      "ANALYZE congress_suggestions; ANALYZE audit_log;"));
  auto pg = postgres::Database::open(db.url());
  ASSERT_TRUE(pg) << pg.error().to_string();

  // Suggestions: the store's query, bound as the store binds it.
  auto search =
      (*pg)->prepare("EXPLAIN " + std::string(sql::SqlCongressStore::k_postgres_search_sql));
  ASSERT_TRUE(search) << search.error().to_string();
  search->bind(1, sql::SqlCongressStore::ilike_pattern("第12345号")).bind(2, 20);
  std::string plan = plan_of(*search);
  EXPECT_NE(plan.find("Bitmap Index Scan on congress_suggestions_trgm"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;
  auto hits = (*store)->congress().search("第12345号", 20);
  ASSERT_TRUE(hits) << hits.error().to_string();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].number, "J12345");
  // ILIKE's own characters in a query are plain text.
  EXPECT_EQ(sql::SqlCongressStore::ilike_pattern("100%_\\"), "%100\\%\\_\\\\%");
  EXPECT_TRUE((*store)->congress().search("养老%服务", 5)->empty());

  // Audit: the action and the target prefix filters.
  for (const auto& [query, index] :
       {std::pair{AuditQuery{.action = "goals."}, "audit_log_by_action"},
        std::pair{AuditQuery{.target = "goal:北京"}, "audit_log_by_target"}}) {
    auto s = (*pg)->prepare("EXPLAIN SELECT id FROM audit_log" +
                            sql::SqlAuditStore::where_clause(query) + " ORDER BY id DESC LIMIT 50");
    ASSERT_TRUE(s) << s.error().to_string();
    sql::SqlAuditStore::bind_query(*s, query);
    std::string p = plan_of(*s);
    EXPECT_NE(p.find(index), std::string::npos) << p;
    EXPECT_EQ(p.find("Seq Scan"), std::string::npos) << p;
  }
  EXPECT_EQ((*store)->audit().count(AuditQuery{.action = "goals."}).value(), 20);
  EXPECT_EQ((*store)->audit().count(AuditQuery{.action = "goals.edit"}).value(), 20);
  EXPECT_EQ((*store)->audit().count(AuditQuery{.target = "goal:北京"}).value(), 20);
  EXPECT_EQ((*store)->audit().count(AuditQuery{.target = "goal:北"}).value(), 20);
  EXPECT_EQ((*store)->audit().count(AuditQuery{.target = "goal:上"}).value(), 0);
}

}  // namespace
}  // namespace jixiao::store

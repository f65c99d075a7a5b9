// store/backend_test.hpp — the fixture of the store conformance suite: every TEST_P built on
// it runs once on SQLite (a temp file) and once on PostgreSQL (a fresh database on the server
// of $JIXIAO_TEST_PG), so that the backends are held to the same behaviour. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "store/store.hpp"
#include "testkit/testkit.hpp"

namespace jixiao::store {

class BackendTest : public ::testing::TestWithParam<testkit::Backend> {
 protected:
  void SetUp() override {
    m_db.emplace(GetParam());
    // run-tests.sh always sets $JIXIAO_TEST_PG (and fails when PostgreSQL cannot start); the
    // ctest check `postgres_available` fails when it is missing, so this skip is never silent.
    if (!m_db->available()) GTEST_SKIP() << m_db->why();
  }
  testkit::TestDatabase& db() { return *m_db; }
  const std::string& url() const { return m_db->url(); }
  bool postgres() const { return GetParam() == testkit::Backend::postgres; }
  // A new connection to this test's database.
  std::unique_ptr<Store> open_store(const OpenOptions& options = {}) {
    auto s = open(url(), options);
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().to_string());
    return s ? std::move(*s) : nullptr;
  }

 private:
  std::optional<testkit::TestDatabase> m_db;
};

// "Sqlite" / "Postgres": the suffix of each instance's name.
inline std::string backend_test_name(const ::testing::TestParamInfo<testkit::Backend>& param) {
  return testkit::backend_name(param.param);
}

}  // namespace jixiao::store

// Runs the TEST_Ps of `Suite` (derived from BackendTest) on both backends:
// "Backends/Suite.Name/Sqlite" and "Backends/Suite.Name/Postgres".
#define JIXIAO_ON_BOTH_BACKENDS(Suite)                                                             \
  INSTANTIATE_TEST_SUITE_P(                                                                        \
      Backends, Suite,                                                                             \
      ::testing::Values(::jixiao::testkit::Backend::sqlite, ::jixiao::testkit::Backend::postgres), \
      ::jixiao::store::backend_test_name)

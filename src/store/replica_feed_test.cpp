// store/replica_feed_test.cpp — the change feed of a server that reads a PostgreSQL read replica
// (store::open_change_feed with a primary): it hears the primary's NOTIFY, and keeps reporting a
// change until the replica has replayed that far, so that nothing read from a lagging replica
// stays cached. Needs a primary and a streaming replica: tests/ha/replica.sh builds them and runs
// this test with $JIXIAO_TEST_PG_PRIMARY, $JIXIAO_TEST_PG_REPLICA and $JIXIAO_TEST_PG_REPLICA_ADMIN
// (a superuser URL of the replica, to pause its replay); `make test-ha`, not CI. Elsewhere it
// skips, saying so (the script fails unless it passed).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "store/postgres/pg_db.hpp"
#include "store/store.hpp"

namespace jixiao::store {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Whether the replica has the user `name` (i.e. has replayed the primary's write of it).
bool replica_has_user(sql::Database& replica, const std::string& name) {
  auto s = replica.prepare("SELECT count(*) FROM users WHERE name = ?1");
  if (!s) return false;
  s->bind(1, name);
  auto row = s->step();
  return row && *row && s->column_int(0) == 1;
}

bool wait_for_user(sql::Database& replica, const std::string& name) {
  for (int i = 0; i < 100; ++i) {
    if (replica_has_user(replica, name)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST(ReplicaChangeFeed, ReportsChangesUntilTheReplicaHasCaughtUp) {
  const std::string primary_url = env("JIXIAO_TEST_PG_PRIMARY"),
                    replica_url = env("JIXIAO_TEST_PG_REPLICA"),
                    admin_url = env("JIXIAO_TEST_PG_REPLICA_ADMIN");
  if (primary_url.empty() || replica_url.empty() || admin_url.empty()) {
    GTEST_SKIP() << "no replica: run tests/ha/replica.sh (make test-ha)";
  }
  auto primary = open(primary_url);
  ASSERT_TRUE(primary) << primary.error().to_string();
  auto replica = postgres::Database::open(replica_url);
  ASSERT_TRUE(replica) << replica.error().to_string();
  auto admin = postgres::Database::open(admin_url);
  ASSERT_TRUE(admin) << admin.error().to_string();
  ASSERT_TRUE(
      (*primary)->users().add_user({.name = "first", .role = Role::viewer, .password_hash = "$x"}));
  ASSERT_TRUE(wait_for_user(**replica, "first"));  // the schema and the first write have arrived

  auto feed = open_change_feed(replica_url, primary_url);
  ASSERT_TRUE(feed && *feed) << (feed ? "null feed" : feed.error().to_string());
  EXPECT_FALSE((*feed)->changed());  // nothing since it started listening

  // The replica stops replaying; a write commits on the primary.
  ASSERT_TRUE((*admin)->exec("SELECT pg_wal_replay_pause()"));
  ASSERT_TRUE((*primary)->users().add_user(
      {.name = "second", .role = Role::viewer, .password_hash = "$x"}));
  bool heard = false;
  for (int i = 0; i < 50 && !heard; ++i) {
    heard = (*feed)->changed();
    if (!heard) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(heard) << "the primary's NOTIFY did not arrive";
  // The replica does not have it yet: every call reports a change (a cache filled from the
  // replica now would be stale), however long the lag lasts.
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(replica_has_user(**replica, "second"));
    EXPECT_TRUE((*feed)->changed()) << "call " << i << " while the replica lags";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // Replay resumes: once the replica has replayed past the notified position, the feed goes
  // quiet (within moments of the write showing there: the position may be a little past it).
  ASSERT_TRUE((*admin)->exec("SELECT pg_wal_replay_resume()"));
  ASSERT_TRUE(wait_for_user(**replica, "second"));
  EXPECT_TRUE((*feed)->changed());
  bool quiet = false;
  for (int i = 0; i < 100 && !quiet; ++i) {
    quiet = !(*feed)->changed();
    if (!quiet) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(quiet) << "still reporting changes 5 s after the replica caught up";
  EXPECT_FALSE((*feed)->changed());
}

}  // namespace
}  // namespace jixiao::store

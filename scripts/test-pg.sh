# scripts/test-pg.sh — sourced by run-tests.sh and run-sanitized.sh: the PostgreSQL a test run
# uses. `use_test_pg` keeps $JIXIAO_TEST_PG when the caller set it (run-tests.sh running the
# sanitized suites in its own cluster); otherwise it starts a throwaway cluster (scripts/pg.sh),
# exports its URL and stops it when the script exits. If PostgreSQL cannot start, the run fails.
use_test_pg() {
  [ -n "${JIXIAO_TEST_PG:-}" ] && return 0
  # Absolute: the exit trap runs after the caller's cd into its build directory.
  test_pg_sh=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/pg.sh
  test_pg_dir=$(mktemp -d /tmp/jixiao-pg.XXXXXX)
  trap '"$test_pg_sh" stop "$test_pg_dir" || true; rm -rf "$test_pg_dir"' EXIT
  JIXIAO_TEST_PG=$("$test_pg_sh" start "$test_pg_dir") || { echo "PostgreSQL for the tests did not start" >&2; exit 1; }
  export JIXIAO_TEST_PG
  echo "PostgreSQL for the tests at $JIXIAO_TEST_PG"
}

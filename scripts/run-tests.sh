#!/usr/bin/env bash
# Runs every CTest suite of the build in $1 (default build/release). Services that a suite
# needs (the web server) are started by that suite's own script; PostgreSQL is started here,
# once for the run (scripts/pg.sh), and every PostgreSQL test makes its own database in it
# ($JIXIAO_TEST_PG). If PostgreSQL cannot start, the run fails.
set -euo pipefail
build=${1:-build/release}
scripts/install-deps.sh
# Absolute: the trap runs after the cd into the build directory below.
pg_sh=$(cd "$(dirname "$0")" && pwd)/pg.sh
pgdir=$(mktemp -d /tmp/jixiao-pg.XXXXXX)
trap '"$pg_sh" stop "$pgdir" || true; rm -rf "$pgdir"' EXIT
JIXIAO_TEST_PG=$("$pg_sh" start "$pgdir") || { echo "run-tests: PostgreSQL did not start" >&2; exit 1; }
export JIXIAO_TEST_PG
echo "run-tests: PostgreSQL for the tests at $JIXIAO_TEST_PG"
cd "$build"
ctest --output-on-failure -j2 --timeout 1500 -LE ha   # tests/ha: make test-ha

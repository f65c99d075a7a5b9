#!/usr/bin/env bash
# Runs every CTest suite of the build in $1 (default build/release). Services that a suite
# needs (the web server) are started by that suite's own script; PostgreSQL is started here,
# once for the run (scripts/pg.sh), and every PostgreSQL test makes its own database in it
# ($JIXIAO_TEST_PG). If PostgreSQL cannot start, the run fails. Then the same suites (except the
# browser's) again under ASan + UBSan + LSan (scripts/run-sanitized.sh, build/sanitize, in the same
# PostgreSQL); JIXIAO_SANITIZE=0 skips that half on a developer's machine, never in CI.
set -euo pipefail
build=${1:-build/release}
root=$(cd "$(dirname "$0")/.." && pwd)
scripts/install-deps.sh
scripts/check-format.sh   # every C++ file as .clang-format writes it (`make format` fixes)
source "$(dirname "$0")/test-pg.sh"
unset JIXIAO_TEST_PG   # always a cluster of this run's own
use_test_pg
cd "$build"
ctest --output-on-failure -j2 --timeout 1500 -LE ha   # tests/ha: make test-ha
[ "${JIXIAO_SANITIZE:-1}" = 0 ] || "$root/scripts/run-sanitized.sh"

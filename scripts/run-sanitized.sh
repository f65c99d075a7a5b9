#!/usr/bin/env bash
# The sanitizer half of `make test` (docs/reliability.md): builds the project with g++,
# AddressSanitizer and UndefinedBehaviorSanitizer into build/sanitize (CMakePresets.json's
# `sanitize` preset: -O1, no web bundle), then runs the
# unit suites, the fuzz corpus replays and the end-to-end suites under them. Not the browser
# suite (label `slow`): Chromium dominates its time and the server it drives is the same
# binary e2e_serve already runs sanitized. Any sanitizer report fails the test that met it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-pg.sh
build=build/sanitize
jobs=${JOBS:-2}
start=$(date +%s)
cmake --preset sanitize >/dev/null
cmake --build "$build" -j"$jobs"
built=$(date +%s)
use_test_pg   # the store suites and e2e_postgres run on both backends here too
# Leaks are reported at exit (LeakSanitizer): a leak fails the process that leaked.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0}
cd "$build"
status=0
ctest --output-on-failure -j"$jobs" --timeout 1500 -L 'unit|e2e|fuzz' -LE slow || status=$?
end=$(date +%s)
echo "sanitizers: build $((built - start)) s, tests $((end - built)) s"
exit $status

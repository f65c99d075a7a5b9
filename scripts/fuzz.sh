#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of tests/fuzz with clang 14 into build/fuzz, runs
# each for FUZZ_SECONDS (default 60) under nice -n 19, FUZZ_JOBS targets at a time (default 1;
# at most 2 on a shared 2-core machine), and prints one line per target: executions, coverage
# (edges `cov` and features `ft`, as libFuzzer counts them), corpus size, and CRASH with the
# artifact when a target broke. Exits 1 when any target crashed.
#   scripts/fuzz.sh                 every target
#   scripts/fuzz.sh money csv_fast  only these
# New inputs go to build/fuzz/corpus/<target>/ (the repo's seeds in tests/fuzz/corpus/ stay
# small); crashes to build/fuzz/artifacts/<target>-crash-…; logs to build/fuzz/logs/ (summary.txt
# keeps every run's lines).
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
BUILD=build/fuzz
all=(money date csv_rows csv_fast xlsx xls framework formula checker_text checker_docx checker_pdf multipart api_json)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

scripts/install-deps.sh --fuzz
command -v clang++-14 >/dev/null || { echo "fuzz: clang++-14 is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
[ -f "$BUILD/CMakeCache.txt" ] || cmake --preset fuzz >/dev/null  # CMakePresets.json: clang 14, JIXIAO_FUZZ
# FUZZ_SKIP_BUILD=1: run the binaries already built (e.g. while another build uses the cores).
[ "${FUZZ_SKIP_BUILD:-0}" = 1 ] || cmake --build "$BUILD" -j"${JOBS:-2}" --target $(printf 'fuzz_%s ' "${targets[@]}")
mkdir -p "$BUILD/corpus" "$BUILD/artifacts" "$BUILD/logs"

run_one() {
  local t=$1 bin extra=() t0
  t0=$(date +%s)
  bin=$(find "$BUILD/tests/fuzz" -maxdepth 1 -name "fuzz_$t" -type f)
  mkdir -p "$BUILD/corpus/$t"
  # The server refuses a body nested deeper than 64 before parsing it; longer
  # inputs only slow the fuzzer down.
  [ "$t" = api_json ] && extra+=(-max_len=4096)
  # FUZZ_KEEP_GOING=1: fork mode, out-of-memory inputs saved and skipped, for a target whose
  # known bomb (tests/fuzz/pending/) would otherwise end every run at the first hit;
  # FUZZ_KEEP_GOING=crashes: crashes too are saved and skipped (a known crash still pending).
  [ "${FUZZ_KEEP_GOING:-0}" = 1 ] && extra+=(-fork=1 -ignore_ooms=1 -malloc_limit_mb=1024)
  [ "${FUZZ_KEEP_GOING:-0}" = crashes ] && extra+=(-fork=1 -ignore_ooms=1 -ignore_crashes=1 -malloc_limit_mb=1024)
  nice -n 19 "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$BUILD/artifacts/$t-" "${extra[@]}" "$BUILD/corpus/$t" "tests/fuzz/corpus/$t" \
    >"$BUILD/logs/$t.log" 2>&1 || true
  local execs cov ft corpus crash secs
  secs=$(( $(date +%s) - t0 ))
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$BUILD/logs/$t.log" | grep -oE '[0-9]+$' || true)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$BUILD/logs/$t.log" | tail -1 | tr -d '#' || true)
  cov=$(grep -oE 'cov: [0-9]+' "$BUILD/logs/$t.log" | tail -1 | grep -oE '[0-9]+' || true)
  ft=$(grep -oE 'ft: [0-9]+' "$BUILD/logs/$t.log" | tail -1 | grep -oE '[0-9]+' || true)
  corpus=$(find "$BUILD/corpus/$t" -type f | wc -l)
  crash=$(grep -oE "Test unit written to [^ ]+" "$BUILD/logs/$t.log" | head -1 | sed 's/Test unit written to //' || true)
  printf '%-13s %5ss  execs %-10s cov %-6s ft %-7s corpus %-5s %s\n' "$t" "$secs" "${execs:-?}" "${cov:-?}" \
    "${ft:-?}" "$corpus" "${crash:+CRASH $crash}"
}
export -f run_one
export BUILD FUZZ_SECONDS
summary=$(mktemp)
printf '%s\n' "${targets[@]}" | xargs -P "$FUZZ_JOBS" -I{} bash -c 'run_one {}' | tee "$summary"
cat "$summary" >>"$BUILD/logs/summary.txt"
! grep -q CRASH "$summary"

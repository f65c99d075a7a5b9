#!/usr/bin/env bash
# bench/report/run.sh — the report's speed: one DOCX (≤ 50 ms), one PDF (≤ 200 ms), a batch of
# 1,000 units; builds Release into build/bench-report and writes bench/report/results.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD:-build/bench-report}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DJIXIAO_BUILD_BENCH=ON -DJIXIAO_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target report_bench jixiao -j2 >"$build/bench-build.log" 2>&1 ||
  { tail -30 "$build/bench-build.log"; exit 1; }
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
"$build/src/cli/jixiao" demo --dir "$demo" >/dev/null
"$build/bench/report_bench" "$demo" "${1:-1000}" | tee bench/report/results.json

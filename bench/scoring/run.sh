#!/usr/bin/env bash
# Scoring throughput: every unit of a year scored and explained under a shipped framework
# (the finance bureau's one call). Target: 10,000 units in <= 1 s on this machine.
#   bench/scoring/run.sh [BUILD_DIR] [UNITS]   (default: build/release, 10000)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/release}
units=${2:-10000}
if [ ! -x "$build/bench/scoring_bench" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DJIXIAO_BUILD_BENCH=ON >/dev/null
  cmake --build "$build" --target scoring_bench -j2 >/dev/null
fi
for fw in gz_dept_overall_2022 sc_dazhou_dept_overall hn_yueyang_dept_overall; do
  "$build/bench/scoring_bench" "$units" "$root/frameworks/$fw.fw"
  echo
done

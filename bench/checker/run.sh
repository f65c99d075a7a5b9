#!/usr/bin/env bash
# Checker throughput: the seed report and the published samples, replicated into one folder,
# checked in one `jixiao check DIR --format csv` run. Prints reports per second (target ≥ 100).
#   bench/checker/run.sh [JIXIAO] [COPIES]     (default: build/release/src/cli/jixiao, 100 copies)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build/release/src/cli/jixiao}
copies=${2:-100}
[ -x "$bin" ] || { echo "no jixiao at $bin (build it: cmake --preset release && cmake --build build/release)" >&2; exit 1; }
shared=$root/tests/testdata/reports
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sources=("$shared"/seed/*.txt "$shared"/published-reports/*.txt)
for ((i = 0; i < copies; i++)); do
  for s in "${sources[@]}"; do cp "$s" "$work/$(printf '%04d' "$i")_$(basename "$s")"; done
done
n=$(ls "$work" | wc -l)
bytes=$(cat "$work"/* | wc -c)
start=$(date +%s.%N)
"$bin" check "$work" --format csv >"$work.csv"
end=$(date +%s.%N)
rows=$(($(wc -l <"$work.csv") - 1))
rm -f "$work.csv"
[ "$rows" -eq "$n" ] || { echo "expected $n rows, got $rows" >&2; exit 1; }
python3 - "$n" "$bytes" "$start" "$end" <<'PY'
import sys
n, size, start, end = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
secs = end - start
print(f"checked {n} text reports ({size / 1e6:.1f} MB) in {secs:.2f} s: {n / secs:.0f} reports/s (target >= 100)")
PY

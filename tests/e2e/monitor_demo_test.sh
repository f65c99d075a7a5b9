#!/usr/bin/env bash
# End-to-end: `jixiao monitor` on the reference case (BYRD01, 2022).
#   monitor_demo_test.sh JIXIAO SNAPSHOT_DIR
# The 2022-09-30 warnings are a snapshot (tests/testdata/monitor/byrd01_2022-09-30_warnings.csv):
# when a rule changes on purpose, regenerate it with
#   jixiao monitor --year 2022 --as-of 2022-09-30 --format csv | grep '^warning,' > that file
# and read the diff. The year-end run and the JSON contract are checked too.
set -u
jx=$1
snap=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0; failed=0
check() {
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }

"$jx" demo --dir d >demo.out 2>&1 || { cat demo.out; echo "FAILED: demo"; exit 1; }
cd d
"$jx" monitor --year 2022 --as-of 2022-09-30 --format csv | grep '^warning,' >sep.csv
check "2022-09-30 warnings match the snapshot" diff -u "$snap/byrd01_2022-09-30_warnings.csv" sep.csv

json=$("$jx" monitor --year 2022 --as-of 2022-09-30 --format json)
check "json parses, has forecast band and warnings" /usr/bin/env python3 -c '
import json, sys
j = json.loads(sys.argv[1])
f = j["forecast"]
assert float(f["p10"]) <= float(f["p50"]) <= float(f["p90"]), f
assert j["warnings"] and j["units"][0]["code"] == "BYRD01"
assert set(f["probability_below"]) == {"90", "95"}
# the year really ended at 3115.88 万元: inside the band made in September
assert float(f["p10"]) <= 31158800.00 <= float(f["p90"]), f
' "$json"

table=$("$jx" monitor --year 2022 --as-of 2022-12-31)
check "year end: executed 3115.88 and rate 91.6%" contains "$table" "已支付 3115.88 万元，执行率 91.6%"
check "year end: band collapses to what was paid" contains "$table" "P10–P90 3115.88–3115.88 万元"
check "year end: no reductions after the deadline" contains "$table" "不再提出调减/调剂建议"

unit=$("$jx" monitor --year 2022 --as-of 2022-09-30 --unit BYRD01 --format csv)
check "--unit gives the same warnings" test "$(grep '^warning,' <<<"$unit")" = "$(cat sep.csv)"
"$jx" monitor --year 2022 --as-of 2022-09-30 --unit NOPE >/dev/null 2>err.txt
check "unknown unit exits 1" test $? -eq 1
check "unknown unit message" contains "$(cat err.txt)" "没有这个单位: NOPE"
"$jx" monitor --year 2022 --as-of 2023-01-05 >/dev/null 2>err.txt
check "as-of outside the year" contains "$(cat err.txt)" "日期须在2022年内"

echo "monitor e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

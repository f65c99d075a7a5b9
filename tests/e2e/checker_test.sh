#!/usr/bin/env bash
# End-to-end: `jixiao check` on the CLI, and on the reports jixiao itself writes.
#   checker_test.sh JIXIAO REPORTS_DIR   (tests/testdata/reports)
# The seed and the labelled samples through every output format; then the demo's own
# self-evaluation report (md, docx, pdf) read back: the same figures, no error finding.
set -u
jx=$1
reports=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0; failed=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
field() {  # field JSON KEY → extracted[KEY] of the (first) document, or "errors" → error count
  python3 -c '
import json, sys
j = json.loads(sys.stdin.read()); j = j if isinstance(j, list) else [j]
k = sys.argv[1]
print(sum(f["severity"] == "error" for d in j for f in d["findings"]) if k == "errors" else j[0]["extracted"][k])' "$2" <<<"$1"
}

seed=$(ls "$reports"/seed/*.txt | head -n1)
text=$("$jx" check "$seed")
check "text exits 0" test $? -eq 0
for want in 3403.40 3115.88 91.6% 98 未发现问题; do check "text has $want" contains "$text" "$want"; done
json=$("$jx" check "$seed" --format json)
check "json is one object" test "$(python3 -c 'import json,sys; print(type(json.load(sys.stdin)).__name__)' <<<"$json")" = dict
check "json budget" test "$(field "$json" budget_wan)" = 3403.40
check "json rate" test "$(field "$json" execution_rate_pct)" = 91.6
check "json no errors" test "$(field "$json" errors)" = 0

samples="$reports/published-reports"
csv=$("$jx" check "$samples" --format csv)
check "csv exits 0" test $? -eq 0
check "csv one row per report" test "$(wc -l <<<"$csv")" -eq 5
check "csv 08 flagged" contains "$csv" "08.txt,西平县交通运输局,2022,project,2179.00,2113.63,97,,,1,0,claim_contradicted"
all=$("$jx" check "$samples" --format json)
check "folder json is an array of 4" test "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$all")" = 4
"$jx" check "$work/missing.txt" >/dev/null 2>&1
check "missing file exits 1" test $? -eq 1
"$jx" check "$seed" --format xml >/dev/null 2>&1
check "bad format exits 2" test $? -eq 2

# The reports jixiao writes pass its own checker.
cd "$work"
if "$jx" demo --dir d >demo.out 2>&1; then
  cd d
  for f in md docx pdf; do
    "$jx" report --unit BYRD01 --year 2022 --format "$f" -o "report.$f" >/dev/null 2>&1
    check "report.$f written" test -s "report.$f"
  done
  mv report.md report.txt
  for f in txt docx pdf; do
    out=$("$jx" check "report.$f" --format json)
    check "report.$f budget" test "$(field "$out" budget_wan)" = 3403.40
    check "report.$f executed" test "$(field "$out" executed_wan)" = 3115.88
    check "report.$f rate" test "$(field "$out" execution_rate_pct)" = 91.6
    check "report.$f no errors" test "$(field "$out" errors)" = 0
  done
else
  failed=$((failed + 1)); echo "FAILED: demo"; cat demo.out
fi

echo "checker e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

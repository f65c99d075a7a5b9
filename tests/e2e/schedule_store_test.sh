#!/usr/bin/env bash
# End-to-end: the stored schedule (`jixiao schedule import|plans|show`) on the reference case
# (BYRD01, 2022), and `jixiao monitor` using it, with --schedule/--plan files on top for one run.
#   schedule_store_test.sh JIXIAO
set -u
jx=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0; failed=0
check() {
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
# line_field JSON LINE_CODE FIELD: a line's field in `monitor --format json`.
line_field() {
  python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print([l for l in j["lines"] if l["code"]==sys.argv[2]][0][sys.argv[3]])' "$1" "$2" "$3"
}

"$jx" demo --dir d >demo.out 2>&1 || { cat demo.out; echo "FAILED: demo"; exit 1; }
cd d

# Nothing stored: linear by month, 75% at 09-30.
json=$("$jx" monitor --year 2022 --as-of 2022-09-30 --format json)
check "no stored schedule: linear" test "$(line_field "$json" B001 schedule_basis)/$(line_field "$json" B001 schedule_rate)" = "按月均衡序时进度/75.00"

# A region curve (60% by 09-30) and P001's spending plan (half by the end of September).
printf 'scope,unit_code,line_code,date,percent\nregion,,,09-30,60\n' >curve.csv
printf 'year,unit_code,line_code,month,amount\n2022,BYRD01,P001,3,100\n2022,BYRD01,P001,9,100\n2022,BYRD01,P001,12,200\n' >plan.csv
out=$("$jx" schedule import curve.csv 2>&1)
check "import curve" contains "$out" "已保存 1 条进度计划"
out=$("$jx" schedule plans plan.csv 2>&1)
check "import plan" contains "$out" "已保存 1 个项目的用款计划"
show=$("$jx" schedule show --year 2022)
check "show lists the curve" contains "$show" "09-30 60%"
check "show lists the plan" contains "$show" "3月 100.00，9月 100.00，12月 200.00"

json=$("$jx" monitor --year 2022 --as-of 2022-09-30 --format json)
check "stored region curve" test "$(line_field "$json" B001 schedule_basis)/$(line_field "$json" B001 schedule_rate)" = "全区进度计划/60.00"
check "stored spending plan" test "$(line_field "$json" P001 schedule_basis)/$(line_field "$json" P001 schedule_rate)" = "用款计划/50.00"

# A file given to one run replaces the stored curve of its scope for that run only.
printf 'scope,unit_code,line_code,date,percent\nregion,,,09-30,70\n' >curve70.csv
json=$("$jx" monitor --year 2022 --as-of 2022-09-30 --format json --schedule curve70.csv)
check "--schedule on top of the stored curve" test "$(line_field "$json" B001 schedule_rate)" = "70.00"
check "--schedule keeps the stored plan" test "$(line_field "$json" P001 schedule_basis)" = "用款计划"
json=$("$jx" monitor --year 2022 --as-of 2022-09-30 --format json)
check "the stored curve is unchanged" test "$(line_field "$json" B001 schedule_rate)" = "60.00"

# Importing again replaces the curve of the same scope whole.
printf 'scope,unit_code,line_code,date,percent\nregion,,,06-30,40\n' >curve40.csv
"$jx" schedule import curve40.csv >/dev/null 2>&1
show=$("$jx" schedule show)
check "re-import replaces the curve" test "$(grep -c '06-30 40%' <<<"$show")/$(grep -c '09-30 60%' <<<"$show")" = "1/0"

# Errors: all or nothing, naming file:row:column; a plan of a line the year does not have.
printf 'scope,unit_code,line_code,date,percent\nregion,,,03-31,20\nunit,,,06-30,50\n' >bad.csv
"$jx" schedule import bad.csv >/dev/null 2>err.txt
check "bad curve file exits 1" test $? -eq 1
check "bad curve names row and column" contains "$(cat err.txt)" "bad.csv:3:unit_code"
show=$("$jx" schedule show)
check "bad file stored nothing" test "$(grep -c '03-31 20%' <<<"$show")" = "0"
printf 'year,unit_code,line_code,month,amount\n2022,BYRD01,P001,1,5\n2022,BYRD01,NOPE,1,5\n' >badplan.csv
"$jx" schedule plans badplan.csv >/dev/null 2>err.txt
check "plan of an unknown line exits 1" test $? -eq 1
check "plan of an unknown line names the row" contains "$(cat err.txt)" "badplan.csv:3:line_code"
show=$("$jx" schedule show --year 2022)
check "bad plan file stored nothing" contains "$show" "3月 100.00，9月 100.00，12月 200.00"

# The report's chart and its data note follow the stored schedule too.
"$jx" report --unit BYRD01 --year 2022 --format md -o r.md >/dev/null 2>&1
check "report note names the stored schedules" contains "$(cat r.md)" "序时进度按用款计划、全区进度计划计算"

# A curve for a unit no year has yet is stored, with a note.
printf 'scope,unit_code,line_code,date,percent\nunit,NEWU,,06-30,50\n' >newunit.csv
"$jx" schedule import newunit.csv >/dev/null 2>err.txt
check "curve of an unknown unit: stored" test $? -eq 0
check "curve of an unknown unit: note" contains "$(cat err.txt)" "还没有单位 NEWU 的预算"
"$jx" schedule clear-curve --scope unit --unit NEWU >/dev/null 2>&1

# Clearing: the region curve goes (lines fall back to linear), then the year's plans.
out=$("$jx" schedule clear-curve --scope region 2>&1)
check "clear-curve" contains "$out" "已删除进度计划: 全区"
"$jx" schedule clear-curve --scope region >/dev/null 2>err.txt
check "clear-curve of nothing exits 1" test $? -eq 1
out=$("$jx" schedule clear-plans --year 2022 --unit BYRD01 2>&1)
check "clear-plans" contains "$out" "已删除 1 个项目的 2022 年度用款计划"
json=$("$jx" monitor --year 2022 --as-of 2022-09-30 --format json)
check "cleared: linear again" test "$(line_field "$json" B001 schedule_basis)/$(line_field "$json" P001 schedule_basis)" = "按月均衡序时进度/按月均衡序时进度"

echo "schedule e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

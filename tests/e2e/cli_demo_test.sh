#!/usr/bin/env bash
# End-to-end: the CLI on the reference case, as a user runs it.
#   cli_demo_test.sh JIXIAO
# Builds the demo in a scratch folder, checks the seed's figures in every output format,
# and checks the import command's behaviour on good, bad and repeated files.
set -u
jx=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0; failed=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
contains() { grep -qF -- "$2" <<<"$1"; }

"$jx" demo --dir d >demo.out 2>&1
check "demo exits 0" test $? -eq 0
cd d
table=$("$jx" summary --year 2022)
for want in 3403.40 3115.88 91.6% 287.52 区人大会议; do check "table has $want" contains "$table" "$want"; done
json=$("$jx" summary --year 2022 --format json)
check "json budget in yuan" contains "$json" '"budget": "34034000.00"'
check "json executed in yuan" contains "$json" '"executed": "31158800.00"'
check "json rate" contains "$json" '"execution_rate": "91.55"'
check "json units[0] is BYRD01" test "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["units"][0]["code"])' <<<"$json")" = BYRD01
csv=$("$jx" summary --year 2022 --format csv)
check "csv total row" contains "$csv" "BYRD01,广州市白云区人民代表大会常务委员会办公室,,合计,34710000.00,-676000.00,34034000.00,31158800.00,91.55,2875200.00"
sep=$("$jx" summary --year 2022 --as-of 2022-09-30 --format json)
rate=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["execution_rate"])' <<<"$sep")
check "as-of September is below year end ($rate)" python3 -c "import sys; sys.exit(0 if float('$rate') < 75 else 1)"
month=$("$jx" summary --year 2022 --by month)
check "by month lists December" contains "$month" "2022-12"

# Imports: a bad file changes nothing and names the place; a repeated file is a no-op.
before=$("$jx" summary --year 2022 --format csv)
printf '单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-12-30,100,X-1\nBYRD01,P001,2022-12-31,"12,3x",X-2\n' >bad.csv
out=$("$jx" import payments bad.csv 2>&1); code=$?
check "bad import exits 1" test $code -eq 1
check "bad import names row and column" contains "$out" 'bad.csv:3:支付金额: 不是金额: "12,3x"'
check "bad import changed nothing" test "$before" = "$("$jx" summary --year 2022 --format csv)"
printf '单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-12-30,100,X-1\n' >good.csv
"$jx" import payments good.csv >/dev/null 2>&1
check "good import exits 0" test $? -eq 0
check "the CLI import is in the audit log" test "$(sqlite3 jixiao.db "SELECT count(*) FROM audit_log WHERE source = 'cli' AND action = 'cli.import' AND after_json LIKE '%good.csv%'")" = 1
out=$("$jx" import payments good.csv 2>&1)
check "repeat import says so" contains "$out" "没有新数据"
check "repeat import counted once" contains "$("$jx" summary --year 2022)" "3115.89"
check "unknown command exits 2" test "$("$jx" nosuch >/dev/null 2>&1; echo $?)" -eq 2
# Integer options are range-checked before they become an int: 2^32 + 2022 is not 2022.
check "--year out of range refused" contains "$("$jx" summary --year 4294969318 2>&1)" '--year: 不是年度: "4294969318"'
check "--year in words refused" contains "$("$jx" monitor --year 二〇二二 2>&1)" '--year: 不是年度'
check "--port out of range refused" contains "$("$jx" serve --port 4294975376 2>&1)" '--port: 应在 0 到 65535 之间: 4294975376'
check "--yellow out of range refused" contains "$("$jx" monitor --year 2022 --yellow 101 2>&1)" '--yellow: 应在 0 到 100 之间: 101'
check "--db before the command" contains "$(cd / && "$jx" --db "sqlite:$work/d/jixiao.db" summary --year 2022 2>&1)" 3403.40
check "--db after the command" contains "$(cd / && "$jx" summary --year 2022 --db "sqlite:$work/d/jixiao.db" 2>&1)" 3403.40
check "JIXIAO_DB" contains "$(cd / && JIXIAO_DB="sqlite:$work/d/jixiao.db" "$jx" summary --year 2022 2>&1)" 3403.40

# A process killed in the middle of a large import leaves the database as it was: the
# import is killed once its transaction has started spilling pages into the WAL file.
python3 - <<'PY'
import random
rows = ["单位代码,项目代码,支付日期,支付金额,凭证号"]
for i in range(1000000):
    rows.append(f"BYRD01,P00{1 + i % 6},2022-{1 + i % 12:02d}-{1 + i % 28:02d},{random.randint(1, 999)}.00,K-{i}")
open("big.csv", "w").write("\n".join(rows) + "\n")
PY
before=$("$jx" summary --year 2022 --format csv)
"$jx" import payments big.csv >/dev/null 2>&1 &
victim=$!
for i in $(seq 600); do
  [ "$(stat -c %s jixiao.db-wal 2>/dev/null || echo 0)" -gt 4000000 ] && break
  kill -0 $victim 2>/dev/null || break
  sleep 0.05
done
kill -9 $victim 2>/dev/null
wait $victim 2>/dev/null; status=$?
check "import was killed mid-write (status $status)" test $status -eq 137
check "killed import left the summary unchanged" test "$before" = "$("$jx" summary --year 2022 --format csv)"
check "database still passes integrity_check" test "$(sqlite3 jixiao.db 'PRAGMA integrity_check')" = ok
# The clock (core/clock.hpp): $JIXIAO_NOW and $JIXIAO_TZ are read once at start; a bad value is
# refused with the variable named, before anything runs.
out=$(JIXIAO_NOW=yesterday "$jx" summary --year 2022 2>&1)
check "a bad JIXIAO_NOW is refused" test $? -ne 0
check "the refusal names JIXIAO_NOW" contains "$out" "JIXIAO_NOW"
out=$(JIXIAO_TZ=Mars/Olympus "$jx" summary --year 2022 2>&1)
check "a bad JIXIAO_TZ is refused" test $? -ne 0
check "the refusal names JIXIAO_TZ" contains "$out" "JIXIAO_TZ"
out=$(JIXIAO_NOW=2022-09-30T10:00:00+08:00 JIXIAO_TZ=UTC "$jx" summary --year 2022 --format csv)
check "a fixed clock runs the command" contains "$out" "34034000.00"
echo "$pass passed, $failed failed"
[ $failed -eq 0 ]

#!/usr/bin/env bash
# End-to-end: the indicator library and goals through the CLI, on the reference case.
#   indicators_test.sh JIXIAO
# The demo's goals carry the seed's actuals; the library is versioned (edit, retire, history,
# as-of); XLSX out and back in; bad files are refused whole; lint finds what it should.
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
lacks() { ! grep -qF -- "$2" <<<"$1"; }
quiet() { "$@" >/dev/null 2>&1; }

"$jx" demo --dir d >demo.out 2>&1
check "demo exits 0" test $? -eq 0
check "demo step ran" contains "$(cat demo.out)" "指标库与绩效目标: 63 个指标"
cd d

list=$("$jx" indicators list)
check "library lists >= 50 lines" test "$(wc -l <<<"$list")" -ge 50
for want in 预算执行率 三公经费控制率 政府采购执行率 结转结余率 召开常委会会议次数 代表对建议办理答复满意率; do
  check "library has $want" contains "$list" "$want"
done
check "library lint clean" test "$("$jx" indicators lint | tail -1)" = "共 0 条: 错误 0，警告 0，提示 0"

goals=$("$jx" goals show --unit BYRD01 --year 2022)
for want in 常委会 主任会议 满意 "区人大会议" "分值合计 100" "91.552" "偏差原因（其他）"; do
  check "goals show has $want" contains "$goals" "$want"
done
json=$("$jx" goals show --unit BYRD01 --year 2022 --format json)
actual() { python3 -c "import json,sys
j=json.load(sys.stdin)
print([g['actual']['value'] for g in j['goal_sets'][0]['indicators'] if g['code']=='$1'][0])" <<<"$json"; }
check "seed: 8 standing-committee meetings" test "$(actual RD002)" = 8
check "seed: 12 chairpersons' meetings" test "$(actual RD003)" = 12
check "seed: 13 satisfaction evaluations" test "$(actual RD009)" = 13
check "seed: 23 appointments" test "$(actual RD012)" = 23
check "seed: 100% satisfied" test "$(actual RD028)" = 100
check "computed execution rate" test "$(actual GY001)" = 91.552

lint=$("$jx" goals lint --unit BYRD01 --year 2022)
check "goals lint exits 0 (no errors)" test $? -eq 0
check "lint: over-achieved target" contains "$lint" "goal.target-too-low: 部门整体 RD002"
check "lint: missing effect class" contains "$lint" "P001（区人大会议） 缺少效益指标"

# A shortfall without a reason is an error.
"$jx" goals set --unit BYRD01 --year 2022 --line P004 --indicator GY022 --actual 80 >/dev/null
lint=$("$jx" goals lint --unit BYRD01 --year 2022)
check "goals lint exits 1 on an error" test $? -eq 1
check "lint: deviation reason missing" contains "$lint" "goal.deviation-reason-missing: P004 GY022 服务对象满意度"
"$jx" goals set --unit BYRD01 --year 2022 --line P004 --indicator GY022 --deviation-category 其他 \
  --deviation-reason "问卷回收率低" >/dev/null
check "reason given: no error" quiet "$jx" goals lint --unit BYRD01 --year 2022

# Adding: checked before it is written.
out=$("$jx" indicators add --code RD100 --name 代表培训人次 --subclass 数量指标 --direction ≥ 2>&1)
check "add without unit fails" contains "$out" "指标 RD100: 定量指标缺少计量单位"
out=$("$jx" indicators add --code RD100 --name 代表培训人次 --subclass 数量指标 --direction ≥ --unit 人次 --effective 2022-01-01 2>&1)
check "add ok" contains "$out" "已新增指标 RD100 代表培训人次（第 1 版，2022-01-01 起生效）"
out=$("$jx" indicators add --code RD100 --name 别的 --subclass 数量指标 --direction ≥ --unit 次 2>&1)
check "add existing code fails" contains "$out" "指标编码已存在: RD100（代表培训人次）"
out=$("$jx" indicators add --code RD101 --name 召开常委会会议次数 --subclass 数量指标 --direction ≥ --unit 次 2>&1)
check "lint: duplicate name" contains "$("$jx" indicators lint)" "library.duplicate-name: 指标名称相同: RD002、RD101"
"$jx" indicators retire RD101 --reason 重复 >/dev/null
"$jx" goals set --unit BYRD01 --year 2022 --line P002 --indicator RD100 --target 500 --actual 520 --points 20 >/dev/null
check "goal on a new line" contains "$("$jx" goals show --unit BYRD01 --year 2022)" "项目 P002"

# Versions: edit and retire append; the 2022 goal keeps version 1.
"$jx" indicators edit RD002 --unit 场 --reason 统一计量单位 --effective 2023-01-01 >/dev/null
hist=$("$jx" indicators history RD002)
check "history has two versions" contains "$hist" "2023-01-01  RD002  2     修订"
check "history names the field" contains "$hist" "计量单位"
changes=$("$jx" indicators history --from 2022 --to 2023)
check "changes during 2023" contains "$changes" "RD002"
check "changes during 2023 exclude 2024" lacks "$changes" "RD003"
check "as of 2022: unit 次" contains "$("$jx" indicators show RD002 --as-of 2022)" "计量单位        次"
check "as of 2023: unit 场" contains "$("$jx" indicators show RD002 --as-of 2023)" "计量单位        场"
# The library exported as of 2022 and imported again: RD002 goes back to 次, as a third version.
"$jx" indicators export lib.xlsx --as-of 2022 >/dev/null
check "library xlsx written" test -s lib.xlsx
out=$("$jx" indicators import lib.xlsx 2>&1)
check "library xlsx: RD002 reverts to 次 as an edit" contains "$out" "修订 1，停用 0，未变 63"
check "three versions" contains "$("$jx" indicators history RD002)" "RD002  3     修订"
"$jx" indicators retire RD003 --reason 测试停用 --effective 2024-01-01 >/dev/null
check "retired: listed in 2023" contains "$("$jx" indicators list --as-of 2023)" "RD003"
check "retired: not listed in 2024" lacks "$("$jx" indicators list --as-of 2024)" "RD003"
goals=$("$jx" goals show --unit BYRD01 --year 2022)
check "goal keeps old unit" contains "$goals" "召开常委会会议次数"
check "goal keeps retired indicator" contains "$goals" "召开主任会议次数"

# XLSX out and in.
"$jx" goals export g.xlsx --unit BYRD01 --year 2022 >/dev/null
check "goals xlsx written" test -s g.xlsx
out=$("$jx" goals import g.xlsx 2>&1)
check "goals xlsx imports back" contains "$out" "7 个目标，51 个指标"

# A bad file is refused whole, naming row and column.
printf '单位编码,年度,指标编码,年初指标值\nBYRD01,2022,RD001,1\nBYRD01,2022,NOPE,1\n' >bad.csv
out=$("$jx" goals import bad.csv 2>&1)
check "bad goals file fails" test $? -eq 1
check "bad row named" contains "$out" "bad.csv:3:指标编码: 指标库中没有编码 NOPE"
check "nothing imported" contains "$("$jx" goals show --unit BYRD01 --year 2022)" "召开人民代表大会会议次数"

echo "indicators e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

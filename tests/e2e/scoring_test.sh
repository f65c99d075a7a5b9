#!/usr/bin/env bash
# End-to-end: scoring the reference case through the CLI.
#   scoring_test.sh JIXIAO
# The demo's office scored under the Guangzhou-shape framework from its data and compared
# with its claimed 98; frameworks list/show/validate/import; checklist answers; what-if;
# freeze, then change the ledger: the frozen evaluation still reproduces byte for byte.
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
check "demo step: checklist answers" contains "$(cat demo.out)" "管理清单答案: 18 条"
cd d

list=$("$jx" frameworks list)
for id in gz_dept_overall_2022 mof_project_self_eval_2020 hn_yueyang_dept_overall sc_dazhou_dept_overall; do
  check "frameworks list has $id" contains "$list" "$id"
done
check "frameworks validate" "$jx" frameworks validate
show=$("$jx" frameworks show gz_dept_overall_2022)
check "show cites the Baiyun report" contains "$show" "白云区人大常委会办公室"
check "show marks reconstruction" contains "$show" "均为重构"

out=$("$jx" score --unit BYRD01 --year 2022 --framework gz_dept_overall_2022 --claimed 98 --format json)
check "score json exits 0" test $? -eq 0
field() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)" <<<"$out"; }
check "execution leaf: 91.55% costs 2 of 8" test "$(field "[l for l in j['lines'] if l['number']=='1.1.1'][0]['points']")" = 6
check "execution leaf names its source" contains "$out" "执行数 3115.88 万元 ÷ 全年预算数 3403.40 万元"
check "carry-over 8.45% in band (5,10]" contains "$out" "8.45% 落在 (5,10] 档，得 2"
check "claimed 98 is reviewed" test "$(field "j['claim_review']['claimed']")" = 98
check "the review note explains the gap" contains "$out" "自评 98 分（优）；依据系统数据复算为"
check "total below the claimed 98" python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if j['total'] < 98 else 1)" <<<"$out"
check "every leaf explained" test "$(grep -c '"explanation"' <<<"$out")" -ge 20
table=$("$jx" score --unit BYRD01 --year 2022 --framework gz_dept_overall_2022 --what-if execution=100)
check "what-if execution=100" contains "$table" "假设 execution = 100: 总分"
check "execution needed for 优" contains "$table" "要保持“优”，12月31日前预算执行率至少需达到"

missing=$("$jx" score --unit BYRD01 --year 2022 --framework sc_dazhou_dept_overall)
check "unanswered checklists listed as missing" contains "$missing" "缺少的输入（未按 0 分或满分处理）"
check "provisional grade while undetermined" contains "$missing" "（暂定）"

project=$("$jx" score --unit BYRD01 --line P001 --year 2022 --framework mof_project_self_eval_2020)
check "project evaluation reads the line" contains "$project" "区人大会议（BYRD01/P001）"
# …and the line's goals, stored under the unit's code (the inputs once asked for "BYRD01/P001").
check "project evaluation reads the line's goals" test -z "$(grep -F "绩效目标中没有goals.output类指标" <<<"$project")"

all=$("$jx" score --all --year 2022 --framework gz_dept_overall_2022 --format csv)
check "score --all ranks the units" contains "$all" "1,BYRD01,"

# Freeze, then change the ledger: the frozen card is reproduced byte for byte; a fresh score moves.
"$jx" score --unit BYRD01 --year 2022 --framework gz_dept_overall_2022 --claimed 98 --freeze --format json >frozen.json 2>freeze.err
check "freeze exits 0" test $? -eq 0
id=$(grep -oE '#[0-9]+' freeze.err | head -1 | tr -d '#')
printf '单位代码,年度,项目代码,支付日期,支付金额（元）,经济分类,凭证号,摘要\nBYRD01,2022,P001,2022-12-30,1000000.00,30215,记-12-9999,年末补记\n' >late.csv
"$jx" import payments late.csv >/dev/null 2>&1
check "ledger changed" test $? -eq 0
after=$("$jx" score --unit BYRD01 --year 2022 --framework gz_dept_overall_2022 --format json)
check "a fresh score sees the new payment" contains "$after" "执行数 3215.88 万元"
check "frozen evaluation reproduced byte for byte" "$jx" score frozen verify "$id"
check "frozen card unchanged" test "$("$jx" score frozen show "$id")" = "$(cat frozen.json | python3 -c "import json,sys; j=json.load(sys.stdin); j.pop('what_if'); print(json.dumps(j, ensure_ascii=False, indent=2))")"

# A bureau's table (CSV here; XLSX the same) imported as a framework.
cat >table.csv <<'CSV'
一级指标,二级指标,三级指标,分值,指标解释,评分标准
投入（20）,预算配置,"""三公经费""变动率",10,本年三公预算与上年相比,≤0得满分；每超过1个百分点扣0.5分，扣完为止
,,预算执行率,10,执行数/预算数,100%得满分；每低5%扣2分
产出（80）,职责履行,重点工作完成率,80,完成的重点工作/计划数,按完成比例计分
CSV
imp=$("$jx" frameworks import table.csv --id bureau_test --out bureau_test.fw)
check "import exits 0" test $? -eq 0
check "import recognised rules" contains "$imp" "评分规则自动识别 3 个"
check "imported framework validates" "$jx" frameworks validate bureau_test.fw

echo "scoring e2e: $pass passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# End-to-end: the people's-congress register through the CLI, on the reference case.
#   congress_test.sh JIXIAO
# The demo's records give the seed's figures; the meeting indicators' actuals are computed from
# them; the status, similar, assess, report and export verbs work; a bad file is refused whole.
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
check "demo imported the congress register" contains "$(cat demo.out)" "人大工作: 15 个承办单位，120 名代表，383 件代表建议"
cd d

fig=$("$jx" congress figures --year 2022 --format json)
field() { python3 -c "import json,sys; j=json.load(sys.stdin); print(j$1)" <<<"$fig"; }
check "192 session" test "$(field "['suggestions']['session']")" = 192
check "7 recess" test "$(field "['suggestions']['recess']")" = 7
check "satisfied 100.0" test "$(field "['suggestions']['satisfied_pct']")" = 100.0
check "A+B up 3.0 points" test "$(field "['suggestions']['ab_share_change_pp']")" = 3.0
check "6 key supervised" test "$(field "['suggestions']['key_supervised']")" = 6
check "8 standing meetings" test "$(field "['records']['standing_meeting']")" = 8
check "42 reports" test "$(field "['records']['reports_total']")" = 42
check "23 appointments" test "$(field "['records']['appointment']")" = 23
table=$("$jx" congress figures --year 2022)
check "figures sentence" contains "$table" "区十七届人大一、二次会议期间交办代表建议192件，闭会期间交办代表建议7件，代表对办理答复表示满意和基本满意的达100%"
# The self-evaluation report's 二（四） states the register's figures (the narrative only marks the place).
"$jx" report --unit BYRD01 --year 2022 --format md -o r.md >/dev/null 2>&1
check "report states the computed suggestions sentence" contains "$(cat r.md)" "探索代表建议数据库建设工作。区十七届人大一、二次会议期间交办代表建议192件，闭会期间交办代表建议7件，代表对办理答复表示满意和基本满意的达100%，其中已经解决以及已列入年度计划逐步解决的代表建议比例较2021年提高3个百分点。常委会领导牵头重点督办6件代表建议。通过专题调研"
check "report has no mark left" test "$(grep -c '〔代表建议办理情况〕' r.md)" = 0

goals=$("$jx" goals show --unit BYRD01 --year 2022 --format json)
actual() { python3 -c "import json,sys
j=json.load(sys.stdin)
a=[g['actual'] for g in j['goal_sets'][0]['indicators'] if g['code']=='$1'][0]
print(a['value'], a['provider'])" <<<"$goals"; }
check "RD002 8 computed" test "$(actual RD002)" = "8 computed"
check "RD003 12 computed" test "$(actual RD003)" = "12 computed"
check "RD014 199 computed" test "$(actual RD014)" = "199 computed"
check "RD028 100 computed" test "$(actual RD028)" = "100 computed"

status=$("$jx" congress suggestions status --year 2022 --as-of 2022-04-20)
check "status warns due soon" contains "$status" "即将到期"
check "status all closed at the end" contains "$("$jx" congress suggestions status --year 2022 --as-of 2026-12-01)" "没有需要提醒的建议"
sim=$("$jx" congress suggestions similar --title "关于增开公交线路方便群众出行的建议" --text "公交线路少、发车间隔长")
check "similar proposes the transport bureau" contains "$sim" "建议交办: 主办 BYJT01"
ev=$("$jx" congress suggestions evaluate --year 2022)
check "held-back evaluation ran on 199" contains "$ev" "留出检验（2022 年）199 件"
check "search finds a key topic" contains "$("$jx" congress suggestions search 化妆品产业)" "2022-001"
assess=$("$jx" congress activities assess --year 2022 --deputy D17001)
check "duty record explains the points" contains "$assess" "次 × "
# The CLI's JSON is the API's (congress/congress_json.hpp): the shapes docs/api.md gives.
duty_json=$("$jx" congress activities assess --year 2022 --deputy D17001 --format json)
check "duty JSON has the API's shape" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert set(d) == {"year", "rules_source", "items"}, d.keys()
item = d["items"][0]
assert item["code"] == "D17001" and isinstance(item["suggestions_led"], int), item
assert "activities" in item and item["lines"][0]["explanation"]
' "$duty_json"
sim_json=$("$jx" congress suggestions similar --title "关于增开公交线路方便群众出行的建议" --text "公交线路少、发车间隔长" --format json)
check "similar JSON has the API's shape" python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert set(d) == {"proposed_lead_unit", "confidence", "proposed_co_units", "similar"}, d.keys()
assert d["proposed_lead_unit"] == "BYJT01" and d["similar"][0]["similarity"] > 0
' "$sim_json"
"$jx" congress activities report --year 2022 --deputy D17001 --format docx -o deputy.docx >/dev/null
check "deputy report docx" test -s deputy.docx
"$jx" congress activities report --year 2022 --format pdf -o bulletin.pdf >/dev/null
check "bulletin pdf" test "$(head -c 4 bulletin.pdf)" = "%PDF"
"$jx" congress suggestions export s.xlsx --year 2022 >/dev/null
check "export xlsx" test -s s.xlsx
check "export checks with a dry run" contains "$("$jx" congress suggestions import s.xlsx --dry-run)" "校验通过（未写入）: 代表建议 199 行"
check "export re-imports" contains "$("$jx" congress suggestions import s.xlsx)" "已导入代表建议 199 行"

printf '日期,类别,名称\n2022-02-30,开会,\n' >bad.csv
out=$("$jx" congress records import bad.csv 2>&1)
check "bad records refused" test $? -ne 0
check "bad date located" contains "$out" "bad.csv:2:日期: 不是日期"
out=$("$jx" congress records import bad.csv --dry-run 2>&1)
check "dry run lists the bad cells too" contains "$out" "bad.csv:2:日期: 不是日期"
check "nothing written" test "$("$jx" congress figures --year 2022 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"]["standing_meeting"])')" = 8

echo "congress e2e: $pass passed, $failed failed"
test $failed -eq 0

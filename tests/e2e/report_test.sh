#!/usr/bin/env bash
# The self-evaluation report end to end: demo → report in four formats; the PDF's text (poppler)
# has the seed's headings in order and its figures; LibreOffice headless converts the DOCX and
# the result has the figures; narratives edit through the CLI; project form; batch.
#   tests/e2e/report_test.sh path/to/jixiao
set -euo pipefail
jixiao=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$jixiao" demo --dir "$work" >demo.out 2>&1 || { cat demo.out; fail "demo"; }
export JIXIAO_DB="sqlite:$work/jixiao.db"

for f in pdf docx html md; do
  "$jixiao" report --unit BYRD01 --year 2022 --format "$f" -o "r.$f" >/dev/null 2>"err.$f" || { cat "err.$f"; fail "report $f"; }
  [ -s "r.$f" ] || fail "r.$f is empty"
done
grep -q "未安装的公文字体已替换" err.pdf || fc-list | grep -q "仿宋" || fail "the font substitution is not said"

# PDF: headings in reading order, then the figures (spaces dropped: poppler splits CJK and digits).
txt=$(pdftotext -layout r.pdf - | tr -d ' \n')
pos=0
for h in 一、基本情况 （一）部门概况 （二）年度总体工作和重点工作任务 （三）部门整体收支情况 （四）部门整体绩效管理情况 \
         二、综合评价分析 （一）自评结论综述 （二）各项工作任务绩效目标完成情况分析 （三）各重点任务项目支出完成情况分析 \
         （四）主要工作成效 三、存在的主要问题 四、下一步改进措施; do
  rest=${txt:$pos}
  [[ "$rest" == *"$h"* ]] || fail "PDF lacks $h after position $pos"
  before=${rest%%"$h"*}
  pos=$((pos + ${#before} + ${#h}))
done
grep -q "我单位全年预算数3403.40万元，执行数3115.88万元，完成预算的91.6%。" <<<"$txt" || fail "PDF lacks the funds sentence"
grep -q "—1—" <<<"$txt" || fail "PDF lacks the page number — 1 —"
pdfinfo r.pdf | grep -q "Page size: *595.276 x 841.89" || fail "PDF is not A4"

# DOCX: a valid package; LibreOffice converts it, and its text has the figures.
unzip -p r.docx word/document.xml | grep -q "3115.88" || fail "DOCX lacks 3115.88"
if command -v soffice >/dev/null; then
  soffice --headless "-env:UserInstallation=file://$work/lo-profile" --convert-to pdf --outdir lo r.docx >lo.out 2>&1 ||
    { cat lo.out; fail "LibreOffice could not convert the DOCX"; }
  lotxt=$(pdftotext lo/r.pdf - | tr -d ' \n')
  for want in 一、基本情况 四、下一步改进措施 3403.40 3115.88 91.6%; do
    grep -q -- "$want" <<<"$lotxt" || fail "LibreOffice's PDF of the DOCX lacks $want"
  done
else
  echo "note: soffice not installed (scripts/install-deps.sh installs libreoffice-writer-nogui); DOCX conversion skipped"
fi

# HTML is one file: the chart is inline.
grep -q 'src="data:image/png;base64,' r.html || fail "HTML chart is not inline"
! grep -q '<link\|<script src' r.html || fail "HTML refers to other files"
grep -q "^我单位全年预算数3403.40万元，执行数3115.88万元，完成预算的91.6%。$" r.md || fail "Markdown lacks the funds sentence"

# Narratives: set, show, and the report carries them; clear brings back the draft.
"$jixiao" narrative set --unit BYRD01 --year 2022 --key problems --text "预算编制工作有待细化。" >/dev/null
"$jixiao" narrative show --unit BYRD01 --year 2022 --key problems | grep -q "预算编制工作有待细化。" || fail "narrative show"
"$jixiao" report --unit BYRD01 --year 2022 --format md -o n.md 2>/dev/null
grep -q "^预算编制工作有待细化。$" n.md || fail "the problems override is not in the report"
"$jixiao" narrative clear --unit BYRD01 --year 2022 --key problems >/dev/null
"$jixiao" report --unit BYRD01 --year 2022 --format md -o n.md 2>/dev/null
grep -q "^发现的问题及原因主要是：" n.md || fail "clearing the override does not bring back the draft"
out=$("$jixiao" narrative set --unit BYRD01 --year 2022 --key 未知 --text x 2>&1) && fail "unknown key accepted"
grep -q -- "--key: 未知的段落 \"未知\"" <<<"$out" || fail "unknown key message: $out"

# The project form, and an unknown line.
"$jixiao" report --unit BYRD01 --year 2022 --kind project --line P001 --format md -o p.md 2>/dev/null
grep -q "^| 年度资金总额 |  | 260.00 |" p.md || fail "project form lacks its funds row"
out=$("$jixiao" report --unit BYRD01 --year 2022 --kind project --line P999 --format md -o p.md 2>&1) && fail "unknown line accepted"
grep -q "没有预算项目 P999" <<<"$out" || fail "unknown line message: $out"

# Issue 14: no system text in any generated report of the demo (every format, overall and every
# project), and each read back by `jixiao check` (pdftotext with and without -layout too).
internal='BYRD01|\b(RD|GY)[0-9]{3}\b|\.csv|\.fw\b|[a-z]+_[a-z_]+|重构|尚未提交|账簿（|演示|jixiao|÷|×'
for line in B001 P001 P002 P003 P004 P005 P006; do
  for f in pdf docx md; do
    "$jixiao" report --unit BYRD01 --year 2022 --kind project --line $line --format $f -o "p-$line.$f" 2>/dev/null ||
      fail "project $line $f"
  done
  pdftotext "p-$line.pdf" "p-$line.txt"
  unzip -p "p-$line.docx" word/document.xml | sed 's/<[^>]*>//g' >"p-$line.docx.txt"
  for t in "p-$line.txt" "p-$line.docx.txt" "p-$line.md"; do
    hit=$(grep -noE "$internal" "$t" | head -3 | tr '\n' ' ' || true)
    [ -z "$hit" ] || fail "system text in $t: $hit"
  done
  grep -q "年度总体目标" "p-$line.txt" || [ "$line" = B001 ] || fail "p-$line lacks 年度总体目标"
done
pdftotext r.pdf r.txt; pdftotext -layout r.pdf r.layout.txt
unzip -p r.docx word/document.xml | sed 's/<[^>]*>//g' >r.docx.txt
sed -e 's/<style>.*//' -e 's/<[^>]*>//g' r.html | grep -v "base64" >r.html.txt
for t in r.txt r.layout.txt r.docx.txt r.md r.html.txt; do
  hit=$(grep -noE "$internal" "$t" | head -3 | tr '\n' ' ' || true)
  [ -z "$hit" ] || fail "system text in $t: $hit"
done
for t in r.pdf r.docx r.html r.md r.txt r.layout.txt; do
  "$jixiao" check "$t" --format json >"$t.json" || fail "check $t"
  python3 - "$t.json" "$t" <<'PY' || exit 1
import json, sys, decimal
d = json.load(open(sys.argv[1], encoding="utf-8")); d = d[0] if isinstance(d, list) else d
ex = d["extracted"]; rows = ex.get("score_rows") or []
errs = [f["message"] for f in d["findings"] if f["severity"] == "error"]
total = sum(decimal.Decimal(str(r.get("score") or 0)) for r in rows)
ok = (ex.get("budget_wan"), ex.get("executed_wan"), ex.get("execution_rate_pct")) == ("3403.40", "3115.88", "91.6")
ok = ok and len(rows) >= 10 and ex.get("self_score") and total == decimal.Decimal(ex["self_score"]) and not errs
if not ok: print("FAIL: read back", sys.argv[2], ex.get("budget_wan"), ex.get("executed_wan"), len(rows), total, errs[:2]); sys.exit(1)
PY
done

# The department's own score: set with a reason (audited), shown beside the computed one, warned
# about, in the report's table and total; cleared back.
"$jixiao" selfscore set --unit BYRD01 --year 2022 --item 1.1.1 --score 7 --reason "年中追加资金12月下达" >ss.out 2>&1 ||
  { cat ss.out; fail "selfscore set"; }
"$jixiao" selfscore show --unit BYRD01 --year 2022 >show.out 2>show.err
grep -q "年中追加资金12月下达" show.out || fail "selfscore show lacks the reason"
grep -q "提交前请确认" show.err || fail "selfscore show does not warn about the difference"
# A mistyped --framework is refused as `report` refuses it, never silently replaced by the default.
out=$("$jixiao" selfscore show --unit BYRD01 --year 2022 --framework no_such_framework 2>&1) &&
  fail "selfscore show accepted an unknown framework"
grep -q "no_such_framework" <<<"$out" || fail "unknown framework message: $out"
"$jixiao" report --unit BYRD01 --year 2022 --format md -o s.md 2>s.err
grep -q "年中追加资金12月下达，扣1分。" s.md || fail "the override's reason is not in the score table"
grep -q "自评得分与系统计算不同" s.err || fail "report does not warn about the overridden score"
out=$("$jixiao" selfscore set --unit BYRD01 --year 2022 --item 1.1.1 --score 99 --reason x 2>&1) && fail "score above the points accepted"
grep -q "得分应在 0 到分值" <<<"$out" || fail "bad score message: $out"
"$jixiao" selfscore clear --unit BYRD01 --year 2022 --item 1.1.1 >/dev/null || fail "selfscore clear"

# The checker on a folder and on a zip of reports: one summary table.
mkdir -p many && cp r.md r.html r.txt many/
python3 -c "import zipfile; z = zipfile.ZipFile('many.zip', 'w'); [z.write('many/' + f, 'sub/' + f) for f in ('r.md', 'r.html', 'r.txt')]"
"$jixiao" check many >many.out 2>many.err || fail "check DIR"
grep -q "^共 3 份，0 份有错误" many.out || fail "check DIR summary: $(tail -2 many.out)"
grep -q "检查 3/3" many.err || fail "check DIR progress line"
"$jixiao" check many.zip --format json >zip.json || fail "check ZIP"
python3 -c "import json,sys; d=json.load(open('zip.json')); assert len(d)==3 and all(x['file'].startswith('many.zip/') for x in d), d" ||
  fail "check ZIP did not read three documents"

# Batch: every unit of the year into a folder.
"$jixiao" report --all --year 2022 --format docx -o batch >batch.out 2>&1 || { cat batch.out; fail "batch"; }
[ -s batch/BYRD01_2022.docx ] || fail "batch wrote no BYRD01_2022.docx"
echo "report e2e: ok"

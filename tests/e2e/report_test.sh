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
grep -q "改用 Noto CJK" err.pdf || fc-list | grep -q "仿宋" || fail "the font fallback is not said"

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
grep -q "^| 年度资金总额 | 260.00 |" p.md || fail "project form lacks its funds row"
out=$("$jixiao" report --unit BYRD01 --year 2022 --kind project --line P999 --format md -o p.md 2>&1) && fail "unknown line accepted"
grep -q "没有预算项目 P999" <<<"$out" || fail "unknown line message: $out"

# Batch: every unit of the year into a folder.
"$jixiao" report --all --year 2022 --format docx -o batch >batch.out 2>&1 || { cat batch.out; fail "batch"; }
[ -s batch/BYRD01_2022.docx ] || fail "batch wrote no BYRD01_2022.docx"
echo "report e2e: ok"

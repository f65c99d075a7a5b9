#!/usr/bin/python3
"""Writes the corpus of messy budget-system exports under tests/testdata/exports/ (checked in, so
the tests need no Python), with tests/testdata/exports/cases.json: for each case the files to
import (in order, into one fresh database), the options, and either the exact totals the
summary must show afterwards or the exact refusal (every line of `jixiao import`'s output).

Invented data of two invented county units; nothing is taken from published reports.
    scripts/make_export_corpus.py [DIR]      (default: tests/testdata/exports)
Needs python3-xlwt for the .xls files (scripts/install-deps.sh installs it)."""
import csv, datetime, decimal, io, json, os, random, sys, zipfile
from xml.sax.saxutils import escape

import xlwt

D = decimal.Decimal
here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "tests", "testdata", "exports")
os.makedirs(out, exist_ok=True)
rnd = random.Random(2024_12_04)

UNITS = [("401001", "样例县财政局机关"), ("401002", "样例县国库支付中心"), ("401003", "样例县预算评审中心")]
SPECS = [("基本支出", "2010601", "30101", "工资福利"), ("基本支出", "2010601", "30201", "办公经费"),
         ("项目支出", "2010602", "30227", "预算绩效评价"), ("项目支出", "2010699", "31002", "财政信息化运维")]


def yuan(fen, sep=False):
    v = D(fen) / 100
    return f"{v:,.2f}" if sep else f"{v:.2f}"


def wan(fen):
    return f"{D(fen) / D(1000000):.6f}".rstrip("0").rstrip(".")


def make_lines(year, units):
    lines = []
    for ui, (uc, un) in enumerate(units):
        for li, (kind, func, econ, name) in enumerate(SPECS):
            initial = rnd.randrange(200000_00, 5000000_00) + rnd.randrange(1, 100)
            adjust = rnd.choice([0, 120000_00, -50000_00, 12345_67])
            lines.append(dict(unit=uc, unit_name=un, code=f"{uc}-{li + 1:02d}", name=name, kind=kind, func=func, econ=econ,
                              initial=initial, adjust=adjust, year=year))
    return lines


def make_payments(lines, year, prefix):
    pays = []
    n = 0
    for l in lines:
        budget = l["initial"] + l["adjust"]
        target = budget * rnd.randrange(40, 95) // 100
        paid = 0
        while paid < target:
            amt = min(target - paid, rnd.randrange(500_00, max(501_00, budget // 10)))
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=rnd.randrange(0, 365))
            n += 1
            pays.append(dict(date=day, unit=l["unit"], line=l["code"], econ=l["econ"], fen=amt, voucher=f"{prefix}{n:06d}",
                             summary=f"{l['name']}支出"))
            paid += amt
    pays.sort(key=lambda p: (p["date"], p["voucher"]))
    return pays


def totals(lines, pays):
    units = {}
    for l in lines:
        u = units.setdefault(l["unit"], {"budget": 0, "executed": 0, "lines": {}})
        u["budget"] += l["initial"] + l["adjust"]
        u["lines"][l["code"]] = {"budget": l["initial"] + l["adjust"], "executed": 0}
    for p in pays:
        units[p["unit"]]["executed"] += p["fen"]
        units[p["unit"]]["lines"][p["line"]]["executed"] += p["fen"]
    return {c: {"budget": yuan(u["budget"]), "executed": yuan(u["executed"]),
                "lines": {k: {"budget": yuan(v["budget"]), "executed": yuan(v["executed"])} for k, v in u["lines"].items()}}
            for c, u in units.items()}


def write_csv(name, rows, encoding="utf-8", bom=False):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    open(os.path.join(out, name), "wb").write(data)


def col(i):
    return chr(ord("A") + i)


def write_xlsx(name, rows, merges=(), number_cols=()):
    """A minimal XLSX: inline strings, numbers as numbers in `number_cols` below the header."""
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            ref = f"{col(c)}{r}"
            if isinstance(v, (int, float, D)) and not isinstance(v, bool):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
        sheet.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    sheet.append("</sheetData>")
    if merges:
        sheet.append(f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>")
    sheet.append("</worksheet>")
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": "".join(sheet)}
    path = os.path.join(out, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in sorted(files.items()):
            info = zipfile.ZipInfo(k, date_time=(2024, 1, 8, 9, 0, 0))  # fixed: the corpus is reproducible
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, v)


def write_xls(name, rows, date_cols=(), number_cols=(), merges=()):
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    datestyle = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r1, c1, r2, c2, text in merges:
        ws.write_merge(r1, r2, c1, c2, text)
    merged = {(m[0], m[1]) for m in merges}
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None or v == "" or (r, c) in merged:
                continue
            if isinstance(v, datetime.date):
                ws.write(r, c, datetime.datetime(v.year, v.month, v.day), datestyle)
            else:
                ws.write(r, c, v)
    wb.save(os.path.join(out, name))


cases = []
datefmt = [lambda d: d.isoformat(), lambda d: f"{d.year}/{d.month}/{d.day}", lambda d: f"{d.year}年{d.month}月{d.day}日",
           lambda d: d.strftime("%Y%m%d")]

# ---- A: 2023, budget XLSX (title, 万元 row, two-row header, 小计 per unit, 合计, footer, no 年度) + payments CSV GB18030 ----
A_units = UNITS[:2]
A = make_lines(2023, A_units)
A_pay = make_payments(A, 2023, "ZF2023")
rows = [["2023年度部门预算指标明细表"], ["金额单位：万元"],
        ["单位编码", "单位名称", "项目编码", "项目名称", "支出类型", "功能分类编码", "经济分类编码", "预算数", None, None],
        [None] * 7 + ["年初预算数", "调整数", "调整后预算数"]]
for uc, un in A_units:
    mine = [l for l in A if l["unit"] == uc]
    for l in mine:
        rows.append([uc, un, l["code"], l["name"], l["kind"], l["func"], l["econ"], D(wan(l["initial"])), wan(l["adjust"]),
                     D(wan(l["initial"] + l["adjust"]))])
    rows.append(["小计"] + [None] * 6 + [wan(sum(l["initial"] for l in mine)), wan(sum(l["adjust"] for l in mine)),
                                       wan(sum(l["initial"] + l["adjust"] for l in mine))])
rows.append(["合计"] + [None] * 6 + [wan(sum(l["initial"] for l in A)), wan(sum(l["adjust"] for l in A)),
                                   wan(sum(l["initial"] + l["adjust"] for l in A))])
rows.append(["制表人：张某", None, None, None, "审核人：李某"])
write_xlsx("a_budget_2023.xlsx", rows, merges=["A1:J1", "H3:J3"])


def payments_rows(pays, title="2023年度国库集中支付明细表", unit_row=None, amount=lambda f: yuan(f, True)):
    rows = [[title, "", "", "", "", "", ""], ["导出时间：2024-01-08 09:12", "", "", "", "", "", ""]]
    if unit_row:
        rows.append([unit_row, "", "", "", "", "", ""])
    rows.append(["支付日期", "预算单位编码", "项目编码", "经济分类编码", "支付金额（元）" if not unit_row else "支付金额",
                 "支付凭证号", "用途"])
    for i, p in enumerate(pays):
        rows.append([datefmt[i % 4](p["date"]), p["unit"], p["line"], p["econ"], amount(p["fen"]), p["voucher"], p["summary"]])
        if i == len(pays) // 3:
            rows.append([""] * 7)
    rows.append([""] * 7)
    rows.append(["合计", "", "", "", amount(sum(p["fen"] for p in pays)), "", ""])
    rows.append(["注：本表由国库集中支付系统导出", "", "", "", "", "", ""])
    return rows


write_csv("a_payments_2023.csv", payments_rows(A_pay), encoding="gb18030")
cases.append({"name": "budget XLSX (万元, two-row header, 小计/合计, footer) and payments CSV (GB18030, title, 合计)",
              "imports": [["budget", "a_budget_2023.xlsx"], ["payments", "a_payments_2023.csv"]],
              "year": 2023, "units": totals(A, A_pay), "adjustments": sum(1 for l in A if l["adjust"])})

# ---- B: 2024, budget .xls (title, merged title, 合计) + payments .xls (date cells, numbers) ----
B_units = UNITS[1:]
B = make_lines(2024, B_units)
B_pay = make_payments(B, 2024, "ZF2024")
rows = [["2024年部门预算批复表（单位：元）"], [],
        ["预算单位代码", "预算单位名称", "年度", "预算项目代码", "预算项目名称", "支出性质", "功能科目", "部门经济分类", "年初预算数"]]
for l in B:
    rows.append([l["unit"], l["unit_name"], 2024, l["code"], l["name"], l["kind"], l["func"], l["econ"],
                 float(D(l["initial"] + l["adjust"]) / 100)])
rows.append(["总计", None, None, None, None, None, None, None, float(D(sum(l["initial"] + l["adjust"] for l in B)) / 100)])
write_xls("b_budget_2024.xls", rows, merges=[(0, 0, 0, 8, "2024年部门预算批复表（单位：元）")])
rows = [["支付日期", "单位代码", "项目代码", "经济分类", "支付金额", "凭证号", "摘要"]]
for p in B_pay:
    rows.append([p["date"], p["unit"], p["line"], p["econ"], float(D(p["fen"]) / 100), p["voucher"], p["summary"]])
write_xls("b_payments_2024.xls", rows)
B_flat = [dict(l, initial=l["initial"] + l["adjust"], adjust=0) for l in B]
cases.append({"name": "budget .xls (title row with its unit, 年度 column, 总计) and payments .xls (date cells, numbers)",
              "imports": [["budget", "b_budget_2024.xls"], ["payments", "b_payments_2024.xls"]],
              "year": 2024, "units": totals(B_flat, B_pay), "adjustments": 0})

# ---- C: 2025, budget CSV UTF-8 BOM with 年初 + 调整后 only, year only from --year; payments of three units:
#      per-unit 小计 labelled in the second column, 总计, amounts in 万元 from a unit row; a payments file whose
#      year comes from its dates only; a payments file whose headers need --map ----
C_units = UNITS
C = make_lines(2025, C_units)
rows = [["部门预算表"], ["单位:元"],
        ["单位代码", "单位名称", "项目代码", "项目名称", "支出类型", "功能分类代码", "经济分类代码", "年初预算数（元）", "调整后预算数（元）"]]
for l in C:
    rows.append([l["unit"], l["unit_name"], l["code"], l["name"], l["kind"], l["func"], l["econ"], yuan(l["initial"], True),
                 yuan(l["initial"] + l["adjust"], True)])
write_csv("c_budget.csv", rows, bom=True)
C_pay = make_payments(C, 2025, "ZF2025")
first, second, third = C_pay[: len(C_pay) // 3], C_pay[len(C_pay) // 3: 2 * len(C_pay) // 3], C_pay[2 * len(C_pay) // 3:]
# first third: per-unit subtotals, 万元 from a unit row
rows = [["2025年度支付明细（分单位）"], ["金额单位：万元"], ["单位代码", "项目代码", "支付日期", "金额", "凭证号", "摘要"]]
for uc, _ in C_units:
    mine = [p for p in first if p["unit"] == uc]
    for p in mine:
        rows.append([p["unit"], p["line"], p["date"].isoformat(), wan(p["fen"]), p["voucher"], p["summary"]])
    rows.append([uc, "小计", "", wan(sum(p["fen"] for p in mine)), "", ""])
rows.append(["总计", "", "", wan(sum(p["fen"] for p in first)), "", ""])
write_csv("c_payments_by_unit_2025.csv", rows)
# second third: no year anywhere but the dates
rows = [["单位代码", "项目代码", "记账日期", "支出金额", "凭证编号", "用途"]]
for p in second:
    rows.append([p["unit"], p["line"], p["date"].strftime("%Y.%m.%d") if False else p["date"].isoformat(), yuan(p["fen"]), p["voucher"], p["summary"]])
write_csv("c_payments_dates.csv", rows)
# third third: headers no rule knows, mapped with --map
rows = [["付款单位码", "指标编号", "交易日", "交易金额", "流水号", "附言"]]
for p in third:
    rows.append([p["unit"], p["line"], p["date"].isoformat(), yuan(p["fen"]), p["voucher"], p["summary"]])
write_csv("c_payments_mapped_2025.csv", rows)
write_csv("c_payments_mapped.map.csv", [["表头", "字段"], ["付款单位码", "unit_code"], ["指标编号", "line_code"], ["交易日", "date"],
                                         ["交易金额", "amount"], ["流水号", "voucher_number"], ["附言", "summary"]])
cases.append({"name": "budget CSV (BOM, 年初 + 调整后, --year), payments with per-unit 小计 in 万元, dates only, and --map",
              "imports": [["budget", "c_budget.csv", "--year", "2025"], ["payments", "c_payments_by_unit_2025.csv"],
                          ["payments", "c_payments_dates.csv"],
                          ["payments", "c_payments_mapped_2025.csv", "--map", "c_payments_mapped.map.csv"]],
              "year": 2025, "units": totals(C, C_pay), "adjustments": sum(1 for l in C if l["adjust"])})

# ---- Refusals: each after case A's budget (so the lines exist); nothing written, exact output ----
refusals = []
# 1. a 合计 that disagrees (one row dropped)
dropped = A_pay[:5] + A_pay[6:]
r = payments_rows(dropped)
r[-2][4] = yuan(sum(p["fen"] for p in A_pay), True)
write_csv("r_payments_bad_total_2023.csv", r)
refusals.append(("payments", "r_payments_bad_total_2023.csv", [], "合计行与数据不符"))
# 2. 年初 + 调整 ≠ 调整后
rows = [["单位代码", "单位名称", "年度", "项目代码", "项目名称", "支出类型", "功能分类", "年初预算数", "调整数", "调整后预算数"],
        ["401009", "样例单位", "2023", "X-01", "测试项目", "项目支出", "2010699", "100.00", "20.00", "125.00"]]
write_csv("r_budget_adjusted_mismatch.csv", rows)
refusals.append(("budget", "r_budget_adjusted_mismatch.csv", [], "年初预算数 + 调整数 ≠ 调整后预算数"))
# 3. a 小计 that disagrees in an XLSX
rows = [["单位代码", "年度", "项目代码", "支付日期", "支付金额", "凭证号"]]
mine = [p for p in A_pay if p["unit"] == A_units[0][0]][:4]
for p in mine:
    rows.append([p["unit"], 2023, p["line"], p["date"].isoformat(), yuan(p["fen"]), "R3-" + p["voucher"]])
rows.append(["小计", None, None, None, yuan(sum(p["fen"] for p in mine) + 1), None])
write_xlsx("r_payments_bad_subtotal.xlsx", rows)
refusals.append(("payments", "r_payments_bad_subtotal.xlsx", [], "小计行与数据不符"))
# 4. title and file name disagree on the year
rows = [["2023年度支付明细表"], ["单位代码", "项目代码", "支付日期", "支付金额", "凭证号"],
        [A_pay[0]["unit"], A_pay[0]["line"], A_pay[0]["date"].isoformat(), yuan(A_pay[0]["fen"]), "R4-1"]]
write_csv("r_payments_2022.csv", rows)
refusals.append(("payments", "r_payments_2022.csv", [], "年度来源不一致"))
# 5. a required column under a near-miss name: the suggestion
rows = [["单位代码", "项目代码", "支付日", "支付金额", "凭证号", "经济分类码"],
        [A_pay[0]["unit"], A_pay[0]["line"], A_pay[0]["date"].isoformat(), yuan(A_pay[0]["fen"]), "R5-1", "30101"]]
write_csv("r_payments_near_miss.csv", rows)
refusals.append(("payments", "r_payments_near_miss.csv", [], "是否指"))
# 6. invalid UTF-8 in a cell of a UTF-8 file
data = ("单位代码,项目代码,支付日期,支付金额,凭证号,摘要\r\n" +
        f"{A_pay[0]['unit']},{A_pay[0]['line']},2023-03-05,10.00,R6-1,正常摘要\r\n").encode() + \
       f"{A_pay[0]['unit']},{A_pay[0]['line']},2023-03-06,11.00,R6-2,坏".encode() + b"\xc0\xaf" + "摘要\r\n".encode()
open(os.path.join(out, "r_payments_bad_utf8.csv"), "wb").write(data)
refusals.append(("payments", "r_payments_bad_utf8.csv", [], "不是有效的 UTF-8 文本"))
# 7. amounts whose sum overflows 64-bit 分
rows = [["单位代码", "单位名称", "年度", "项目代码", "项目名称", "支出类型", "功能分类", "年初预算"]]
for i in range(3):
    rows.append(["401009", "样例单位", "2023", f"OV{i}", f"溢出{i}", "项目支出", "2010699", "46000000000000000.00"])
write_csv("r_budget_overflow.csv", rows)
refusals.append(("budget", "r_budget_overflow.csv", [], "金额之和超出可计算的范围"))
# 8. a budget file without any year
rows = [["单位代码", "单位名称", "项目代码", "项目名称", "支出类型", "功能分类", "年初预算"],
        ["401009", "样例单位", "Y-01", "项目", "项目支出", "2010699", "1.00"]]
write_csv("r_budget_no_year.csv", rows)
refusals.append(("budget", "r_budget_no_year.csv", [], "文件没有年度列"))

for kind, name, args, needle in refusals:
    cases.append({"name": "refused: " + needle, "imports": [["budget", "a_budget_2023.xlsx"], [kind, name] + args],
                  "refused": True, "needle": needle})

json.dump({"cases": cases}, open(os.path.join(out, "cases.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print(f"make_export_corpus: {len(os.listdir(out))} files in {os.path.normpath(out)}")

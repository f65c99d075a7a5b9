#!/usr/bin/python3
"""tests/fuzz/make_corpus.py — writes the seed corpora in tests/fuzz/corpus/<target>/.

Every seed is synthetic (made here) except the framework seeds, which are the repository's own
frameworks/*.fw, and the CSV seeds, whose rows copy the first lines of data/demo/ (the
reference case as importable files). Seeds stay small: libFuzzer mutates them, and CI replays
them all (fuzz_replay_* suites). Run from the repository root: /usr/bin/python3 tests/fuzz/make_corpus.py
"""
import io
import os
import shutil
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def zipped(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members:  # a fixed date: the same seeds on every run
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


shutil.rmtree(ROOT, ignore_errors=True)

# money: first byte 0 = 元, 1 = 万元; then the text.
for i, text in enumerate(["3403.40", "3,403.40", "34,034,000.00元", "3403.40万元", "３４０３．４０", "-1,200.00",
                          "(1,200.00)", "¥ 12.50", "￥0.07", "92233720368547758.07", "1.2.3", "12,34.5", ""]):
    put("money", f"m{i:02}", bytes([i % 2]) + text.encode())

for i, text in enumerate(["2022-09-30", "2022/9/30", "2022.9.30", "20220930", "2022年9月30日", "2024-02-29",
                          "2023-02-29", "0000-01-01", "9999-12-31", "2022-13-01"]):
    put("date", f"d{i:02}", text)

demo = os.path.join(os.path.dirname(ROOT), "..", "..", "data", "demo")
def head(name, n):
    with open(os.path.join(demo, name), encoding="utf-8") as f:
        return "".join(f.readlines()[:n])

budget = head("budget.csv", 4)
adjust = head("adjustments.csv", 3)
payments = head("payments.csv", 6)
budget_en = "unit_code,unit_name,fiscal_year,line_code,line_name,kind,function_code,economic_code,fund_source,initial_budget\r\nU1,单位,2022,L1,\"名称,带逗号\",基本支出,2010101,30101,一般公共预算,1.00\r\n"
quoted = 'unit_code,fiscal_year,line_code,pay_date,amount,economic_code,voucher_number,summary\nU1,2022,L1,2022-01-03,"1,000.00",30201,V1,"摘要 ""引号"""\nU1,2022,L1,2022-01-04,2.00,,V2,\n'
# csv_rows: first byte picks the kind (0 budget, 1 adjustments, 2 payments, 3 commitments).
for i, (kind, text) in enumerate([(0, budget), (1, adjust), (2, payments), (0, budget_en), (2, quoted),
                                  (3, "单位代码,年度,项目代码,合同编号,日期,未付余额\nBYRD01,2022,P001,HT-1,2022-03-01,10000.00\n")]):
    put("csv_rows", f"c{i:02}", bytes([kind]) + text.encode())
    if kind < 3:
        put("csv_fast", f"c{i:02}", bytes([kind]) + text.encode())
put("csv_rows", "gb18030", bytes([0]) + budget.encode("gb18030"))
put("csv_fast", "gb18030", bytes([2]) + payments.encode("gb18030"))
put("csv_fast", "bom", bytes([2]) + b"\xef\xbb\xbf" + payments.encode())

# xlsx: first byte picks the kind, then the workbook.
content_types = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
workbook = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="付款" sheetId="1" r:id="rId1"/></sheets></workbook>')
rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          + "".join(f"<si><t>{t}</t></si>" for t in ["单位代码", "年度", "项目代码", "支付日期", "支付金额", "凭证号", "U1", "L1", "V1"])
          + "<si><r><t>摘</t></r><r><t>要</t></r></si></sst>")
def row(r, cells):
    return f'<row r="{r}">' + "".join(cells) + "</row>"
sheet_shared = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + row(1, [f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDEF")])
                + row(2, ['<c r="A2" t="s"><v>6</v></c>', '<c r="B2"><v>2022</v></c>', '<c r="C2" t="s"><v>7</v></c>',
                          '<c r="D2" s="1"><v>44600</v></c>', '<c r="E2"><v>9347.639999999999</v></c>', '<c r="F2" t="s"><v>8</v></c>'])
                + "</sheetData></worksheet>")
styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2">'
          '<xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>')
put("xlsx", "shared", bytes([2]) + zipped([("[Content_Types].xml", content_types), ("xl/workbook.xml", workbook),
                                           ("xl/_rels/workbook.xml.rels", rels), ("xl/sharedStrings.xml", shared),
                                           ("xl/styles.xml", styles), ("xl/worksheets/sheet1.xml", sheet_shared)]))
sheet_inline = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + row(1, [f'<c r="{c}1" t="inlineStr"><is><t>{t}</t></is></c>' for c, t in zip("ABCDEFG", ["单位代码", "年度", "项目代码", "项目名称", "支出类型", "功能分类", "年初预算"])])
                + row(3, ['<c r="A3" t="inlineStr"><is><t>U1</t></is></c>', '<c r="B3"><v>2022</v></c>', '<c r="C3" t="inlineStr"><is><t>L1</t></is></c>',
                          '<c r="D3" t="inlineStr"><is><t>名称</t></is></c>', '<c r="E3" t="inlineStr"><is><t>项目支出</t></is></c>',
                          '<c r="F3" t="inlineStr"><is><t>2010104</t></is></c>', '<c r="H3"><v>1.5</v></c>'])
                + "</sheetData></worksheet>")
put("xlsx", "inline", bytes([0]) + zipped([("[Content_Types].xml", content_types), ("/xl/workbook.xml", workbook),
                                           ("xl/_rels/workbook.xml.rels", rels.replace("worksheets/", "/xl/worksheets/")),
                                           ("xl/worksheets/sheet1.xml", sheet_inline)]))

# xls (BIFF8, read with libfreexl): first byte picks the kind, then the workbook (python3-xlwt).
try:
    import datetime
    import xlwt
    def xls(rows):
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("预算")
        date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, datetime.date):
                    sheet.write(r, c, v, date_style)
                else:
                    sheet.write(r, c, v)
        buf = io.BytesIO()
        book.save(buf)
        return buf.getvalue()
    put("xls", "budget", bytes([0]) + xls([["单位代码", "年度", "项目代码", "项目名称", "支出类型", "功能分类", "年初预算（万元）"],
                                          ["U1", 2022, "L1", "名称", "项目支出", "2010104", 1450.25]]))
    put("xls", "payments", bytes([2]) + xls([["单位代码", "年度", "项目代码", "支付日期", "支付金额", "凭证号"],
                                            ["U1", 2022, "L1", datetime.date(2022, 3, 1), 9347.64, "V1"]]))
except ImportError:
    print("make_corpus: python3-xlwt is missing; xls seeds not written")

# framework: the shipped frameworks.
fw = os.path.join(os.path.dirname(ROOT), "..", "..", "frameworks")
for name in sorted(os.listdir(fw)):
    if name.endswith(".fw"):
        with open(os.path.join(fw, name), "rb") as f:
            put("framework", name, f.read())

for i, text in enumerate(["min(points, points * x / 100)", "x >= 100 ? points : max(0, points - floor((100 - x) / 5) * 2)",
                          "y <= 0 ? 3 : (x <= 100 ? 2 : 0)", "sum(x, y, 1) / avg(x, y) + ceil(x) - rint(y)",
                          "x / y", "sqrt(-x)", "x && y || !points", "1e308 * 10"]):
    put("formula", f"f{i:02}", text)

report = """白云区人大常委会办公室2022年度部门整体支出绩效自评报告
一、部门基本情况
2022年度部门预算数为3403.40万元，全年执行数为3115.88万元，预算执行率为91.6%。
其中基本支出2100.00万元，项目支出1303.40万元。
二、绩效目标完成情况
召开常委会会议8次，组织代表视察12次。
三、自评结论
经自评，本部门2022年度绩效自评得分为98分，评价等级为优。
\f
指标\t分值\t目标值\t实际完成值\t得分
预算执行率\t10\t100%\t91.6%\t8
召开常委会会议次数\t5\t≥6次\t8次\t5
合计\t100\t\t\t98
"""
put("checker_text", "report.txt", report)
put("checker_text", "gb18030.txt", report.encode("gb18030"))
put("checker_text", "project.txt", "某项目支出绩效自评表\n项目资金：年初预算数 120.5 万元，全年预算数 130 万元，全年执行数 128 万元，执行率 98.46%，得分 9.85。\n总分 96.5 分，等级 优。\n")

def docx(paragraphs, table_rows):
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    body += "<w:tbl>" + "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in r) + "</w:tr>" for r in table_rows) + "</w:tbl>"
    return zipped([("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
                   ("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>')])
lines = [l for l in report.split("\n") if l and "\t" not in l and l != "\f"]
put("checker_docx", "report.docx", docx(lines, [["指标", "分值", "得分"], ["预算执行率", "10", "8"], ["合计", "100", "98"]]))
put("checker_docx", "empty.docx", docx([], []))

def pdf(text_lines):
    stream = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({t}) Tj 0 -16 Td" for t in text_lines) + " ET"
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = "%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n" + "".join(f"{o:010} 00000 n \n" for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")
put("checker_pdf", "report.pdf", pdf(["Budget 3403.40 executed 3115.88 rate 91.6%", "Score 98"]))

b = "----jx7"
mp = (f"multipart/form-data; boundary={b}\n"
      f'--{b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npayments\r\n'
      f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="预算.csv"\r\nContent-Type: text/csv\r\n\r\n{payments}\r\n--{b}--\r\n')
put("multipart", "upload", mp)
put("multipart", "rfc5987", f'multipart/form-data; boundary="{b} x"\n--{b} x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"; filename*=UTF-8\'\'%E9%A2%84%E7%AE%97.csv\r\n\r\nx\r\n--{b} x--\r\n')
put("multipart", "query", "jx_session=abc; other=1\na=1&b=%E4%B8%AD&c&d=+x+")

# api_json: first byte picks the route (see k_routes in api_json_fuzz.cpp; bit 7 = as the editor).
bodies = [
    (0, {"name": "admin", "password": "wrong"}),
    (1, {"code": "U9", "name": "新单位", "parent_code": "U1"}),
    (2, {"name": "新用户", "role": "editor", "units": ["U1"], "password": "a-long-password-1"}),
    (3, {"role": "viewer", "units": ["U1"], "disabled": False}),
    (4, {"password": "another-long-password"}),
    (0x80 | 5, {"target": "≥10", "actual": "12", "points": 5}),
    (0x80 | 6, {"self_score": 98, "inputs": {"ledger.execution_rate": 91.6}, "narrative": "说明"}),
    (0x80 | 7, {}),
    (8, {"decision": "approve", "note": "同意"}),
    (0x80 | 9, {"self_score": "98.50"}),
]
import json
for i, (pick, body) in enumerate(bodies):
    put("api_json", f"r{i:02}", bytes([pick]) + json.dumps(body, ensure_ascii=False).encode())
put("api_json", "deep", bytes([6]) + b'{"self_score":50,"inputs":' + b"[" * 100 + b"]" * 100 + b"}")
put("api_json", "not_json", bytes([0x80 | 6]) + b"{self_score: 1")

#!/usr/bin/env python3
"""Writes the reference case's ledger files (budget.csv, adjustments.csv, payments.csv).

The seed states only the totals: 全年预算 3403.40万元, 执行 3115.88万元 (91.6%). The split into
lines, the adjustments and the monthly payments below are invented to add up exactly to those
totals (see README.md). Deterministic: running it again writes the same bytes.

    python3 data/demo/make_demo.py data/demo
"""
import csv, os, random, sys

UNIT = ("BYRD01", "广州市白云区人民代表大会常务委员会办公室")
YEAR = 2022

# code, name, kind, function code, economic code, initial 万元, executed 万元, monthly profile
LINES = [
    ("B001", "在职人员工资福利", "基本支出", "2010101", "30101", "1450.00", "1495.00", "flat"),
    ("B002", "社会保障缴费", "基本支出", "2080505", "30108", "260.00", "258.36", "flat"),
    ("B003", "住房公积金", "基本支出", "2210201", "30113", "120.00", "120.00", "flat"),
    ("B004", "离退休人员经费", "基本支出", "2080501", "30302", "180.00", "176.52", "flat"),
    ("B005", "机关运行公用经费", "基本支出", "2010101", "30201", "310.00", "291.40", "office"),
    ("B006", "公务用车运行维护费", "基本支出", "2010101", "30231", "18.00", "16.20", "office"),
    ("B007", "公务接待费", "基本支出", "2010101", "30217", "3.00", "1.86", "office"),
    ("P001", "区人大会议", "项目支出", "2010104", "30215", "260.00", "246.30", "session"),
    ("P002", "人大代表履职能力提升", "项目支出", "2010107", "30216", "180.00", "132.60", "backloaded"),
    ("P003", "代表工作及代表联络站建设", "项目支出", "2010108", "30227", "220.00", "168.44", "backloaded"),
    ("P004", "人大监督工作（执法检查、专题询问、满意度测评）", "项目支出", "2010106", "30227", "120.00", "86.20", "backloaded"),
    ("P005", "智慧人大代表履职系统建设", "项目支出", "2010102", "31007", "200.00", "52.80", "late"),
    ("P006", "机关服务及后勤保障", "项目支出", "2010103", "30209", "150.00", "70.20", "backloaded"),
]

# date, line, amount 万元, document number, reason
ADJUSTMENTS = [
    ("2022-06-30", "B001", "45.00", "白财预〔2022〕118号", "落实工资调整政策追加"),
    ("2022-09-15", "P005", "-80.00", "白财预〔2022〕203号", "系统建设项目招标延期，调减当年预算"),
    ("2022-11-20", "P006", "-32.60", "白财预〔2022〕266号", "后勤保障项目结余调减"),
]

# Share of a line's annual spending paid in each month. The projects pay late in the year:
# the seed names "项目资金支出进度分配不均" as a problem.
PROFILES = {
    "flat": [1] * 12,
    "office": [0.7, 0.8, 0.9, 0.9, 0.9, 1.0, 0.9, 0.9, 1.0, 1.0, 1.1, 1.9],
    "session": [3.2, 1.6, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.6, 1.2],
    "backloaded": [0.1, 0.2, 0.4, 0.5, 0.6, 0.7, 0.6, 0.7, 0.8, 1.0, 1.6, 4.0],
    "late": [0, 0, 0, 0, 0, 0.2, 0.2, 0.3, 0.5, 0.8, 1.5, 4.5],
}

ECON_SPLIT = {  # 公用经费 paid under several economic codes
    "B005": ["30201", "30205", "30206", "30207", "30211", "30228", "30213"],
}


def fen(wan):
    whole, _, frac = wan.lstrip("-").partition(".")
    v = int(whole) * 1_000_000 + int((frac + "000000")[:6])
    return -v if wan.startswith("-") else v


def yuan(f):
    sign = "-" if f < 0 else ""
    f = abs(f)
    return f"{sign}{f // 100}.{f % 100:02d}"


def split_exact(total, weights):
    """Integer parts proportional to weights, summing exactly to total (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def main(out):
    rng = random.Random(2022)
    with open(os.path.join(out, "budget.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["单位代码", "单位名称", "年度", "项目代码", "项目名称", "支出类型", "功能分类", "经济分类", "资金来源", "年初预算（万元）"])
        for code, name, kind, fn, econ, initial, _, _ in LINES:
            w.writerow([UNIT[0], UNIT[1], YEAR, code, name, kind, fn, econ, "一般公共预算", initial])
    with open(os.path.join(out, "adjustments.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["单位代码", "年度", "项目代码", "调整日期", "调整金额（万元）", "文号", "调整原因"])
        for date, line, amount, doc, reason in ADJUSTMENTS:
            w.writerow([UNIT[0], YEAR, line, date, amount, doc, reason])
    payments = []
    for code, name, kind, fn, econ, _, executed, profile in LINES:
        total_fen = fen(executed)
        months = split_exact(total_fen // 100, PROFILES[profile])  # whole 元 per month
        months = [m * 100 for m in months]
        for m, amount in enumerate(months, start=1):
            if amount == 0:
                continue
            n = 1 if profile == "flat" else rng.randint(2, 4)
            parts = split_exact(amount // 100, [rng.uniform(0.5, 1.5) for _ in range(n)])
            days = sorted(rng.sample(range(3, 27), n))
            if m == 12 and profile in ("backloaded", "late", "office"):
                days = sorted(rng.sample(range(15, 31), n))  # the year-end rush
            for part, day in zip(parts, days):
                pe = rng.choice(ECON_SPLIT[code]) if code in ECON_SPLIT else econ
                payments.append((f"{YEAR}-{m:02d}-{day:02d}", code, part * 100, pe, name))
    payments.sort()
    with open(os.path.join(out, "payments.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["单位代码", "年度", "项目代码", "支付日期", "支付金额（元）", "经济分类", "凭证号", "摘要"])
        for i, (date, code, amount, pe, name) in enumerate(payments, start=1):
            w.writerow([UNIT[0], YEAR, code, date, yuan(amount), pe, f"记-{date[5:7]}-{i:04d}", f"{name}支出"])
    total = sum(p[2] for p in payments)
    assert total == fen("3115.88"), total
    print(f"{len(payments)} payments, {yuan(total)} 元")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))

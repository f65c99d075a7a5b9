#!/usr/bin/python3
"""The corpus of messy exports (tests/testdata/exports, written by scripts/make_export_corpus.py)
end to end, through `jixiao import` and through `POST /api/imports`:
  - each accepted case imports, file after file, into a fresh database, and the summary shows
    exactly the expected budget and executed amounts per unit and per line;
  - each refused case is refused with exactly the recorded output (every line), and the ledger
    is as it was; through the API, with a 4xx answer naming the same reason.
usage: exports_test.py JIXIAO CORPUS_DIR [--record]   (--record: write the refusals' outputs)"""
import decimal, http.cookiejar, json, os, shutil, subprocess, sys, tempfile, time, urllib.request

D = decimal.Decimal
bin_, corpus = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
record = "--record" in sys.argv
cases_path = os.path.join(corpus, "cases.json")
cases = json.load(open(cases_path, encoding="utf-8"))
failures = []


def run(cwd, *args):
    p = subprocess.run([bin_, "--db", "sqlite:t.db", *args], cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def compare(label, summary, want_units):
    got = {u["code"]: u for u in summary["units"]}
    for code, want in want_units.items():
        u = got.get(code)
        if not u:
            failures.append(f"{label}: unit {code} missing")
            continue
        for k in ("budget", "executed"):
            if D(u[k]) != D(want[k]):
                failures.append(f"{label}: {code} {k} {u[k]} != {want[k]}")
        lines = {l["code"]: l for l in u.get("lines", [])}
        for lc, w in want["lines"].items():
            l = lines.get(lc)
            if not l or D(l["budget"]) != D(w["budget"]) or D(l["executed"]) != D(w["executed"]):
                failures.append(f"{label}: line {lc} {l and (l['budget'], l['executed'])} != {(w['budget'], w['executed'])}")


def copy_corpus():
    d = tempfile.mkdtemp(prefix="jixiao-exports.")
    for f in os.listdir(corpus):
        shutil.copy(os.path.join(corpus, f), d)
    return d


# ---- The CLI ----
for case in cases["cases"]:
    d = copy_corpus()
    label = "cli: " + case["name"]
    if case.get("refused"):
        first = case["imports"][0]
        rc, out = run(d, "import", *first)
        if rc != 0:
            failures.append(f"{label}: setup import refused: {out[:300]}")
            continue
        before = run(d, "summary", "--year", "2023", "--format", "json")[1]
        kind, name, *args = case["imports"][1]
        rc, out = run(d, "import", kind, name, *args)
        if rc == 0:
            failures.append(f"{label}: accepted: {out[:300]}")
        if record:
            case["output"] = out
        elif out != case.get("output"):
            failures.append(f"{label}: output differs:\n--- got\n{out}--- want\n{case.get('output')}")
        if run(d, "summary", "--year", "2023", "--format", "json")[1] != before:
            failures.append(f"{label}: the refused file changed the ledger")
    else:
        for kind, name, *args in case["imports"]:
            rc, out = run(d, "import", kind, name, *args)
            if rc != 0:
                failures.append(f"{label}: {name} refused: {out[:400]}")
        rc, out = run(d, "summary", "--year", str(case["year"]), "--format", "json")
        if rc != 0:
            failures.append(f"{label}: summary: {out[:200]}")
        else:
            compare(label, json.loads(out), case["units"])
    shutil.rmtree(d)

if record:
    json.dump(cases, open(cases_path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)

# ---- Import profiles: the mapping that worked, saved, reads next month's export alone ----
d = copy_corpus()
label = "cli: profiles"
def executed(cwd):
    out = json.loads(run(cwd, "summary", "--year", "2025", "--format", "json")[1])
    return sum(D(u["executed"]) for u in out["units"])
rc, out = run(d, "import", "budget", "c_budget.csv", "--year", "2025")
if rc != 0:
    failures.append(f"{label}: budget: {out[:300]}")
mapped = "c_payments_mapped_2025.csv"
rc, out = run(d, "import", "payments", mapped, "--map", "c_payments_mapped.map.csv", "--save-profile", "国库月报")
want = 'jixiao: 文件含 3 个单位的数据（401001、401002、401003）；请用 --unit 指定导入配置所属的单位\n'
if rc == 0 or out != want:
    failures.append(f"{label}: a profile of several units without --unit: {rc} {out!r}")
if executed(d) != 0:
    failures.append(f"{label}: the refused --save-profile left payments behind")
rc, out = run(d, "import", "payments", mapped, "--map", "c_payments_mapped.map.csv", "--save-profile", "国库月报", "--unit", "401001")
if rc != 0 or "已保存导入配置 \"国库月报\"（单位 401001）: 表头第 1 行，6 列，金额单位 元" not in out:
    failures.append(f"{label}: save: {rc} {out[:400]}")
first = executed(d)
# Next month: the same layout, new vouchers; no --map, only the profile.
src = open(os.path.join(d, mapped), encoding="utf-8").read()
open(os.path.join(d, "next_2025.csv"), "w", encoding="utf-8").write(src.replace("ZF2025", "ZF2025N"))
rc, out = run(d, "import", "payments", "next_2025.csv")
if rc == 0:
    failures.append(f"{label}: next month's file imported without the profile: {out[:200]}")
rc, out = run(d, "import", "payments", "next_2025.csv", "--profile", "国库月报")
if rc != 0:
    failures.append(f"{label}: by the profile: {out[:400]}")
elif executed(d) != 2 * first:
    failures.append(f"{label}: executed {executed(d)} != {2 * first}")
# A file that no longer fits: refused naming what differs, the ledger unchanged.
before = executed(d)
open(os.path.join(d, "renamed_2025.csv"), "w", encoding="utf-8").write(
    src.replace("ZF2025", "ZF2025R").replace("交易金额", "金额", 1))
rc, out = run(d, "import", "payments", "renamed_2025.csv", "--profile", "国库月报")
want = ('jixiao: renamed_2025.csv: 文件与导入配置 "国库月报" 不符（请检查文件，或用 --save-profile 保存新的配置）\n'
        '  renamed_2025.csv:1: 第 1 行表头缺少配置中的列 "交易金额"\n'
        '  renamed_2025.csv:1: 第 1 行表头有配置中没有的列 "金额"\n')
if rc == 0 or out != want:
    failures.append(f"{label}: a file that no longer fits:\n--- got\n{out}--- want\n{want}")
if executed(d) != before:
    failures.append(f"{label}: the refused file changed the ledger")
rc, out = run(d, "import", "payments", "next_2025.csv", "--profile", "月报")
want = 'jixiao: 没有导入配置 "月报"；已有: 国库月报（401001）。用 --save-profile 保存\n'
if rc == 0 or out != want:
    failures.append(f"{label}: an unknown profile: {rc} {out!r}")
shutil.rmtree(d)

# ---- The API: the same files uploaded, a dry run's plan first ----
d = copy_corpus()
subprocess.run([bin_, "--db", "sqlite:t.db", "users", "add", "imp", "--role", "admin", "--password", "imports-check-9"],
               cwd=d, capture_output=True, check=True)
server = subprocess.Popen([bin_, "--db", "sqlite:t.db", "serve", "--port", "0"], cwd=d, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
try:
    url = None
    for _ in range(100):
        line = server.stdout.readline()
        if "http://127.0.0.1:" in line:
            url = "http://127.0.0.1:" + line.split("http://127.0.0.1:")[1].split("/")[0]
            break
    if not url:
        raise SystemExit("FAIL: the server did not start")
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    token = None

    def call(method, path, body=None, ctype="application/json"):
        h = {"Content-Type": ctype}
        if token:
            h["X-CSRF-Token"] = token
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        try:
            with opener.open(urllib.request.Request(url + path, method=method, data=data, headers=h), timeout=60) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    st, b = call("POST", "/api/login", {"name": "imp", "password": "imports-check-9"})
    if st != 200:
        raise SystemExit(f"FAIL: login {st} {b[:200]}")
    token = json.loads(b)["csrf_token"]

    def upload(kind, name, args, dry):
        fields = {"kind": kind, "dry_run": "1" if dry else "0"}
        if "--year" in args:
            fields["year"] = args[args.index("--year") + 1]
        if "--map" in args:
            import csv
            rows = list(csv.reader(open(os.path.join(d, args[args.index("--map") + 1]), encoding="utf-8")))
            fields["mapping"] = json.dumps({r[0]: r[1] for r in rows[1:]}, ensure_ascii=False)
        bd = "----jxexports"
        parts = [f'--{bd}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
        parts.append(f'--{bd}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + open(os.path.join(d, name), "rb").read() + b"\r\n")
        parts.append(f"--{bd}--\r\n".encode())
        return call("POST", "/api/imports", b"".join(parts), f"multipart/form-data; boundary={bd}")

    # Accepted cases use different years, so they share one database here.
    for case in cases["cases"]:
        if case.get("refused"):
            continue
        label = "api: " + case["name"]
        for kind, name, *args in case["imports"]:
            st, b = upload(kind, name, args, True)
            if st != 200:
                failures.append(f"{label}: dry run of {name}: {st} {b[:300]}")
                continue
            plan = json.loads(b)["plan"]
            if any(not t["agrees"] for t in plan["control_totals"]) or plan["data_rows"] <= 0:
                failures.append(f"{label}: dry run plan of {name}: {plan}")
            st, b = upload(kind, name, args, False)
            if st != 201:
                failures.append(f"{label}: import of {name}: {st} {b[:300]}")
        st, b = call("GET", f"/api/summary?year={case['year']}")
        if st != 200:
            failures.append(f"{label}: summary {st}")
        else:
            compare(label, json.loads(b), case["units"])
    # Refusals: against case A's budget (imported above), each answered 4xx naming the reason.
    for case in cases["cases"]:
        if not case.get("refused"):
            continue
        kind, name, *args = case["imports"][1]
        before = call("GET", "/api/summary?year=2023")[1]
        st, b = upload(kind, name, args, False)
        text = b.decode("utf-8", "replace")
        if st < 400 or st >= 500 or case["needle"] not in text:
            failures.append(f"api: {case['name']}: {st} {text[:300]}")
        if call("GET", "/api/summary?year=2023")[1] != before:
            failures.append(f"api: {case['name']}: the refused file changed the ledger")
finally:
    server.terminate()
    server.wait(timeout=10)
    shutil.rmtree(d)

if failures:
    print("FAIL:\n" + "\n".join(failures))
    sys.exit(1)
print(f"exports: {len(cases['cases'])} cases through jixiao import and POST /api/imports")

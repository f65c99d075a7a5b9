#!/usr/bin/python3
"""tests/soak/soak.py — the load of tests/soak/soak.sh: client threads that each pick, at
random with fixed weights, one of the actions below against a running `jixiao serve` on the demo,
while a sampler reads the server's RSS from /proc every 5 s.

Every action says which statuses it expects; any other answer (or a failed connection) is an
unexpected answer and fails the soak. RSS: the first 20 % of the run is warm-up; the level after
it is the median of the samples of the minute that follows (a sign-in's argon2id hash takes
64 MiB for ~0.1 s, so single samples jump with the logins in flight), and the median of the last
minute must stay within 10 % of it. The highest sample is reported too.
"""
import argparse, http.cookiejar, json, os, random, statistics, sys, threading, time, urllib.error, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, required=True)
ap.add_argument("--pid", type=int, required=True)
ap.add_argument("--seconds", type=int, default=600)
ap.add_argument("--clients", type=int, default=6)
ap.add_argument("--out", required=True)
ap.add_argument("--rss-check", choices=["on", "off"], default="on",
                help="off: judge only the answers (the short CI run is too short for a warm-up)")
args = ap.parse_args()
BASE = f"http://127.0.0.1:{args.port}"
USERS = {"editor": ("soak_editor", "soak-editor-Pass-71"), "viewer": ("soak_viewer", "soak-viewer-Pass-72"),
         "bureau": ("soak_bureau", "soak-bureau-Pass-73")}


class Client:
    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def call(self, method, path, body=None, ctype="application/json"):
        headers = {"Content-Type": ctype}
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        req = urllib.request.Request(BASE + path, method=method, data=data, headers=headers)
        try:
            with self.opener.open(req, timeout=120) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()
        except Exception as e:  # connection refused or reset: the server is down or dropped us
            return 0, str(e).encode()

    def login(self, role):
        name, password = USERS[role]
        st, b = self.call("POST", "/api/login", {"name": name, "password": password})
        if st == 200:
            self.csrf = json.loads(b)["csrf_token"]
        return st, b

    def upload(self, path, fields, fname, content):
        bd = "----jxsoak"
        parts = [f'--{bd}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
        parts.append(f'--{bd}\r\nContent-Disposition: form-data; name="file"; filename="{fname}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
        parts.append(f"--{bd}--\r\n".encode())
        return self.call("POST", path, b"".join(parts), f"multipart/form-data; boundary={bd}")


# A synthetic report for the checker (figures of the reference case: 3403.40 / 3115.88 万元).
REPORT = ("白云区人大常委会办公室2022年度部门整体支出绩效自评报告\n"
          "2022年度部门预算数为3403.40万元，全年执行数为3115.88万元，预算执行率为91.6%。\n"
          "经自评，本部门2022年度绩效自评得分为98分，评价等级为优。\n").encode()
PAYMENTS_HEAD = "单位代码,项目代码,支付日期,支付金额,凭证号\n"


def payments_csv(rows, tag):
    lines = [f"BYRD01,P001,2022-12-{1 + i % 28:02},{100 + i}.00,SOAK-{tag}-{i}" for i in range(rows)]
    return (PAYMENTS_HEAD + "\n".join(lines) + "\n").encode()


# Each action: (weight, name, function(client) -> (status, expected statuses)). Clients are
# signed in as the role the action needs; sign-in itself is an action. Heavy requests (imports,
# the checker, reports) may also answer 429: the server runs at most 2 at once per user, and the
# 6 clients share 3 users.
HEAVY_BUSY = 429
def a_signin(c):
    role = random.choice(list(USERS))
    fresh = Client()
    st, _ = fresh.login(role)
    if st != 200:
        # 429: the address's own failed sign-ins (bad_signin below) can reach the per-address
        # limit of the server's login limiter, which then refuses every name for the minute.
        return st, {200, 429}
    st2, _ = fresh.call("POST", "/api/logout", {})
    return st2, {200, 204}

def a_bad_signin(c):
    st, _ = Client().call("POST", "/api/login", {"name": "soak_nobody", "password": "wrong-password-0"})
    return st, {401, 429}  # refused, or limited after repeated failures

READS = ["/api/session", "/api/years", "/api/units", "/api/units/BYRD01", "/api/units/BYRD01/lines",
         "/api/summary?year=2022&unit=BYRD01", "/api/dashboard/BYRD01?year=2022", "/api/monitor?year=2022&unit=BYRD01",
         "/api/monitor?year=2022&unit=BYRD01&as_of=2022-06-30", "/api/indicators", "/api/goals/BYRD01/2022", "/api/frameworks",
         "/api/scoring/BYRD01/2022", "/api/scoring/BYRD01/2022?claimed=98", "/api/evaluations",
         "/api/evaluations/BYRD01/2022", "/api/imports?limit=20"]

def a_read(c):
    path = random.choice(READS)
    return c["viewer"].call("GET", path)[0], {200}, path

def a_overview(c):
    # The bureau's pages: every unit side by side, and the audit log (not a viewer's).
    path = random.choice(["/api/overview?year=2022", "/api/audit?limit=20", "/api/summary?year=2022"])
    return c["bureau"].call("GET", path)[0], {200}, path

def a_import_dry(c):
    st, _ = c["editor"].upload("/api/imports", {"kind": "payments", "dry_run": "1"}, "soak.csv",
                               payments_csv(200, "dry"))
    return st, {200, 201, HEAVY_BUSY}

def a_import_same(c):
    # The same small file every time: the first import stores it, the later ones are no-ops
    # (already imported), so the ledger does not grow during the soak.
    st, _ = c["editor"].upload("/api/imports", {"kind": "payments"}, "soak-fixed.csv", payments_csv(20, "fixed"))
    return st, {200, 201, HEAVY_BUSY}

def a_import_bad(c):
    st, _ = c["editor"].upload("/api/imports", {"kind": "payments", "dry_run": "1"}, "bad.csv",
                               (PAYMENTS_HEAD + "BYRD01,P001,2022-13-45,abc,X1\n").encode())
    return st, {400, 422, HEAVY_BUSY}

def a_evaluation(c):
    score = random.choice(["96", "97.5", "98"])
    st, _ = c["editor"].call("PUT", "/api/evaluations/BYRD01/2022", {"self_score": score})
    return st, {200, 409}  # 409: the evaluation is submitted and frozen

def a_checker(c):
    return c["viewer"].upload("/api/checker", {}, "report.txt", REPORT)[0], {200, HEAVY_BUSY}

def a_report(c):
    return c["viewer"].call("GET", "/api/reports/BYRD01/2022?format=" + random.choice(["html", "md"]))[0], {200, HEAVY_BUSY}

ACTIONS = [(6, "signin", a_signin), (1, "bad_signin", a_bad_signin), (40, "read", a_read), (5, "overview", a_overview),
           (5, "import_dry", a_import_dry), (2, "import_same", a_import_same), (2, "import_bad", a_import_bad),
           (8, "evaluation", a_evaluation), (6, "checker", a_checker), (3, "report", a_report)]

lock = threading.Lock()
stats = {name: {"count": 0, "unexpected": 0, "statuses": {}, "ms": []} for _, name, _ in ACTIONS}
unexpected_examples = []
deadline = time.time() + args.seconds
stop = threading.Event()


def worker(seed):
    rnd = random.Random(seed)
    clients = {role: Client() for role in USERS}
    for role, cl in clients.items():
        st, b = cl.login(role)
        if st != 200:
            with lock:
                unexpected_examples.append(f"setup login {role}: {st} {b[:200]!r}")
            return
    weights = [w for w, _, _ in ACTIONS]
    while time.time() < deadline and not stop.is_set():
        _, name, fn = rnd.choices(ACTIONS, weights)[0]
        t0 = time.time()
        st, expected, *what = fn(clients)
        ms = (time.time() - t0) * 1000
        with lock:
            s = stats[name]
            s["count"] += 1
            s["statuses"][st] = s["statuses"].get(st, 0) + 1
            s["ms"].append(ms)
            if st not in expected:
                s["unexpected"] += 1
                if len(unexpected_examples) < 20:
                    unexpected_examples.append(f"{name} {' '.join(what)}: {st}")


def rss_mib():
    with open(f"/proc/{args.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0


samples = []
def sampler():
    t0 = time.time()
    while not stop.is_set():
        try:
            samples.append((round(time.time() - t0, 1), round(rss_mib(), 1)))
            if len(samples) % 12 == 1:  # a progress line every minute
                with lock:
                    done = sum(s["count"] for s in stats.values())
                    bad_so_far = sum(s["unexpected"] for s in stats.values())
                print(f"  {samples[-1][0]:6.0f} s  {done} requests, {bad_so_far} unexpected, RSS {samples[-1][1]} MiB", flush=True)
        except OSError:
            samples.append((round(time.time() - t0, 1), 0.0))
            return
        stop.wait(5)


def prepare():
    """Users added with a password must change it at first sign-in: do that once, before the load."""
    for role, (name, password) in list(USERS.items()):
        c = Client()
        st, b = c.login(role)
        if st != 200:
            sys.exit(f"soak: setup: {name} cannot sign in ({st} {b[:200]!r})")
        if json.loads(b)["user"].get("must_change_password"):
            fresh = password + "-Next8"
            st, b = c.call("POST", "/api/password", {"old_password": password, "new_password": fresh})
            if st != 200:
                sys.exit(f"soak: setup: {name} cannot change the first password ({st} {b[:200]!r})")
            USERS[role] = (name, fresh)


prepare()
threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.clients)]
samp = threading.Thread(target=sampler)
samp.start()
for t in threads:
    t.start()
for t in threads:
    t.join()
stop.set()
samp.join()

warm = args.seconds * 0.2
window = min(60, args.seconds * 0.2)
after = [r for t, r in samples if t >= warm]
first_minute = [r for t, r in samples if warm <= t < warm + window]
last_minute = [r for t, r in samples if t >= samples[-1][0] - window] if samples else []
base = round(statistics.median(first_minute), 1) if first_minute else 0
peak = max(after) if after else 0
last = round(statistics.median(last_minute), 1) if last_minute else 0
total = sum(s["count"] for s in stats.values())
bad = sum(s["unexpected"] for s in stats.values())
rss_ok = args.rss_check == "off" or (base > 0 and last <= base * 1.10)
alive = os.path.exists(f"/proc/{args.pid}")

with open(os.path.join(args.out, "rss.csv"), "w") as f:
    f.write("seconds,rss_mib\n" + "".join(f"{t},{r}\n" for t, r in samples))
summary = {"seconds": args.seconds, "clients": args.clients, "requests": total, "unexpected": bad,
           "rss_mib": {"start": samples[0][1] if samples else 0, "after_warmup": base, "peak_after_warmup": peak,
                       "last_minute_median": last, "growth_pct": round((last / base - 1) * 100, 1) if base else None},
           "actions": {n: {"count": s["count"], "unexpected": s["unexpected"], "statuses": {str(k): v for k, v in s["statuses"].items()},
                           "p50_ms": round(statistics.median(s["ms"]), 1) if s["ms"] else None,
                           "p99_ms": round(sorted(s["ms"])[int(len(s["ms"]) * 0.99) - 1], 1) if len(s["ms"]) >= 100 else None}
                       for n, s in stats.items()},
           "unexpected_examples": unexpected_examples}
with open(os.path.join(args.out, "summary.json"), "w") as f:
    json.dump(summary, f, ensure_ascii=False, indent=1)

print(f"soak: {args.seconds} s, {args.clients} clients, {total} requests ({total / args.seconds:.1f}/s), {bad} unexpected")
for n, s in summary["actions"].items():
    print(f"  {n:12} {s['count']:6}  statuses {s['statuses']}  p50 {s['p50_ms']} ms  p99 {s['p99_ms']} ms")
print(f"  RSS MiB: start {summary['rss_mib']['start']}, after warm-up {base} (median of a minute), "
      f"last minute {last} ({summary['rss_mib']['growth_pct']} % over the warm-up level), highest sample {peak}")
for e in unexpected_examples:
    print("  unexpected:", e)
ok = bad == 0 and rss_ok and alive and total > 0
print("soak: " + ("PASS" if ok else "FAIL" + ("" if alive else " (the server died)")
                  + ("" if rss_ok else " (RSS grew more than 10 % after warm-up)")))
sys.exit(0 if ok else 1)

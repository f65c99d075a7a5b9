#!/usr/bin/env bash
# jixiao on PostgreSQL end to end, on the server of $JIXIAO_TEST_PG (scripts/run-tests.sh starts
# it; this test fails without it): the demo built into PostgreSQL, the multi-host URL, SQLite →
# PostgreSQL migrate with its verification catching a changed row, two servers on one database
# (a write through one read through the other; 409 on a stale or concurrent save; submit
# raced from both), and a SQLite backup taken while the server writes.
set -euo pipefail
bin=$(readlink -f "$1")
[ -n "${JIXIAO_TEST_PG:-}" ] || { echo "FAIL: JIXIAO_TEST_PG is not set (run scripts/run-tests.sh)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-pg.XXXXXX")
pids=()
suffix=$$_$RANDOM
dbs=(jxe_demo_$suffix jxe_moved_$suffix)
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for d in "${dbs[@]}"; do psql "$JIXIAO_TEST_PG" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$work"/*.log; do [ -f "$f" ] && { echo "== $f"; tail -20 "$f"; }; done; exit 1; }
cd "$work"
for d in "${dbs[@]}"; do psql "$JIXIAO_TEST_PG" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $d" >/dev/null; done
base=${JIXIAO_TEST_PG%/*}     # postgresql://user:pw@host:port
hostport=${base#*@}
creds=${base%@*}
pg_demo=$base/${dbs[0]}
pg_moved=$base/${dbs[1]}

# 1. The demo straight into PostgreSQL, its figures, and a second demo refused (not wiped).
"$bin" --db "$pg_demo" demo >demo.out 2>&1 || fail "demo on PostgreSQL: $(cat demo.out)"
grep -q '初始密码' demo.out || fail "the demo printed no first passwords"
grep -q 'budget:\*\*\*@' demo.out || fail "the demo should name the database with its password hidden: $(head -1 demo.out)"
out=$("$bin" --db "$pg_demo" summary --year 2022)
for want in 3403.40 3115.88 91.6%; do grep -q -- "$want" <<<"$out" || fail "summary on PostgreSQL lacks $want"; done
if "$bin" --db "$pg_demo" demo >again.out 2>&1; then fail "a second demo into a database with data was accepted"; fi
grep -q '已有数据' again.out || fail "wrong refusal: $(cat again.out)"

# 2. The multi-host URL: the first host is down, libpq goes on to the next (the failover form).
multi="$creds@127.0.0.1:1,$hostport/${dbs[0]}?target_session_attrs=read-write&connect_timeout=3"
out=$(JIXIAO_DB="$multi" "$bin" summary --year 2022) || fail "multi-host URL via \$JIXIAO_DB"
grep -q 3403.40 <<<"$out" || fail "multi-host summary: $out"
out=$("$bin" --db "${pg_demo/postgresql:/postgres:}" summary --year 2022) || fail "postgres:// URL"
grep -q 3115.88 <<<"$out" || fail "postgres:// summary"

# 3. SQLite → PostgreSQL: the same figures after; then a row changed in the copy is caught.
mkdir lite && "$bin" demo --dir lite >/dev/null
"$bin" migrate --from "sqlite:lite/jixiao.db" --to "$pg_moved" >migrate.out 2>&1 || fail "migrate: $(cat migrate.out)"
grep -q '校验通过' migrate.out || fail "migrate did not verify: $(cat migrate.out)"
grep -q 'audit_log' migrate.out || fail "the audit log was not copied"
a=$("$bin" --db "sqlite:lite/jixiao.db" summary --year 2022 --format json)
b=$("$bin" --db "$pg_moved" summary --year 2022 --format json)
[ "$a" = "$b" ] || fail "summary differs after migrate"
a=$("$bin" --db "sqlite:lite/jixiao.db" score --unit BYRD01 --year 2022 --framework gz_dept_overall_2022 --format json)
b=$("$bin" --db "$pg_moved" score --unit BYRD01 --year 2022 --framework gz_dept_overall_2022 --format json)
[ "$a" = "$b" ] || fail "scorecard differs after migrate"
[ "$(psql "$pg_moved" -tAc 'SELECT COUNT(*) FROM sessions')" = 0 ] || fail "sessions were copied"
if "$bin" migrate --from "sqlite:lite/jixiao.db" --to "$pg_moved" >again.out 2>&1; then fail "migrate into a full database was accepted"; fi
grep -q '只能迁移到空数据库' again.out || fail "wrong refusal: $(cat again.out)"
psql "$pg_moved" -qc "UPDATE budget_lines SET initial_fen = initial_fen + 1 WHERE id = (SELECT MIN(id) FROM budget_lines)" >/dev/null
if "$bin" migrate --from "sqlite:lite/jixiao.db" --to "$pg_moved" --verify-only >verify.out 2>&1; then fail "verification missed a changed row"; fi
grep -q '校验不符: 表 budget_lines 列 initial_fen' verify.out || fail "verification message: $(cat verify.out)"

# 4. Two servers on one database.
start() {  # start NAME: a server on $pg_demo, its port in port_NAME
  "$bin" --db "$pg_demo" serve --port 0 >"$1.log" 2>&1 &
  pids+=($!)
  local p=""
  for _ in $(seq 150); do
    p=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$1.log" 2>/dev/null | head -n1 || true)
    [ -n "$p" ] && break
    sleep 0.1
  done
  [ -n "$p" ] || fail "server $1 did not start"
  eval "port_$1=$p"
}
start a
start b
editor_pw=$(sed -n 's/^ *editor（.*）初始密码: \(.*\)$/\1/p' demo.out)
bureau_pw=$(sed -n 's/^ *bureau（.*）初始密码: \(.*\)$/\1/p' demo.out)
[ -n "$editor_pw" ] && [ -n "$bureau_pw" ] || fail "no editor/bureau password in the demo output"
python3 - "$port_a" "$port_b" "$editor_pw" "$bureau_pw" <<'PY' || fail "two servers"
import http.cookiejar, json, sys, threading, urllib.request
pa, pb, epw, bpw = sys.argv[1:5]
def client(port):
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    tok = [None]
    def call(method, path, body=None):
        h = {"Content-Type": "application/json"}
        if tok[0]: h["X-CSRF-Token"] = tok[0]
        req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(), headers=h)
        try:
            with op.open(req, timeout=20) as r: return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e: return e.code, json.loads(e.read() or b"null")
    def login(name, pw):
        st, s = call("POST", "/api/login", {"name": name, "password": pw})
        assert st == 200, (st, s)
        tok[0] = s["csrf_token"]
        if s["user"].get("must_change_password"):
            st, s2 = call("POST", "/api/password", {"old_password": pw, "new_password": pw + "-Changed1"})
            assert st == 200, (st, s2)
            tok[0] = s2.get("csrf_token", tok[0])
            return pw + "-Changed1"
        return pw
    call.login = login
    return call
A, B = client(pa), client(pb)
epw = A.login("editor", epw)
B.login("editor", epw)
# A write through A is read through B on the very next request.
st, e = A("PUT", "/api/evaluations/BYRD01/2022", {"self_score": 97})
assert st == 200, (st, e)
st, e2 = B("GET", "/api/evaluations/BYRD01/2022")
assert st == 200 and e2["self_score"] == "97.00", (st, e2)
v = e2["version"]
# A stale version gets 409 with the current record; nothing is overwritten.
st, ok = A("PUT", "/api/evaluations/BYRD01/2022", {"self_score": 96, "version": v})
assert st == 200 and ok["version"] == v + 1, (st, ok)
st, c = B("PUT", "/api/evaluations/BYRD01/2022", {"self_score": 95, "version": v})
assert st == 409 and c["current"]["version"] == v + 1 and c["current"]["self_score"] == "96.00", (st, c)
# Concurrent saves from the same version through both servers: exactly one wins.
v = v + 1
results = []
def save(cl, score):
    results.append(cl("PUT", "/api/evaluations/BYRD01/2022", {"self_score": score, "version": v})[0])
ts = [threading.Thread(target=save, args=(A if i % 2 else B, 90 + i)) for i in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
assert sorted(results) == [200] + [409] * 7, results
# Goals likewise: a stale version gets 409 with the current goals; of concurrent saves from one
# version through both servers exactly one wins; saves without a version are never lost.
st, g = B("GET", "/api/goals/BYRD01/2022")
assert st == 200 and g["items"], (st, g)
gv, goal = g["version"], g["items"][0]
gpath = f"/api/goals/BYRD01/2022/{goal['indicator_code']}"
st, ok = A("PUT", gpath, {"line_code": goal["line_code"], "deviation_reason": "甲", "version": gv})
assert st == 200 and ok["version"] == gv + 1 and ok["deviation_reason"] == "甲", (st, ok)
st, c = B("PUT", gpath, {"line_code": goal["line_code"], "deviation_reason": "乙", "version": gv})
assert st == 409 and c["error"] == "version_conflict" and c["current"]["version"] == gv + 1, (st, c)
assert [x for x in c["current"]["items"] if x["indicator_code"] == goal["indicator_code"]
        and x["line_code"] == goal["line_code"]][0]["deviation_reason"] == "甲", c
gv += 1
results = []
def save_goal(cl, i):
    results.append(cl("PUT", gpath, {"line_code": goal["line_code"], "deviation_reason": f"并发{i}", "version": gv})[0])
ts = [threading.Thread(target=save_goal, args=(A if i % 2 else B, i)) for i in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
assert sorted(results) == [200] + [409] * 7, results
st, g = A("GET", "/api/goals/BYRD01/2022")
assert g["version"] == gv + 1, g["version"]
two = g["items"][:2]
assert len(two) == 2, g["items"]
results = []
def save_other(cl, x):
    results.append(cl("PUT", f"/api/goals/BYRD01/2022/{x['indicator_code']}",
                      {"line_code": x["line_code"], "deviation_reason": "同时" + x["indicator_code"]})[0])
ts = [threading.Thread(target=save_other, args=(cl, x)) for cl, x in zip((A, B), two)]
[t.start() for t in ts]; [t.join() for t in ts]
assert results == [200, 200], results
st, g = B("GET", "/api/goals/BYRD01/2022")
for x in two:
    y = [i for i in g["items"] if i["indicator_code"] == x["indicator_code"] and i["line_code"] == x["line_code"]][0]
    assert y["deviation_reason"] == "同时" + x["indicator_code"], (x, y)
# Submit raced through both servers: one submits, the other is refused.
results = []
def submit(cl):
    results.append(cl("POST", "/api/evaluations/BYRD01/2022/submit", {})[0])
ts = [threading.Thread(target=submit, args=(cl,)) for cl in (A, B)]
[t.start() for t in ts]; [t.join() for t in ts]
assert sorted(results) == [200, 409], results
st, e = A("GET", "/api/evaluations/BYRD01/2022")
assert e["status"] == "submitted", e
print("two servers: read-your-write across servers, 409 on stale and concurrent saves of evaluations and goals, one submit of two")
PY

# 5. SQLite: a backup taken while the server writes is a consistent, restorable database.
"$bin" --db "sqlite:lite/jixiao.db" serve --port 0 >lite.log 2>&1 &
pids+=($!)
lp=""
for _ in $(seq 150); do lp=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' lite.log 2>/dev/null | head -n1 || true); [ -n "$lp" ] && break; sleep 0.1; done
[ -n "$lp" ] || fail "sqlite server did not start"
"$bin" --db "sqlite:lite/jixiao.db" users add writer --role editor --unit BYRD01 --password 'writer-pass-1' >/dev/null
python3 - "$lp" <<'PY' &
import http.cookiejar, json, sys, time, urllib.request
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
def call(method, path, body, tok=None):
    h = {"Content-Type": "application/json", **({"X-CSRF-Token": tok} if tok else {})}
    req = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}{path}", method=method, data=json.dumps(body).encode(), headers=h)
    with op.open(req, timeout=20) as r: return json.loads(r.read())
s = call("POST", "/api/login", {"name": "writer", "password": "writer-pass-1"})
tok = s["csrf_token"]
if s["user"].get("must_change_password"):
    tok = call("POST", "/api/password", {"old_password": "writer-pass-1", "new_password": "writer-pass-2-Changed"}, tok).get("csrf_token", tok)
for i in range(200):
    call("PUT", "/api/evaluations/BYRD01/2022", {"self_score": 50 + i % 40}, tok)
PY
writer=$!
sleep 0.5
"$bin" --db "sqlite:lite/jixiao.db" backup --to snap.db >backup.out 2>&1 || fail "backup: $(cat backup.out)"
wait "$writer" || fail "the writes during the backup failed"
[ "$(sqlite3 snap.db 'PRAGMA integrity_check')" = ok ] || fail "the backup is not intact"
"$bin" --db "sqlite:restored.db" restore snap.db >restore.out 2>&1 || fail "restore: $(cat restore.out)"
"$bin" --db "sqlite:restored.db" summary --year 2022 | grep -q 3403.40 || fail "restored database lacks the ledger"
echo "garbage" >bad.db
if "$bin" --db "sqlite:restored2.db" restore bad.db >bad.out 2>&1; then fail "a garbage backup was restored"; fi
if "$bin" --db "$pg_demo" backup --to x.db >pgb.out 2>&1; then fail "backup of PostgreSQL should point to pg_dump"; fi
grep -q pg_dump pgb.out || fail "backup on PostgreSQL: $(cat pgb.out)"
echo "PASS: PostgreSQL demo, multi-host URL, migrate + verification, two servers, 409s, backup while writing"

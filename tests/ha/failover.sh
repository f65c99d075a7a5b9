#!/usr/bin/env bash
# tests/ha/failover.sh JIXIAO — failover with pg_auto_failover (postgresql-15-auto-failover),
# all on 127.0.0.1: a monitor, a primary and a secondary (synchronous replication). `jixiao serve`
# runs on the multi-host URL (target_session_attrs=read-write); a client saves drafts through it
# without pause; the primary is stopped; the monitor promotes the secondary; jixiao reconnects.
# Prints the seconds without a successful write and the acknowledged writes lost (must be 0),
# and fails if any acknowledged write is missing. Label slow; `make test-ha`, not CI.
# Runs as root (the nodes run as the postgres user) or as postgres.
set -euo pipefail
bin=$(readlink -f "$1")
PGBIN=/usr/lib/postgresql/15/bin
if ! command -v pg_autoctl >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "FAIL: postgresql-15-auto-failover is not installed"; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15-auto-failover >/dev/null
fi
work=$(mktemp -d /tmp/jixiao-ha.XXXXXX)
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$work/cfg" XDG_DATA_HOME="$work/data" "$@"; else env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$work/cfg" XDG_DATA_HOME="$work/data" "$@"; fi; }
base=$((57000 + RANDOM % 500))
pm=$base; p1=$((base + 1)); p2=$((base + 2)); web=$((base + 3))
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  for n in node1 node2 monitor; do as_pg pg_autoctl stop --pgdata "$work/$n" --immediate >/dev/null 2>&1 || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; tail -5 "$work"/*.log 2>/dev/null; exit 1; }
cd "$work"
monitor_uri="postgres://autoctl_node@127.0.0.1:$pm/pg_auto_failover?sslmode=disable"
as_pg pg_autoctl create monitor --pgdata "$work/monitor" --pgport $pm --hostname 127.0.0.1 --auth trust --no-ssl --run >monitor.log 2>&1 &
pids+=($!)
for _ in $(seq 120); do as_pg psql -h 127.0.0.1 -p $pm -U autoctl_node -d pg_auto_failover -qc 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.5; done
# Detect a dead primary in seconds rather than the defaults' ~30 s (documented monitor settings).
tuned=""
for h in /var/run/postgresql /tmp 127.0.0.1; do
  as_pg psql -h $h -p $pm -U postgres -d pg_auto_failover -qc "ALTER SYSTEM SET pgautofailover.health_check_period = 1000" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000" -c "ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1" \
    -c "ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500" \
    -c "ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 3000" -c "SELECT pg_reload_conf()" >/dev/null 2>&1 && { tuned=yes; break; }
done
[ -n "$tuned" ] ||
  echo "ha: could not tune the monitor's health checks (defaults apply)"
node() {  # node NAME PORT
  as_pg pg_autoctl create postgres --pgdata "$work/$1" --pgport "$2" --hostname 127.0.0.1 --auth trust --no-ssl \
    --monitor "$monitor_uri" --run >"$1.log" 2>&1 &
  pids+=($!)
}
state() { as_pg pg_autoctl show state --pgdata "$work/monitor" 2>/dev/null; }
wait_state() {  # wait_state PATTERN SECONDS
  for _ in $(seq $(( $2 * 2 ))); do state | grep -Eq "$1" && return 0; sleep 0.5; done
  state; return 1
}
node node1 $p1
wait_state "$p1 .*primary *\| *primary|single" 120 || fail "node1 did not become primary"
node node2 $p2
wait_state "$p2 .*secondary *\| *secondary" 240 || fail "node2 did not become secondary"
for p in $p1 $p2; do   # let jixiao's role in over TCP (pg_autoctl manages the rest of pg_hba)
  echo "host all all 127.0.0.1/32 trust" >>"$work/node$((p - base))/pg_hba.conf"
  as_pg psql -h 127.0.0.1 -p $p -U postgres -qc 'SELECT pg_reload_conf()' >/dev/null 2>&1 || true
done
as_pg psql -h 127.0.0.1 -p $p1 -U postgres -v ON_ERROR_STOP=1 -qc "CREATE ROLE budget LOGIN PASSWORD 'budget'" \
  -c "CREATE DATABASE jixiao OWNER budget" >/dev/null || fail "create database on the primary"
url="postgresql://budget:budget@127.0.0.1:$p1,127.0.0.1:$p2/jixiao?target_session_attrs=read-write&connect_timeout=2"
"$bin" --db "$url" demo >demo.out 2>&1 || fail "demo on the formation: $(cat demo.out)"
"$bin" --db "$url" users add ha --role editor --unit BYRD01 --password 'ha-pass-123' >/dev/null
"$bin" --db "$url" serve --port $web >serve.log 2>&1 &
pids+=($!)
sleep 2
/usr/bin/python3 - $web "$work" $p1 <<'PY' &
import http.cookiejar, json, sys, time, urllib.request, os, signal
port, work = sys.argv[1], sys.argv[2]
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
def call(method, path, body, tok=None):
    h = {"Content-Type": "application/json", **({"X-CSRF-Token": tok} if tok else {})}
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=json.dumps(body).encode(), headers=h)
    with op.open(req, timeout=5) as r: return json.loads(r.read())
tok = None
pw = "ha-pass-123"
for _ in range(50):
    try:
        s = call("POST", "/api/login", {"name": "ha", "password": "ha-pass-123"}); tok = s["csrf_token"]
        if s["user"].get("must_change_password"):
            tok = call("POST", "/api/password", {"old_password": "ha-pass-123", "new_password": "ha-pass-123-Changed"}, tok).get("csrf_token", tok)
            pw = "ha-pass-123-Changed"
        break
    except Exception: time.sleep(0.2)
acked, failures, gap_start, longest, after_promotion = [], 0, None, 0.0, 0
give_up = time.time() + 300
i = 0
# Writes until 20 s after the promotion (the script creates "promoted"), at most 5 minutes.
while time.time() < give_up:
    if os.path.exists(f"{work}/promoted") and time.time() - os.path.getmtime(f"{work}/promoted") > 20: break
    i += 1
    score = 10 + i % 80 + (i % 100) / 100
    try:
        call("PUT", "/api/evaluations/BYRD01/2022", {"self_score": round(score, 2), "inputs": {"seq": i}}, tok)
        acked.append(i)
        if os.path.exists(f"{work}/promoted"): after_promotion += 1
        if gap_start is not None:
            longest = max(longest, time.time() - gap_start); gap_start = None
    except Exception:
        failures += 1
        if gap_start is None: gap_start = time.time()
        try: tok = call("POST", "/api/login", {"name": "ha", "password": pw})["csrf_token"]
        except Exception: pass
        time.sleep(0.1)
    time.sleep(0.02)
if gap_start is not None: longest = max(longest, time.time() - gap_start)
json.dump({"acked": acked, "failures": failures, "longest_gap": longest, "after_promotion": after_promotion}, open(f"{work}/client.json", "w"))
PY
client=$!
sleep 15
echo "ha: stopping the primary (node1, port $p1)"
t_stop=$(date +%s.%N)
as_pg pg_autoctl stop --pgdata "$work/node1" --immediate >/dev/null 2>&1 || true
wait_state "$p2 .*primary *\| *primary|$p2 .*wait_primary *\| *wait_primary" 120 || fail "node2 was not promoted"
t_promoted=$(date +%s.%N)
touch "$work/promoted"
wait "$client" || fail "the client failed"
python3 - "$work" "$url" "$bin" "$t_stop" "$t_promoted" <<'PY'
import json, subprocess, sys
work, url, bin_, t_stop, t_promoted = sys.argv[1:6]
c = json.load(open(f"{work}/client.json"))
out = subprocess.run([bin_, "--db", url, "users", "list"], capture_output=True, text=True)
# Every acknowledged save appended an audit entry in its own transaction: find them all.
rows = subprocess.run(["psql", url.replace("&connect_timeout=2", ""), "-tAc",
                       "SELECT after_json FROM audit_log WHERE action = 'evaluation.save'"], capture_output=True, text=True)
seen = set()
for line in rows.stdout.splitlines():
    try: seen.add(json.loads(line)["inputs"]["seq"])
    except Exception: pass
lost = [i for i in c["acked"] if i not in seen]
print(f"ha: {len(c['acked'])} writes acknowledged ({c['after_promotion']} after the promotion), {c['failures']} refused during the failover; "
      f"promotion {float(t_promoted) - float(t_stop):.1f} s after the stop; longest time without a successful write "
      f"{c['longest_gap']:.1f} s; acknowledged writes lost: {len(lost)}")
# Fails when an acknowledged write is missing, or jixiao never wrote again after the promotion.
sys.exit(1 if lost or c["after_promotion"] == 0 else 0)
PY

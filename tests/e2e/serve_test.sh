#!/usr/bin/env bash
# `jixiao serve` as a black box on the demo: / is HTML, an anonymous write is refused, a
# demo user signs in with the printed first password, a CLI write lands in the audit log
# that the API shows, and SIGTERM stops the server cleanly.
set -euo pipefail
bin=$(readlink -f "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-serve.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
fail() { echo "FAIL: $*"; cat serve.log 2>/dev/null; exit 1; }
"$bin" demo --dir "$work" >demo.out 2>&1 || { cat demo.out; exit 1; }
pass=$(sed -n 's/^ *bureau（.*）初始密码: \(.*\)$/\1/p' demo.out)
[ -n "$pass" ] || fail "demo printed no password for bureau"
"$bin" users add zhao --role viewer --unit BYRD01 --password 'zhao-pass-1' >/dev/null
"$bin" users add bad --role viewer >/dev/null 2>err.txt && fail "a viewer without a unit was accepted"
grep -q '至少需要一个单位' err.txt || fail "wrong message: $(cat err.txt)"
start_server() {
  "$bin" serve --port 0 >serve.log 2>&1 &
  pid=$!
  port=""
  for _ in $(seq 100); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.log 2>/dev/null | head -n1 || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || fail "server did not start"
  url=http://127.0.0.1:$port
}
start_server
curl -s "$url/" | grep -q '<html' || fail "/ is not HTML"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$url/api/units")
[ "$code" = 401 ] || fail "anonymous POST /api/units answered $code"
curl -s -c cookies -H 'Content-Type: application/json' -d "{\"name\":\"bureau\",\"password\":\"$pass\"}" \
  "$url/api/login" | grep -q '"role":"bureau"' || fail "bureau could not sign in"
audit=$(curl -s -b cookies "$url/api/audit?action=users.")
grep -q '"action":"users.add"' <<<"$audit" || fail "the CLI's users add is not in the audit log: $audit"
grep -q '"source":"cli"' <<<"$audit" || fail "CLI writes are not marked source cli"
curl -s -b cookies "$url/api/summary?year=2022" | grep -q '"budget":"34034000.00"' || fail "summary budget"
# A CLI import while the server runs shows in the API without a restart.
printf '单位代码,项目代码,支付日期,支付金额,凭证号\nBYRD01,P001,2022-12-30,100,SRV-1\n' >more.csv
"$bin" import payments more.csv >/dev/null || fail "CLI import next to the server"
sleep 0.4
curl -s -b cookies "$url/api/summary?year=2022" | grep -q '"executed":"31158900.00"' ||
  fail "the server still shows the ledger from before the CLI import"
kill -TERM "$pid"
wait "$pid" || fail "serve exited non-zero after SIGTERM"
pid=""
grep -q 'jixiao 服务已停止' serve.log || fail "no stop message"
# A restart signs nobody out; a password reset through the CLI ends the session.
start_server
curl -s -b cookies "$url/api/session" | grep -q '"role":"bureau"' || fail "the session did not survive a restart"
"$bin" users passwd bureau >/dev/null || fail "users passwd"
sleep 5.5  # the server rechecks a cached session against the store within 5 s
code=$(curl -s -o /dev/null -w '%{http_code}' -b cookies "$url/api/session")
[ "$code" = 401 ] || fail "a session went on after a password reset through the CLI ($code)"
kill -TERM "$pid"
wait "$pid" || fail "serve exited non-zero after SIGTERM"
pid=""
echo "serve: demo up, anonymous write refused, CLI write audited, clean stop, sessions survive a restart and end on a reset"

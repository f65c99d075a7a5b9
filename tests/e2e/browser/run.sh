#!/usr/bin/env bash
# Browser end-to-end tests: builds the demo, starts `jixiao serve` on a free port, and drives
# Debian's Chromium headless with playwright-core (web/node_modules; no browser download).
#   tests/e2e/browser/run.sh JIXIAO_BINARY [WEB_DIR]     (JX_SHOTS=DIR keeps the screenshots)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=$(readlink -f "$1")
web=${2:+$(readlink -f "$2")}
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium missing (scripts/install-deps.sh installs it)"; exit 1; }
"$root/scripts/install-web.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-e2e.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"
"$bin" demo --dir "$work" >demo.out 2>&1 || { cat demo.out; exit 1; }
password() { sed -n "s/^ *$1（.*）初始密码: \(.*\)$/\1/p" demo.out; }
export JX_PASS_ADMIN=$(password admin) JX_PASS_BUREAU=$(password bureau) JX_PASS_EDITOR=$(password editor) \
       JX_PASS_VIEWER=$(password viewer)
[ -n "$JX_PASS_ADMIN" ] || { echo "e2e: the demo printed no first passwords"; cat demo.out; exit 1; }
"$bin" summary --year 2022 --format json >summary.json
export JX_CLI_SUMMARY=$work/summary.json JX_WORK=$work
web_args=()
[ -n "$web" ] && web_args=(--web "$web")
"$bin" serve --port 0 "${web_args[@]}" >serve.log 2>&1 &
pid=$!
for _ in $(seq 100); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.log 2>/dev/null | head -n1 || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "${port:-}" ] || { echo "e2e: server did not start"; cat serve.log; exit 1; }
grep -q '网页界面:' serve.log || { echo "e2e: the server found no web bundle"; cat serve.log; exit 1; }
export JX_URL="http://127.0.0.1:$port"
cd "$root/web"
# JX_E2E_ONLY=pattern runs only the tests whose name matches (while working on one).
only=()
[ -n "${JX_E2E_ONLY:-}" ] && only=(--test-name-pattern="$JX_E2E_ONLY")
node --test --test-concurrency=1 "${only[@]}" "$here"/*.test.mjs

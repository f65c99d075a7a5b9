#!/usr/bin/env bash
# Soak: SOAK_SECONDS (default 600) of mixed load against `jixiao serve` on the demo — sign-ins,
# reads, imports, evaluations, the checker, reports — with the server's RSS sampled every 5 s.
# Passes when no answer is outside what each request expects and RSS after warm-up stays within
# 10 % (docs/reliability.md). Usage: tests/soak/soak.sh [path/to/jixiao] [seconds] [--rss-check off]
# Prints a summary and writes rss.csv and summary.json into $SOAK_OUT (default a temp folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(readlink -f "${1:-build/release/src/cli/jixiao}")
seconds=${2:-${SOAK_SECONDS:-600}}
[ -x "$bin" ] || { echo "soak: no jixiao at $bin" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-soak.XXXXXX")
out=${SOAK_OUT:-$work}
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work/db"
  [ "$out" = "$work" ] || rmdir "$work"
}
trap cleanup EXIT
mkdir -p "$work/db" "$out"
cd "$work/db"
"$bin" demo --dir "$work/db" >demo.out 2>&1 || { cat demo.out; exit 1; }
# Soak users with known passwords (the demo's first passwords must be changed at first sign-in).
"$bin" users add soak_editor --role editor --unit BYRD01 --password 'soak-editor-Pass-71' >/dev/null
"$bin" users add soak_viewer --role viewer --unit BYRD01 --password 'soak-viewer-Pass-72' >/dev/null
"$bin" users add soak_bureau --role bureau --password 'soak-bureau-Pass-73' >/dev/null
"$bin" serve --port 0 >serve.log 2>&1 &
pid=$!
port=""
for _ in $(seq 200); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.log 2>/dev/null | head -n1 || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat serve.log; echo "soak: the server did not start" >&2; exit 1; }
status=0
/usr/bin/python3 "$here/soak.py" --port "$port" --pid "$pid" --seconds "$seconds" --out "$out" "${@:3}" || status=$?
kill -TERM "$pid"
wait "$pid" || { echo "soak: serve exited non-zero after SIGTERM" >&2; status=1; }
pid=""
exit $status

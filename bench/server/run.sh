#!/usr/bin/env bash
# Load test of `jixiao serve` on loopback with wrk, against the 10,000-unit generated ledger:
# the unit dashboard JSON (one unit; and a random unit each request) and the bureau overview.
#   bench/server/run.sh [JIXIAO_BINARY] [--units N] [--payments N] [--duration S] [--postgres]
# Prints a Markdown table (req/s, p50, p99) and writes it to bench/server/results.md
# (--postgres: the store on a throwaway PostgreSQL 15 cluster, scripts/pg.sh; results-postgres.md).
# Targets (issue 8): dashboard JSON ≥ 5,000 req/s and p99 ≤ 50 ms on this 2-core machine.
# wrk shares the two cores with the server, so the numbers are conservative.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(readlink -f "${1:-$root/build/release/src/cli/jixiao}")
shift || true
units=10000 payments=1000000 duration=10 year=2024 backend=sqlite
while [ $# -gt 0 ]; do
  case $1 in
    --units) units=$2; shift 2;;
    --payments) payments=$2; shift 2;;
    --duration) duration=$2; shift 2;;
    --postgres) backend=postgres; shift;;
    *) echo "unknown option $1"; exit 2;;
  esac
done
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk (scripts/install-deps.sh)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-bench-server.XXXXXX")
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ $backend = sqlite ] || "$root/scripts/pg.sh" stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

g++ -O2 -std=c++20 -o gen_ledger "$root/bench/gen_ledger.cpp"
t0=$(date +%s.%N)
mkdir -p data && ./gen_ledger data --units "$units" --payments "$payments" --year "$year" --history 0 >/dev/null
if [ $backend = postgres ]; then
  chmod 755 "$work"  # the cluster runs as postgres
  pg_url=$("$root/scripts/pg.sh" start "$work/pg")
  export JIXIAO_DB=$pg_url
else
  export JIXIAO_DB=sqlite:$work/bench.db
fi
"$bin" import budget "data/budget_$year.csv" >/dev/null 2>&1
"$bin" import payments "data/payments_$year.csv" >/dev/null 2>&1
"$bin" users add bench --role admin --password 'bench-password-1' >/dev/null
t1=$(date +%s.%N)
echo "ledger: $units units, $payments payments, imported in $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$bin" serve --port 0 >serve.log 2>&1 &
pid=$!
for _ in $(seq 200); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.log | head -n1)
  [ -n "$port" ] && break
  sleep 0.1
done
url=http://127.0.0.1:$port
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"name":"bench","password":"bench-password-1"}' "$url/api/login" | sed -n 's/^Set-Cookie: \([^;]*\).*/\1/p')
export JX_COOKIE=$cookie JX_UNITS=$units JX_YEAR=$year
first=$(curl -s -o /dev/null -w '%{time_total}' -b "$cookie" "$url/api/dashboard/U00001?year=$year")
over=$(curl -s -o /dev/null -w '%{time_total}' -b "$cookie" "$url/api/overview?year=$year")
echo "first dashboard (loads the ledger): ${first} s; first overview: ${over} s"

# "name|wrk args": one line each; wrk's latency percentiles come from --latency.
run() {
  local name=$1; shift
  local out; out=$(wrk -t2 -c50 -d"${duration}s" --latency "$@")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  local bad; bad=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | paste -sd ';' - || true)
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "${bad:-none}"
}
{
  echo "| endpoint (wrk -t2 -c50 -d${duration}s, loopback) | req/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|"
  JX_PATH="/api/dashboard/U00001?year=$year" run "dashboard JSON, one unit" -s "$here/fixed.lua" "$url"
  run "dashboard JSON, random unit of $units" -s "$here/dashboard.lua" "$url"
  JX_PATH="/api/overview?year=$year&limit=50" run "bureau overview (first 50 of $units)" -s "$here/fixed.lua" "$url"
  JX_PATH="/api/overview?year=$year&sort=rate&limit=50" run "bureau overview sorted by rate" -s "$here/fixed.lua" "$url"
} | tee table.md
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average (1/5/15 min): before $load_before, after $load_after"
{
  echo "# jixiao serve on $backend under wrk ($(date -u +%Y-%m-%d), $(nproc) cores, shared with wrk)"
  echo
  echo "Ledger: $units units × 10 lines, $payments payments ($year); first dashboard ${first} s, first overview ${over} s."
  echo "Load average (1/5/15 min) before the run $load_before, after $load_after."
  echo
  cat table.md
} >"$here/results$([ $backend = sqlite ] || echo -postgres).md"

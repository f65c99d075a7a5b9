#!/usr/bin/env bash
# bench/run.sh — jixiao against its peers on one generated city-size ledger, in one run.
#
#   bench/run.sh            10,000 units, 100,000 lines, 10,000,000 payments in 2024 + 2021–2023
#   bench/run.sh --small    200 units, 2,000 lines, 200,000 payments a year (a quick check)
#   bench/run.sh --province 50,000 units, 500,000 lines, 100,000,000 payments in 2024 + 2021–2023:
#                           jixiao only, on both backends (import, ledger load, monitoring
#                           recompute, peak memory, which must stay under 12 GiB); no peers.
#
# Every engine computes execution by unit × month and by line up to the as-of date from the
# same payments CSV; the results must agree to the 分 (the script fails otherwise). Prints the
# table (times, ratios, peak memory) with the machine's description, and saves it as
# $DIR/results.md. Not a test: CTest never runs it. docs/performance.md has the last result.
# Needs: cmake/g++ (the project's deps), sqlite3, PostgreSQL 15 (/usr/lib/postgresql/15),
# node + npm (installs @duckdb/node-api into bench/node_modules), /usr/bin/python3 with
# python3-pandas (installed with apt when missing, as root).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
size=full
case "${1:-}" in --small) size=small;; --province) size=province;; esac
case $size in
small) units=200; payments=200000;;
province) units=50000; payments=100000000;;
*) units=10000; payments=10000000;;
esac
year=2024; history=3; as_of=2024-09-30
D=${JIXIAO_BENCH_DIR:-/tmp/jixiao-bench-$size}
mkdir -p "$D/out" "$D/times"
rm -rf "$D"/out/* "$D"/times/*   # out/ holds directories too (the stores' outputs)
log() { echo "bench: $*" >&2; }

# --- build and peers ------------------------------------------------------------------------
# $JIXIAO_BENCH_BUILD: an existing Release build configured with -DJIXIAO_BUILD_BENCH=ON (e.g.
# build/release) to build the two tools in, instead of a build of its own in build/bench.
bench_build=${JIXIAO_BENCH_BUILD:-$root/build/bench}
log "building (Release) into $bench_build"
[ -n "${JIXIAO_BENCH_BUILD:-}" ] ||
  cmake -S "$root" -B "$bench_build" -DCMAKE_BUILD_TYPE=Release -DJIXIAO_BUILD_BENCH=ON -DJIXIAO_BUILD_TESTS=OFF >/dev/null
cmake --build "$bench_build" -j2 --target gen_ledger jixiao_bench >/dev/null
gen=$bench_build/bench/gen_ledger
jb=$bench_build/bench/jixiao_bench
[ -d "$root/bench/node_modules/@duckdb/node-api" ] || (cd "$root/bench" && npm install --no-audit --no-fund >/dev/null)
if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-pandas >/dev/null
fi

# --- data -----------------------------------------------------------------------------------
stamp="$D/.generated-$units-$payments-$year-$history"
if [ ! -f "$stamp" ]; then
  log "generating $units units × 10 lines, $payments payments a year, $((year - history))–$year"
  rm -f "$D"/*.csv "$D"/.generated-*
  "$gen" "$D" --units $units --payments $payments --year $year --history $history
  touch "$stamp"
fi
csv="$D/payments_$year.csv"
csv_mib=$(( $(stat -c %s "$csv") / 1048576 ))
sync

# timed NAME CMD… : wall seconds and peak RSS (MiB) of the command into $D/times/NAME.
timed() {
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$D/times/$name" "$@"
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$D/times/$name" >"$D/times/$name.tmp" && mv "$D/times/$name.tmp" "$D/times/$name"
}

# A throwaway PostgreSQL cluster on 127.0.0.1:$PGPORT (fsync off), stopped on exit.
PGBIN=/usr/lib/postgresql/15/bin
PGBASE=/tmp/jixiao-bench-pg
PGPORT=55439
PSQL=(psql -h 127.0.0.1 -p $PGPORT -U postgres -v ON_ERROR_STOP=1 -qAt)
pg_start() {
  rm -rf "$PGBASE"; mkdir -p "$PGBASE"; chown postgres:postgres "$PGBASE"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGBASE/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGBASE/data" -l "$PGBASE/pg.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGBASE -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_parallel_workers_per_gather=2 -c work_mem=256MB" start >/dev/null
  trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast -w stop >/dev/null 2>&1 || true' EXIT
}
pg_stop() {
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGBASE/data" -m fast -w stop >/dev/null
  trap - EXIT
  rm -rf "$PGBASE"
}

if [ $size = province ]; then
  log "province: jixiao on SQLite: import, ledger load, monitoring"
  "$jb" import "$D" $year $history >"$D/times/jixiao_import.json"
  "$jb" monitor "$D" $year $as_of >"$D/times/jixiao_monitor.json"
  rm -f "$D"/jixiao.db*
  log "province: jixiao on PostgreSQL: import, ledger load, monitoring"
  pg_start
  "${PSQL[@]}" -c "CREATE DATABASE jixiao" >/dev/null
  JIXIAO_BENCH_DB=postgresql://postgres@127.0.0.1:$PGPORT/jixiao "$jb" import "$D" $year $history >"$D/times/jixiao_pg_import.json"
  pg_size=$("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size('jixiao'))")
  JIXIAO_BENCH_DB=postgresql://postgres@127.0.0.1:$PGPORT/jixiao "$jb" monitor "$D" $year $as_of >"$D/times/jixiao_pg_monitor.json"
  pg_version=$("${PSQL[@]}" -c "SHOW server_version")
  pg_stop
  load_avg=$(cut -d' ' -f1-3 /proc/loadavg)
  /usr/bin/python3 - "$D" "$units" "$payments" "$csv_mib" "$pg_version" "$pg_size" "$load_avg" <<'PY' | tee "$D/results.md"
import json, sys
D, units, payments, csv_mib, pg_v, pg_size, load = sys.argv[1:8]
js = lambda n: json.load(open(f'{D}/times/{n}.json'))
print(f'### Province benchmark: {int(units):,} units, {int(units) * 10:,} lines, {int(payments):,} payments in 2024 (+3 earlier years)\n')
print(f'Payments CSV of the year: {csv_mib} MiB; PostgreSQL database after import: {pg_size}; load average at the end {load}.\n')
print('| backend | import of the year (s) | ledger load (s) | 3 earlier years (s) | monitoring recompute (s) | peak memory (MiB) | under 12 GiB? |')
print('| --- | ---: | ---: | ---: | ---: | ---: | --- |')
for name, i, m in (('SQLite store', js('jixiao_import'), js('jixiao_monitor')),
                   (f'PostgreSQL {pg_v} store', js('jixiao_pg_import'), js('jixiao_pg_monitor'))):
    peak = max(i['peak_mib'], m['peak_mib'])
    print(f"| {name} | {i['payment_seconds']:.1f} ({i['rows_per_second'] / 1e6:.2f} M rows/s) | {m['load_seconds']:.1f} | "
          f"{m['history_load_seconds']:.1f} | {m['monitor_seconds']:.2f} | import {i['peak_mib']:.0f}; monitor {m['peak_mib']:.0f} | "
          f"{'yes' if peak < 12 * 1024 else 'no'} |")
PY
  exit 0
fi

# --- jixiao ---------------------------------------------------------------------------------
log "jixiao: import into the embedded store"
"$jb" import "$D" $year $history >"$D/times/jixiao_import.json"
log "jixiao: the payments import as generated and as a real export (title, unit row, 合计, footer), best of 3"
"$jb" shapes "$D" $year 3 >"$D/times/jixiao_shapes.json"
log "jixiao: load the ledger from the store, full monitoring"
"$jb" monitor "$D" $year $as_of >"$D/times/jixiao_monitor.json"
log "jixiao: CSV straight to the monitoring result (best of 3 runs, as DuckDB's)"
for k in 1 2 3; do
  timed jixiao_csv_$k "$jb" csv "$D" $year $as_of >"$D/times/jixiao_csv_$k.json"
done
/usr/bin/python3 - "$D/times" <<'PY'
import json, shutil, sys
d = sys.argv[1]
best = min((1, 2, 3), key=lambda k: json.load(open(f'{d}/jixiao_csv_{k}.json'))['total_seconds'])
shutil.copy(f'{d}/jixiao_csv_{best}.json', f'{d}/jixiao_csv.json')
shutil.copy(f'{d}/jixiao_csv_{best}', f'{d}/jixiao_csv')
PY

# --- sqlite3 shell --------------------------------------------------------------------------
log "sqlite3: .import, then GROUP BY"
rm -f "$D/peer_sqlite.db"
timed sqlite_load sqlite3 "$D/peer_sqlite.db" "PRAGMA journal_mode=OFF;" "PRAGMA synchronous=OFF;" ".import --csv $csv payments" >/dev/null
cat >"$D/sqlite_group.sql" <<SQL
.mode csv
.once $D/out/sqlite_unit_month.csv
SELECT unit_code, CAST(substr(date, 6, 2) AS INTEGER) AS m, SUM(CAST(ROUND(amount * 100) AS INTEGER)) AS fen
  FROM payments WHERE date <= '$as_of' GROUP BY 1, 2 HAVING fen <> 0;
.once $D/out/sqlite_line.csv
SELECT unit_code, line_code, SUM(CAST(ROUND(amount * 100) AS INTEGER)) AS fen
  FROM payments WHERE date <= '$as_of' GROUP BY 1, 2 HAVING fen <> 0;
SQL
timed sqlite_group sqlite3 "$D/peer_sqlite.db" ".read $D/sqlite_group.sql"
rm -f "$D/peer_sqlite.db"

# --- PostgreSQL (throwaway cluster) ---------------------------------------------------------
log "PostgreSQL: throwaway cluster, COPY, then GROUP BY"
pg_start
"${PSQL[@]}" -c "CREATE TABLE payments (unit_code text, fiscal_year int, line_code text, date date, amount numeric(16,2), economic_code text, voucher_number text)"
timed pg_load "${PSQL[@]}" -c "\\copy payments FROM '$csv' WITH (FORMAT csv, HEADER true)"
"${PSQL[@]}" -c "VACUUM ANALYZE payments" >/dev/null
timed pg_group "${PSQL[@]}" \
  -c "\\copy (SELECT unit_code, extract(month FROM date)::int, (SUM(amount) * 100)::bigint AS fen FROM payments WHERE date <= '$as_of' GROUP BY 1, 2 HAVING SUM(amount) <> 0) TO '$D/out/postgres_unit_month.csv' WITH (FORMAT csv)" \
  -c "\\copy (SELECT unit_code, line_code, (SUM(amount) * 100)::bigint AS fen FROM payments WHERE date <= '$as_of' GROUP BY 1, 2 HAVING SUM(amount) <> 0) TO '$D/out/postgres_line.csv' WITH (FORMAT csv)"
pg_version=$("${PSQL[@]}" -c "SHOW server_version")
# jixiao with PostgreSQL as its store, on the same server: the import (payments by binary COPY of
# column blocks, one transaction) and the ledger load from it, then the same monitoring.
log "jixiao on PostgreSQL: import into the store, load the ledger, full monitoring"
"${PSQL[@]}" -c "CREATE DATABASE jixiao" >/dev/null
pg_store=postgresql://postgres@127.0.0.1:$PGPORT/jixiao
JIXIAO_BENCH_DB=$pg_store "$jb" import "$D" $year $history >"$D/times/jixiao_pg_import.json"
mkdir -p "$D/out/sqlite_store" && cp "$D/out/jixiao_unit_month.csv" "$D/out/jixiao_line.csv" "$D/out/sqlite_store/"
JIXIAO_BENCH_DB=$pg_store "$jb" monitor "$D" $year $as_of >"$D/times/jixiao_pg_monitor.json"
for kind in unit_month line; do   # the PostgreSQL-backed result must equal the SQLite-backed one
  cmp -s <(LC_ALL=C sort "$D/out/jixiao_$kind.csv") <(LC_ALL=C sort "$D/out/sqlite_store/jixiao_$kind.csv") ||
    { echo "bench: jixiao on PostgreSQL disagrees with jixiao on SQLite ($kind)" >&2; exit 1; }
done
pg_stop

# --- DuckDB and pandas ----------------------------------------------------------------------
log "DuckDB (@duckdb/node-api): straight from the CSV, CREATE TABLE AS, GROUP BY"
node "$root/bench/peers/duckdb_peer.mjs" "$csv" $as_of "$D/out" >"$D/times/duckdb.json"
log "pandas (/usr/bin/python3): read_csv, groupby"
/usr/bin/python3 "$root/bench/peers/pandas_peer.py" "$csv" $as_of "$D/out" >"$D/times/pandas.json"

# --- agreement to the 分 --------------------------------------------------------------------
log "checking that every engine agrees to the 分"
agree=yes
for kind in unit_month line; do
  tr -d '\r' <"$D/out/jixiao_$kind.csv" | LC_ALL=C sort >"$D/out/ref_$kind.sorted"
  for e in jixiao_csv sqlite postgres duckdb duckdb_csv pandas; do
    tr -d '\r' <"$D/out/${e}_$kind.csv" | LC_ALL=C sort >"$D/out/${e}_$kind.sorted"
    if ! cmp -s "$D/out/ref_$kind.sorted" "$D/out/${e}_$kind.sorted"; then
      echo "bench: $e disagrees with jixiao on $kind (see $D/out/)" >&2
      agree=no
    fi
  done
done
groups_um=$(wc -l <"$D/out/ref_unit_month.sorted")
groups_line=$(wc -l <"$D/out/ref_line.sorted")
total_fen=$(awk -F, '{s += $3} END {printf "%.0f", s}' "$D/out/ref_line.sorted")

# --- the table ------------------------------------------------------------------------------
load_avg=$(cut -d' ' -f1-3 /proc/loadavg)
machine="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n1), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r), $(g++ --version | head -n1); load average at the end of the run $load_avg (the cores are shared)"
/usr/bin/python3 - "$D" "$machine" "$agree" "$units" "$payments" "$csv_mib" "$groups_um" "$groups_line" "$total_fen" "$as_of" \
  "$(sqlite3 --version | cut -d' ' -f1)" "$pg_version" <<'PY' | tee "$D/results.md"
import json, sys
D, machine, agree, units, payments, csv_mib, g_um, g_line, total_fen, as_of, sqlite_v, pg_v = sys.argv[1:13]
def js(name): return json.load(open(f'{D}/times/{name}.json'))
def tm(name):
    s, m = open(f'{D}/times/{name}').read().split(); return float(s), int(m)
imp, mon, csvj, duck, pan = js('jixiao_import'), js('jixiao_monitor'), js('jixiao_csv'), js('duckdb'), js('pandas')
pimp, pmon = js('jixiao_pg_import'), js('jixiao_pg_monitor')
shp = js('jixiao_shapes')
csv_wall, csv_mib_peak = tm('jixiao_csv')
sl, sg = tm('sqlite_load'), tm('sqlite_group')
pl, pg = tm('pg_load'), tm('pg_group')
rows = int(payments)
peers_group = {'sqlite3': sg[0], 'PostgreSQL': pg[0], 'DuckDB': duck['group'], 'pandas': pan['group']}
fastest_name = min(peers_group, key=peers_group.get); fastest = peers_group[fastest_name]
def r(x, y): return f'{x / y:.1f}×'
print(f'### Peer benchmark: {int(units):,} units, {int(units) * 10:,} lines, {rows:,} payments in 2024 (+3 earlier years), as of {as_of}\n')
print(f'Machine: {machine}.  ')
print(f'Payments CSV: {csv_mib} MiB. Result: {int(g_um):,} unit × month groups, {int(g_line):,} line groups, total {int(total_fen) / 100:,.2f} 元; '
      f'all engines agree to the 分: **{agree}**.\n')
print('| engine | load / import (s) | aggregate on loaded data (s) | CSV → result (s) | peak memory (MiB) |')
print('| --- | ---: | ---: | ---: | ---: |')
print(f"| jixiao (embedded SQLite store, columnar ledger) | {imp['payment_seconds']:.2f} import ({imp['rows_per_second'] / 1e6:.2f} M rows/s, durable); "
      f"{mon['load_seconds']:.2f} ledger from store | **{mon['monitor_seconds']:.3f}** full monitoring ({mon['monitor_cpu_seconds']:.2f} s CPU; {mon['monitor_texts_seconds']:.3f} with every text written) | **{csvj['total_seconds']:.2f}** full monitoring | "
      f"import {imp['peak_mib']:.0f}; monitor {mon['peak_mib']:.0f}; CSV {csvj['peak_mib']:.0f} |")
print(f"| jixiao on PostgreSQL {pg_v} (same server; payments by binary COPY) | {pimp['payment_seconds']:.2f} import ({pimp['rows_per_second'] / 1e6:.2f} M rows/s, committed); "
      f"{pmon['load_seconds']:.2f} ledger from PostgreSQL | {pmon['monitor_seconds']:.3f} full monitoring | — | import {pimp['peak_mib']:.0f}; monitor {pmon['peak_mib']:.0f} |")
print(f'| sqlite3 shell {sqlite_v} | {sl[0]:.2f} `.import` | {sg[0]:.2f} | — | {max(sl[1], sg[1])} |')
print(f'| PostgreSQL {pg_v} (throwaway cluster, fsync off) | {pl[0]:.2f} `\\copy` | {pg[0]:.2f} | — | {pg[1]} (psql client; server not counted) |')
print(f"| DuckDB {duck['version']} (@duckdb/node-api, 2 threads) | {duck['load']:.2f} CREATE TABLE AS read_csv | {duck['group']:.3f} | {duck['csv']:.2f} | {duck['peak_mib']} |")
print(f"| pandas {pan['version']} (/usr/bin/python3) | {pan['load']:.2f} read_csv | {pan['group']:.2f} | — | {pan['peak_mib']} |")
print()
print('| target | measured | ratio | met? |')
print('| --- | --- | ---: | --- |')
print(f"| monitor recompute ≥ 3× faster than the fastest peer's GROUP BY on its loaded table ({fastest_name}) | "
      f"{mon['monitor_seconds']:.3f} s vs {fastest:.3f} s | monitor {r(fastest, mon['monitor_seconds'])} | {'yes' if fastest / mon['monitor_seconds'] >= 3 else 'no'} |")
print(f"| CSV → monitoring result ≥ 3× faster than DuckDB from the CSV | {csvj['total_seconds']:.2f} s vs {duck['csv']:.2f} s | "
      f"{r(duck['csv'], csvj['total_seconds'])} | {'yes' if duck['csv'] / csvj['total_seconds'] >= 3 else 'no'} |")
print(f"| import ≥ 1,000,000 rows/s, durable | {imp['rows_per_second']:,.0f} rows/s | — | {'yes' if imp['rows_per_second'] >= 1e6 else 'no'} |")
print(f"| import ≥ 2× faster than sqlite3 `.import` | {imp['payment_seconds']:.2f} s vs {sl[0]:.2f} s | {r(sl[0], imp['payment_seconds'])} | "
      f"{'yes' if sl[0] / imp['payment_seconds'] >= 2 else 'no'} |")
print(f"| ledger from the store ≤ 3 s | {mon['load_seconds']:.2f} s (+ {mon['history_load_seconds']:.2f} s for 3 earlier years) | — | {'yes' if mon['load_seconds'] <= 3 else 'no'} |")
print(f"| PostgreSQL store: import ≥ 2× faster than psql `\\copy` into a plain table | {pimp['payment_seconds']:.2f} s vs {pl[0]:.2f} s | {r(pl[0], pimp['payment_seconds'])} | "
      f"{'yes' if pl[0] / pimp['payment_seconds'] >= 2 else 'no'} |")
print(f"| PostgreSQL store: ledger load ≤ 3 s | {pmon['load_seconds']:.2f} s | — | {'yes' if pmon['load_seconds'] <= 3 else 'no'} |")
print(f"| import of a real export's shape (title, unit, export-date rows, 合计 checked, footer) ≤ 10 % slower than the plain file | "
      f"{shp['shaped_seconds']:.2f} s vs {shp['plain_seconds']:.2f} s (best of {shp['runs']} each, alternately) | {shp['ratio']:.3f} | "
      f"{'yes' if shp['ratio'] <= 1.10 else 'no'} |")
peak = max(imp['peak_mib'], mon['peak_mib'], csvj['peak_mib'])
print(f"| peak memory ≤ 2 GiB | {peak:.0f} MiB (largest jixiao step) | — | {'yes' if peak <= 2048 else 'no'} |")
print()
print(f"jixiao monitoring at {as_of}: {mon['warnings']:,} warnings, {mon['advice']:,} advice items; whole-ledger forecast "
      f"P10–P50–P90 {mon['forecast_p10']} / {mon['forecast_p50']} / {mon['forecast_p90']} 万元.")
PY
[ "$agree" = yes ] || { echo "bench: FAILED: engines disagree" >&2; exit 1; }

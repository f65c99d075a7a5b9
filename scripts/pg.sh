#!/usr/bin/env bash
# scripts/pg.sh start DIR [PORT] | stop DIR — a throwaway PostgreSQL 15 cluster for the tests,
# owned by the run: initdb in DIR/data, listening on 127.0.0.1:PORT only (default: a free port
# from 55432 up), fsync off (the data is thrown away). `start` prints the URL of database
# "budget" owned by role "budget" (which may create databases: each test makes its own).
# Fails loudly when PostgreSQL cannot start; never falls back to anything.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:?usage: pg.sh start DIR [PORT] | stop DIR}
dir=${2:?usage: pg.sh start DIR [PORT] | stop DIR}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
start)
  [ -x "$PGBIN/initdb" ] || { echo "pg.sh: PostgreSQL 15 is not installed ($PGBIN/initdb)" >&2; exit 1; }
  port=${3:-}
  if [ -z "$port" ]; then
    port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  fi
  mkdir -p "$dir"
  rm -rf "$dir/data"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
  as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/pg.log" >&2; exit 1; }
  psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qc "CREATE ROLE budget LOGIN CREATEDB PASSWORD 'budget'" \
    -c "CREATE DATABASE budget OWNER budget" >/dev/null
  echo "postgresql://budget:budget@127.0.0.1:$port/budget";;
stop)
  [ -d "$dir/data" ] || exit 0
  as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null;;
*) echo "usage: pg.sh start DIR [PORT] | stop DIR" >&2; exit 2;;
esac

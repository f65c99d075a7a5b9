#!/usr/bin/env bash
# tests/ha/replica.sh UNIT_TESTS — a PostgreSQL primary and a streaming read replica on
# 127.0.0.1 (pg_basebackup -R), then the change-feed test of a server reading the replica
# (ReplicaChangeFeed.*: it listens on the primary and keeps no cache until the replica has
# replayed each change; the replica's replay is paused and resumed to make it lag). Label slow;
# `make test-ha`, not CI. Runs as root (the clusters run as postgres) or as postgres.
set -euo pipefail
tests=$(readlink -f "$1")
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
PGBIN=/usr/lib/postgresql/15/bin
work=$(mktemp -d /tmp/jixiao-replica.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$work/replica" -m immediate -w stop >/dev/null 2>&1 || true
  "$root/scripts/pg.sh" stop "$work/primary" >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; tail -n 5 "$work"/*.log "$work"/primary/pg.log 2>/dev/null; exit 1; }
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$work"
primary=$("$root/scripts/pg.sh" start "$work/primary") || fail "primary did not start"
pport=$(sed -n 's|.*@127.0.0.1:\([0-9]*\)/.*|\1|p' <<<"$primary")
rport=$((pport + 1))
while (exec 3<>"/dev/tcp/127.0.0.1/$rport") 2>/dev/null; do rport=$((rport + 1)); done
# initdb's pg_hba lets local connections replicate; wal_level=replica is PostgreSQL 15's default.
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$pport" -U postgres -D "$work/replica" -R -X stream --checkpoint=fast >"$work/basebackup.log" 2>&1 ||
  fail "pg_basebackup"
as_pg "$PGBIN/pg_ctl" -D "$work/replica" -l "$work/replica.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $rport -k $work -c hot_standby=on -c fsync=off -c max_connections=200" start >/dev/null || fail "replica did not start"
[ "$(psql -h 127.0.0.1 -p "$rport" -U postgres -d budget -Atc 'SELECT pg_is_in_recovery()')" = t ] || fail "not a replica"
export JIXIAO_TEST_PG_PRIMARY=$primary
export JIXIAO_TEST_PG_REPLICA="postgresql://budget:budget@127.0.0.1:$rport/budget"
export JIXIAO_TEST_PG_REPLICA_ADMIN="postgresql://postgres@127.0.0.1:$rport/budget"
out=$("$tests" --gtest_filter='ReplicaChangeFeed.*' 2>&1) || { echo "$out"; fail "ReplicaChangeFeed"; }
grep -q '\[  PASSED  \] 1 test' <<<"$out" && ! grep -q SKIPPED <<<"$out" || { echo "$out"; fail "the test did not run"; }
echo "PASS: a server reading a replica hears the primary's changes and caches nothing until the replica has caught up"

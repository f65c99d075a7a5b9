#!/usr/bin/env bash
# A test of the layering test: on a small tree it must pass, and fail once a module includes
# another module's internal header (server/ → ingest/csv_scan_internal.hpp), once a module
# includes one it may not use (accounts/ reaching up into server/), and once tests/ includes an
# internal header.
set -u
here=$(dirname "$(readlink -f "$0")")
t=$(mktemp -d "${TMPDIR:-/tmp}/jixiao-layering.XXXXXX")
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/src/core" "$t/src/store" "$t/src/accounts" "$t/src/ingest" "$t/src/server" "$t/tests"
echo '#include "core/money.hpp"' >"$t/src/ingest/ingest.cpp"
echo '#include "ingest/csv_scan_internal.hpp"' >"$t/src/ingest/csv_scan.cpp"
echo '#include "store/store.hpp"' >"$t/src/accounts/accounts.cpp"
echo '#include "ingest/ingest.hpp"' >"$t/src/server/app.cpp"
echo '#include "accounts/accounts.hpp"' >>"$t/src/server/app.cpp"
echo '#include "ingest/ingest.hpp"' >"$t/tests/fuzz.cpp"
bash "$here/layering_test.sh" "$t/src" "$t/tests" >"$t/out" || { echo "FAIL: a clean tree was rejected"; cat "$t/out"; exit 1; }
expect_fail() {  # file line what
  cp "$1" "$1.keep"
  echo "$2" >>"$1"
  if bash "$here/layering_test.sh" "$t/src" "$t/tests" >"$t/out"; then echo "FAIL: $3 was not rejected"; exit 1; fi
  grep -q "$(basename "$1")" "$t/out" || { echo "FAIL: the rejection of $3 does not name the file"; cat "$t/out"; exit 1; }
  mv "$1.keep" "$1"
}
expect_fail "$t/src/server/app.cpp" '#include "ingest/csv_scan_internal.hpp"' "server/ including ingest's internal header"
expect_fail "$t/src/ingest/ingest.cpp" '#include "server/app.hpp"' "ingest/ including server/"
expect_fail "$t/src/accounts/accounts.cpp" '#include "server/auth.hpp"' "accounts/ (below the server) including server/"
expect_fail "$t/tests/fuzz.cpp" '#include "ingest/csv_scan_internal.hpp"' "tests/ including an internal header"
echo "layering selftest: internal headers and the module order are enforced"

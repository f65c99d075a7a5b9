#!/usr/bin/env bash
# Fails when a module includes a module it may not depend on (DESIGN.md's order):
# core ← model ← store/ingest ← ledger ← monitor/indicators/congress ← scoring ← report/checker ← server/cli.
# accounts (users, passwords) sits on store, below server and cli, which alone use it.
# testkit may be included only by *_test.cpp files (and test-only *_test.hpp fixtures). A module's `*_internal.hpp` headers are its
# own: no other module, and nothing in tests/ or bench/, may include them.
#   layering_test.sh SRC [OTHER_DIR…]   (OTHER_DIRs — tests/, bench/ — may use every public header)
set -u
src=${1:-src}
shift || true
declare -A allowed=(
  [core]="core"
  [model]="core model"
  [store]="core model store"
  [accounts]="core model store accounts"
  [ingest]="core model ingest"
  [ledger]="core model store ingest ledger"
  [monitor]="core model store ingest ledger monitor"
  [indicators]="core model store ingest ledger indicators"
  [congress]="core model store ingest ledger indicators congress"
  [scoring]="core model store ingest ledger monitor indicators congress scoring"
  [report]="core model store ingest ledger monitor indicators congress scoring report"
  [checker]="core model store ingest ledger monitor indicators congress scoring checker"
  [server]="core model store accounts ingest ledger monitor indicators congress scoring report checker server"
  [cli]="core model store accounts ingest ledger monitor indicators congress scoring report checker server cli"
  [testkit]="core model store ingest ledger testkit"
)
bad=0
checked=0
for dir in "$src"/*/; do
  module=$(basename "$dir")
  [ -n "${allowed[$module]+x}" ] || { echo "layering: module '$module' has no place in the order (add it to tests/layering_test.sh)"; bad=1; continue; }
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"${line#*:}")
    [ -d "$src/$inc" ] || continue
    checked=$((checked + 1))
    if [[ "${line#*:}" =~ \#include\ \"[a-z_]+/[a-z_0-9]*_internal\.hpp\" ]] && [ "$inc" != "$module" ]; then
      echo "layering: $file includes another module's internal header: ${line#*:}"
      bad=1
      continue
    fi
    if [ "$inc" = testkit ] && [[ "$file" == *_test.cpp || "$file" == *_test.hpp ]]; then continue; fi
    if ! grep -qw "$inc" <<<"${allowed[$module]}"; then
      echo "layering: $file includes $inc/, but $module may use only: ${allowed[$module]}"
      bad=1
    fi
  done < <(grep -rHE '^#include "[a-z_]+/' "$dir" --include='*.hpp' --include='*.cpp' || true)
done
for other in "$@"; do
  while IFS= read -r line; do
    checked=$((checked + 1))
    if [[ "${line#*:}" =~ _internal\.hpp\" ]]; then
      echo "layering: ${line%%:*} includes a module's internal header: ${line#*:}"
      bad=1
    fi
  done < <(grep -rHE '^#include "[a-z_]+/' "$other" --include='*.hpp' --include='*.cpp' --include='*.cc' || true)
done
echo "layering: $checked includes checked"
exit $bad

#!/usr/bin/env bash
# Builds the web UI into $1 (the build tree's web/ folder) with Vite. Called by the build
# (target jixiao_web). Without npm it warns and leaves the bundle out: `jixiao serve` then
# answers / with a page that says how to build it.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: build-web.sh OUT_DIR}
"$root/scripts/install-web.sh"
rc=$?
if [ $rc -eq 3 ]; then exit 0; fi
[ $rc -eq 0 ] || exit $rc
cd "$root/web" && exec node node_modules/vite/bin/vite.js build --logLevel warn --emptyOutDir --outDir "$out"

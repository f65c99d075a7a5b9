#!/usr/bin/env bash
# Runs every CTest suite of the build in $1 (default build/release). Services that a suite
# needs (PostgreSQL, the web server) are started by that suite's own script.
set -euo pipefail
build=${1:-build/release}
scripts/install-deps.sh
cd "$build"
ctest --output-on-failure -j2 --timeout 1500

#!/usr/bin/env bash
# Fails when a C++ file under src/, tests/ or bench/ is not as clang-format (.clang-format:
# Google style, 100 columns) would write it, listing the files. `make format` rewrites them.
#   scripts/check-format.sh [--fix] [FILE…]   (Default: every tracked *.cpp/*.hpp/*.cc/*.h)
set -u
cd "$(dirname "$(readlink -f "$0")")/.." || exit 2
fix=0
if [ "${1:-}" = "--fix" ]; then fix=1; shift; fi
cf=$(command -v clang-format-14 || command -v clang-format) || { echo "check-format: clang-format is not installed (scripts/install-deps.sh)"; exit 2; }
if [ $# -gt 0 ]; then files=("$@"); else
  mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'tests/*.cc' 'bench/*.cpp' 'bench/*.hpp')
fi
if [ $fix = 1 ]; then "$cf" -i --style=file "${files[@]}"; echo "format: ${#files[@]} files formatted"; exit 0; fi
bad=()
for f in "${files[@]}"; do
  "$cf" --style=file --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  printf 'check-format: not formatted (run `make format`):\n'; printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted as .clang-format says"

#!/usr/bin/env bash
# Installs the Debian packages jixiao needs to build and test, when any is missing.
# Safe to run again: it asks apt only for what dpkg does not already have.
#   scripts/install-deps.sh          build + test packages
#   scripts/install-deps.sh --build  build packages only
#   scripts/install-deps.sh --fuzz   build packages + clang 14 and libFuzzer (make fuzz)
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config ccache
  libsqlite3-dev sqlite3 libpq-dev postgresql libssl-dev nlohmann-json3-dev libfmt-dev
  libzip-dev zlib1g-dev libpugixml-dev libfreexl-dev libexpat1-dev libxlsxwriter-dev
  libcairo2-dev libpango1.0-dev fonts-noto-cjk fonts-arphic-ukai libpoppler-cpp-dev
  libmuparser-dev libsodium-dev libboost-dev libcpp-httplib-dev libgtest-dev
)
test_pkgs=(
  poppler-utils unzip python3 python3-xlwt libreoffice-writer-nogui
  chromium wrk clang-format-14
)

# `make fuzz` only (tests/fuzz): CI replays the corpora with g++ and needs none of these.
fuzz_pkgs=(clang-14 libfuzzer-14-dev libclang-rt-14-dev)

want=("${build_pkgs[@]}")
case "${1:-}" in
  --build) ;;
  --fuzz) want+=("${fuzz_pkgs[@]}") ;;
  *) want+=("${test_pkgs[@]}") ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs the web UI's npm packages (web/package-lock.json) into web/node_modules, when they
# are missing or older than the lock file. `npm ci` takes exactly the locked versions; no
# browser is downloaded (the browser tests drive Debian's /usr/bin/chromium).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
web=$root/web
if ! command -v npm >/dev/null 2>&1; then
  echo "install-web: npm not found; the web UI will not be built (install Node.js 20 and npm)" >&2
  exit 3
fi
stamp=$web/node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt "$web/package-lock.json" ]; then
  exit 0
fi
echo "install-web: npm ci in web/" >&2
(cd "$web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)

#!/usr/bin/env bash
# `npm start` on a fresh clone: install what is missing, then boot the stack and serve the app.
# npm runs this with whatever Node the system has; everything after the install runs on the project's
# pinned Node 22 from node_modules/.bin.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[start] installing npm packages …"
  npm install --no-audit --no-fund
fi
export PATH="$PWD/node_modules/.bin:$PATH"
exec node scripts/start.ts "$@"

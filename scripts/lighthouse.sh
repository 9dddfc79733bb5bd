#!/usr/bin/env bash
# Lighthouse scores (mobile + desktop) of a built dist/: see scripts/lighthouse.mjs.
#   scripts/lighthouse.sh [distDir]     (default dist; run from anywhere, paths are relative to cwd)
# Installs the pinned Lighthouse into tools/lighthouse/node_modules with `npm ci` when it is
# missing or older than tools/lighthouse/package-lock.json, then runs the .mjs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/tools/lighthouse"
if [ ! -d "$tools/node_modules" ] || [ "$tools/package-lock.json" -nt "$tools/node_modules" ]; then
  echo "lighthouse: npm ci in tools/lighthouse" >&2
  (cd "$tools" && npm ci --no-audit --no-fund)
  touch "$tools/node_modules"   # npm ci may leave the directory's mtime older than the lock file
fi
exec node "$root/scripts/lighthouse.mjs" "$@"

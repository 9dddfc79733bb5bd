#!/usr/bin/env bash
# Regenerates tests/fixtures/NAME.json from tests/scenarios/NAME.json by
# replaying each scenario against the real Node packages (trace.js).
#
#   bash tests/parity/generate.sh            # all scenarios
#   bash tests/parity/generate.sh NAME ...   # only these (names without .json)
#   bash tests/parity/generate.sh --check    # regenerate into a temp dir and
#                                            # diff against tests/fixtures/
#
# Idempotent: the same scenarios give byte-identical fixtures. Fixtures whose
# scenario no longer exists are removed (only on a full run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scenarios="$(cd "$here/../scenarios" && pwd)"
fixtures="$(cd "$here/.." && pwd)/fixtures"

check=0
if [ "${1:-}" = "--check" ]; then
  check=1
  shift
  committed="$fixtures"
  fixtures="$(mktemp -d)"
  trap 'rm -rf "$fixtures"' EXIT
fi

if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi

mkdir -p "$fixtures"

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in "$scenarios"/*.json; do
    n="$(basename "$f" .json)"
    names+=("$n")
  done
  # drop fixtures of deleted scenarios
  for f in "$fixtures"/*.json; do
    [ -e "$f" ] || continue
    n="$(basename "$f" .json)"
    [ -e "$scenarios/$n.json" ] || rm -f "$f"
  done
fi

export HERE="$here" SCENARIOS="$scenarios" FIXTURES="$fixtures"
run_one() {
  local n="$1" tmp log
  tmp="$FIXTURES/.$n.json.tmp"
  log="$FIXTURES/.$n.log"
  if node "$HERE/trace.js" "$SCENARIOS/$n.json" >"$tmp" 2>"$log"; then
    if grep -q 'unused genid entries' "$log"; then
      echo "note: $n: $(grep 'unused genid entries' "$log")" >&2
    fi
    mv "$tmp" "$FIXTURES/$n.json"
    rm -f "$log"
  else
    echo "FAILED: $n" >&2
    cat "$log" >&2
    rm -f "$tmp" "$log"
    return 1
  fi
}
export -f run_one

jobs="$(nproc 2>/dev/null || echo 2)"
printf '%s\n' "${names[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {}
if [ "$check" = 1 ]; then
  bad=0
  for n in "${names[@]}"; do
    if ! cmp -s "$committed/$n.json" "$fixtures/$n.json"; then
      echo "check: $n.json differs (or is missing)" >&2
      bad=1
    fi
  done
  if [ "$#" -eq 0 ]; then
    for f in "$committed"/*.json; do
      [ -e "$f" ] || continue
      n="$(basename "$f" .json)"
      [ -e "$scenarios/$n.json" ] || { echo "check: stale fixture $n.json (no scenario)" >&2; bad=1; }
    done
  fi
  [ "$bad" = 0 ] || exit 1
  echo "check: ${#names[@]} fixture(s) match tests/fixtures/"
else
  echo "wrote ${#names[@]} fixture(s) to tests/fixtures/"
fi

#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets) for a while and prints executions and coverage.
#   scripts/fuzz.sh [SECONDS_PER_TARGET=60] [TARGET...]
# Needs the nightly toolchain (installed on these machines) and cargo-fuzz (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}; shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(ls fuzz/fuzz_targets | sed 's/\.rs$//')
printf '%-16s %14s %8s %8s\n' target executions cov ft
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log=$(mktemp)
  if ! (cd fuzz && cargo +nightly fuzz run "$t" -- -max_total_time="$secs" -print_final_stats=1) >"$log" 2>&1; then
    echo "fuzz target $t FAILED; see $log" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  printf '%-16s %14s %8s %8s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}"
  rm -f "$log"
done

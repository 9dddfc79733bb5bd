#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets) for a while and prints executions and coverage.
#   scripts/fuzz.sh [SECONDS_PER_TARGET=60] [TARGET...]
#   FUZZ_RUNS=10000000 scripts/fuzz.sh 1800    the campaign: each target until 10M executions
#                                               or 30 minutes, whichever comes first
# Needs the nightly toolchain (installed on these machines) and cargo-fuzz (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}; shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(ls fuzz/fuzz_targets | sed 's/\.rs$//')
runs=${FUZZ_RUNS:--1}
printf '%-16s %14s %8s %8s %8s %10s\n' target executions cov ft seconds execs/s
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log=$(mktemp)
  (cd fuzz && cargo +nightly fuzz build "$t") >/dev/null 2>&1 || true
  start=$(date +%s)
  if ! (cd fuzz && cargo +nightly fuzz run "$t" -- -max_total_time="$secs" -runs="$runs" -print_final_stats=1) >"$log" 2>&1; then
    echo "fuzz target $t FAILED; see $log" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  took=$(( $(date +%s) - start )); [ "$took" -gt 0 ] || took=1
  printf '%-16s %14s %8s %8s %8s %10s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$took" "$(( ${execs:-0} / took ))"
  rm -f "$log"
done

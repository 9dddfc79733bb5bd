#!/usr/bin/env bash
# Prints the gzip -9 size of every file in a built dist/ and the total.
set -euo pipefail
dir=${1:-dist}
[ -d "$dir" ] || { echo "no $dir/: run make dist first" >&2; exit 1; }
total_raw=0; total_gz=0
printf '%-48s %10s %10s\n' file bytes gzip
while IFS= read -r -d '' f; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "${f#"$dir"/}" "$raw" "$gz"
done < <(find "$dir" -type f -print0 | sort -z)
printf "%-48s %10d %10d  (%s KB gzip)\n" TOTAL "$total_raw" "$total_gz" "$(awk -v b="$total_gz" 'BEGIN { printf "%.1f", b / 1024 }')"

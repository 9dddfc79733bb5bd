#!/usr/bin/env bash
# Prints the size of every file in a built dist/ and the total: as it is, gzip -9, and brotli
# (the `.br` copy scripts/precompress.mjs writes beside it; the file's own size when it has
# none). The `.br` and `.gz` copies themselves are not counted.
set -euo pipefail
dir=${1:-dist}
[ -d "$dir" ] || { echo "no $dir/: run make dist first" >&2; exit 1; }
total_raw=0; total_gz=0; total_br=0
printf '%-48s %10s %10s %10s\n' file bytes gzip brotli
while IFS= read -r -d '' f; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  if [ -f "$f.br" ]; then br=$(stat -c %s "$f.br"); else br=$raw; fi
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-48s %10d %10d %10d\n' "${f#"$dir"/}" "$raw" "$gz" "$br"
done < <(find "$dir" -type f ! -name '*.br' ! -name '*.gz' -print0 | sort -z)
printf "%-48s %10d %10d %10d  (%s KB gzip, %s KB brotli)\n" TOTAL "$total_raw" "$total_gz" "$total_br" \
  "$(awk -v b="$total_gz" 'BEGIN { printf "%.1f", b / 1024 }')" "$(awk -v b="$total_br" 'BEGIN { printf "%.1f", b / 1024 }')"

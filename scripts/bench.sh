#!/usr/bin/env bash
# One run, one machine, every figure:
#   (a) the engine's full simulated requests/s on the host (returning and new visitor)
#   (b) the same workload in WebAssembly in headless Chromium (the release build)
#   (c) real express-session 1.19 in Node, in-process (light-my-request), and (b)/(c)
#   (d) the gzip size of every file in the release dist/ and the total (and brotli's)
#   (e) time to interactive of the release page in headless Chromium, median of 5 (with the
#       largest contentful paint and cumulative layout shift of those loads)
#   (f) the brute-forcer's candidates/s, on the host and in WebAssembly
#   (g) "Simulate N visitors" with 100,000 visitors in the page: the time to the result and
#       the longest frame while it runs
#   (h) instructions per simulated request (valgrind's count, at the wasm's opt-level and with
#       the page's allocator: src/bin/session-lab-count.rs), which no machine changes
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/tools.sh test >/dev/null
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
( [ -d tests/parity/node_modules ] || (cd tests/parity && npm ci --no-audit --no-fund >/dev/null) )

echo "== (a, f) host: cargo run --profile bench-host --bin session-lab-bench"
host=$(cargo run -q --profile bench-host --bin session-lab-bench)
echo "$host"

echo "== (h) instructions per request: valgrind --tool=callgrind target/release/session-lab-count"
count_json=null
if command -v valgrind >/dev/null; then
  cargo build -q --release --bin session-lab-count
  instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/session-lab-count "$1" "$2" 2>&1 |
      awk '/Collected/ {print $4}'
  }
  # the same warm-up in both runs: the difference is N requests
  per_request() { local a b; a=$(instructions "$1" 0); b=$(instructions "$1" 2000); echo $(((b - a) / 2000)); }
  count_json="{\"returning\":$(per_request returning),\"new\":$(per_request new)}"
  echo "$count_json"
else
  echo "valgrind is not installed (apt-get install valgrind): (h) skipped"
fi

echo "== (d) release dist/: trunk build --release; scripts/size.sh dist"
trunk build --release >/dev/null 2>&1
sizes=$(scripts/size.sh dist)
echo "$sizes"
total_gz=$(awk '/^TOTAL/ {print $3}' <<<"$sizes")
total_br=$(awk '/^TOTAL/ {print $4}' <<<"$sizes")
# what one learner's first load fetches: the page, the glue, the module and the icon, plus the
# English texts when the page starts in English (the embed demo is a separate page); gzip, and
# brotli from a server that sends dist/'s .br copies
first_load() { awk -v c="$1" '$1 == "index.html" || $1 ~ /^session-lab-.*(\.js|_bg\.wasm)$/ || $1 ~ /^favicon-/ {s += $c} END {print s}' <<<"$sizes"; }
load_gz=$(first_load 3); load_br=$(first_load 4)
en_gz=$(awk '$1 == "strings-en.json" {print $3}' <<<"$sizes")
en_br=$(awk '$1 == "strings-en.json" {print $4}' <<<"$sizes")

echo "== (c) real express-session in Node: node tests/parity/bench.js"
node_json=$(node tests/parity/bench.js 2>/dev/null)
echo "$node_json"

echo "== (b, e, f) headless Chromium on dist/: node e2e/bench.mjs"
wasm_json=$(node e2e/bench.mjs)
echo "$wasm_json"

node - "$node_json" "$wasm_json" "$total_gz" "$load_gz" "$en_gz" "$total_br" "$load_br" "$en_br" "$count_json" <<'JS'
const [node, wasm, gz] = [JSON.parse(process.argv[2]), JSON.parse(process.argv[3]), Number(process.argv[4])];
const [load, en] = [Number(process.argv[5]), Number(process.argv[6])];
const [br, loadBr, enBr] = process.argv.slice(7, 10).map(Number);
const count = JSON.parse(process.argv[10]);
const f = (x) => Math.round(x).toLocaleString('en-US');
const row = (k, v, goal, ok) => console.log(`  ${k.padEnd(44)} ${String(v).padStart(14)}   ${goal.padEnd(16)} ${ok === undefined ? '' : ok ? 'met' : 'NOT met'}`);
console.log('\nSummary');
row('(b) wasm returning visitor, requests/s', f(wasm.returning), '');
row('(b) wasm new visitor, requests/s', f(wasm.new), '');
row('(c) express-session returning, requests/s', f(node.returning), '');
row('(c) express-session new, requests/s', f(node.new), '');
const r1 = wasm.returning / node.returning, r2 = wasm.new / node.new;
row('(b)/(c) returning', r1.toFixed(1) + 'x', '>= 25x', r1 >= 25);
row('(b)/(c) new', r2.toFixed(1) + 'x', '>= 25x', r2 >= 25);
row('(d) dist/ total, gzip', (gz / 1024).toFixed(1) + ' KB', '<= 200 KB', gz <= 200 * 1024);
row('    first load, zh-CN / English, gzip', `${(load / 1024).toFixed(1)} / ${((load + en) / 1024).toFixed(1)} KB`, '');
row('    total; first loads, brotli (.br copies)', `${(br / 1024).toFixed(1)}; ${(loadBr / 1024).toFixed(1)} / ${((loadBr + enBr) / 1024).toFixed(1)} KB`, '');
row('(e) time to interactive, median of 5', wasm.tti_ms.toFixed(0) + ' ms', '<= 250 ms', wasm.tti_ms <= 250);
row('    largest contentful paint, median of 5', wasm.lcp_ms.toFixed(0) + ' ms', '');
row('    cumulative layout shift, worst of 5', wasm.cls_max.toFixed(3), '0', wasm.cls_max === 0);
row('(f) brute-forcer in wasm, candidates/s', f(wasm.bruteforce), '');
row('(g) simulate 100,000 visitors in the page', (wasm.sim_ms / 1000).toFixed(2) + ' s', '<= 2 s', wasm.sim_ms <= 2000);
row('    the same run, engine alone (best of 3)', (wasm.sim_engine_ms / 1000).toFixed(2) + ' s', '');
row('    longest frame while it runs (rAF gap)', wasm.sim_frame_ms.toFixed(0) + ' ms', '<= 50 ms', wasm.sim_frame_ms <= 50);
row('    longest animation frame Chromium reports', wasm.sim_loaf_ms.toFixed(0) + ' ms', '<= 50 ms', wasm.sim_loaf_ms <= 50);
row('click to paint, 10k sessions + 1k log, median', wasm.click_paint_ms.toFixed(1) + ' ms', '< 16 ms', wasm.click_paint_ms < 16);
row('(h) instructions/request, returning / new', count ? `${f(count.returning)} / ${f(count.new)}` : 'skipped', '');
JS

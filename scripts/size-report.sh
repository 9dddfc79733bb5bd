#!/usr/bin/env bash
# `make size-report`: what the release wasm is made of, by crate, by module of our crate, by
# function and by data segment (twiggy, pinned; installed by `scripts/tools.sh size-report`).
# The published wasm has no names, so this builds the same release code with names kept:
#   1. cargo's release profile with v0 symbol mangling (so a Yew component's view, inlined into
#      yew's generic CompStateInner<COMP>::view, is named with its component), in its own
#      target directory (target/size-report/build) so the normal build's cache is untouched;
#   2. wasm-bindgen as trunk runs it; 3. wasm-opt with index.html's flags plus -g (keep names).
# Code and data sizes match dist/'s wasm to within a few bytes; only the name section is extra.
#   scripts/size-report.sh [N]    N rows per table (default 25)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/tools.sh size-report
export PATH="$PWD/.tools/cargo/bin:$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
out=target/size-report
mkdir -p "$out"

echo "[size-report] cargo build --release (names kept, v0 mangling) into $out/build" >&2
RUSTFLAGS="-C symbol-mangling-version=v0" CARGO_TARGET_DIR="$out/build" \
  cargo build -q --release --target wasm32-unknown-unknown --bin session-lab
wasm-bindgen --target web --no-typescript --out-dir "$out/bindgen" \
  "$out/build/wasm32-unknown-unknown/release/session-lab.wasm"
# the same level and feature flags trunk gives wasm-opt (index.html's data-wasm-opt*)
level=$(grep -o 'data-wasm-opt="[^"]*"' index.html | cut -d'"' -f2)
read -r -a params <<<"$(grep -o 'data-wasm-opt-params="[^"]*"' index.html | cut -d'"' -f2)"
wasm-opt "-O$level" -g "${params[@]}" "$out/bindgen/session-lab_bg.wasm" -o "$out/named.wasm"
node scripts/size-report.mjs "$out/named.wasm" "${1:-25}"

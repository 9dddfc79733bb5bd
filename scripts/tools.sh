#!/usr/bin/env bash
# Installs, only where missing, the tools the build and the tests need. Idempotent.
#   scripts/tools.sh build   wasm32 target, trunk, wasm-bindgen CLI, wasm-opt (binaryen from npm),
#                            terser (npm; minifies the JS glue in release builds)
#   scripts/tools.sh size-report   the build tools, plus twiggy (crates.io, into .tools/cargo)
#   scripts/tools.sh test    the build tools, plus Debian's chromium + chromedriver and the e2e npm deps
# Everything comes from a package registry (crates.io, npm, Debian); trunk is pinned so that it
# never downloads a tool itself (see Trunk.toml [tools]).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
TERSER_VERSION=5.51.4
TWIGGY_VERSION=0.8.0
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"

say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; exit 1; fi
}

ensure_build_tools() {
  if ! cargo clippy --version >/dev/null 2>&1; then
    say "adding clippy (make test lints with it)"
    rustup component add clippy
  fi
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (takes several minutes, once)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (the version in Cargo.lock)"
    # not --locked: the locked build of the CLI fails on a yanked dependency
    cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then
    say "installing binaryen@$BINARYEN_VERSION from npm into .tools/ (for wasm-opt)"
    mkdir -p .tools
    [ -f .tools/package.json ] || echo '{"private": true}' > .tools/package.json
    npm install --prefix .tools --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
  if [ "$(terser --version 2>/dev/null | awk '{print $2}')" != "$TERSER_VERSION" ]; then
    say "installing terser@$TERSER_VERSION from npm into .tools/ (minifies the JS glue)"
    mkdir -p .tools
    [ -f .tools/package.json ] || echo '{"private": true}' > .tools/package.json
    npm install --prefix .tools --no-audit --no-fund --save-exact "terser@$TERSER_VERSION" >/dev/null
  fi
}

# only `make size-report` needs it: never installed for `make serve`, `make dist` or `make test`
ensure_twiggy() {
  if [ "$(.tools/cargo/bin/twiggy --version 2>/dev/null | awk '{print $2}')" != "$TWIGGY_VERSION" ]; then
    say "installing twiggy $TWIGGY_VERSION into .tools/cargo (takes a few minutes, once)"
    cargo install --locked --root .tools/cargo "twiggy@$TWIGGY_VERSION"
  fi
}

ensure_test_tools() {
  # chromium and its driver for the browser tests; a CJK font so zh-CN screenshots are legible
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
      || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    say "installing Debian's chromium, chromium-driver and fonts-noto-cjk"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      chromium chromium-driver fonts-noto-cjk >/dev/null
  fi
  npm_ci_if_changed e2e
}

# npm ci in DIR unless node_modules was installed from this very package-lock.json.
npm_ci_if_changed() {
  local dir=$1
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-from-lock" 2>/dev/null; then
    say "installing the npm packages in $dir/ (npm ci)"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-from-lock"
  fi
}

case "${1:-build}" in
  build) ensure_build_tools ;;
  test) ensure_build_tools; ensure_test_tools ;;
  size-report) ensure_build_tools; ensure_twiggy ;;
  *) echo "usage: $0 [build|test|size-report]" >&2; exit 2 ;;
esac

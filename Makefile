# Session Lab. Two commands do everything on a fresh Debian machine with the Rust toolchain:
#   make serve   install what is missing, then run `trunk serve` on http://127.0.0.1:8080/
#   make test    install what is missing, then run every test layer (host, wasm in Chromium, e2e)
# Others: make dist (release build into dist/), make size (gzip size of dist/), make bench,
#         make size-report (what the wasm is made of: by crate, module, function; twiggy),
#         make fixtures (regenerate parity fixtures from real express-session), make fuzz,
#         make lighthouse (Lighthouse 12.2.3 scores of the release build, mobile and desktop).
#         make monkey (10,000 seeded random actions in Chromium; ACTIONS=, SEED= to change).

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.tools/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
ADDRESS ?= 127.0.0.1
PORT ?= 8080

.PHONY: serve test dist size size-report tools test-host test-wasm test-e2e bench fixtures fuzz fuzz-campaign lighthouse monkey clean

tools:
	@scripts/tools.sh build

# The shell in index.html and static/strings-en.json are made from the string table: brought up
# to date first, so a changed text shows in both languages (tests/shell.rs checks them).
serve: tools
	cargo run -q --bin session-lab-shell -- --write
	@echo "Session Lab: http://$(ADDRESS):$(PORT)/"
	trunk serve --address $(ADDRESS) --port $(PORT)

dist: tools
	trunk build --release

size: dist
	@scripts/size.sh dist

size-report:
	@scripts/size-report.sh

test:
	@scripts/tools.sh test
	$(MAKE) --no-print-directory test-host test-wasm test-e2e

test-host:
	cargo clippy --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
	cargo test --all-targets
	cargo test --doc

test-wasm:
	cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings
	cargo test --target wasm32-unknown-unknown --test web

test-e2e: dist
	cd e2e && npx playwright test

bench:
	scripts/bench.sh

fixtures:
	cd tests/parity && npm ci --no-audit --no-fund && ./generate.sh && node url.js > ../fixtures/url/whatwg.json && node cookie.js > ../fixtures/cookie/cookie.json && TZ=UTC node js.js > ../fixtures/js/builtins.json && node console.js > ../fixtures/js/console.json && node qs.js > ../fixtures/js/qs.json

fuzz:
	scripts/fuzz.sh 60

fuzz-campaign:
	FUZZ_RUNS=10000000 scripts/fuzz.sh 1800

monkey:
	@scripts/tools.sh test
	trunk build --release
	cd e2e && node monkey.mjs $${ACTIONS:-10000} $${SEED:-1}

lighthouse: dist
	scripts/lighthouse.sh dist

clean:
	cargo clean
	rm -rf dist e2e/test-results e2e/screenshots

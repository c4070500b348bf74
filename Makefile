# Entry points. Each installs what it needs first (scripts/setup.sh skips what is present).
.PHONY: setup pkg size test lint demo

setup:
	scripts/setup.sh

pkg: setup
	scripts/build-pkg.sh

size: pkg
	scripts/size.sh

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings

test: pkg
	scripts/setup.sh --test
	scripts/test.sh

demo: pkg
	scripts/setup.sh --demo
	node scripts/serve-demo.mjs

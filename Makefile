# Entry points. Each installs what it needs first (scripts/setup.sh skips what is present).
.PHONY: setup pkg size test test-native test-wasm test-types lint demo bench

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

# Entry points. Each installs what it needs first (scripts/setup.sh skips what is present).
.PHONY: setup pkg size test lint demo bench

setup:
	scripts/setup.sh

pkg: setup
	scripts/build-pkg.sh

size: pkg
	scripts/size.sh

lint: setup
	scripts/test.sh lint

test: pkg
	scripts/setup.sh --test
	scripts/test.sh

demo: pkg
	scripts/setup.sh --demo
	node scripts/serve-demo.mjs

bench: pkg
	@[ -x bench/node_modules/.bin/miniflare ] && [ ! bench/package-lock.json -nt bench/node_modules/.package-lock.json ] \
	  || npm ci --prefix bench --no-audit --no-fund --loglevel=error
	node bench/run.mjs

#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already present (safe to run again).
#   scripts/setup.sh          the build tools: wasm target, wasm-bindgen CLI, npm dev tools
#   scripts/setup.sh --demo   also the edge Worker's tools (wrangler), after make pkg
#   scripts/setup.sh --test   also those, the runtime matrix's runtimes and headless Chromium with its driver
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (a few minutes, once)"
  # Not --locked: its lockfile pins a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x node_modules/.bin/prism ] || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ] || [ ! -x node_modules/.bin/prettier ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dev tools (prism, binaryen, typescript, prettier)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The edge Worker depends on the built package (file:../../pkg), so this runs after make pkg.
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--demo" ]; then
  if [ ! -x www/edge/node_modules/.bin/wrangler ] || [ www/edge/package-lock.json -nt www/edge/node_modules/.package-lock.json ]; then
    say "installing the edge Worker's tools (wrangler, Miniflare)"
    npm ci --prefix www/edge --no-audit --no-fund --loglevel=error
  fi
fi

if [ "${1:-}" = "--test" ] && { [ ! -x tests/runtimes/node_modules/.bin/miniflare ] \
   || [ tests/runtimes/package-lock.json -nt tests/runtimes/node_modules/.package-lock.json ]; }; then
  say "installing the runtime matrix (Miniflare/workerd, Deno, Bun, publint, attw)"
  # Not `npm ci`: the lockfile cannot list deno's packages for other platforms (the registry mirror here does not
  # resolve them), and `npm ci` refuses it. `npm install` follows the lockfile; the direct versions are exact.
  npm install --prefix tests/runtimes --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--test" ] && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }; then
  say "installing Debian's chromium and chromium-driver"
  # Never Debian's binaryen: its wasm-opt corrupts wasm-bindgen output.
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

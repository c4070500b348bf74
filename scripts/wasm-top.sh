#!/usr/bin/env bash
# Size breakdown of the optimized .wasm by function (names kept for the analysis only): the largest functions
# and the total per crate. Usage: scripts/wasm-top.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features js -q
wasm-bindgen target/wasm32-unknown-unknown/release/telnyx_verify_wasm.wasm --target web --out-dir "$out" --keep-debug --weak-refs
node_modules/.bin/wasm-opt -Oz --debuginfo --all-features "$out/telnyx_verify_wasm_bg.wasm" -o "$out/opt.wasm"
node scripts/wasm-top.mjs "$out/opt.wasm" "${1:-40}"
rm -rf "$out"

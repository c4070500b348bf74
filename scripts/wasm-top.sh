#!/usr/bin/env bash
# Size breakdown of the client's .wasm by function, before wasm-opt (binaryen's --debuginfo output names
# functions unreliably): the largest functions and the total per crate. Usage: scripts/wasm-top.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features js -q
wasm-bindgen target/wasm32-unknown-unknown/release/telnyx_verify_wasm.wasm --target web --out-dir "$out" --keep-debug --weak-refs
node scripts/wasm-top.mjs "$out/telnyx_verify_wasm_bg.wasm" "${1:-40}"
rm -rf "$out"

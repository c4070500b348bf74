#!/usr/bin/env bash
# Builds the Rust Worker: cargo (wasm32) then wasm-bindgen into build/. Deploy with wrangler (main = entry.mjs).
set -euo pipefail
cd "$(dirname "$0")"
rm -rf build
cargo build --release --target wasm32-unknown-unknown
wasm-bindgen target/wasm32-unknown-unknown/release/telnyx_verify_worker_example.wasm --target web --out-dir build --out-name worker

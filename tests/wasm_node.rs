//! The wasm tests in Node (wasm-bindgen-test-runner's default). See `wasm_common/`.
#![cfg(target_arch = "wasm32")]

mod wasm_common;

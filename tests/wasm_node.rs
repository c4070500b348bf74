//! The wasm tests in Node (wasm-bindgen-test-runner's default). See `wasm_common/`.
#![cfg(target_arch = "wasm32")]

mod wasm_common;

/// The harness self-test's hook (the `harness` layer of scripts/test.sh): fails only when the layer was built with
/// INJECT_FAILURE=wasm-node, proving that a failing wasm test in Node fails `make test`.
#[wasm_bindgen_test::wasm_bindgen_test]
fn injected_failure() {
    assert_ne!(option_env!("INJECT_FAILURE"), Some("wasm-node"), "injected by the harness self-test");
}

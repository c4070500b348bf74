//! The same wasm tests in headless Chromium (the runner drives it through chromedriver). See `wasm_common/`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_common;

/// The harness self-test's hook (the `harness` layer of scripts/test.sh): fails only when the layer was built with
/// INJECT_FAILURE=wasm-browser, proving that a failing wasm test in Chromium fails `make test`.
#[wasm_bindgen_test::wasm_bindgen_test]
fn injected_failure() {
    assert_ne!(option_env!("INJECT_FAILURE"), Some("wasm-browser"), "injected by the harness self-test");
}

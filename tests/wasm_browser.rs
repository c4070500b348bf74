//! The same wasm tests in headless Chromium (the runner drives it through chromedriver). See `wasm_common/`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod wasm_common;

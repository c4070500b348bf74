//! The harness self-test's hook in the native layer (the `harness` layer of scripts/test.sh): this test fails only when
//! INJECT_FAILURE names the layer, proving that a failing `cargo test` fails `make test`.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn injected_failure() {
    let injected = std::env::var("INJECT_FAILURE").unwrap_or_default();
    assert_ne!(injected, "native", "injected by the harness self-test into layer native");
}

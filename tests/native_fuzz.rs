//! A short property run of the fuzzing harness (`examples/fuzz/core.rs`) in `make test`: 100,000 generated
//! executions over every entry point that takes outside data, without a panic. The long run is
//! `cargo run --release --example fuzz` (10 million executions).
#![cfg(all(not(target_arch = "wasm32"), feature = "sandbox"))]

#[path = "../examples/fuzz/core.rs"]
mod fuzz_core;

#[test]
fn one_hundred_thousand_generated_inputs_never_panic() {
    assert_eq!(fuzz_core::run(0xC0FFEE, 50_000), 50_000);
    assert_eq!(fuzz_core::run(0x5EED, 50_000), 50_000);
}

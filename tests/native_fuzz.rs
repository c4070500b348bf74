//! A short property run of the fuzzing harness (`examples/fuzz/core.rs`) in `make test`: 100,000 generated
//! executions over every entry point that takes outside data. Inside, every accepted request must round-trip
//! (its body parses back to the input) and every rejection must be a `validation_failed` naming a field; a panic
//! fails the test. The long run is `cargo run --release --example fuzz` (10 million executions).
#![cfg(all(not(target_arch = "wasm32"), feature = "sandbox"))]

#[path = "../examples/fuzz/core.rs"]
mod fuzz_core;

#[test]
fn generated_inputs_round_trip_or_are_rejected_with_a_field() {
    for seed in [0xC0FFEE, 0x5EED] {
        let stats = fuzz_core::run(seed, 50_000);
        // The generator must reach both sides, or the properties above were never exercised.
        assert!(stats.round_trips > 500, "too few accepted requests to test the round trip: {stats:?}");
        assert!(stats.rejected > 500, "too few rejected inputs: {stats:?}");
    }
}

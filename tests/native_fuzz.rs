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
        assert!(stats.imported > 100, "too few imported states: {stats:?}");
    }
}

#[test]
fn a_planted_panic_is_reported_with_its_seed_execution_and_input_and_replays() {
    let finding = fuzz_core::run_reporting(0x5EED, 200_000, true).expect_err("the planted defect is found");
    assert!(finding.message.contains("planted defect"), "{finding:?}");
    assert!(finding.case.contains("target: 14") && finding.case.contains("\"name\""), "{finding:?}");
    // The seed and the execution replay it: the same case, the same panic.
    let again = fuzz_core::run_reporting(finding.seed, finding.execution + 1, true).expect_err("replayed");
    assert_eq!((again.execution, &again.case), (finding.execution, &finding.case));
    // Without the plant, the same seed runs clean that far.
    assert!(fuzz_core::run_reporting(finding.seed, finding.execution + 1, false).is_ok());
}

//! Helpers shared by the native test files: JSON literals, and the vendored fixtures.
#![allow(dead_code)]

use std::path::PathBuf;

/// A literal as the value the endpoint builders take (the crate's `Value` is serde_json's).
pub fn json(value: serde_json::Value) -> serde_json::Value {
    value
}

pub fn fixture(name: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("fixture is JSON")
}

pub fn spec() -> serde_json::Value {
    fixture("verify-subset.json")
}

pub fn seed(key: &str) -> serde_json::Value {
    fixture("seeds.json")[key].clone()
}

/// The `(pointer, code)` pairs of a validation error, or a panic naming what came back instead.
pub fn violations(
    result: Result<telnyx_verify_wasm::internals::endpoints::Endpoint, telnyx_verify_wasm::Error>,
) -> Vec<(String, String)> {
    match result {
        Ok(endpoint) => panic!("expected a validation error, got a request: {:?}", endpoint.request),
        Err(error) => {
            assert_eq!(error.code, telnyx_verify_wasm::ErrorCode::ValidationFailed, "{error}");
            assert_eq!(error.field, error.errors.first().and_then(|e| e.pointer.clone()), "field is the first pointer");
            error.errors.into_iter().map(|e| (e.pointer.unwrap_or_default(), e.code)).collect()
        }
    }
}

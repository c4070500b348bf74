//! The JS skin, exported by wasm-bindgen: `VerifyClient` (feature `js`), `createSandbox` (with `sandbox`),
//! `verifyWebhook` (feature `js-webhooks`), and `isVerifyError`. Nothing here throws untyped or panics: every
//! failure is a `TelnyxVerifyError` (see `js_error`).

mod js_error;
#[cfg(feature = "js")]
mod options;
#[cfg(feature = "js")]
mod pages;
#[cfg(all(feature = "js", feature = "sandbox"))]
mod sandbox;
mod snapshot;
#[cfg(feature = "js")]
mod types;
#[cfg(feature = "js")]
mod verify_client;
#[cfg(feature = "js-webhooks")]
mod webhooks;

#[cfg(all(feature = "js", feature = "sandbox"))]
pub use sandbox::create_sandbox;
#[cfg(feature = "js")]
pub use verify_client::VerifyClient;

use wasm_bindgen::prelude::*;

/// Whether `value` is an error thrown by this package (a type guard in TypeScript).
#[wasm_bindgen(js_name = isVerifyError, skip_typescript)]
pub fn is_verify_error(value: &JsValue) -> bool {
    js_error::is_verify_error(value)
}

/// The allocator of the `.wasm`: smaller than std's dlmalloc, measured on this crate (docs/building.md), and
/// measured again once bodies crossed as JSON text.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

//! Telnyx Verify API client for every JavaScript runtime, written in Rust and compiled to WebAssembly.
//!
//! The crate is split in two:
//! - a **sans-IO core** (everything outside `wasm/`): the JSON value model, input validation, endpoints as
//!   data, response checking and error mapping. It performs no I/O and is tested natively with `cargo test`.
//! - a **thin boundary** (`wasm/`, only on `wasm32`): the exported `VerifyClient`, conversion of JS values,
//!   the call through the platform's `fetch`, and JS `Error` objects.
//!
//! The crate is `no_std` + `alloc`: the npm package is built without `std` (see `wasm/runtime.rs`), which
//! keeps the `.wasm` small. The default `std` feature is for native use and tests.
//!
//! A panic in wasm traps the instance (a long-lived Worker would fail every later request), so the lints
//! below forbid the usual ways to panic outside tests.
#![no_std]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod endpoints;
pub mod error;
pub mod http;
pub mod json;
mod prelude;
pub mod response;
pub mod retry;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod text;
pub mod validate;

#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "sandbox"))]
pub use wasm::create_sandbox;
#[cfg(target_arch = "wasm32")]
pub use wasm::{is_verify_error, VerifyClient};

pub use error::{ApiErrorDetail, Error, ErrorCode};
pub use http::{HttpRequest, Method};
pub use json::Json;

//! Telnyx Verify API client for Rust and every JavaScript runtime, compiled to WebAssembly.
//!
//! Three layers, each with one job:
//! - a **sans-IO core** (everything outside `client/` and `wasm/`): the serde [`model`]s, input validation
//!   ([`validate`]), endpoints as data ([`endpoints`]), response decoding and error mapping ([`response`],
//!   [`Error`]), the retry decision ([`retry`]) and the emulated API ([`sandbox`]). No I/O, no async; tested
//!   natively with `cargo test`.
//! - the **Rust client** ([`Client`], wasm32 only): typed inputs in, typed models out, over gloo-net and the
//!   platform's `fetch`, with timeouts, retries and a deadline. Usable from any wasm32 Rust code (a workers-rs
//!   Worker, a Leptos/Dioxus/Yew app).
//! - the **JS skin** (`wasm/`): `VerifyClient` and `createSandbox` for JavaScript, a thin layer over the
//!   Rust client that takes values in as JSON text, hands answers out as `JSON.parse` makes them, and turns
//!   errors into JS `Error`s (their details through serde-wasm-bindgen).
//!
//! A panic in wasm traps the instance (a long-lived Worker would fail every later request), so the lints below
//! forbid the usual ways to panic outside tests.
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

#[cfg(feature = "sandbox")]
pub mod countries;
pub mod endpoints;
pub mod error;
pub mod http;
pub mod model;
pub mod options;
pub mod response;
pub mod retry;
#[cfg(feature = "sandbox")]
pub mod sandbox;
pub mod secret;
pub mod validate;
#[cfg(feature = "webhooks")]
pub mod webhooks;

#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(all(target_arch = "wasm32", any(feature = "js", feature = "js-webhooks")))]
mod wasm;

#[cfg(target_arch = "wasm32")]
pub use client::{CallOptions, Client, OnRetry, Pages, RetryInfo};
#[cfg(all(target_arch = "wasm32", feature = "js", feature = "sandbox"))]
pub use wasm::create_sandbox;
#[cfg(all(target_arch = "wasm32", any(feature = "js", feature = "js-webhooks")))]
pub use wasm::is_verify_error;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub use wasm::VerifyClient;
#[cfg(feature = "webhooks")]
pub use webhooks::{verify_webhook, EventType, VerifyEventPayload, WebhookEvent};

pub use error::{ApiErrorDetail, Error, ErrorCode};
pub use http::{HttpRequest, Method};
pub use model::*;
pub use options::ClientOptions;
pub use secret::Secret;
/// The JSON value validation walks and the sandbox stores (serde_json's, in insertion order).
pub use serde_json::Value;

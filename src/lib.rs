//! Telnyx Verify API client for Rust and every JavaScript runtime, compiled to WebAssembly.
//!
//! What this crate offers Rust code:
//! - the **client** ([`Client`], wasm32 only): typed inputs in ([`CreateProfileInput`], [`StartVerification`],
//!   [`VerifyCodeInput`]…), typed models out ([`VerifyProfile`], [`Verification`], [`VerifyCodeResult`]…), over
//!   the platform's `fetch`, with timeouts, safe retries and a deadline; usable from any wasm32 Rust code (a
//!   workers-rs Worker, a Leptos/Dioxus/Yew app);
//! - one [`Error`] type with a stable [`ErrorCode`] and predicates ([`Error::is_retryable`]…);
//! - the webhook verifier ([`verify_webhook`], feature `webhooks`): Ed25519 signatures checked before a body is
//!   trusted;
//! - the [`sandbox`] (feature `sandbox`): the Verify API emulated in memory, for tests and demos with no account.
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")]
//! # async fn run() -> Result<(), telnyx_verify_wasm::Error> {
//! use telnyx_verify_wasm::{Client, ClientOptions, StartSms, StartVerification, VerifyCodeInput};
//!
//! let client = Client::new(ClientOptions::with_api_key("KEY…"))?;
//! let start = StartVerification::Sms(StartSms {
//!     phone_number: "+13035551234".into(),
//!     verify_profile_id: "12ade33a-21c0-473b-b055-b3c836e1c292".into(),
//!     ..Default::default()
//! });
//! client.start_verification(&start).await?;
//! let input = VerifyCodeInput {
//!     phone_number: "+13035551234".into(),
//!     code: "17686".into(),
//!     verify_profile_id: "12ade33a-21c0-473b-b055-b3c836e1c292".into(),
//! };
//! let answer = client.verify_code(&input).await?;
//! println!("{:?}", answer.response_code);
//! # Ok(())
//! # }
//! ```
//!
//! Inside, three layers, each with one job: a sans-IO core (validation against the API's rules, endpoints as
//! data, response checks, the retry decision; no I/O, tested natively), the Rust client over it, and the JS skin
//! (`VerifyClient`, `createSandbox`) over the client.
//!
//! A panic in wasm traps the instance (a long-lived Worker would fail every later request), so the lints below
//! forbid the usual ways to panic outside tests.
#![deny(missing_docs)]
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
mod countries;
mod endpoints;
mod error;
mod http;
mod model;
mod options;
mod response;
mod retry;
#[cfg(feature = "sandbox")]
pub mod sandbox;
mod secret;
mod validate;
#[cfg(feature = "webhooks")]
pub mod webhooks;

#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(all(target_arch = "wasm32", any(feature = "js", feature = "js-webhooks")))]
mod wasm;

/// The sans-IO core, reachable by this crate's own tests and fuzzer: not part of the API, and not covered by
/// semver.
#[doc(hidden)]
pub mod internals {
    pub mod endpoints {
        pub use crate::endpoints::*;
    }
    pub mod http {
        pub use crate::http::*;
    }
    pub mod response {
        pub use crate::response::*;
    }
    pub mod retry {
        pub use crate::retry::*;
    }
    pub mod validate {
        pub use crate::validate::*;
    }
    #[cfg(feature = "webhooks")]
    pub mod webhooks {
        pub use crate::webhooks::public_key;
    }
}

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
pub use model::*;
pub use options::{ClientOptions, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS};
pub use retry::RetryPolicy;
pub use secret::Secret;
/// The JSON value validation walks and the sandbox stores (serde_json's, in insertion order).
pub use serde_json::Value;

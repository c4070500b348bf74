//! The wasm tests, shared by `wasm_node.rs` (Node) and `wasm_browser.rs` (headless Chromium). They call the
//! exported `VerifyClient` over real HTTP on 127.0.0.1: Prism serving Telnyx's spec (through the recording proxy
//! of `tests/support/test-server.mjs`, so any spec violation fails the test) and the fault routes of that server.

mod faults;
mod prism;
mod rust_api;
#[cfg(feature = "sandbox")]
mod sandbox;
mod support;

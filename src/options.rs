//! The client's settings as plain data, and their validation (sans-IO: the Rust client and the JS skin share
//! it). An invalid setting is a `validation_failed` error naming it (`/apiKey`, `/headers/X-Bad`) before any
//! request: a header value `fetch` cannot send must not become a retried network error later.

use crate::error::Error;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::validate::{Violation, ViolationKind};

/// Telnyx's API, version 2.
pub const DEFAULT_BASE_URL: &str = "https://api.telnyx.com/v2";
/// Per attempt, covering the headers and the whole body.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The largest response body read (1 MiB): a Verify answer is a few KB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u32 = 1 << 20;

/// Settings of a client. `Default` is Telnyx's API with no key (for a sandbox or your own backend).
/// Its `Debug` shows neither the key nor the headers' values (one may be a caller's own `Authorization`).
#[derive(Clone, PartialEq)]
pub struct ClientOptions {
    /// Sent as `Authorization: Bearer <key>`; it always wins over an `Authorization` in `headers`.
    pub api_key: Option<Secret>,
    /// Without a trailing slash; default [`DEFAULT_BASE_URL`].
    pub base_url: String,
    /// Each attempt's time limit, covering the headers and the whole body ([`DEFAULT_TIMEOUT_MS`]).
    pub timeout_ms: u32,
    /// Bounds a whole call across retries (none by default).
    pub deadline_ms: Option<u32>,
    /// When and how often a failed call is tried again.
    pub retry: RetryPolicy,
    /// Extra headers sent with every request.
    pub headers: Vec<(String, String)>,
    /// A larger response body is a `decode_error`, refused without being read whole ([`DEFAULT_MAX_RESPONSE_BYTES`]).
    pub max_response_bytes: u32,
}

impl std::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("ClientOptions")
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .field("deadline_ms", &self.deadline_ms)
            .field("retry", &self.retry)
            .field("header_names", &header_names)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            api_key: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            deadline_ms: None,
            retry: RetryPolicy::default(),
            headers: Vec::new(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

impl ClientOptions {
    /// Options with an API key and the defaults.
    pub fn with_api_key(key: impl Into<String>) -> Self {
        ClientOptions { api_key: Some(Secret::new(key)), ..ClientOptions::default() }
    }

    /// Every broken setting, at once; the base URL loses its trailing slashes.
    pub fn checked(mut self) -> Result<ClientOptions, Error> {
        let mut violations = Vec::new();
        let mut invalid = |pointer: String, message: &str| {
            violations.push(Violation::new(pointer, ViolationKind::Invalid, message));
        };
        if let Some(key) = &self.api_key {
            let ok = (1..=4096).contains(&key.expose().len()) && key.expose().bytes().all(|b| b.is_ascii_graphic());
            if !ok {
                invalid("/apiKey".into(), "must be 1 to 4096 visible ASCII characters (no spaces)");
            }
        }
        if !crate::validate::rules::is_http_url(&self.base_url) {
            invalid("/baseUrl".into(), "must be an absolute http:// or https:// URL");
        }
        if self.timeout_ms == 0 {
            invalid("/timeoutMs".into(), "must be a whole number from 1 to 2147483647");
        }
        if self.deadline_ms == Some(0) {
            invalid("/deadlineMs".into(), "must be a whole number from 1 to 2147483647");
        }
        if self.retry.max_retries > 10 {
            invalid("/maxRetries".into(), "must be a whole number from 0 to 10");
        }
        if self.max_response_bytes == 0 {
            invalid("/maxResponseBytes".into(), "must be a whole number from 1 to 2147483647");
        }
        for (name, value) in &self.headers {
            let pointer = crate::validate::pointer_push("/headers", name);
            if !is_header_name(name) {
                invalid(pointer.clone(), "is not an HTTP header name");
            }
            if !is_header_value(value) {
                invalid(pointer, "must be visible ASCII characters, spaces or tabs (what fetch can send)");
            }
        }
        if !violations.is_empty() {
            return Err(Error::validation(violations));
        }
        while self.base_url.ends_with('/') {
            self.base_url.pop();
        }
        Ok(self)
    }

    /// The headers of a request: ours, the caller's (names compared case-insensitively, so a caller's
    /// `content-type` or `authorization` replaces nothing it must not), and the key last, alone.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // only the wasm transport sends requests
    pub(crate) fn request_headers(&self, has_body: bool) -> Vec<(String, String)> {
        let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
        if has_body {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        for (name, value) in &self.headers {
            let ours = (has_body && name.eq_ignore_ascii_case("content-type"))
                || (self.api_key.is_some() && name.eq_ignore_ascii_case("authorization"));
            if !ours {
                headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(name));
                headers.push((name.clone(), value.clone()));
            }
        }
        if let Some(key) = &self.api_key {
            headers.push(("Authorization".to_owned(), format!("Bearer {}", key.expose())));
        }
        headers
    }
}

/// An RFC 9110 token.
fn is_header_name(name: &str) -> bool {
    (1..=256).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Visible ASCII, space and tab: what every runtime's `fetch` sends as is.
fn is_header_value(value: &str) -> bool {
    value.len() <= 8192 && value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_wins_alone_and_names_compare_case_insensitively() {
        let options = ClientOptions {
            headers: vec![
                ("authorization".into(), "Bearer other".into()),
                ("content-type".into(), "text/plain".into()),
                ("X-Custom".into(), "yes".into()),
            ],
            ..ClientOptions::with_api_key("KEY")
        };
        let headers = options.checked().unwrap().request_headers(true);
        let auth: Vec<_> = headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("authorization")).collect();
        assert_eq!(auth, [&("Authorization".to_owned(), "Bearer KEY".to_owned())]);
        let types: Vec<_> = headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("content-type")).collect();
        assert_eq!(types, [&("Content-Type".to_owned(), "application/json".to_owned())]);
        assert!(headers.contains(&("X-Custom".into(), "yes".into())));
    }

    #[test]
    fn without_a_key_a_caller_authorization_is_sent() {
        let options =
            ClientOptions { headers: vec![("Authorization".into(), "Bearer s".into())], ..Default::default() };
        assert!(options.request_headers(false).contains(&("Authorization".into(), "Bearer s".into())));
    }

    #[test]
    fn debug_shows_neither_the_key_nor_a_header_value() {
        let options = ClientOptions {
            headers: vec![("Authorization".into(), "Bearer own-token".into()), ("X-Trace".into(), "t-1".into())],
            ..ClientOptions::with_api_key("KEY_secret")
        };
        let shown = format!("{options:?}");
        assert!(!shown.contains("KEY_secret") && !shown.contains("own-token") && !shown.contains("t-1"), "{shown}");
        assert!(shown.contains("Authorization") && shown.contains("X-Trace"), "{shown}");
    }

    #[test]
    fn unsendable_keys_and_header_values_are_validation_errors() {
        for key in ["caf\u{e9}", "\u{2615}", "with space", ""] {
            let error = ClientOptions::with_api_key(key).checked().unwrap_err();
            assert_eq!(error.field.as_deref(), Some("/apiKey"), "{key:?}");
            assert!(!error.message.contains(key) || key.is_empty());
        }
        let options = ClientOptions { headers: vec![("X-A".into(), "caf\u{e9}".into())], ..Default::default() };
        assert_eq!(options.checked().unwrap_err().field.as_deref(), Some("/headers/X-A"));
        let base = ClientOptions { base_url: "https://x/v2//".into(), ..Default::default() };
        assert_eq!(base.checked().unwrap().base_url, "https://x/v2");
    }
}

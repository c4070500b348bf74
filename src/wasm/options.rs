//! Client options (`new VerifyClient({...})`) and per-call options (`{timeoutMs, signal}`), checked by the same
//! rule engine as inputs. An unknown option is an error: a typo such as `apikey` must not silently send
//! unauthenticated requests. `fetch` and `signal` are not JSON, so they are read apart.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::convert::to_json_without;
use crate::error::Error;
use crate::json::Json;
use crate::prelude::*;
use crate::retry::RetryPolicy;
use crate::text::cat;
use crate::validate::rules::TextRule;
use crate::validate::{check_shape, Field, Rule, Shape};

pub const DEFAULT_BASE_URL: &str = "https://api.telnyx.com/v2";
/// Per attempt, covering the headers and the whole body.
pub const DEFAULT_TIMEOUT_MS: f64 = 30_000.0;

/// The API key. Its `Debug` never shows it.
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl core::fmt::Debug for Secret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug)]
pub struct ClientOptions {
    pub base_url: String,
    pub api_key: Option<Secret>,
    /// The caller's `fetch`; `None` means the global `fetch`, looked up at call time.
    pub fetch: Option<Function>,
    pub timeout_ms: f64,
    /// Bounds a whole call across retries (none by default).
    pub deadline_ms: Option<f64>,
    pub policy: RetryPolicy,
    pub on_retry: Option<JsValue>,
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct CallOptions {
    pub timeout_ms: Option<f64>,
    pub deadline_ms: Option<f64>,
    pub max_retries: Option<u32>,
    /// `retry: "unsafe"`: retry creates like reads.
    pub unsafe_retries: bool,
    pub signal: Option<JsValue>,
    pub on_retry: Option<JsValue>,
}

const API_KEY: TextRule = TextRule {
    allowed: |c| !c.is_whitespace() && !c.is_control(),
    min: 1,
    max: 4096,
    description: "a non-empty string without spaces or control characters",
};

/// An HTTP header name (RFC 9110 token).
const HEADER_NAME: TextRule = TextRule {
    // Bytes, not `str::contains(char)`: for a non-ASCII char that runs a substring searcher (~5 KB of .wasm).
    allowed: |c| c.is_ascii_alphanumeric() || (c.is_ascii() && b"!#$%&'*+-.^_`|~".contains(&(c as u8))),
    min: 1,
    max: 256,
    description: "an HTTP header name",
};

/// An HTTP header value: no control characters but tab.
const HEADER_VALUE: TextRule = TextRule {
    allowed: |c| c == '\t' || !c.is_control(),
    min: 0,
    max: 8192,
    description: "a header value without control characters",
};

const CLIENT_OPTIONS: Shape = Shape::input(&[
    Field::optional("apiKey", Rule::Text(&API_KEY)),
    Field::optional("baseUrl", Rule::HttpUrl),
    Field::optional("fetch", Rule::Any),
    Field::optional("timeoutMs", Rule::PositiveInteger),
    Field::optional("headers", Rule::Record(&HEADER_NAME, &Rule::Text(&HEADER_VALUE))),
    Field::optional("dangerouslyAllowBrowser", Rule::Boolean),
    Field::optional("maxRetries", Rule::Retries),
    Field::optional("maxRetryDelayMs", Rule::PositiveInteger),
    Field::optional("deadlineMs", Rule::PositiveInteger),
    Field::optional("onRetry", Rule::Any),
]);

const KEY_IN_BROWSER: &str = "is refused in a browser page, where anyone can read it: keep the key in your server or \
edge function and set baseUrl to it (dangerouslyAllowBrowser: true overrides)";

const CALL_OPTIONS: Shape = Shape::input(&[
    Field::optional("timeoutMs", Rule::PositiveInteger),
    Field::optional("deadlineMs", Rule::PositiveInteger),
    Field::optional("maxRetries", Rule::Retries),
    Field::optional("retry", Rule::OneOf(&["safe", "unsafe"])),
    Field::optional("signal", Rule::Any),
    Field::optional("onRetry", Rule::Any),
]);

/// Reads `new VerifyClient(options)`; `undefined` means all defaults.
pub fn client_options(options: &JsValue) -> Result<ClientOptions, Error> {
    let (json, [fetch, on_retry]) = read_options(options, ["fetch", "onRetry"], &CLIENT_OPTIONS)?;
    let fetch = match fetch {
        Some(f) => Some(
            f.dyn_into::<Function>().map_err(|_| Error::invalid_field("/fetch", "must be a function like fetch"))?,
        ),
        None => None,
    };
    let text = |key: &str| json.get(key).and_then(Json::as_str).map(str::to_owned);
    let allowed = json.get("dangerouslyAllowBrowser") == Some(&Json::Bool(true));
    if json.get("apiKey").is_some() && !allowed && in_browser_page() {
        return Err(Error::invalid_field("/apiKey", KEY_IN_BROWSER));
    }
    let headers = match json.get("headers") {
        Some(Json::Object(members)) => {
            members.iter().map(|(name, value)| (name.clone(), value.as_str().unwrap_or_default().to_owned())).collect()
        }
        _ => Vec::new(),
    };
    Ok(ClientOptions {
        base_url: text("baseUrl").map_or_else(|| DEFAULT_BASE_URL.to_owned(), without_trailing_slashes),
        api_key: text("apiKey").map(Secret),
        fetch,
        timeout_ms: json.get("timeoutMs").and_then(Json::as_f64).unwrap_or(DEFAULT_TIMEOUT_MS),
        deadline_ms: json.get("deadlineMs").and_then(Json::as_f64),
        policy: RetryPolicy {
            max_retries: json
                .get("maxRetries")
                .and_then(Json::as_f64)
                .map_or(RetryPolicy::default().max_retries, |n| n as u32),
            max_retry_delay_ms: json
                .get("maxRetryDelayMs")
                .and_then(Json::as_f64)
                .unwrap_or(RetryPolicy::default().max_retry_delay_ms),
            unsafe_retries: false,
        },
        on_retry: function(on_retry, "/onRetry")?,
        headers,
    })
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/wasm/transport.js")]
extern "C" {
    /// A browser page has a `document`; Workers, Node, Deno, Bun and web workers do not. Asked in JS:
    /// `js_sys::global()` would link the global-object lookup (about 1 KB of `.wasm`).
    #[wasm_bindgen(js_name = inBrowserPage)]
    fn in_browser_page() -> bool;
}

/// `https://x/v2/` → `https://x/v2` (paths start with `/`). A loop rather than `trim_end_matches`, whose
/// char searcher costs the `.wasm` about 1 KB.
fn without_trailing_slashes(mut url: String) -> String {
    while url.ends_with('/') {
        url.pop();
    }
    url
}

/// Reads the optional last argument of every call.
pub fn call_options(options: &JsValue) -> Result<CallOptions, Error> {
    let (json, [signal, on_retry]) = read_options(options, ["signal", "onRetry"], &CALL_OPTIONS)?;
    if let Some(signal) = &signal {
        let looks_like_signal = Reflect::get(signal, &"aborted".into()).is_ok_and(|a| a.as_bool().is_some());
        if !looks_like_signal {
            return Err(Error::invalid_field("/signal", "must be an AbortSignal"));
        }
    }
    Ok(CallOptions {
        timeout_ms: json.get("timeoutMs").and_then(Json::as_f64),
        deadline_ms: json.get("deadlineMs").and_then(Json::as_f64),
        max_retries: json.get("maxRetries").and_then(Json::as_f64).map(|n| n as u32),
        unsafe_retries: json.get("retry").and_then(Json::as_str) == Some("unsafe"),
        signal,
        on_retry: function(on_retry, "/onRetry")?,
    })
}

/// An optional callback option: a function, or a typed error naming it.
fn function(value: Option<JsValue>, pointer: &str) -> Result<Option<JsValue>, Error> {
    match value {
        Some(f) if !f.is_function() => Err(Error::invalid_field(pointer, "must be a function")),
        other => Ok(other),
    }
}

/// Checks an options object against `shape`, setting aside the members named in `special` (functions and
/// signals, which are not JSON); returns them in that order (`None` when absent). An array, not a `Vec`: the
/// client-only build then carries just the one-key instance.
pub fn read_options<const N: usize>(
    options: &JsValue,
    special: [&str; N],
    shape: &Shape,
) -> Result<(Json, [Option<JsValue>; N]), Error> {
    let mut values: [Option<JsValue>; N] = core::array::from_fn(|_| None);
    if options.is_undefined() || options.is_null() {
        return Ok((Json::Null, values));
    }
    if options.is_object() && !js_sys::Array::is_array(options) {
        for (key, slot) in special.iter().zip(values.iter_mut()) {
            let value = Reflect::get(options, &(*key).into())
                .map_err(|_| Error::invalid_field(&cat(&["/", key]), "could not be read (its getter threw)"))?;
            *slot = (!value.is_undefined()).then_some(value);
        }
    }
    // No copy of the object: copying would run getters outside the converter, which guards each read.
    let json = to_json_without(options, "", &special)?;
    let violations = check_shape(&json, shape, "");
    if !violations.is_empty() {
        return Err(Error::validation(violations));
    }
    Ok((json, values))
}

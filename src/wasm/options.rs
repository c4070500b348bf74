//! Client options (`new VerifyClient({...})`) and per-call options (`{timeoutMs, signal}`), read from JS with
//! the same typed errors as inputs. An unknown option is an error: a typo such as `apikey` must not
//! silently send unauthenticated requests.

use crate::prelude::*;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;
use crate::validate::rules::is_http_url;

pub const DEFAULT_BASE_URL: &str = "https://api.telnyx.com/v2";
/// Per attempt, covering the headers and the whole body.
pub const DEFAULT_TIMEOUT_MS: f64 = 30_000.0;
/// `setTimeout`'s largest delay.
const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;

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
    pub headers: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub struct CallOptions {
    pub timeout_ms: Option<f64>,
    pub signal: Option<JsValue>,
}

const CLIENT_OPTIONS: &[&str] = &["apiKey", "baseUrl", "fetch", "timeoutMs", "headers"];
const CALL_OPTIONS: &[&str] = &["timeoutMs", "signal"];

/// Reads `new VerifyClient(options)`; `undefined` means all defaults.
pub fn client_options(options: &JsValue) -> Result<ClientOptions, Error> {
    let mut parsed = ClientOptions {
        base_url: DEFAULT_BASE_URL.to_owned(),
        api_key: None,
        fetch: None,
        timeout_ms: DEFAULT_TIMEOUT_MS,
        headers: Vec::new(),
    };
    if options.is_undefined() || options.is_null() {
        return Ok(parsed);
    }
    let options = object(options, "", CLIENT_OPTIONS)?;
    if let Some(key) = member(options, "apiKey")? {
        let key = key.as_string().filter(|k| !k.is_empty() && is_header_value(k) && !k.contains(char::is_whitespace));
        let key = key.ok_or_else(|| {
            Error::invalid_field("/apiKey", "must be a non-empty string without spaces or control characters")
        })?;
        parsed.api_key = Some(Secret(key));
    }
    if let Some(url) = member(options, "baseUrl")? {
        let url = url.as_string().filter(|u| is_http_url(u));
        let url = url.ok_or_else(|| Error::invalid_field("/baseUrl", "must be an absolute http:// or https:// URL"))?;
        parsed.base_url = url.trim_end_matches('/').to_owned();
    }
    if let Some(fetch) = member(options, "fetch")? {
        let fetch = fetch.dyn_into::<Function>();
        parsed.fetch = Some(fetch.map_err(|_| Error::invalid_field("/fetch", "must be a function like fetch"))?);
    }
    if let Some(ms) = member(options, "timeoutMs")? {
        parsed.timeout_ms = timeout(&ms, "/timeoutMs")?;
    }
    if let Some(headers) = member(options, "headers")? {
        parsed.headers = header_list(&headers)?;
    }
    Ok(parsed)
}

/// Reads the optional last argument of every call.
pub fn call_options(options: &JsValue) -> Result<CallOptions, Error> {
    let mut parsed = CallOptions::default();
    if options.is_undefined() || options.is_null() {
        return Ok(parsed);
    }
    let options = object(options, "", CALL_OPTIONS)?;
    if let Some(ms) = member(options, "timeoutMs")? {
        parsed.timeout_ms = Some(timeout(&ms, "/timeoutMs")?);
    }
    if let Some(signal) = member(options, "signal")? {
        let looks_like_signal = Reflect::get(&signal, &"aborted".into()).is_ok_and(|a| a.as_bool().is_some());
        if !looks_like_signal {
            return Err(Error::invalid_field("/signal", "must be an AbortSignal"));
        }
        parsed.signal = Some(signal);
    }
    Ok(parsed)
}

/// `value` as a plain object whose keys are all in `accepted`.
fn object<'a>(value: &'a JsValue, pointer: &str, accepted: &[&str]) -> Result<&'a Object, Error> {
    if !value.is_object() || value.is_function() || js_sys::Array::is_array(value) {
        let at = if pointer.is_empty() { "/" } else { pointer };
        return Err(Error::invalid_field(at, "options must be an object"));
    }
    let object: &Object = value.unchecked_ref();
    for key in Object::keys(object).iter().filter_map(|k| k.as_string()) {
        if !accepted.contains(&key.as_str()) {
            let message = ["unknown option; accepted options: ", &accepted.join(", ")].concat();
            return Err(Error::invalid_field(&[pointer, "/", &key].concat(), &message));
        }
    }
    Ok(object)
}

/// A member that is present and not `undefined`.
fn member(object: &Object, key: &str) -> Result<Option<JsValue>, Error> {
    let value = Reflect::get(object, &key.into())
        .map_err(|_| Error::invalid_field(&["/", key].concat(), "could not be read (its getter threw)"))?;
    Ok((!value.is_undefined()).then_some(value))
}

fn timeout(value: &JsValue, pointer: &str) -> Result<f64, Error> {
    value
        .as_f64()
        .filter(|ms| crate::json::is_whole(*ms) && (1.0..=MAX_TIMEOUT_MS).contains(ms))
        .ok_or_else(|| Error::invalid_field(pointer, "must be a whole number of milliseconds from 1 to 2147483647"))
}

fn header_list(value: &JsValue) -> Result<Vec<(String, String)>, Error> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(Error::invalid_field("/headers", "must be an object of header names to string values"));
    }
    let object: &Object = value.unchecked_ref();
    let mut headers = Vec::new();
    for key in Object::keys(object).iter().filter_map(|k| k.as_string()) {
        let pointer = ["/headers/", &key].concat();
        if !is_header_name(&key) {
            return Err(Error::invalid_field(&pointer, "is not a valid HTTP header name"));
        }
        let header_value = member(object, &key)?.and_then(|v| v.as_string()).filter(|v| is_header_value(v));
        let header_value = header_value
            .ok_or_else(|| Error::invalid_field(&pointer, "must be a string without control characters"))?;
        headers.push((key, header_value));
    }
    Ok(headers)
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn is_header_value(value: &str) -> bool {
    value.chars().all(|c| c == '\t' || (!c.is_control() && c != '\u{7f}'))
}

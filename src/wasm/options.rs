//! JS options into the Rust client's: `new VerifyClient({...})` into [`ClientOptions`] (plus the caller's
//! `fetch` and `onRetry`), and the last argument of every call into [`CallOptions`]. Both are checked by the
//! same rule engine as inputs; an unknown option is an error (a typo such as `apikey` must not silently send
//! unauthenticated requests).

use std::rc::Rc;

use js_sys::{Function, Object};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use super::js_error;
use super::snapshot::to_value_with;
use crate::client::{CallOptions, Client, OnRetry};
use crate::error::Error;
use crate::options::ClientOptions;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::validate::rules::TextRule;
use crate::validate::{check_input, Field, InputRules, Rule};

/// Character rules are [`ClientOptions::checked`]'s; here only the types.
const HEADER_NAME: TextRule =
    TextRule { allowed: |_| true, min: 0, max: usize::MAX, description: "an HTTP header name" };

const CLIENT_OPTIONS: InputRules = InputRules::strict(&[
    Field::optional("apiKey", Rule::AnyText),
    Field::optional("baseUrl", Rule::HttpUrl),
    Field::optional("fetch", Rule::Any),
    Field::optional("timeoutMs", Rule::PositiveInteger),
    Field::optional("headers", Rule::Record(&HEADER_NAME, &Rule::AnyText)),
    Field::optional("dangerouslyAllowBrowser", Rule::Boolean),
    Field::optional("maxRetries", Rule::Retries),
    Field::optional("maxRetryDelayMs", Rule::PositiveInteger),
    Field::optional("deadlineMs", Rule::PositiveInteger),
    Field::optional("maxResponseBytes", Rule::PositiveInteger),
    Field::optional("onRetry", Rule::Any),
]);

const CALL_OPTIONS: InputRules = InputRules::strict(&[
    Field::optional("timeoutMs", Rule::PositiveInteger),
    Field::optional("deadlineMs", Rule::PositiveInteger),
    Field::optional("maxRetries", Rule::Retries),
    Field::optional("retry", Rule::OneOf(&["safe", "unsafe"])),
    Field::optional("signal", Rule::Any),
    Field::optional("onRetry", Rule::Any),
]);

const KEY_IN_BROWSER: &str = "is refused in a browser page, where anyone can read it: keep the key in your server or \
edge function and set baseUrl to it (dangerouslyAllowBrowser: true overrides)";

/// `new VerifyClient(options)`; `undefined` means all defaults.
pub fn client(options: &JsValue) -> Result<Client, Error> {
    let (json, [fetch, on_retry]) = read(options, ["fetch", "onRetry"], &CLIENT_OPTIONS)?;
    let fetch = match fetch {
        Some(f) => Some(
            f.dyn_into::<Function>().map_err(|_| Error::invalid_field("/fetch", "must be a function like fetch"))?,
        ),
        None => None,
    };
    let on_retry = hook(on_retry, "/onRetry")?;
    let number = |key: &str| json.get(key).and_then(Value::as_u64).map(|n| n as u32);
    let text = |key: &str| json.get(key).and_then(Value::as_str).map(str::to_owned);
    if json.get("apiKey").is_some()
        && json.get("dangerouslyAllowBrowser") != Some(&Value::Bool(true))
        && in_browser_page()
    {
        return Err(Error::invalid_field("/apiKey", KEY_IN_BROWSER));
    }
    let defaults = ClientOptions::default();
    let headers = json
        .get("headers")
        .and_then(Value::as_object)
        .map(|members| members.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
        .unwrap_or_default();
    let options = ClientOptions {
        api_key: text("apiKey").map(Secret::new),
        base_url: text("baseUrl").unwrap_or(defaults.base_url),
        timeout_ms: number("timeoutMs").unwrap_or(defaults.timeout_ms),
        deadline_ms: number("deadlineMs"),
        retry: RetryPolicy {
            max_retries: number("maxRetries").unwrap_or(defaults.retry.max_retries),
            max_retry_delay_ms: number("maxRetryDelayMs").map_or(defaults.retry.max_retry_delay_ms, f64::from),
            unsafe_retries: false,
        },
        headers,
        max_response_bytes: number("maxResponseBytes").unwrap_or(defaults.max_response_bytes),
    };
    let client = Client::new(options)?.with_on_retry_hook(on_retry);
    Ok(match fetch {
        Some(fetch) => client.with_fetch(fetch),
        None => client,
    })
}

/// The optional last argument of every call.
pub fn call(options: &JsValue) -> Result<CallOptions, Error> {
    let (json, [signal, on_retry]) = read(options, ["signal", "onRetry"], &CALL_OPTIONS)?;
    let signal = match signal {
        Some(s) => Some(
            s.dyn_into::<web_sys::AbortSignal>()
                .map_err(|_| Error::invalid_field("/signal", "must be an AbortSignal"))?,
        ),
        None => None,
    };
    let number = |key: &str| json.get(key).and_then(Value::as_u64).map(|n| n as u32);
    Ok(CallOptions {
        timeout_ms: number("timeoutMs"),
        deadline_ms: number("deadlineMs"),
        max_retries: number("maxRetries"),
        unsafe_retries: json.get("retry").and_then(Value::as_str) == Some("unsafe"),
        signal,
        on_retry: hook(on_retry, "/onRetry")?,
    })
}

/// An options object checked against `shape`, with its non-JSON members set aside.
pub fn read<const N: usize>(
    options: &JsValue,
    special: [&str; N],
    shape: &InputRules,
) -> Result<(Value, [Option<JsValue>; N]), Error> {
    if options.is_undefined() || options.is_null() {
        return Ok((Value::Null, std::array::from_fn(|_| None)));
    }
    let (json, values) = to_value_with(options, "", special)?;
    let violations = check_input(&json, shape, "");
    if !violations.is_empty() {
        return Err(Error::validation(violations));
    }
    Ok((json, values))
}

/// A JS `onRetry` as the client's hook: called with `{attempt, delayMs, error}`; if it throws, the call goes
/// on as if it had not been there.
fn hook(value: Option<JsValue>, pointer: &str) -> Result<Option<OnRetry>, Error> {
    let Some(value) = value else { return Ok(None) };
    let function: Function = value.dyn_into().map_err(|_| Error::invalid_field(pointer, "must be a function"))?;
    Ok(Some(Rc::new(move |info: &crate::client::RetryInfo<'_>| {
        let argument = Object::new();
        js_error::set(&argument, "attempt", &info.attempt.into());
        js_error::set(&argument, "delayMs", &info.delay_ms.into());
        js_error::set(&argument, "error", &js_error::to_js(info.error.clone()));
        let _ = function.call1(&JsValue::UNDEFINED, &argument);
    })))
}

/// A browser page has a `document`; Workers, Node, Deno, Bun and web workers do not.
fn in_browser_page() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"document".into()).is_ok_and(|d| d.is_object())
}

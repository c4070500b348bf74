//! Sending a validated request: the request init for `fetch`, and [`PendingCall`], which receives the raw
//! answer from `transport.js` and turns it into the result or a `TelnyxVerifyError`.
//!
//! Rust does not await anything: `transport.js` performs the one asynchronous step (see its header for why),
//! then calls `finish` or `fail`, which consume the `PendingCall`.

use alloc::rc::Rc;
use core::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::to_json;
use super::js_error::{self, set};
use super::options::{call_options, ClientOptions};
use super::pages::PageState;
use crate::endpoints::Endpoint;
use crate::error::{Error, ErrorCode};
use crate::http::HttpRequest;
use crate::json::Json;
use crate::prelude::*;
use crate::response::{check_success, error_from_status, retry_after::retry_after_secs, Expect, Unwrap};

#[wasm_bindgen(module = "/src/wasm/transport.js")]
extern "C" {
    /// Resolves to what `pending.finish`/`pending.fail` return; rejects with what they throw.
    fn send(
        pending: PendingCall,
        fetch: Option<Function>,
        url: &str,
        init: &JsValue,
        timeout_ms: f64,
        signal: &JsValue,
    ) -> Promise;
}

/// What the answer is for: a plain call, or a page of an iterator (whose items are buffered).
pub enum Purpose {
    Call,
    Page(Rc<RefCell<PageState>>),
}

/// A request in flight. JS receives it with the answer's parts and calls exactly one of its methods.
#[wasm_bindgen(skip_typescript)]
pub struct PendingCall {
    expect: Expect,
    purpose: Purpose,
}

/// Sends `endpoint` (or rejects at once with the validation error that stopped it).
pub fn start(
    client: &Rc<ClientOptions>,
    endpoint: Result<Endpoint, Error>,
    options: &JsValue,
    purpose: Purpose,
) -> Promise {
    let prepared = endpoint.and_then(|endpoint| Ok((endpoint, call_options(options)?)));
    let (endpoint, call) = match prepared {
        Ok(ready) => ready,
        Err(error) => return Promise::reject(&js_error::to_js(error)),
    };
    let url = [client.base_url.as_str(), &endpoint.request.path].concat();
    let init = request_init(client, &endpoint.request);
    let timeout_ms = call.timeout_ms.unwrap_or(client.timeout_ms);
    let signal = call.signal.unwrap_or(JsValue::UNDEFINED);
    let pending = PendingCall { expect: endpoint.expect, purpose };
    send(pending, client.fetch.clone(), &url, &init, timeout_ms, &signal)
}

/// `{method, headers, body}`. The API key is set last so a caller's header cannot replace it.
fn request_init(client: &ClientOptions, request: &HttpRequest) -> JsValue {
    let headers = Object::new();
    set(&headers, "Accept", &"application/json".into());
    if request.body.is_some() {
        set(&headers, "Content-Type", &"application/json".into());
    }
    for (name, value) in &client.headers {
        set(&headers, name, &value.into());
    }
    if let Some(key) = &client.api_key {
        set(&headers, "Authorization", &["Bearer ", key.expose()].concat().into());
    }
    let init = Object::new();
    set(&init, "method", &request.method.as_str().into());
    set(&init, "headers", &headers);
    if let Some(body) = &request.body {
        set(&init, "body", &body.into());
    }
    init.into()
}

#[wasm_bindgen]
impl PendingCall {
    /// A response arrived: `body` is its JSON (`undefined` when it was not JSON).
    pub fn finish(
        self,
        status: f64,
        body: JsValue,
        retry_after: Option<String>,
        retry_after_ms: Option<String>,
        now_ms: f64,
    ) -> Result<JsValue, JsValue> {
        let result = interpret(self.expect, status, &body, retry_after.as_deref(), retry_after_ms.as_deref(), now_ms);
        let value = result.map_err(js_error::to_js)?;
        match self.purpose {
            Purpose::Call => Ok(value),
            Purpose::Page(state) => super::pages::take_page(&state, &value),
        }
    }

    /// No (complete) response: `kind` is `timeout`, `aborted` or `network`; `reason` is the platform's.
    pub fn fail(self, kind: &str, reason: String) -> Result<JsValue, JsValue> {
        let error = match kind {
            "timeout" => Error::new(ErrorCode::Timeout, "No complete response before the timeout"),
            "aborted" => Error::new(ErrorCode::Aborted, "The call was aborted by its AbortSignal"),
            _ => {
                // `transport.js` has already redacted the key, in case a custom fetch echoed request details.
                let message = if reason.is_empty() {
                    "The request failed".to_owned()
                } else {
                    ["The request failed: ", &reason].concat()
                };
                Error::new(ErrorCode::NetworkError, message)
            }
        };
        Err(js_error::to_js(error))
    }
}

/// Checks an answer against what the endpoint documents.
fn interpret(
    expect: Expect,
    status: f64,
    body: &JsValue,
    retry_after: Option<&str>,
    retry_after_ms: Option<&str>,
    now_ms: f64,
) -> Result<JsValue, Error> {
    if !(100.0..=599.0).contains(&status) || !crate::json::is_whole(status) {
        return Err(Error::new(ErrorCode::DecodeError, "fetch resolved to something that is not a Response"));
    }
    let status = status as u16;
    let json: Option<Json> = if body.is_undefined() { None } else { to_json(body, "").ok() };
    if !(200..300).contains(&status) {
        let retry_after = retry_after_secs(retry_after, retry_after_ms, now_ms);
        return Err(error_from_status(status, json.as_ref(), retry_after));
    }
    let Some(json) = json else {
        let message = ["The HTTP ", &crate::text::uint(status.into()), " response body is not JSON"].concat();
        return Err(Error { status: Some(status), ..Error::new(ErrorCode::DecodeError, message) });
    };
    match check_success(expect, &json) {
        Ok(Unwrap::Data) => Ok(Reflect::get(body, &"data".into()).unwrap_or(JsValue::UNDEFINED)),
        Ok(Unwrap::Whole) => Ok(body.clone()),
        Err(error) => Err(Error { status: Some(status), ..error }),
    }
}

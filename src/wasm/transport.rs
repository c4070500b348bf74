//! Sending a validated request: the request init for `fetch`, and [`PendingCall`], which receives each raw
//! answer from `transport.js` and turns it into the result, a retry (per `crate::retry`), or a
//! `TelnyxVerifyError`.
//!
//! Rust does not await anything: `transport.js` performs the asynchronous steps (see its header for why).

use alloc::rc::Rc;
use core::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::to_json;
use super::js_error::{self, set};
use super::options::{call_options, ClientOptions};
use super::pages::PageState;
use crate::endpoints::{CallClass, Endpoint};
use crate::error::{Error, ErrorCode};
use crate::http::HttpRequest;
use crate::json::Json;
use crate::prelude::*;
use crate::response::{check_success, error_from_status, Expect, Unwrap};
use crate::retry::{decide, Decision, Outcome, RetryPolicy};
use crate::text::cat;

#[wasm_bindgen(module = "/src/wasm/transport.js")]
extern "C" {
    /// Resolves to the call's result; rejects with the error `pending` throws.
    #[allow(clippy::too_many_arguments)]
    fn send(
        pending: PendingCall,
        fetch: Option<Function>,
        url: &str,
        init: &JsValue,
        timeout_ms: f64,
        deadline_ms: f64,
        signal: &JsValue,
        on_retry: &JsValue,
    ) -> Promise;
}

/// What the answer is for: a plain call, or a page of an iterator (whose items are buffered).
pub enum Purpose {
    Call,
    Page(Rc<RefCell<PageState>>),
}

/// A call in flight. After each attempt `transport.js` reports what happened and gets `{value}`, `{retryInMs,
/// error}`, or the final error thrown.
#[wasm_bindgen(skip_typescript)]
pub struct PendingCall {
    expect: Expect,
    class: CallClass,
    policy: RetryPolicy,
    retries_done: u32,
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
    let url = cat(&[client.base_url.as_str(), &endpoint.request.path]);
    let init = request_init(client, &endpoint.request);
    let policy = RetryPolicy {
        max_retries: call.max_retries.unwrap_or(client.policy.max_retries),
        unsafe_retries: call.unsafe_retries,
        ..client.policy
    };
    let pending = PendingCall { expect: endpoint.expect, class: endpoint.class, policy, retries_done: 0, purpose };
    let on_retry = call.on_retry.or_else(|| client.on_retry.clone()).unwrap_or(JsValue::UNDEFINED);
    send(
        pending,
        client.fetch.clone(),
        &url,
        &init,
        call.timeout_ms.unwrap_or(client.timeout_ms),
        call.deadline_ms.or(client.deadline_ms).unwrap_or(0.0),
        &call.signal.unwrap_or(JsValue::UNDEFINED),
        &on_retry,
    )
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
        set(&headers, "Authorization", &cat(&["Bearer ", key.expose()]).into());
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
    /// A response arrived: `body` is its JSON (`undefined` when it was not JSON); `retry_after_ms` is what the
    /// headers asked for; `jitter` is random in [0, 1).
    pub fn answered(
        &mut self,
        status: f64,
        body: JsValue,
        retry_after_ms: Option<f64>,
        should_retry: Option<String>,
        jitter: f64,
    ) -> Result<JsValue, JsValue> {
        let status_code =
            if (100.0..=599.0).contains(&status) && crate::json::is_whole(status) { status as u16 } else { 0 };
        match interpret(self.expect, status_code, &body, retry_after_ms) {
            Ok(value) => match &self.purpose {
                Purpose::Call => Ok(done(value)),
                Purpose::Page(state) => super::pages::take_page(state, &value).map(done),
            },
            Err(error) if status_code >= 300 => {
                let should_retry = should_retry.as_deref().map(|v| v == "true");
                let outcome = Outcome::Status { status: status_code, retry_after_ms, should_retry };
                self.next(outcome, error, jitter)
            }
            Err(error) => Err(js_error::to_js(error)),
        }
    }

    /// No (complete) response: `kind` is `timeout`, `aborted`, `refused` (provably not sent) or `network`;
    /// `reason` is the platform's, already without the key.
    pub fn failed(&mut self, kind: &str, reason: String, jitter: f64) -> Result<JsValue, JsValue> {
        let (outcome, error) = match kind {
            "timeout" => (Outcome::Timeout, Error::new(ErrorCode::Timeout, "No complete response before the timeout")),
            "aborted" => {
                return Err(js_error::to_js(Error::new(ErrorCode::Aborted, "The call was aborted by its AbortSignal")))
            }
            _ => {
                let outcome = if kind == "refused" { Outcome::NotSent } else { Outcome::Network };
                let message = if reason.is_empty() {
                    "The request failed".to_owned()
                } else {
                    cat(&["The request failed: ", &reason])
                };
                (outcome, Error::new(ErrorCode::NetworkError, message))
            }
        };
        self.next(outcome, error, jitter)
    }
}

impl PendingCall {
    /// Retry (`{retryInMs, error}`) or give up (the error, thrown), as `retry::decide` says.
    fn next(&mut self, outcome: Outcome, error: Error, jitter: f64) -> Result<JsValue, JsValue> {
        match decide(&self.policy, self.class, outcome, self.retries_done, jitter) {
            Decision::Retry { delay_ms } => {
                self.retries_done += 1;
                let step = Object::new();
                set(&step, "retryInMs", &delay_ms.into());
                set(&step, "error", &js_error::to_js(error));
                Ok(step.into())
            }
            Decision::Stop => Err(js_error::to_js(error)),
        }
    }
}

fn done(value: JsValue) -> JsValue {
    let step = Object::new();
    set(&step, "value", &value);
    step.into()
}

/// Checks an answer against what the endpoint documents.
fn interpret(expect: Expect, status: u16, body: &JsValue, retry_after_ms: Option<f64>) -> Result<JsValue, Error> {
    if status == 0 {
        return Err(Error::new(ErrorCode::DecodeError, "fetch resolved to something that is not a Response"));
    }
    let json: Option<Json> = if body.is_undefined() { None } else { to_json(body, "").ok() };
    if !(200..300).contains(&status) {
        return Err(error_from_status(status, json.as_ref(), retry_after_ms.map(|ms| ms / 1000.0)));
    }
    let Some(json) = json else {
        let message = cat(&["The HTTP ", &crate::text::uint(status.into()), " response body is not JSON"]);
        return Err(Error { status: Some(status), ..Error::new(ErrorCode::DecodeError, message) });
    };
    match check_success(expect, &json) {
        Ok(Unwrap::Data) => Ok(Reflect::get(body, &"data".into()).unwrap_or(JsValue::UNDEFINED)),
        Ok(Unwrap::Whole) => Ok(body.clone()),
        Err(error) => Err(Error { status: Some(status), ..error }),
    }
}

//! One HTTP attempt through the platform's `fetch` (or the caller's), bounded by a timeout that covers the
//! headers **and** the body, and cancellable by the caller's `AbortSignal`.
//!
//! No Rust closure crosses into JS: the timer and the signal listener call `AbortController.abort` bound to
//! its controller, so nothing is leaked per call. `fetch` is called without a receiver (workerd throws
//! "Illegal invocation" otherwise) and is looked up on the global object at call time, never on `window`.

use crate::prelude::*;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::js_error::set;
use super::options::{CallOptions, ClientOptions};
use crate::error::{Error, ErrorCode};
use crate::http::HttpRequest;

#[wasm_bindgen]
extern "C" {
    type AbortController;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<AbortController, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &AbortController) -> JsValue;

    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = clearTimeout, catch)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
}

/// What came back: the status, the headers a retry policy reads, and the body text.
pub struct Answer {
    pub status: u16,
    pub retry_after: Option<String>,
    pub retry_after_ms: Option<String>,
    pub body: String,
}

/// Sends `request` once.
pub async fn send(client: &ClientOptions, request: &HttpRequest, call: &CallOptions) -> Result<Answer, Error> {
    let guard = AbortGuard::start(call.timeout_ms.unwrap_or(client.timeout_ms), call.signal.as_ref())?;
    let result = exchange(client, request, &guard.controller.signal()).await;
    let timed_out = guard.fired();
    let aborted = guard.caller_aborted();
    drop(guard);
    result.map_err(|failure| match () {
        _ if aborted => Error::new(ErrorCode::Aborted, "The call was aborted by its AbortSignal"),
        _ if timed_out => Error::new(ErrorCode::Timeout, "No complete response before the timeout"),
        _ => failure,
    })
}

async fn exchange(client: &ClientOptions, request: &HttpRequest, signal: &JsValue) -> Result<Answer, Error> {
    let fetch = match &client.fetch {
        Some(f) => f.clone(),
        None => global_fetch()?,
    };
    let url = [client.base_url.as_str(), &request.path].concat();
    let init = request_init(client, request, signal);
    let pending =
        fetch.call2(&JsValue::UNDEFINED, &url.into(), &init).map_err(|e| network_error("fetch threw", &e, client))?;
    let response = JsFuture::from(Promise::resolve(&pending))
        .await
        .map_err(|e| network_error("The request failed", &e, client))?;

    let status = Reflect::get(&response, &"status".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0);
    if !(100.0..=599.0).contains(&status) || !crate::json::is_whole(status) {
        return Err(Error::new(ErrorCode::DecodeError, "fetch resolved to something that is not a Response"));
    }
    let headers = Reflect::get(&response, &"headers".into()).unwrap_or(JsValue::UNDEFINED);
    let text =
        call_method(&response, "text").map_err(|e| network_error("The response body could not be read", &e, client))?;
    let body = JsFuture::from(Promise::resolve(&text))
        .await
        .map_err(|e| network_error("The connection failed while reading the body", &e, client))?;
    Ok(Answer {
        status: status as u16,
        retry_after: header(&headers, "retry-after"),
        retry_after_ms: header(&headers, "retry-after-ms"),
        body: body.as_string().unwrap_or_default(),
    })
}

fn global_fetch() -> Result<Function, Error> {
    Reflect::get(&js_sys::global(), &"fetch".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| Error::new(ErrorCode::NetworkError, "No global fetch: pass one as the `fetch` option"))
}

/// `{method, headers, body, signal}`. The API key is added last so a caller's header cannot replace it.
fn request_init(client: &ClientOptions, request: &HttpRequest, signal: &JsValue) -> JsValue {
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
    set(&init, "signal", signal);
    init.into()
}

fn call_method(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    let method: Function = Reflect::get(target, &name.into())?.dyn_into()?;
    method.call0(target)
}

fn header(headers: &JsValue, name: &str) -> Option<String> {
    let get: Function = Reflect::get(headers, &"get".into()).ok()?.dyn_into().ok()?;
    get.call1(headers, &name.into()).ok()?.as_string()
}

/// A `network_error` with the platform's reason (its `name` and `message`), with the key redacted in case
/// a custom `fetch` put request details in its message.
fn network_error(context: &str, cause: &JsValue, client: &ClientOptions) -> Error {
    let field = |key: &str| Reflect::get(cause, &key.into()).ok().and_then(|v| v.as_string());
    let mut reason = [field("name"), field("message")].into_iter().flatten().collect::<Vec<_>>().join(": ");
    if let Some(cause_message) = Reflect::get(cause, &"cause".into())
        .ok()
        .and_then(|c| Reflect::get(&c, &"code".into()).ok().and_then(|v| v.as_string()))
    {
        reason.push_str(&[" (", &cause_message, ")"].concat());
    }
    if let Some(key) = &client.api_key {
        reason = reason.replace(key.expose(), "***");
    }
    let message = if reason.is_empty() { context.to_owned() } else { [context, ": ", &reason].concat() };
    Error::new(ErrorCode::NetworkError, message)
}

/// The per-attempt `AbortController`: aborted by a timer and by the caller's signal; both are undone on drop.
struct AbortGuard {
    controller: AbortController,
    timer: JsValue,
    caller_signal: Option<JsValue>,
    abort: Function,
}

impl AbortGuard {
    fn start(timeout_ms: f64, caller_signal: Option<&JsValue>) -> Result<AbortGuard, Error> {
        let no_controller = |_| Error::new(ErrorCode::NetworkError, "AbortController is not available");
        let controller = AbortController::new().map_err(no_controller)?;
        let abort: Function = Reflect::get(&controller, &"abort".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .map(|f| f.bind0(&controller))
            .ok_or_else(|| Error::new(ErrorCode::NetworkError, "AbortController is not available"))?;
        if let Some(signal) = caller_signal {
            if is_aborted(signal) {
                return Err(Error::new(ErrorCode::Aborted, "The call was aborted by its AbortSignal"));
            }
            let _ = call_listener(signal, "addEventListener", &abort);
        }
        let timer = set_timeout(&abort, timeout_ms).unwrap_or(JsValue::UNDEFINED);
        Ok(AbortGuard { controller, timer, caller_signal: caller_signal.cloned(), abort })
    }

    /// Whether our controller was aborted by the timer (rather than by the caller).
    fn fired(&self) -> bool {
        is_aborted(&self.controller.signal()) && !self.caller_aborted()
    }

    fn caller_aborted(&self) -> bool {
        self.caller_signal.as_ref().is_some_and(is_aborted)
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        let _ = clear_timeout(&self.timer);
        if let Some(signal) = &self.caller_signal {
            let _ = call_listener(signal, "removeEventListener", &self.abort);
        }
    }
}

fn is_aborted(signal: &JsValue) -> bool {
    Reflect::get(signal, &"aborted".into()).ok().and_then(|a| a.as_bool()).unwrap_or(false)
}

fn call_listener(signal: &JsValue, method: &str, listener: &Function) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(signal, &method.into())?.dyn_into()?;
    f.call2(signal, &"abort".into(), listener)
}

//! One HTTP attempt: the request built with gloo-net's builder, sent through the global `fetch` or the
//! caller's (called without a receiver, as workerd needs, with the built `web_sys::Request`), and the answer
//! read whole, within one timeout that covers the headers and the body.
//!
//! gloo-net has panics reachable from JS (`unreachable!` when a fetch rejects with a non-`Error`, `panic!`
//! when it resolves to a non-`Response`, `text().unwrap()`); none is reachable from here: we call `fetch`
//! ourselves, check the answer is a `Response` before wrapping it, and read the body through web-sys.

use gloo_net::http::{Method as GlooMethod, RequestBuilder};
use js_sys::{Array, Function, JsString, Promise};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestInit};

use super::js::{self, Timer};

use crate::http::{HttpRequest, Method};
use crate::options::ClientOptions;

/// An answer that arrived whole.
pub struct Answer {
    pub status: u16,
    /// `None` when the body is not JSON.
    pub body: Option<Body>,
    pub retry_after_ms: Option<f64>,
    pub should_retry: Option<bool>,
}

/// A JSON body: as the core reads it, and as the text JS callers' objects are parsed from.
pub struct Body {
    pub json: Value,
    /// Read only by the JS skin (`Answered::to_js`).
    #[cfg_attr(not(feature = "js"), allow(dead_code))]
    pub text: JsString,
}

/// Why no (whole, usable) answer arrived.
pub enum Failure {
    /// The caller's signal aborted the call.
    Aborted,
    /// The attempt's time ran out.
    Timeout,
    /// The request provably never left (connection refused, name not resolved).
    NotSent(String),
    /// The request may have reached the server.
    Network(String),
    /// Something arrived that cannot be read: not a `Response`, a body already read, or too large.
    Unreadable(String),
}

/// Sends `request` once, within `timeout_ms`.
pub async fn attempt(
    options: &ClientOptions,
    fetch: Option<&Function>,
    request: &HttpRequest,
    timeout_ms: f64,
    signal: Option<&AbortSignal>,
) -> Result<Answer, Failure> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(Failure::Aborted);
    }
    let controller = AbortController::new().map_err(|e| Failure::NotSent(js::describe(&e)))?;
    let abort = bound_abort(&controller)?;
    // The attempt ends when the timer fires or the caller aborts, whichever comes first.
    let _timer = Timer::start(&abort, timeout_ms);
    let _forward = signal.map(|s| Listener::add(s, &abort));
    // A fetch may ignore its signal (a caller's, or a global one that a test tool or polyfill replaced): its
    // answer and body are raced against the abort, so it cannot hang the call.
    let (stopped, _stop_listener) = aborted_promise(&controller.signal());
    let classify = |reason: &JsValue| classify(options, reason, signal, &controller);

    let (web_request, body_beside) = build_request(options, fetch.is_some(), request, &controller.signal())?;
    let returned = call_fetch(fetch, &web_request, body_beside.as_ref(), classify)?;
    // From here a request is in flight: whatever ends this attempt (an answer read whole, a refusal, an error)
    // aborts it, so no unread body keeps a connection busy after the call.
    let _cancel = CancelOnDrop { controller: controller.clone() };
    let value = JsFuture::from(race(adopted(&returned), &stopped)).await.map_err(|reason| classify(&reason))?;
    let received = Received::of(options, value)?;
    let text = received.text(options, &stopped).await.map_err(|e| match e {
        TextFailure::Rejected(reason) => classify(&reason),
        TextFailure::Unreadable(failure) => failure,
    })?;
    Ok(received.answer(text))
}

/// The request to send, and the `{ body }` to send beside it when the fetch is the platform's.
///
/// A caller's fetch receives one complete `Request`, as documented. The platform's receives the `Request`
/// without its body and the body as text beside it, `fetch(request, { body })`: given a `Request` with a body,
/// undici pipes that body's stream through a new identity TransformStream (three more web streams per call);
/// the body as text is read as raw `fetch(url, init)` reads it: the same bytes on the wire, and measurably
/// faster in the stack's floor (`bench/impls/floor.mjs`, docs/building.md).
fn build_request(
    options: &ClientOptions,
    callers_fetch: bool,
    request: &HttpRequest,
    signal: &AbortSignal,
) -> Result<(web_sys::Request, Option<RequestInit>), Failure> {
    let url = format!("{}{}", options.base_url, request.path);
    let mut builder = RequestBuilder::new(&url).method(method(request.method)).abort_signal(Some(signal));
    for (name, value) in options.request_headers(request.body.is_some()) {
        builder = builder.header(&name, &value);
    }
    let (built, body_beside) = match &request.body {
        Some(body) if callers_fetch => (builder.body(body.as_str()), None),
        Some(body) => (builder.build(), Some(body_init(body))),
        None => (builder.build(), None),
    };
    let built = built.map_err(|e| Failure::NotSent(redact(options, &e.to_string())))?;
    Ok((built.into(), body_beside))
}

/// Calls the caller's fetch, or the global one, without a receiver (as workerd needs); a synchronous throw is
/// classified as a rejection would be.
fn call_fetch(
    fetch: Option<&Function>,
    request: &web_sys::Request,
    body_beside: Option<&RequestInit>,
    classify: impl Fn(&JsValue) -> Failure,
) -> Result<JsValue, Failure> {
    let fetch = fetch
        .cloned()
        .or_else(js::global_fetch)
        .ok_or_else(|| Failure::NotSent("no global fetch: pass one as the `fetch` option".into()))?;
    match body_beside {
        Some(init) => fetch.call2(&JsValue::UNDEFINED, request, init),
        None => fetch.call1(&JsValue::UNDEFINED, request),
    }
    .map_err(|e| classify(&e))
}

/// What a `fetch` resolved to, read only through catching accessors. It passed `instanceof Response`, yet a
/// caller's `fetch` may give `Object.create(Response.prototype)`, a `Proxy` of a `Response`, or a subclass
/// whose getters throw: web-sys's getters do not catch, and a JS exception thrown through wasm would leave
/// the call's promise unsettled.
struct Received {
    response: web_sys::Response,
    status: u16,
    headers: web_sys::Headers,
    max_bytes: f64,
}

/// Why a body could not be read: the platform's rejection (classified as the fetch's), or the object itself.
enum TextFailure {
    Rejected(JsValue),
    Unreadable(Failure),
}

impl Received {
    fn of(options: &ClientOptions, value: JsValue) -> Result<Received, Failure> {
        let unreadable = |what: &str| Failure::Unreadable(format!("fetch did not give a readable Response ({what})"));
        let response: web_sys::Response = value.dyn_into().map_err(|_| unreadable("not a Response"))?;
        let status = js::member(&response, "status")
            .and_then(|s| s.as_f64())
            .filter(|s| (100.0..=599.0).contains(s) && s.fract() == 0.0)
            .ok_or_else(|| unreadable("status"))? as u16;
        let headers = js::member(&response, "headers")
            .and_then(|h| h.dyn_into::<web_sys::Headers>().ok())
            .ok_or_else(|| unreadable("headers"))?;
        let received = Received { response, status, headers, max_bytes: f64::from(options.max_response_bytes) };
        let length = received.header("content-length").and_then(|n| n.trim().parse::<u32>().ok());
        if length.is_some_and(|n| received.too_large(f64::from(n))) {
            return Err(too_large_failure());
        }
        match js::member(&received.response, "bodyUsed").and_then(|used| used.as_bool()) {
            Some(false) => Ok(received),
            Some(true) => Err(Failure::Unreadable("the response body was already read".into())),
            None => Err(unreadable("bodyUsed")),
        }
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).ok().flatten()
    }

    fn too_large(&self, units: f64) -> bool {
        units > self.max_bytes
    }

    /// The body as text, raced against the abort when the fetch is the caller's.
    async fn text(&self, options: &ClientOptions, stopped: &Promise) -> Result<JsString, TextFailure> {
        let unreadable = |text: String| TextFailure::Unreadable(Failure::Unreadable(redact(options, &text)));
        let promise = self.response.text().map_err(|e| unreadable(js::describe(&e)))?;
        // A subclass's `text()` may return a plain value, a thenable or a promise with a throwing `constructor`.
        let text = JsFuture::from(race(adopted(&promise), stopped)).await.map_err(TextFailure::Rejected)?;
        let text: JsString = text.dyn_into().map_err(|_| unreadable("the body is not text".into()))?;
        // UTF-16 units: a lower bound of the bytes, checked before the text is copied into wasm memory.
        if self.too_large(f64::from(text.length())) {
            return Err(TextFailure::Unreadable(too_large_failure()));
        }
        Ok(text)
    }

    /// The answer, its body read as JSON.
    ///
    /// Copied into wasm memory once and parsed there: reading an object parsed by JS member by member (as
    /// serde-wasm-bindgen does) crosses the boundary several times per member. JS callers get their own object,
    /// parsed from the same text, only when they receive it (`Answered::to_js`).
    fn answer(&self, text: JsString) -> Answer {
        let body = text.as_string().and_then(|copy| serde_json::from_str(&copy).ok()).map(|json| Body { json, text });
        // What a retry decision reads. A 2xx answer is final: its headers are left unread.
        let (retry_after_ms, should_retry) =
            if (200..300).contains(&self.status) { (None, None) } else { self.retry_hints() };
        Answer { status: self.status, body, retry_after_ms, should_retry }
    }

    /// `Retry-After`, `retry-after-ms` and `x-should-retry`, as the retry decision reads them.
    fn retry_hints(&self) -> (Option<f64>, Option<bool>) {
        let retry_after = self.header("retry-after");
        let date_in_ms = retry_after.as_deref().map(|date| js_sys::Date::parse(date) - js::now_ms());
        let delay = crate::retry::requested_delay_ms(
            self.header("retry-after-ms").as_deref(),
            retry_after.as_deref(),
            date_in_ms,
        );
        (delay, crate::retry::should_retry(self.header("x-should-retry").as_deref()))
    }
}

/// `{ body }`, the second argument of `fetch(request, init)`.
fn body_init(body: &str) -> RequestInit {
    let init = RequestInit::new();
    init.set_body(&JsValue::from_str(body));
    init
}

fn method(method: Method) -> GlooMethod {
    match method {
        Method::Get => GlooMethod::GET,
        Method::Post => GlooMethod::POST,
        Method::Patch => GlooMethod::PATCH,
        Method::Delete => GlooMethod::DELETE,
    }
}

fn too_large_failure() -> Failure {
    Failure::Unreadable("the response body is larger than maxResponseBytes".into())
}

fn redact(options: &ClientOptions, text: &str) -> String {
    match &options.api_key {
        Some(key) => key.redact(text),
        None => text.to_owned(),
    }
}

/// Why the fetch (or the body) failed: the caller's abort, our timeout, or the network. "Not sent" only where
/// the platform says so (connection refused, DNS), as Node, Bun and Deno report it.
fn classify(
    options: &ClientOptions,
    reason: &JsValue,
    signal: Option<&AbortSignal>,
    ours: &AbortController,
) -> Failure {
    if signal.is_some_and(AbortSignal::aborted) {
        return Failure::Aborted;
    }
    if ours.signal().aborted() {
        return Failure::Timeout;
    }
    let text = redact(options, &js::describe(reason));
    let code = js::error_code(reason).unwrap_or_default();
    let haystack = format!("{code} {text}").to_ascii_lowercase();
    let refused = ["econnrefused", "enotfound", "eai_again", "connectionrefused", "connection refused", "dns error"]
        .iter()
        .any(|marker| haystack.contains(marker));
    if refused {
        Failure::NotSent(text)
    } else {
        Failure::Network(text)
    }
}

/// `controller.abort` bound to its controller: a plain JS function for timers and listeners (no Rust closure
/// to keep alive or leak).
fn bound_abort(controller: &AbortController) -> Result<Function, Failure> {
    let abort = js_sys::Reflect::get(controller, &"abort".into()).map_err(|e| Failure::NotSent(js::describe(&e)))?;
    let abort: Function = abort.dyn_into().map_err(|_| Failure::NotSent("AbortController has no abort".into()))?;
    Ok(abort.bind0(controller))
}

/// A promise that rejects when `signal` aborts (so a `fetch` that ignores its signal cannot hang the call).
fn aborted_promise(signal: &AbortSignal) -> (Promise, Option<Listener>) {
    let mut listener = None;
    let promise = Promise::new(&mut |_, reject| listener = Some(Listener::add(signal, &reject)));
    (promise, listener)
}

/// A new promise that settles as `value` does, whatever it is. Not `Promise.resolve`, which reads a promise's
/// `constructor` and throws synchronously (through wasm, leaving the call unsettled) when that getter throws; a
/// resolve function turns every failure to adopt `value` (a throwing `then` getter included) into a rejection.
fn adopted(value: &JsValue) -> Promise {
    Promise::new(&mut |resolve, _| {
        let _ = resolve.call1(&JsValue::UNDEFINED, value);
    })
}

/// The first of `promise` and `stopped` to settle.
fn race(promise: Promise, stopped: &Promise) -> Promise {
    Promise::race(&Array::of2(&promise, stopped))
}

/// Aborts a request when dropped, whether or not its answer was read whole (see `drop`).
struct CancelOnDrop {
    controller: AbortController,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        // Unfinished, this stops the transfer. Read whole, it still matters: until its signal aborts, each
        // `Request` keeps a listener on ours and an entry in undici's finalizer, memory that GC did not take
        // back (the memory row of `make bench` found it).
        // The reason is `true`, not nothing: undici answers a missing, `null` or other falsy reason with a new
        // DOMException, whose stack trace made each call measurably slower in Node (the stack's floor in
        // `make bench`). Nobody awaits this fetch any more, so the reason is never seen.
        self.controller.abort_with_reason(&JsValue::TRUE);
    }
}

/// An `abort` listener, removed when dropped.
pub struct Listener {
    signal: AbortSignal,
    handler: Function,
}

impl Listener {
    pub fn add(signal: &AbortSignal, handler: &Function) -> Listener {
        let _ = signal.add_event_listener_with_callback("abort", handler);
        Listener { signal: signal.clone(), handler: handler.clone() }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.signal.remove_event_listener_with_callback("abort", &self.handler);
    }
}

//! The few global functions the client needs that web-sys only offers on `Window` or `WorkerGlobalScope`
//! (Node, Deno, Bun and workerd have neither): timers, the global `fetch`, the clock and randomness. Every
//! binding that can throw is `catch`, so a JS exception never unwinds through wasm.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = clearTimeout, catch)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
    /// `JSON.parse` of a JS string, without bringing the text into wasm memory (js-sys's takes a `&str`).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn parse_json(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

/// A timer that calls `handler` after `ms`; dropping it cancels it (no timer outlives its call).
pub struct Timer(Option<JsValue>);

impl Timer {
    pub fn start(handler: &Function, ms: f64) -> Timer {
        Timer(set_timeout(handler, ms.clamp(0.0, 2_147_483_647.0)).ok())
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(id) = self.0.take() {
            let _ = clear_timeout(&id);
        }
    }
}

/// A promise that resolves after `ms`, and the timer behind it (drop it to cancel).
pub fn delay(ms: f64) -> (Promise, Timer) {
    let mut timer = Timer(None);
    let promise = Promise::new(&mut |resolve, _| timer = Timer::start(&resolve, ms));
    (promise, timer)
}

/// The global `fetch`, looked up at call time (a test or polyfill may install it late), never on `window`.
pub fn global_fetch() -> Option<Function> {
    js_sys::Reflect::get(&js_sys::global(), &"fetch".into()).ok()?.dyn_into().ok()
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A random number in [0, 1), for backoff jitter.
pub fn jitter() -> f64 {
    js_sys::Math::random()
}

/// A JS value as text for a message: an `Error`'s `name: message (code)`, a string as is, anything else by its
/// type. Read with catching getters: a rejection may be any value, even a Proxy that throws.
pub fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    let name = member(value, "name").and_then(|v| v.as_string());
    let message = member(value, "message").and_then(|v| v.as_string());
    match (name, message) {
        (Some(name), Some(message)) => match error_code(value) {
            Some(code) => format!("{name}: {message} ({code})"),
            None => format!("{name}: {message}"),
        },
        _ => format!("fetch failed with a non-Error value ({})", value.js_typeof().as_string().unwrap_or_default()),
    }
}

/// `error.cause.code ?? error.code`: how Node, Bun and Deno say why a connection failed.
pub fn error_code(value: &JsValue) -> Option<String> {
    member(value, "cause")
        .and_then(|cause| member(&cause, "code"))
        .and_then(|c| c.as_string())
        .or_else(|| member(value, "code")?.as_string())
}

/// `target[key]` through a catching binding, for objects only.
pub fn member(target: &JsValue, key: &str) -> Option<JsValue> {
    if target.is_object() {
        js_sys::Reflect::get(target, &key.into()).ok()
    } else {
        None
    }
}

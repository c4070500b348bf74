//! [`Error`] → a real JS `Error` carrying `name`, a stable `code`, `status`, `field`, `errors` (Telnyx's list
//! shape) and `retryAfter`, so callers can `switch (e.code)` and `instanceof Error` holds.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::error::{ApiErrorDetail, Error};

/// The `name` of every error this package throws.
pub const ERROR_NAME: &str = "TelnyxVerifyError";

pub fn to_js(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.message);
    js.set_name(ERROR_NAME);
    set(&js, "code", &error.code.as_str().into());
    if let Some(status) = error.status {
        set(&js, "status", &f64::from(status).into());
    }
    if let Some(field) = &error.field {
        set(&js, "field", &field.into());
    }
    let errors: Array = error.errors.iter().map(detail_to_js).collect();
    set(&js, "errors", &errors);
    if let Some(secs) = error.retry_after {
        set(&js, "retryAfter", &secs.into());
    }
    js.into()
}

/// `{code, title, detail?, source?: {pointer?, parameter?}, meta?: {url?}}`, as Telnyx sends it.
fn detail_to_js(detail: &ApiErrorDetail) -> JsValue {
    let entry = Object::new();
    set(&entry, "code", &detail.code.as_str().into());
    set(&entry, "title", &detail.title.as_str().into());
    if let Some(text) = &detail.detail {
        set(&entry, "detail", &text.into());
    }
    if detail.pointer.is_some() || detail.parameter.is_some() {
        let source = Object::new();
        if let Some(pointer) = &detail.pointer {
            set(&source, "pointer", &pointer.into());
        }
        if let Some(parameter) = &detail.parameter {
            set(&source, "parameter", &parameter.into());
        }
        set(&entry, "source", &source);
    }
    if let Some(url) = &detail.url {
        let meta = Object::new();
        set(&meta, "url", &url.into());
        set(&entry, "meta", &meta);
    }
    entry.into()
}

/// Setting a property on an object we just created cannot fail; the result is ignored on purpose.
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &key.into(), value);
}

/// Whether `value` is an error thrown by this package.
/// By its properties rather than `instanceof Error`, which fails for errors that crossed a realm (an iframe,
/// a worker, Miniflare's isolate).
pub fn is_verify_error(value: &JsValue) -> bool {
    let text = |key: &str| {
        if value.is_object() {
            Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string())
        } else {
            None
        }
    };
    text("name").as_deref() == Some(ERROR_NAME) && text("code").is_some() && text("message").is_some()
}

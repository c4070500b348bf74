//! [`Error`] → a real JS `Error` carrying `name`, a stable `code`, `status`, `field`, `errors` (Telnyx's list
//! shape) and `retryAfter`, so callers can `switch (e.code)` and `instanceof Error` holds.

use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::Error;

#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export type VerifyErrorCode =
  | "validation_failed"
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "request_timeout"
  | "conflict"
  | "unprocessable"
  | "rate_limited"
  | "server_error"
  | "http_error"
  | "network_error"
  | "timeout"
  | "aborted"
  | "decode_error"
  | "webhook_signature_missing"
  | "webhook_signature_invalid"
  | "webhook_timestamp_invalid"
  | "webhook_timestamp_out_of_range"
  | "webhook_key_invalid"
  | "webhook_payload_invalid";

/** One entry of Telnyx's `errors` list; validation errors use the same shape. */
export interface ApiErrorDetail {
  /** Telnyx's code (e.g. "10015"), or for validation: missing_field, unknown_field, invalid_value, not_allowed. */
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: { url?: string };
}

/** Every rejection of this package is a `VerifyError`; test with `isVerifyError`. */
export interface VerifyError extends Error {
  name: "TelnyxVerifyError";
  code: VerifyErrorCode;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** JSON pointer of the offending field, such as `/sms/app_name`. */
  field?: string;
  errors: ApiErrorDetail[];
  /** Seconds the server asked to wait before retrying. */
  retryAfter?: number;
}

export function isVerifyError(value: unknown): value is VerifyError;
"#;

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
    // Telnyx's list shape, as plain objects.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let errors = error.errors.serialize(&serializer).unwrap_or_else(|_| js_sys::Array::new().into());
    set(&js, "errors", &errors);
    if let Some(secs) = error.retry_after {
        set(&js, "retryAfter", &secs.into());
    }
    js.into()
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

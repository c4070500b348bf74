//! `verifyWebhook(rawBody, headers, publicKey, options?)`: a Telnyx delivery verified with `crate::webhooks`, and
//! its event as `JSON.parse` read it (fields Telnyx adds later included). Synchronous: it returns the event or
//! throws a `TelnyxVerifyError` with a `webhook_*` code (or `validation_failed` for an argument of the wrong
//! kind). Arguments are read through `snapshot.js`, so no caller value can throw through wasm.

use js_sys::{Function, Reflect, Uint8Array};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::js_error;
use super::snapshot::to_value_with;
use crate::error::{Error, ErrorCode};
use crate::validate::{check_input, Field, InputRules, Rule};
use crate::webhooks::{self, DEFAULT_TOLERANCE_SECS, SIGNATURE_HEADER, TIMESTAMP_HEADER};

#[wasm_bindgen(module = "/src/wasm/headers.js")]
extern "C" {
    #[wasm_bindgen(js_name = readHeaders)]
    fn read_headers(headers: &JsValue, names: &js_sys::Array) -> JsValue;
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export interface VerifyWebhookOptions {
  /** The largest accepted distance between `telnyx-timestamp` and now, in seconds. Default 300. */
  toleranceSecs?: number;
  /** The clock, in milliseconds since the epoch (default `Date.now`); for tests. */
  now?: () => number;
}

/** A verified Verify event, discriminated on `event_type` (events Telnyx adds later are kept). */
export type VerifyWebhookEvent =
  | (Omit<WebhookEvent, "event_type"> & { event_type: "verify.sent" })
  | (Omit<WebhookEvent, "event_type"> & { event_type: "verify.delivered" })
  | (Omit<WebhookEvent, "event_type"> & { event_type: "verify.failed" })
  | (Omit<WebhookEvent, "event_type"> & { event_type: string & {} });

/**
 * Verifies a Telnyx webhook (Ed25519 over `telnyx-timestamp|rawBody`, within `toleranceSecs`) and returns its
 * event. `rawBody` is the body exactly as received; `publicKey` the portal's base64 key (`TELNYX_PUBLIC_KEY`).
 * Throws a `VerifyError` with a `webhook_*` code otherwise: it never returns an event it could not verify.
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: Headers | Record<string, string | string[] | undefined>,
  publicKey: string,
  options?: VerifyWebhookOptions,
): VerifyWebhookEvent;
"#;

const OPTIONS: InputRules =
    InputRules::strict(&[Field::optional("toleranceSecs", Rule::PositiveInteger), Field::optional("now", Rule::Any)]);

#[wasm_bindgen(js_name = verifyWebhook, skip_typescript)]
pub fn verify_webhook(
    raw_body: JsValue,
    headers: JsValue,
    public_key: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    verify(&raw_body, &headers, &public_key, &options.unwrap_or_default()).map_err(js_error::to_js)
}

fn verify(raw_body: &JsValue, headers: &JsValue, public_key: &JsValue, options: &JsValue) -> Result<JsValue, Error> {
    let key = public_key
        .as_string()
        .ok_or_else(|| Error::new(ErrorCode::WebhookKeyInvalid, "The public key must be a base64 string"))?;
    let key = webhooks::public_key(&key)?;
    let (tolerance, now_ms) = read_options(options)?;
    let body: Vec<u8> = match (raw_body.as_string(), raw_body.dyn_ref::<Uint8Array>()) {
        (Some(text), _) => text.into_bytes(),
        (None, Some(bytes)) => bytes.to_vec(),
        _ => return Err(Error::invalid_field("/rawBody", "must be the body as received: a string or a Uint8Array")),
    };
    let names: js_sys::Array = [SIGNATURE_HEADER, TIMESTAMP_HEADER].iter().map(|n| JsValue::from_str(n)).collect();
    let found = read_headers(headers, &names);
    if let Some(problem) = Reflect::get(&found, &"error".into()).ok().and_then(|e| e.as_string()) {
        return Err(Error::invalid_field("/headers", &problem));
    }
    let values = |name: &str| -> Vec<String> {
        let list = Reflect::get(&found, &name.into()).unwrap_or_default();
        js_sys::Array::from(&list).iter().filter_map(|v| v.as_string()).collect()
    };
    let (signatures, timestamps) = (values(SIGNATURE_HEADER), values(TIMESTAMP_HEADER));
    let (signature, timestamp) = (webhooks::one_value(&signatures), webhooks::one_value(&timestamps));
    let now_secs = (now_ms / 1000.0).floor() as i64;
    webhooks::verify_signature(&body, signature, timestamp, &key, now_secs, tolerance)?;
    let invalid = || Error::new(ErrorCode::WebhookPayloadInvalid, "The verified body is not a JSON Telnyx event");
    let text = String::from_utf8(body).map_err(|_| invalid())?;
    // Checked in Rust, handed out as JS parses it (every member Telnyx sent).
    let json: Value = serde_json::from_str(&text).map_err(|_| invalid())?;
    webhooks::parse_event(&json)?;
    let parsed = js_sys::JSON::parse(&text).map_err(|_| invalid())?;
    Ok(Reflect::get(&parsed, &"data".into()).unwrap_or_default())
}

/// `(toleranceSecs, now in ms)`.
fn read_options(options: &JsValue) -> Result<(u64, f64), Error> {
    if options.is_undefined() || options.is_null() {
        return Ok((DEFAULT_TOLERANCE_SECS, js_sys::Date::now()));
    }
    let (json, [now]) = to_value_with(options, "", ["now"])?;
    let violations = check_input(&json, &OPTIONS, "");
    if !violations.is_empty() {
        return Err(Error::validation(violations));
    }
    let tolerance = json.get("toleranceSecs").and_then(Value::as_u64).unwrap_or(DEFAULT_TOLERANCE_SECS);
    let now_ms = match now {
        None => js_sys::Date::now(),
        Some(now) => {
            let now: Function = now.dyn_into().map_err(|_| Error::invalid_field("/now", "must be a function"))?;
            now.call0(&JsValue::UNDEFINED)
                .ok()
                .and_then(|v| v.as_f64())
                .filter(|ms| ms.is_finite())
                .ok_or_else(|| Error::invalid_field("/now", "must return milliseconds since the epoch"))?
        }
    };
    Ok((tolerance, now_ms))
}

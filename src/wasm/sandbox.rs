//! `createSandbox()`: the emulated Verify API (`crate::sandbox`) as an object with a `fetch` (pass it as
//! `VerifyClient`'s `fetch`) and an `outbox(phone_number?)` of what the user would have received.
//!
//! The clock and the random source are the caller's when given (`now`, `random`), so tests are deterministic;
//! otherwise `Date.now()` and `crypto.getRandomValues`.

use std::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::js_error;
use super::options::read;
use super::snapshot::to_value;
use crate::error::Error;
use crate::sandbox::{Body, Limits, Random, Request, Sandbox, DEFAULT_LIMITS};
use crate::validate::{Field, InputRules, Rule};
use serde_json::Value;

#[wasm_bindgen(module = "/src/wasm/sandbox.js")]
extern "C" {
    #[wasm_bindgen(js_name = wrapSandbox)]
    fn wrap_sandbox(core: SandboxCore) -> JsValue;
    #[wasm_bindgen(js_name = secureRandom)]
    fn secure_random() -> u32;
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export interface SandboxLimits {
  profiles: number;
  templates: number;
  verifications: number;
  messages: number;
  verified_numbers: number;
}

export interface SandboxOptions {
  /** The clock, in milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
  /** A random 32-bit unsigned integer (default `crypto.getRandomValues`). */
  random?: () => number;
  /** How many entries of each kind are kept; past a limit the oldest is evicted. */
  limits?: Partial<SandboxLimits>;
  /**
   * Start from what `exportState()` gave (a host that is restarted or evicted keeps it in storage): the same
   * profiles, verifications, codes, outbox and webhook key. A state that does not read whole is refused.
   */
  state?: string;
}

/** What the end user would have received. */
export interface OutboxMessage {
  id: string;
  phone_number: string;
  channel: "sms" | "call" | "flashcall" | "whatsapp" | "psd2" | "verified_number";
  /** The sender: the alpha sender, "Telnyx", or the calling number of a flash call. */
  from: string;
  /** What the user reads (or hears, for a call). */
  text: string;
  code: string;
  verification_id: string | null;
  created_at: string;
}

/** A signed event the sandbox emitted for a profile's `webhook_url`. */
export interface WebhookDelivery {
  id: string;
  url: string;
  failover_url: string | null;
  /** `content-type`, `telnyx-signature-ed25519`, `telnyx-timestamp`. */
  headers: Record<string, string>;
  /** The raw body, as signed. */
  body: string;
  /** The status of the last POST (`deliverWebhooks`), or null while not delivered. */
  status: number | null;
  delivered_to: string | null;
}

/** The Verify API emulated in the package: no account, no key, no network. */
export interface Sandbox {
  /** The base64 Ed25519 public key that verifies this sandbox's webhooks (its `TELNYX_PUBLIC_KEY`). */
  readonly webhookPublicKey: string;
  /** The webhooks emitted (signed `verify.sent`, then `verify.delivered` or `verify.failed`), newest first. */
  webhooks(): WebhookDelivery[];
  /**
   * POSTs the webhooks not yet delivered, oldest first, with `fetch` (default: the global one); a non-2xx answer
   * is retried once at the profile's `webhook_failover_url`. Resolves to how many were POSTed.
   */
  deliverWebhooks(fetch?: (url: string, init: RequestInit) => Promise<Response>): Promise<number>;
  /** A `fetch` that answers like the Verify API: pass it as `VerifyClient`'s `fetch`. */
  fetch(input: string | Request, init?: RequestInit): Promise<Response>;
  /** Messages the user would have received, newest first; only for `phone_number` when given. */
  outbox(phone_number?: string): OutboxMessage[];
  /**
   * Everything this sandbox holds, as JSON text, for `createSandbox({ state })`. It includes the webhook signing
   * key and the pending codes: store it where only the host can read it.
   */
  exportState(): string;
}

export function createSandbox(options?: SandboxOptions): Sandbox;

/**
 * The ISO 3166-1 alpha-2 code of the country a `+E.164` number rings in, or `undefined` when the package's table
 * does not know it (then an allow-list should refuse it). NANP members other than the US and Canada have their own
 * codes: `countryOf("+18765550100")` is `"JM"`.
 */
export function countryOf(phone_number: string): string | undefined;
"#;

const LIMIT: Rule = Rule::PositiveInteger;
const OPTIONS: InputRules = InputRules::strict(&[
    Field::optional("now", Rule::Any),
    Field::optional("random", Rule::Any),
    Field::optional(
        "limits",
        Rule::Object(&InputRules::strict(&[
            Field::optional("profiles", LIMIT),
            Field::optional("templates", LIMIT),
            Field::optional("verifications", LIMIT),
            Field::optional("messages", LIMIT),
            Field::optional("verified_numbers", LIMIT),
        ])),
    ),
    Field::optional("state", Rule::AnyText),
]);

/// The Rust side of a sandbox; `sandbox.js` wraps it.
#[wasm_bindgen(skip_typescript)]
pub struct SandboxCore {
    sandbox: RefCell<Sandbox>,
    now: Option<Function>,
    random: Option<Function>,
}

/// Throws a `TelnyxVerifyError` (`validation_failed`) for invalid options.
#[wasm_bindgen(js_name = createSandbox, skip_typescript)]
pub fn create_sandbox(options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let (json, [now, random]) = read(&options, ["now", "random"], &OPTIONS).map_err(js_error::to_js)?;
    let function = |value: Option<JsValue>, pointer: &str| match value {
        None => Ok(None),
        Some(v) => v.dyn_into::<Function>().map(Some).map_err(|_| Error::invalid_field(pointer, "must be a function")),
    };
    let (now, random) = (function(now, "/now"), function(random, "/random"));
    let (now, random) = (now.map_err(js_error::to_js)?, random.map_err(js_error::to_js)?);
    // `random: Math.random` would make every id and code 0: the function must give 32-bit unsigned integers.
    if let Some(f) = &random {
        let sample = f.call0(&JsValue::UNDEFINED).ok().and_then(|v| v.as_f64());
        let integer = sample.is_some_and(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n));
        if !integer {
            let message = "must return an integer from 0 to 4294967295 (Math.random does not)";
            return Err(js_error::to_js(Error::invalid_field("/random", message)));
        }
    }
    let limit = |key: &str, default: usize| {
        json.get("limits").and_then(|l| l.get(key)).and_then(Value::as_u64).map_or(default, |n| n as usize)
    };
    let d = DEFAULT_LIMITS;
    let limits = Limits {
        profiles: limit("profiles", d.profiles),
        templates: limit("templates", d.templates),
        verifications: limit("verifications", d.verifications),
        messages: limit("messages", d.messages),
        verified_numbers: limit("verified_numbers", d.verified_numbers),
    };
    let sandbox = match json.get("state").and_then(Value::as_str) {
        Some(text) => restore(text, limits).map_err(js_error::to_js)?,
        None => {
            let mut sandbox = Sandbox::new(limits);
            // The webhook signing key: from `crypto.getRandomValues` unless the caller gave `random` (tests).
            let mut seed = [0u8; 32];
            let mut source = JsRandom(&random);
            for chunk in seed.chunks_mut(4) {
                chunk.copy_from_slice(&source.next_u32().to_le_bytes());
            }
            sandbox.set_webhook_seed(seed);
            sandbox
        }
    };
    Ok(wrap_sandbox(SandboxCore { sandbox: RefCell::new(sandbox), now, random }))
}

/// A sandbox from `exportState()`'s text; a `validation_failed` at `/state` when it does not read whole.
fn restore(text: &str, limits: Limits) -> Result<Sandbox, Error> {
    let state = serde_json::from_str(text).map_err(|_| Error::invalid_field("/state", "is not JSON"))?;
    Sandbox::import_state(state, limits).map_err(|reason| Error::invalid_field("/state", &reason))
}

/// `countryOf(phone_number)`: see `crate::countries`. Anything that is not a string has no country.
#[wasm_bindgen(js_name = countryOf, skip_typescript)]
pub fn country_of(phone_number: JsValue) -> Option<String> {
    phone_number.as_string().and_then(|phone| crate::countries::country_of(&phone)).map(str::to_owned)
}

/// The caller's `random`, else `crypto.getRandomValues`.
struct JsRandom<'a>(&'a Option<Function>);

impl Random for JsRandom<'_> {
    fn next_u32(&mut self) -> u32 {
        match self.0 {
            Some(f) => f.call0(&JsValue::UNDEFINED).ok().and_then(|v| v.as_f64()).map_or(0, |n| n as u32),
            None => secure_random(),
        }
    }
}

#[wasm_bindgen]
impl SandboxCore {
    /// Answers a request: `{status, body}` with the body as JSON text.
    pub fn handle(&self, method: String, path: String, authorization: Option<String>, body: Option<String>) -> JsValue {
        let body = match body.as_deref().filter(|b| !b.trim().is_empty()) {
            None => Body::None,
            Some(text) => match js_sys::JSON::parse(text).ok().map(|parsed| to_value(&parsed, "")) {
                Some(Ok(json)) => Body::Json(json),
                _ => Body::Invalid,
            },
        };
        let now = match &self.now {
            Some(f) => f.call0(&JsValue::UNDEFINED).ok().and_then(|v| v.as_f64()).unwrap_or_else(js_sys::Date::now),
            None => js_sys::Date::now(),
        };
        let request = Request { method: &method, path: &path, authorization: authorization.as_deref(), body };
        let (status, text) = match self.sandbox.try_borrow_mut() {
            Ok(mut sandbox) => {
                let response = sandbox.handle(request, now, &mut JsRandom(&self.random));
                (response.status, response.body.to_string())
            }
            Err(_) => (500, r#"{"errors":[{"code":"10007","title":"Unexpected error"}]}"#.to_owned()),
        };
        let answer = js_sys::Object::new();
        js_error::set(&answer, "status", &f64::from(status).into());
        js_error::set(&answer, "body", &text.into());
        answer.into()
    }

    /// The base64 public key of the sandbox's webhook signatures.
    #[wasm_bindgen(js_name = webhookPublicKey)]
    pub fn webhook_public_key(&self) -> String {
        self.sandbox.try_borrow().map(|s| s.webhook_public_key()).unwrap_or_default()
    }

    /// The webhooks emitted, newest first (`pending`: only those not yet delivered, oldest first).
    pub fn webhooks(&self, pending: bool) -> JsValue {
        let Ok(sandbox) = self.sandbox.try_borrow() else { return js_sys::Array::new().into() };
        let list: Vec<Value> = if pending {
            sandbox.pending_webhooks().iter().map(|d| d.to_json()).collect()
        } else {
            sandbox.webhooks().iter().map(|d| d.to_json()).collect()
        };
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&list, &serializer).unwrap_or_else(|_| js_sys::Array::new().into())
    }

    /// Records that webhook `id` was POSTed to `url` and answered `status` (strings from `sandbox.js`).
    #[wasm_bindgen(js_name = recordWebhook)]
    pub fn record_webhook(&self, id: JsValue, url: JsValue, status: JsValue) {
        let (Some(id), Some(url), Some(status)) = (id.as_string(), url.as_string(), status.as_f64()) else { return };
        if let Ok(mut sandbox) = self.sandbox.try_borrow_mut() {
            sandbox.record_webhook(&id, &url, status.clamp(0.0, 999.0) as u16);
        }
    }

    /// The whole state as JSON text (`createSandbox({ state })` starts from it).
    #[wasm_bindgen(js_name = exportState)]
    pub fn export_state(&self) -> String {
        self.sandbox.try_borrow().map(|s| s.export_state().to_string()).unwrap_or_default()
    }

    /// The outbox as an array of plain objects, newest first. A `JsValue`, not `Option<String>`: this is called
    /// with the caller's value, and wasm-bindgen's string glue assumes a JS string (a number would corrupt memory).
    pub fn outbox(&self, phone_number: JsValue) -> Result<JsValue, JsValue> {
        let phone = phone_number.as_string();
        if phone.is_none() && !phone_number.is_undefined() && !phone_number.is_null() {
            return Err(js_error::to_js(crate::error::Error::invalid_field("/phone_number", "must be a string")));
        }
        let Ok(sandbox) = self.sandbox.try_borrow() else { return Ok(js_sys::Array::new().into()) };
        let messages: Vec<Value> = sandbox.outbox(phone.as_deref()).iter().map(|m| m.to_json()).collect();
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        Ok(serde::Serialize::serialize(&messages, &serializer).unwrap_or_else(|_| js_sys::Array::new().into()))
    }
}

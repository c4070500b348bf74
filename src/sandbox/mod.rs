//! The Verify API emulated in Rust: profiles, message templates, verifications with real codes, expiry,
//! attempts, superseding, destinations, verified numbers, and the Telnyx error envelope. Sans-IO: a request
//! and the current time go in, a response comes out. The wasm layer exposes it as a `fetch` function
//! (`createSandbox`), so the client talks to it exactly as it talks to Telnyx.
//!
//! Behaviour where the docs are silent, chosen to be predictable and documented:
//! - a verification allows [`MAX_ATTEMPTS`] wrong codes; then it is `invalid` (spent), and even the right code
//!   is `rejected`;
//! - it expires `timeout_secs` after creation (the request's, else the profile channel's default, else 300):
//!   a check at that instant or later answers `rejected` and marks it `expired`;
//! - a new verification for the same number and profile supersedes the pending one, which becomes `expired`;
//! - a flash call's code is the last [`FLASHCALL_CODE_LENGTH`] digits of the calling number;
//! - any `Authorization: Bearer <token>` is accepted; none answers 401 with code 10009;
//! - a verification sent to a profile with a `webhook_url` emits signed `verify.sent`, then `verify.delivered`
//!   events, or `verify.failed` for a number of the North American fictional range 555-0100 to 555-0199
//!   (`+1NXX5550100`…`+1NXX5550199`, reserved for fiction, so no real number is ever "undeliverable" here). The
//!   events are signed with the sandbox's own Ed25519 key ([`Sandbox::webhook_public_key`]) and kept as
//!   [`WebhookDelivery`]s for the host to POST (the sandbox server does, with the failover on a non-2xx).

mod ids;
mod render;
mod routes;
mod state;
mod store;
mod webhooks;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use store::Bounded;

pub use crate::countries::country_of;
pub use ids::Random;
pub use routes::MAX_CODE_LENGTH;

/// An object from `(key, value)` pairs, in that order.
fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(members.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A number as JSON: whole numbers as integers (`300`, not `300.0`), as the API writes them.
fn number(n: f64) -> Value {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

/// Setting one member of an object value (other values are left alone).
trait SetMember {
    fn set(&mut self, key: &str, value: Value);
}

impl SetMember for Value {
    fn set(&mut self, key: &str, value: Value) {
        if let Value::Object(members) = self {
            members.insert(key.to_owned(), value);
        }
    }
}

/// Wrong codes a verification tolerates before it is spent.
pub const MAX_ATTEMPTS: u32 = 5;
/// Digits of a flash call's code (the end of the calling number).
pub const FLASHCALL_CODE_LENGTH: usize = 4;
/// Seconds a code is valid when neither the request nor the profile says.
pub const DEFAULT_TIMEOUT_SECS: f64 = 300.0;
/// Digits of a generated code when the profile does not say.
pub const DEFAULT_CODE_LENGTH: f64 = 5.0;

/// How many entries of each kind the sandbox keeps; past a limit the oldest is evicted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Verify profiles.
    pub profiles: usize,
    /// Message templates.
    pub templates: usize,
    /// Verifications.
    pub verifications: usize,
    /// Messages the end users would have received.
    pub messages: usize,
    /// Verified numbers.
    pub verified_numbers: usize,
}

/// The limits a sandbox has unless told otherwise.
pub const DEFAULT_LIMITS: Limits =
    Limits { profiles: 200, templates: 50, verifications: 1000, messages: 200, verified_numbers: 200 };

/// An HTTP request as the sandbox sees it.
pub struct Request<'a> {
    /// `GET`, `POST`, `PATCH` or `DELETE`.
    pub method: &'a str,
    /// Path and query, with or without the `/v2` prefix.
    pub path: &'a str,
    /// The `Authorization` header, if any.
    pub authorization: Option<&'a str>,
    /// The body, read as JSON.
    pub body: Body,
}

/// A request's body, as the host read it.
pub enum Body {
    /// No body.
    None,
    /// A JSON body.
    Json(Value),
    /// A body that is not JSON.
    Invalid,
}

/// What the sandbox answers: an HTTP status and a JSON body, as the API would.
#[derive(Debug, PartialEq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
}

/// A verification and what only the server knows about it (its code and attempts).
#[derive(Clone, Serialize, Deserialize)]
struct Verification {
    id: String,
    kind: String,
    phone_number: String,
    profile_id: String,
    code: String,
    custom_code: Option<String>,
    status: String,
    attempts: u32,
    timeout_secs: f64,
    created_ms: f64,
    updated_ms: f64,
}

impl Verification {
    fn expires_at_ms(&self) -> f64 {
        self.created_ms + self.timeout_secs * 1000.0
    }

    fn to_json(&self) -> Value {
        object([
            ("id", Value::String(self.id.clone())),
            ("type", Value::String(self.kind.clone())),
            ("status", Value::String(self.status.clone())),
            ("phone_number", Value::String(self.phone_number.clone())),
            ("verify_profile_id", Value::String(self.profile_id.clone())),
            ("timeout_secs", number(self.timeout_secs)),
            ("custom_code", self.custom_code.clone().map_or(Value::Null, Value::String)),
            ("record_type", Value::String("verification".into())),
            ("created_at", Value::String(ids::timestamp(self.created_ms))),
            ("updated_at", Value::String(ids::timestamp(self.updated_ms))),
        ])
    }
}

/// A registration of a caller number (the verified-numbers product).
#[derive(Clone, Serialize, Deserialize)]
struct VerifiedNumber {
    phone_number: String,
    code: String,
    verified_ms: Option<f64>,
}

impl VerifiedNumber {
    fn to_json(&self) -> Value {
        object([
            ("phone_number", Value::String(self.phone_number.clone())),
            ("record_type", Value::String("verified_number".into())),
            ("verified_at", self.verified_ms.map_or(Value::Null, |ms| Value::String(ids::timestamp(ms)))),
        ])
    }
}

/// What the end user would have received.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// Its identifier.
    pub id: String,
    /// The number it went to, in E.164 form.
    pub phone_number: String,
    /// `sms`, `call`, `flashcall`, `whatsapp`, `psd2`, or `verified_number`.
    pub channel: String,
    /// Who it comes from: the alpha sender, "Telnyx", or the calling number of a flash call.
    pub from: String,
    /// What the user reads or hears.
    pub text: String,
    /// The code in it.
    pub code: String,
    /// The verification it belongs to (none for a verified number's code).
    pub verification_id: Option<String>,
    /// When it was sent, in milliseconds since the epoch.
    pub created_ms: f64,
}

impl Message {
    /// The message as the sandbox's JS API shows it.
    pub fn to_json(&self) -> Value {
        object([
            ("id", Value::String(self.id.clone())),
            ("phone_number", Value::String(self.phone_number.clone())),
            ("channel", Value::String(self.channel.clone())),
            ("from", Value::String(self.from.clone())),
            ("text", Value::String(self.text.clone())),
            ("code", Value::String(self.code.clone())),
            ("verification_id", self.verification_id.clone().map_or(Value::Null, Value::String)),
            ("created_at", Value::String(ids::timestamp(self.created_ms))),
        ])
    }
}

/// A signed event the sandbox emitted, as it is (or would be) POSTed to the profile's webhook URL.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WebhookDelivery {
    /// The event's id.
    pub id: String,
    /// The profile's `webhook_url`.
    pub url: String,
    /// Where to retry when `url` answers non-2xx (the profile's `webhook_failover_url`).
    pub failover_url: Option<String>,
    /// The signature headers, as Telnyx sends them.
    pub headers: Vec<(String, String)>,
    /// The signed JSON, exactly as POSTed.
    pub body: String,
    /// The HTTP status of the last attempt, once the host delivered it.
    pub status: Option<u16>,
    /// The URL that answered `status`.
    pub delivered_to: Option<String>,
}

impl WebhookDelivery {
    /// The delivery as the sandbox's JS API shows it.
    pub fn to_json(&self) -> Value {
        object([
            ("id", Value::String(self.id.clone())),
            ("url", Value::String(self.url.clone())),
            ("failover_url", self.failover_url.clone().map_or(Value::Null, Value::String)),
            (
                "headers",
                Value::Object(self.headers.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect()),
            ),
            ("body", Value::String(self.body.clone())),
            ("status", self.status.map_or(Value::Null, Value::from)),
            ("delivered_to", self.delivered_to.clone().map_or(Value::Null, Value::String)),
        ])
    }
}

/// The emulated API and its state.
///
/// ```
/// use telnyx_verify_wasm::sandbox::{Body, Random, Request, Sandbox, DEFAULT_LIMITS};
///
/// struct Counter(u32);
/// impl Random for Counter {
///     fn next_u32(&mut self) -> u32 {
///         self.0 += 1;
///         self.0
///     }
/// }
///
/// let mut sandbox = Sandbox::new(DEFAULT_LIMITS);
/// let body = serde_json::json!({ "name": "Demo", "sms": { "app_name": "Demo" } });
/// let request = Request { method: "POST", path: "/v2/verify_profiles", authorization: Some("Bearer any"), body: Body::Json(body) };
/// let created = sandbox.handle(request, 1.7e12, &mut Counter(0));
/// assert_eq!(created.status, 200);
/// assert!(created.body["data"]["id"].is_string());
/// ```
pub struct Sandbox {
    webhook_seed: [u8; 32],
    webhooks: Bounded<WebhookDelivery>,
    profiles: Bounded<Value>,
    templates: Bounded<Value>,
    verifications: Bounded<Verification>,
    messages: Bounded<Message>,
    verified_numbers: Bounded<VerifiedNumber>,
}

/// The message template every sandbox starts with (the spec's example text).
pub const DEFAULT_TEMPLATE_ID: &str = "0abb5b4f-459f-445a-bfcd-488998b7572d";
/// The text of [`DEFAULT_TEMPLATE_ID`].
pub const DEFAULT_TEMPLATE_TEXT: &str = "Your {{app_name}} verification code is: {{code}}.";
const SHORT_TEMPLATE_ID: &str = "8d5e4f6c-2b1a-4c3d-9e8f-7a6b5c4d3e2f";
const SHORT_TEMPLATE_TEXT: &str = "{{code}} is your {{app_name}} code.";

impl Sandbox {
    /// An empty sandbox (but for the two templates every account has) that keeps at most `limits`.
    pub fn new(limits: Limits) -> Sandbox {
        let mut templates = Bounded::new(limits.templates);
        for (id, text) in [(DEFAULT_TEMPLATE_ID, DEFAULT_TEMPLATE_TEXT), (SHORT_TEMPLATE_ID, SHORT_TEMPLATE_TEXT)] {
            templates.push(object([("id", Value::String(id.into())), ("text", Value::String(text.into()))]));
        }
        Sandbox {
            webhook_seed: [0; 32],
            webhooks: Bounded::new(limits.messages),
            profiles: Bounded::new(limits.profiles),
            templates,
            verifications: Bounded::new(limits.verifications),
            messages: Bounded::new(limits.messages),
            verified_numbers: Bounded::new(limits.verified_numbers),
        }
    }

    /// Answers one request at time `now_ms` (milliseconds since the Unix epoch).
    pub fn handle(&mut self, request: Request<'_>, now_ms: f64, random: &mut dyn Random) -> Response {
        routes::handle(self, request, now_ms, random)
    }

    /// What the user would have received, newest first; only for `phone_number` when given.
    pub fn outbox(&self, phone_number: Option<&str>) -> Vec<&Message> {
        self.messages.iter().rev().filter(|m| phone_number.is_none_or(|p| m.phone_number == p)).collect()
    }

    /// Signs the webhooks with the Ed25519 key of this 32-byte seed (draw it from a secure random source).
    pub fn set_webhook_seed(&mut self, seed: [u8; 32]) {
        self.webhook_seed = seed;
    }

    /// The base64 public key that verifies this sandbox's webhooks (its `TELNYX_PUBLIC_KEY`).
    pub fn webhook_public_key(&self) -> String {
        crate::webhooks::public_key_of(&self.webhook_seed)
    }

    /// The webhooks emitted, newest first.
    pub fn webhooks(&self) -> Vec<&WebhookDelivery> {
        self.webhooks.iter().rev().collect()
    }

    /// The webhooks not yet delivered, oldest first (the order to POST them in).
    pub fn pending_webhooks(&self) -> Vec<WebhookDelivery> {
        self.webhooks.iter().filter(|d| d.status.is_none()).cloned().collect()
    }

    /// Records the outcome of delivering webhook `id` to `url`.
    pub fn record_webhook(&mut self, id: &str, url: &str, status: u16) {
        if let Some(delivery) = self.webhooks.find_mut(|d| d.id == id) {
            delivery.status = Some(status);
            delivery.delivered_to = Some(url.to_owned());
        }
    }

    /// How many entries are kept now: (profiles, templates, verifications, messages, verified numbers).
    pub fn sizes(&self) -> (usize, usize, usize, usize, usize) {
        (
            self.profiles.len(),
            self.templates.len(),
            self.verifications.len(),
            self.messages.len(),
            self.verified_numbers.len(),
        )
    }
}

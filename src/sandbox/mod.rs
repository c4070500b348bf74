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
//! - any `Authorization: Bearer <token>` is accepted; none answers 401 with code 10009.

mod countries;
mod ids;
mod render;
mod routes;
mod store;

use serde_json::Value;
use store::Bounded;

pub use countries::country_of;
pub use ids::Random;

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
    pub profiles: usize,
    pub templates: usize,
    pub verifications: usize,
    pub messages: usize,
    pub verified_numbers: usize,
}

pub const DEFAULT_LIMITS: Limits =
    Limits { profiles: 200, templates: 50, verifications: 1000, messages: 200, verified_numbers: 200 };

/// An HTTP request as the sandbox sees it.
pub struct Request<'a> {
    pub method: &'a str,
    /// Path and query, with or without the `/v2` prefix.
    pub path: &'a str,
    pub authorization: Option<&'a str>,
    pub body: Body,
}

pub enum Body {
    None,
    Json(Value),
    /// A body that is not JSON.
    Invalid,
}

#[derive(Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: Value,
}

/// A verification and what only the server knows about it (its code and attempts).
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
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub id: String,
    pub phone_number: String,
    /// `sms`, `call`, `flashcall`, `whatsapp`, `psd2`, or `verified_number`.
    pub channel: String,
    /// Who it comes from: the alpha sender, "Telnyx", or the calling number of a flash call.
    pub from: String,
    /// What the user reads or hears.
    pub text: String,
    pub code: String,
    pub verification_id: Option<String>,
    pub created_ms: f64,
}

impl Message {
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

/// The emulated API and its state.
pub struct Sandbox {
    profiles: Bounded<Value>,
    templates: Bounded<Value>,
    verifications: Bounded<Verification>,
    messages: Bounded<Message>,
    verified_numbers: Bounded<VerifiedNumber>,
}

/// The message template every sandbox starts with (the spec's example text).
pub const DEFAULT_TEMPLATE_ID: &str = "0abb5b4f-459f-445a-bfcd-488998b7572d";
pub const DEFAULT_TEMPLATE_TEXT: &str = "Your {{app_name}} verification code is: {{code}}.";
const SHORT_TEMPLATE_ID: &str = "8d5e4f6c-2b1a-4c3d-9e8f-7a6b5c4d3e2f";
const SHORT_TEMPLATE_TEXT: &str = "{{code}} is your {{app_name}} code.";

impl Sandbox {
    pub fn new(limits: Limits) -> Sandbox {
        let mut templates = Bounded::new(limits.templates);
        for (id, text) in [(DEFAULT_TEMPLATE_ID, DEFAULT_TEMPLATE_TEXT), (SHORT_TEMPLATE_ID, SHORT_TEMPLATE_TEXT)] {
            templates.push(object([("id", Value::String(id.into())), ("text", Value::String(text.into()))]));
        }
        Sandbox {
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

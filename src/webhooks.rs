//! Telnyx's signed webhooks: verification of a delivery, and the typed event it carries.
//!
//! The scheme (Telnyx's webhook signing, as its API reference describes it): headers `telnyx-signature-ed25519`
//! (base64 of a 64-byte Ed25519 signature) and `telnyx-timestamp` (Unix seconds); the signed message is the
//! timestamp header, `|`, and the raw body exactly as received; the key is the portal's base64 32-byte public
//! key; deliveries older or newer than the tolerance (300 s) are refused. Verification fails closed: every
//! failure is an [`Error`] with a stable `webhook_*` code, and no event is returned that was not verified.
//! Messages never contain the body or the key.
//!
//! Sans-IO: the clock is the caller's. `verify_signature` checks the bytes; `parse_event` reads the verified
//! JSON (the JS skin parses with `JSON.parse`, so no JSON parser ships in the `.wasm`); [`verify_webhook`] does
//! both for Rust callers.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, ErrorCode};

/// The header that carries the event's Ed25519 signature (base64).
pub const SIGNATURE_HEADER: &str = "telnyx-signature-ed25519";
/// The header that carries the time of signing (Unix seconds), signed with the body.
pub const TIMESTAMP_HEADER: &str = "telnyx-timestamp";
/// Telnyx's replay window, as in the official SDKs.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;

crate::open_enum! {
    /// The Verify events the docs name; others Telnyx adds later are kept as `Other`.
    EventType {
        /// The code was sent.
        Sent = "verify.sent",
        /// The code was delivered.
        Delivered = "verify.delivered",
        /// The code could not be sent or delivered.
        Failed = "verify.failed",
    }
}

/// A verified event: the `data` of Telnyx's `{data, meta}` envelope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct WebhookEvent {
    /// The event's id (a retried delivery has the same one).
    pub id: String,
    /// What happened.
    pub event_type: EventType,
    /// Timestamps may lack a timezone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred_at: Option<String>,
    /// `event`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// The verification it is about.
    pub payload: VerifyEventPayload,
}

/// What a Verify event says about its verification, as far as the docs go. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VerifyEventPayload {
    /// The verification's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The verification's channel (`type` on the wire).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::model::VerificationType>,
    /// The verification's status (`pending`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::model::VerificationStatus>,
    /// `sent`, `delivered`, `sending_failed`, `delivery_failed`, `delivery_unconfirmed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_status: Option<String>,
    /// The number it was sent to, in E.164 form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// The verify profile's id (the docs call it `profile_id` here, not `verify_profile_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_id: Option<String>,
    /// `verification`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// When the verification was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When it last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

#[derive(Deserialize)]
struct Envelope<T> {
    data: T,
}

fn fail(code: ErrorCode, message: &str) -> Error {
    Error::new(code, message)
}

/// A base64 public key as Ed25519's 32 bytes, or `webhook_key_invalid`. A key of small order is refused: with
/// one, a forged signature (R the identity, S zero) verifies for any body under the cofactorless equation.
#[doc(hidden)] // not API: its type is ed25519-dalek's; tests reach it through `internals::webhooks`
pub fn public_key(base64_key: &str) -> Result<VerifyingKey, Error> {
    let bytes = STANDARD.decode(base64_key.trim()).ok().and_then(|b| <[u8; 32]>::try_from(b).ok());
    bytes
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
        .filter(|key| !key.is_weak())
        .ok_or_else(|| fail(ErrorCode::WebhookKeyInvalid, "The public key is not base64 of a 32-byte Ed25519 key"))
}

/// Checks a delivery's signature and timestamp. `signature` and `timestamp` are the header values (`None` when
/// absent; a header sent twice arrives joined with `, ` and fails as malformed), `now_secs` the clock.
pub(crate) fn verify_signature(
    raw_body: &[u8],
    signature: Option<&str>,
    timestamp: Option<&str>,
    key: &VerifyingKey,
    now_secs: i64,
    tolerance_secs: u64,
) -> Result<(), Error> {
    let (Some(signature), Some(timestamp)) = (signature, timestamp) else {
        return Err(fail(
            ErrorCode::WebhookSignatureMissing,
            "The telnyx-signature-ed25519 and telnyx-timestamp headers are required",
        ));
    };
    let seconds = (!timestamp.is_empty() && timestamp.len() <= 12 && timestamp.bytes().all(|b| b.is_ascii_digit()))
        .then(|| timestamp.parse::<i64>().ok())
        .flatten()
        .ok_or_else(|| fail(ErrorCode::WebhookTimestampInvalid, "telnyx-timestamp must be whole Unix seconds"))?;
    if seconds.abs_diff(now_secs) > tolerance_secs {
        return Err(fail(
            ErrorCode::WebhookTimestampOutOfRange,
            &format!("telnyx-timestamp is more than {tolerance_secs} s away from now"),
        ));
    }
    let signature = STANDARD
        .decode(signature.trim())
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b))
        .ok_or_else(|| {
            fail(ErrorCode::WebhookSignatureInvalid, "telnyx-signature-ed25519 is not base64 of a 64-byte signature")
        })?;
    let mut message = Vec::with_capacity(timestamp.len() + 1 + raw_body.len());
    message.extend_from_slice(timestamp.as_bytes());
    message.push(b'|');
    message.extend_from_slice(raw_body);
    // verify_strict: rejects weak keys and malleable signatures; dalek compares in constant time.
    key.verify_strict(&message, &signature)
        .map_err(|_| fail(ErrorCode::WebhookSignatureInvalid, "The signature does not match the body and timestamp"))
}

/// The event of a verified body (already parsed JSON), or `webhook_payload_invalid`.
pub(crate) fn parse_event(body: &Value) -> Result<WebhookEvent, Error> {
    Envelope::<WebhookEvent>::deserialize(body).map(|e| e.data).map_err(|_| {
        fail(
            ErrorCode::WebhookPayloadInvalid,
            "The verified body is not a Telnyx event ({data: {id, event_type, payload}})",
        )
    })
}

/// The one value of a header given `values` times: `None` when absent, and an empty (so malformed) value when it
/// was given more than once, since which of them was signed cannot be known.
pub(crate) fn one_value<S: AsRef<str>>(values: &[S]) -> Option<&str> {
    match values {
        [] => None,
        [value] => Some(value.as_ref()),
        _ => Some(""),
    }
}

/// Verifies a delivery and returns its event: the whole check for Rust callers. `headers` are the request's
/// (names compared case-insensitively; a name given twice fails).
///
/// ```
/// use telnyx_verify_wasm::webhooks::{verify_webhook, DEFAULT_TOLERANCE_SECS};
///
/// # let body = br#"{"data":{"id":"1","event_type":"verify.sent","payload":{}}}"#;
/// # let signature = "AAAA";
/// # let (timestamp, now) = ("1700000000", 1_700_000_000);
/// let headers = [("telnyx-signature-ed25519", signature), ("telnyx-timestamp", timestamp)];
/// let key = "O8F6Ocm2tdPFHQfm5s1ZSJ2BMJbKfZ1jvMnlvvZBlQQ="; // the portal's public key: 32 bytes, base64
/// match verify_webhook(body, headers, key, now, DEFAULT_TOLERANCE_SECS) {
///     Ok(event) => println!("{} {:?}", event.event_type, event.payload.status),
///     Err(error) => assert!(error.is_webhook()), // answer 4xx; never trust the body
/// }
/// ```
pub fn verify_webhook<'a>(
    raw_body: &[u8],
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
    public_key_base64: &str,
    now_secs: i64,
    tolerance_secs: u64,
) -> Result<WebhookEvent, Error> {
    let key = public_key(public_key_base64)?;
    let (mut signature, mut timestamp) = (Vec::new(), Vec::new());
    for (name, value) in headers {
        if name.eq_ignore_ascii_case(SIGNATURE_HEADER) {
            signature.push(value);
        } else if name.eq_ignore_ascii_case(TIMESTAMP_HEADER) {
            timestamp.push(value);
        }
    }
    verify_signature(raw_body, one_value(&signature), one_value(&timestamp), &key, now_secs, tolerance_secs)?;
    let body: Value = serde_json::from_slice(raw_body)
        .map_err(|_| fail(ErrorCode::WebhookPayloadInvalid, "The verified body is not JSON"))?;
    parse_event(&body)
}

/// Signs a delivery as Telnyx does (for the sandbox and tests): the header values `(signature, timestamp)`.
pub fn sign(raw_body: &[u8], seed: &[u8; 32], timestamp_secs: i64) -> (String, String) {
    use ed25519_dalek::Signer;
    let key = ed25519_dalek::SigningKey::from_bytes(seed);
    let timestamp = timestamp_secs.to_string();
    let mut message = timestamp.clone().into_bytes();
    message.push(b'|');
    message.extend_from_slice(raw_body);
    (STANDARD.encode(key.sign(&message).to_bytes()), timestamp)
}

/// The base64 public key of a signing seed.
pub fn public_key_of(seed: &[u8; 32]) -> String {
    STANDARD.encode(ed25519_dalek::SigningKey::from_bytes(seed).verifying_key().to_bytes())
}

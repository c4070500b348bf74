//! The one error type: invalid input, API failures (with Telnyx's own error list), transport failures.
//!
//! Its `code` is a stable string that JS code can switch on. Messages never carry the API key, input values
//! or a whole response body: only rule descriptions, statuses and Telnyx's short `title`/`detail`.

use serde::{Serialize, Serializer};

use crate::validate::Violation;

/// The stable `code` of an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// The input broke a rule; nothing was sent.
    ValidationFailed,
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    /// HTTP 408 from the server.
    RequestTimeout,
    Conflict,
    Unprocessable,
    RateLimited,
    ServerError,
    /// Any other non-2xx status.
    HttpError,
    /// `fetch` rejected: no response arrived.
    NetworkError,
    /// The client's own deadline passed before the whole response arrived.
    Timeout,
    /// The caller cancelled the call.
    Aborted,
    /// A response arrived but its body is not the JSON the API documents.
    DecodeError,
    /// A webhook without its `telnyx-signature-ed25519` / `telnyx-timestamp` headers.
    #[cfg(feature = "webhooks")]
    WebhookSignatureMissing,
    /// A webhook signature that is malformed or does not match the body and timestamp.
    #[cfg(feature = "webhooks")]
    WebhookSignatureInvalid,
    /// A `telnyx-timestamp` that is not whole Unix seconds.
    #[cfg(feature = "webhooks")]
    WebhookTimestampInvalid,
    /// A `telnyx-timestamp` outside the tolerance (a replay, or a wrong clock).
    #[cfg(feature = "webhooks")]
    WebhookTimestampOutOfRange,
    /// The public key given to verify with is not a base64 32-byte Ed25519 key.
    #[cfg(feature = "webhooks")]
    WebhookKeyInvalid,
    /// A verified body that is not a Telnyx event.
    #[cfg(feature = "webhooks")]
    WebhookPayloadInvalid,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Unprocessable => "unprocessable",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::ServerError => "server_error",
            ErrorCode::HttpError => "http_error",
            ErrorCode::NetworkError => "network_error",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Aborted => "aborted",
            ErrorCode::DecodeError => "decode_error",
            #[cfg(feature = "webhooks")]
            ErrorCode::WebhookSignatureMissing => "webhook_signature_missing",
            #[cfg(feature = "webhooks")]
            ErrorCode::WebhookSignatureInvalid => "webhook_signature_invalid",
            #[cfg(feature = "webhooks")]
            ErrorCode::WebhookTimestampInvalid => "webhook_timestamp_invalid",
            #[cfg(feature = "webhooks")]
            ErrorCode::WebhookTimestampOutOfRange => "webhook_timestamp_out_of_range",
            #[cfg(feature = "webhooks")]
            ErrorCode::WebhookKeyInvalid => "webhook_key_invalid",
            #[cfg(feature = "webhooks")]
            ErrorCode::WebhookPayloadInvalid => "webhook_payload_invalid",
        }
    }

    /// The code for a non-2xx HTTP status.
    pub fn for_status(status: u16) -> ErrorCode {
        match status {
            400 => ErrorCode::BadRequest,
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            408 => ErrorCode::RequestTimeout,
            409 => ErrorCode::Conflict,
            422 => ErrorCode::Unprocessable,
            429 => ErrorCode::RateLimited,
            500..=599 => ErrorCode::ServerError,
            _ => ErrorCode::HttpError,
        }
    }
}

/// One entry of Telnyx's `errors` list (or one validation violation, in the same shape). On the wire and in JS
/// it is `{code, title, detail?, source?: {pointer?, parameter?}, meta?: {url?}}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApiErrorDetail {
    /// Telnyx's code (`"10015"`); integer codes on the wire become their decimal string.
    pub code: String,
    pub title: String,
    pub detail: Option<String>,
    /// `source.pointer`: the JSON pointer of the field concerned.
    pub pointer: Option<String>,
    /// `source.parameter`: the query parameter concerned.
    pub parameter: Option<String>,
    /// `meta.url`: Telnyx's documentation page for the code.
    pub url: Option<String>,
}

/// The wire shape of [`ApiErrorDetail`], as JS callers receive it (reading it is
/// [`crate::response::parse_error_envelope`], leniently).
#[derive(Serialize)]
struct WireDetail {
    code: String,
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<WireSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<WireMeta>,
}

#[derive(Serialize)]
struct WireSource {
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter: Option<String>,
}

#[derive(Serialize)]
struct WireMeta {
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

impl Serialize for ApiErrorDetail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let has_source = self.pointer.is_some() || self.parameter.is_some();
        WireDetail {
            code: self.code.clone(),
            title: Some(self.title.clone()),
            detail: self.detail.clone(),
            source: has_source.then(|| WireSource { pointer: self.pointer.clone(), parameter: self.parameter.clone() }),
            meta: self.url.clone().map(|url| WireMeta { url: Some(url) }),
        }
        .serialize(serializer)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// The HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// The JSON pointer of the (first) offending field, for validation errors and API errors that name one.
    pub field: Option<String>,
    pub errors: Vec<ApiErrorDetail>,
    /// Seconds the server asked the caller to wait (`Retry-After` / `retry-after-ms`).
    pub retry_after: Option<f64>,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), status: None, field: None, errors: Vec::new(), retry_after: None }
    }

    /// A `validation_failed` error listing every violation; `field` is the first one's pointer.
    pub fn validation(violations: Vec<Violation>) -> Self {
        let summary: Vec<String> =
            violations.iter().take(3).map(|v| format!("{} {}", display_pointer(&v.pointer), v.message)).collect();
        let more = violations.len().saturating_sub(3);
        let mut message = format!("Invalid input: {}", summary.join("; "));
        if more > 0 {
            message.push_str(&format!(" (and {more} more)"));
        }
        let errors: Vec<ApiErrorDetail> = violations
            .into_iter()
            .map(|v| ApiErrorDetail {
                code: v.kind.as_str().to_owned(),
                title: "Invalid input".to_owned(),
                detail: Some(v.message),
                pointer: Some(v.pointer),
                ..ApiErrorDetail::default()
            })
            .collect();
        let field = errors.first().and_then(|e| e.pointer.clone());
        Error { field, errors, ..Error::new(ErrorCode::ValidationFailed, message) }
    }

    /// A validation error for one field.
    pub fn invalid_field(pointer: &str, message: &str) -> Self {
        Error::validation(vec![Violation::new(pointer, crate::validate::ViolationKind::Invalid, message)])
    }
}

/// The root pointer is the empty string; name it so a message never starts with a blank.
fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "input"
    } else {
        pointer
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

//! The one error type: invalid input, API failures (with Telnyx's own error list), transport failures.
//!
//! Its `code` is a stable string that JS code can switch on. Messages never carry the API key, input values
//! or a whole response body: only rule descriptions, statuses and Telnyx's short `title`/`detail`.

use serde::{Serialize, Serializer};

use crate::validate::Violation;

/// The stable `code` of an error. New codes may be added in a minor release, so a `match` needs a `_` arm; the
/// variants are the same whatever the crate's features (the webhook codes exist without `webhooks`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The input broke a rule; nothing was sent.
    ValidationFailed,
    /// HTTP 400 from the server.
    BadRequest,
    /// HTTP 401: the API key is missing, wrong or revoked.
    Unauthorized,
    /// HTTP 403: the key may not do this.
    Forbidden,
    /// HTTP 404: no such profile, template or verification.
    NotFound,
    /// HTTP 408 from the server.
    RequestTimeout,
    /// HTTP 409.
    Conflict,
    /// HTTP 422: the server refused the values (Telnyx's `errors` name them).
    Unprocessable,
    /// HTTP 429: too many requests; `retry_after` says how long to wait when the server said.
    RateLimited,
    /// HTTP 5xx.
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
    WebhookSignatureMissing,
    /// A webhook signature that is malformed or does not match the body and timestamp.
    WebhookSignatureInvalid,
    /// A `telnyx-timestamp` that is not whole Unix seconds.
    WebhookTimestampInvalid,
    /// A `telnyx-timestamp` outside the tolerance (a replay, or a wrong clock).
    WebhookTimestampOutOfRange,
    /// The public key given to verify with is not a base64 32-byte Ed25519 key.
    WebhookKeyInvalid,
    /// A verified body that is not a Telnyx event.
    WebhookPayloadInvalid,
}

impl ErrorCode {
    /// The code as JS callers see it (`"validation_failed"`).
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
            ErrorCode::WebhookSignatureMissing => "webhook_signature_missing",
            ErrorCode::WebhookSignatureInvalid => "webhook_signature_invalid",
            ErrorCode::WebhookTimestampInvalid => "webhook_timestamp_invalid",
            ErrorCode::WebhookTimestampOutOfRange => "webhook_timestamp_out_of_range",
            ErrorCode::WebhookKeyInvalid => "webhook_key_invalid",
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
    /// A short, human-readable summary.
    pub title: String,
    /// What went wrong in this case.
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

/// Every failure of this crate: its [`code`](Error::code), a message that never holds the key or an input value,
/// and what the server said. Fields may be added in a minor release.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Error {
    /// What kind of failure, stable across releases.
    pub code: ErrorCode,
    /// A sentence for a log or a developer; not stable, not for matching.
    pub message: String,
    /// The HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// The JSON pointer of the (first) offending field, for validation errors and API errors that name one.
    pub field: Option<String>,
    /// Telnyx's `errors` list, or one entry per violation of the input.
    pub errors: Vec<ApiErrorDetail>,
    /// Seconds the server asked the caller to wait (`Retry-After` / `retry-after-ms`).
    pub retry_after: Option<f64>,
}

impl Error {
    /// An error of `code` with `message`, nothing else set.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), status: None, field: None, errors: Vec::new(), retry_after: None }
    }

    /// A `validation_failed` error listing every violation; `field` is the first one's pointer.
    pub(crate) fn validation(violations: Vec<Violation>) -> Self {
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
    pub(crate) fn invalid_field(pointer: &str, message: &str) -> Self {
        Error::validation(vec![Violation::new(pointer, crate::validate::ViolationKind::Invalid, message)])
    }

    /// This error with every text that came from the server cleared of `secret`: an API may echo the
    /// request's `Authorization` in an error's title or detail.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // only the wasm client receives answers
    pub(crate) fn redacted(mut self, secret: &crate::secret::Secret) -> Self {
        self.message = secret.redact(&self.message);
        for detail in &mut self.errors {
            for text in [&mut detail.code, &mut detail.title] {
                *text = secret.redact(text);
            }
            let optional = [&mut detail.detail, &mut detail.pointer, &mut detail.parameter, &mut detail.url];
            for text in optional.into_iter().flatten() {
                *text = secret.redact(text);
            }
        }
        self.field = self.field.map(|field| secret.redact(&field));
        self
    }

    /// Whether the same call may succeed later: a rate limit, a 5xx, a timeout or a network failure. The client
    /// has already retried what is safe to retry; retrying a start yourself may send a second message.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::RateLimited
                | ErrorCode::ServerError
                | ErrorCode::RequestTimeout
                | ErrorCode::NetworkError
                | ErrorCode::Timeout
        )
    }

    /// Whether no complete answer came in time: the client's deadline, or the server's 408.
    pub fn is_timeout(&self) -> bool {
        matches!(self.code, ErrorCode::Timeout | ErrorCode::RequestTimeout)
    }

    /// Whether the input broke a rule before anything was sent ([`field`](Error::field) names it).
    pub fn is_validation(&self) -> bool {
        self.code == ErrorCode::ValidationFailed
    }

    /// Whether the API key was refused (401) or may not do this (403).
    pub fn is_auth(&self) -> bool {
        matches!(self.code, ErrorCode::Unauthorized | ErrorCode::Forbidden)
    }

    /// Whether the server answered 404.
    pub fn is_not_found(&self) -> bool {
        self.code == ErrorCode::NotFound
    }

    /// Whether the server answered 429 ([`retry_after`](Error::retry_after) says how long to wait, if it said).
    pub fn is_rate_limited(&self) -> bool {
        self.code == ErrorCode::RateLimited
    }

    /// Whether no answer arrived at all (the request may or may not have reached the server).
    pub fn is_network(&self) -> bool {
        self.code == ErrorCode::NetworkError
    }

    /// Whether the caller cancelled the call.
    pub fn is_aborted(&self) -> bool {
        self.code == ErrorCode::Aborted
    }

    /// Whether a webhook was refused: a missing, forged or stale signature, a bad key or a body that is not an event.
    pub fn is_webhook(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::WebhookSignatureMissing
                | ErrorCode::WebhookSignatureInvalid
                | ErrorCode::WebhookTimestampInvalid
                | ErrorCode::WebhookTimestampOutOfRange
                | ErrorCode::WebhookKeyInvalid
                | ErrorCode::WebhookPayloadInvalid
        )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::CallClass;
    use crate::retry::{decide, Decision, Outcome, RetryPolicy};

    #[test]
    fn a_redacted_error_keeps_no_trace_of_the_key_the_server_echoed() {
        let key = crate::secret::Secret::new("KEY_echoed");
        let body = serde_json::json!({"errors": [{"code": "KEY_echoed", "title": "Bad KEY_echoed",
            "detail": "The API key KEY_echoed is not valid", "source": {"pointer": "/KEY_echoed"}}]});
        let error = crate::response::error_from_status(401, Some(&body), None);
        assert!(format!("{error:?}").contains("KEY_echoed"), "the server's echo reaches the error unredacted");
        let shown = format!("{:?}", error.redacted(&key));
        assert!(!shown.contains("KEY_echoed") && shown.contains("The API key *** is not valid"), "{shown}");
    }

    /// `is_retryable` says what the transport's own policy retries for a read: the two must not drift apart.
    #[test]
    fn retryable_errors_are_what_the_policy_retries_for_a_read() {
        let retried = |outcome| {
            matches!(decide(&RetryPolicy::default(), CallClass::Read, outcome, 0, 0.0), Decision::Retry { .. })
        };
        for status in 400..600 {
            let error = Error::new(ErrorCode::for_status(status), "");
            let outcome = Outcome::Status { status, retry_after_ms: None, should_retry: None };
            assert_eq!(error.is_retryable(), retried(outcome), "status {status}");
        }
        assert!(Error::new(ErrorCode::NetworkError, "").is_retryable() && retried(Outcome::Network));
        assert!(Error::new(ErrorCode::Timeout, "").is_retryable() && retried(Outcome::Timeout));
        for code in
            [ErrorCode::ValidationFailed, ErrorCode::Aborted, ErrorCode::DecodeError, ErrorCode::WebhookKeyInvalid]
        {
            assert!(!Error::new(code, "").is_retryable(), "{code}");
        }
    }

    #[test]
    fn each_predicate_names_its_codes() {
        let is = |code, predicate: fn(&Error) -> bool| predicate(&Error::new(code, ""));
        assert!(is(ErrorCode::Timeout, Error::is_timeout) && is(ErrorCode::RequestTimeout, Error::is_timeout));
        assert!(!is(ErrorCode::NetworkError, Error::is_timeout));
        assert!(is(ErrorCode::Unauthorized, Error::is_auth) && is(ErrorCode::Forbidden, Error::is_auth));
        assert!(!is(ErrorCode::NotFound, Error::is_auth));
        assert!(
            is(ErrorCode::ValidationFailed, Error::is_validation) && !is(ErrorCode::BadRequest, Error::is_validation)
        );
        assert!(is(ErrorCode::NotFound, Error::is_not_found) && is(ErrorCode::RateLimited, Error::is_rate_limited));
        assert!(is(ErrorCode::NetworkError, Error::is_network) && is(ErrorCode::Aborted, Error::is_aborted));
        assert!(
            is(ErrorCode::WebhookPayloadInvalid, Error::is_webhook) && !is(ErrorCode::DecodeError, Error::is_webhook)
        );
    }
}

//! Turning an HTTP answer into a result: a 2xx body must have the shape of the model the endpoint documents
//! ([`shape`]), and anything else becomes an [`Error`] with a stable code and Telnyx's own error list.
//!
//! The check is lenient where the API has been loose (every response field optional, unknown fields and
//! enum values kept, error `code`s as string or integer) and strict where a wrong type means the answer is
//! not what the API documents (`decode_error`, naming the member and what it must be).
#![allow(
    missing_docs,
    reason = "the sans-IO core: crate-private, reached by tests only through the hidden `internals` module"
)]

pub mod shape;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiErrorDetail, Error, ErrorCode};
use crate::model::{
    MessageTemplate, PageMeta, Verification, VerifiedNumber, VerifiedNumberRequest, VerifyCodeResult, VerifyProfile,
};
use shape::{check, AnswerModel, AnswerShape};

/// What a 2xx body holds: `{data: T}` (the caller receives `data`), a page `{data: T[], meta?}`, or the
/// verified-number request itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Profile,
    Profiles,
    Template,
    Templates,
    Verification,
    Verifications,
    VerifyCodeResult,
    VerifiedNumber,
    VerifiedNumbers,
    VerifiedNumberRequest,
}

/// What the caller receives from a checked 2xx body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwrap {
    /// The `data` member.
    Data,
    /// The body as it is.
    Whole,
}

/// Where a body breaks the documented shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// JSON pointer of the offending member (`""` for the body itself).
    pub pointer: String,
    /// `"is required"` or what the member must be, never the value found.
    pub problem: String,
}

/// Checks that `body` is what `expect` documents. `Ok` says which part the caller receives.
pub fn check_success(expect: Expect, body: &Value) -> Result<Unwrap, Error> {
    if !body.is_object() {
        let mismatch = match expect {
            Expect::VerifiedNumberRequest => Mismatch { pointer: String::new(), problem: "must be an object".into() },
            _ => Mismatch { pointer: "/data".into(), problem: "is required".into() },
        };
        return Err(not_documented(mismatch));
    }
    let checked = match expect {
        Expect::Profile => data(body, &VerifyProfile::SHAPE),
        Expect::Profiles => page(body, &VerifyProfile::SHAPE),
        Expect::Template => data(body, &MessageTemplate::SHAPE),
        Expect::Templates => page(body, &MessageTemplate::SHAPE),
        Expect::Verification => data(body, &Verification::SHAPE),
        Expect::Verifications => page(body, &Verification::SHAPE),
        Expect::VerifyCodeResult => data(body, &VerifyCodeResult::SHAPE),
        Expect::VerifiedNumber => data(body, &VerifiedNumber::SHAPE),
        Expect::VerifiedNumbers => page(body, &VerifiedNumber::SHAPE),
        Expect::VerifiedNumberRequest => check(body, &VerifiedNumberRequest::SHAPE, "").map(|()| Unwrap::Whole),
    };
    checked.map_err(not_documented)
}

/// `{data: T}`: the caller receives `data`.
fn data(body: &Value, shape: &AnswerShape) -> Result<Unwrap, Mismatch> {
    let data = body.get("data").ok_or_else(|| Mismatch { pointer: "/data".into(), problem: "is required".into() })?;
    check(data, shape, "/data")?;
    Ok(Unwrap::Data)
}

/// `{data: T[], meta?: PageMeta}`: the caller receives the whole page.
fn page(body: &Value, shape: &AnswerShape) -> Result<Unwrap, Mismatch> {
    let items = match body.get("data") {
        Some(Value::Array(items)) => items,
        Some(_) => return Err(Mismatch { pointer: "/data".into(), problem: "must be an array".into() }),
        None => return Err(Mismatch { pointer: "/data".into(), problem: "is required".into() }),
    };
    for (index, item) in items.iter().enumerate() {
        check(item, shape, &format!("/data/{index}"))?;
    }
    match body.get("meta") {
        None | Some(Value::Null) => Ok(Unwrap::Whole),
        Some(meta) => check(meta, &PageMeta::SHAPE, "/meta").map(|()| Unwrap::Whole),
    }
}

/// Decodes a checked body into its model (the Rust API's answers). The check has already named any member
/// that does not fit, so this fails only if a model and its shape disagree, which the tests rule out.
pub fn decode<T: DeserializeOwned>(body: &Value) -> Result<T, Error> {
    T::deserialize(body).map_err(|_| {
        not_documented(Mismatch { pointer: String::new(), problem: "does not decode into the model".into() })
    })
}

/// A 2xx body that does not decode: `decode_error` naming the member and what it should be (never the body).
pub fn not_documented(mismatch: Mismatch) -> Error {
    let at = if mismatch.pointer.is_empty() { "the body" } else { mismatch.pointer.as_str() };
    Error::new(
        ErrorCode::DecodeError,
        format!("The response is not the JSON the API documents: {at} {}", mismatch.problem),
    )
}

/// The error for a non-2xx answer. `body` is the parsed JSON body, if it was JSON.
pub fn error_from_status(status: u16, body: Option<&Value>, retry_after: Option<f64>) -> Error {
    let code = ErrorCode::for_status(status);
    let errors = body.map(parse_error_envelope).unwrap_or_default();
    let mut message = format!("Telnyx API answered HTTP {status} ({code})");
    if let Some(first) = errors.first() {
        message.push_str(&format!(": {}", first.title));
        if let Some(detail) = first.detail.as_deref().filter(|d| *d != first.title) {
            message.push_str(&format!(" - {detail}"));
        }
        if !first.code.is_empty() {
            message.push_str(&format!(" [{}]", first.code));
        }
    }
    let field = errors.iter().find_map(|e| e.pointer.clone());
    Error { status: Some(status), field, errors, retry_after, ..Error::new(code, message) }
}

/// Reads Telnyx's `{errors: [{code, title, detail, source: {pointer, parameter}, meta: {url}}]}` leniently:
/// entries that are not objects are skipped, a member of another type counts as absent, `code` may be a
/// string or an integer (the spec has both), and a body without the list yields none.
pub fn parse_error_envelope(body: &Value) -> Vec<ApiErrorDetail> {
    let Some(entries) = body.get("errors").and_then(Value::as_array) else {
        return Vec::new();
    };
    let text = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
    entries
        .iter()
        .filter(|entry| entry.is_object())
        .map(|entry| {
            let source = entry.get("source");
            ApiErrorDetail {
                code: match entry.get("code") {
                    Some(Value::String(code)) => code.clone(),
                    Some(Value::Number(code)) => code.to_string(),
                    _ => String::new(),
                },
                title: text(entry.get("title")).unwrap_or_default(),
                detail: text(entry.get("detail")),
                pointer: text(source.and_then(|s| s.get("pointer"))),
                parameter: text(source.and_then(|s| s.get("parameter"))),
                url: text(entry.get("meta").and_then(|m| m.get("url"))),
            }
        })
        .collect()
}

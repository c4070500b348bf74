//! Turning an HTTP answer into a result: a 2xx body is checked against the shape the endpoint expects, and
//! anything else becomes an [`Error`] with a stable code and Telnyx's own error list.

use crate::prelude::*;

pub mod shapes;

use crate::error::{ApiErrorDetail, Error, ErrorCode};
use crate::json::Json;
use crate::text::{cat, uint};
use crate::validate::{check_rule, check_shape, Rule, Shape, Violation};

/// How an endpoint's 2xx body is laid out.
#[derive(Clone, Copy, Debug)]
pub enum Expect {
    /// `{data: T}`; the caller receives `data`.
    Data(&'static Shape),
    /// `{data: T[], meta?}`; the caller receives the whole object.
    List(&'static Shape),
    /// `T` itself (the verified-number create response).
    Bare(&'static Shape),
}

/// Two expectations are equal when they name the same static shape.
impl PartialEq for Expect {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Expect::Data(a), Expect::Data(b))
            | (Expect::List(a), Expect::List(b))
            | (Expect::Bare(a), Expect::Bare(b)) => core::ptr::eq(*a, *b),
            _ => false,
        }
    }
}

/// What the caller receives from a checked 2xx body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwrap {
    /// The `data` member.
    Data,
    /// The body as it is.
    Whole,
}

/// Checks a 2xx body; `Ok` says which part the caller receives. A mismatch is a `decode_error` naming the
/// first offending pointer (never the body).
pub fn check_success(expect: Expect, body: &Json) -> Result<Unwrap, Error> {
    let mut violations: Vec<Violation> = Vec::new();
    let unwrap = match expect {
        Expect::Data(shape) => {
            match body.get("data") {
                Some(data) => violations.extend(check_shape(data, shape, "/data")),
                None => violations.push(missing("/data")),
            }
            Unwrap::Data
        }
        Expect::List(shape) => {
            match body.get("data") {
                Some(Json::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        violations.extend(check_shape(item, shape, &cat(&["/data/", &uint(i as u64)])));
                    }
                }
                Some(other) => {
                    check_rule(other, &Rule::ArrayOf(&Rule::Any), "/data", &mut violations);
                }
                None => violations.push(missing("/data")),
            }
            if let Some(meta) = body.get("meta").filter(|m| **m != Json::Null) {
                violations.extend(check_shape(meta, &shapes::META, "/meta"));
            }
            Unwrap::Whole
        }
        Expect::Bare(shape) => {
            violations.extend(check_shape(body, shape, ""));
            Unwrap::Whole
        }
    };
    match violations.first() {
        None => Ok(unwrap),
        Some(first) => {
            let at = if first.pointer.is_empty() { "the body" } else { first.pointer.as_str() };
            Err(Error::new(
                ErrorCode::DecodeError,
                cat(&["The response is not the JSON the API documents: ", at, " ", &first.message]),
            ))
        }
    }
}

fn missing(pointer: &str) -> Violation {
    Violation::new(pointer, crate::validate::ViolationKind::Missing, "is required")
}

/// The error for a non-2xx answer. `body` is the parsed JSON body, if it was JSON.
pub fn error_from_status(status: u16, body: Option<&Json>, retry_after: Option<f64>) -> Error {
    let code = ErrorCode::for_status(status);
    let errors = body.map(parse_error_envelope).unwrap_or_default();
    let mut message = cat(&["Telnyx API answered HTTP ", &uint(status.into()), " (", code.as_str(), ")"]);
    if let Some(first) = errors.first() {
        message.push_str(": ");
        message.push_str(&first.title);
        if let Some(detail) = first.detail.as_deref().filter(|d| *d != first.title) {
            message.push_str(" - ");
            message.push_str(detail);
        }
        if !first.code.is_empty() {
            message.push_str(&cat(&[" [", &first.code, "]"]));
        }
    }
    let field = errors.iter().find_map(|e| e.pointer.clone());
    Error { status: Some(status), field, errors, retry_after, ..Error::new(code, message) }
}

/// Reads Telnyx's `{errors: [{code, title, detail, source: {pointer, parameter}, meta: {url}}]}` leniently:
/// `code` may be a string or an integer (the spec has both), and malformed entries are skipped.
pub fn parse_error_envelope(body: &Json) -> Vec<ApiErrorDetail> {
    let Some(entries) = body.get("errors").and_then(Json::as_array) else {
        return Vec::new();
    };
    let text = |v: Option<&Json>| v.and_then(Json::as_str).map(str::to_owned);
    entries
        .iter()
        .filter(|e| matches!(e, Json::Object(_)))
        .map(|e| {
            let code = match e.get("code") {
                Some(Json::String(s)) => s.clone(),
                Some(Json::Number(n)) => Json::Number(*n).to_json_string(),
                _ => String::new(),
            };
            let source = e.get("source");
            ApiErrorDetail {
                code,
                title: text(e.get("title")).unwrap_or_default(),
                detail: text(e.get("detail")),
                pointer: text(source.and_then(|s| s.get("pointer"))),
                parameter: text(source.and_then(|s| s.get("parameter"))),
                url: text(e.get("meta").and_then(|m| m.get("url"))),
            }
        })
        .collect()
}

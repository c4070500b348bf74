//! Turning an HTTP answer into a result: a 2xx body must decode into the model the endpoint documents, and
//! anything else becomes an [`Error`] with a stable code and Telnyx's own error list.
//!
//! Decoding is lenient where the API has been loose (every response field optional, unknown fields and
//! enum values kept, `code` as string or integer) and strict where a wrong type means the answer is not
//! what the API documents (`decode_error`).

mod locate;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{ApiErrorDetail, Error, ErrorCode};
use crate::model::{
    Data, MessageTemplate, Page, Verification, VerifiedNumber, VerifiedNumberRequest, VerifyCodeResult, VerifyProfile,
};

/// What a 2xx body holds: `{data: T}` (the caller receives `data`), a page `{data: T[], meta?}`, or the
/// verified-number request itself. One variant per answer the API has, so the `.wasm` carries one decoder per
/// answer, not one per conceivable combination.
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

/// Decodes a model from a body, naming where it breaks the documented shape. The one decoder of models in the
/// crate: natively from `serde_json`, in the client from the JS body turned into a `Value` by serde-wasm-bindgen.
pub fn decode<T: DeserializeOwned>(body: &Value) -> Result<T, Mismatch> {
    T::deserialize(body).map_err(|error| {
        let message = error.to_string();
        Mismatch::at(locate::locate(body, &message, fits::<T>), &message)
    })
}

/// Whether `body` decodes as a `T`: `None`, or serde's message.
fn fits<T: DeserializeOwned>(body: &Value) -> Option<String> {
    T::deserialize(body).err().map(|error| error.to_string())
}

/// Where a body breaks the documented shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// JSON pointer of the offending member (`""` for the body itself).
    pub pointer: String,
    /// `"is required"` or a description of the expected type, never the value found.
    pub problem: String,
}

impl Mismatch {
    /// From serde's message alone, under `pointer`. serde's message quotes the value it found
    /// (`invalid type: string "six", expected u32`); only what was expected is kept.
    pub fn at(mut pointer: String, message: &str) -> Mismatch {
        let problem = if let Some(field) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
            pointer = crate::validate::pointer_push(&pointer, field);
            "is required".to_owned()
        } else {
            match message.rsplit_once(", expected ") {
                Some((_, expected)) => format!("must be {expected}"),
                None => "does not have the documented type".to_owned(),
            }
        };
        Mismatch { pointer, problem }
    }
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
    let (check, unwrap): (locate::Fits, Unwrap) = match expect {
        Expect::Profile => (fits::<Data<VerifyProfile>>, Unwrap::Data),
        Expect::Profiles => (fits::<Page<VerifyProfile>>, Unwrap::Whole),
        Expect::Template => (fits::<Data<MessageTemplate>>, Unwrap::Data),
        Expect::Templates => (fits::<Page<MessageTemplate>>, Unwrap::Whole),
        Expect::Verification => (fits::<Data<Verification>>, Unwrap::Data),
        Expect::Verifications => (fits::<Page<Verification>>, Unwrap::Whole),
        Expect::VerifyCodeResult => (fits::<Data<VerifyCodeResult>>, Unwrap::Data),
        Expect::VerifiedNumber => (fits::<Data<VerifiedNumber>>, Unwrap::Data),
        Expect::VerifiedNumbers => (fits::<Page<VerifiedNumber>>, Unwrap::Whole),
        Expect::VerifiedNumberRequest => (fits::<VerifiedNumberRequest>, Unwrap::Whole),
    };
    match check(body) {
        None => Ok(unwrap),
        Some(message) => Err(not_documented(Mismatch::at(locate::locate(body, &message, check), &message))),
    }
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
/// entries that are not objects are skipped, and a body without the list yields none.
pub fn parse_error_envelope(body: &Value) -> Vec<ApiErrorDetail> {
    let Some(entries) = body.get("errors").and_then(Value::as_array) else {
        return Vec::new();
    };
    entries.iter().filter(|e| e.is_object()).filter_map(|e| ApiErrorDetail::deserialize(e).ok()).collect()
}

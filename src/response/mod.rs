//! Turning an HTTP answer into a result: a 2xx body must decode into the model the endpoint documents, and
//! anything else becomes an [`Error`] with a stable code and Telnyx's own error list.
//!
//! Decoding is lenient where the API has been loose (every response field optional, unknown fields and
//! enum values kept, `code` as string or integer) and strict where a wrong type means the answer is not
//! what the API documents (`decode_error`).

mod locate;

use serde::de::{DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::error::{ApiErrorDetail, Error, ErrorCode};
use crate::model::{
    MessageTemplate, PageMeta, Verification, VerifiedNumber, VerifiedNumberRequest, VerifyCodeResult, VerifyProfile,
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
    T::deserialize(ObjectBody(body)).map_err(|error| {
        let message = error.to_string();
        Mismatch::at(locate::locate(body, &message, fits::<T>), &message)
    })
}

/// Whether `body` decodes as a `T`: `None`, or serde's message.
fn fits<T: DeserializeOwned>(body: &Value) -> Option<String> {
    T::deserialize(ObjectBody(body)).err().map(|error| error.to_string())
}

/// A body to decode a model from, where a struct must be a JSON object. serde_json also reads a struct from
/// an array, field by field in order; no Verify answer is such an array, and that path, one more visitor per
/// model, cost the client 1.9 KB gzip. Nested members are decoded by serde_json as usual.
struct ObjectBody<'a>(&'a Value);

impl<'de> Deserializer<'de> for ObjectBody<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
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
///
/// The envelopes (`{data}`, `{data: [..], meta}`) are checked here and only the models inside are decoded, one
/// item at a time: the `.wasm` then carries one decoder per model rather than one per model and envelope
/// (4 KB gzip less), and a mismatch is located within the one item that has it.
pub fn check_success(expect: Expect, body: &Value) -> Result<Unwrap, Error> {
    if !body.is_object() {
        let mismatch = match expect {
            Expect::VerifiedNumberRequest => Mismatch { pointer: String::new(), problem: "must be an object".into() },
            _ => Mismatch { pointer: "/data".into(), problem: "is required".into() },
        };
        return Err(not_documented(mismatch));
    }
    let checked = match expect {
        Expect::Profile => data::<VerifyProfile>(body),
        Expect::Profiles => page::<VerifyProfile>(body),
        Expect::Template => data::<MessageTemplate>(body),
        Expect::Templates => page::<MessageTemplate>(body),
        Expect::Verification => data::<Verification>(body),
        Expect::Verifications => page::<Verification>(body),
        Expect::VerifyCodeResult => data::<VerifyCodeResult>(body),
        Expect::VerifiedNumber => data::<VerifiedNumber>(body),
        Expect::VerifiedNumbers => page::<VerifiedNumber>(body),
        Expect::VerifiedNumberRequest => check::<VerifiedNumberRequest>(body, "").map(|()| Unwrap::Whole),
    };
    checked.map_err(not_documented)
}

/// `{data: T}`: the caller receives `data`.
fn data<T: DeserializeOwned>(body: &Value) -> Result<Unwrap, Mismatch> {
    let data = body.get("data").ok_or_else(|| Mismatch { pointer: "/data".into(), problem: "is required".into() })?;
    check::<T>(data, "/data")?;
    Ok(Unwrap::Data)
}

/// `{data: T[], meta?: PageMeta}`: the caller receives the whole page.
fn page<T: DeserializeOwned>(body: &Value) -> Result<Unwrap, Mismatch> {
    let items = match body.get("data") {
        Some(Value::Array(items)) => items,
        Some(_) => return Err(Mismatch { pointer: "/data".into(), problem: "must be a sequence".into() }),
        None => return Err(Mismatch { pointer: "/data".into(), problem: "is required".into() }),
    };
    for (index, item) in items.iter().enumerate() {
        check::<T>(item, &format!("/data/{index}"))?;
    }
    match body.get("meta") {
        None | Some(Value::Null) => Ok(Unwrap::Whole),
        Some(meta) => check::<PageMeta>(meta, "/meta").map(|()| Unwrap::Whole),
    }
}

/// Whether `value`, found at `pointer` in the body, decodes as a `T`; if not, where and why.
fn check<T: DeserializeOwned>(value: &Value, pointer: &str) -> Result<(), Mismatch> {
    match fits::<T>(value) {
        None => Ok(()),
        Some(message) => {
            Err(Mismatch::at(format!("{pointer}{}", locate::locate(value, &message, fits::<T>)), &message))
        }
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

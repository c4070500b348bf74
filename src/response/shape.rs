//! The documented shape of each answer, as data, and the check of a body against it.
//!
//! Why data beside the serde models: a body is checked on every call, from JS and from Rust, but only Rust
//! callers need it decoded into a model. Checking through the models' derived decoders (and locating a
//! mismatch by decoding again without parts of the body) put a decoder per model in every `.wasm`, most of
//! the JS client's size at the time. These tables and the walk below cost a small part of that (docs/building.md), name the member directly, and a Rust
//! caller's `.wasm` still gets the decoders of the models it asks for. The models stay the truth:
//! `tests/native_shapes.rs` proves that each table lists its model's fields, in order, and that the check
//! and serde accept and refuse the same bodies at the same member (each member of a complete body, at every
//! depth, set to each JSON type in turn or removed), except that a struct read from an array, which
//! serde_json allows, is refused here: no Verify answer is one.

use serde_json::Value;

use super::Mismatch;
use crate::validate::pointer_push;

/// A model's members, in declaration order. Members not listed are ignored, as serde ignores them.
#[derive(Debug)]
pub struct AnswerShape {
    pub members: &'static [Member],
}

/// One member of a model: its wire name, what it must be, and whether it may be absent (an `Option`, which
/// also accepts `null`).
#[derive(Debug)]
pub struct Member {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

impl Member {
    pub const fn optional(name: &'static str, kind: Kind) -> Member {
        Member { name, kind, required: false }
    }

    pub const fn required(name: &'static str, kind: Kind) -> Member {
        Member { name, kind, required: true }
    }
}

/// What a member's value must be: the JSON each Rust type of the models decodes from.
#[derive(Debug)]
pub enum Kind {
    /// `String`, and the open enums (`status`, `type`, `response_code`).
    Text,
    /// `bool`.
    Boolean,
    /// `f64`: any JSON number.
    Number,
    /// `u32`: a whole number from 0 to 2³²−1, written without a fraction.
    Count,
    /// `Vec<String>`.
    TextList,
    /// A nested model: a JSON object.
    Object(&'static AnswerShape),
}

impl Kind {
    fn accepts(&self, value: &Value) -> bool {
        match self {
            Kind::Text => value.is_string(),
            Kind::Boolean => value.is_boolean(),
            Kind::Number => value.is_number(),
            Kind::Count => value.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
            Kind::TextList => value.is_array(),
            Kind::Object(_) => value.is_object(),
        }
    }

    /// Whether a value that [`accepts`](Kind::accepts) is also whole (nothing inside it to check).
    fn is_flat(&self) -> bool {
        !matches!(self, Kind::TextList | Kind::Object(_))
    }

    fn problem(&self) -> &'static str {
        match self {
            Kind::Text => "must be a string",
            Kind::Boolean => "must be a boolean",
            Kind::Number => "must be a number",
            Kind::Count => "must be a whole number from 0 to 4294967295",
            Kind::TextList => "must be an array of strings",
            Kind::Object(_) => MUST_BE_AN_OBJECT,
        }
    }
}

const MUST_BE_AN_OBJECT: &str = "must be an object";

/// A model the API answers with, and its shape (declared with `answer_model!`).
pub trait AnswerModel {
    const SHAPE: AnswerShape;
}

/// Checks `value`, found at `pointer`, against a model's shape as serde would decode it: members in document
/// order, the first one that does not fit is the mismatch; then the first required member that is absent.
pub fn check(value: &Value, shape: &AnswerShape, pointer: &str) -> Result<(), Mismatch> {
    let Value::Object(members) = value else {
        return Err(Mismatch { pointer: pointer.to_owned(), problem: MUST_BE_AN_OBJECT.to_owned() });
    };
    for (name, member) in members {
        if let Some(known) = shape.members.iter().find(|m| m.name == name) {
            // `null` is an absent `Option`; a required member must have its type.
            // The member's pointer is written only to name a mismatch or to look inside it.
            let checked = known.required || !member.is_null();
            if checked && !(known.kind.accepts(member) && known.kind.is_flat()) {
                check_kind(member, &known.kind, &pointer_push(pointer, name))?;
            }
        }
    }
    match shape.members.iter().find(|m| m.required && !members.contains_key(m.name)) {
        Some(missing) => {
            Err(Mismatch { pointer: pointer_push(pointer, missing.name), problem: "is required".to_owned() })
        }
        None => Ok(()),
    }
}

fn check_kind(value: &Value, kind: &Kind, pointer: &str) -> Result<(), Mismatch> {
    if !kind.accepts(value) {
        return Err(Mismatch { pointer: pointer.to_owned(), problem: kind.problem().to_owned() });
    }
    match (kind, value) {
        (Kind::Object(shape), _) => check(value, shape, pointer),
        (Kind::TextList, Value::Array(items)) => match items.iter().position(|item| !item.is_string()) {
            Some(index) => Err(Mismatch {
                pointer: pointer_push(pointer, &index.to_string()),
                problem: Kind::Text.problem().to_owned(),
            }),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

//! The rules of the calls that are more than one model's: starting a verification (its `type` picks the
//! model, and another type's fields are refused by name) and a profile update (which refuses `flashcall`).
//! Every model's own rules are declared with the model (`src/model/`), from Telnyx's OpenAPI spec
//! (`tests/fixtures/verify-subset.json`), the retired psd2 operation (`psd2-2023-subset.json`) and the
//! seed documents.

use serde_json::Value;

use super::{check_input, check_object, pointer_push, unknown_field_message, Field, InputModel, InputRules, Rule};
use super::{Violation, ViolationKind};
use crate::model::{StartCall, StartFlashcall, StartPsd2, StartSms, UpdateProfileInput};

/// PSD2 currencies of the historic spec.
pub const PSD2_CURRENCIES: &[&str] = &["USD", "EUR", "GBP", "AUD", "CAD"];

/// Each verification `type`, the last segment of its path, and the model its body is.
pub static START_VARIANTS: [(&str, InputRules); 5] = [
    ("sms", StartSms::RULES),
    ("call", StartCall::RULES),
    ("flashcall", StartFlashcall::RULES),
    ("whatsapp", StartSms::RULES),
    ("psd2", StartPsd2::RULES),
];

/// The verification types `startVerification` accepts.
#[allow(clippy::indexing_slicing, reason = "evaluated while compiling: an index out of range fails the build")]
pub const VERIFICATION_TYPES: [&str; START_VARIANTS.len()] = {
    let mut names = [""; START_VARIANTS.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = START_VARIANTS[i].0;
        i += 1;
    }
    names
};

/// `PATCH /verify_profiles/{id}`: the update model, refusing `flashcall` by name rather than as unknown.
pub const UPDATE_PROFILE: InputRules = UpdateProfileInput::RULES.refusing(&[(
    "flashcall",
    "flashcall is set when the profile is created: the API does not accept it in an update",
)]);

/// The tag of a verification: `type`, which picks the model of the rest.
const TYPE: InputRules = InputRules {
    fields: &[Field { name: "type", rule: Rule::OneOf(&VERIFICATION_TYPES), required: true }],
    open: true,
    refused: &[],
};

const ANOTHER_TYPES_FIELD: &str = "is a field of another verification type, not of this one";

/// `POST /verifications/{type}`: `type` must name a variant, whose model then checks the rest. A member of
/// another type's model is refused as such; when `type` is missing or unknown, only the members every type
/// shares are checked.
pub fn check_start_verification(input: &Value) -> Vec<Violation> {
    let mut out = check_input(input, &TYPE, "");
    let Value::Object(members) = input else {
        return out;
    };
    let kind = members.get("type").and_then(Value::as_str);
    let variant = START_VARIANTS.iter().find(|(name, _)| Some(*name) == kind);
    // A flash call declares only the fields every type shares (a test in tests/native_shapes.rs says so).
    let rules = variant.map_or(StartFlashcall::RULES, |(_, rules)| *rules);
    check_object(input, &InputRules { open: true, ..rules }, "", &mut out);
    if variant.is_none() {
        return out;
    }
    for key in members.keys() {
        if key == "type" || declares(&rules, key) {
            continue;
        }
        let violation = if START_VARIANTS.iter().any(|(_, other)| declares(other, key)) {
            Violation::new(pointer_push("", key), ViolationKind::NotAllowed, ANOTHER_TYPES_FIELD)
        } else {
            Violation::new(pointer_push("", key), ViolationKind::Unknown, unknown_field_message(key, rules.fields))
        };
        out.push(violation);
    }
    out
}

/// Whether a variant's model declares a member.
fn declares(rules: &InputRules, key: &str) -> bool {
    rules.fields.iter().any(|field| field.name == key)
}

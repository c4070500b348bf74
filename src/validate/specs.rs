//! The input shape of every call, from Telnyx's OpenAPI spec (`shared/telnyx-openapi/verify-subset.json`), the
//! retired psd2 operation (`psd2-2023-subset.json`) and the seed documents.
//!
//! Top-level members are strict (a `phoneNumber` typo is reported); channel blocks (`sms`, `call`, …) are
//! open, as the spec's `additionalProperties: true` says, so the seed quickstart's `messaging_template`
//! passes through. A known field has the same rule in every channel block.

use super::rules::{ALPHA_SENDER, APP_NAME, DTMF, DTMF_50, NON_EMPTY, NUMERIC_CODE};
use super::{Field, Rule, Shape, TextRule};

/// The verification types `startVerification` accepts; each is also the last path segment.
pub const VERIFICATION_TYPES: &[&str] = &["sms", "call", "flashcall", "whatsapp", "psd2"];
/// PSD2 currencies of the historic spec.
pub const PSD2_CURRENCIES: &[&str] = &["USD", "EUR", "GBP", "AUD", "CAD"];

/// The code an end user typed: any non-empty text (a wrong code is a `rejected` answer, not an input error).
pub const ENTERED_CODE: TextRule = TextRule {
    allowed: |c| !c.is_control(),
    min: 1,
    max: 64,
    description: "the code the user entered, 1 to 64 characters",
};

/// Every field a channel block knows, with its one rule. Unknown members pass through.
pub const CHANNEL: Shape = Shape::open_input(&[
    Field::optional("messaging_template_id", Rule::Uuid),
    Field::optional("app_name", Rule::Text(&APP_NAME)),
    Field::optional("alpha_sender", Rule::Nullable(&Rule::Text(&ALPHA_SENDER))),
    Field::optional("code_length", Rule::PositiveInteger),
    Field::optional("whitelisted_destinations", Rule::Destinations),
    Field::optional("default_verification_timeout_secs", Rule::PositiveInteger),
    Field::optional("sender_phone_number", Rule::Nullable(&Rule::AnyText)),
    Field::optional("template_id", Rule::Nullable(&Rule::AnyText)),
    Field::optional("waba_id", Rule::Nullable(&Rule::AnyText)),
]);

const FLASHCALL_IN_UPDATE: &str =
    "flashcall is set when the profile is created: the API does not accept it in an update";

/// `POST /verify_profiles`.
pub const CREATE_PROFILE: Shape = Shape::input(&[
    Field::required("name", Rule::Text(&NON_EMPTY)),
    Field::optional("webhook_url", Rule::HttpUrl),
    Field::optional("webhook_failover_url", Rule::HttpUrl),
    Field::optional("language", Rule::Text(&NON_EMPTY)),
    Field::optional("daily_spend_limit", Rule::NonNegativeNumber),
    Field::optional("daily_spend_limit_enabled", Rule::Boolean),
    Field::optional("sms", Rule::Object(&CHANNEL)),
    Field::optional("call", Rule::Object(&CHANNEL)),
    Field::optional("flashcall", Rule::Object(&CHANNEL)),
    Field::optional("whatsapp", Rule::Object(&CHANNEL)),
    Field::optional("psd2", Rule::Object(&CHANNEL)),
]);

/// `PATCH /verify_profiles/{id}`: everything optional, and no `flashcall`.
pub const UPDATE_PROFILE: Shape = Shape::input(&[
    Field::optional("name", Rule::Text(&NON_EMPTY)),
    Field::optional("webhook_url", Rule::HttpUrl),
    Field::optional("webhook_failover_url", Rule::HttpUrl),
    Field::optional("language", Rule::Text(&NON_EMPTY)),
    Field::optional("daily_spend_limit", Rule::NonNegativeNumber),
    Field::optional("daily_spend_limit_enabled", Rule::Boolean),
    Field::optional("sms", Rule::Object(&CHANNEL)),
    Field::optional("call", Rule::Object(&CHANNEL)),
    Field::optional("flashcall", Rule::NotAllowed(FLASHCALL_IN_UPDATE)),
    Field::optional("whatsapp", Rule::Object(&CHANNEL)),
    Field::optional("psd2", Rule::Object(&CHANNEL)),
]);

/// `GET /verify_profiles` query: `filter[name]`, `page[number]`, `page[size]`.
pub const LIST_PROFILES_QUERY: Shape = Shape::input(&[
    Field::optional("filter", Rule::Object(&Shape::input(&[Field::optional("name", Rule::AnyText)]))),
    Field::optional("page", Rule::Object(&PAGE)),
]);

/// `GET /verified_numbers` query.
pub const LIST_VERIFIED_NUMBERS_QUERY: Shape = Shape::input(&[Field::optional("page", Rule::Object(&PAGE))]);

const PAGE: Shape =
    Shape::input(&[Field::optional("number", Rule::PageNumber), Field::optional("size", Rule::PageNumber)]);

/// `POST /verify_profiles/templates` and `PATCH …/templates/{id}`.
pub const TEMPLATE: Shape = Shape::input(&[Field::required("text", Rule::Text(&NON_EMPTY))]);

const ONLY_CALL_EXTENSION: &str = "only type \"call\" takes extension (DTMF dialled after the answer)";
const ONLY_PSD2: &str = "only type \"psd2\" takes amount, currency and payee";
const NO_CUSTOM_CODE: &str = "this type does not take custom_code (a flash call's code is its caller number)";

/// The fields every verification type shares. `type` stays in the shape: it selects the path.
macro_rules! verification_shape {
    ($($field:expr),* $(,)?) => {
        Shape::input(&[
            Field::required("type", Rule::OneOf(VERIFICATION_TYPES)),
            Field::required("phone_number", Rule::PhoneNumber),
            Field::required("verify_profile_id", Rule::Uuid),
            Field::optional("timeout_secs", Rule::PositiveInteger),
            $($field),*
        ])
    };
}

pub const START_SMS_OR_WHATSAPP: Shape = verification_shape![
    Field::optional("custom_code", Rule::Nullable(&Rule::Text(&NUMERIC_CODE))),
    Field::optional("extension", Rule::NotAllowed(ONLY_CALL_EXTENSION)),
    Field::optional("amount", Rule::NotAllowed(ONLY_PSD2)),
    Field::optional("currency", Rule::NotAllowed(ONLY_PSD2)),
    Field::optional("payee", Rule::NotAllowed(ONLY_PSD2)),
];

pub const START_CALL: Shape = verification_shape![
    Field::optional("custom_code", Rule::Nullable(&Rule::Text(&NUMERIC_CODE))),
    Field::optional("extension", Rule::Nullable(&Rule::Text(&DTMF))),
    Field::optional("amount", Rule::NotAllowed(ONLY_PSD2)),
    Field::optional("currency", Rule::NotAllowed(ONLY_PSD2)),
    Field::optional("payee", Rule::NotAllowed(ONLY_PSD2)),
];

pub const START_FLASHCALL: Shape = verification_shape![
    Field::optional("custom_code", Rule::NotAllowed(NO_CUSTOM_CODE)),
    Field::optional("extension", Rule::NotAllowed(ONLY_CALL_EXTENSION)),
    Field::optional("amount", Rule::NotAllowed(ONLY_PSD2)),
    Field::optional("currency", Rule::NotAllowed(ONLY_PSD2)),
    Field::optional("payee", Rule::NotAllowed(ONLY_PSD2)),
];

pub const START_PSD2: Shape = verification_shape![
    Field::required("amount", Rule::Amount),
    Field::required("currency", Rule::OneOf(PSD2_CURRENCIES)),
    Field::required("payee", Rule::Text(&NON_EMPTY)),
    Field::optional("custom_code", Rule::NotAllowed("psd2 verifications do not take custom_code")),
    Field::optional("extension", Rule::NotAllowed(ONLY_CALL_EXTENSION)),
];

/// Used when `type` is missing or unknown: report that, plus the shared fields, and nothing else.
pub const START_UNKNOWN_TYPE: Shape = Shape::open_input(&[
    Field::required("type", Rule::OneOf(VERIFICATION_TYPES)),
    Field::required("phone_number", Rule::PhoneNumber),
    Field::required("verify_profile_id", Rule::Uuid),
    Field::optional("timeout_secs", Rule::PositiveInteger),
]);

/// The shape for a verification `type`.
pub fn start_verification_shape(kind: Option<&str>) -> &'static Shape {
    match kind {
        Some("sms" | "whatsapp") => &START_SMS_OR_WHATSAPP,
        Some("call") => &START_CALL,
        Some("flashcall") => &START_FLASHCALL,
        Some("psd2") => &START_PSD2,
        _ => &START_UNKNOWN_TYPE,
    }
}

/// `POST /verifications/by_phone_number/{phone_number}/actions/verify` (the phone number goes in the path).
pub const VERIFY_CODE: Shape = Shape::input(&[
    Field::required("phone_number", Rule::PhoneNumber),
    Field::required("code", Rule::Text(&ENTERED_CODE)),
    Field::required("verify_profile_id", Rule::Uuid),
]);

/// `POST /verifications/{id}/actions/verify`: `{code}` or `{status}` (exactly one; checked in `endpoints`).
pub const VERIFY_CODE_BY_ID: Shape = Shape::input(&[
    Field::optional("code", Rule::Text(&ENTERED_CODE)),
    Field::optional("status", Rule::OneOf(&["accepted", "rejected"])),
]);

/// `POST /verified_numbers`.
pub const CREATE_VERIFIED_NUMBER: Shape = Shape::input(&[
    Field::required("phone_number", Rule::PhoneNumber),
    Field::required("verification_method", Rule::OneOf(&["sms", "call"])),
    Field::optional("extension", Rule::Text(&DTMF_50)),
]);

/// `POST /verified_numbers/{phone_number}/actions/verify`.
pub const SUBMIT_VERIFIED_NUMBER_CODE: Shape =
    Shape::input(&[Field::required("verification_code", Rule::Text(&ENTERED_CODE))]);

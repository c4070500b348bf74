//! What the API answers: the response objects of the spec, checked leniently so that both the current
//! shapes and older ones (the seed's `messaging_enabled`, `psd2: null`, …) are accepted.
//!
//! Only types are checked. Unknown fields are ignored (and reach the caller untouched), enum-like fields such
//! as `status` and `type` are open strings (the API renamed them several times), and timestamps are
//! strings with or without a timezone.

use crate::validate::{Field, Rule, Shape};

const TEXT: Rule = Rule::AnyText;
const NUMBER: Rule = Rule::AnyNumber;

/// `Verification` (§3.2 of the fact sheet). No field is required by the spec.
pub const VERIFICATION: Shape = Shape::response(&[
    Field::optional("id", TEXT),
    Field::optional("created_at", TEXT),
    Field::optional("updated_at", TEXT),
    Field::optional("phone_number", TEXT),
    Field::optional("record_type", TEXT),
    Field::optional("status", TEXT),
    Field::optional("type", TEXT),
    Field::optional("timeout_secs", NUMBER),
    Field::optional("custom_code", TEXT),
    Field::optional("verify_profile_id", TEXT),
]);

/// A channel block of a profile (`sms`, `call`, `flashcall`, `whatsapp`, `psd2`; `null` when unset).
const PROFILE_CHANNEL: Shape = Shape::response(&[
    Field::optional("messaging_template_id", TEXT),
    Field::optional("app_name", TEXT),
    Field::optional("alpha_sender", TEXT),
    Field::optional("code_length", NUMBER),
    Field::optional("whitelisted_destinations", Rule::ArrayOf(&TEXT)),
    Field::optional("default_verification_timeout_secs", NUMBER),
    Field::optional("sender_phone_number", TEXT),
    Field::optional("template_id", TEXT),
    Field::optional("waba_id", TEXT),
]);

/// `VerifyProfileResponse`.
pub const PROFILE: Shape = Shape::response(&[
    Field::optional("id", TEXT),
    Field::optional("name", TEXT),
    Field::optional("record_type", TEXT),
    Field::optional("created_at", TEXT),
    Field::optional("updated_at", TEXT),
    Field::optional("webhook_url", TEXT),
    Field::optional("webhook_failover_url", TEXT),
    Field::optional("language", TEXT),
    Field::optional("daily_spend_limit", NUMBER),
    Field::optional("daily_spend_limit_enabled", Rule::Boolean),
    Field::optional("sms", Rule::Object(&PROFILE_CHANNEL)),
    Field::optional("call", Rule::Object(&PROFILE_CHANNEL)),
    Field::optional("flashcall", Rule::Object(&PROFILE_CHANNEL)),
    Field::optional("whatsapp", Rule::Object(&PROFILE_CHANNEL)),
    Field::optional("psd2", Rule::Object(&PROFILE_CHANNEL)),
]);

/// `VerifyVerificationCodeResponse.data`: both fields required; `response_code` is `accepted` or `rejected`
/// today, kept open.
pub const VERIFY_CODE_RESULT: Shape =
    Shape::response(&[Field::required("phone_number", TEXT), Field::required("response_code", TEXT)]);

/// `VerifyProfileMessageTemplateResponse`.
pub const TEMPLATE: Shape = Shape::response(&[Field::optional("id", TEXT), Field::optional("text", TEXT)]);

/// `VerifiedNumberResponse`.
pub const VERIFIED_NUMBER: Shape = Shape::response(&[
    Field::optional("phone_number", TEXT),
    Field::optional("record_type", TEXT),
    Field::optional("verified_at", TEXT),
]);

/// `CreateVerifiedNumberResponse`: not wrapped in `data`.
pub const VERIFIED_NUMBER_CREATED: Shape =
    Shape::response(&[Field::optional("phone_number", TEXT), Field::optional("verification_method", TEXT)]);

/// `verify_Meta` / `verified-numbers_Meta`.
pub const META: Shape = Shape::response(&[
    Field::optional("page_number", NUMBER),
    Field::optional("page_size", NUMBER),
    Field::optional("total_pages", NUMBER),
    Field::optional("total_results", NUMBER),
]);

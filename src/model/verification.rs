//! Verifications: a code sent to a phone number, and checking it.

use serde::{Deserialize, Serialize};

use super::{Nullable, ResponseCode, VerificationStatus, VerificationType};
use crate::response::shape::{Kind, Member, Shape, Shaped};

/// A verification as the API answers it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Verification {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<VerificationType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<VerificationStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_profile_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// Timestamps may lack a timezone (`2020-09-14T17:03:32.965812`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

impl Shaped for Verification {
    const SHAPE: Shape = Shape {
        members: &[
            Member::optional("id", Kind::Text),
            Member::optional("type", Kind::Text),
            Member::optional("status", Kind::Text),
            Member::optional("phone_number", Kind::Text),
            Member::optional("verify_profile_id", Kind::Text),
            Member::optional("timeout_secs", Kind::Count),
            Member::optional("custom_code", Kind::Text),
            Member::optional("record_type", Kind::Text),
            Member::optional("created_at", Kind::Text),
            Member::optional("updated_at", Kind::Text),
        ],
    };
}

/// `POST /verifications/{type}`: `type` selects the path and is not sent in the body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum StartVerification {
    Sms(StartSms),
    Call(StartCall),
    Flashcall(StartFlashcall),
    Whatsapp(StartSms),
    Psd2(StartPsd2),
}

/// An SMS or WhatsApp verification.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StartSms {
    /// E.164, such as `+13035551234`.
    pub phone_number: String,
    pub verify_profile_id: String,
    /// Overrides the profile's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u32>,
    /// Your own code instead of a generated one (digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_code: Option<Nullable<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StartCall {
    pub phone_number: String,
    pub verify_profile_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_code: Option<Nullable<String>>,
    /// DTMF dialled after the call is answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<Nullable<String>>,
}

/// A flash call: the code is the end of the calling number, so there is no `custom_code`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StartFlashcall {
    pub phone_number: String,
    pub verify_profile_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Psd2Currency {
    USD,
    EUR,
    GBP,
    AUD,
    CAD,
}

/// A PSD2 (strong customer authentication) verification of a payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StartPsd2 {
    pub phone_number: String,
    pub verify_profile_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_secs: Option<u32>,
    /// Decimal string, such as "99.99".
    pub amount: String,
    pub currency: Psd2Currency,
    pub payee: String,
}

/// `POST /verifications/by_phone_number/{phone_number}/actions/verify`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VerifyCodeInput {
    pub phone_number: String,
    pub code: String,
    pub verify_profile_id: String,
}

/// `POST /verifications/{id}/actions/verify`: a code to check, or the outcome of your own `custom_code` check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum VerifyCodeByIdInput {
    Code { code: String },
    Status { status: ResponseCode },
}

/// A wrong code is `response_code: "rejected"`, not an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VerifyCodeResult {
    pub phone_number: String,
    pub response_code: ResponseCode,
}

impl Shaped for VerifyCodeResult {
    const SHAPE: Shape = Shape {
        members: &[Member::required("phone_number", Kind::Text), Member::required("response_code", Kind::Text)],
    };
}

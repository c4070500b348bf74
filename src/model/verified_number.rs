//! Verified numbers: caller numbers you own, registered by a code sent to them.

use serde::{Deserialize, Serialize};

use crate::response::shape::{Kind, Member, Shape, Shaped};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum VerificationMethod {
    Sms,
    Call,
}

/// `POST /verified_numbers`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CreateVerifiedNumberInput {
    pub phone_number: String,
    pub verification_method: VerificationMethod,
    /// Call only: DTMF after answer, `^[0-9A-D*#wW]*$`, at most 50.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

/// What `POST /verified_numbers` answers (not wrapped in `data`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VerifiedNumberRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_method: Option<String>,
}

impl Shaped for VerifiedNumberRequest {
    const SHAPE: Shape = Shape {
        members: &[Member::optional("phone_number", Kind::Text), Member::optional("verification_method", Kind::Text)],
    };
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VerifiedNumber {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<String>,
}

impl Shaped for VerifiedNumber {
    const SHAPE: Shape = Shape {
        members: &[
            Member::optional("phone_number", Kind::Text),
            Member::optional("record_type", Kind::Text),
            Member::optional("verified_at", Kind::Text),
        ],
    };
}

/// `POST /verified_numbers/{phone_number}/actions/verify`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SubmitVerifiedNumberCodeInput {
    pub verification_code: String,
}

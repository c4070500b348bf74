//! Verified numbers: caller numbers you own, registered by a code sent to them.

use serde::{Deserialize, Serialize};

use crate::validate::rules::{DTMF_50, ENTERED_CODE};
use crate::validate::Rule;

/// How the code that registers a number is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum VerificationMethod {
    /// By text message.
    Sms,
    /// By a voice call.
    Call,
}

input_model! {
    /// `POST /verified_numbers`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct CreateVerifiedNumberInput {
        /// The phone number, in E.164 form.
        #[rule(Rule::PhoneNumber)]
        pub phone_number: String,
        /// How the code was sent: `sms` or `call`.
        #[rule(Rule::OneOf(&["sms", "call"]))]
        pub verification_method: VerificationMethod,
        /// Call only: DTMF after answer, `^[0-9A-D*#wW]*$`, at most 50.
        #[rule(Rule::Text(&DTMF_50))]
        pub extension: Option<String>,
    }
}

answer_model! {
    /// What `POST /verified_numbers` answers (not wrapped in `data`).
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct VerifiedNumberRequest {
        /// The phone number, in E.164 form.
        pub phone_number: Option<String>,
        /// How the code was sent: `sms` or `call`.
        pub verification_method: Option<String>,
    }
}

answer_model! {
    /// A caller number you have verified.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct VerifiedNumber {
        /// The phone number, in E.164 form.
        pub phone_number: Option<String>,
        /// What kind of object this is (`verify_profile`, `verification`…), as the API names it.
        pub record_type: Option<String>,
        /// When it was verified (ISO 8601).
        pub verified_at: Option<String>,
    }
}

input_model! {
    /// `POST /verified_numbers/{phone_number}/actions/verify`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct SubmitVerifiedNumberCodeInput {
        /// The code sent to the number.
        #[rule(Rule::Text(&ENTERED_CODE))]
        pub verification_code: String,
    }
}

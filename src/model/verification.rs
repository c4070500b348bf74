//! Verifications: a code sent to a phone number, and checking it.

use serde::{Deserialize, Serialize};

use super::{Nullable, ResponseCode, VerificationStatus, VerificationType};
use crate::validate::rules::{DTMF, ENTERED_CODE, NON_EMPTY, NUMERIC_CODE};
use crate::validate::specs::PSD2_CURRENCIES;
use crate::validate::{Field, InputModel, InputRules, Rule};

answer_model! {
    /// A verification as the API answers it.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct Verification {
        /// Its identifier, a UUID.
        pub id: Option<String>,
        /// The channel it was sent by (`type` on the wire).
        #[serde(rename = "type")]
        pub kind: Option<VerificationType>,
        /// Where it stands: `pending`, `accepted`, `expired`…
        pub status: Option<VerificationStatus>,
        /// The phone number, in E.164 form.
        pub phone_number: Option<String>,
        /// The profile it uses.
        pub verify_profile_id: Option<String>,
        /// How long the code stays valid, in seconds.
        pub timeout_secs: Option<u32>,
        /// The code you chose, if you chose one.
        pub custom_code: Option<String>,
        /// What kind of object this is (`verify_profile`, `verification`…), as the API names it.
        pub record_type: Option<String>,
        /// Timestamps may lack a timezone (`2020-09-14T17:03:32.965812`).
        pub created_at: Option<String>,
        /// When it last changed (ISO 8601).
        pub updated_at: Option<String>,
    }
}

/// `POST /verifications/{type}`: `type` selects the path and is not sent in the body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum StartVerification {
    /// A code by text message.
    Sms(StartSms),
    /// A code read out in a voice call.
    Call(StartCall),
    /// A missed call whose caller number ends with the code.
    Flashcall(StartFlashcall),
    /// A code by WhatsApp message.
    Whatsapp(StartSms),
    /// A payment confirmed by a code (PSD2 strong customer authentication).
    Psd2(StartPsd2),
}

input_model! {
    shared {
        /// E.164, such as `+13035551234`.
        #[rule(Rule::PhoneNumber)]
        pub phone_number: String,
        /// The profile it uses.
        #[rule(Rule::Uuid)]
        pub verify_profile_id: String,
        /// Overrides the profile's default.
        #[rule(Rule::PositiveInteger)]
        pub timeout_secs: Option<u32>,
    }

    /// An SMS or WhatsApp verification.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct StartSms {
        ..shared,
        /// Your own code instead of a generated one (digits).
        #[rule(Rule::Nullable(&Rule::Text(&NUMERIC_CODE)))]
        pub custom_code: Option<Nullable<String>>,
    }

    /// A voice call that reads the code.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct StartCall {
        ..shared,
        /// Your own code instead of a generated one (digits).
        #[rule(Rule::Nullable(&Rule::Text(&NUMERIC_CODE)))]
        pub custom_code: Option<Nullable<String>>,
        /// DTMF dialled after the call is answered.
        #[rule(Rule::Nullable(&Rule::Text(&DTMF)))]
        pub extension: Option<Nullable<String>>,
    }

    /// A flash call: the code is the end of the calling number, so there is no `custom_code`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct StartFlashcall {
        ..shared,
    }

    /// A PSD2 (strong customer authentication) verification of a payment.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct StartPsd2 {
        ..shared,
        /// Decimal string, such as "99.99".
        #[rule(Rule::Amount)]
        pub amount: String,
        /// The currency of the amount.
        #[rule(Rule::OneOf(PSD2_CURRENCIES))]
        pub currency: Psd2Currency,
        /// Who is paid.
        #[rule(Rule::Text(&NON_EMPTY))]
        pub payee: String,
    }
}

/// The currency of a PSD2 payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Psd2Currency {
    /// US dollar.
    USD,
    /// Euro.
    EUR,
    /// Pound sterling.
    GBP,
    /// Australian dollar.
    AUD,
    /// Canadian dollar.
    CAD,
}

input_model! {
    /// `POST /verifications/by_phone_number/{phone_number}/actions/verify`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct VerifyCodeInput {
        /// The phone number, in E.164 form.
        #[rule(Rule::PhoneNumber)]
        pub phone_number: String,
        /// What the user typed.
        #[rule(Rule::Text(&ENTERED_CODE))]
        pub code: String,
        /// The profile it uses.
        #[rule(Rule::Uuid)]
        pub verify_profile_id: String,
    }
}

/// `POST /verifications/{id}/actions/verify`: a code to check, or the outcome of your own `custom_code` check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum VerifyCodeByIdInput {
    /// Check the code the user entered.
    Code {
        /// The code the user entered.
        code: String,
    },
    /// Report the outcome of your own check of a `custom_code`.
    Status {
        /// `accepted` or `rejected`.
        status: ResponseCode,
    },
}

impl InputModel for VerifyCodeByIdInput {
    /// Either member; that exactly one is given is checked with the call (`endpoints`).
    const RULES: InputRules = InputRules::strict(&[
        Field::optional("code", Rule::Text(&ENTERED_CODE)),
        Field::optional("status", Rule::OneOf(&["accepted", "rejected"])),
    ]);
}

answer_model! {
    /// A wrong code is `response_code: "rejected"`, not an error.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub struct VerifyCodeResult {
        /// The phone number, in E.164 form.
        pub phone_number: String,
        /// `accepted` if the code was right, `rejected` if not.
        pub response_code: ResponseCode,
    }
}

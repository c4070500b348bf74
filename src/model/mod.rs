//! The Verify API's objects as serde models: what the API answers (lenient: every field optional, enum-like
//! fields open, fields added later ignored by Rust and passed through to JS), what callers send (the inputs),
//! and Telnyx's error envelope.
//!
//! Field names are the API's snake_case names, as on the wire. In wasm builds each type also derives
//! `tsify::Tsify`, so the TypeScript declarations of the npm package are generated from these definitions.

#[macro_use]
mod declare;
mod open_enum;
mod page;
mod profile;
mod template;
mod verification;
mod verified_number;

pub use open_enum::{ResponseCode, VerificationStatus, VerificationType};
pub use page::{Data, ListProfilesQuery, ListVerifiedNumbersQuery, Page, PageMeta, PageQuery, ProfileFilter};
pub use profile::{ChannelInput, ChannelSettings, CreateProfileInput, UpdateProfileInput, VerifyProfile};
pub use template::{MessageTemplate, TemplateInput};
pub use verification::{
    Psd2Currency, StartCall, StartFlashcall, StartPsd2, StartSms, StartVerification, Verification, VerifyCodeByIdInput,
    VerifyCodeInput, VerifyCodeResult,
};
pub use verified_number::{
    CreateVerifiedNumberInput, SubmitVerifiedNumberCodeInput, VerificationMethod, VerifiedNumber, VerifiedNumberRequest,
};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that may be sent as `null` (distinct from leaving it out, which is `None` around it): the API
/// reads `"alpha_sender": null` as "no alpha sender", and an absent field as "unchanged / default".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Nullable<T> {
    /// An explicit `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => value.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Nullable::Null, Nullable::Value))
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const NULLABLE: &str = r#"
/** A value, or `null` to send an explicit null (leaving the field out is different: "unchanged"). */
export type Nullable<T> = T | null;
"#;

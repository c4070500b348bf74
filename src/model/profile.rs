//! Verify profiles: the settings a verification is sent with, per channel.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Nullable;
use crate::response::shape::{Kind, Member, Shape, Shaped};

/// A profile as the API answers it. Channel blocks are `null` when the channel is not set up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VerifyProfile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
    /// Timestamps may lack a timezone (`2020-09-14T17:03:32.965812`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_failover_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_spend_limit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_spend_limit_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<ChannelSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<ChannelSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flashcall: Option<ChannelSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp: Option<ChannelSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub psd2: Option<ChannelSettings>,
}

impl Shaped for VerifyProfile {
    const SHAPE: Shape = Shape {
        members: &[
            Member::optional("id", Kind::Text),
            Member::optional("name", Kind::Text),
            Member::optional("record_type", Kind::Text),
            Member::optional("created_at", Kind::Text),
            Member::optional("updated_at", Kind::Text),
            Member::optional("webhook_url", Kind::Text),
            Member::optional("webhook_failover_url", Kind::Text),
            Member::optional("language", Kind::Text),
            Member::optional("daily_spend_limit", Kind::Number),
            Member::optional("daily_spend_limit_enabled", Kind::Boolean),
            Member::optional("sms", Kind::Object(&ChannelSettings::SHAPE)),
            Member::optional("call", Kind::Object(&ChannelSettings::SHAPE)),
            Member::optional("flashcall", Kind::Object(&ChannelSettings::SHAPE)),
            Member::optional("whatsapp", Kind::Object(&ChannelSettings::SHAPE)),
            Member::optional("psd2", Kind::Object(&ChannelSettings::SHAPE)),
        ],
    };
}

/// One channel block of a profile, as answered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ChannelSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_template_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha_sender: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whitelisted_destinations: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_verification_timeout_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waba_id: Option<String>,
}

impl Shaped for ChannelSettings {
    const SHAPE: Shape = Shape {
        members: &[
            Member::optional("messaging_template_id", Kind::Text),
            Member::optional("app_name", Kind::Text),
            Member::optional("alpha_sender", Kind::Text),
            Member::optional("code_length", Kind::Count),
            Member::optional("whitelisted_destinations", Kind::TextList),
            Member::optional("default_verification_timeout_secs", Kind::Count),
            Member::optional("sender_phone_number", Kind::Text),
            Member::optional("template_id", Kind::Text),
            Member::optional("waba_id", Kind::Text),
        ],
    };
}

/// Settings of one channel when creating or updating a profile. Members this crate does not know are passed
/// through in `extra`, as the spec allows (`additionalProperties: true`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ChannelInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_template_id: Option<String>,
    /// `^[A-Za-z0-9 -]{1,30}$`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_name: Option<String>,
    /// SMS only. `^[A-Za-z0-9 ]{1,11}$`; default "Telnyx".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alpha_sender: Option<Nullable<String>>,
    /// Default 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_length: Option<u32>,
    /// ISO 3166-1 alpha-2 codes, or `["*"]` for every destination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whitelisted_destinations: Option<Vec<String>>,
    /// Default 300.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_verification_timeout_secs: Option<u32>,
    /// WhatsApp only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_phone_number: Option<Nullable<String>>,
    /// WhatsApp only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_id: Option<Nullable<String>>,
    /// WhatsApp only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waba_id: Option<Nullable<String>>,
    /// Members the API accepts that this crate does not name (the seed quickstart's `messaging_template`).
    #[serde(flatten)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

/// `POST /verify_profiles`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CreateProfileInput {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_failover_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_spend_limit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_spend_limit_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<ChannelInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<ChannelInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flashcall: Option<ChannelInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp: Option<ChannelInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub psd2: Option<ChannelInput>,
}

/// `PATCH /verify_profiles/{id}`: everything optional; `flashcall` is fixed when the profile is created.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct UpdateProfileInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_failover_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_spend_limit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_spend_limit_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<ChannelInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<ChannelInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whatsapp: Option<ChannelInput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub psd2: Option<ChannelInput>,
}

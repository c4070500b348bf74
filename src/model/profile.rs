//! Verify profiles: the settings a verification is sent with, per channel.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Nullable;
use crate::validate::rules::{ALPHA_SENDER, APP_NAME, NON_EMPTY};
use crate::validate::Rule;

answer_model! {
    /// A profile as the API answers it. Channel blocks are `null` when the channel is not set up.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct VerifyProfile {
        pub id: Option<String>,
        pub name: Option<String>,
        pub record_type: Option<String>,
        /// Timestamps may lack a timezone (`2020-09-14T17:03:32.965812`).
        pub created_at: Option<String>,
        pub updated_at: Option<String>,
        pub webhook_url: Option<String>,
        pub webhook_failover_url: Option<String>,
        pub language: Option<String>,
        pub daily_spend_limit: Option<f64>,
        pub daily_spend_limit_enabled: Option<bool>,
        pub sms: Option<ChannelSettings>,
        pub call: Option<ChannelSettings>,
        pub flashcall: Option<ChannelSettings>,
        pub whatsapp: Option<ChannelSettings>,
        pub psd2: Option<ChannelSettings>,
    }
}

answer_model! {
    /// One channel block of a profile, as answered.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct ChannelSettings {
        pub messaging_template_id: Option<String>,
        pub app_name: Option<String>,
        pub alpha_sender: Option<String>,
        pub code_length: Option<u32>,
        pub whitelisted_destinations: Option<Vec<String>>,
        pub default_verification_timeout_secs: Option<u32>,
        pub sender_phone_number: Option<String>,
        pub template_id: Option<String>,
        pub waba_id: Option<String>,
    }
}

input_model! {
    /// Settings of one channel when creating or updating a profile. A known field has the same rule in
    /// every channel block.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct ChannelInput {
        #[rule(Rule::Uuid)]
        pub messaging_template_id: Option<String>,
        /// `^[A-Za-z0-9 -]{1,30}$`
        #[rule(Rule::Text(&APP_NAME))]
        pub app_name: Option<String>,
        /// SMS only. `^[A-Za-z0-9 ]{1,11}$`; default "Telnyx".
        #[rule(Rule::Nullable(&Rule::Text(&ALPHA_SENDER)))]
        pub alpha_sender: Option<Nullable<String>>,
        /// Default 5.
        #[rule(Rule::PositiveInteger)]
        pub code_length: Option<u32>,
        /// ISO 3166-1 alpha-2 codes, or `["*"]` for every destination.
        #[rule(Rule::Destinations)]
        pub whitelisted_destinations: Option<Vec<String>>,
        /// Default 300.
        #[rule(Rule::PositiveInteger)]
        pub default_verification_timeout_secs: Option<u32>,
        /// WhatsApp only.
        #[rule(Rule::Nullable(&Rule::AnyText))]
        pub sender_phone_number: Option<Nullable<String>>,
        /// WhatsApp only.
        #[rule(Rule::Nullable(&Rule::AnyText))]
        pub template_id: Option<Nullable<String>>,
        /// WhatsApp only.
        #[rule(Rule::Nullable(&Rule::AnyText))]
        pub waba_id: Option<Nullable<String>>,
        #[serde(flatten)]
        /// Members the API accepts that this crate does not name (the seed quickstart's `messaging_template`),
        /// passed through as the spec allows (`additionalProperties: true`).
        pub extra: Map<String, Value>,
    }
}

input_model! {
    shared {
        #[rule(Rule::HttpUrl)]
        pub webhook_url: Option<String>,
        #[rule(Rule::HttpUrl)]
        pub webhook_failover_url: Option<String>,
        #[rule(Rule::Text(&NON_EMPTY))]
        pub language: Option<String>,
        #[rule(Rule::NonNegativeNumber)]
        pub daily_spend_limit: Option<f64>,
        #[rule(Rule::Boolean)]
        pub daily_spend_limit_enabled: Option<bool>,
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub sms: Option<ChannelInput>,
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub call: Option<ChannelInput>,
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub whatsapp: Option<ChannelInput>,
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub psd2: Option<ChannelInput>,
    }

    /// `POST /verify_profiles`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct CreateProfileInput {
        #[rule(Rule::Text(&NON_EMPTY))]
        pub name: String,
        /// Set when the profile is created: an update cannot change it.
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub flashcall: Option<ChannelInput>,
    }

    /// `PATCH /verify_profiles/{id}`: everything optional; `flashcall` is fixed when the profile is created.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct UpdateProfileInput {
        #[rule(Rule::Text(&NON_EMPTY))]
        pub name: Option<String>,
    }
}

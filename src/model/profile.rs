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
        /// Its identifier, a UUID.
        pub id: Option<String>,
        /// The name you gave it.
        pub name: Option<String>,
        /// What kind of object this is (`verify_profile`, `verification`…), as the API names it.
        pub record_type: Option<String>,
        /// Timestamps may lack a timezone (`2020-09-14T17:03:32.965812`).
        pub created_at: Option<String>,
        /// When it last changed (ISO 8601).
        pub updated_at: Option<String>,
        /// Where Telnyx posts the events of its verifications.
        pub webhook_url: Option<String>,
        /// Where events go when `webhook_url` does not answer.
        pub webhook_failover_url: Option<String>,
        /// The language of the messages and calls, such as `en-US`.
        pub language: Option<String>,
        /// The most it may spend in a day, in USD.
        pub daily_spend_limit: Option<f64>,
        /// Whether `daily_spend_limit` applies.
        pub daily_spend_limit_enabled: Option<bool>,
        /// The SMS channel.
        pub sms: Option<ChannelSettings>,
        /// The voice-call channel.
        pub call: Option<ChannelSettings>,
        /// The flash-call channel.
        pub flashcall: Option<ChannelSettings>,
        /// The WhatsApp channel.
        pub whatsapp: Option<ChannelSettings>,
        /// The PSD2 (payment confirmation) channel.
        pub psd2: Option<ChannelSettings>,
    }
}

answer_model! {
    /// One channel block of a profile, as answered.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct ChannelSettings {
        /// The message template the code is sent with.
        pub messaging_template_id: Option<String>,
        /// The name the message gives your app.
        pub app_name: Option<String>,
        /// The sender name an SMS shows.
        pub alpha_sender: Option<String>,
        /// How many digits a code has.
        pub code_length: Option<u32>,
        /// The countries (ISO 3166-1 alpha-2) codes may be sent to; `["*"]` is every one.
        pub whitelisted_destinations: Option<Vec<String>>,
        /// How long a code stays valid, in seconds.
        pub default_verification_timeout_secs: Option<u32>,
        /// The WhatsApp number codes are sent from.
        pub sender_phone_number: Option<String>,
        /// The WhatsApp template codes are sent with.
        pub template_id: Option<String>,
        /// The WhatsApp Business Account.
        pub waba_id: Option<String>,
    }
}

input_model! {
    /// Settings of one channel when creating or updating a profile. A known field has the same rule in
    /// every channel block.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct ChannelInput {
        /// The message template the code is sent with.
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
        /// Where Telnyx posts the events of its verifications.
        #[rule(Rule::HttpUrl)]
        pub webhook_url: Option<String>,
        /// Where events go when `webhook_url` does not answer.
        #[rule(Rule::HttpUrl)]
        pub webhook_failover_url: Option<String>,
        /// The language of the messages and calls, such as `en-US`.
        #[rule(Rule::Text(&NON_EMPTY))]
        pub language: Option<String>,
        /// The most it may spend in a day, in USD.
        #[rule(Rule::NonNegativeNumber)]
        pub daily_spend_limit: Option<f64>,
        /// Whether `daily_spend_limit` applies.
        #[rule(Rule::Boolean)]
        pub daily_spend_limit_enabled: Option<bool>,
        /// The SMS channel.
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub sms: Option<ChannelInput>,
        /// The voice-call channel.
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub call: Option<ChannelInput>,
        /// The WhatsApp channel.
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub whatsapp: Option<ChannelInput>,
        /// The PSD2 (payment confirmation) channel.
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub psd2: Option<ChannelInput>,
    }

    /// `POST /verify_profiles`.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct CreateProfileInput {
        /// The profile's name.
        #[rule(Rule::Text(&NON_EMPTY))]
        pub name: String,
        ..shared,
        /// Set when the profile is created: an update cannot change it.
        #[rule(Rule::Object(&ChannelInput::RULES))]
        pub flashcall: Option<ChannelInput>,
    }

    /// `PATCH /verify_profiles/{id}`: everything optional; `flashcall` is fixed when the profile is created.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct UpdateProfileInput {
        /// A new name.
        #[rule(Rule::Text(&NON_EMPTY))]
        pub name: Option<String>,
        ..shared,
    }
}

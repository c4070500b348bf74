//! Message templates: the text of an SMS, with `{{app_name}}` and `{{code}}` placeholders.

use serde::{Deserialize, Serialize};

use crate::response::shape::{Kind, Member, Shape, Shaped};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MessageTemplate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Shaped for MessageTemplate {
    const SHAPE: Shape = Shape { members: &[Member::optional("id", Kind::Text), Member::optional("text", Kind::Text)] };
}

/// `POST /verify_profiles/templates` and `PATCH …/templates/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TemplateInput {
    /// May use `{{app_name}}` and `{{code}}`.
    pub text: String,
}

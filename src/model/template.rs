//! Message templates: the text of an SMS, with `{{app_name}}` and `{{code}}` placeholders.

use serde::{Deserialize, Serialize};

use crate::validate::rules::NON_EMPTY;
use crate::validate::Rule;

answer_model! {
    /// A message template as the API answers it.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct MessageTemplate {
        /// Its identifier, a UUID.
        pub id: Option<String>,
        /// The text, with `{{app_name}}` and `{{code}}` placeholders.
        pub text: Option<String>,
    }
}

input_model! {
    /// `POST /verify_profiles/templates` and `PATCH …/templates/{id}`.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct TemplateInput {
        /// May use `{{app_name}}` and `{{code}}`.
        #[rule(Rule::Text(&NON_EMPTY))]
        pub text: String,
    }
}

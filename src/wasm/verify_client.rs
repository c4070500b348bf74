//! `VerifyClient`, exported by wasm-bindgen: a thin layer over the Rust [`Client`]. Each method reads its
//! arguments (copied by `snapshot.js` into JSON text, parsed by serde_json), lets the core validate and build
//! the request, and hands it to the Rust client. Every failure rejects the returned promise with a `TelnyxVerifyError`.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::snapshot::to_value;
use super::{js_error, options, pages};
use crate::client::Client;
use crate::endpoints::{self, Endpoint};
use crate::error::Error;

/// A client of the Telnyx Verify API. Cheap to keep for the life of a Worker or server.
#[wasm_bindgen]
pub struct VerifyClient {
    client: Client,
}

#[wasm_bindgen]
impl VerifyClient {
    /// Throws a `TelnyxVerifyError` (`validation_failed`, `field` = the option) when an option is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "VerifyClientOptions")] options: Option<JsValue>,
    ) -> Result<VerifyClient, JsValue> {
        let client = options::client(&options.unwrap_or(JsValue::UNDEFINED)).map_err(js_error::to_js)?;
        Ok(VerifyClient { client })
    }

    /// `POST /verify_profiles`.
    #[wasm_bindgen(js_name = createProfile, unchecked_return_type = "Promise<VerifyProfile>")]
    pub fn create_profile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateProfileInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(to_value(&input, "").and_then(|input| endpoints::create_profile(&input)), options)
    }

    /// `GET /verify_profiles/{id}`.
    #[wasm_bindgen(js_name = getProfile, unchecked_return_type = "Promise<VerifyProfile>")]
    pub fn get_profile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(to_value(&id, "/verify_profile_id").and_then(|id| endpoints::get_profile(&id)), options)
    }

    /// `PATCH /verify_profiles/{id}` (no `flashcall`: the API fixes it at creation).
    #[wasm_bindgen(js_name = updateProfile, unchecked_return_type = "Promise<VerifyProfile>")]
    pub fn update_profile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "UpdateProfileInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let endpoint =
            to_value(&id, "/verify_profile_id").and_then(|id| endpoints::update_profile(&id, &to_value(&input, "")?));
        self.call(endpoint, options)
    }

    /// `DELETE /verify_profiles/{id}`; resolves to the deleted profile.
    #[wasm_bindgen(js_name = deleteProfile, unchecked_return_type = "Promise<VerifyProfile>")]
    pub fn delete_profile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(to_value(&id, "/verify_profile_id").and_then(|id| endpoints::delete_profile(&id)), options)
    }

    /// `GET /verify_profiles`: one page, `{data, meta}`.
    #[wasm_bindgen(js_name = listProfiles, unchecked_return_type = "Promise<Page<VerifyProfile>>")]
    pub fn list_profiles(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListProfilesQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(
            to_value(&query.unwrap_or(JsValue::UNDEFINED), "").and_then(|query| endpoints::list_profiles(&query)),
            options,
        )
    }

    /// Every profile, page after page: `for await (const profile of client.iterateProfiles()) …`.
    #[wasm_bindgen(js_name = iterateProfiles, unchecked_return_type = "AsyncIterableIterator<VerifyProfile>")]
    pub fn iterate_profiles(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListProfilesQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> JsValue {
        pages::iterate(
            self.client.clone(),
            query.unwrap_or(JsValue::UNDEFINED),
            options.unwrap_or(JsValue::UNDEFINED),
            endpoints::list_profiles,
        )
    }

    /// `GET /verify_profiles/templates`: `{data}`.
    #[wasm_bindgen(js_name = listTemplates, unchecked_return_type = "Promise<Page<MessageTemplate>>")]
    pub fn list_templates(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(Ok(endpoints::list_templates()), options)
    }

    /// `POST /verify_profiles/templates` with `{text}` (placeholders `{{app_name}}` and `{{code}}`).
    #[wasm_bindgen(js_name = createTemplate, unchecked_return_type = "Promise<MessageTemplate>")]
    pub fn create_template(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TemplateInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(to_value(&input, "").and_then(|input| endpoints::create_template(&input)), options)
    }

    /// `PATCH /verify_profiles/templates/{id}` with `{text}`.
    #[wasm_bindgen(js_name = updateTemplate, unchecked_return_type = "Promise<MessageTemplate>")]
    pub fn update_template(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TemplateInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let endpoint =
            to_value(&id, "/template_id").and_then(|id| endpoints::update_template(&id, &to_value(&input, "")?));
        self.call(endpoint, options)
    }

    /// `POST /verifications/{type}`: sends a code by sms, call, flashcall, whatsapp or psd2.
    #[wasm_bindgen(js_name = startVerification, unchecked_return_type = "Promise<Verification>")]
    pub fn start_verification(
        &self,
        #[wasm_bindgen(unchecked_param_type = "StartVerificationInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(to_value(&input, "").and_then(|input| endpoints::start_verification(&input)), options)
    }

    /// `GET /verifications/{id}`.
    #[wasm_bindgen(js_name = getVerification, unchecked_return_type = "Promise<Verification>")]
    pub fn get_verification(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(to_value(&id, "/verification_id").and_then(|id| endpoints::get_verification(&id)), options)
    }

    /// `GET /verifications/by_phone_number/{phone_number}`: `{data, meta}`.
    #[wasm_bindgen(js_name = listVerifications, unchecked_return_type = "Promise<Page<Verification>>")]
    pub fn list_verifications(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(
            to_value(&phone_number, "/phone_number")
                .and_then(|phone_number| endpoints::list_verifications(&phone_number)),
            options,
        )
    }

    /// `POST /verifications/by_phone_number/{phone_number}/actions/verify`. A wrong code resolves to
    /// `{response_code: "rejected"}`; it is not an error.
    #[wasm_bindgen(js_name = verifyCode, unchecked_return_type = "Promise<VerifyCodeResult>")]
    pub fn verify_code(
        &self,
        #[wasm_bindgen(unchecked_param_type = "VerifyCodeInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(to_value(&input, "").and_then(|input| endpoints::verify_code(&input)), options)
    }

    /// `POST /verifications/{id}/actions/verify` with `{code}`, or `{status}` after a `custom_code` check.
    #[wasm_bindgen(js_name = verifyCodeById, unchecked_return_type = "Promise<VerifyCodeResult>")]
    pub fn verify_code_by_id(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "VerifyCodeByIdInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let endpoint =
            to_value(&id, "/verification_id").and_then(|id| endpoints::verify_code_by_id(&id, &to_value(&input, "")?));
        self.call(endpoint, options)
    }

    /// `POST /verified_numbers`: starts registering a caller number you own.
    #[wasm_bindgen(js_name = createVerifiedNumber, unchecked_return_type = "Promise<VerifiedNumberRequest>")]
    pub fn create_verified_number(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateVerifiedNumberInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(to_value(&input, "").and_then(|input| endpoints::create_verified_number(&input)), options)
    }

    /// `GET /verified_numbers`: one page.
    #[wasm_bindgen(js_name = listVerifiedNumbers, unchecked_return_type = "Promise<Page<VerifiedNumber>>")]
    pub fn list_verified_numbers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListVerifiedNumbersQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(
            to_value(&query.unwrap_or(JsValue::UNDEFINED), "")
                .and_then(|query| endpoints::list_verified_numbers(&query)),
            options,
        )
    }

    /// Every verified number, page after page.
    #[wasm_bindgen(js_name = iterateVerifiedNumbers, unchecked_return_type = "AsyncIterableIterator<VerifiedNumber>")]
    pub fn iterate_verified_numbers(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListVerifiedNumbersQuery")] query: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> JsValue {
        pages::iterate(
            self.client.clone(),
            query.unwrap_or(JsValue::UNDEFINED),
            options.unwrap_or(JsValue::UNDEFINED),
            endpoints::list_verified_numbers,
        )
    }

    /// `GET /verified_numbers/{phone_number}`.
    #[wasm_bindgen(js_name = getVerifiedNumber, unchecked_return_type = "Promise<VerifiedNumber>")]
    pub fn get_verified_number(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(
            to_value(&phone_number, "/phone_number")
                .and_then(|phone_number| endpoints::get_verified_number(&phone_number)),
            options,
        )
    }

    /// `DELETE /verified_numbers/{phone_number}`.
    #[wasm_bindgen(js_name = deleteVerifiedNumber, unchecked_return_type = "Promise<VerifiedNumber>")]
    pub fn delete_verified_number(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        self.call(
            to_value(&phone_number, "/phone_number")
                .and_then(|phone_number| endpoints::delete_verified_number(&phone_number)),
            options,
        )
    }

    /// `POST /verified_numbers/{phone_number}/actions/verify` with `{verification_code}`.
    #[wasm_bindgen(js_name = submitVerifiedNumberCode, unchecked_return_type = "Promise<VerifiedNumber>")]
    pub fn submit_verified_number_code(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] phone_number: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SubmitVerifiedNumberCodeInput")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOptions")] options: Option<JsValue>,
    ) -> Promise {
        let endpoint = to_value(&phone_number, "/phone_number")
            .and_then(|phone_number| endpoints::submit_verified_number_code(&phone_number, &to_value(&input, "")?));
        self.call(endpoint, options)
    }
}

impl VerifyClient {
    /// Sends an endpoint that the caller has already built (and so validated): invalid input rejects the
    /// promise without sending anything.
    fn call(&self, endpoint: Result<Endpoint, Error>, options: Option<JsValue>) -> Promise {
        let prepared = endpoint.and_then(|endpoint| Ok((endpoint, options::call(&options.unwrap_or_default())?)));
        let client = self.client.clone();
        future_to_promise(async move {
            let (endpoint, call) = prepared.map_err(js_error::to_js)?;
            client.send(endpoint, &call).await.and_then(|answered| answered.to_js()).map_err(js_error::to_js)
        })
    }
}

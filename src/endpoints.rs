//! Every Verify API operation as data: validate the caller's input, then build the [`HttpRequest`] and say
//! what the answer looks like. Nothing here performs I/O; `wasm/` sends what these functions build.
//!
//! All violations of one call (path arguments and body) are reported together, and nothing is built
//! unless the whole input is valid.
#![allow(
    missing_docs,
    reason = "the sans-IO core: crate-private, reached by tests only through the hidden `internals` module"
)]

use serde::Serialize;
use serde_json::Value;

use crate::error::Error;
use crate::http::{encode_path_segment, query_string, HttpRequest, Method};
use crate::model::{
    CreateProfileInput, CreateVerifiedNumberInput, ListProfilesQuery, ListVerifiedNumbersQuery,
    SubmitVerifiedNumberCodeInput, TemplateInput, VerifyCodeByIdInput, VerifyCodeInput,
};
use crate::response::Expect;
use crate::validate::specs::{self, check_start_verification};
use crate::validate::{check_input, check_rule, InputModel, InputRules, Rule, Violation, ViolationKind};

/// What a retry policy needs to know about a call: whether repeating it could act twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallClass {
    /// `GET`: repeating it changes nothing.
    Read,
    /// `PATCH`/`DELETE`: repeating it leaves the same state.
    IdempotentWrite,
    /// `POST`: repeating it may create twice, send a second code, or count a second attempt.
    Create,
}

/// A validated request and how to read its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub request: HttpRequest,
    pub expect: Expect,
    pub class: CallClass,
}

impl Endpoint {
    fn new(method: Method, path: String, body: Option<&Value>, expect: Expect) -> Endpoint {
        let class = match method {
            Method::Get => CallClass::Read,
            Method::Patch | Method::Delete => CallClass::IdempotentWrite,
            Method::Post => CallClass::Create,
        };
        let request = HttpRequest { method, path, body: body.map(|b| serde_json::to_string(b).unwrap_or_default()) };
        Endpoint { request, expect, class }
    }
}

/// Collects violations across a call's arguments.
#[derive(Default)]
struct Check(Vec<Violation>);

impl Check {
    fn input(&mut self, value: &Value, rules: &InputRules) -> &mut Self {
        self.0.extend(check_input(value, rules, ""));
        self
    }
    /// A path argument, reported under the spec's parameter name (`/verify_profile_id`).
    fn param(&mut self, value: &Value, rule: &Rule, name: &str) -> &mut Self {
        check_rule(value, rule, &format!("/{name}"), &mut self.0);
        self
    }
    fn push(&mut self, pointer: &str, kind: ViolationKind, message: &str) -> &mut Self {
        self.0.push(Violation::new(pointer, kind, message));
        self
    }
    fn finish(&mut self) -> Result<(), Error> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::validation(std::mem::take(&mut self.0)))
        }
    }
}

/// A validated path argument, encoded for the path.
fn segment(value: &Value) -> String {
    encode_path_segment(value.as_str().unwrap_or_default())
}

// ---- Verify profiles -------------------------------------------------------------------------

pub fn create_profile(input: &Value) -> Result<Endpoint, Error> {
    Check::default().input(input, &CreateProfileInput::RULES).finish()?;
    Ok(Endpoint::new(Method::Post, "/verify_profiles".into(), Some(input), Expect::Profile))
}

pub fn get_profile(id: &Value) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "verify_profile_id").finish()?;
    let path = format!("/verify_profiles/{}", segment(id));
    Ok(Endpoint::new(Method::Get, path, None, Expect::Profile))
}

pub fn update_profile(id: &Value, input: &Value) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "verify_profile_id").input(input, &specs::UPDATE_PROFILE).finish()?;
    let path = format!("/verify_profiles/{}", segment(id));
    Ok(Endpoint::new(Method::Patch, path, Some(input), Expect::Profile))
}

pub fn delete_profile(id: &Value) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "verify_profile_id").finish()?;
    let path = format!("/verify_profiles/{}", segment(id));
    Ok(Endpoint::new(Method::Delete, path, None, Expect::Profile))
}

/// One page of profiles. `query` is `{filter?: {name?}, page?: {number?, size?}}`, or `Null` for none.
pub fn list_profiles(query: &Value) -> Result<Endpoint, Error> {
    let pairs = list_query(query, &ListProfilesQuery::RULES)?;
    let path = format!("/verify_profiles{}", query_string(&pairs));
    Ok(Endpoint::new(Method::Get, path, None, Expect::Profiles))
}

// ---- Message templates -----------------------------------------------------------------------

pub fn list_templates() -> Endpoint {
    Endpoint::new(Method::Get, "/verify_profiles/templates".into(), None, Expect::Templates)
}

pub fn create_template(input: &Value) -> Result<Endpoint, Error> {
    Check::default().input(input, &TemplateInput::RULES).finish()?;
    let path = "/verify_profiles/templates".into();
    Ok(Endpoint::new(Method::Post, path, Some(input), Expect::Template))
}

pub fn update_template(id: &Value, input: &Value) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "template_id").input(input, &TemplateInput::RULES).finish()?;
    let path = format!("/verify_profiles/templates/{}", segment(id));
    Ok(Endpoint::new(Method::Patch, path, Some(input), Expect::Template))
}

// ---- Verifications ---------------------------------------------------------------------------

/// `POST /verifications/{type}`: `type` selects the path and is not sent.
pub fn start_verification(input: &Value) -> Result<Endpoint, Error> {
    let kind = input.get("type").and_then(Value::as_str);
    Check(check_start_verification(input)).finish()?;
    let path = format!("/verifications/{}", kind.unwrap_or_default());
    let body = without(input, "type");
    Ok(Endpoint::new(Method::Post, path, Some(&body), Expect::Verification))
}

pub fn get_verification(id: &Value) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "verification_id").finish()?;
    let path = format!("/verifications/{}", segment(id));
    Ok(Endpoint::new(Method::Get, path, None, Expect::Verification))
}

pub fn list_verifications(phone_number: &Value) -> Result<Endpoint, Error> {
    Check::default().param(phone_number, &Rule::PhoneNumber, "phone_number").finish()?;
    let path = format!("/verifications/by_phone_number/{}", segment(phone_number));
    Ok(Endpoint::new(Method::Get, path, None, Expect::Verifications))
}

/// `{phone_number, code, verify_profile_id}`: the number goes in the path, the rest in the body.
pub fn verify_code(input: &Value) -> Result<Endpoint, Error> {
    Check::default().input(input, &VerifyCodeInput::RULES).finish()?;
    let phone = input.get("phone_number").map(segment).unwrap_or_default();
    let path = format!("/verifications/by_phone_number/{phone}/actions/verify");
    let body = without(input, "phone_number");
    Ok(Endpoint::new(Method::Post, path, Some(&body), Expect::VerifyCodeResult))
}

/// `{code}` to check a code, or `{status}` to report the outcome of a `custom_code` check yourself.
pub fn verify_code_by_id(id: &Value, input: &Value) -> Result<Endpoint, Error> {
    let mut check = Check::default();
    check.param(id, &Rule::Uuid, "verification_id").input(input, &VerifyCodeByIdInput::RULES);
    match (input.get("code"), input.get("status")) {
        (Some(_), Some(_)) => {
            check.push("/status", ViolationKind::NotAllowed, "give either code or status, not both");
        }
        (None, None) if input.is_object() => {
            check.push("/code", ViolationKind::Missing, "is required (or give status instead)");
        }
        _ => {}
    }
    check.finish()?;
    let path = format!("/verifications/{}/actions/verify", segment(id));
    Ok(Endpoint::new(Method::Post, path, Some(input), Expect::VerifyCodeResult))
}

// ---- Verified numbers ------------------------------------------------------------------------

pub fn create_verified_number(input: &Value) -> Result<Endpoint, Error> {
    let mut check = Check::default();
    check.input(input, &CreateVerifiedNumberInput::RULES);
    let by_sms = input.get("verification_method").and_then(Value::as_str) == Some("sms");
    if by_sms && input.get("extension").is_some() {
        check.push(
            "/extension",
            ViolationKind::NotAllowed,
            "an extension is only dialled with verification_method \"call\"",
        );
    }
    check.finish()?;
    let path = "/verified_numbers".into();
    Ok(Endpoint::new(Method::Post, path, Some(input), Expect::VerifiedNumberRequest))
}

pub fn list_verified_numbers(query: &Value) -> Result<Endpoint, Error> {
    let pairs = list_query(query, &ListVerifiedNumbersQuery::RULES)?;
    let path = format!("/verified_numbers{}", query_string(&pairs));
    Ok(Endpoint::new(Method::Get, path, None, Expect::VerifiedNumbers))
}

pub fn get_verified_number(phone_number: &Value) -> Result<Endpoint, Error> {
    Check::default().param(phone_number, &Rule::PhoneNumber, "phone_number").finish()?;
    let path = format!("/verified_numbers/{}", segment(phone_number));
    Ok(Endpoint::new(Method::Get, path, None, Expect::VerifiedNumber))
}

pub fn delete_verified_number(phone_number: &Value) -> Result<Endpoint, Error> {
    Check::default().param(phone_number, &Rule::PhoneNumber, "phone_number").finish()?;
    let path = format!("/verified_numbers/{}", segment(phone_number));
    Ok(Endpoint::new(Method::Delete, path, None, Expect::VerifiedNumber))
}

pub fn submit_verified_number_code(phone_number: &Value, input: &Value) -> Result<Endpoint, Error> {
    Check::default()
        .param(phone_number, &Rule::PhoneNumber, "phone_number")
        .input(input, &SubmitVerifiedNumberCodeInput::RULES)
        .finish()?;
    let path = format!("/verified_numbers/{}/actions/verify", segment(phone_number));
    Ok(Endpoint::new(Method::Post, path, Some(input), Expect::VerifiedNumber))
}

// ---- Pagination --------------------------------------------------------------------------------

/// Validates a list query and flattens it to `filter[name]`, `page[number]`, `page[size]` pairs.
fn list_query(query: &Value, rules: &InputRules) -> Result<Vec<(String, String)>, Error> {
    if *query == Value::Null {
        return Ok(Vec::new());
    }
    Check::default().input(query, rules).finish()?;
    let mut pairs = Vec::new();
    for (group, keys) in [("filter", &["name"][..]), ("page", &["number", "size"][..])] {
        for key in keys {
            match query.get(group).and_then(|g| g.get(key)) {
                Some(Value::String(s)) => pairs.push((format!("{group}[{key}]"), s.clone())),
                Some(Value::Number(n)) => pairs.push((format!("{group}[{key}]"), n.to_string())),
                _ => {}
            }
        }
    }
    Ok(pairs)
}

/// The page after the one `meta` describes, or `None` on the last page (the official SDK's rule: stop when
/// `page_number ≥ total_pages`). `requested` is the page that was asked for: a next page that does not move
/// past it also stops, so a server that repeats its `meta` cannot make the iteration endless.
pub fn next_page_number(meta: Option<&Value>, requested: f64) -> Option<f64> {
    let meta = meta?;
    let current = meta.get("page_number").and_then(Value::as_f64).unwrap_or(1.0);
    let total = meta.get("total_pages").and_then(Value::as_f64)?;
    (current < total && current + 1.0 > requested).then_some(current + 1.0)
}

/// The page number a list query asks for (1 when it names none).
pub fn requested_page_number(query: &Value) -> f64 {
    query.get("page").and_then(|p| p.get("number")).and_then(Value::as_f64).unwrap_or(1.0)
}

/// `query` with `page.number` set, for fetching the next page.
pub fn with_page_number(query: &Value, number: f64) -> Value {
    let mut query = if query.is_object() { query.clone() } else { Value::Object(Default::default()) };
    let number = Value::from(number as u64);
    match query.get_mut("page") {
        Some(Value::Object(page)) => {
            page.shift_remove("number");
            page.insert("number".into(), number);
        }
        _ => {
            if let Value::Object(members) = &mut query {
                members.shift_remove("page");
                members.insert("page".into(), serde_json::json!({ "number": number }));
            }
        }
    }
    query
}

/// A copy of an object without one member (moved from the body to the path).
fn without(value: &Value, key: &str) -> Value {
    let mut copy = value.clone();
    if let Value::Object(members) = &mut copy {
        members.shift_remove(key);
    }
    copy
}

/// A typed input as the JSON value the endpoint builders validate (the Rust API's entry to the same rules).
pub fn value_of<T: Serialize>(input: &T) -> Result<Value, Error> {
    serde_json::to_value(input).map_err(|e| Error::invalid_field("", &format!("cannot be written as JSON: {e}")))
}

//! Every Verify API operation as data: validate the caller's input, then build the [`HttpRequest`] and say
//! what the answer looks like. Nothing here performs I/O; `wasm/` sends what these functions build.
//!
//! All violations of one call (path arguments and body) are reported together, and nothing is built
//! unless the whole input is valid.

use crate::prelude::*;
use crate::text::cat;

use crate::error::Error;
use crate::http::{encode_path_segment, query_string, HttpRequest, Method};
use crate::json::Json;
use crate::response::{shapes, Expect};
use crate::validate::specs::{self, start_verification_shape};
use crate::validate::{check_rule, check_shape, Rule, Shape, Violation, ViolationKind};

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
    fn new(method: Method, path: String, body: Option<&Json>, expect: Expect) -> Endpoint {
        let class = match method {
            Method::Get => CallClass::Read,
            Method::Patch | Method::Delete => CallClass::IdempotentWrite,
            Method::Post => CallClass::Create,
        };
        let request = HttpRequest { method, path, body: body.map(Json::to_json_string) };
        Endpoint { request, expect, class }
    }
}

/// Collects violations across a call's arguments.
#[derive(Default)]
struct Check(Vec<Violation>);

impl Check {
    fn shape(&mut self, value: &Json, shape: &Shape) -> &mut Self {
        self.0.extend(check_shape(value, shape, ""));
        self
    }
    /// A path argument, reported under the spec's parameter name (`/verify_profile_id`).
    fn param(&mut self, value: &Json, rule: &Rule, name: &str) -> &mut Self {
        check_rule(value, rule, &cat(&["/", name]), &mut self.0);
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
            Err(Error::validation(core::mem::take(&mut self.0)))
        }
    }
}

/// A validated path argument, encoded for the path.
fn segment(value: &Json) -> String {
    encode_path_segment(value.as_str().unwrap_or_default())
}

// ---- Verify profiles -------------------------------------------------------------------------

pub fn create_profile(input: &Json) -> Result<Endpoint, Error> {
    Check::default().shape(input, &specs::CREATE_PROFILE).finish()?;
    Ok(Endpoint::new(Method::Post, "/verify_profiles".into(), Some(input), Expect::Data(&shapes::PROFILE)))
}

pub fn get_profile(id: &Json) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "verify_profile_id").finish()?;
    let path = cat(&["/verify_profiles/", &segment(id)]);
    Ok(Endpoint::new(Method::Get, path, None, Expect::Data(&shapes::PROFILE)))
}

pub fn update_profile(id: &Json, input: &Json) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "verify_profile_id").shape(input, &specs::UPDATE_PROFILE).finish()?;
    let path = cat(&["/verify_profiles/", &segment(id)]);
    Ok(Endpoint::new(Method::Patch, path, Some(input), Expect::Data(&shapes::PROFILE)))
}

pub fn delete_profile(id: &Json) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "verify_profile_id").finish()?;
    let path = cat(&["/verify_profiles/", &segment(id)]);
    Ok(Endpoint::new(Method::Delete, path, None, Expect::Data(&shapes::PROFILE)))
}

/// One page of profiles. `query` is `{filter?: {name?}, page?: {number?, size?}}`, or `Null` for none.
pub fn list_profiles(query: &Json) -> Result<Endpoint, Error> {
    let pairs = list_query(query, &specs::LIST_PROFILES_QUERY)?;
    let path = cat(&["/verify_profiles", &query_string(&pairs)]);
    Ok(Endpoint::new(Method::Get, path, None, Expect::List(&shapes::PROFILE)))
}

// ---- Message templates -----------------------------------------------------------------------

pub fn list_templates() -> Endpoint {
    Endpoint::new(Method::Get, "/verify_profiles/templates".into(), None, Expect::List(&shapes::TEMPLATE))
}

pub fn create_template(input: &Json) -> Result<Endpoint, Error> {
    Check::default().shape(input, &specs::TEMPLATE).finish()?;
    let path = "/verify_profiles/templates".into();
    Ok(Endpoint::new(Method::Post, path, Some(input), Expect::Data(&shapes::TEMPLATE)))
}

pub fn update_template(id: &Json, input: &Json) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "template_id").shape(input, &specs::TEMPLATE).finish()?;
    let path = cat(&["/verify_profiles/templates/", &segment(id)]);
    Ok(Endpoint::new(Method::Patch, path, Some(input), Expect::Data(&shapes::TEMPLATE)))
}

// ---- Verifications ---------------------------------------------------------------------------

/// `POST /verifications/{type}`: `type` selects the path and is not sent.
pub fn start_verification(input: &Json) -> Result<Endpoint, Error> {
    let kind = input.get("type").and_then(Json::as_str);
    Check::default().shape(input, start_verification_shape(kind)).finish()?;
    let path = cat(&["/verifications/", kind.unwrap_or_default()]);
    let body = input.without(&["type"]);
    Ok(Endpoint::new(Method::Post, path, Some(&body), Expect::Data(&shapes::VERIFICATION)))
}

pub fn get_verification(id: &Json) -> Result<Endpoint, Error> {
    Check::default().param(id, &Rule::Uuid, "verification_id").finish()?;
    let path = cat(&["/verifications/", &segment(id)]);
    Ok(Endpoint::new(Method::Get, path, None, Expect::Data(&shapes::VERIFICATION)))
}

pub fn list_verifications(phone_number: &Json) -> Result<Endpoint, Error> {
    Check::default().param(phone_number, &Rule::PhoneNumber, "phone_number").finish()?;
    let path = cat(&["/verifications/by_phone_number/", &segment(phone_number)]);
    Ok(Endpoint::new(Method::Get, path, None, Expect::List(&shapes::VERIFICATION)))
}

/// `{phone_number, code, verify_profile_id}`: the number goes in the path, the rest in the body.
pub fn verify_code(input: &Json) -> Result<Endpoint, Error> {
    Check::default().shape(input, &specs::VERIFY_CODE).finish()?;
    let phone = input.get("phone_number").map(segment).unwrap_or_default();
    let path = cat(&["/verifications/by_phone_number/", &phone, "/actions/verify"]);
    let body = input.without(&["phone_number"]);
    Ok(Endpoint::new(Method::Post, path, Some(&body), Expect::Data(&shapes::VERIFY_CODE_RESULT)))
}

/// `{code}` to check a code, or `{status}` to report the outcome of a `custom_code` check yourself.
pub fn verify_code_by_id(id: &Json, input: &Json) -> Result<Endpoint, Error> {
    let mut check = Check::default();
    check.param(id, &Rule::Uuid, "verification_id").shape(input, &specs::VERIFY_CODE_BY_ID);
    match (input.get("code"), input.get("status")) {
        (Some(_), Some(_)) => {
            check.push("/status", ViolationKind::NotAllowed, "give either code or status, not both");
        }
        (None, None) if matches!(input, Json::Object(_)) => {
            check.push("/code", ViolationKind::Missing, "is required (or give status instead)");
        }
        _ => {}
    }
    check.finish()?;
    let path = cat(&["/verifications/", &segment(id), "/actions/verify"]);
    Ok(Endpoint::new(Method::Post, path, Some(input), Expect::Data(&shapes::VERIFY_CODE_RESULT)))
}

// ---- Verified numbers ------------------------------------------------------------------------

pub fn create_verified_number(input: &Json) -> Result<Endpoint, Error> {
    let mut check = Check::default();
    check.shape(input, &specs::CREATE_VERIFIED_NUMBER);
    let by_sms = input.get("verification_method").and_then(Json::as_str) == Some("sms");
    if by_sms && input.get("extension").is_some() {
        check.push(
            "/extension",
            ViolationKind::NotAllowed,
            "an extension is only dialled with verification_method \"call\"",
        );
    }
    check.finish()?;
    let path = "/verified_numbers".into();
    Ok(Endpoint::new(Method::Post, path, Some(input), Expect::Bare(&shapes::VERIFIED_NUMBER_CREATED)))
}

pub fn list_verified_numbers(query: &Json) -> Result<Endpoint, Error> {
    let pairs = list_query(query, &specs::LIST_VERIFIED_NUMBERS_QUERY)?;
    let path = cat(&["/verified_numbers", &query_string(&pairs)]);
    Ok(Endpoint::new(Method::Get, path, None, Expect::List(&shapes::VERIFIED_NUMBER)))
}

pub fn get_verified_number(phone_number: &Json) -> Result<Endpoint, Error> {
    Check::default().param(phone_number, &Rule::PhoneNumber, "phone_number").finish()?;
    let path = cat(&["/verified_numbers/", &segment(phone_number)]);
    Ok(Endpoint::new(Method::Get, path, None, Expect::Data(&shapes::VERIFIED_NUMBER)))
}

pub fn delete_verified_number(phone_number: &Json) -> Result<Endpoint, Error> {
    Check::default().param(phone_number, &Rule::PhoneNumber, "phone_number").finish()?;
    let path = cat(&["/verified_numbers/", &segment(phone_number)]);
    Ok(Endpoint::new(Method::Delete, path, None, Expect::Data(&shapes::VERIFIED_NUMBER)))
}

pub fn submit_verified_number_code(phone_number: &Json, input: &Json) -> Result<Endpoint, Error> {
    Check::default()
        .param(phone_number, &Rule::PhoneNumber, "phone_number")
        .shape(input, &specs::SUBMIT_VERIFIED_NUMBER_CODE)
        .finish()?;
    let path = cat(&["/verified_numbers/", &segment(phone_number), "/actions/verify"]);
    Ok(Endpoint::new(Method::Post, path, Some(input), Expect::Data(&shapes::VERIFIED_NUMBER)))
}

// ---- Pagination --------------------------------------------------------------------------------

/// Validates a list query and flattens it to `filter[name]`, `page[number]`, `page[size]` pairs.
fn list_query(query: &Json, shape: &Shape) -> Result<Vec<(String, String)>, Error> {
    if *query == Json::Null {
        return Ok(Vec::new());
    }
    Check::default().shape(query, shape).finish()?;
    let mut pairs = Vec::new();
    for (group, keys) in [("filter", &["name"][..]), ("page", &["number", "size"][..])] {
        for key in keys {
            match query.get(group).and_then(|g| g.get(key)) {
                Some(Json::String(s)) => pairs.push((cat(&[group, "[", key, "]"]), s.clone())),
                Some(number @ Json::Number(_)) => pairs.push((cat(&[group, "[", key, "]"]), number.to_json_string())),
                _ => {}
            }
        }
    }
    Ok(pairs)
}

/// The page after the one `meta` describes, or `None` on the last page (the official SDK's rule: stop when
/// `page_number ≥ total_pages`). `requested` is the page that was asked for: a next page that does not move
/// past it also stops, so a server that repeats its `meta` cannot make the iteration endless.
pub fn next_page_number(meta: Option<&Json>, requested: f64) -> Option<f64> {
    let meta = meta?;
    let current = meta.get("page_number").and_then(Json::as_f64).unwrap_or(1.0);
    let total = meta.get("total_pages").and_then(Json::as_f64)?;
    (current < total && current + 1.0 > requested).then_some(current + 1.0)
}

/// The page number a list query asks for (1 when it names none).
pub fn requested_page_number(query: &Json) -> f64 {
    query.get("page").and_then(|p| p.get("number")).and_then(Json::as_f64).unwrap_or(1.0)
}

/// `query` with `page.number` set, for fetching the next page.
pub fn with_page_number(query: &Json, number: f64) -> Json {
    let mut members = match query {
        Json::Object(members) => members.clone(),
        _ => Vec::new(),
    };
    let mut page = match members.iter().position(|(k, _)| k == "page") {
        Some(i) => match members.remove(i).1 {
            Json::Object(p) => p,
            _ => Vec::new(),
        },
        None => Vec::new(),
    };
    page.retain(|(k, _)| k != "number");
    page.push(("number".into(), Json::Number(number)));
    members.push(("page".into(), Json::Object(page)));
    Json::Object(members)
}

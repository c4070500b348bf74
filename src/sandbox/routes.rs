//! One handler per Verify API operation. Each judges its input with the client's own endpoint builders (the
//! same rules, so a request sent with a custom `fetch` that skips the client is still judged) and answers
//! in Telnyx's shapes: `{data}`, `{data, meta}`, or the error envelope `{errors: [{code, title, detail, source}]}`.

use super::ids::{digits, timestamp, uuid};
use super::{
    country_of, render, Body, Message, Random, Request, Response, Sandbox, Verification, VerifiedNumber,
    DEFAULT_CODE_LENGTH, DEFAULT_TEMPLATE_TEXT, DEFAULT_TIMEOUT_SECS, FLASHCALL_CODE_LENGTH, MAX_ATTEMPTS,
};
use super::{number, object, SetMember};
use crate::endpoints;
use crate::error::Error;
use crate::validate::specs::VERIFICATION_TYPES;
use crate::validate::ViolationKind;
use serde_json::Value;

type Answer = Result<Response, Response>;

/// One request at `now`, answered.
pub fn handle(sandbox: &mut Sandbox, request: Request<'_>, now: f64, random: &mut dyn Random) -> Response {
    let token = request.authorization.and_then(|a| a.strip_prefix("Bearer ")).unwrap_or_default();
    if token.trim().is_empty() {
        return error(401, "10009", "Authentication failed", "Send an API key as `Authorization: Bearer <key>`.", None);
    }
    let (path, query) = request.path.split_once('?').unwrap_or((request.path, ""));
    let segments: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(percent_decode).collect();
    let mut route: Vec<&str> = segments.iter().map(String::as_str).collect();
    if route.first() == Some(&"v2") {
        route.remove(0);
    }
    let body = match request.body {
        Body::Invalid => return error(400, "10015", "Invalid JSON", "The request body is not valid JSON.", Some("")),
        Body::None => Value::Null,
        Body::Json(json) => json,
    };
    let sb = sandbox;
    let answer = match (request.method, route.as_slice()) {
        ("GET", ["verify_profiles"]) => list_profiles(sb, &query_json(query)),
        ("POST", ["verify_profiles"]) => create_profile(sb, &body, now, random),
        ("GET", ["verify_profiles", "templates"]) => Ok(ok_list(sb.templates.iter().cloned().collect(), None)),
        ("POST", ["verify_profiles", "templates"]) => create_template(sb, &body, random),
        ("PATCH", ["verify_profiles", "templates", id]) => update_template(sb, id, &body),
        ("GET", ["verify_profiles", id]) => get_profile(sb, id),
        ("PATCH", ["verify_profiles", id]) => update_profile(sb, id, &body, now),
        ("DELETE", ["verify_profiles", id]) => delete_profile(sb, id),
        ("POST", ["verifications", kind]) if VERIFICATION_TYPES.contains(kind) => start(sb, kind, &body, now, random),
        ("GET", ["verifications", "by_phone_number", phone]) => list_verifications(sb, phone),
        ("POST", ["verifications", "by_phone_number", phone, "actions", "verify"]) => {
            verify_by_phone(sb, phone, &body, now)
        }
        ("GET", ["verifications", id]) => get_verification(sb, id),
        ("POST", ["verifications", id, "actions", "verify"]) => verify_by_id(sb, id, &body, now),
        ("GET", ["verified_numbers"]) => list_verified_numbers(sb, &query_json(query)),
        ("POST", ["verified_numbers"]) => create_verified_number(sb, &body, now, random),
        ("GET", ["verified_numbers", phone]) => get_verified_number(sb, phone),
        ("DELETE", ["verified_numbers", phone]) => delete_verified_number(sb, phone),
        ("POST", ["verified_numbers", phone, "actions", "verify"]) => submit_code(sb, phone, &body, now),
        _ => Err(error(404, "10005", "Resource not found", "The Verify API has no such route.", None)),
    };
    answer.unwrap_or_else(|e| e)
}

// ---- Answers -----------------------------------------------------------------------------------

fn ok(data: Value) -> Response {
    Response { status: 200, body: object([("data", data)]) }
}

fn ok_list(data: Vec<Value>, meta: Option<Value>) -> Response {
    let mut body = object([("data", Value::Array(data))]);
    if let Some(meta) = meta {
        body.set("meta", meta);
    }
    Response { status: 200, body }
}

fn error(status: u16, code: &str, title: &str, detail: &str, pointer: Option<&str>) -> Response {
    let mut entry = object([
        ("code", Value::String(code.into())),
        ("title", Value::String(title.into())),
        ("detail", Value::String(detail.into())),
    ]);
    if let Some(pointer) = pointer {
        entry.set("source", object([("pointer", Value::String(pointer.into()))]));
    }
    let url = format!("https://developers.telnyx.com/docs/overview/errors/{code}");
    entry.set("meta", object([("url", Value::String(url))]));
    Response { status, body: object([("errors", Value::Array(vec![entry]))]) }
}

fn not_found(what: &str, pointer: &str) -> Response {
    error(404, "10005", "Resource not found", &format!("No {what} with this identifier."), Some(pointer))
}

/// A validation error of the client's rules as Telnyx's 400 envelope: one entry per violation, code 10015.
fn invalid(e: Error) -> Response {
    let errors = e
        .errors
        .into_iter()
        .map(|v| {
            let title = match v.code.as_str() {
                c if c == ViolationKind::Missing.as_str() => "Missing required parameter",
                c if c == ViolationKind::Unknown.as_str() => "Unknown parameter",
                c if c == ViolationKind::NotAllowed.as_str() => "Parameter not allowed",
                _ => "Invalid parameter",
            };
            object([
                ("code", Value::String("10015".into())),
                ("title", Value::String(title.into())),
                ("detail", Value::String(v.detail.unwrap_or_default())),
                ("source", object([("pointer", Value::String(v.pointer.unwrap_or_default()))])),
                (
                    "meta",
                    object([("url", Value::String("https://developers.telnyx.com/docs/overview/errors/10015".into()))]),
                ),
            ])
        })
        .collect();
    Response { status: 400, body: object([("errors", Value::Array(errors))]) }
}

fn judged(result: Result<endpoints::Endpoint, Error>) -> Result<(), Response> {
    result.map(|_| ()).map_err(invalid)
}

/// `page[number]`/`page[size]` of a list, with Telnyx's `meta`.
fn paged(items: Vec<Value>, query: &Value) -> Response {
    let page = query.get("page").and_then(|p| p.get("number")).and_then(Value::as_f64).unwrap_or(1.0) as usize;
    let size = query.get("page").and_then(|p| p.get("size")).and_then(Value::as_f64).unwrap_or(25.0) as usize;
    let total = items.len();
    let pages = total.div_ceil(size).max(1);
    let data = items.into_iter().skip((page.max(1) - 1).saturating_mul(size)).take(size).collect();
    let meta = object([
        ("page_number", number(page as f64)),
        ("page_size", number(size as f64)),
        ("total_pages", number(pages as f64)),
        ("total_results", number(total as f64)),
    ]);
    ok_list(data, Some(meta))
}

/// `filter[name]=x&page[number]=2` → `{filter: {name: "x"}, page: {number: 2}}` (numbers where they parse).
fn query_json(query: &str) -> Value {
    let mut root = Value::Object(Default::default());
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (percent_decode(key), percent_decode(value));
        let value = match parse_digits(&value) {
            Some(n) => Value::from(n),
            None => Value::String(value),
        };
        match key.split_once('[') {
            Some((group, rest)) => {
                let inner = rest.strip_suffix(']').unwrap_or(rest);
                let mut nested = root.get(group).cloned().unwrap_or(Value::Object(Default::default()));
                nested.set(inner, value);
                root.set(group, nested);
            }
            None => root.set(&key, value),
        }
    }
    root
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

// ---- Profiles ----------------------------------------------------------------------------------

/// The defaults the API documents for each channel block.
fn channel_defaults(channel: &str) -> Value {
    let timeout = ("default_verification_timeout_secs", number(DEFAULT_TIMEOUT_SECS));
    let length = ("code_length", number(DEFAULT_CODE_LENGTH));
    match channel {
        "sms" => object([length, timeout, ("alpha_sender", Value::String("Telnyx".into()))]),
        "call" | "whatsapp" => object([length, timeout]),
        _ => object([timeout]),
    }
}

pub(super) const CHANNELS: [&str; 5] = ["sms", "call", "flashcall", "whatsapp", "psd2"];

/// The longest code the sandbox generates. The spec gives no bound; without one, `code_length: 2147483647` would
/// make the sandbox build a 2 GB code.
pub const MAX_CODE_LENGTH: u64 = 10;

/// The pointer of a channel's `code_length` above [`MAX_CODE_LENGTH`], if any.
pub(super) fn overlong_code_length(profile: &Value) -> Option<String> {
    CHANNELS.into_iter().find_map(|channel| {
        let length = profile.get(channel).and_then(|c| c.get("code_length")).and_then(Value::as_u64);
        length.is_some_and(|n| n > MAX_CODE_LENGTH).then(|| format!("/{channel}/code_length"))
    })
}

/// A channel's `code_length` above [`MAX_CODE_LENGTH`] is refused, as Telnyx refuses invalid settings (10015).
fn check_code_lengths(body: &Value) -> Result<(), Response> {
    match overlong_code_length(body) {
        Some(pointer) => {
            let detail = format!("code_length must be at most {MAX_CODE_LENGTH}.");
            Err(error(400, "10015", "Invalid parameter", &detail, Some(&pointer)))
        }
        None => Ok(()),
    }
}

fn create_profile(sb: &mut Sandbox, body: &Value, now: f64, random: &mut dyn Random) -> Answer {
    judged(endpoints::create_profile(body))?;
    check_code_lengths(body)?;
    let mut profile = object([
        ("id", Value::String(uuid(random))),
        ("record_type", Value::String("verification_profile".into())),
        ("created_at", Value::String(timestamp(now))),
        ("updated_at", Value::String(timestamp(now))),
        ("language", Value::String("en-US".into())),
        ("daily_spend_limit_enabled", Value::Bool(false)),
    ]);
    for channel in CHANNELS {
        profile.set(channel, Value::Null);
    }
    apply_profile_changes(&mut profile, body);
    sb.profiles.push(profile.clone());
    Ok(ok(profile))
}

/// Top-level members replace; channel blocks merge over the existing block (or the defaults).
fn apply_profile_changes(profile: &mut Value, changes: &Value) {
    let Some(members) = changes.as_object() else { return };
    for (key, value) in members {
        if CHANNELS.contains(&key.as_str()) {
            let mut block = match profile.get(key) {
                Some(existing) if existing.is_object() => existing.clone(),
                _ => channel_defaults(key),
            };
            if let Some(given) = value.as_object() {
                for (k, v) in given {
                    block.set(k, v.clone());
                }
            }
            profile.set(key, block);
        } else {
            profile.set(key, value.clone());
        }
    }
}

fn find_profile<'a>(sb: &'a Sandbox, id: &str) -> Result<&'a Value, Response> {
    sb.profiles.find(|p| text(p, "id") == Some(id)).ok_or_else(|| not_found("Verify profile", "/verify_profile_id"))
}

fn get_profile(sb: &Sandbox, id: &str) -> Answer {
    judged(endpoints::get_profile(&Value::String(id.into())))?;
    Ok(ok(find_profile(sb, id)?.clone()))
}

fn update_profile(sb: &mut Sandbox, id: &str, body: &Value, now: f64) -> Answer {
    judged(endpoints::update_profile(&Value::String(id.into()), body))?;
    check_code_lengths(body)?;
    let profile = sb
        .profiles
        .find_mut(|p| text(p, "id") == Some(id))
        .ok_or_else(|| not_found("Verify profile", "/verify_profile_id"))?;
    apply_profile_changes(profile, body);
    profile.set("updated_at", Value::String(timestamp(now)));
    Ok(ok(profile.clone()))
}

fn delete_profile(sb: &mut Sandbox, id: &str) -> Answer {
    judged(endpoints::delete_profile(&Value::String(id.into())))?;
    let removed = sb.profiles.remove(|p| text(p, "id") == Some(id));
    removed.map(ok).ok_or_else(|| not_found("Verify profile", "/verify_profile_id"))
}

fn list_profiles(sb: &Sandbox, query: &Value) -> Answer {
    judged(endpoints::list_profiles(query))?;
    let name = query.get("filter").and_then(|f| text(f, "name"));
    let matching = sb.profiles.iter().filter(|p| name.is_none_or(|n| text(p, "name").is_some_and(|pn| pn.contains(n))));
    Ok(paged(matching.cloned().collect(), query))
}

// ---- Templates ---------------------------------------------------------------------------------

fn create_template(sb: &mut Sandbox, body: &Value, random: &mut dyn Random) -> Answer {
    judged(endpoints::create_template(body))?;
    let template =
        object([("id", Value::String(uuid(random))), ("text", body.get("text").cloned().unwrap_or(Value::Null))]);
    sb.templates.push(template.clone());
    Ok(ok(template))
}

fn update_template(sb: &mut Sandbox, id: &str, body: &Value) -> Answer {
    judged(endpoints::update_template(&Value::String(id.into()), body))?;
    let template = sb
        .templates
        .find_mut(|t| text(t, "id") == Some(id))
        .ok_or_else(|| not_found("message template", "/template_id"))?;
    template.set("text", body.get("text").cloned().unwrap_or(Value::Null));
    Ok(ok(template.clone()))
}

// ---- Verifications -----------------------------------------------------------------------------

fn start(sb: &mut Sandbox, kind: &str, body: &Value, now: f64, random: &mut dyn Random) -> Answer {
    let mut input = body.clone();
    input.set("type", Value::String(kind.into()));
    judged(endpoints::start_verification(&input))?;
    let phone = text(body, "phone_number").unwrap_or_default().to_owned();
    let profile_id = text(body, "verify_profile_id").unwrap_or_default().to_owned();
    let profile = find_profile(sb, &profile_id)?.clone();
    let blocks = Blocks::of(&profile, kind);
    check_destination(&blocks.sms, &phone)?;
    let composed = compose(sb, kind, body, &profile, &blocks, random);
    let timeout_secs = body
        .get("timeout_secs")
        .or_else(|| blocks.own.get("default_verification_timeout_secs"))
        .and_then(Value::as_f64)
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    supersede(sb, &phone, &profile_id, now);
    let verification = Verification {
        id: uuid(random),
        kind: kind.into(),
        phone_number: phone.clone(),
        profile_id,
        code: composed.code.clone(),
        custom_code: text(body, "custom_code").map(str::to_owned),
        status: "pending".into(),
        attempts: 0,
        timeout_secs,
        created_ms: now,
        updated_ms: now,
    };
    let json = verification.to_json();
    sb.messages.push(Message {
        id: uuid(random),
        phone_number: phone,
        channel: kind.into(),
        from: composed.from,
        text: composed.text,
        code: composed.code,
        verification_id: Some(verification.id.clone()),
        created_ms: now,
    });
    emit_events(sb, &profile, &verification, now, random);
    sb.verifications.push(verification);
    Ok(ok(json))
}

/// A profile's settings for one verification type: its own block, and the block that decides the SMS side (code
/// length, app name, template, destinations). psd2 is an SMS variation: its SMS side is the `sms` block.
struct Blocks {
    own: Value,
    sms: Value,
}

impl Blocks {
    fn of(profile: &Value, kind: &str) -> Blocks {
        let own = profile.get(kind).cloned().unwrap_or(Value::Null);
        let sms = if kind == "psd2" { profile.get("sms").cloned().unwrap_or(Value::Null) } else { own.clone() };
        Blocks { own, sms }
    }
}

/// What the end user receives: the code, who it comes from, and the text or speech that carries it.
struct Composed {
    code: String,
    from: String,
    text: String,
}

fn compose(
    sb: &Sandbox,
    kind: &str,
    body: &Value,
    profile: &Value,
    blocks: &Blocks,
    random: &mut dyn Random,
) -> Composed {
    let app_name = text(&blocks.sms, "app_name").or_else(|| text(profile, "name")).unwrap_or("Telnyx").to_owned();
    let (code, from) = if kind == "flashcall" {
        let code = digits(random, FLASHCALL_CODE_LENGTH);
        (code.clone(), format!("+1555{}{code}", digits(random, 3)))
    } else {
        let length = blocks.sms.get("code_length").and_then(Value::as_f64).unwrap_or(DEFAULT_CODE_LENGTH);
        // Profiles are checked when they are made or imported; the bound is kept here too, so no code can be
        // longer than the API allows whatever a profile holds.
        let length = length.clamp(1.0, MAX_CODE_LENGTH as f64) as usize;
        let code = text(body, "custom_code").map(str::to_owned).unwrap_or_else(|| digits(random, length));
        let sender = match kind {
            "sms" | "psd2" => text(&blocks.sms, "alpha_sender").unwrap_or("Telnyx"),
            "whatsapp" => text(&blocks.own, "sender_phone_number").unwrap_or("Telnyx"),
            _ => "Telnyx",
        };
        (code, sender.to_owned())
    };
    let text = match kind {
        "sms" => render::fill(&sms_template(sb, &blocks.sms), &app_name, &code),
        "call" => render::call(&app_name, &code),
        "flashcall" => render::flashcall(&from, FLASHCALL_CODE_LENGTH),
        "whatsapp" => render::whatsapp(&app_name, &code),
        _ => {
            let field = |k| text(body, k).unwrap_or_default();
            render::psd2(&app_name, &code, field("amount"), field("currency"), field("payee"))
        }
    };
    Composed { code, from, text }
}

/// A new code supersedes the pending one for the same number and profile.
fn supersede(sb: &mut Sandbox, phone: &str, profile_id: &str, now: f64) {
    for old in sb.verifications.iter_mut() {
        if old.phone_number == phone && old.profile_id == profile_id && old.status == "pending" {
            old.status = "expired".into();
            old.updated_ms = now;
        }
    }
}

/// The start's signed events, `verify.sent` then how delivery went, when the profile has a webhook URL.
fn emit_events(sb: &mut Sandbox, profile: &Value, verification: &Verification, now: f64, random: &mut dyn Random) {
    let Some(url) = text(profile, "webhook_url").filter(|u| !u.is_empty()) else {
        return;
    };
    let failover = text(profile, "webhook_failover_url").map(str::to_owned);
    let outcome = if super::webhooks::undeliverable(&verification.phone_number) {
        ("verify.failed", "delivery_failed")
    } else {
        ("verify.delivered", "delivered")
    };
    for (event, delivery_status) in [("verify.sent", "sent"), outcome] {
        let delivery =
            super::webhooks::emit(sb, verification, event, delivery_status, url, failover.clone(), now, random);
        sb.webhooks.push(delivery);
    }
}

/// The SMS template of a profile: its `messaging_template_id`, else the seed's free-text
/// `messaging_template`, else the default.
fn sms_template(sb: &Sandbox, sms: &Value) -> String {
    let by_id = text(sms, "messaging_template_id")
        .and_then(|id| sb.templates.find(|t| text(t, "id") == Some(id)))
        .and_then(|t| text(t, "text"));
    by_id.or_else(|| text(sms, "messaging_template")).unwrap_or(DEFAULT_TEMPLATE_TEXT).to_owned()
}

/// `whitelisted_destinations`, by the number's country calling code; `["*"]` or no list allows all.
fn check_destination(channel: &Value, phone: &str) -> Result<(), Response> {
    let Some(allowed) = channel.get("whitelisted_destinations").and_then(Value::as_array) else {
        return Ok(());
    };
    let everywhere = allowed.iter().any(|d| d.as_str() == Some("*"));
    let country = country_of(phone);
    if everywhere || country.is_some_and(|c| allowed.iter().any(|d| d.as_str() == Some(c))) {
        return Ok(());
    }
    let detail = match country {
        Some(c) => format!("The profile's whitelisted_destinations do not include {c}."),
        None => "The destination's country is unknown; only [\"*\"] allows it.".to_owned(),
    };
    Err(error(403, "10010", "Destination not allowed", &detail, Some("/phone_number")))
}

/// Judges an attempt: expiry first, then the code, counting wrong attempts.
fn judge(v: &mut Verification, code: &str, now: f64) -> &'static str {
    if v.status == "pending" && now >= v.expires_at_ms() {
        v.status = "expired".into();
        v.updated_ms = now;
    }
    if v.status != "pending" {
        return "rejected";
    }
    v.updated_ms = now;
    if code == v.code {
        v.status = "accepted".into();
        return "accepted";
    }
    v.attempts = v.attempts.saturating_add(1);
    if v.attempts >= MAX_ATTEMPTS {
        v.status = "invalid".into();
    }
    "rejected"
}

fn code_result(phone: &str, response_code: &str) -> Response {
    ok(object([("phone_number", Value::String(phone.into())), ("response_code", Value::String(response_code.into()))]))
}

fn verify_by_phone(sb: &mut Sandbox, phone: &str, body: &Value, now: f64) -> Answer {
    let mut input = body.clone();
    input.set("phone_number", Value::String(phone.into()));
    judged(endpoints::verify_code(&input))?;
    let profile_id = text(body, "verify_profile_id").unwrap_or_default();
    let v = sb
        .verifications
        .find_newest_mut(|v| v.phone_number == phone && v.profile_id == profile_id)
        .ok_or_else(|| not_found("verification for this phone number and profile", "/phone_number"))?;
    let result = judge(v, text(body, "code").unwrap_or_default(), now);
    Ok(code_result(phone, result))
}

fn verify_by_id(sb: &mut Sandbox, id: &str, body: &Value, now: f64) -> Answer {
    judged(endpoints::verify_code_by_id(&Value::String(id.into()), body))?;
    let v = sb.verifications.find_mut(|v| v.id == id).ok_or_else(|| not_found("verification", "/verification_id"))?;
    let phone = v.phone_number.clone();
    let result = match text(body, "status") {
        // The caller checked a custom code itself and reports the outcome.
        Some(status) => {
            if v.custom_code.is_none() {
                let detail = "status can only be reported for a verification started with custom_code.";
                return Err(error(400, "10015", "Parameter not allowed", detail, Some("/status")));
            }
            let code = if status == "accepted" { v.code.clone() } else { String::new() };
            judge(v, &code, now)
        }
        None => judge(v, text(body, "code").unwrap_or_default(), now),
    };
    Ok(code_result(&phone, result))
}

fn get_verification(sb: &Sandbox, id: &str) -> Answer {
    judged(endpoints::get_verification(&Value::String(id.into())))?;
    let v = sb.verifications.find(|v| v.id == id).ok_or_else(|| not_found("verification", "/verification_id"))?;
    Ok(ok(v.to_json()))
}

fn list_verifications(sb: &Sandbox, phone: &str) -> Answer {
    judged(endpoints::list_verifications(&Value::String(phone.into())))?;
    let items: Vec<Value> =
        sb.verifications.iter().rev().filter(|v| v.phone_number == phone).map(Verification::to_json).collect();
    Ok(paged(items.clone(), &object([("page", object([("size", Value::from(items.len().max(1)))]))])))
}

// ---- Verified numbers --------------------------------------------------------------------------

fn create_verified_number(sb: &mut Sandbox, body: &Value, now: f64, random: &mut dyn Random) -> Answer {
    judged(endpoints::create_verified_number(body))?;
    let phone = text(body, "phone_number").unwrap_or_default().to_owned();
    let method = text(body, "verification_method").unwrap_or("sms").to_owned();
    let code = digits(random, 6);
    sb.verified_numbers.remove(|n| n.phone_number == phone);
    sb.messages.push(Message {
        id: uuid(random),
        phone_number: phone.clone(),
        channel: "verified_number".into(),
        from: "Telnyx".into(),
        text: render::verified_number(&method, &code),
        code: code.clone(),
        verification_id: None,
        created_ms: now,
    });
    sb.verified_numbers.push(VerifiedNumber { phone_number: phone.clone(), code, verified_ms: None });
    let answer = object([("phone_number", Value::String(phone)), ("verification_method", Value::String(method))]);
    Ok(Response { status: 200, body: answer })
}

fn list_verified_numbers(sb: &Sandbox, query: &Value) -> Answer {
    judged(endpoints::list_verified_numbers(query))?;
    Ok(paged(sb.verified_numbers.iter().map(VerifiedNumber::to_json).collect(), query))
}

fn get_verified_number(sb: &Sandbox, phone: &str) -> Answer {
    judged(endpoints::get_verified_number(&Value::String(phone.into())))?;
    let n = sb
        .verified_numbers
        .find(|n| n.phone_number == phone)
        .ok_or_else(|| not_found("verified number", "/phone_number"))?;
    Ok(ok(n.to_json()))
}

fn delete_verified_number(sb: &mut Sandbox, phone: &str) -> Answer {
    judged(endpoints::delete_verified_number(&Value::String(phone.into())))?;
    let n = sb
        .verified_numbers
        .remove(|n| n.phone_number == phone)
        .ok_or_else(|| not_found("verified number", "/phone_number"))?;
    Ok(ok(n.to_json()))
}

fn submit_code(sb: &mut Sandbox, phone: &str, body: &Value, now: f64) -> Answer {
    judged(endpoints::submit_verified_number_code(&Value::String(phone.into()), body))?;
    let n = sb
        .verified_numbers
        .find_mut(|n| n.phone_number == phone)
        .ok_or_else(|| not_found("verified number", "/phone_number"))?;
    if text(body, "verification_code") != Some(n.code.as_str()) {
        return Err(error(
            400,
            "10015",
            "Invalid verification code",
            "The verification code is not correct.",
            Some("/verification_code"),
        ));
    }
    n.verified_ms = Some(now);
    Ok(ok(n.to_json()))
}

/// `%2B` becomes `+`: percent-decoding of a URL component (a `+` stays a `+`). Invalid escapes are kept.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|h| char::from(*h).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A whole decimal number of at most 9 digits (`"2024"`, `"08"`); `None` for anything else.
fn parse_digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

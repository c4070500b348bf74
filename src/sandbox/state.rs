//! The sandbox's whole state as JSON, and back: a host that may be restarted or evicted (a Durable Object, a
//! server process) keeps it in storage and starts the next sandbox from it. Everything is in it, the webhook
//! signing seed included, so a restored sandbox checks the same codes and signs with the same key. Its size is
//! bounded by the sandbox's [`Limits`]: a host that stores it passes limits that fit its storage (the edge Worker's
//! keep it well under a Durable Object's value limit).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::routes::{overlong_code_length, CHANNELS, MAX_CODE_LENGTH};
use super::{Bounded, Limits, Message, Sandbox, Verification, VerifiedNumber, WebhookDelivery, MAX_ATTEMPTS};
use crate::endpoints;
use crate::validate::rules::{is_e164, is_http_url, is_positive_int32, is_uuid, NUMERIC_CODE};

/// The version of the format below; a state of another version is refused, never half-read.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct State {
    version: u32,
    /// The Ed25519 seed of the webhook signatures, base64 (as the keys are written).
    webhook_seed: String,
    profiles: Vec<Value>,
    templates: Vec<Value>,
    verifications: Vec<Verification>,
    messages: Vec<Message>,
    verified_numbers: Vec<VerifiedNumber>,
    webhooks: Vec<WebhookDelivery>,
}

fn listed<T: Clone>(items: &Bounded<T>) -> Vec<T> {
    items.iter().cloned().collect()
}

fn bounded<T>(items: Vec<T>, limit: usize) -> Bounded<T> {
    let mut store = Bounded::new(limit);
    items.into_iter().for_each(|item| store.push(item));
    store
}

impl Sandbox {
    /// Everything this sandbox holds, as one JSON value (see [`Sandbox::import_state`]).
    pub fn export_state(&self) -> Value {
        let state = State {
            version: VERSION,
            webhook_seed: STANDARD.encode(self.webhook_seed),
            profiles: listed(&self.profiles),
            templates: listed(&self.templates),
            verifications: listed(&self.verifications),
            messages: listed(&self.messages),
            verified_numbers: listed(&self.verified_numbers),
            webhooks: listed(&self.webhooks),
        };
        serde_json::to_value(state).unwrap_or(Value::Null)
    }

    /// A sandbox with the state [`Sandbox::export_state`] gave, kept within `limits` (the oldest entries beyond a
    /// limit are dropped). `Err` names what is wrong; nothing is built from a state that does not read whole.
    pub fn import_state(state: Value, limits: Limits) -> Result<Sandbox, String> {
        let state: State = serde_json::from_value(state).map_err(|e| format!("is not a sandbox state: {e}"))?;
        if state.version != VERSION {
            return Err(format!("has version {}, this sandbox reads version {VERSION}", state.version));
        }
        let seed = STANDARD.decode(&state.webhook_seed).ok().and_then(|bytes| <[u8; 32]>::try_from(bytes).ok());
        let seed = seed.ok_or("has a webhook_seed that is not base64 of 32 bytes")?;
        check_entries(&state)?;
        Ok(Sandbox {
            webhook_seed: seed,
            webhooks: bounded(state.webhooks, limits.messages),
            profiles: bounded(state.profiles, limits.profiles),
            templates: bounded(state.templates, limits.templates),
            verifications: bounded(state.verifications, limits.verifications),
            messages: bounded(state.messages, limits.messages),
            verified_numbers: bounded(state.verified_numbers, limits.verified_numbers),
        })
    }
}

/// The members a stored profile has that a create request does not.
const SERVER_MEMBERS: [&str; 4] = ["id", "record_type", "created_at", "updated_at"];

/// Every entry of an imported state, judged by the rules its API route applies (a state is outside data: it
/// may have been edited, or written by another version), so that nothing the routes would refuse is served.
fn check_entries(state: &State) -> Result<(), String> {
    for (i, profile) in state.profiles.iter().enumerate() {
        check_profile(profile).map_err(|why| format!("has an invalid profile at /profiles/{i}: {why}"))?;
    }
    for (i, template) in state.templates.iter().enumerate() {
        let id = template.get("id").and_then(Value::as_str);
        let text = serde_json::json!({ "text": template.get("text") });
        if !id.is_some_and(is_uuid) || endpoints::create_template(&text).is_err() {
            return Err(format!("has an invalid template at /templates/{i}"));
        }
    }
    for (i, verification) in state.verifications.iter().enumerate() {
        check_verification(verification)
            .map_err(|why| format!("has an invalid verification at /verifications/{i}: {why}"))?;
    }
    unique(state.profiles.iter().filter_map(|p| p.get("id").and_then(Value::as_str)), "/profiles")?;
    unique(state.verifications.iter().map(|v| v.id.as_str()), "/verifications")?;
    for (i, message) in state.messages.iter().enumerate() {
        // A message carries the verification's code, which may be a caller's custom code.
        let valid = is_e164(&message.phone_number)
            && NUMERIC_CODE.accepts(&message.code)
            && MESSAGE_CHANNELS.contains(&message.channel.as_str())
            && message.id.len() <= 64
            && message.from.len() <= 64
            && message.text.len() <= MAX_TEXT_BYTES
            && is_time(message.created_ms);
        if !valid {
            return Err(format!("has an invalid message at /messages/{i}"));
        }
    }
    for (i, number) in state.verified_numbers.iter().enumerate() {
        if !is_e164(&number.phone_number) || !is_code(&number.code) || !number.verified_ms.is_none_or(is_time) {
            return Err(format!("has an invalid verified number at /verified_numbers/{i}"));
        }
    }
    for (i, delivery) in state.webhooks.iter().enumerate() {
        // Only what a profile's webhook URLs (checked as the API checks them) and the sandbox's signing make.
        let valid = is_http_url(&delivery.url)
            && delivery.failover_url.as_deref().is_none_or(is_http_url)
            && delivery.headers.len() <= 4
            && delivery.headers.iter().all(|(name, value)| name.len() <= 64 && value.len() <= 256)
            && delivery.body.len() <= MAX_TEXT_BYTES * 4
            && delivery.id.len() <= 64;
        if !valid {
            return Err(format!("has an invalid webhook at /webhooks/{i}"));
        }
    }
    Ok(())
}

/// The channels a message is sent on (a verification's, or a verified number's call or SMS).
const MESSAGE_CHANNELS: [&str; 6] = ["sms", "call", "flashcall", "whatsapp", "psd2", "verified_number"];
/// The longest message text or template the sandbox renders (a template's text is the API's).
const MAX_TEXT_BYTES: usize = 4096;
/// The statuses the sandbox gives a verification.
const STATUSES: [&str; 4] = ["pending", "accepted", "invalid", "expired"];

/// A time the sandbox writes: milliseconds since 1970, no later than JS dates reach.
fn is_time(ms: f64) -> bool {
    (0.0..=8.64e15).contains(&ms)
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, pointer: &str) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(format!("has the id {id} twice in {pointer}"));
        }
    }
    Ok(())
}

fn check_profile(profile: &Value) -> Result<(), String> {
    let members = profile.as_object().ok_or("is not an object")?;
    if !members.get("id").and_then(Value::as_str).is_some_and(is_uuid) {
        return Err("/id is not a UUID".into());
    }
    // As a create request: without what the server adds, and without the channels it stores as null.
    let mut input = profile.clone();
    if let Some(input) = input.as_object_mut() {
        input.retain(|key, value| {
            let server_side = SERVER_MEMBERS.contains(&key.as_str());
            let absent_channel = value.is_null() && CHANNELS.contains(&key.as_str());
            !(server_side || absent_channel)
        });
    }
    endpoints::create_profile(&input).map_err(|e| e.message)?;
    match overlong_code_length(profile) {
        Some(pointer) => Err(format!("{pointer} is over {MAX_CODE_LENGTH}")),
        None => Ok(()),
    }
}

fn check_verification(v: &Verification) -> Result<(), String> {
    if !is_uuid(&v.id) || !is_uuid(&v.profile_id) {
        return Err("an id is not a UUID".into());
    }
    if !CHANNELS.contains(&v.kind.as_str()) || !is_e164(&v.phone_number) {
        return Err("its type or phone_number is not one the API takes".into());
    }
    let expected =
        v.custom_code.as_deref().map_or(is_code(&v.code), |custom| custom == v.code && NUMERIC_CODE.accepts(custom));
    if !expected {
        return Err("its code is not one the sandbox makes or the API takes".into());
    }
    // The API's rule for timeout_secs (a whole number from 1 to 2^31 - 1), and times a JS date can hold.
    if !(is_positive_int32(v.timeout_secs) && is_time(v.created_ms) && is_time(v.updated_ms)) {
        return Err("its timeout or times are not ones the sandbox writes".into());
    }
    if !STATUSES.contains(&v.status.as_str()) || v.attempts > MAX_ATTEMPTS {
        return Err("its status or attempts are not ones the sandbox writes".into());
    }
    Ok(())
}

/// A code the sandbox generates: digits, at most [`MAX_CODE_LENGTH`] of them.
fn is_code(code: &str) -> bool {
    !code.is_empty() && code.len() as u64 <= MAX_CODE_LENGTH && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::{Body, Request, DEFAULT_LIMITS};

    struct Counter(u32);

    impl crate::sandbox::Random for Counter {
        fn next_u32(&mut self) -> u32 {
            self.0 = self.0.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            self.0
        }
    }

    fn call(sb: &mut Sandbox, method: &str, path: &str, body: Value, random: &mut Counter) -> Value {
        let request = Request { method, path, authorization: Some("Bearer t"), body: Body::Json(body) };
        sb.handle(request, 1_700_000_000_000.0, random).body
    }

    #[test]
    fn a_restored_sandbox_checks_the_same_code_and_signs_with_the_same_key() {
        let mut random = Counter(7);
        let mut sb = Sandbox::new(DEFAULT_LIMITS);
        sb.set_webhook_seed([9; 32]);
        let profile = call(&mut sb, "POST", "/verify_profiles", serde_json::json!({"name": "P"}), &mut random);
        let id = profile["data"]["id"].as_str().unwrap().to_owned();
        let start = serde_json::json!({"phone_number": "+13035551234", "verify_profile_id": id});
        call(&mut sb, "POST", "/verifications/sms", start, &mut random);
        let code = sb.outbox(None)[0].code.clone();

        let text = sb.export_state().to_string();
        let mut restored = Sandbox::import_state(serde_json::from_str(&text).unwrap(), DEFAULT_LIMITS).unwrap();
        assert_eq!(restored.webhook_public_key(), sb.webhook_public_key());
        assert_eq!(restored.sizes(), sb.sizes());
        let check = serde_json::json!({"code": code, "verify_profile_id": id});
        let answer = call(
            &mut restored,
            "POST",
            "/verifications/by_phone_number/+13035551234/actions/verify",
            check,
            &mut random,
        );
        assert_eq!(answer["data"]["response_code"], "accepted");
    }

    #[test]
    fn a_state_that_does_not_read_whole_is_refused() {
        let good = Sandbox::new(DEFAULT_LIMITS).export_state();
        let mut wrong_version = good.clone();
        wrong_version["version"] = 2.into();
        let mut bad_seed = good.clone();
        bad_seed["webhook_seed"] = "zz".into();
        let mut bad_entry = good.clone();
        bad_entry["messages"] = serde_json::json!([{"id": 1}]);
        for state in [wrong_version, bad_seed, bad_entry, Value::Null, serde_json::json!({})] {
            assert!(Sandbox::import_state(state, DEFAULT_LIMITS).is_err());
        }
    }

    #[test]
    fn limits_apply_to_an_imported_state() {
        let mut random = Counter(1);
        let mut sb = Sandbox::new(DEFAULT_LIMITS);
        for n in 0..5 {
            call(&mut sb, "POST", "/verify_profiles", serde_json::json!({"name": format!("P{n}")}), &mut random);
        }
        let small = Limits { profiles: 2, ..DEFAULT_LIMITS };
        let restored = Sandbox::import_state(sb.export_state(), small).unwrap();
        assert_eq!(restored.sizes().0, 2);
    }
}

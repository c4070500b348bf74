//! The fuzzing harness shared by `examples/fuzz/main.rs` (millions of executions) and `tests/native_fuzz.rs` (a short
//! property run in `make test`). No nightly toolchain here, so no cargo-fuzz: a seeded, structure-aware generator
//! (JSON values built from the specs' own field names, phone-like and UUID-like strings, edge numbers, deep
//! nesting) drives every entry point that takes outside data, an imported sandbox state included. Each
//! execution must not panic, and properties are checked on the way: a request the builders accept round-trips
//! (its body parses back to the input, minus the members that moved to the path); a state the sandbox imports
//! never makes it build a code longer than the API's maximum.
//!
//! Each execution draws its own seed from the run's, and runs under `catch_unwind`: a panic is reported as a
//! [`Finding`] with that seed, the entry point and the input (`run_reporting`). Build with `panic = "unwind"`
//! (the `fuzz` profile, or the test profile): under the release profile's `abort` nothing could be reported.
#![allow(dead_code)]

use std::panic::{catch_unwind, AssertUnwindSafe};

use telnyx_verify_wasm::internals::endpoints::{self as ep, CallClass};
use telnyx_verify_wasm::internals::response::{check_success, error_from_status, parse_error_envelope};
use telnyx_verify_wasm::internals::retry::{decide, Outcome, RetryPolicy};
use telnyx_verify_wasm::sandbox::{Body, Random, Request, Sandbox, DEFAULT_LIMITS, MAX_CODE_LENGTH};
use telnyx_verify_wasm::Value as Json;

/// xorshift64*: fast, seeded, good enough to explore inputs.
#[derive(Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

impl Random for Rng {
    fn next_u32(&mut self) -> u32 {
        self.next() as u32
    }
}

const KEYS: &[&str] = &[
    "name",
    "type",
    "phone_number",
    "verify_profile_id",
    "code",
    "status",
    "custom_code",
    "extension",
    "timeout_secs",
    "amount",
    "currency",
    "payee",
    "sms",
    "call",
    "flashcall",
    "whatsapp",
    "psd2",
    "app_name",
    "alpha_sender",
    "code_length",
    "whitelisted_destinations",
    "default_verification_timeout_secs",
    "messaging_template_id",
    "messaging_template",
    "webhook_url",
    "webhook_failover_url",
    "language",
    "daily_spend_limit",
    "daily_spend_limit_enabled",
    "text",
    "verification_method",
    "verification_code",
    "filter",
    "page",
    "number",
    "size",
    "data",
    "meta",
    "errors",
    "title",
    "detail",
    "source",
    "pointer",
    "response_code",
    "page_number",
    "total_pages",
    "phoneNumber",
    "__proto__",
    "",
    "~/",
    "é",
];
const STRINGS: &[&str] = &[
    "+13035551234",
    "+447700900123",
    "+1",
    "+0123",
    "13035551234",
    "+1303555123456789",
    "12ade33a-21c0-473b-b055-b3c836e1c292",
    "12ADE33A-21C0-473B-B055-B3C836E1C292",
    "zzzzzzzz-21c0-473b-b055-b3c836e1c292",
    "sms",
    "call",
    "flashcall",
    "whatsapp",
    "psd2",
    "email",
    "accepted",
    "rejected",
    "US",
    "GB",
    "UK",
    "*",
    "us",
    "99.99",
    "0",
    "1e3",
    "EUR",
    "JPY",
    "Telnyx",
    "Example Secure App",
    "a_b!",
    "1ww2WABCD#*",
    "https://example.com/hook",
    "ftp://x",
    "{{code}} {{app_name}} {code}",
    "",
    " ",
    "\u{0}",
    "\u{1F600}",
    "%2B1%zz%",
    "true",
    "null",
];

/// A random JSON value, at most `depth` levels deep.
pub fn value(rng: &mut Rng, depth: usize) -> Json {
    match rng.below(if depth == 0 { 6 } else { 9 }) {
        0 => Json::Null,
        1 => Json::Bool(rng.next() & 1 == 1),
        2 => number([0.0, 1.0, -1.0, 5.0, 300.0, 0.5, 2147483647.0, 2147483648.0, 1e300, -0.0][rng.below(10)]),
        3 => number(f64::from_bits(rng.next()).clamp(-1e308, 1e308)),
        4 | 5 => Json::String(string(rng)),
        6 => Json::Array((0..rng.below(5)).map(|_| value(rng, depth - 1)).collect()),
        _ => object(rng, depth - 1),
    }
}

fn string(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => (0..rng.below(40)).map(|_| char::from_u32(rng.below(0x250) as u32).unwrap_or('?')).collect(),
        1 => [rng.pick(STRINGS), rng.pick(STRINGS)].concat(),
        _ => rng.pick(STRINGS).to_owned(),
    }
}

/// An object, mostly with the specs' own field names.
pub fn object(rng: &mut Rng, depth: usize) -> Json {
    let mut members: Vec<(String, Json)> = Vec::new();
    for _ in 0..rng.below(8) {
        let key = if rng.below(8) == 0 { string(rng) } else { rng.pick(KEYS).to_owned() };
        if !members.iter().any(|(k, _)| *k == key) {
            members.push((key, value(rng, depth)));
        }
    }
    Json::Object(members.into_iter().collect())
}

/// A number as a JS caller's value arrives (whole numbers as integers); NaN cannot be JSON and becomes null.
fn number(n: f64) -> Json {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9e15 {
        Json::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
    }
}

/// What one run saw: requests accepted (and round-tripped) and inputs rejected.
#[derive(Debug, Default)]
pub struct Stats {
    pub round_trips: u64,
    pub rejected: u64,
    /// Generated states the sandbox imported (and then served starts from).
    pub imported: u64,
}

/// A built request's body parses back to `input` without the members moved to the path.
fn round_trip(stats: &mut Stats, input: &Json, moved: &[&str], built: Result<ep::Endpoint, telnyx_verify_wasm::Error>) {
    match built {
        Err(error) => {
            assert_eq!(error.code, telnyx_verify_wasm::ErrorCode::ValidationFailed);
            assert!(error.field.is_some(), "a validation error names a field");
            stats.rejected += 1;
        }
        Ok(endpoint) => {
            let body = endpoint.request.body.expect("a create has a body");
            let parsed: Json =
                serde_json::from_str(&body).unwrap_or_else(|e| panic!("invalid JSON written: {e}: {body}"));
            let mut expected = input.clone();
            for key in moved {
                expected.as_object_mut().map(|m| m.shift_remove(*key));
            }
            assert!(same_value(&parsed, &expected), "round trip of {body}:\n  sent {parsed}\n given {expected}");
            stats.round_trips += 1;
        }
    }
}

/// The entry points, by number; [`Target::Planted`] only when a run asks for it (to prove reporting works).
pub const TARGETS: u64 = 14;

/// What one execution feeds: the entry point and its generated arguments, as reported with a panic.
#[derive(Debug)]
pub struct Case {
    pub target: usize,
    pub input: Json,
    pub arg: Json,
}

impl Case {
    pub fn generate(rng: &mut Rng, planted: bool) -> Case {
        let input = if rng.below(3) == 0 { value(rng, 4) } else { object(rng, 4) };
        let arg = if rng.below(2) == 0 { Json::String(rng.pick(STRINGS).to_owned()) } else { value(rng, 2) };
        let target = rng.below(TARGETS as usize + usize::from(planted));
        Case { target, input, arg }
    }
}

/// A deliberate defect for the harness's own test: it panics on a profile name holding a NUL character, an
/// input the generator reaches within a few thousand executions.
fn planted(input: &Json) {
    let name = input.get("name").and_then(Json::as_str).unwrap_or_default();
    assert!(!name.contains('\u{0}'), "planted defect: a name with a NUL character");
}

/// Equal JSON, but for one tolerance: a number that is not an integer may come back one unit in the last place
/// away. serde_json's default float parser is not correctly rounded for 17-digit mantissas with large exponents
/// (the `float_roundtrip` feature is, and costs the client about 9 KB gzip); integers and the API's own numbers
/// (timeouts, lengths, amounts) are exact.
fn same_value(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            x == y || (x.is_finite() && x.to_bits().abs_diff(y.to_bits()) <= 1 && x.signum() == y.signum())
        }
        (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_value(x, y)),
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((kx, vx), (ky, vy))| kx == ky && same_value(vx, vy))
        }
        _ => a == b,
    }
}

/// One execution: the input derived from `rng` fed to one entry point, picked by the generator.
pub fn execute(rng: &mut Rng, sandbox: &mut Sandbox, stats: &mut Stats) {
    let case = Case::generate(rng, false);
    apply(rng, case, sandbox, stats);
}

/// Feeds `case` to its entry point (further draws from `rng` shape the call).
pub fn apply(rng: &mut Rng, case: Case, sandbox: &mut Sandbox, stats: &mut Stats) {
    let Case { target, input, arg } = case;
    match target {
        14 => planted(&input),
        13 => import_state(rng, sandbox, input, stats),
        12 => {
            // Webhooks: any bytes, headers and key. Only a delivery signed with the key may ever verify.
            let seed = [3u8; 32];
            let key = if rng.below(4) == 0 { string(rng) } else { telnyx_verify_wasm::webhooks::public_key_of(&seed) };
            let body = if rng.below(2) == 0 { input.to_string() } else { string(rng) };
            let now = 1_795_348_800 + rng.below(1000) as i64 - 500;
            let (good, ts) = telnyx_verify_wasm::webhooks::sign(body.as_bytes(), &seed, 1_795_348_800);
            let genuine = rng.below(2) == 0;
            let signature = if genuine { good } else { string(rng) };
            let timestamp = if rng.below(5) == 0 { string(rng) } else { ts };
            let mut headers =
                vec![("telnyx-signature-ed25519", signature.as_str()), ("Telnyx-Timestamp", timestamp.as_str())];
            if rng.below(6) == 0 {
                headers.truncate(rng.below(2));
            }
            let verified = telnyx_verify_wasm::webhooks::verify_webhook(body.as_bytes(), headers, &key, now, 300);
            assert!(verified.is_err() || genuine, "a forged webhook verified");
        }
        0 => round_trip(stats, &input, &[], ep::create_profile(&input)),
        1 => drop(ep::update_profile(&arg, &input)),
        2 => round_trip(stats, &input, &["type"], ep::start_verification(&input)),
        3 => round_trip(stats, &input, &["phone_number"], ep::verify_code(&input)),
        4 => drop(ep::verify_code_by_id(&arg, &input)),
        5 => {
            drop(ep::list_profiles(&input));
            drop(ep::list_verified_numbers(&input));
            let _ = ep::next_page_number(Some(&input), f64::from(rng.below(5) as u32));
            drop(ep::with_page_number(&input, 2.0));
        }
        6 => {
            drop(ep::create_verified_number(&input));
            drop(ep::submit_verified_number_code(&arg, &input));
            drop(ep::create_template(&input));
            drop(ep::update_template(&arg, &input));
            for build in [
                ep::get_profile,
                ep::delete_profile,
                ep::get_verification,
                ep::list_verifications,
                ep::get_verified_number,
                ep::delete_verified_number,
            ] {
                drop(build(&arg));
            }
        }
        7 => {
            // Every documented response shape, with arbitrary bodies.
            for endpoint in [
                ep::list_templates(),
                ep::get_profile(&Json::String("12ade33a-21c0-473b-b055-b3c836e1c292".into())).unwrap(),
            ] {
                drop(check_success(endpoint.expect, &input));
            }
            drop(parse_error_envelope(&input));
            drop(error_from_status(400 + rng.below(200) as u16, Some(&input), None));
        }
        8 => {
            // A well-formed start of every type, with generated extras: accepted ones round-trip.
            let mut start = serde_json::json!({
                "type": rng.pick(&["sms", "call", "flashcall", "whatsapp"]),
                "phone_number": rng.pick(&["+13035551234", "+447700900123", "+1"]),
                "verify_profile_id": "12ade33a-21c0-473b-b055-b3c836e1c292",
            });
            if rng.below(2) == 0 {
                start["timeout_secs"] = value(rng, 0);
            }
            round_trip(stats, &start.clone(), &["type"], ep::start_verification(&start));
        }
        9 => {
            let class = [CallClass::Read, CallClass::IdempotentWrite, CallClass::Create][rng.below(3)];
            let outcome = match rng.below(4) {
                0 => Outcome::NotSent,
                1 => Outcome::Network,
                2 => Outcome::Timeout,
                _ => Outcome::Status {
                    status: rng.below(700) as u16,
                    retry_after_ms: [None, Some(f64::from_bits(rng.next()))][rng.below(2)],
                    should_retry: [None, Some(true), Some(false)][rng.below(3)],
                },
            };
            let policy = RetryPolicy {
                max_retries: rng.below(12) as u32,
                max_retry_delay_ms: (rng.below(100_000)) as f64,
                unsafe_retries: rng.below(2) == 0,
            };
            if let telnyx_verify_wasm::internals::retry::Decision::Retry { delay_ms } =
                decide(&policy, class, outcome, rng.below(12) as u32, (rng.below(1000) as f64) / 1000.0)
            {
                assert!(delay_ms >= 0.0 && delay_ms <= policy.max_retry_delay_ms.max(8000.0), "delay {delay_ms}");
            }
        }
        10 => {
            let profile = serde_json::json!({"name": string(rng), "sms": {"code_length": value(rng, 0)}});
            round_trip(stats, &profile.clone(), &[], ep::create_profile(&profile));
        }
        _ => {
            // The sandbox: any method, path and body through the whole request handling.
            let method = rng.pick(&["GET", "POST", "PATCH", "DELETE", "PUT", ""]);
            let path = [
                rng.pick(&["/v2", "", "/v2/v2"]),
                rng.pick(&[
                    "/verify_profiles",
                    "/verify_profiles/templates",
                    "/verifications/sms",
                    "/verifications/psd2",
                    "/verifications/by_phone_number",
                    "/verified_numbers",
                    "/nothing",
                ]),
                rng.pick(&[
                    "",
                    "/12ade33a-21c0-473b-b055-b3c836e1c292",
                    "/+13035551234",
                    "/%2B1",
                    "/x/actions/verify",
                    "/+13035551234/actions/verify",
                ]),
                rng.pick(&["", "?page[number]=2&page[size]=1", "?filter%5Bname%5D=a", "?page[number]=x", "?&&=&a"]),
            ]
            .concat();
            let body = match rng.below(4) {
                0 => Body::None,
                1 => Body::Invalid,
                _ => Body::Json(input),
            };
            let authorization = ["Bearer k", "", "Basic x"][rng.below(3)];
            let now = 1.7e12 + (rng.below(1_000_000) as f64) * 1000.0;
            let response =
                sandbox.handle(Request { method, path: &path, authorization: Some(authorization), body }, now, rng);
            assert!((200..600).contains(&response.status));
        }
    }
}

/// An imported state: the sandbox's own, with one member replaced by a generated value (or a generated value
/// whole). A state that imports must serve starts whose codes stay within the API's maximum.
fn import_state(rng: &mut Rng, sandbox: &Sandbox, input: Json, stats: &mut Stats) {
    let mut state = sandbox.export_state();
    match rng.below(8) {
        0 => state = input,
        1 | 2 => {} // as exported: it must import
        3 | 4 => {
            // A channel's code length, the member that once made the sandbox build a code of any length.
            let channel = rng.pick(&["sms", "call", "whatsapp", "psd2"]);
            if let Some(profile) = state["profiles"].as_array_mut().and_then(|p| p.first_mut()) {
                profile[channel] = serde_json::json!({ "code_length": value(rng, 0) });
            }
        }
        _ => mutate(rng, &mut state, input),
    }
    let Ok(mut restored) = Sandbox::import_state(state.clone(), DEFAULT_LIMITS) else { return };
    stats.imported += 1;
    let profiles = state["profiles"].as_array().cloned().unwrap_or_default();
    for profile in profiles.iter().take(3) {
        let kind = rng.pick(&["sms", "call", "flashcall", "whatsapp", "psd2"]);
        let body = serde_json::json!({
            "phone_number": "+13035551234",
            "verify_profile_id": profile["id"],
            "amount": "1.00", "currency": "EUR", "payee": "P",
        });
        let request = Request {
            method: "POST",
            path: &format!("/verifications/{kind}"),
            authorization: Some("Bearer k"),
            body: Body::Json(body),
        };
        restored.handle(request, 1.7e12, rng);
    }
    for message in restored.outbox(None) {
        assert!(message.code.len() <= 64, "a code of {} digits", message.code.len());
        if message.channel != "verified_number" && message.code.len() as u64 > MAX_CODE_LENGTH {
            // Only a caller's custom code may be longer than the sandbox's own codes.
            assert!(state.to_string().contains(&message.code), "a generated code of {} digits", message.code.len());
        }
    }
}

/// Replaces one member somewhere in `value` (a random walk down objects and arrays) with `with`.
fn mutate(rng: &mut Rng, value: &mut Json, with: Json) {
    let len = match value {
        Json::Object(members) => members.len(),
        Json::Array(items) => items.len(),
        _ => 0,
    };
    if len == 0 || rng.below(4) == 0 {
        *value = with;
        return;
    }
    let index = rng.below(len);
    let inner = match value {
        Json::Object(members) => members.values_mut().nth(index),
        Json::Array(items) => items.get_mut(index),
        _ => None,
    };
    if let Some(inner) = inner {
        mutate(rng, inner, with);
    }
}

/// `executions` executions from `seed`; returns what they saw. A panic propagates (for `cargo test`).
pub fn run(seed: u64, executions: u64) -> Stats {
    let mut rng = Rng(seed | 1);
    let mut sandbox = Sandbox::new(DEFAULT_LIMITS);
    let mut stats = Stats::default();
    for _ in 0..executions {
        execute(&mut rng, &mut sandbox, &mut stats);
    }
    stats
}

/// A panic, with what reproduces it.
#[derive(Debug)]
pub struct Finding {
    /// The run's seed and the execution's index in it: `run_reporting(seed, execution + 1, …)` replays it.
    pub seed: u64,
    pub execution: u64,
    pub case: String,
    pub message: String,
}

/// Like [`run`], but each execution runs under `catch_unwind` and the first panic is returned as a
/// [`Finding`] naming the seed, the execution and its input. `planted` adds the deliberate defect.
pub fn run_reporting(seed: u64, executions: u64, planted: bool) -> Result<Stats, Finding> {
    let mut rng = Rng(seed | 1);
    let mut sandbox = Sandbox::new(DEFAULT_LIMITS);
    let mut stats = Stats::default();
    for execution in 0..executions {
        let at_case = rng.clone();
        let case = Case::generate(&mut rng, planted);
        let outcome = catch_unwind(AssertUnwindSafe(|| apply(&mut rng, case, &mut sandbox, &mut stats)));
        if let Err(payload) = outcome {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "a panic without a message".into());
            // The case again, from the generator's state before it (formatting every case would slow the run).
            let case = format!("{:?}", Case::generate(&mut at_case.clone(), planted));
            return Err(Finding { seed, execution, case, message });
        }
    }
    Ok(stats)
}

//! The fuzzing harness shared by `examples/fuzz/main.rs` (millions of executions) and `tests/native_fuzz.rs` (a short
//! property run in `make test`). No nightly toolchain here, so no cargo-fuzz: a seeded, structure-aware generator
//! (JSON values built from the specs' own field names, phone-like and UUID-like strings, edge numbers, deep
//! nesting) drives every entry point that takes outside data. Each execution must not panic, and one property is
//! checked on the way: a request the builders accept round-trips (its body parses back to the input, minus the
//! members that moved to the path).
#![allow(dead_code)]

use telnyx_verify_wasm::endpoints::{self as ep, CallClass};
use telnyx_verify_wasm::response::{check_success, error_from_status, parse_error_envelope};
use telnyx_verify_wasm::retry::{decide, Outcome, RetryPolicy};
use telnyx_verify_wasm::sandbox::{Body, Random, Request, Sandbox, DEFAULT_LIMITS};
use telnyx_verify_wasm::Value as Json;

/// xorshift64*: fast, seeded, good enough to explore inputs.
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
            assert_eq!(parsed, expected, "round trip of {body}");
            stats.round_trips += 1;
        }
    }
}

/// One execution: the input derived from `rng` fed to one entry point, picked by the generator.
pub fn execute(rng: &mut Rng, sandbox: &mut Sandbox, stats: &mut Stats) {
    let input = if rng.below(3) == 0 { value(rng, 4) } else { object(rng, 4) };
    let arg = if rng.below(2) == 0 { Json::String(rng.pick(STRINGS).to_owned()) } else { value(rng, 2) };
    match rng.below(13) {
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
            if let telnyx_verify_wasm::retry::Decision::Retry { delay_ms } =
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

/// `executions` executions from `seed`; returns what they saw.
pub fn run(seed: u64, executions: u64) -> Stats {
    let mut rng = Rng(seed | 1);
    let mut sandbox = Sandbox::new(DEFAULT_LIMITS);
    let mut stats = Stats::default();
    for _ in 0..executions {
        execute(&mut rng, &mut sandbox, &mut stats);
    }
    stats
}

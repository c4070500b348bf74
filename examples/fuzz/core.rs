//! The fuzzing harness shared by `examples/fuzz/main.rs` (millions of executions) and `tests/native_fuzz.rs` (a short
//! property run in `make test`). No nightly toolchain here, so no cargo-fuzz: a seeded, structure-aware generator
//! (JSON values built from the specs' own field names, phone-like and UUID-like strings, edge numbers, deep
//! nesting) drives every entry point that takes outside data. Each execution must not panic; two properties are
//! checked on the way: the JSON writer's output parses back to the same value, and percent-decoding is total.
#![allow(dead_code)]

use telnyx_verify_wasm::endpoints::{self as ep, CallClass};
use telnyx_verify_wasm::response::{check_success, error_from_status, parse_error_envelope};
use telnyx_verify_wasm::retry::{decide, Outcome, RetryPolicy};
use telnyx_verify_wasm::sandbox::{Body, Random, Request, Sandbox, DEFAULT_LIMITS};
use telnyx_verify_wasm::text::percent_decode;
use telnyx_verify_wasm::Json;

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
        2 => Json::Number([0.0, 1.0, -1.0, 5.0, 300.0, 0.5, 2147483647.0, 2147483648.0, 1e300, -0.0][rng.below(10)]),
        3 => Json::Number(f64::from_bits(rng.next()).clamp(-1e308, 1e308)), // NaN passes through: tested too
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
    Json::Object(members)
}

/// One execution: the input derived from `rng` fed to one entry point, picked by the generator.
pub fn execute(rng: &mut Rng, sandbox: &mut Sandbox) {
    let input = if rng.below(3) == 0 { value(rng, 4) } else { object(rng, 4) };
    let arg = if rng.below(2) == 0 { Json::String(rng.pick(STRINGS).to_owned()) } else { value(rng, 2) };
    match rng.below(12) {
        0 => drop(ep::create_profile(&input)),
        1 => drop(ep::update_profile(&arg, &input)),
        2 => drop(ep::start_verification(&input)),
        3 => drop(ep::verify_code(&input)),
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
            // The writer's output is JSON that reads back as the same value (NaN/∞ are written as null).
            let text = input.to_json_string();
            let parsed: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON written: {e}: {text}"));
            assert_eq!(from_serde(parsed), finite(&input), "round trip of {text}");
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
            let text = string(rng);
            drop(percent_decode(&text));
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

/// serde_json's value as the crate's `Json` (serde_json keeps key order here: `preserve_order`).
fn from_serde(value: serde_json::Value) -> Json {
    match value {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(b),
        serde_json::Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Json::String(s),
        serde_json::Value::Array(items) => Json::Array(items.into_iter().map(from_serde).collect()),
        serde_json::Value::Object(map) => Json::Object(map.into_iter().map(|(k, v)| (k, from_serde(v))).collect()),
    }
}

/// What JSON can carry of a value: non-finite numbers become `null`, as `JSON.stringify` writes them.
fn finite(value: &Json) -> Json {
    match value {
        Json::Number(n) if !n.is_finite() => Json::Null,
        Json::Array(items) => Json::Array(items.iter().map(finite).collect()),
        Json::Object(members) => Json::Object(members.iter().map(|(k, v)| (k.clone(), finite(v))).collect()),
        other => other.clone(),
    }
}

/// `executions` executions from `seed`; returns how many ran.
pub fn run(seed: u64, executions: u64) -> u64 {
    let mut rng = Rng(seed | 1);
    let mut sandbox = Sandbox::new(DEFAULT_LIMITS);
    for _ in 0..executions {
        execute(&mut rng, &mut sandbox);
    }
    executions
}

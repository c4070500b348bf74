//! The sandbox state machine, natively, with a fixed clock and a seeded random source: expiry at the exact
//! second, the attempts limit, superseding, destinations, template rendering, eviction, and every error
//! envelope.
#![cfg(all(not(target_arch = "wasm32"), feature = "sandbox"))]

mod support;

use serde_json::{json as j, Value};
use support::json;
use telnyx_verify_wasm::sandbox::{
    Body, Limits, Random, Request, Sandbox, DEFAULT_LIMITS, DEFAULT_TEMPLATE_ID, FLASHCALL_CODE_LENGTH, MAX_ATTEMPTS,
};
use telnyx_verify_wasm::Value as Json;

const T0: f64 = 1_763_800_000_000.0;
const PHONE: &str = "+13035551234";

/// xorshift32: deterministic, good enough to test with.
struct Seeded(u32);
impl Random for Seeded {
    fn next_u32(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }
}

struct Api {
    sandbox: Sandbox,
    random: Seeded,
    now: f64,
}

impl Api {
    fn new() -> Api {
        Api::with_limits(DEFAULT_LIMITS)
    }
    fn with_limits(limits: Limits) -> Api {
        Api { sandbox: Sandbox::new(limits), random: Seeded(0x1234_5678), now: T0 }
    }
    fn call(&mut self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let body = body.map_or(Body::None, |b| Body::Json(json(b)));
        let request = Request { method, path, authorization: Some("Bearer test-key"), body };
        let response = self.sandbox.handle(request, self.now, &mut self.random);
        (response.status, serde_json::from_str(&response.body.to_string()).unwrap())
    }
    fn ok(&mut self, method: &str, path: &str, body: Option<Value>) -> Value {
        let (status, body) = self.call(method, path, body);
        assert_eq!(status, 200, "{method} {path}: {body}");
        body
    }
    fn profile(&mut self, body: Value) -> String {
        self.ok("POST", "/v2/verify_profiles", Some(body))["data"]["id"].as_str().unwrap().to_owned()
    }
    fn start(&mut self, kind: &str, profile: &str, extra: Value) -> Value {
        let mut body = j!({"phone_number": PHONE, "verify_profile_id": profile});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        self.ok("POST", &format!("/v2/verifications/{kind}"), Some(body))["data"].clone()
    }
    fn last_code(&self) -> String {
        self.sandbox.outbox(Some(PHONE))[0].code.clone()
    }
    fn check(&mut self, profile: &str, code: &str) -> String {
        let body = j!({"code": code, "verify_profile_id": profile});
        let answer = self.ok("POST", &format!("/v2/verifications/by_phone_number/{PHONE}/actions/verify"), Some(body));
        answer["data"]["response_code"].as_str().unwrap().to_owned()
    }
    fn status(&mut self, id: &str) -> String {
        self.ok("GET", &format!("/verifications/{id}"), None)["data"]["status"].as_str().unwrap().to_owned()
    }
}

#[test]
fn profiles_get_the_documented_defaults_and_keep_extra_fields() {
    let mut api = Api::new();
    let id = api
        .profile(j!({"name": "Acme", "sms": {"app_name": "Acme", "messaging_template": "Code: {code}"}, "call": {}}));
    let profile = api.ok("GET", &format!("/verify_profiles/{id}"), None)["data"].clone();
    assert_eq!(profile["record_type"], "verification_profile");
    assert_eq!(profile["sms"]["code_length"], 5);
    assert_eq!(profile["sms"]["default_verification_timeout_secs"], 300);
    assert_eq!(profile["sms"]["alpha_sender"], "Telnyx");
    assert_eq!(profile["sms"]["messaging_template"], "Code: {code}", "extra properties are kept");
    assert_eq!(profile["call"]["code_length"], 5);
    assert_eq!(profile["flashcall"], Value::Null);
    assert_eq!(profile["created_at"], "2025-11-22T08:26:40.000000", "naive timestamps from the clock");
    // Update merges a channel block and refreshes updated_at.
    api.now += 1500.0;
    let updated =
        api.ok("PATCH", &format!("/verify_profiles/{id}"), Some(j!({"sms": {"code_length": 7}, "name": "Acme 2"})))
            ["data"]
            .clone();
    assert_eq!(
        (updated["sms"]["code_length"].as_f64(), updated["sms"]["app_name"].as_str()),
        (Some(7.0), Some("Acme"))
    );
    assert_eq!(updated["name"], "Acme 2");
    assert_eq!(updated["updated_at"], "2025-11-22T08:26:41.500000");
    // List with filter and pages; delete returns the profile, then it is gone.
    api.profile(j!({"name": "Other"}));
    let page = api.ok("GET", "/verify_profiles?filter%5Bname%5D=Acme&page%5Bsize%5D=1", None);
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    assert_eq!(page["meta"], j!({"page_number": 1, "page_size": 1, "total_pages": 1, "total_results": 1}));
    let all = api.ok("GET", "/verify_profiles?page[number]=2&page[size]=1", None);
    assert_eq!(all["meta"]["total_pages"], 2);
    assert_eq!(all["data"][0]["name"], "Other");
    assert_eq!(api.ok("DELETE", &format!("/verify_profiles/{id}"), None)["data"]["id"], id.as_str());
    assert_eq!(api.call("GET", &format!("/verify_profiles/{id}"), None).0, 404);
}

#[test]
fn a_code_is_accepted_once_and_a_wrong_one_is_rejected() {
    let mut api = Api::new();
    let profile = api.profile(j!({"name": "Acme", "sms": {"code_length": 6}}));
    let v = api.start("sms", &profile, j!({}));
    assert_eq!(
        (v["status"].as_str(), v["type"].as_str(), v["timeout_secs"].as_f64()),
        (Some("pending"), Some("sms"), Some(300.0))
    );
    let code = api.last_code();
    assert_eq!(code.len(), 6);
    assert_eq!(api.check(&profile, "000000x"), "rejected");
    assert_eq!(api.check(&profile, &code), "accepted");
    assert_eq!(api.status(v["id"].as_str().unwrap()), "accepted");
    assert_eq!(api.check(&profile, &code), "rejected", "a code is used once");
}

#[test]
fn expiry_happens_at_the_exact_second() {
    let mut api = Api::new();
    let profile = api.profile(j!({"name": "Acme", "sms": {"default_verification_timeout_secs": 60}}));
    api.start("sms", &profile, j!({}));
    let code = api.last_code();
    api.now = T0 + 59_999.0;
    assert_eq!(api.check(&profile, "99999"), "rejected", "still pending one millisecond before");
    api.now = T0 + 60_000.0;
    assert_eq!(api.check(&profile, &code), "rejected", "expired at exactly timeout_secs");
    let list = api.ok("GET", &format!("/verifications/by_phone_number/{PHONE}"), None);
    assert_eq!(list["data"][0]["status"], "expired");
    // A request's timeout_secs overrides the profile's.
    api.now = T0;
    let v = api.start("sms", &profile, j!({"timeout_secs": 10}));
    assert_eq!(v["timeout_secs"], 10);
    let code = api.last_code();
    api.now = T0 + 9_999.0;
    assert_eq!(api.check(&profile, &code), "accepted");
}

#[test]
fn after_the_attempts_limit_the_verification_is_spent() {
    let mut api = Api::new();
    let profile = api.profile(j!({"name": "Acme"}));
    let v = api.start("sms", &profile, j!({}));
    let code = api.last_code();
    for _ in 0..MAX_ATTEMPTS {
        assert_eq!(api.check(&profile, "1"), "rejected");
    }
    assert_eq!(api.status(v["id"].as_str().unwrap()), "invalid");
    assert_eq!(api.check(&profile, &code), "rejected", "even the right code, once spent");
    assert_eq!(MAX_ATTEMPTS, 5);
}

#[test]
fn four_wrong_attempts_still_leave_the_right_code_usable() {
    let mut api = Api::new();
    let profile = api.profile(j!({"name": "Acme"}));
    api.start("call", &profile, j!({}));
    let code = api.last_code();
    for _ in 0..MAX_ATTEMPTS - 1 {
        assert_eq!(api.check(&profile, "1"), "rejected");
    }
    assert_eq!(api.check(&profile, &code), "accepted");
}

#[test]
fn a_new_verification_supersedes_the_pending_one() {
    let mut api = Api::new();
    let profile = api.profile(j!({"name": "Acme"}));
    let first = api.start("sms", &profile, j!({}));
    let first_code = api.last_code();
    let second = api.start("sms", &profile, j!({}));
    let second_code = api.last_code();
    assert_eq!(api.status(first["id"].as_str().unwrap()), "expired");
    if first_code != second_code {
        assert_eq!(api.check(&profile, &first_code), "rejected", "the superseded code no longer works");
    }
    assert_eq!(api.check(&profile, &second_code), "accepted");
    assert_eq!(api.status(second["id"].as_str().unwrap()), "accepted");
    // Another profile's verification for the same number is independent.
    let other = api.profile(j!({"name": "Other"}));
    api.start("sms", &other, j!({}));
    assert_eq!(api.status(second["id"].as_str().unwrap()), "accepted");
}

#[test]
fn custom_codes_and_reported_outcomes() {
    let mut api = Api::new();
    let profile = api.profile(j!({"name": "Acme"}));
    let v = api.start("whatsapp", &profile, j!({"custom_code": "4242"}));
    assert_eq!(v["custom_code"], "4242");
    assert_eq!(api.last_code(), "4242");
    let id = v["id"].as_str().unwrap().to_owned();
    let reported = api.ok("POST", &format!("/verifications/{id}/actions/verify"), Some(j!({"status": "accepted"})));
    assert_eq!(reported["data"]["response_code"], "accepted");
    assert_eq!(api.status(&id), "accepted");
    // status is refused on a verification the sandbox generated the code for.
    let generated = api.start("sms", &profile, j!({}));
    let gid = generated["id"].as_str().unwrap().to_owned();
    let (status, body) =
        api.call("POST", &format!("/verifications/{gid}/actions/verify"), Some(j!({"status": "accepted"})));
    assert_eq!((status, body["errors"][0]["source"]["pointer"].as_str()), (400, Some("/status")));
    let code = api.last_code();
    let by_id = api.ok("POST", &format!("/verifications/{gid}/actions/verify"), Some(j!({"code": code})));
    assert_eq!(by_id["data"]["response_code"], "accepted");
}

#[test]
fn destinations_follow_the_country_calling_code() {
    let mut api = Api::new();
    let profile = api.profile(j!({"name": "Acme", "sms": {"whitelisted_destinations": ["GB", "CA"]}, "call": {"whitelisted_destinations": ["*"]}}));
    let (status, body) =
        api.call("POST", "/verifications/sms", Some(j!({"phone_number": PHONE, "verify_profile_id": profile})));
    assert_eq!(status, 403);
    assert_eq!(body["errors"][0]["code"], "10010");
    assert_eq!(body["errors"][0]["source"]["pointer"], "/phone_number");
    assert!(body["errors"][0]["detail"].as_str().unwrap().contains("US"));
    let uk = api.call(
        "POST",
        "/verifications/sms",
        Some(j!({"phone_number": "+447700900123", "verify_profile_id": profile})),
    );
    assert_eq!(uk.0, 200);
    let toronto = api.call(
        "POST",
        "/verifications/sms",
        Some(j!({"phone_number": "+14165550123", "verify_profile_id": profile})),
    );
    assert_eq!(toronto.0, 200, "+1 416 is Canada");
    assert_eq!(
        api.call("POST", "/verifications/call", Some(j!({"phone_number": PHONE, "verify_profile_id": profile}))).0,
        200,
        "[\"*\"] allows all"
    );
    // psd2 follows the SMS block.
    let psd2 = j!({"phone_number": PHONE, "verify_profile_id": profile, "amount": "10.00", "currency": "EUR", "payee": "Shop"});
    assert_eq!(api.call("POST", "/verifications/psd2", Some(psd2)).0, 403);
}

#[test]
fn every_channel_renders_its_message() {
    let mut api = Api::new();
    let template = api.ok("POST", "/verify_profiles/templates", Some(j!({"text": "{{app_name}}: use {{code}}"})))
        ["data"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let profile = api.profile(j!({"name": "Acme", "sms": {"app_name": "Acme Bank", "messaging_template_id": template, "alpha_sender": "AcmeBank"}}));
    api.start("sms", &profile, j!({}));
    let sms = api.sandbox.outbox(Some(PHONE))[0].clone();
    assert_eq!(sms.text, format!("Acme Bank: use {}", sms.code));
    assert_eq!((sms.channel.as_str(), sms.from.as_str()), ("sms", "AcmeBank"));

    api.start("call", &profile, j!({"custom_code": "123"}));
    assert!(api.sandbox.outbox(Some(PHONE))[0].text.contains("Your verification code is 1, 2, 3"));

    api.start("flashcall", &profile, j!({}));
    let flash = api.sandbox.outbox(Some(PHONE))[0].clone();
    assert_eq!(flash.code.len(), FLASHCALL_CODE_LENGTH);
    assert!(flash.from.ends_with(&flash.code), "{} ends with {}", flash.from, flash.code);
    assert!(telnyx_verify_wasm::internals::validate::rules::is_e164(&flash.from));

    api.start("whatsapp", &profile, j!({}));
    let wa = api.sandbox.outbox(Some(PHONE))[0].clone();
    assert!(wa.text.contains(&format!("*{}*", wa.code)));

    api.start("psd2", &profile, j!({"amount": "99.99", "currency": "EUR", "payee": "Acme Corp Inc. LTD"}));
    let psd2 = api.sandbox.outbox(Some(PHONE))[0].clone();
    assert!(
        psd2.text.contains(&psd2.code) && psd2.text.contains("99.99 EUR") && psd2.text.contains("Acme Corp Inc. LTD"),
        "{}",
        psd2.text
    );

    // The seed quickstart's free-text template with `{code}`, and the default template.
    let seed = api.profile(support::seed("quickstart_create_profile_request"));
    api.start("sms", &seed, j!({}));
    let m = api.sandbox.outbox(Some(PHONE))[0].clone();
    assert_eq!(m.text, format!("My custom template. Your code is: {}", m.code));
    let plain = api.profile(j!({"name": "Plain"}));
    api.start("sms", &plain, j!({}));
    let m = api.sandbox.outbox(Some(PHONE))[0].clone();
    assert_eq!(m.text, format!("Your Plain verification code is: {}.", m.code));
    // Templates: a ready one, update, list.
    let list = api.ok("GET", "/verify_profiles/templates", None);
    assert_eq!(list["data"][0]["id"], DEFAULT_TEMPLATE_ID);
    let updated = api.ok("PATCH", &format!("/verify_profiles/templates/{template}"), Some(j!({"text": "{{code}}!"})));
    assert_eq!(updated["data"]["text"], "{{code}}!");
    assert_eq!(api.sandbox.outbox(None).len(), 7, "newest first, all numbers");
}

#[test]
fn state_is_bounded() {
    let limits = Limits { profiles: 3, templates: 4, verifications: 5, messages: 6, verified_numbers: 2 };
    let mut api = Api::with_limits(limits);
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(api.profile(j!({"name": format!("p{i}")})));
    }
    assert_eq!(api.call("GET", &format!("/verify_profiles/{}", ids[0]), None).0, 404, "the oldest was evicted");
    assert_eq!(api.call("GET", &format!("/verify_profiles/{}", ids[4]), None).0, 200);
    for _ in 0..10 {
        api.start("sms", &ids[4], j!({}));
    }
    for i in 0..5 {
        api.ok("POST", "/verify_profiles/templates", Some(j!({"text": format!("t{i} {{{{code}}}}")})));
    }
    for i in 0..4 {
        api.ok(
            "POST",
            "/verified_numbers",
            Some(j!({"phone_number": format!("+1303555000{i}"), "verification_method": "sms"})),
        );
    }
    assert_eq!(api.sandbox.sizes(), (3, 4, 5, 6, 2));
}

#[test]
fn verified_numbers_register_with_a_code() {
    let mut api = Api::new();
    let created =
        api.ok("POST", "/verified_numbers", Some(j!({"phone_number": "+15551234567", "verification_method": "call"})));
    assert_eq!(created, j!({"phone_number": "+15551234567", "verification_method": "call"}), "not wrapped in data");
    let code = api.sandbox.outbox(Some("+15551234567"))[0].code.clone();
    let (status, body) =
        api.call("POST", "/verified_numbers/+15551234567/actions/verify", Some(j!({"verification_code": "000000x"})));
    assert_eq!((status, body["errors"][0]["source"]["pointer"].as_str()), (400, Some("/verification_code")));
    let verified =
        api.ok("POST", "/verified_numbers/%2B15551234567/actions/verify", Some(j!({"verification_code": code})));
    assert!(verified["data"]["verified_at"].is_string());
    assert_eq!(api.ok("GET", "/verified_numbers", None)["meta"]["total_results"], 1);
    assert_eq!(api.ok("DELETE", "/verified_numbers/+15551234567", None)["data"]["phone_number"], "+15551234567");
    assert_eq!(api.call("GET", "/verified_numbers/+15551234567", None).0, 404);
}

#[test]
fn every_error_envelope() {
    let mut api = Api::new();
    // 401 without a bearer token.
    for authorization in [None, Some("Basic x"), Some("Bearer "), Some("Bearer   ")] {
        let request = Request { method: "GET", path: "/verify_profiles", authorization, body: Body::None };
        let response = api.sandbox.handle(request, T0, &mut Seeded(1));
        assert_eq!(response.status, 401);
        assert_eq!(
            response.body.get("errors").unwrap().as_array().unwrap()[0].get("code"),
            Some(&Json::String("10009".into()))
        );
    }
    // 400 with 10015 and source.pointer for every violation, by the client's own rules.
    let (status, body) =
        api.call("POST", "/verify_profiles", Some(j!({"sms": {"app_name": "Bad!"}, "phoneNumber": 1})));
    assert_eq!(status, 400);
    let pointers: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["source"]["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, ["/name", "/sms/app_name", "/phoneNumber"]);
    assert!(body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["code"] == "10015" && e["title"].is_string() && e["detail"].is_string()));
    let (status, body) =
        api.call("POST", "/verifications/sms", Some(j!({"phone_number": "555", "verify_profile_id": "x"})));
    assert_eq!((status, body["errors"].as_array().unwrap().len()), (400, 2));
    let request =
        Request { method: "POST", path: "/verify_profiles", authorization: Some("Bearer k"), body: Body::Invalid };
    assert_eq!(api.sandbox.handle(request, T0, &mut Seeded(1)).status, 400);
    // 404 with 10005 for unknown ids and routes.
    let unknown = "12ade33a-21c0-473b-b055-b3c836e1c292";
    let cases = [
        ("GET", format!("/verify_profiles/{unknown}"), None, "/verify_profile_id"),
        ("PATCH", format!("/verify_profiles/templates/{unknown}"), Some(j!({"text": "x"})), "/template_id"),
        ("GET", format!("/verifications/{unknown}"), None, "/verification_id"),
        (
            "POST",
            "/verifications/sms".to_owned(),
            Some(j!({"phone_number": PHONE, "verify_profile_id": unknown})),
            "/verify_profile_id",
        ),
        (
            "POST",
            format!("/verifications/by_phone_number/{PHONE}/actions/verify"),
            Some(j!({"code": "1", "verify_profile_id": unknown})),
            "/phone_number",
        ),
        ("GET", "/verified_numbers/+15550001111".to_owned(), None, "/phone_number"),
    ];
    for (method, path, body, pointer) in cases {
        let (status, answer) = api.call(method, &path, body);
        assert_eq!(status, 404, "{method} {path}");
        assert_eq!(answer["errors"][0]["code"], "10005");
        assert_eq!(answer["errors"][0]["source"]["pointer"], pointer, "{method} {path}");
    }
    let (status, answer) = api.call("GET", "/v2/nothing/here", None);
    assert_eq!((status, answer["errors"][0]["code"].as_str()), (404, Some("10005")));
}

#[test]
fn a_code_length_the_sandbox_cannot_build_is_refused() {
    let mut sandbox = Sandbox::new(DEFAULT_LIMITS);
    let mut random = Seeded(9);
    let request = Request {
        method: "POST",
        path: "/verify_profiles",
        authorization: Some("Bearer t"),
        body: Body::Json(serde_json::json!({"name": "x", "sms": {"code_length": 2147483647}})),
    };
    let response = sandbox.handle(request, 0.0, &mut random);
    assert_eq!(response.status, 400);
    assert_eq!(response.body["errors"][0]["source"]["pointer"], "/sms/code_length");
    assert_eq!(sandbox.sizes().0, 0, "no profile was created");
}

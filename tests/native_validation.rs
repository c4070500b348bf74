//! Every validation rule with valid and invalid values, through the public endpoint builders: invalid input
//! yields `validation_failed` with the JSON pointer of each broken field, all at once; valid input builds a
//! request.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json as j;
use support::{json, violations};
use telnyx_verify_wasm::internals::endpoints::{self as ep};

const PROFILE_ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";

fn sms(extra: serde_json::Value) -> telnyx_verify_wasm::Value {
    let mut input = j!({"type": "sms", "phone_number": "+13035551234", "verify_profile_id": PROFILE_ID});
    input.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    json(input)
}

fn profile_with(channel: &str, settings: serde_json::Value) -> telnyx_verify_wasm::Value {
    json(j!({"name": "Acme", channel: settings}))
}

fn pointers(list: Vec<(String, String)>) -> Vec<String> {
    list.into_iter().map(|(p, _)| p).collect()
}

#[test]
fn phone_numbers_must_be_e164() {
    for ok in ["+13035551234", "+442071838750", "+12", "+123456789012345"] {
        assert!(ep::start_verification(&sms(j!({"phone_number": ok}))).is_ok(), "{ok}");
    }
    for bad in ["13035551234", "+0303555", "+1", "+1234567890123456", "+1 303 555 1234", "+1303555123a", "", "++1303"] {
        let v = violations(ep::start_verification(&sms(j!({"phone_number": bad}))));
        assert_eq!(v, vec![("/phone_number".into(), "invalid_value".into())], "{bad}");
    }
    let v = violations(ep::start_verification(&sms(j!({"phone_number": 13035551234u64}))));
    assert_eq!(pointers(v), ["/phone_number"]);
}

#[test]
fn ids_must_be_uuids() {
    assert!(ep::get_profile(&json(j!(PROFILE_ID))).is_ok());
    assert!(ep::get_profile(&json(j!("12ADE33A-21C0-473B-B055-B3C836E1C292"))).is_ok());
    for bad in [
        j!("12ade33a21c0473bb055b3c836e1c292"),
        j!("12ade33a-21c0-473b-b055-b3c836e1c29"),
        j!("zzzzzzzz-21c0-473b-b055-b3c836e1c292"),
        j!(42),
        j!(null),
    ] {
        assert_eq!(pointers(violations(ep::get_profile(&json(bad.clone())))), ["/verify_profile_id"], "{bad}");
    }
    assert_eq!(pointers(violations(ep::get_verification(&json(j!("x"))))), ["/verification_id"]);
    let v = violations(ep::update_template(&json(j!("x")), &json(j!({"text": "Code {{code}}"}))));
    assert_eq!(pointers(v), ["/template_id"]);
    assert_eq!(
        pointers(violations(ep::start_verification(&sms(j!({"verify_profile_id": "nope"}))))),
        ["/verify_profile_id"]
    );
}

#[test]
fn profile_name_is_required_and_non_empty() {
    assert!(ep::create_profile(&json(j!({"name": "x"}))).is_ok());
    assert_eq!(violations(ep::create_profile(&json(j!({})))), vec![("/name".into(), "missing_field".into())]);
    assert_eq!(pointers(violations(ep::create_profile(&json(j!({"name": ""}))))), ["/name"]);
    assert_eq!(pointers(violations(ep::create_profile(&json(j!({"name": 7}))))), ["/name"]);
    // Not required in an update.
    assert!(ep::update_profile(&json(j!(PROFILE_ID)), &json(j!({}))).is_ok());
}

#[test]
fn app_name_follows_the_spec_pattern() {
    for ok in ["A", "Example Secure App", "my-app 2", "abcdefghijklmnopqrstuvwxyz0123"] {
        assert!(ep::create_profile(&profile_with("sms", j!({"app_name": ok}))).is_ok(), "{ok}");
    }
    for bad in ["", "abcdefghijklmnopqrstuvwxyz01234", "Acme!", "Acmé", "a_b"] {
        let v = violations(ep::create_profile(&profile_with("sms", j!({"app_name": bad}))));
        assert_eq!(pointers(v), ["/sms/app_name"], "{bad}");
    }
    // The same rule in every channel block, including whatsapp where it is an extra property.
    let v = violations(ep::create_profile(&profile_with("whatsapp", j!({"app_name": "Foo!"}))));
    assert_eq!(pointers(v), ["/whatsapp/app_name"]);
}

#[test]
fn alpha_sender_follows_the_spec_pattern_and_may_be_null() {
    for ok in [j!("Telnyx"), j!("Acme 123"), j!("abcdefghijk"), j!(null)] {
        assert!(ep::create_profile(&profile_with("sms", j!({"alpha_sender": ok}))).is_ok(), "{ok}");
    }
    for bad in ["", "abcdefghijkl", "Ac-me", "Acme!"] {
        let v = violations(ep::create_profile(&profile_with("sms", j!({"alpha_sender": bad}))));
        assert_eq!(pointers(v), ["/sms/alpha_sender"], "{bad}");
    }
}

#[test]
fn whitelisted_destinations_are_iso_codes_or_exactly_star() {
    for ok in [j!(["US", "CA"]), j!(["GB"]), j!(["*"]), j!([])] {
        assert!(ep::create_profile(&profile_with("call", j!({"whitelisted_destinations": ok}))).is_ok(), "{ok}");
    }
    let cases = [
        (j!(["us"]), vec!["/call/whitelisted_destinations/0"]),
        (j!(["US", "UK", "XX"]), vec!["/call/whitelisted_destinations/1", "/call/whitelisted_destinations/2"]),
        (j!(["USA"]), vec!["/call/whitelisted_destinations/0"]),
        (j!(["*", "US"]), vec!["/call/whitelisted_destinations/0"]),
        (j!([1]), vec!["/call/whitelisted_destinations/0"]),
        (j!("US"), vec!["/call/whitelisted_destinations"]),
    ];
    for (bad, expected) in cases {
        let v = violations(ep::create_profile(&profile_with("call", j!({"whitelisted_destinations": bad.clone()}))));
        assert_eq!(pointers(v), expected, "{bad}");
    }
}

#[test]
fn timeouts_and_code_length_are_positive_integers() {
    for field in ["code_length", "default_verification_timeout_secs"] {
        assert!(ep::create_profile(&profile_with("sms", j!({field: 6}))).is_ok());
        for bad in [j!(0), j!(-1), j!(1.5), j!("6"), j!(2147483648u64), j!(null)] {
            let v = violations(ep::create_profile(&profile_with("sms", j!({field: bad.clone()}))));
            assert_eq!(pointers(v), [format!("/sms/{field}")], "{field} = {bad}");
        }
    }
    assert!(ep::start_verification(&sms(j!({"timeout_secs": 300}))).is_ok());
    assert_eq!(pointers(violations(ep::start_verification(&sms(j!({"timeout_secs": 0}))))), ["/timeout_secs"]);
}

#[test]
fn custom_code_is_numeric_and_extension_is_dtmf() {
    assert!(ep::start_verification(&sms(j!({"custom_code": "43612"}))).is_ok());
    assert!(ep::start_verification(&sms(j!({"custom_code": null}))).is_ok());
    for bad in [j!("43a12"), j!(""), j!(43612), j!(" 4361")] {
        assert_eq!(
            pointers(violations(ep::start_verification(&sms(j!({"custom_code": bad.clone()}))))),
            ["/custom_code"],
            "{bad}"
        );
    }
    let call = |extension: serde_json::Value| sms(j!({"type": "call", "extension": extension}));
    for ok in [j!("1www2WABCDw9"), j!("*#0"), j!(""), j!(null)] {
        assert!(ep::start_verification(&call(ok.clone())).is_ok(), "{ok}");
    }
    for bad in [j!("1x"), j!("E"), j!("1 2"), j!(12)] {
        assert_eq!(pointers(violations(ep::start_verification(&call(bad.clone())))), ["/extension"], "{bad}");
    }
}

#[test]
fn psd2_needs_amount_currency_and_payee() {
    let psd2 = |extra: serde_json::Value| {
        sms(j!({"type": "psd2"})
            .as_object()
            .unwrap()
            .clone()
            .into_iter()
            .chain(extra.as_object().unwrap().clone())
            .collect::<serde_json::Map<_, _>>()
            .into())
    };
    assert!(ep::start_verification(&psd2(j!({"amount": "99.99", "currency": "EUR", "payee": "Acme Corp Inc. LTD"})))
        .is_ok());
    assert!(ep::start_verification(&psd2(j!({"amount": "5", "currency": "USD", "payee": "A"}))).is_ok());
    let v = violations(ep::start_verification(&psd2(j!({}))));
    assert_eq!(
        v,
        vec![
            ("/amount".into(), "missing_field".into()),
            ("/currency".into(), "missing_field".into()),
            ("/payee".into(), "missing_field".into())
        ]
    );
    for bad in [j!("0"), j!("0.00"), j!("99.999"), j!("-1"), j!("1e3"), j!(99.99), j!(".5"), j!("1,00")] {
        let v = violations(ep::start_verification(&psd2(j!({"amount": bad.clone(), "currency": "EUR", "payee": "A"}))));
        assert_eq!(pointers(v), ["/amount"], "{bad}");
    }
    let v = violations(ep::start_verification(&psd2(j!({"amount": "1", "currency": "JPY", "payee": ""}))));
    assert_eq!(pointers(v), ["/currency", "/payee"]);
}

#[test]
fn a_field_the_type_does_not_allow_is_reported() {
    let flash = sms(j!({"type": "flashcall", "custom_code": "12345"}));
    assert_eq!(violations(ep::start_verification(&flash)), vec![("/custom_code".into(), "not_allowed".into())]);
    let ext = sms(j!({"extension": "123"}));
    assert_eq!(violations(ep::start_verification(&ext)), vec![("/extension".into(), "not_allowed".into())]);
    let amount = sms(j!({"type": "whatsapp", "amount": "1.00"}));
    assert_eq!(violations(ep::start_verification(&amount)), vec![("/amount".into(), "not_allowed".into())]);
    let update = json(j!({"flashcall": {"default_verification_timeout_secs": 60}}));
    assert_eq!(
        violations(ep::update_profile(&json(j!(PROFILE_ID)), &update)),
        vec![("/flashcall".into(), "not_allowed".into())]
    );
    let by_sms = json(j!({"phone_number": "+15551234567", "verification_method": "sms", "extension": "1"}));
    assert_eq!(violations(ep::create_verified_number(&by_sms)), vec![("/extension".into(), "not_allowed".into())]);
}

#[test]
fn verification_type_is_required_and_known() {
    let mut input = sms(j!({}));
    if let telnyx_verify_wasm::Value::Object(members) = &mut input {
        members.retain(|k, _| k != "type");
    }
    assert_eq!(violations(ep::start_verification(&input)), vec![("/type".into(), "missing_field".into())]);
    let v = violations(ep::start_verification(&sms(j!({"type": "email", "phone_number": "x"}))));
    assert_eq!(pointers(v), ["/type", "/phone_number"]);
    for kind in ["sms", "call", "flashcall", "whatsapp"] {
        assert!(ep::start_verification(&sms(j!({"type": kind}))).is_ok(), "{kind}");
    }
}

#[test]
fn unknown_top_level_fields_are_named_with_a_hint() {
    let input = json(j!({"phoneNumber": "+13035551234", "verify_profile_id": PROFILE_ID, "type": "sms"}));
    let error = ep::start_verification(&input).unwrap_err();
    let pairs: Vec<_> = error.errors.iter().map(|e| (e.pointer.clone().unwrap(), e.code.clone())).collect();
    assert_eq!(
        pairs,
        vec![("/phone_number".into(), "missing_field".into()), ("/phoneNumber".into(), "unknown_field".into())]
    );
    let hint = error.errors[1].detail.clone().unwrap();
    assert!(hint.contains("did you mean `phone_number`"), "{hint}");
    let v = violations(ep::create_profile(&json(j!({"name": "x", "colour": "red"}))));
    assert_eq!(v, vec![("/colour".into(), "unknown_field".into())]);
}

#[test]
fn channel_blocks_pass_extra_properties_through() {
    let seed = json(support::seed("quickstart_create_profile_request"));
    let endpoint = ep::create_profile(&seed).expect("the seed quickstart's profile body is accepted as written");
    let body = endpoint.request.body.unwrap();
    assert!(body.contains(r#""sms":{"messaging_template":"My custom template. Your code is: {code}"}"#), "{body}");
    assert!(ep::create_profile(&json(support::seed("reference_create_profile_request"))).is_ok());
}

#[test]
fn every_violation_is_reported_at_once() {
    let input = json(j!({
        "name": "",
        "webhook_url": "ftp://x",
        "daily_spend_limit": -5,
        "daily_spend_limit_enabled": "yes",
        "sms": {"app_name": "x!", "alpha_sender": "way too long sender", "code_length": 0, "messaging_template_id": "t"},
        "call": "not an object",
        "extra": 1
    }));
    let error = ep::create_profile(&input).unwrap_err();
    let got: Vec<_> = error.errors.iter().map(|e| e.pointer.clone().unwrap()).collect();
    assert_eq!(
        got,
        [
            "/name",
            "/webhook_url",
            "/daily_spend_limit",
            "/daily_spend_limit_enabled",
            "/sms/messaging_template_id",
            "/sms/app_name",
            "/sms/alpha_sender",
            "/sms/code_length",
            "/call",
            "/extra"
        ]
    );
    assert_eq!(error.field.as_deref(), Some("/name"));
    assert!(error.message.starts_with("Invalid input: /name must be"), "{}", error.message);
    assert!(error.message.ends_with("(and 7 more)"), "{}", error.message);
}

#[test]
fn verify_code_needs_profile_id_and_a_string_code() {
    let ok = json(j!({"phone_number": "+13035551234", "code": "17686", "verify_profile_id": PROFILE_ID}));
    assert!(ep::verify_code(&ok).is_ok());
    // The seed omits verify_profile_id; the spec requires it.
    let seed = json(j!({"phone_number": "+13035551234", "code": "17686"}));
    assert_eq!(violations(ep::verify_code(&seed)), vec![("/verify_profile_id".into(), "missing_field".into())]);
    let number = json(j!({"phone_number": "+13035551234", "code": 17686, "verify_profile_id": PROFILE_ID}));
    assert_eq!(pointers(violations(ep::verify_code(&number))), ["/code"]);
    // A non-numeric code is a wrong code for the API to reject, not an input error.
    let letters = json(j!({"phone_number": "+13035551234", "code": "abcde", "verify_profile_id": PROFILE_ID}));
    assert!(ep::verify_code(&letters).is_ok());
}

#[test]
fn verify_by_id_takes_code_or_status() {
    let id = json(j!(PROFILE_ID));
    assert!(ep::verify_code_by_id(&id, &json(j!({"code": "12345"}))).is_ok());
    assert!(ep::verify_code_by_id(&id, &json(j!({"status": "accepted"}))).is_ok());
    assert!(ep::verify_code_by_id(&id, &json(j!({"status": "rejected"}))).is_ok());
    assert_eq!(violations(ep::verify_code_by_id(&id, &json(j!({})))), vec![("/code".into(), "missing_field".into())]);
    assert_eq!(
        pointers(violations(ep::verify_code_by_id(&id, &json(j!({"code": "1", "status": "accepted"}))))),
        ["/status"]
    );
    assert_eq!(pointers(violations(ep::verify_code_by_id(&id, &json(j!({"status": "pending"}))))), ["/status"]);
}

#[test]
fn verified_numbers_and_templates() {
    let create = |v: serde_json::Value| ep::create_verified_number(&json(v));
    assert!(create(j!({"phone_number": "+15551234567", "verification_method": "call", "extension": "ww243w1"})).is_ok());
    assert_eq!(
        pointers(violations(create(j!({"phone_number": "+15551234567", "verification_method": "fax"})))),
        ["/verification_method"]
    );
    let long = "1".repeat(51);
    assert_eq!(
        pointers(violations(create(
            j!({"phone_number": "+15551234567", "verification_method": "call", "extension": long})
        ))),
        ["/extension"]
    );
    let phone = json(j!("+15551234567"));
    assert!(ep::submit_verified_number_code(&phone, &json(j!({"verification_code": "123456"}))).is_ok());
    assert_eq!(
        pointers(violations(ep::submit_verified_number_code(&json(j!("555")), &json(j!({}))))),
        ["/phone_number", "/verification_code"]
    );
    assert_eq!(pointers(violations(ep::create_template(&json(j!({"text": ""}))))), ["/text"]);
    assert_eq!(pointers(violations(ep::create_template(&json(j!(["text"]))))), [""]);
}

#[test]
fn list_queries_are_validated() {
    assert!(ep::list_profiles(&json(j!({"filter": {"name": "x"}, "page": {"number": 2, "size": 10}}))).is_ok());
    assert!(ep::list_profiles(&telnyx_verify_wasm::Value::Null).is_ok());
    assert_eq!(pointers(violations(ep::list_profiles(&json(j!({"page": {"number": 0}}))))), ["/page/number"]);
    assert_eq!(pointers(violations(ep::list_profiles(&json(j!({"page[number]": 2}))))), ["/page[number]"]);
    assert_eq!(pointers(violations(ep::list_verified_numbers(&json(j!({"filter": {"name": "x"}}))))), ["/filter"]);
}

#[test]
fn webhook_urls_must_be_absolute_http() {
    for ok in ["https://example.net/hook_1", "http://example.com/webhook", "https://h"] {
        assert!(ep::create_profile(&json(j!({"name": "x", "webhook_url": ok}))).is_ok(), "{ok}");
    }
    for bad in ["example.com", "https://", "ftp://x", "https://a b", "javascript:alert(1)"] {
        assert_eq!(
            pointers(violations(ep::create_profile(&json(j!({"name": "x", "webhook_failover_url": bad}))))),
            ["/webhook_failover_url"],
            "{bad}"
        );
    }
}

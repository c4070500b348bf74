//! Request building: for every operation, the method, the path (with `+` kept literal and the query encoded)
//! and the exact JSON body, including omitted vs `null` fields.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json as j;
use support::json;
use telnyx_verify_wasm::internals::endpoints::{self as ep, CallClass, Endpoint};
use telnyx_verify_wasm::internals::http::Method;
use telnyx_verify_wasm::Error;

const ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const PHONE: &str = "+13035551234";

fn check(result: Result<Endpoint, Error>, method: Method, path: &str, body: Option<&str>, class: CallClass) {
    let endpoint = result.expect("valid input");
    assert_eq!(endpoint.request.method, method, "{path}");
    assert_eq!(endpoint.request.path, path);
    assert_eq!(endpoint.request.body.as_deref(), body, "{path}");
    assert_eq!(endpoint.class, class, "{path}");
}

#[test]
fn verify_profiles() {
    check(
        ep::create_profile(&json(j!({"name": "Acme", "sms": {"code_length": 6, "alpha_sender": null}}))),
        Method::Post,
        "/verify_profiles",
        Some(r#"{"name":"Acme","sms":{"code_length":6,"alpha_sender":null}}"#),
        CallClass::Create,
    );
    check(ep::get_profile(&json(j!(ID))), Method::Get, &format!("/verify_profiles/{ID}"), None, CallClass::Read);
    check(
        ep::update_profile(&json(j!(ID)), &json(j!({"daily_spend_limit": 12.5, "daily_spend_limit_enabled": true}))),
        Method::Patch,
        &format!("/verify_profiles/{ID}"),
        Some(r#"{"daily_spend_limit":12.5,"daily_spend_limit_enabled":true}"#),
        CallClass::IdempotentWrite,
    );
    check(
        ep::delete_profile(&json(j!(ID))),
        Method::Delete,
        &format!("/verify_profiles/{ID}"),
        None,
        CallClass::IdempotentWrite,
    );
    check(ep::list_profiles(&json(j!(null))), Method::Get, "/verify_profiles", None, CallClass::Read);
    check(
        ep::list_profiles(&json(j!({"filter": {"name": "a b&c"}, "page": {"size": 10, "number": 2}}))),
        Method::Get,
        "/verify_profiles?filter%5Bname%5D=a%20b%26c&page%5Bnumber%5D=2&page%5Bsize%5D=10",
        None,
        CallClass::Read,
    );
}

#[test]
fn message_templates() {
    check(Ok(ep::list_templates()), Method::Get, "/verify_profiles/templates", None, CallClass::Read);
    let text = r#"{"text":"Your {{app_name}} verification code is: {{code}}."}"#;
    let input = json(serde_json::from_str(text).unwrap());
    check(ep::create_template(&input), Method::Post, "/verify_profiles/templates", Some(text), CallClass::Create);
    check(
        ep::update_template(&json(j!(ID)), &input),
        Method::Patch,
        &format!("/verify_profiles/templates/{ID}"),
        Some(text),
        CallClass::IdempotentWrite,
    );
}

#[test]
fn verifications_drop_type_from_the_body_and_keep_the_plus_literal() {
    for kind in ["sms", "call", "flashcall", "whatsapp"] {
        let input = json(j!({"type": kind, "phone_number": PHONE, "verify_profile_id": ID, "timeout_secs": 300}));
        let body = format!(r#"{{"phone_number":"{PHONE}","verify_profile_id":"{ID}","timeout_secs":300}}"#);
        check(
            ep::start_verification(&input),
            Method::Post,
            &format!("/verifications/{kind}"),
            Some(&body),
            CallClass::Create,
        );
    }
    let psd2 = json(
        j!({"type": "psd2", "phone_number": PHONE, "verify_profile_id": ID, "amount": "99.99", "currency": "EUR", "payee": "Acme"}),
    );
    let body = format!(
        r#"{{"phone_number":"{PHONE}","verify_profile_id":"{ID}","amount":"99.99","currency":"EUR","payee":"Acme"}}"#
    );
    check(ep::start_verification(&psd2), Method::Post, "/verifications/psd2", Some(&body), CallClass::Create);
    // Omitted stays omitted; an explicit null is sent as null.
    let call = json(
        j!({"type": "call", "phone_number": PHONE, "verify_profile_id": ID, "custom_code": null, "extension": "1ww2"}),
    );
    let body =
        format!(r#"{{"phone_number":"{PHONE}","verify_profile_id":"{ID}","custom_code":null,"extension":"1ww2"}}"#);
    check(ep::start_verification(&call), Method::Post, "/verifications/call", Some(&body), CallClass::Create);

    check(ep::get_verification(&json(j!(ID))), Method::Get, &format!("/verifications/{ID}"), None, CallClass::Read);
    check(
        ep::list_verifications(&json(j!(PHONE))),
        Method::Get,
        "/verifications/by_phone_number/+13035551234",
        None,
        CallClass::Read,
    );
}

#[test]
fn verify_code_moves_the_number_to_the_path() {
    check(
        ep::verify_code(&json(j!({"phone_number": PHONE, "code": "17686", "verify_profile_id": ID}))),
        Method::Post,
        "/verifications/by_phone_number/+13035551234/actions/verify",
        Some(&format!(r#"{{"code":"17686","verify_profile_id":"{ID}"}}"#)),
        CallClass::Create,
    );
    check(
        ep::verify_code_by_id(&json(j!(ID)), &json(j!({"status": "accepted"}))),
        Method::Post,
        &format!("/verifications/{ID}/actions/verify"),
        Some(r#"{"status":"accepted"}"#),
        CallClass::Create,
    );
}

#[test]
fn verified_numbers() {
    let body = r#"{"phone_number":"+15551234567","verification_method":"call","extension":"ww243w1"}"#;
    check(
        ep::create_verified_number(&json(serde_json::from_str(body).unwrap())),
        Method::Post,
        "/verified_numbers",
        Some(body),
        CallClass::Create,
    );
    check(
        ep::list_verified_numbers(&json(j!({"page": {"number": 3}}))),
        Method::Get,
        "/verified_numbers?page%5Bnumber%5D=3",
        None,
        CallClass::Read,
    );
    check(
        ep::get_verified_number(&json(j!("+15551234567"))),
        Method::Get,
        "/verified_numbers/+15551234567",
        None,
        CallClass::Read,
    );
    check(
        ep::delete_verified_number(&json(j!("+15551234567"))),
        Method::Delete,
        "/verified_numbers/+15551234567",
        None,
        CallClass::IdempotentWrite,
    );
    check(
        ep::submit_verified_number_code(&json(j!("+15551234567")), &json(j!({"verification_code": "123456"}))),
        Method::Post,
        "/verified_numbers/+15551234567/actions/verify",
        Some(r#"{"verification_code":"123456"}"#),
        CallClass::Create,
    );
}

#[test]
fn pagination_follows_meta_like_the_official_sdk() {
    let meta = |page: f64, total: f64| {
        json(j!({"page_number": page, "total_pages": total, "page_size": 25, "total_results": 55}))
    };
    assert_eq!(ep::next_page_number(Some(&meta(1.0, 3.0)), 1.0), Some(2.0));
    assert_eq!(ep::next_page_number(Some(&meta(3.0, 3.0)), 3.0), None);
    assert_eq!(ep::next_page_number(Some(&meta(4.0, 3.0)), 4.0), None);
    assert_eq!(ep::next_page_number(Some(&json(j!({"total_pages": 2}))), 1.0), Some(2.0), "page_number defaults to 1");
    assert_eq!(ep::next_page_number(None, 1.0), None);
    // A server that repeats the same meta (Prism's static example: page 2 of 3) cannot loop the iterator.
    assert_eq!(ep::next_page_number(Some(&meta(2.0, 3.0)), 1.0), Some(3.0));
    assert_eq!(ep::next_page_number(Some(&meta(2.0, 3.0)), 3.0), None);
    assert_eq!(ep::requested_page_number(&json(j!({"page": {"number": 4}}))), 4.0);
    assert_eq!(ep::requested_page_number(&json(j!(null))), 1.0);
    let next = ep::with_page_number(&json(j!({"filter": {"name": "x"}, "page": {"size": 5, "number": 1}})), 2.0);
    check(
        ep::list_profiles(&next),
        Method::Get,
        "/verify_profiles?filter%5Bname%5D=x&page%5Bnumber%5D=2&page%5Bsize%5D=5",
        None,
        CallClass::Read,
    );
    let from_nothing = ep::with_page_number(&json(j!(null)), 2.0);
    check(
        ep::list_verified_numbers(&from_nothing),
        Method::Get,
        "/verified_numbers?page%5Bnumber%5D=2",
        None,
        CallClass::Read,
    );
}

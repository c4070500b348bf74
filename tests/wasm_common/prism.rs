//! Every public method, once with only the required fields and once with every field, against Prism serving
//! Telnyx's spec: Prism must accept each request (no `sl-violations`). Invalid input must reject with the
//! right `field` before anything reaches the server.

use js_sys::Promise;
use telnyx_verify_wasm::VerifyClient;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

const ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const PHONE: &str = "+13035551234";

/// Runs one call on a fresh run of `route`, expects success, and returns the result and what the server saw.
async fn accepted(route: &str, call: impl FnOnce(&VerifyClient) -> Promise) -> (JsValue, JsValue) {
    let run = Run::new();
    let client = run.client(route, r#""headers":{"X-Custom":"yes"}"#);
    let result = resolves(call(&client)).await;
    let log = run.log().await;
    assert_eq!(log.len(), 1, "exactly one request: {}", log.iter().map(stringify).collect::<Vec<_>>().join(", "));
    let request = log[0].clone();
    let violations = prop(&request, "violations");
    assert!(violations.is_null(), "Prism found the request breaks the spec: {}", stringify(&violations));
    assert_eq!(text(&request, "headers.authorization"), Some(format!("Bearer {KEY}")));
    assert_eq!(text(&request, "headers.accept").as_deref(), Some("application/json"));
    assert_eq!(text(&request, "headers.x-custom").as_deref(), Some("yes"));
    (result, request)
}

/// The body the server received, parsed.
fn sent_body(request: &JsValue) -> JsValue {
    js(&text(request, "body").expect("a body"))
}

const FULL_PROFILE: &str = r#"{
  "name": "Test Profile",
  "webhook_url": "http://example.com/webhook",
  "webhook_failover_url": "http://example.com/webhook/failover",
  "language": "en-US",
  "daily_spend_limit": 100.5,
  "daily_spend_limit_enabled": true,
  "sms": {"messaging_template_id": "0abb5b4f-459f-445a-bfcd-488998b7572d", "app_name": "Example Secure App",
          "alpha_sender": "Telnyx", "code_length": 6, "whitelisted_destinations": ["US", "CA"],
          "default_verification_timeout_secs": 300},
  "call": {"messaging_template_id": "0abb5b4f-459f-445a-bfcd-488998b7572d", "app_name": "Example Secure App",
           "code_length": 6, "whitelisted_destinations": ["US", "CA"], "default_verification_timeout_secs": 300},
  "flashcall": {"app_name": "Example Secure App", "whitelisted_destinations": ["US"], "default_verification_timeout_secs": 300},
  "whatsapp": {"whitelisted_destinations": ["US"], "default_verification_timeout_secs": 300,
               "sender_phone_number": "+13035551234", "template_id": "authentication_template_id", "waba_id": "1234567890"}
}"#;

#[wasm_bindgen_test]
async fn create_profile() {
    let (profile, request) = accepted("prism", |c| c.create_profile(js(r#"{"name":"Test Profile"}"#), None)).await;
    assert_eq!(text(&profile, "record_type").as_deref(), Some("verification_profile"), "data is unwrapped");
    assert_eq!(text(&request, "path").as_deref(), Some("/verify_profiles"));
    let (_, request) = accepted("prism", |c| c.create_profile(js(FULL_PROFILE), None)).await;
    assert_eq!(stringify(&sent_body(&request)), stringify(&js(FULL_PROFILE)), "the body is exactly the input");
    // The seed quickstart's body, extra `messaging_template` included, is accepted as written.
    let seed = r#"{"name":"foobar-en-v1","language":"en-US","webhook_url":"https://example.net/hook_1",
      "webhook_failover_url":"https://backup.example.net/hook_2","call":{"default_verification_timeout_secs":90},
      "sms":{"messaging_template":"My custom template. Your code is: {code}"},
      "whatsapp":{"app_name":"FooBar","default_verification_timeout_secs":60}}"#;
    accepted("prism", |c| c.create_profile(js(seed), None)).await;
}

#[wasm_bindgen_test]
async fn profiles_get_update_delete_list() {
    let (profile, _) = accepted("prism", |c| c.get_profile(ID.into(), None)).await;
    assert!(text(&profile, "id").is_some());
    accepted("prism", |c| c.update_profile(ID.into(), js("{}"), None)).await;
    let full_update = FULL_PROFILE.replace(r#""flashcall": {"app_name": "Example Secure App", "whitelisted_destinations": ["US"], "default_verification_timeout_secs": 300},"#, "");
    let (_, request) = accepted("prism", |c| c.update_profile(ID.into(), js(&full_update), None)).await;
    assert_eq!(text(&request, "method").as_deref(), Some("PATCH"));
    accepted("prism", |c| c.delete_profile(ID.into(), None)).await;
    let (page, _) = accepted("prism", |c| c.list_profiles(None, None)).await;
    assert!(js_sys::Array::is_array(&prop(&page, "data")), "lists keep data and meta");
    assert!(number(&page, "meta.total_pages").is_some());
    let query = r#"{"filter":{"name":"Test"},"page":{"number":2,"size":10}}"#;
    let (_, request) = accepted("prism", |c| c.list_profiles(Some(js(query)), None)).await;
    assert_eq!(
        text(&request, "path").as_deref(),
        Some("/verify_profiles?filter%5Bname%5D=Test&page%5Bnumber%5D=2&page%5Bsize%5D=10")
    );
}

#[wasm_bindgen_test]
async fn templates() {
    let (page, _) = accepted("prism", |c| c.list_templates(None)).await;
    assert!(js_sys::Array::is_array(&prop(&page, "data")));
    let input = r#"{"text":"Your {{app_name}} verification code is: {{code}}."}"#;
    let (template, _) = accepted("prism", |c| c.create_template(js(input), None)).await;
    assert!(text(&template, "text").is_some());
    accepted("prism", |c| c.update_template(ID.into(), js(input), None)).await;
}

#[wasm_bindgen_test]
async fn start_every_verification_type() {
    for kind in ["sms", "call", "flashcall", "whatsapp"] {
        let minimal = format!(r#"{{"type":"{kind}","phone_number":"{PHONE}","verify_profile_id":"{ID}"}}"#);
        let (verification, request) = accepted("prism", |c| c.start_verification(js(&minimal), None)).await;
        assert_eq!(text(&request, "path"), Some(format!("/verifications/{kind}")));
        assert_eq!(text(&verification, "status").as_deref(), Some("pending"));
        let extra = match kind {
            "sms" | "whatsapp" => r#","custom_code":"43612""#,
            "call" => r#","custom_code":"43612","extension":"1www2WABCDw9""#,
            _ => "",
        };
        let full = format!(
            r#"{{"type":"{kind}","phone_number":"{PHONE}","verify_profile_id":"{ID}","timeout_secs":300{extra}}}"#
        );
        let (_, request) = accepted("prism", |c| c.start_verification(js(&full), None)).await;
        assert!(prop(&sent_body(&request), "type").is_undefined(), "type selects the path and is not sent");
    }
    // psd2 against the historic spec that defined it.
    let psd2 = format!(
        r#"{{"type":"psd2","phone_number":"{PHONE}","verify_profile_id":"{ID}","amount":"99.99","currency":"EUR","payee":"Acme Corp Inc. LTD"}}"#
    );
    accepted("prism-psd2", |c| c.start_verification(js(&psd2), None)).await;
    let full = psd2.replace(r#""payee""#, r#""timeout_secs":300,"payee""#);
    accepted("prism-psd2", |c| c.start_verification(js(&full), None)).await;
}

#[wasm_bindgen_test]
async fn verifications_read_and_verify() {
    accepted("prism", |c| c.get_verification(ID.into(), None)).await;
    let (page, request) = accepted("prism", |c| c.list_verifications(PHONE.into(), None)).await;
    assert_eq!(
        text(&request, "path").as_deref(),
        Some("/verifications/by_phone_number/+13035551234"),
        "+ stays literal"
    );
    assert!(js_sys::Array::is_array(&prop(&page, "data")));
    let input = format!(r#"{{"phone_number":"{PHONE}","code":"17686","verify_profile_id":"{ID}"}}"#);
    let (result, request) = accepted("prism", |c| c.verify_code(js(&input), None)).await;
    assert_eq!(text(&result, "response_code").as_deref(), Some("accepted"));
    assert_eq!(text(&request, "path").as_deref(), Some("/verifications/by_phone_number/+13035551234/actions/verify"));
    assert_eq!(stringify(&sent_body(&request)), format!(r#"{{"code":"17686","verify_profile_id":"{ID}"}}"#));
    accepted("prism", |c| c.verify_code_by_id(ID.into(), js(r#"{"code":"17686"}"#), None)).await;
    accepted("prism", |c| c.verify_code_by_id(ID.into(), js(r#"{"status":"accepted"}"#), None)).await;
}

#[wasm_bindgen_test]
async fn verified_numbers() {
    let sms = r#"{"phone_number":"+15551234567","verification_method":"sms"}"#;
    let (created, _) = accepted("prism", |c| c.create_verified_number(js(sms), None)).await;
    assert!(text(&created, "phone_number").is_some(), "the create response is not wrapped in data");
    let call = r#"{"phone_number":"+15551234567","verification_method":"call","extension":"ww243w1"}"#;
    accepted("prism", |c| c.create_verified_number(js(call), None)).await;
    accepted("prism", |c| c.list_verified_numbers(None, None)).await;
    accepted("prism", |c| c.list_verified_numbers(Some(js(r#"{"page":{"number":1,"size":25}}"#)), None)).await;
    accepted("prism", |c| c.get_verified_number("+15551234567".into(), None)).await;
    accepted("prism", |c| c.delete_verified_number("+15551234567".into(), None)).await;
    let code = r#"{"verification_code":"123456"}"#;
    accepted("prism", |c| c.submit_verified_number_code("+15551234567".into(), js(code), None)).await;
}

#[wasm_bindgen_test]
async fn iterators_walk_pages_against_prism_without_looping() {
    // Prism answers every page with the same example meta (page 2 of 3): the iterator must still stop.
    let run = Run::new();
    let client = run.client("prism", "");
    let iterator = client.iterate_profiles(None, None);
    let next: js_sys::Function = js_sys::Reflect::get(&iterator, &"next".into()).unwrap().into();
    let mut items = 0;
    loop {
        let step = resolves(next.call0(&iterator).unwrap().into()).await;
        if prop(&step, "done").as_bool() == Some(true) {
            break;
        }
        items += 1;
        assert!(items < 100, "the iterator does not stop");
    }
    let pages: Vec<String> = run.log().await.iter().filter_map(|r| text(r, "path")).collect();
    assert_eq!(pages, ["/verify_profiles", "/verify_profiles?page%5Bnumber%5D=3"]);
    assert!(run.log().await.iter().all(|r| prop(r, "violations").is_null()));
    let numbers = run.client("prism", "").iterate_verified_numbers(None, None);
    let step = resolves(
        js_sys::Reflect::get(&numbers, &"next".into())
            .unwrap()
            .unchecked_into::<js_sys::Function>()
            .call0(&numbers)
            .unwrap()
            .into(),
    )
    .await;
    assert_eq!(prop(&step, "done").as_bool(), Some(false));
}

/// `whitelisted_destinations: ["*"]` is allowed by the docs, and its item pattern in the spec rejects it: the
/// client sends it, and that exact violation is the only one Prism reports.
#[wasm_bindgen_test]
async fn star_destinations_are_sent_and_are_the_one_known_spec_conflict() {
    let run = Run::new();
    let client = run.client("prism", "");
    let error =
        rejects(client.create_profile(js(r#"{"name":"x","sms":{"whitelisted_destinations":["*"]}}"#), None)).await;
    assert_eq!(text(&error, "code").as_deref(), Some("bad_request"), "Prism answers a violation with 400");
    let log = run.log().await;
    assert_eq!(log.len(), 1);
    let violations = js_sys::Array::from(&prop(&log[0], "violations"));
    assert_eq!(violations.length(), 1, "{}", stringify(&violations));
    let only = violations.get(0);
    assert_eq!(stringify(&prop(&only, "location")), r#"["request","body","sms","whitelisted_destinations","0"]"#);
    assert_eq!(text(&only, "code").as_deref(), Some("pattern"));
}

/// Invalid input rejects with `validation_failed` and the field, and nothing reaches the server.
#[wasm_bindgen_test]
async fn invalid_input_is_stopped_before_the_network() {
    let run = Run::new();
    let c = run.client("prism", "");
    let cases: Vec<(Promise, &str)> = vec![
        (c.create_profile(js("{}"), None), "/name"),
        (c.create_profile(js(r#"{"name":"x","sms":{"app_name":"Bad!"}}"#), None), "/sms/app_name"),
        (c.create_profile(UNDEF, None), ""),
        (c.get_profile("not-a-uuid".into(), None), "/verify_profile_id"),
        (c.update_profile(ID.into(), js(r#"{"flashcall":{}}"#), None), "/flashcall"),
        (c.delete_profile(JsValue::from_f64(7.0), None), "/verify_profile_id"),
        (c.list_profiles(Some(js(r#"{"page":{"number":0}}"#)), None), "/page/number"),
        (c.create_template(js(r#"{"text":""}"#), None), "/text"),
        (c.update_template("x".into(), js(r#"{"text":"a"}"#), None), "/template_id"),
        (
            c.start_verification(
                js(&format!(r#"{{"type":"sms","phone_number":"3035551234","verify_profile_id":"{ID}"}}"#)),
                None,
            ),
            "/phone_number",
        ),
        (
            c.start_verification(
                js(&format!(r#"{{"type":"sms","phoneNumber":"{PHONE}","verify_profile_id":"{ID}"}}"#)),
                None,
            ),
            "/phone_number",
        ),
        (
            c.start_verification(
                js(&format!(
                    r#"{{"type":"flashcall","phone_number":"{PHONE}","verify_profile_id":"{ID}","custom_code":"1"}}"#
                )),
                None,
            ),
            "/custom_code",
        ),
        (c.get_verification("x".into(), None), "/verification_id"),
        (c.list_verifications("555".into(), None), "/phone_number"),
        (c.verify_code(js(&format!(r#"{{"phone_number":"{PHONE}","code":"1"}}"#)), None), "/verify_profile_id"),
        (c.verify_code_by_id(ID.into(), js("{}"), None), "/code"),
        (
            c.create_verified_number(js(r#"{"phone_number":"+15551234567","verification_method":"fax"}"#), None),
            "/verification_method",
        ),
        (c.list_verified_numbers(Some(js(r#"{"page":{"size":-1}}"#)), None), "/page/size"),
        (c.get_verified_number(JsValue::NULL, None), "/phone_number"),
        (c.delete_verified_number("+1".into(), None), "/phone_number"),
        (
            c.submit_verified_number_code("+15551234567".into(), js(r#"{"verification_code":12}"#), None),
            "/verification_code",
        ),
        (c.create_profile(js(r#"{"name":"x"}"#), Some(js(r#"{"timeoutMs":-1}"#))), "/timeoutMs"),
    ];
    for (promise, field) in cases {
        let error = rejects(promise).await;
        assert_eq!(text(&error, "code").as_deref(), Some("validation_failed"), "{}", stringify(&error));
        assert_eq!(text(&error, "field").as_deref(), Some(field), "{}", text(&error, "message").unwrap_or_default());
        let first = prop(&error, "errors.0");
        assert_eq!(text(&first, "source.pointer").as_deref(), Some(field));
    }
    assert!(run.log().await.is_empty(), "the server must have seen no request");
}

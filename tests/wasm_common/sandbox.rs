//! The whole flow through `VerifyClient` against the sandbox, for every verification type: over HTTP through
//! the sandbox server (`pkg/sandbox-server.mjs`, each test in its own named sandbox with its own clock), and
//! in-process with `createSandbox()` as the client's `fetch`.

use js_sys::{Function, Reflect};
use telnyx_verify_wasm::VerifyClient;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

pub const SANDBOX: &str = match option_env!("SANDBOX_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8787",
};

/// A named sandbox of the server, private to one test.
struct Remote {
    base: String,
}

impl Remote {
    fn new() -> Remote {
        Remote { base: format!("{SANDBOX}/s/{}", Run::new().id) }
    }
    fn client(&self) -> VerifyClient {
        VerifyClient::new(Some(js(&format!(
            r#"{{"apiKey":"sandbox-key","dangerouslyAllowBrowser":true,"baseUrl":"{}/v2"}}"#,
            self.base
        ))))
        .unwrap()
    }
    async fn outbox(&self, phone: &str) -> Vec<JsValue> {
        let url = format!("{}/_sandbox/outbox?phone_number={}", self.base, phone.replace('+', "%2B"));
        js_sys::Array::from(&fetch_json(&url, "GET").await).iter().collect()
    }
    async fn advance_clock(&self, ms: u64) {
        fetch_json(&format!("{}/_sandbox/clock?advance_ms={ms}", self.base), "POST").await;
    }
}

fn start_input(kind: &str, phone: &str, profile: &str) -> JsValue {
    let psd2 = if kind == "psd2" { r#","amount":"99.99","currency":"EUR","payee":"Acme Corp Inc. LTD""# } else { "" };
    js(&format!(r#"{{"type":"{kind}","phone_number":"{phone}","verify_profile_id":"{profile}"{psd2}}}"#))
}

fn check_input(phone: &str, code: &str, profile: &str) -> JsValue {
    js(&format!(r#"{{"phone_number":"{phone}","code":"{code}","verify_profile_id":"{profile}"}}"#))
}

const PROFILE: &str = r#"{"name":"Sandbox Test","sms":{"app_name":"Acme","code_length":6,"whitelisted_destinations":["US","GB"]},
  "call":{"app_name":"Acme"},"flashcall":{},"whatsapp":{"app_name":"Acme"},"psd2":{}}"#;

#[wasm_bindgen_test]
async fn every_type_over_http_with_a_wrong_and_a_right_code() {
    let remote = Remote::new();
    let client = remote.client();
    let profile = resolves(client.create_profile(js(PROFILE), None)).await;
    let profile_id = text(&profile, "id").unwrap();
    for (i, kind) in ["sms", "call", "flashcall", "whatsapp", "psd2"].iter().enumerate() {
        let phone = format!("+1303555010{i}");
        let verification = resolves(client.start_verification(start_input(kind, &phone, &profile_id), None)).await;
        assert_eq!(text(&verification, "type").as_deref(), Some(*kind));
        assert_eq!(text(&verification, "status").as_deref(), Some("pending"));
        let outbox = remote.outbox(&phone).await;
        assert_eq!(outbox.len(), 1, "{kind}");
        let message = &outbox[0];
        let code = text(message, "code").unwrap();
        assert_eq!(text(message, "channel").as_deref(), Some(*kind));
        match *kind {
            "sms" => assert_eq!(text(message, "text"), Some(format!("Your Acme verification code is: {code}."))),
            "flashcall" => assert!(text(message, "from").unwrap().ends_with(&code)),
            "psd2" => assert!(text(message, "text").unwrap().contains("99.99 EUR to Acme Corp Inc. LTD")),
            "call" => {
                let spoken: Vec<String> = code.chars().map(String::from).collect();
                assert!(text(message, "text").unwrap().contains(&spoken.join(", ")), "the call speaks the digits");
            }
            _ => assert!(text(message, "text").unwrap().contains(&format!("*{code}*")), "WhatsApp bolds the code"),
        }
        let wrong = resolves(client.verify_code(check_input(&phone, "0", &profile_id), None)).await;
        assert_eq!(text(&wrong, "response_code").as_deref(), Some("rejected"), "{kind}");
        let right = resolves(client.verify_code(check_input(&phone, &code, &profile_id), None)).await;
        assert_eq!(text(&right, "response_code").as_deref(), Some("accepted"), "{kind}");
        let id = text(&verification, "id").unwrap();
        let after = resolves(client.get_verification(id.into(), None)).await;
        assert_eq!(text(&after, "status").as_deref(), Some("accepted"));
    }
}

#[wasm_bindgen_test]
async fn an_expired_code_is_rejected_on_the_sandbox_clock() {
    let remote = Remote::new();
    let client = remote.client();
    let profile = resolves(
        client.create_profile(js(r#"{"name":"Expiry","sms":{"default_verification_timeout_secs":120}}"#), None),
    )
    .await;
    let profile_id = text(&profile, "id").unwrap();
    let phone = "+13035550199";
    let verification = resolves(client.start_verification(start_input("sms", phone, &profile_id), None)).await;
    let code = text(&remote.outbox(phone).await[0], "code").unwrap();
    remote.advance_clock(120_000).await;
    let late = resolves(client.verify_code(check_input(phone, &code, &profile_id), None)).await;
    assert_eq!(text(&late, "response_code").as_deref(), Some("rejected"));
    let after = resolves(client.get_verification(text(&verification, "id").unwrap().into(), None)).await;
    assert_eq!(text(&after, "status").as_deref(), Some("expired"));
}

#[wasm_bindgen_test]
async fn errors_come_back_typed_over_http() {
    let remote = Remote::new();
    let client = remote.client();
    let unknown = "12ade33a-21c0-473b-b055-b3c836e1c292";
    let error = rejects(client.start_verification(start_input("sms", "+13035551234", unknown), None)).await;
    assert_eq!((text(&error, "code").as_deref(), number(&error, "status")), (Some("not_found"), Some(404.0)));
    assert_eq!(text(&error, "errors.0.code").as_deref(), Some("10005"));
    assert_eq!(text(&error, "field").as_deref(), Some("/verify_profile_id"));
    // A destination outside the profile's list.
    let profile =
        resolves(client.create_profile(js(r#"{"name":"UK only","sms":{"whitelisted_destinations":["GB"]}}"#), None))
            .await;
    let error =
        rejects(client.start_verification(start_input("sms", "+13035551234", &text(&profile, "id").unwrap()), None))
            .await;
    assert_eq!(
        (text(&error, "code").as_deref(), text(&error, "field").as_deref()),
        (Some("forbidden"), Some("/phone_number"))
    );
    // Without a key the sandbox answers 401 like Telnyx.
    let anonymous = VerifyClient::new(Some(js(&format!(r#"{{"baseUrl":"{}/v2"}}"#, remote.base)))).unwrap();
    let error = rejects(anonymous.list_profiles(None, None)).await;
    assert_eq!(
        (text(&error, "code").as_deref(), text(&error, "errors.0.code").as_deref()),
        (Some("unauthorized"), Some("10009"))
    );
}

#[wasm_bindgen_test]
async fn in_process_sandbox_as_the_clients_fetch() {
    let sandbox = telnyx_verify_wasm::create_sandbox(None).unwrap();
    let options = js(r#"{"apiKey":"sandbox-key","dangerouslyAllowBrowser":true}"#);
    Reflect::set(&options, &"fetch".into(), &Reflect::get(&sandbox, &"fetch".into()).unwrap()).unwrap();
    let client = VerifyClient::new(Some(options)).unwrap();
    let profile = resolves(client.create_profile(js(r#"{"name":"In process"}"#), None)).await;
    let profile_id = text(&profile, "id").unwrap();
    let templates = resolves(client.list_templates(None)).await;
    assert!(js_sys::Array::from(&prop(&templates, "data")).length() >= 1, "a ready template");
    resolves(client.start_verification(start_input("sms", "+447700900123", &profile_id), None)).await;
    let outbox: Function = Reflect::get(&sandbox, &"outbox".into()).unwrap().dyn_into().unwrap();
    let messages = outbox.call1(&JsValue::UNDEFINED, &"+447700900123".into()).unwrap();
    let code = text(&messages, "0.code").unwrap();
    assert_eq!(code.len(), 5, "the default code_length");
    let result = resolves(client.verify_code(check_input("+447700900123", &code, &profile_id), None)).await;
    assert_eq!(text(&result, "response_code").as_deref(), Some("accepted"));
    // Invalid options are typed errors.
    let error = telnyx_verify_wasm::create_sandbox(Some(js(r#"{"limits":{"profiles":0}}"#))).unwrap_err();
    assert_eq!(text(&error, "field").as_deref(), Some("/limits/profiles"));
}

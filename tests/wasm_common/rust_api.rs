//! The Rust API (`telnyx_verify_wasm::Client`), called directly from Rust as a workers-rs Worker or a Leptos
//! app would: typed inputs in, typed models out. Against Prism serving Telnyx's spec (through the recording
//! proxy: every request must pass the spec) and against the sandbox server (a whole flow, a wrong code, expiry).

use telnyx_verify_wasm::{
    CallOptions, ChannelInput, Client, ClientOptions, CreateProfileInput, ErrorCode, ListProfilesQuery, PageQuery,
    ResponseCode, StartCall, StartSms, StartVerification, VerificationStatus, VerificationType, VerifyCodeByIdInput,
    VerifyCodeInput,
};
use wasm_bindgen_test::wasm_bindgen_test;

use super::sandbox::SANDBOX;
use super::support::*;

const ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const PHONE: &str = "+13035551234";

fn client(base_url: String, key: &str) -> Client {
    Client::new(ClientOptions { base_url, ..ClientOptions::with_api_key(key) }).expect("valid options")
}

#[wasm_bindgen_test]
async fn typed_calls_pass_the_spec_and_decode_into_models() {
    let run = Run::new();
    let client = client(run.url("prism"), KEY);
    let profile = client
        .create_profile(&CreateProfileInput {
            name: "Rust".into(),
            sms: Some(ChannelInput { code_length: Some(6), app_name: Some("Rust App".into()), ..Default::default() }),
            ..Default::default()
        })
        .await
        .expect("create_profile");
    assert!(profile.id.is_some());
    let start = StartVerification::Call(StartCall {
        phone_number: PHONE.into(),
        verify_profile_id: ID.into(),
        extension: Some("1ww2".to_owned().into()),
        ..Default::default()
    });
    let verification = client.start_verification(&start).await.expect("start_verification");
    assert!(matches!(verification.kind, Some(VerificationType::Call | VerificationType::Other(_))));
    let page = client
        .list_profiles(&ListProfilesQuery {
            page: Some(PageQuery { number: Some(1), size: Some(5) }),
            ..Default::default()
        })
        .await
        .expect("list_profiles");
    assert!(page.meta.is_some_and(|m| m.total_pages.is_some()));
    let log = run.log().await;
    assert_eq!(log.len(), 3, "three requests");
    for request in &log {
        assert!(prop(request, "violations").is_null(), "Prism: {}", stringify(&prop(request, "violations")));
        assert_eq!(text(request, "headers.authorization"), Some(format!("Bearer {KEY}")));
    }
    assert_eq!(text(&log[1], "path").as_deref(), Some("/verifications/call"));
    assert_eq!(
        text(&log[1], "body").as_deref(),
        Some(&*format!(r#"{{"phone_number":"{PHONE}","verify_profile_id":"{ID}","extension":"1ww2"}}"#))
    );
}

#[wasm_bindgen_test]
async fn invalid_typed_input_fails_before_sending() {
    let run = Run::new();
    let client = client(run.url("prism"), KEY);
    let bad = StartVerification::Sms(StartSms {
        phone_number: "0303".into(),
        verify_profile_id: "nope".into(),
        ..Default::default()
    });
    let error = client.start_verification(&bad).await.expect_err("invalid");
    assert_eq!(error.code, ErrorCode::ValidationFailed);
    let pointers: Vec<_> = error.errors.iter().filter_map(|e| e.pointer.as_deref()).collect();
    assert_eq!(pointers, ["/phone_number", "/verify_profile_id"]);
    assert!(run.log().await.is_empty(), "nothing sent");
    let error = Client::new(ClientOptions::with_api_key("caf\u{e9}")).expect_err("unsendable key");
    assert_eq!(error.field.as_deref(), Some("/apiKey"));
    assert!(!format!("{:?}", ClientOptions::with_api_key(KEY)).contains(KEY), "Debug hides the key");
}

#[wasm_bindgen_test]
async fn per_call_options_apply_to_the_client_they_were_given_to() {
    let run = Run::new();
    let client = client(run.url("prism"), KEY);
    let controller = web_sys::AbortController::new().expect("a controller");
    controller.abort();
    let cancelled = CallOptions { signal: Some(controller.signal()), ..Default::default() };
    let error = client.clone().with_call_options(cancelled).get_profile(ID).await.expect_err("aborted");
    assert!(error.is_aborted() && !error.is_retryable(), "{error}");
    client.get_profile(ID).await.expect("the original client has no signal");
}

#[wasm_bindgen_test]
async fn a_whole_flow_against_the_sandbox_server() {
    let base = format!("{SANDBOX}/s/{}", Run::new().id);
    let client = client(format!("{base}/v2"), "sandbox-key");
    let profile = client
        .create_profile(&CreateProfileInput { name: "Flow".into(), ..Default::default() })
        .await
        .expect("profile");
    let profile_id = profile.id.expect("an id");
    let start = StartVerification::Sms(StartSms {
        phone_number: PHONE.into(),
        verify_profile_id: profile_id.clone(),
        ..Default::default()
    });
    let verification = client.start_verification(&start).await.expect("start");
    assert_eq!(verification.status, Some(VerificationStatus::Pending));
    let outbox = fetch_json(&format!("{base}/_sandbox/outbox?phone_number=%2B13035551234"), "GET").await;
    let code = text(&outbox, "0.code").expect("a message with a code");
    let check = |code: &str| VerifyCodeInput {
        phone_number: PHONE.into(),
        code: code.into(),
        verify_profile_id: profile_id.clone(),
    };
    let wrong = client.verify_code(&check("000000000")).await.expect("a wrong code is an answer");
    assert_eq!(wrong.response_code, ResponseCode::Rejected);
    let right = client.verify_code(&check(&code)).await.expect("right code");
    assert_eq!(right.response_code, ResponseCode::Accepted);
    let again = client
        .verify_code_by_id(verification.id.as_deref().unwrap(), &VerifyCodeByIdInput::Code { code })
        .await
        .expect("by id");
    assert_eq!(again.response_code, ResponseCode::Rejected, "a code is accepted once");
    let missing = client.get_profile(ID).await.expect_err("unknown profile");
    assert_eq!((missing.code, missing.status), (ErrorCode::NotFound, Some(404)));
    let mut pages = client.iterate_profiles(&ListProfilesQuery::default());
    let first = pages.next().await.expect("one profile").expect("decoded");
    assert_eq!(first.name.as_deref(), Some("Flow"));
    assert!(pages.next().await.is_none());
}

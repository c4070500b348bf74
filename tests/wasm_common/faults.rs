//! Error paths against the test server's fault routes: each status maps to its stable code with Telnyx's error
//! list, a wrong code is a normal result, timeouts cover headers and body, and no error carries the key.

use js_sys::{Date, Promise};
use telnyx_verify_wasm::VerifyClient;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

use super::support::*;

const ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";

fn get(client: &VerifyClient) -> Promise {
    client.get_profile(ID.into(), None)
}

async fn fault(scenario: &str, extra: &str) -> (JsValue, Run) {
    let run = Run::new();
    let extra = if extra.is_empty() { r#""maxRetries":0"#.to_owned() } else { [extra, r#","maxRetries":0"#].concat() };
    let error = rejects(get(&run.client(&format!("fault/{scenario}"), &extra))).await;
    (error, run)
}

#[wasm_bindgen_test]
async fn a_key_the_server_echoes_is_redacted_from_the_error() {
    // `rejects` fails the test if the key appears anywhere in the error.
    let (error, _run) = fault("echo-key", "").await;
    assert_eq!(text(&error, "code").as_deref(), Some("unauthorized"));
    assert_eq!(text(&error, "errors.0.detail").as_deref(), Some("The API key *** is not valid."));
}

#[wasm_bindgen_test]
async fn statuses_map_to_stable_codes_with_telnyx_errors() {
    let table = [
        ("401", 401.0, "unauthorized", "10009"),
        ("404", 404.0, "not_found", "10005"),
        ("422", 422.0, "unprocessable", "10016"),
        ("429", 429.0, "rate_limited", "10011"),
        ("500", 500.0, "server_error", "10007"),
        ("int-codes", 400.0, "bad_request", "10015"),
    ];
    for (scenario, status, code, telnyx_code) in table {
        let (error, run) = fault(scenario, "").await;
        assert_eq!(number(&error, "status"), Some(status), "{scenario}");
        assert_eq!(text(&error, "code").as_deref(), Some(code), "{scenario}");
        assert_eq!(text(&error, "errors.0.code").as_deref(), Some(telnyx_code), "{scenario}: codes are strings");
        assert!(text(&error, "errors.0.title").is_some());
        assert_eq!(run.log().await.len(), 1, "{scenario}: sent once (no retries in this issue)");
    }
    let (not_found, _) = fault("404", "").await;
    assert_eq!(text(&not_found, "field").as_deref(), Some("/verify_profile_id"), "source.pointer becomes field");
    assert_eq!(
        text(&not_found, "errors.0.meta.url").as_deref(),
        Some("https://developers.telnyx.com/docs/overview/errors/10005")
    );
    let (limited, _) = fault("429", "").await;
    assert_eq!(number(&limited, "retryAfter"), Some(7.0));
    let (unprocessable, _) = fault("422", "").await;
    assert_eq!(text(&unprocessable, "errors.0.source.pointer").as_deref(), Some("/phone_number"));
}

#[wasm_bindgen_test]
async fn bodies_that_are_not_the_documented_json() {
    let (error, _) = fault("not-json", "").await;
    assert_eq!((text(&error, "code").as_deref(), number(&error, "status")), (Some("decode_error"), Some(200.0)));
    assert!(!text(&error, "message").unwrap().contains("maintenance"), "no body in messages");
    let (error, _) = fault("not-json-502", "").await;
    assert_eq!(text(&error, "code").as_deref(), Some("server_error"));
    assert_eq!(js_sys::Array::from(&prop(&error, "errors")).length(), 0);
    let run = Run::new();
    let client = run.client("fault/wrong-shape", "");
    let input = js(&format!(r#"{{"phone_number":"+13035551234","code":"1","verify_profile_id":"{ID}"}}"#));
    let error = rejects(client.verify_code(input, None)).await;
    assert_eq!(text(&error, "code").as_deref(), Some("decode_error"));
    assert!(text(&error, "message").unwrap().contains("/data/response_code"));
}

#[wasm_bindgen_test]
async fn members_no_model_names_reach_js_callers_as_sent() {
    let run = Run::new();
    let input = js(&format!(r#"{{"phone_number":"+13035551234","code":"1","verify_profile_id":"{ID}"}}"#));
    let result = resolves(run.client("fault/added-later", "").verify_code(input.clone(), None)).await;
    assert_eq!(text(&result, "response_code").as_deref(), Some("accepted"));
    assert_eq!(text(&result, "added_later.list.0").as_deref(), Some("x"));
    assert!(prop(&prop(&result, "added_later.list"), "1").is_null());
    assert_eq!(number(&result, "added_later.list.2"), Some(1.5));
    assert_eq!(number(&result, "added_later.big"), Some(12345678901234567890.0), "as JSON.parse reads it");
    // `__proto__` stays a plain member, as JSON.parse makes it; nothing reaches Object.prototype.
    let own = js_sys::Object::get_own_property_descriptor(&prop(&result, "added_later").into(), &"__proto__".into());
    assert!(!own.is_undefined(), "__proto__ is an own member");
    assert!(prop(&js_sys::Object::new().into(), "polluted").is_undefined());

    let error = rejects(run.client("fault/beyond-f64", r#""maxRetries":0"#).verify_code(input, None)).await;
    assert_eq!((text(&error, "code").as_deref(), number(&error, "status")), (Some("decode_error"), Some(200.0)));
}

#[wasm_bindgen_test]
async fn a_wrong_code_is_a_result_not_an_error() {
    let run = Run::new();
    let input = js(&format!(r#"{{"phone_number":"+13035551234","code":"00000","verify_profile_id":"{ID}"}}"#));
    let result = resolves(run.client("fault/rejected", "").verify_code(input, None)).await;
    assert_eq!(text(&result, "response_code").as_deref(), Some("rejected"));
}

#[wasm_bindgen_test]
async fn timeouts_cover_headers_and_body() {
    for scenario in ["slow", "slow-body"] {
        let started = Date::now();
        let (error, _) = fault(scenario, r#""timeoutMs":300"#).await;
        let elapsed = Date::now() - started;
        assert_eq!(text(&error, "code").as_deref(), Some("timeout"), "{scenario}");
        assert!((250.0..2500.0).contains(&elapsed), "{scenario}: {elapsed} ms");
    }
    // A per-call timeout overrides the client's.
    let run = Run::new();
    let client = run.client("fault/slow", r#""timeoutMs":60000,"maxRetries":0"#);
    let started = Date::now();
    let error = rejects(client.get_profile(ID.into(), Some(js(r#"{"timeoutMs":200}"#)))).await;
    assert_eq!(text(&error, "code").as_deref(), Some("timeout"));
    assert!(Date::now() - started < 2500.0);
}

#[wasm_bindgen_test]
async fn connection_failures_are_network_errors() {
    let (error, run) = fault("close", "").await;
    assert_eq!(text(&error, "code").as_deref(), Some("network_error"), "{}", stringify(&error));
    // The client sends once; Chromium's network stack itself resends an idempotent GET once when the
    // connection drops before any response, so a browser run may show two.
    let seen = run.log().await.len();
    assert!((1..=2).contains(&seen), "{seen} requests");
    // Nothing listens on port 9 of loopback.
    let options =
        js(&format!(r#"{{"apiKey":"{KEY}","dangerouslyAllowBrowser":true,"baseUrl":"http://127.0.0.1:9/v2"}}"#));
    let client = VerifyClient::new(Some(options)).unwrap();
    let error = rejects(get(&client)).await;
    assert_eq!(text(&error, "code").as_deref(), Some("network_error"));
}

#[wasm_bindgen_test]
async fn an_abort_signal_cancels_the_call() {
    let run = Run::new();
    let client = run.client("fault/slow", "");
    let controller = web_abort_controller();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"signal".into(), &js_sys::Reflect::get(&controller, &"signal".into()).unwrap())
        .unwrap();
    let promise = client.get_profile(ID.into(), Some(options.clone().into()));
    let abort: js_sys::Function = js_sys::Reflect::get(&controller, &"abort".into()).unwrap().into();
    let started = Date::now();
    abort.call0(&controller).unwrap();
    let error = rejects(promise).await;
    assert_eq!(text(&error, "code").as_deref(), Some("aborted"));
    assert!(Date::now() - started < 1500.0);
    // An already aborted signal rejects before anything is sent.
    let before = run.log().await.len();
    let error = rejects(client.get_profile(ID.into(), Some(options.into()))).await;
    assert_eq!(text(&error, "code").as_deref(), Some("aborted"));
    assert_eq!(run.log().await.len(), before);
}

fn web_abort_controller() -> JsValue {
    let class: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"AbortController".into()).unwrap().into();
    js_sys::Reflect::construct(&class, &js_sys::Array::new()).unwrap()
}

#[wasm_bindgen_test]
async fn without_a_key_no_authorization_is_sent() {
    // The backend mode: baseUrl is the caller's own server, which holds the key.
    let run = Run::new();
    let client = VerifyClient::new(Some(js(&format!(r#"{{"baseUrl":"{}"}}"#, run.url("fault/rejected"))))).unwrap();
    let input = js(&format!(r#"{{"phone_number":"+13035551234","code":"1","verify_profile_id":"{ID}"}}"#));
    resolves(client.verify_code(input, None)).await;
    let log = run.log().await;
    assert!(prop(&log[0], "headers.authorization").is_null());
    assert_eq!(text(&log[0], "headers.content-type").as_deref(), Some("application/json"));
}

#[wasm_bindgen_test]
fn bad_options_throw_typed_errors_without_the_key() {
    let cases = [
        (r#"{"apikey":"KEY_9f3c_TEST_SECRET_VALUE"}"#, "/apikey"),
        (r#"{"apiKey":"KEY_9f3c_TEST_SECRET_VALUE with space"}"#, "/apiKey"),
        (r#"{"apiKey":""}"#, "/apiKey"),
        (r#"{"baseUrl":"api.telnyx.com"}"#, "/baseUrl"),
        (r#"{"timeoutMs":0}"#, "/timeoutMs"),
        (r#"{"fetch":"fetch"}"#, "/fetch"),
        (r#"{"headers":{"Bad Name":"x"}}"#, "/headers/Bad Name"),
        (r#"{"headers":{"X-A":1}}"#, "/headers/X-A"),
        ("[]", ""),
    ];
    for (options, field) in cases {
        let error = VerifyClient::new(Some(js(options))).err().unwrap_or_else(|| panic!("{options} should throw"));
        assert_verify_error(&error);
        assert_eq!(text(&error, "code").as_deref(), Some("validation_failed"));
        assert_eq!(text(&error, "field").as_deref(), Some(field), "{options}");
    }
    assert!(VerifyClient::new(None).is_ok(), "all defaults");
}

#[wasm_bindgen_test]
async fn iterate_profiles_walks_every_page_and_can_stop_early() {
    let run = Run::new();
    let client = run.client("fault/pages", "");
    let iterator = client.iterate_profiles(Some(js(r#"{"page":{"size":2}}"#)), None);
    let next: js_sys::Function = js_sys::Reflect::get(&iterator, &"next".into()).unwrap().into();
    let mut names = Vec::new();
    loop {
        let step = resolves(next.call0(&iterator).unwrap().into()).await;
        if prop(&step, "done").as_bool() == Some(true) {
            break;
        }
        names.push(text(&step, "value.name").unwrap());
    }
    assert_eq!(names, ["p1", "p2", "p3", "p4", "p5"]);
    let paths: Vec<String> = run.log().await.iter().filter_map(|r| text(r, "path")).collect();
    assert_eq!(
        paths,
        [
            "/verify_profiles?page%5Bsize%5D=2",
            "/verify_profiles?page%5Bnumber%5D=2&page%5Bsize%5D=2",
            "/verify_profiles?page%5Bnumber%5D=3&page%5Bsize%5D=2"
        ]
    );
    // It is an async iterable: Symbol.asyncIterator returns the iterator itself.
    let symbol = js_sys::Reflect::get(
        &js_sys::Reflect::get(&js_sys::global(), &"Symbol".into()).unwrap(),
        &"asyncIterator".into(),
    )
    .unwrap();
    let method: js_sys::Function = js_sys::Reflect::get(&iterator, &symbol).unwrap().into();
    assert_eq!(method.call0(&iterator).unwrap(), iterator);

    // `return()` (what `break` calls) stops it without fetching more.
    let run = Run::new();
    let iterator = run.client("fault/pages", "").iterate_profiles(None, None);
    let next: js_sys::Function = js_sys::Reflect::get(&iterator, &"next".into()).unwrap().into();
    resolves(next.call0(&iterator).unwrap().into()).await;
    let stop: js_sys::Function = js_sys::Reflect::get(&iterator, &"return".into()).unwrap().into();
    let step = resolves(stop.call0(&iterator).unwrap().into()).await;
    assert_eq!(prop(&step, "done").as_bool(), Some(true));
    let step = resolves(next.call0(&iterator).unwrap().into()).await;
    assert_eq!(prop(&step, "done").as_bool(), Some(true));
    assert_eq!(run.log().await.len(), 1);
}

#[wasm_bindgen_test]
fn an_api_key_is_refused_in_a_browser_page_unless_allowed() {
    let in_page = js_sys::Reflect::get(&js_sys::global(), &"document".into()).is_ok_and(|d| d.is_object());
    let with_key = VerifyClient::new(Some(js(&format!(r#"{{"apiKey":"{KEY}"}}"#))));
    if in_page {
        let error = with_key.err().expect("refused in a page");
        assert_verify_error(&error);
        assert_eq!(text(&error, "field").as_deref(), Some("/apiKey"));
        assert!(
            text(&error, "message").unwrap().contains("edge function")
                && text(&error, "message").unwrap().contains("browser page")
        );
    } else {
        assert!(with_key.is_ok(), "Node, Deno, Bun and Workers are not browser pages");
    }
    let allowed = js(&format!(r#"{{"apiKey":"{KEY}","dangerouslyAllowBrowser":true}}"#));
    assert!(VerifyClient::new(Some(allowed)).is_ok());
    assert!(
        VerifyClient::new(Some(js(r#"{"baseUrl":"https://backend.example/api"}"#))).is_ok(),
        "no key: fine everywhere"
    );
}

/// Runs `call` on a fresh run of `scenario` with `extra` client options; returns the outcome, the requests the
/// server saw and the elapsed milliseconds.
async fn attempts(
    scenario: &str,
    extra: &str,
    call: impl FnOnce(&VerifyClient) -> Promise,
) -> (Result<JsValue, JsValue>, usize, f64) {
    let run = Run::new();
    let client = run.client(&format!("fault/{scenario}"), extra);
    let started = Date::now();
    let outcome = wasm_bindgen_futures::JsFuture::from(call(&client)).await;
    let elapsed = Date::now() - started;
    (outcome, run.log().await.len(), elapsed)
}

fn start_sms(client: &VerifyClient) -> Promise {
    let input = js(&format!(r#"{{"type":"sms","phone_number":"+13035551234","verify_profile_id":"{ID}"}}"#));
    client.start_verification(input, None)
}

#[wasm_bindgen_test]
async fn reads_are_retried_with_backoff_creates_are_not() {
    let (outcome, seen, elapsed) = attempts("500", "", get).await;
    assert_eq!(text(&outcome.unwrap_err(), "code").as_deref(), Some("server_error"));
    assert_eq!(seen, 3, "a read: 1 attempt + 2 retries");
    assert!(elapsed >= 1100.0, "backoff 0.375–0.5 s then 0.75–1 s: {elapsed} ms");
    let (outcome, seen, _) = attempts("500", "", start_sms).await;
    assert_eq!(text(&outcome.unwrap_err(), "code").as_deref(), Some("server_error"));
    assert_eq!(seen, 1, "starting a verification is never repeated after a 5xx (it may have sent an SMS)");
    let (outcome, seen, _) = attempts("flaky", "", get).await;
    assert!(outcome.is_ok(), "recovers after two 503s");
    assert_eq!(seen, 3);
    // retry: "unsafe" widens it for one call.
    let (_, seen, _) = attempts("500", "", |c| {
        let input = js(&format!(r#"{{"type":"sms","phone_number":"+13035551234","verify_profile_id":"{ID}"}}"#));
        c.start_verification(input, Some(js(r#"{"retry":"unsafe","maxRetries":1}"#)))
    })
    .await;
    assert_eq!(seen, 2);
}

#[wasm_bindgen_test]
async fn rate_limits_are_waited_for_up_to_the_cap() {
    for scenario in ["429-1s", "429-date"] {
        let (outcome, seen, elapsed) = attempts(scenario, r#""maxRetries":1"#, start_sms).await;
        assert_eq!(text(&outcome.unwrap_err(), "code").as_deref(), Some("rate_limited"), "{scenario}");
        assert_eq!(seen, 2, "{scenario}: a 429 is retried, even for a create");
        assert!((900.0..3500.0).contains(&elapsed), "{scenario}: waited the requested 1–2 s: {elapsed} ms");
    }
    let (_, seen, elapsed) = attempts("429-ms", r#""maxRetries":1"#, get).await;
    assert_eq!(seen, 2);
    assert!((250.0..3000.0).contains(&elapsed), "retry-after-ms wins over Retry-After: {elapsed} ms");
    let (outcome, seen, elapsed) = attempts("429-long", r#""maxRetryDelayMs":5000"#, get).await;
    let error = outcome.unwrap_err();
    assert_eq!((text(&error, "code").as_deref(), number(&error, "retryAfter")), (Some("rate_limited"), Some(120.0)));
    assert_eq!(seen, 1, "a delay above maxRetryDelayMs: give up at once");
    assert!(elapsed < 1000.0);
}

#[wasm_bindgen_test]
async fn the_server_header_and_the_hook() {
    let (_, seen, _) = attempts("no-retry-500", "", get).await;
    assert_eq!(seen, 1, "x-should-retry: false");
    let (_, seen, _) = attempts("retry-400", r#""maxRetries":1"#, start_sms).await;
    assert_eq!(seen, 2, "x-should-retry: true");
    // onRetry sees each retry, with its delay and the error.
    let run = Run::new();
    let calls = js_sys::Array::new();
    let recorded = calls.clone();
    let hook = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(move |info: JsValue| {
        recorded.push(&info);
    });
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"onRetry".into(), hook.as_ref()).unwrap();
    let error = rejects(run.client("fault/500", "").get_profile(ID.into(), Some(options.into()))).await;
    assert_eq!(text(&error, "code").as_deref(), Some("server_error"));
    assert_eq!(calls.length(), 2);
    assert_eq!(number(&calls.get(0), "attempt"), Some(1.0));
    assert!(number(&calls.get(1), "delayMs").unwrap() >= 750.0);
    assert_eq!(text(&calls.get(0), "error.code").as_deref(), Some("server_error"));
    drop(hook);
}

#[wasm_bindgen_test]
async fn a_deadline_bounds_the_whole_call() {
    let (outcome, seen, elapsed) = attempts("slow", r#""timeoutMs":400,"deadlineMs":700"#, get).await;
    assert_eq!(text(&outcome.unwrap_err(), "code").as_deref(), Some("timeout"));
    assert!(elapsed < 1500.0, "{elapsed} ms");
    assert!(seen <= 2, "{seen}");
}

//! Helpers: JS values from JSON text, property access by path, awaiting the client's promises, and the test
//! server's per-run request log.

use js_sys::{Function, Promise, Reflect, JSON};
use telnyx_verify_wasm::VerifyClient;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub const SERVER: &str = match option_env!("TEST_SERVER_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:4011",
};
/// A recognisable key: tests assert it never shows up in an error.
pub const KEY: &str = "KEY_9f3c_TEST_SECRET_VALUE";
pub const UNDEF: JsValue = JsValue::UNDEFINED;

pub fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or_else(|_| panic!("bad JSON in test: {json}"))
}

pub fn stringify(value: &JsValue) -> String {
    JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_else(|| format!("{value:?}"))
}

/// `value.a.b.0.c`.
pub fn prop(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        if v.is_undefined() || v.is_null() {
            v
        } else {
            Reflect::get(&v, &key.into()).unwrap_or(JsValue::UNDEFINED)
        }
    })
}

pub fn text(value: &JsValue, path: &str) -> Option<String> {
    prop(value, path).as_string()
}

pub fn number(value: &JsValue, path: &str) -> Option<f64> {
    prop(value, path).as_f64()
}

pub async fn resolves(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(v) => v,
        Err(e) => panic!(
            "expected success, got {}: {}",
            text(&e, "code").unwrap_or_default(),
            text(&e, "message").unwrap_or_default()
        ),
    }
}

/// Awaits a rejection and checks it is a `TelnyxVerifyError` that does not contain the key.
pub async fn rejects(promise: Promise) -> JsValue {
    match JsFuture::from(promise).await {
        Ok(v) => panic!("expected an error, got {}", stringify(&v)),
        Err(e) => {
            assert_verify_error(&e);
            e
        }
    }
}

pub fn assert_verify_error(e: &JsValue) {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    assert!(telnyx_verify_wasm::is_verify_error(e), "not a TelnyxVerifyError");
    assert_eq!(text(e, "name").as_deref(), Some("TelnyxVerifyError"));
    let everything =
        [text(e, "message").unwrap_or_default(), stringify(e), text(e, "stack").unwrap_or_default()].concat();
    assert!(!everything.contains(KEY), "the API key leaked into an error: {everything}");
}

/// One test's view of the test server: its own run id, routes and request log.
pub struct Run {
    pub id: String,
}

impl Run {
    pub fn new() -> Run {
        let id = format!("r{}x{}", js_sys::Date::now() as u64, (js_sys::Math::random() * 1e12) as u64);
        Run { id }
    }

    /// Base URL of a route: `prism`, `prism-psd2`, or `fault/<scenario>`.
    pub fn url(&self, route: &str) -> String {
        match route.strip_prefix("fault/") {
            Some(scenario) => format!("{SERVER}/fault/{}/{scenario}", self.id),
            None => format!("{SERVER}/{route}/{}", self.id),
        }
    }

    /// A client with the test key on `route`; `extra` adds options (JSON members without braces).
    pub fn client(&self, route: &str, extra: &str) -> VerifyClient {
        let sep = if extra.is_empty() { "" } else { "," };
        let options = js(&format!(
            r#"{{"apiKey":"{KEY}","dangerouslyAllowBrowser":true,"baseUrl":"{}"{sep}{extra}}}"#,
            self.url(route)
        ));
        VerifyClient::new(Some(options)).unwrap_or_else(|e| panic!("client: {}", stringify(&e)))
    }

    /// Every request the server received for this run.
    pub async fn log(&self) -> Vec<JsValue> {
        let list = fetch_json(&format!("{SERVER}/log/{}", self.id), "GET").await;
        js_sys::Array::from(&list).iter().collect()
    }
}

/// `method` on `url` with the runtime's global `fetch` (not the client's), and the JSON of the answer.
pub async fn fetch_json(url: &str, method: &str) -> JsValue {
    let fetch: Function = Reflect::get(&js_sys::global(), &"fetch".into()).unwrap().dyn_into().unwrap();
    let init = js(&format!(r#"{{"method":"{method}"}}"#));
    let response =
        JsFuture::from(fetch.call2(&JsValue::UNDEFINED, &url.into(), &init).unwrap().dyn_into::<Promise>().unwrap())
            .await
            .unwrap();
    let json: Function = Reflect::get(&response, &"json".into()).unwrap().dyn_into().unwrap();
    JsFuture::from(json.call0(&response).unwrap().dyn_into::<Promise>().unwrap()).await.unwrap()
}

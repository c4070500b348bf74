//! Caller values into the core's terms: `snapshot.js` copies a JS value into plain JSON data (never throwing,
//! bounded in size), then serde-wasm-bindgen decodes it into a `serde_json::Value` for validation.

use js_sys::{Array, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/src/wasm/snapshot.js")]
extern "C" {
    fn snapshot(value: &JsValue, pointer: &str, special: &Array) -> JsValue;
    #[cfg(feature = "js")]
    #[wasm_bindgen(js_name = makeAsyncIterable)]
    pub fn make_async_iterable(iterator: JsValue) -> JsValue;
}

/// A caller's value as JSON (`Value::Null` for `undefined`); `pointer` names the argument in errors.
#[cfg(feature = "js")]
pub fn to_value(value: &JsValue, pointer: &str) -> Result<Value, Error> {
    to_value_with(value, pointer, []).map(|(value, _)| value)
}

/// Like [`to_value`], setting aside the top-level members named in `special` (functions and signals), which
/// come back as they are, in that order (`None` when absent).
pub fn to_value_with<const N: usize>(
    value: &JsValue,
    pointer: &str,
    special: [&str; N],
) -> Result<(Value, [Option<JsValue>; N]), Error> {
    let names: Array = special.iter().map(|name| JsValue::from_str(name)).collect();
    let copied = snapshot(value, pointer, &names);
    let get = |target: &JsValue, key: &str| Reflect::get(target, &key.into()).unwrap_or_default();
    if let Some(message) = get(&copied, "message").as_string() {
        let at = get(&copied, "pointer").as_string().unwrap_or_default();
        return Err(Error::invalid_field(&at, &message));
    }
    let plain = get(&copied, "value");
    let json = if plain.is_undefined() {
        Value::Null
    } else {
        serde_wasm_bindgen::from_value(plain).map_err(|_| Error::invalid_field(pointer, "must be JSON data"))?
    };
    let picked = get(&copied, "special");
    let extras = special.map(|name| Some(get(&picked, name)).filter(|v| !v.is_undefined()));
    Ok((json, extras))
}

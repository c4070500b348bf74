//! Caller values into the core's terms: `snapshot.js` copies a JS value into JSON text (never throwing,
//! bounded in size), and serde_json parses it into the `Value` that validation reads.

use js_sys::{Array, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/src/wasm/snapshot.js")]
extern "C" {
    fn snapshot(value: &JsValue, pointer: &str, special: &str, picked: &JsValue) -> JsValue;
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
    let picked = if N == 0 { JsValue::UNDEFINED } else { Array::new().into() };
    let copied = snapshot(value, pointer, &special.join(","), &picked);
    let json = match copied.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|_| Error::invalid_field(pointer, "must be JSON data"))?,
        None if copied.is_undefined() => Value::Null,
        None => {
            let get = |key: &str| Reflect::get(&copied, &key.into()).ok().and_then(|v| v.as_string());
            let message = get("message").unwrap_or_else(|| "could not be read".to_owned());
            return Err(Error::invalid_field(&get("pointer").unwrap_or_default(), &message));
        }
    };
    let extras = std::array::from_fn(|index| {
        Reflect::get_u32(&picked, index as u32).ok().filter(|member| !member.is_undefined())
    });
    Ok((json, extras))
}

//! JS values → [`Json`], with the checks `JSON.stringify` would skip: a value that cannot be JSON (a function,
//! a symbol, a BigInt, a non-finite number, a cycle or absurd nesting) is a validation error naming where
//! it was found, never a panic or a silent `null`.

use crate::prelude::*;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::Error;
use crate::json::{pointer_push, Json};

/// Deeper inputs are refused: no Verify input nests more than three levels, and recursion must stay bounded.
const MAX_DEPTH: usize = 32;

/// Converts a JS argument. `undefined` becomes `Null` ("not given"); `pointer` names the argument in errors.
pub fn to_json(value: &JsValue, pointer: &str) -> Result<Json, Error> {
    to_json_without(value, pointer, &[])
}

/// Like [`to_json`], leaving out the top-level members named in `skip` (options that are functions or signals).
pub fn to_json_without(value: &JsValue, pointer: &str, skip: &[&str]) -> Result<Json, Error> {
    convert(value, pointer, 0, skip).map(|v| v.unwrap_or(Json::Null))
}

/// `Ok(None)` for `undefined`, which objects omit (as `JSON.stringify` does).
fn convert(value: &JsValue, pointer: &str, depth: usize, skip: &[&str]) -> Result<Option<Json>, Error> {
    if value.is_undefined() {
        return Ok(None);
    }
    if value.is_null() {
        return Ok(Some(Json::Null));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Some(Json::Bool(b)));
    }
    if let Some(n) = value.as_f64() {
        if !n.is_finite() {
            return Err(Error::invalid_field(pointer, "must be a finite number"));
        }
        return Ok(Some(Json::Number(n)));
    }
    if let Some(s) = value.as_string() {
        return Ok(Some(Json::String(s)));
    }
    if !value.is_object() || value.is_function() {
        return Err(Error::invalid_field(pointer, "must be JSON data (not a function, symbol or bigint)"));
    }
    if depth >= MAX_DEPTH {
        return Err(Error::invalid_field(pointer, "is nested too deeply"));
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let mut items = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            let item_pointer = pointer_push(pointer, &crate::text::uint(i as u64));
            items.push(convert(&item, &item_pointer, depth + 1, &[])?.unwrap_or(Json::Null));
        }
        return Ok(Some(Json::Array(items)));
    }
    let object: &Object = value.unchecked_ref();
    let mut members = Vec::new();
    for key in Object::keys(object).iter() {
        let Some(name) = key.as_string().filter(|name| !skip.contains(&name.as_str())) else {
            continue;
        };
        let member_pointer = pointer_push(pointer, &name);
        // A getter may throw: that is bad input, not a crash.
        let member = Reflect::get(object, &key)
            .map_err(|_| Error::invalid_field(&member_pointer, "could not be read (its getter threw)"))?;
        if let Some(json) = convert(&member, &member_pointer, depth + 1, &[])? {
            members.push((name, json));
        }
    }
    Ok(Some(Json::Object(members)))
}

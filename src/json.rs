//! A small owned JSON value: what JS inputs are converted to, what validation walks, and what request
//! bodies are written from.
//!
//! Why not `serde_json`: it would add about 12 KB gzip to the `.wasm`, and the runtime already has
//! `JSON.parse`. Objects keep their insertion order so request bodies come out in the caller's order.

use crate::prelude::*;

/// A JSON value. Numbers are `f64`, as in JavaScript.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Members in insertion order. Keys are unique (the converters keep the last value of a duplicate).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object, or `None` for other values and absent keys.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets the member `key` of an object (replacing it, or appending it); other values are left alone.
    pub fn set(&mut self, key: &str, value: Json) {
        if let Json::Object(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some((_, existing)) => *existing = value,
                None => members.push((key.to_owned(), value)),
            }
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A short name of the value's type, for error messages (never the value itself: it may be a secret).
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// An object built from `(key, value)` pairs; a convenience for building bodies and tests.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// This value without the listed top-level members (used to move fields from the body to the path).
    pub fn without(&self, keys: &[&str]) -> Json {
        match self {
            Json::Object(members) => {
                Json::Object(members.iter().filter(|(k, _)| !keys.contains(&k.as_str())).cloned().collect())
            }
            other => other.clone(),
        }
    }

    /// Compact JSON text, as `JSON.stringify` writes it.
    pub fn to_json_string(&self) -> String {
        let mut out = String::new();
        write_value(&mut out, self);
        out
    }
}

fn write_value(out: &mut String, value: &Json) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => write_number(out, *n),
        Json::String(s) => write_string(out, s),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

/// Integers print without a fraction (`300`, not `300.0`); non-finite numbers print as `null`, as in JS.
fn write_number(out: &mut String, n: f64) {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    if !n.is_finite() {
        out.push_str("null");
    } else if is_whole(n) && n.abs() <= MAX_SAFE_INTEGER {
        // Exact: the value is an integer within i64's range.
        if n < 0.0 {
            out.push('-');
        }
        out.push_str(&crate::text::uint(n.abs() as u64));
    } else {
        out.push_str(&fraction_text(n));
    }
}

/// A non-integer number as JSON text. In wasm, JS's own `Number#toString` (exactly what `JSON.stringify`
/// writes), so Rust's float formatting (about 17 KB of `.wasm`) is not linked in.
#[cfg(not(target_arch = "wasm32"))]
fn fraction_text(n: f64) -> String {
    alloc::format!("{n}")
}

#[cfg(target_arch = "wasm32")]
fn fraction_text(n: f64) -> String {
    crate::wasm::number_text(n)
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.extend(crate::text::hex2(c as u8));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Whether `n` is a whole number (`f64::fract` is not in `core`). Values beyond ±2⁶³ are not.
pub fn is_whole(n: f64) -> bool {
    n.is_finite() && n == (n as i64) as f64
}

/// Appends one reference token to a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn pointer_push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_compact_json_like_json_stringify() {
        let v = Json::object([
            ("a", Json::Number(300.0)),
            ("b", Json::Number(0.5)),
            ("c", Json::String("q\"\\\n\u{1}é+".into())),
            ("d", Json::Array(vec![Json::Null, Json::Bool(true)])),
            ("e", Json::Number(f64::NAN)),
            ("f", Json::Number(-12.0)),
        ]);
        assert_eq!(v.to_json_string(), r#"{"a":300,"b":0.5,"c":"q\"\\\n\u0001é+","d":[null,true],"e":null,"f":-12}"#);
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(pointer_push("/sms", "app_name"), "/sms/app_name");
        assert_eq!(pointer_push("", "a/b~c"), "/a~1b~0c");
    }

    #[test]
    fn without_drops_only_named_members() {
        let v = Json::object([("type", Json::Null), ("x", Json::Bool(false))]);
        assert_eq!(v.without(&["type"]), Json::object([("x", Json::Bool(false))]));
    }
}

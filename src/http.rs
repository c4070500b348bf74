//! Requests as plain data (method, path, body), and how path segments and query strings are encoded.
//!
//! Encoding follows the official SDK (telnyx-node `src/internal/utils/path.ts`): a path parameter is
//! percent-encoded except for RFC 3986 `pchar`s, so the `+` of an E.164 number stays literal:
//! `/verifications/by_phone_number/+13035551234`.
#![allow(
    missing_docs,
    reason = "the sans-IO core: crate-private, reached by tests only through the hidden `internals` module"
)]

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One HTTP request, relative to the client's base URL. No I/O happens here.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpRequest {
    pub method: Method,
    /// Path and query, starting with `/` (e.g. `/verify_profiles?page%5Bnumber%5D=2`).
    pub path: String,
    /// JSON text, when the request has a body.
    pub body: Option<String>,
}

/// Percent-encodes one path segment, keeping unreserved characters, sub-delims, `:` and `@`.
pub fn encode_path_segment(segment: &str) -> String {
    encode(segment, |b| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b))
}

/// Percent-encodes a query key or value as `encodeURIComponent` does.
pub fn encode_query_component(component: &str) -> String {
    encode(component, |b| b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b))
}

fn encode(input: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `key=value` pairs joined with `&`, each part encoded; empty when there are none.
pub fn query_string(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(&encode_query_component(key));
        out.push('=');
        out.push_str(&encode_query_component(value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plus_stays_literal_in_paths_like_the_official_sdk() {
        assert_eq!(encode_path_segment("+13035551234"), "+13035551234");
        assert_eq!(encode_path_segment("a b/c?d#e%"), "a%20b%2Fc%3Fd%23e%25");
        assert_eq!(encode_path_segment("é"), "%C3%A9");
    }

    #[test]
    fn query_components_are_encoded_like_encode_uri_component() {
        let q = query_string(&[("page[number]".into(), "2".into()), ("filter[name]".into(), "a+b &c".into())]);
        assert_eq!(q, "?page%5Bnumber%5D=2&filter%5Bname%5D=a%2Bb%20%26c");
        assert_eq!(query_string(&[]), "");
    }
}

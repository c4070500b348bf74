//! Error mapping: every status gets a stable code, Telnyx's error list is kept, `retryAfter` is carried, and no
//! message contains a whole response body.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json as j;
use support::json;
use telnyx_verify_wasm::internals::response::error_from_status;
use telnyx_verify_wasm::ErrorCode;

#[test]
fn each_status_has_a_stable_code() {
    let table = [
        (400, "bad_request"),
        (401, "unauthorized"),
        (403, "forbidden"),
        (404, "not_found"),
        (408, "request_timeout"),
        (409, "conflict"),
        (422, "unprocessable"),
        (429, "rate_limited"),
        (500, "server_error"),
        (502, "server_error"),
        (503, "server_error"),
        (599, "server_error"),
        (418, "http_error"),
        (302, "http_error"),
    ];
    for (status, code) in table {
        let error = error_from_status(status, None, None);
        assert_eq!(error.code.as_str(), code, "{status}");
        assert_eq!(error.status, Some(status));
        assert!(error.errors.is_empty());
        assert!(error.message.contains(&status.to_string()), "{}", error.message);
    }
}

#[test]
fn telnyx_errors_are_kept_and_summarised() {
    let body = json(j!({"errors": [
        {"code": "10005", "title": "Resource not found", "detail": "The requested resource or URL could not be found.",
         "source": {"pointer": "/verify_profile_id"}, "meta": {"url": "https://developers.telnyx.com/docs/overview/errors/10005"}},
        {"code": 10015, "title": "Bad Request"}
    ]}));
    let error = error_from_status(404, Some(&body), None);
    assert_eq!(error.code, ErrorCode::NotFound);
    assert_eq!(error.errors.len(), 2);
    assert_eq!(error.errors[1].code, "10015");
    assert_eq!(error.field.as_deref(), Some("/verify_profile_id"));
    assert_eq!(
        error.message,
        "Telnyx API answered HTTP 404 (not_found): Resource not found - The requested resource or URL could not be found. [10005]"
    );
}

#[test]
fn retry_after_is_carried() {
    let error = error_from_status(
        429,
        Some(&json(j!({"errors": [{"code": "10011", "title": "Too many requests"}]}))),
        Some(7.0),
    );
    assert_eq!((error.code, error.retry_after), (ErrorCode::RateLimited, Some(7.0)));
}

#[test]
fn messages_never_carry_a_whole_body() {
    let secret_body =
        json(j!({"errors": [], "debug": "internal trace SECRET-TRACE", "echo": {"Authorization": "Bearer KEY"}}));
    let error = error_from_status(500, Some(&secret_body), None);
    assert!(!error.message.contains("SECRET-TRACE") && !error.message.contains("KEY"), "{}", error.message);
    assert_eq!(error.message, "Telnyx API answered HTTP 500 (server_error)");
}

//! When to try a call again: a pure decision, tested natively and used by the transport after every attempt.
//!
//! An OTP SDK that retries blindly sends a second SMS (it costs money, and the user no longer knows which code
//! is valid). So only what cannot act twice is retried freely:
//! - reads (`GET`) and idempotent writes (`PATCH`, `DELETE`): on network errors, timeouts, 408, 429 and 5xx;
//! - creates (`POST`: start a verification, verify a code, create a profile…): only on 429 and on failures that
//!   provably happened before the request left (connection refused, DNS). Never after a timeout or a 5xx,
//!   where the server may have acted. A caller can widen this per call (`retry: "unsafe"`).
//!
//! The server's word wins: `x-should-retry: false` stops, `true` allows. A requested delay (`retry-after-ms`,
//! `Retry-After`) is waited for up to `max_retry_delay_ms`; beyond it the call gives up at once.

use crate::endpoints::CallClass;

/// When a failed call is tried again (see the module's rules: creates only when they cannot have acted).
///
/// ```
/// use telnyx_verify_wasm::{ClientOptions, RetryPolicy};
///
/// let options = ClientOptions {
///     retry: RetryPolicy { max_retries: 0, ..RetryPolicy::default() },
///     ..ClientOptions::with_api_key("KEY")
/// };
/// assert_eq!(options.retry.max_retries, 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (2 by default; 0 for none).
    pub max_retries: u32,
    /// The longest delay a server may ask for (`Retry-After`); beyond it the call gives up at once (60 s).
    pub max_retry_delay_ms: f64,
    /// Retry creates like reads (`retry: "unsafe"`): may send a second SMS.
    pub unsafe_retries: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 2, max_retry_delay_ms: 60_000.0, unsafe_retries: false }
    }
}

/// How an attempt ended, as far as retrying is concerned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// An HTTP answer that is not a success.
    Status {
        /// The HTTP status.
        status: u16,
        /// What `Retry-After` asked for, in milliseconds.
        retry_after_ms: Option<f64>,
        /// What `x-should-retry` said, if the server sent it.
        should_retry: Option<bool>,
    },
    /// The connection failed before the request left (refused, DNS): the server cannot have acted.
    NotSent,
    /// The connection failed; the request may have reached the server.
    Network,
    /// No complete answer within the attempt's timeout; the server may have acted.
    Timeout,
}

/// Whether to try again.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// Try again after a pause.
    Retry {
        /// How long to wait first, in milliseconds.
        delay_ms: f64,
    },
    /// Stop: the answer is the attempt's.
    Stop,
}

/// The decision after an attempt that ended with `outcome`, when `retries_done` retries were already made.
/// `jitter` is a random number in [0, 1).
pub fn decide(policy: &RetryPolicy, class: CallClass, outcome: Outcome, retries_done: u32, jitter: f64) -> Decision {
    if retries_done >= policy.max_retries {
        return Decision::Stop;
    }
    let safe = class != CallClass::Create || policy.unsafe_retries;
    let (allowed, requested_ms) = match outcome {
        Outcome::Status { should_retry: Some(server_says), retry_after_ms, .. } => (server_says, retry_after_ms),
        Outcome::Status { status: 429, retry_after_ms, .. } => (true, retry_after_ms),
        Outcome::Status { status, retry_after_ms, .. } => (safe && (status == 408 || status >= 500), retry_after_ms),
        Outcome::NotSent => (true, None),
        Outcome::Network | Outcome::Timeout => (safe, None),
    };
    match (allowed, requested_ms) {
        (false, _) => Decision::Stop,
        (true, Some(ms)) if ms > policy.max_retry_delay_ms => Decision::Stop,
        (true, Some(ms)) => Decision::Retry { delay_ms: ms.max(0.0) },
        (true, None) => Decision::Retry { delay_ms: backoff_ms(retries_done, jitter) },
    }
}

/// 0.5·2ⁿ s capped at 8 s, minus up to a quarter of jitter (telnyx-node's curve).
pub fn backoff_ms(retries_done: u32, jitter: f64) -> f64 {
    let base = (500.0 * f64::from(1u32 << retries_done.min(5))).min(8000.0);
    base * (1.0 - 0.25 * jitter.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use CallClass::{Create, IdempotentWrite, Read};

    const P: RetryPolicy = RetryPolicy { max_retries: 2, max_retry_delay_ms: 60_000.0, unsafe_retries: false };
    fn status(status: u16) -> Outcome {
        Outcome::Status { status, retry_after_ms: None, should_retry: None }
    }
    fn retries(class: CallClass, outcome: Outcome) -> bool {
        matches!(decide(&P, class, outcome, 0, 0.0), Decision::Retry { .. })
    }

    #[test]
    fn reads_and_idempotent_writes_retry_transient_failures() {
        for class in [Read, IdempotentWrite] {
            for outcome in [
                status(408),
                status(429),
                status(500),
                status(502),
                status(503),
                status(504),
                Outcome::Network,
                Outcome::Timeout,
                Outcome::NotSent,
            ] {
                assert!(retries(class, outcome), "{class:?} {outcome:?}");
            }
            for outcome in [status(400), status(401), status(403), status(404), status(409), status(422)] {
                assert!(!retries(class, outcome), "{class:?} {outcome:?}");
            }
        }
    }

    #[test]
    fn creates_retry_only_what_cannot_have_acted() {
        assert!(retries(Create, status(429)));
        assert!(retries(Create, Outcome::NotSent));
        for outcome in
            [status(500), status(502), status(503), status(504), status(408), Outcome::Network, Outcome::Timeout]
        {
            assert!(!retries(Create, outcome), "a create must not be repeated after {outcome:?}");
        }
        let unsafe_policy = RetryPolicy { unsafe_retries: true, ..P };
        assert!(matches!(decide(&unsafe_policy, Create, status(500), 0, 0.0), Decision::Retry { .. }));
        assert!(matches!(decide(&unsafe_policy, Create, Outcome::Timeout, 0, 0.0), Decision::Retry { .. }));
    }

    #[test]
    fn the_server_header_wins() {
        let stop = Outcome::Status { status: 503, retry_after_ms: None, should_retry: Some(false) };
        assert_eq!(decide(&P, Read, stop, 0, 0.0), Decision::Stop);
        let go = Outcome::Status { status: 500, retry_after_ms: None, should_retry: Some(true) };
        assert!(matches!(decide(&P, Create, go, 0, 0.0), Decision::Retry { .. }));
    }

    #[test]
    fn requested_delays_are_honoured_up_to_the_cap() {
        let asked = |ms| Outcome::Status { status: 429, retry_after_ms: Some(ms), should_retry: None };
        assert_eq!(decide(&P, Create, asked(7000.0), 0, 0.9), Decision::Retry { delay_ms: 7000.0 });
        assert_eq!(decide(&P, Read, asked(60_000.0), 0, 0.0), Decision::Retry { delay_ms: 60_000.0 });
        assert_eq!(decide(&P, Read, asked(60_001.0), 0, 0.0), Decision::Stop, "beyond maxRetryDelayMs: give up");
        assert_eq!(decide(&P, Read, asked(-5.0), 0, 0.0), Decision::Retry { delay_ms: 0.0 });
    }

    #[test]
    fn backoff_doubles_from_half_a_second_with_jitter_and_a_cap() {
        assert_eq!(backoff_ms(0, 0.0), 500.0);
        assert_eq!(backoff_ms(1, 0.0), 1000.0);
        assert_eq!(backoff_ms(0, 1.0), 375.0);
        assert_eq!(backoff_ms(4, 0.0), 8000.0);
        assert_eq!(backoff_ms(30, 0.0), 8000.0);
        assert_eq!(decide(&P, Read, status(500), 1, 0.5), Decision::Retry { delay_ms: 875.0 });
    }

    #[test]
    fn the_number_of_retries_is_bounded() {
        assert!(matches!(decide(&P, Read, status(500), 1, 0.0), Decision::Retry { .. }));
        assert_eq!(decide(&P, Read, status(500), 2, 0.0), Decision::Stop);
        let none = RetryPolicy { max_retries: 0, ..P };
        assert_eq!(decide(&none, Read, status(503), 0, 0.0), Decision::Stop);
    }
}

/// The delay a response asks for, in milliseconds: `retry-after-ms`, else `Retry-After` in seconds, else
/// `Retry-After` as an HTTP date (`date_in_ms`: that date minus now, as the platform parsed it; RFC 9110 §10.2.3).
pub fn requested_delay_ms(
    retry_after_ms: Option<&str>,
    retry_after: Option<&str>,
    date_in_ms: Option<f64>,
) -> Option<f64> {
    retry_after_ms
        .and_then(parse_decimal)
        .or_else(|| retry_after.and_then(parse_decimal).map(|secs| secs * 1000.0))
        .or_else(|| date_in_ms.filter(|ms| !ms.is_nan()).map(|ms| ms.max(0.0)))
}

/// `x-should-retry`: only `true` and `false` count; anything else is as if absent.
pub fn should_retry(header: Option<&str>) -> Option<bool> {
    match header.map(str::trim) {
        Some("true") => Some(true),
        Some("false") => Some(false),
        _ => None,
    }
}

/// `12` or `1.5` (digits, an optional fraction): the only number forms the headers use. Parsed by hand
/// because `str::parse::<f64>` links a whole float parser into the `.wasm`.
fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) || text.ends_with('.') {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let fraction = fraction.bytes().rev().fold(0.0, |acc, b| (acc + f64::from(b - b'0')) / 10.0);
    Some(whole as f64 + fraction)
}

#[cfg(test)]
mod header_tests {
    use super::*;

    #[test]
    fn delays_come_from_the_headers_in_order() {
        assert_eq!(requested_delay_ms(Some("250"), Some("9"), None), Some(250.0));
        assert_eq!(requested_delay_ms(None, Some("2"), None), Some(2000.0));
        assert_eq!(requested_delay_ms(None, Some("1.5"), None), Some(1500.0));
        assert_eq!(requested_delay_ms(None, Some("Wed, 21 Oct 2015 07:28:00 GMT"), Some(-5.0)), Some(0.0));
        assert_eq!(requested_delay_ms(None, Some("Fri"), Some(f64::NAN)), None);
        assert_eq!(requested_delay_ms(Some("-1"), Some("1e3"), None), None);
        assert_eq!(parse_decimal("1."), None);
    }

    #[test]
    fn should_retry_is_strict() {
        assert_eq!(should_retry(Some("true")), Some(true));
        assert_eq!(should_retry(Some("false")), Some(false));
        for other in ["1", "TRUE", "yes", ""] {
            assert_eq!(should_retry(Some(other)), None, "{other}");
        }
    }
}

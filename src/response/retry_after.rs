//! How long the server asked us to wait: `retry-after-ms` (milliseconds), or `Retry-After` as seconds or
//! as an HTTP date (RFC 9110 §10.2.3, IMF-fixdate). Pure: "now" is passed in.

/// The requested delay in seconds (never negative), or `None` when no header gives a usable one.
pub fn retry_after_secs(retry_after: Option<&str>, retry_after_ms: Option<&str>, now_ms: f64) -> Option<f64> {
    if let Some(ms) = retry_after_ms.and_then(parse_non_negative) {
        return Some(ms / 1000.0);
    }
    let value = retry_after?.trim();
    if let Some(secs) = parse_non_negative(value) {
        return Some(secs);
    }
    let at_ms = parse_http_date(value)?;
    Some(((at_ms - now_ms) / 1000.0).max(0.0))
}

/// `"7"`, `"1.5"`: digits with an optional fraction. Parsed by hand: `str::parse::<f64>` would link about
/// 5 KB of float parsing into the `.wasm` for a header value.
fn parse_non_negative(s: &str) -> Option<f64> {
    let (whole, fraction) = split_once_byte(s.trim(), b'.').unwrap_or((s.trim(), ""));
    let digits_ok = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 15 || !digits_ok(whole) || !digits_ok(fraction) {
        return None;
    }
    let mut value = whole.bytes().fold(0.0, |acc, b| acc * 10.0 + f64::from(b - b'0'));
    let mut scale = 0.1;
    for b in fraction.bytes().take(9) {
        value += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(value)
}

use crate::text::{parse_digits, split_once_byte};

/// Milliseconds since the Unix epoch of an IMF-fixdate such as `Sun, 06 Nov 1994 08:49:37 GMT`.
// Closures, not char patterns: a char pattern links memchr and UTF-8 encoding into the `.wasm`.
#[allow(clippy::manual_pattern_char_comparison)]
pub fn parse_http_date(s: &str) -> Option<f64> {
    // Byte splits, not `split_once(", ")`: a string pattern links a substring searcher and its panic paths.
    let rest = split_once_byte(s, b',').map_or(s, |(_, r)| r.trim_start());
    let mut parts = rest.split(|c| c == ' ');
    let day = parse_digits(parts.next()?)?;
    let month = month_number(parts.next()?)?;
    let year = i64::from(parse_digits(parts.next()?)?);
    let mut hms = parts.next()?.split(|c| c == ':').map(parse_digits);
    let (hour, minute, second) = (hms.next()??, hms.next()??, hms.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(secs as f64 * 1000.0)
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    MONTHS.iter().position(|m| *m == name).map(|i| i as u32 + 1)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_milliseconds_and_dates() {
        assert_eq!(retry_after_secs(Some("7"), None, 0.0), Some(7.0));
        assert_eq!(retry_after_secs(Some("7"), Some("1500"), 0.0), Some(1.5));
        assert_eq!(retry_after_secs(Some("soon"), None, 0.0), None);
        assert_eq!(retry_after_secs(Some("-3"), None, 0.0), None);
        assert_eq!(retry_after_secs(None, Some("250.5"), 0.0), Some(0.2505));
        assert_eq!(retry_after_secs(Some(" 2.5 "), None, 0.0), Some(2.5));
        assert_eq!(retry_after_secs(Some("1e3"), None, 0.0), None);
        assert_eq!(retry_after_secs(None, None, 0.0), None);
        // 784111777 s is Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example).
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777_000.0));
        let now = 784_111_770_000.0;
        assert_eq!(retry_after_secs(Some("Sun, 06 Nov 1994 08:49:37 GMT"), None, now), Some(7.0));
        assert_eq!(retry_after_secs(Some("Sun, 06 Nov 1994 08:49:37 GMT"), None, now + 60_000.0), Some(0.0));
        assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(parse_http_date("Sat, 29 Feb 2020 12:00:00 GMT"), Some(1_582_977_600_000.0));
    }
}

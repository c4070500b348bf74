//! Building text without `core::fmt`. The `.wasm`'s panic handler ignores its message, so once no code calls
//! `format!`, `write!` or `to_string`, the whole formatting machinery drops out of the build (about 10 KB).
//! Messages are assembled with `cat(&[..])` and these helpers instead.

use crate::prelude::*;

/// The decimal digits of `n`.
pub fn uint(mut n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    digits.get(start..).map(|d| d.iter().map(|&b| char::from(b)).collect()).unwrap_or_default()
}

/// The parts one after the other. A loop instead of `[..].concat()`, whose generic join costs about 1 KB.
pub fn cat(parts: &[&str]) -> String {
    join(parts.iter().copied(), "")
}

/// `items` joined by `separator`. One non-generic loop instead of `[..].join`, which the compiler
/// instantiates per element type (about 1 KB each in the `.wasm`).
pub fn join<'a>(items: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
    out
}

/// `s` split at the first ASCII `byte`, without it. Byte-wise on purpose: `str::split_once(char)` links a
/// char searcher with memchr and UTF-8 encoding (about 1 KB of `.wasm`) for what is a one-byte scan here.
pub fn split_once_byte(s: &str, byte: u8) -> Option<(&str, &str)> {
    let at = s.bytes().position(|b| b == byte)?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// `%2B` → `+`: percent-decoding of a URL component (a `+` stays a `+`). Invalid escapes are kept as they are.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|h| char::from(*h).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A whole decimal number of at most 9 digits (`"2024"`, `"08"`); `None` for anything else.
pub fn parse_digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.bytes().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// Two uppercase hexadecimal digits of `byte` (for percent-encoding).
pub fn hex2(byte: u8) -> [char; 2] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let digit = |n: u8| HEX.get(usize::from(n)).map_or('0', |&b| char::from(b));
    [digit(byte >> 4), digit(byte & 0xF)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_hex() {
        assert_eq!(uint(0), "0");
        assert_eq!(uint(429), "429");
        assert_eq!(uint(u64::MAX), "18446744073709551615");
        assert_eq!(hex2(0x2B), ['2', 'B']);
        assert_eq!(hex2(0x0a), ['0', 'A']);
        assert_eq!(join(["a", "b", "c"], ", "), "a, b, c");
        assert_eq!(split_once_byte("a,b,c", b','), Some(("a", "b,c")));
        assert_eq!(split_once_byte("é.5", b'.'), Some(("é", "5")));
        assert_eq!(split_once_byte("abc", b','), None);
        assert_eq!(percent_decode("page%5Bnumber%5D"), "page[number]");
        assert_eq!(percent_decode("%2B1+2%zz%"), "+1+2%zz%");
        assert_eq!(join([], ", "), "");
        assert_eq!((parse_digits("08"), parse_digits("1994"), parse_digits("")), (Some(8), Some(1994), None));
        assert_eq!((parse_digits("1a"), parse_digits("-1"), parse_digits("1234567890")), (None, None, None));
    }
}

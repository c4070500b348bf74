//! Building text without `core::fmt`. The `.wasm`'s panic handler ignores its message, so once no code calls
//! `format!`, `write!` or `to_string`, the whole formatting machinery drops out of the build (about 10 KB).
//! Messages are assembled with `[..].concat()` and these helpers instead.

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
    }
}

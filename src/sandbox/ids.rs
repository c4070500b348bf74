//! Identifiers, codes and timestamps, from the injected clock and random source (tests are deterministic).

/// A source of random numbers. In wasm it is `crypto.getRandomValues` (or the caller's function); tests use a
/// seeded generator.
pub trait Random {
    /// A uniformly random `u32`.
    fn next_u32(&mut self) -> u32;
}

/// `length` decimal digits. The modulo bias of `u32 % 10` is below 10⁻⁹: irrelevant for one-time codes.
pub fn digits(random: &mut dyn Random, length: usize) -> String {
    (0..length).map(|_| char::from(b'0' + (random.next_u32() % 10) as u8)).collect()
}

/// A random (version 4) UUID.
pub fn uuid(random: &mut dyn Random) -> String {
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(4) {
        let word = random.next_u32().to_be_bytes();
        chunk.copy_from_slice(&word);
    }
    if let Some(b) = bytes.get_mut(6) {
        *b = (*b & 0x0f) | 0x40;
    }
    if let Some(b) = bytes.get_mut(8) {
        *b = (*b & 0x3f) | 0x80;
    }
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// A naive UTC timestamp as the API writes it: `2020-09-14T17:03:32.965812` (no timezone).
pub fn timestamp(now_ms: f64) -> String {
    let ms = now_ms.max(0.0) as u64;
    let (days, rest) = (ms / 86_400_000, ms % 86_400_000);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000 * 1000
    )
}

/// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Counter(u32);
    impl Random for Counter {
        fn next_u32(&mut self) -> u32 {
            self.0 = self.0.wrapping_add(0x9E37_79B9);
            self.0
        }
    }

    #[test]
    fn uuids_are_v4_and_digits_have_the_length() {
        let id = uuid(&mut Counter(1));
        assert!(crate::validate::rules::is_uuid(&id), "{id}");
        assert_eq!(id.as_bytes()[14], b'4');
        assert!(matches!(id.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
        let code = digits(&mut Counter(7), 6);
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn timestamps_are_naive_iso_with_microseconds() {
        assert_eq!(timestamp(0.0), "1970-01-01T00:00:00.000000");
        assert_eq!(timestamp(1_600_104_212_965.0), "2020-09-14T17:23:32.965000");
        assert_eq!(timestamp(1_582_977_600_000.0), "2020-02-29T12:00:00.000000");
    }
}

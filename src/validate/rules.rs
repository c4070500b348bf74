//! Primitive checks behind the validation rules: E.164, UUIDs, URLs, amounts, and the spec's character
//! patterns (`^[A-Za-z0-9 -]{1,30}$` and friends) written as character classes, so no regex engine ships in
//! the `.wasm`.

pub const E164_HINT: &str = "a phone number in E.164 form: + and up to 15 digits, such as +13035551234";
pub const UUID_HINT: &str = "a UUID such as 12ade33a-21c0-473b-b055-b3c836e1c292";
pub const AMOUNT_HINT: &str = "a positive decimal amount as a string with at most 2 decimals, such as \"99.99\"";

/// A string pattern of the form `^[class]{min,max}$`.
#[derive(Debug)]
pub struct TextRule {
    pub allowed: fn(char) -> bool,
    pub min: usize,
    pub max: usize,
    /// Shown in the error: the rule in words, then the spec's pattern.
    pub description: &'static str,
}

impl TextRule {
    pub fn accepts(&self, s: &str) -> bool {
        let len = s.chars().count();
        (self.min..=self.max).contains(&len) && s.chars().all(self.allowed)
    }
}

/// `app_name`: `^[A-Za-z0-9 -]{1,30}$`.
pub const APP_NAME: TextRule = TextRule {
    allowed: |c| c.is_ascii_alphanumeric() || c == ' ' || c == '-',
    min: 1,
    max: 30,
    description: "1 to 30 letters, digits, spaces or hyphens (^[A-Za-z0-9 -]{1,30}$)",
};

/// `alpha_sender`: `^[A-Za-z0-9 ]{1,11}$`.
pub const ALPHA_SENDER: TextRule = TextRule {
    allowed: |c| c.is_ascii_alphanumeric() || c == ' ',
    min: 1,
    max: 11,
    description: "1 to 11 letters, digits or spaces (^[A-Za-z0-9 ]{1,11}$)",
};

/// The code an end user typed: any non-empty text (a wrong code is a `rejected` answer, not an input error).
pub const ENTERED_CODE: TextRule = TextRule {
    allowed: |c| !c.is_control(),
    min: 1,
    max: 64,
    description: "the code the user entered, 1 to 64 characters",
};

/// A code the caller supplies or the user typed: digits only.
pub const NUMERIC_CODE: TextRule =
    TextRule { allowed: |c| c.is_ascii_digit(), min: 1, max: 64, description: "a numeric code of 1 to 64 digits" };

/// DTMF dialled after the call is answered: digits, A–D, `*`, `#`, and `w`/`W` pauses.
pub const DTMF: TextRule = TextRule {
    allowed: is_dtmf,
    min: 0,
    max: usize::MAX,
    description: "DTMF characters only: 0-9, A-D, *, #, w (0.5 s pause), W (1 s pause)",
};

/// The verified-numbers extension: the same characters, at most 50 (`^[0-9A-D*#wW]*$`, maxLength 50).
pub const DTMF_50: TextRule = TextRule {
    allowed: is_dtmf,
    min: 0,
    max: 50,
    description: "at most 50 DTMF characters: 0-9, A-D, *, #, w, W (^[0-9A-D*#wW]*$)",
};

/// A required, non-blank name such as a profile's `name` or a template's `text`.
pub const NON_EMPTY: TextRule =
    TextRule { allowed: |_| true, min: 1, max: usize::MAX, description: "a non-empty string" };

fn is_dtmf(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, 'A'..='D' | '*' | '#' | 'w' | 'W')
}

/// `+`, then 2 to 15 digits of which the first is 1–9.
pub fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}

/// The canonical textual form of a UUID (either case).
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// An absolute http(s) URL with a host and no whitespace.
pub fn is_http_url(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host_end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
            host_end > 0 && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// `"99.99"`: 1–12 integer digits, optionally 1–2 decimals, greater than zero.
pub fn is_amount(s: &str) -> bool {
    let (whole, fraction) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let whole_ok = (1..=12).contains(&whole.len()) && digits(whole);
    let fraction_ok = fraction.is_none_or(|f| (1..=2).contains(&f.len()) && digits(f));
    let nonzero = s.bytes().any(|b| (b'1'..=b'9').contains(&b));
    whole_ok && fraction_ok && nonzero
}

pub fn is_positive_int32(n: f64) -> bool {
    super::is_whole(n) && (1.0..=f64::from(i32::MAX)).contains(&n)
}

/// `phoneNumber` → `phone_number`, to point a camelCase caller at the right name.
pub fn camel_to_snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

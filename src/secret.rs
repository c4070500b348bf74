//! The API key: kept out of `Debug`, `Display` and error messages.

/// A secret string. Its `Debug` prints `Secret(***)`; read it only where it is sent.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`; its `Debug` is `Secret(***)` from here on.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the secret replaced by `***` (a platform message may echo a request).
    pub fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_owned()
        } else {
            text.replace(&self.0, "***")
        }
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shown() {
        let key = Secret::new("KEY_abc");
        assert_eq!(format!("{key:?}"), "Secret(***)");
        assert_eq!(key.redact("Bearer KEY_abc, KEY_abc"), "Bearer ***, ***");
    }
}

//! Enum-like response fields (`status`, `type`, `response_code`). The API has renamed such values before, so
//! they are open: a value this version does not know is kept as `Other`, never an error.

/// Declares an open string enum: the known values as variants, anything else as `Other(String)`, serialized
/// as the plain string, and (in wasm builds) a TypeScript union that still accepts other strings.
#[macro_export]
#[doc(hidden)]
macro_rules! open_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// A value this version of the crate does not know (kept as sent).
            Other(String),
        }

        impl $name {
            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok($name::from(<String as ::serde::Deserialize>::deserialize(deserializer)?.as_str()))
            }
        }

        #[cfg(target_arch = "wasm32")]
        const _: () = {
            #[::wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS: &str = concat!(
                "export type ", stringify!($name), " = ", $("\"", $text, "\" | ",)+ "(string & {});"
            );
        };
    };
}

open_enum! {
    /// How the code is delivered (`type` of a verification).
    VerificationType {
        /// A text message.
        Sms = "sms",
        /// A voice call that reads the code.
        Call = "call",
        /// A missed call whose caller number ends with the code.
        Flashcall = "flashcall",
        /// A WhatsApp message.
        Whatsapp = "whatsapp",
        /// A PSD2 payment confirmation.
        Psd2 = "psd2",
    }
}

open_enum! {
    /// Where a verification stands.
    VerificationStatus {
        /// Sent; waiting for the code.
        Pending = "pending",
        /// The right code was entered.
        Accepted = "accepted",
        /// Too many wrong codes.
        Invalid = "invalid",
        /// The code's time ran out.
        Expired = "expired",
        /// It could not be delivered.
        Error = "error",
    }
}

open_enum! {
    /// The outcome of checking a code. A wrong code is `Rejected`: an answer, not an error.
    ResponseCode {
        /// The code was right.
        Accepted = "accepted",
        /// The code was wrong.
        Rejected = "rejected",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_kept() {
        let status: VerificationStatus = serde_json::from_value(serde_json::json!("queued")).unwrap();
        assert_eq!(status, VerificationStatus::Other("queued".into()));
        assert_eq!(serde_json::to_value(&status).unwrap(), serde_json::json!("queued"));
        let known: ResponseCode = serde_json::from_value(serde_json::json!("accepted")).unwrap();
        assert_eq!(known, ResponseCode::Accepted);
        assert_eq!(VerificationType::from("psd2").to_string(), "psd2");
    }
}

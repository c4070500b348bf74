//! Declarative validation of JSON values: every violation of an input is collected at once, each named by
//! the JSON pointer of the offending field (`/sms/app_name`).
//!
//! Inputs are described as data ([`InputRules`] of [`Field`]s with a [`Rule`] each), declared with each model
//! (`src/model/`); [`specs`] holds the rules of calls that are more than one model. (Answers are
//! checked by `response::shape`, which stops at the first mismatch, as serde does.)
#![allow(
    missing_docs,
    reason = "the sans-IO core: crate-private, reached by tests only through the hidden `internals` module"
)]

pub mod iso3166;
pub mod rules;
pub mod specs;

use rules::TextRule;
use serde_json::{Map, Value};

/// What kind of mistake a violation is; its `as_str` is the `code` JS sees in `error.errors[i].code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    Missing,
    Unknown,
    Invalid,
    NotAllowed,
}

impl ViolationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ViolationKind::Missing => "missing_field",
            ViolationKind::Unknown => "unknown_field",
            ViolationKind::Invalid => "invalid_value",
            ViolationKind::NotAllowed => "not_allowed",
        }
    }
}

/// One broken rule. The message describes the rule, never the value (a value could be a secret).
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub pointer: String,
    pub kind: ViolationKind,
    pub message: String,
}

impl Violation {
    pub fn new(pointer: impl Into<String>, kind: ViolationKind, message: impl Into<String>) -> Self {
        Violation { pointer: pointer.into(), kind, message: message.into() }
    }
}

/// What a value must be.
#[derive(Debug)]
pub enum Rule {
    /// Any string.
    AnyText,
    /// A string that satisfies a character-class rule (patterns from the spec, without a regex engine).
    Text(&'static TextRule),
    /// `+` and 2–15 digits, the first not 0 (ITU-T E.164).
    PhoneNumber,
    /// `8-4-4-4-12` hexadecimal digits.
    Uuid,
    /// A whole number from 1 to 2³¹−1 (the spec's `integer` timeouts and lengths).
    PositiveInteger,
    /// A whole number ≥ 1 (page numbers and sizes).
    PageNumber,
    /// A whole number of retries, 0 to 10.
    Retries,
    /// A finite number ≥ 0.
    NonNegativeNumber,
    /// Any finite number (responses).
    AnyNumber,
    Boolean,
    /// An absolute `http://` or `https://` URL.
    HttpUrl,
    /// A positive decimal amount as a string, at most two decimals (`"99.99"`).
    Amount,
    /// One of the listed strings.
    OneOf(&'static [&'static str]),
    /// ISO 3166-1 alpha-2 country codes, or exactly `["*"]` for every destination.
    Destinations,
    /// `null`, or a value that satisfies the inner rule.
    Nullable(&'static Rule),
    ArrayOf(&'static Rule),
    Object(&'static InputRules),
    /// Any JSON value (channel blocks pass extra properties through).
    Any,
    /// An object whose every key satisfies the text rule and every value the value rule (e.g. headers).
    Record(&'static TextRule, &'static Rule),
}

/// One named member of an object.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub rule: Rule,
    pub required: bool,
}

impl Field {
    pub const fn required(name: &'static str, rule: Rule) -> Field {
        Field { name, rule, required: true }
    }
    pub const fn optional(name: &'static str, rule: Rule) -> Field {
        Field { name, rule, required: false }
    }
}

/// What an input object must look like: its fields, each with a rule, and the members it refuses.
#[derive(Clone, Copy, Debug)]
pub struct InputRules {
    pub fields: &'static [Field],
    /// Whether members not listed in `fields` are accepted (and passed through) or rejected.
    pub open: bool,
    /// Members this call does not take, each with the reason (`flashcall` in a profile update).
    pub refused: &'static [(&'static str, &'static str)],
}

impl InputRules {
    /// Strict rules: unknown members are mistakes.
    pub const fn strict(fields: &'static [Field]) -> InputRules {
        InputRules { fields, open: false, refused: &[] }
    }

    /// The same rules, refusing the listed members with a reason each.
    pub const fn refusing(self, refused: &'static [(&'static str, &'static str)]) -> InputRules {
        InputRules { refused, ..self }
    }
}

/// A model a caller sends, and the rules its JSON is checked against (declared with `input_model!`).
pub trait InputModel {
    const RULES: InputRules;
}

/// Checks `value` against `rules`, returning every violation (empty when valid).
pub fn check_input(value: &Value, rules: &InputRules, pointer: &str) -> Vec<Violation> {
    let mut out = Vec::new();
    check_object(value, rules, pointer, &mut out);
    out
}

/// Checks one value against one rule, appending violations to `out`.
pub fn check_rule(value: &Value, rule: &Rule, pointer: &str, out: &mut Vec<Violation>) {
    let invalid = |out: &mut Vec<Violation>, message: String| {
        out.push(Violation::new(pointer, ViolationKind::Invalid, message));
    };
    match rule {
        Rule::Any => {}
        Rule::AnyText => {
            if value.as_str().is_none() {
                invalid(out, format!("must be a string, not {}", type_name(value)));
            }
        }
        Rule::Text(text_rule) => match value.as_str() {
            Some(s) if text_rule.accepts(s) => {}
            Some(_) => invalid(out, format!("must be {}", text_rule.description)),
            None => invalid(out, format!("must be a string ({}), not {}", text_rule.description, type_name(value))),
        },
        Rule::PhoneNumber => expect_str(value, rules::is_e164, rules::E164_HINT, pointer, out),
        Rule::Uuid => expect_str(value, rules::is_uuid, rules::UUID_HINT, pointer, out),
        Rule::HttpUrl => expect_str(value, rules::is_http_url, "an absolute http:// or https:// URL", pointer, out),
        Rule::Amount => expect_str(value, rules::is_amount, rules::AMOUNT_HINT, pointer, out),
        Rule::PositiveInteger => match value.as_f64() {
            Some(n) if rules::is_positive_int32(n) => {}
            _ => invalid(out, "must be a whole number from 1 to 2147483647".into()),
        },
        Rule::Retries => match value.as_f64() {
            Some(n) if is_whole(n) && (0.0..=10.0).contains(&n) => {}
            _ => invalid(out, "must be a whole number from 0 to 10".into()),
        },
        Rule::PageNumber => match value.as_f64() {
            Some(n) if rules::is_positive_int32(n) => {}
            _ => invalid(out, "must be a whole number of at least 1".into()),
        },
        Rule::NonNegativeNumber => match value.as_f64() {
            Some(n) if n.is_finite() && n >= 0.0 => {}
            _ => invalid(out, "must be a number of at least 0".into()),
        },
        Rule::AnyNumber => {
            if value.as_f64().is_none() {
                invalid(out, format!("must be a number, not {}", type_name(value)));
            }
        }
        Rule::Boolean => {
            if !matches!(value, Value::Bool(_)) {
                invalid(out, format!("must be true or false, not {}", type_name(value)));
            }
        }
        Rule::OneOf(allowed) => match value.as_str() {
            Some(s) if allowed.contains(&s) => {}
            _ => invalid(out, format!("must be one of: {}", allowed.join(", "))),
        },
        Rule::Destinations => check_destinations(value, pointer, out),
        Rule::Nullable(inner) => {
            if *value != Value::Null {
                check_rule(value, inner, pointer, out);
            }
        }
        Rule::ArrayOf(item_rule) => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    check_rule(item, item_rule, &pointer_push(pointer, &i.to_string()), out);
                }
            }
            None => invalid(out, format!("must be an array, not {}", type_name(value))),
        },
        Rule::Object(shape) => check_object(value, shape, pointer, out),
        Rule::Record(key_rule, value_rule) => match value {
            Value::Object(members) => {
                for (key, member) in members {
                    let member_pointer = pointer_push(pointer, key);
                    if !key_rule.accepts(key) {
                        out.push(Violation::new(
                            &member_pointer,
                            ViolationKind::Invalid,
                            format!("is not {}", key_rule.description),
                        ));
                    }
                    check_rule(member, value_rule, &member_pointer, out);
                }
            }
            _ => invalid(out, format!("must be an object, not {}", type_name(value))),
        },
    }
}

fn expect_str(value: &Value, test: fn(&str) -> bool, hint: &str, pointer: &str, out: &mut Vec<Violation>) {
    match value.as_str() {
        Some(s) if test(s) => {}
        Some(_) => out.push(Violation::new(pointer, ViolationKind::Invalid, format!("must be {hint}"))),
        None => out.push(Violation::new(
            pointer,
            ViolationKind::Invalid,
            format!("must be a string ({hint}), not {}", type_name(value)),
        )),
    }
}

fn check_destinations(value: &Value, pointer: &str, out: &mut Vec<Violation>) {
    let Some(items) = value.as_array() else {
        out.push(Violation::new(
            pointer,
            ViolationKind::Invalid,
            "must be an array of ISO 3166-1 alpha-2 country codes, or [\"*\"]",
        ));
        return;
    };
    let everywhere = items.len() == 1 && items.first().and_then(Value::as_str) == Some("*");
    if everywhere {
        return;
    }
    for (i, item) in items.iter().enumerate() {
        let message = match item.as_str() {
            Some("*") => "\"*\" allows every destination and must be the only entry",
            Some(code) if iso3166::is_alpha2(code) => continue,
            _ => "must be an ISO 3166-1 alpha-2 country code in capitals, such as \"US\"",
        };
        out.push(Violation::new(pointer_push(pointer, &i.to_string()), ViolationKind::Invalid, message));
    }
}

pub(crate) fn check_object(value: &Value, rules: &InputRules, pointer: &str, out: &mut Vec<Violation>) {
    let Value::Object(members) = value else {
        let what = if pointer.is_empty() { "the input" } else { "this field" };
        out.push(Violation::new(
            pointer,
            ViolationKind::Invalid,
            format!("{what} must be an object, not {}", type_name(value)),
        ));
        return;
    };
    for field in rules.fields {
        check_field(members, field, pointer, out);
    }
    for (name, reason) in rules.refused {
        if members.contains_key(*name) {
            out.push(Violation::new(pointer_push(pointer, name), ViolationKind::NotAllowed, *reason));
        }
    }
    if !rules.open {
        let known = |key: &str| rules.refused.iter().any(|(name, _)| *name == key);
        unknown_members(members, rules.fields, &known, pointer, out);
    }
}

/// Checks the member `field` names: present if required, and by its rule if present.
pub fn check_field(members: &Map<String, Value>, field: &Field, pointer: &str, out: &mut Vec<Violation>) {
    match members.get(field.name) {
        None if field.required => {
            out.push(Violation::new(pointer_push(pointer, field.name), ViolationKind::Missing, "is required"));
        }
        None => {}
        Some(member) => check_rule(member, &field.rule, &pointer_push(pointer, field.name), out),
    }
}

/// Reports each member neither in `fields` nor `known` otherwise, with a hint at what was meant.
pub fn unknown_members(
    members: &Map<String, Value>,
    fields: &[Field],
    known: &dyn Fn(&str) -> bool,
    pointer: &str,
    out: &mut Vec<Violation>,
) {
    for key in members.keys() {
        if !known(key) && !fields.iter().any(|f| f.name == key) {
            out.push(Violation::new(
                pointer_push(pointer, key),
                ViolationKind::Unknown,
                unknown_field_message(key, fields),
            ));
        }
    }
}

/// "unknown field" with a hint: the snake_case twin of a camelCase key, or the accepted names.
pub(crate) fn unknown_field_message(key: &str, fields: &[Field]) -> String {
    let snake = rules::camel_to_snake(key);
    let accepted = || fields.iter().map(|f| f.name);
    if snake != key && accepted().any(|name| name == snake) {
        return format!("unknown field; did you mean `{snake}`? (fields use the API's snake_case names)");
    }
    format!("unknown field; accepted fields: {}", accepted().collect::<Vec<_>>().join(", "))
}

/// A short name of the value's type, for error messages (never the value itself: it may be a secret).
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Whether `n` is a whole number.
pub fn is_whole(n: f64) -> bool {
    n.is_finite() && n.fract() == 0.0
}

/// Appends one reference token to a JSON pointer (RFC 6901: `~` becomes `~0`, `/` becomes `~1`).
pub fn pointer_push(pointer: &str, token: &str) -> String {
    // One allocation: this runs for every member validated or checked, not only for the ones reported.
    let mut out = String::with_capacity(pointer.len() + 1 + token.len());
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pointer_push;

    #[test]
    fn pointer_tokens_are_escaped_as_rfc_6901_says() {
        assert_eq!(pointer_push("", "sms"), "/sms");
        assert_eq!(pointer_push("/metadata", "a/b~c"), "/metadata/a~1b~0c");
        // `~` is escaped before `/` would be: "~/" is "~0~1", never "~01".
        assert_eq!(pointer_push("/x", "~/"), "/x/~0~1");
        assert_eq!(pointer_push("/x", "é☕"), "/x/é☕");
    }
}

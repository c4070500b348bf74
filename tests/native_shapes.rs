//! The tables declared with each model agree with its serde struct. The shape tables the answers are checked
//! against (`response::shape`) agree with the serde models the Rust API decodes into: each table lists its model's fields in declaration order, and on every body made by
//! changing one member of a complete one (each member set to each JSON type, or removed, at every depth),
//! the check and serde both accept, or both refuse at the same member. The one intended difference: a struct
//! given as an array, which serde_json reads field by field, is refused by the check. Each input model's
//! rules list its fields, and each verification type names a start variant whose rules are its model's.
#![cfg(not(target_arch = "wasm32"))]

use serde::de::{self, DeserializeOwned, Visitor};
use serde::Deserializer;
use serde_json::{json, Map, Value};
use telnyx_verify_wasm::internals::response::shape::{check, AnswerModel, AnswerShape, Kind};
use telnyx_verify_wasm::internals::validate::specs::{check_start_verification, START_VARIANTS, VERIFICATION_TYPES};
use telnyx_verify_wasm::internals::validate::{check_input, pointer_push, InputModel, Violation, ViolationKind};
use telnyx_verify_wasm::{
    ChannelInput, ChannelSettings, CreateProfileInput, CreateVerifiedNumberInput, ListProfilesQuery,
    ListVerifiedNumbersQuery, MessageTemplate, Nullable, PageMeta, PageQuery, Psd2Currency, StartCall, StartFlashcall,
    StartPsd2, StartSms, StartVerification, SubmitVerifiedNumberCodeInput, TemplateInput, UpdateProfileInput,
    Verification, VerifiedNumber, VerifiedNumberRequest, VerifyCodeInput, VerifyCodeResult, VerifyProfile,
};

/// The field names serde's derive declares for `T` (what it passes to `deserialize_struct`).
fn serde_fields<T: DeserializeOwned>() -> Vec<&'static str> {
    struct Recorder(Option<&'static [&'static str]>);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("recorded")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> Deserializer<'de> for &mut Recorder {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = Some(fields);
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    let mut recorder = Recorder(None);
    assert!(T::deserialize(&mut recorder).is_err());
    recorder.0.expect("a struct").to_vec()
}

fn table_fields(shape: &AnswerShape) -> Vec<&'static str> {
    shape.members.iter().map(|m| m.name).collect()
}

/// A body with every member of `shape` present and valid.
fn complete(shape: &AnswerShape) -> Value {
    let mut members = Map::new();
    for member in shape.members {
        let value = match &member.kind {
            Kind::Text => json!("text"),
            Kind::Boolean => json!(true),
            Kind::Number => json!(12.5),
            Kind::Count => json!(7),
            Kind::TextList => json!(["a", "b"]),
            Kind::Object(inner) => complete(inner),
        };
        members.insert(member.name.to_owned(), value);
    }
    Value::Object(members)
}

/// The pointers of every member and list item in `value`, outermost first.
fn members(value: &Value, pointer: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                let at = pointer_push(pointer, key);
                out.push(at.clone());
                members(member, &at, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let at = pointer_push(pointer, &index.to_string());
                out.push(at.clone());
                members(item, &at, out);
            }
        }
        _ => {}
    }
}

/// One value of each JSON type, and the numbers on each side of `u32`'s range.
fn replacements() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(0),
        json!(7),
        json!(-1),
        json!(7.0),
        json!(1.5),
        json!(4_294_967_295_u64),
        json!(4_294_967_296_u64),
        json!(""),
        json!("text"),
        json!([]),
        json!(["a"]),
        json!([1]),
        json!({}),
        json!({"id": 5}),
    ]
}

/// Where serde stops on `body` as `T`: `None` if it decodes, else the JSON pointer of the member (for a
/// missing field, the field under its object).
fn serde_verdict<T: DeserializeOwned>(body: &Value) -> Option<String> {
    let error = serde_path_to_error::deserialize::<_, T>(body).err()?;
    let mut pointer = String::new();
    for segment in error.path().iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => pointer = pointer_push(&pointer, &index.to_string()),
            serde_path_to_error::Segment::Map { key } => pointer = pointer_push(&pointer, key),
            _ => {}
        }
    }
    let message = error.inner().to_string();
    if let Some(field) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
        pointer = pointer_push(&pointer, field);
    }
    Some(pointer)
}

/// The check's verdict on `body` as `T`: `None`, or the pointer it names.
fn table_verdict<T: AnswerModel>(body: &Value) -> Option<String> {
    check(body, &T::SHAPE, "").err().map(|mismatch| mismatch.pointer)
}

/// The kind the table gives the member at `pointer` (list items are text).
fn kind_at<'a>(shape: &'a AnswerShape, pointer: &str) -> Option<&'a Kind> {
    let mut shape = shape;
    let mut kind: Option<&Kind> = None;
    for token in pointer.split('/').skip(1) {
        if let Some(Kind::TextList) = kind {
            return Some(&Kind::Text);
        }
        let member = shape.members.iter().find(|m| m.name == token)?;
        kind = Some(&member.kind);
        if let Kind::Object(inner) = &member.kind {
            shape = inner;
        }
    }
    kind
}

/// Compares the check with serde on every one-member change of complete bodies; returns how many bodies
/// each side refused, so the caller can see both outcomes were reached.
fn agree<T: DeserializeOwned + AnswerModel>() -> (usize, usize) {
    let shape = &T::SHAPE;
    let (mut accepted, mut refused) = (0, 0);
    let base = complete(shape);
    let mut bases = vec![base.clone(), json!({})];
    // Each member alone, so one missing member is not hidden by another's error.
    for member in shape.members {
        bases.push(json!({ member.name: base[member.name].clone() }));
    }
    for base in bases {
        let mut pointers = Vec::new();
        members(&base, "", &mut pointers);
        pointers.push("/unknown_member".to_owned());
        let mut bodies = vec![base.clone()];
        for pointer in &pointers {
            let mut removed = base.clone();
            let (parent, token) = pointer.rsplit_once('/').unwrap();
            match removed.pointer_mut(parent) {
                Some(Value::Object(map)) => drop(map.shift_remove(token)),
                Some(Value::Array(items)) => drop(items.remove(token.parse::<usize>().unwrap())),
                _ => {}
            }
            bodies.push(removed);
            for replacement in replacements() {
                let mut changed = base.clone();
                match changed.pointer_mut(parent) {
                    Some(Value::Object(map)) => drop(map.insert(token.to_owned(), replacement)),
                    Some(Value::Array(items)) => items[token.parse::<usize>().unwrap()] = replacement,
                    _ => continue,
                }
                bodies.push(changed);
            }
        }
        for body in bodies {
            let (table, serde) = (table_verdict::<T>(&body), serde_verdict::<T>(&body));
            if table == serde {
                if table.is_some() {
                    refused += 1;
                } else {
                    accepted += 1;
                }
                continue;
            }
            // The intended difference: an array where a struct is documented.
            let at = table.as_deref().unwrap_or_default();
            let array_for_struct =
                matches!(kind_at(shape, at), Some(Kind::Object(_))) && body.pointer(at).is_some_and(Value::is_array);
            assert!(array_for_struct, "{}: check {table:?} vs serde {serde:?} on {body}", std::any::type_name::<T>());
            refused += 1;
        }
    }
    (accepted, refused)
}

macro_rules! each_model {
    ($check:ident) => {
        [
            $check::<VerifyProfile>(),
            $check::<ChannelSettings>(),
            $check::<Verification>(),
            $check::<VerifyCodeResult>(),
            $check::<MessageTemplate>(),
            $check::<VerifiedNumber>(),
            $check::<VerifiedNumberRequest>(),
            $check::<PageMeta>(),
        ]
    };
}

fn same_fields<T: DeserializeOwned + AnswerModel>() -> bool {
    assert_eq!(table_fields(&T::SHAPE), serde_fields::<T>(), "{}", std::any::type_name::<T>());
    true
}

#[test]
fn every_table_lists_its_models_fields_in_order() {
    assert!(each_model!(same_fields).into_iter().all(|same| same));
}

#[test]
fn the_check_and_serde_accept_and_refuse_the_same_bodies_at_the_same_member() {
    for (accepted, refused) in each_model!(agree) {
        assert!(accepted > 0 && refused > 0, "both outcomes reached: {accepted} accepted, {refused} refused");
    }
}

#[test]
fn a_struct_given_as_an_array_is_refused_by_the_check_though_serde_reads_it() {
    let body = json!({"sms": []});
    assert_eq!(serde_verdict::<VerifyProfile>(&body), None, "serde_json reads a struct from an array");
    assert_eq!(table_verdict::<VerifyProfile>(&body).as_deref(), Some("/sms"));
}

/// The field names an input model's rules list, in order.
fn rule_fields<T: InputModel>() -> Vec<&'static str> {
    T::RULES.fields.iter().map(|field| field.name).collect()
}

#[test]
fn every_input_rule_table_lists_its_models_fields_in_order() {
    assert_eq!(rule_fields::<CreateProfileInput>(), serde_fields::<CreateProfileInput>());
    assert_eq!(rule_fields::<UpdateProfileInput>(), serde_fields::<UpdateProfileInput>());
    assert_eq!(rule_fields::<TemplateInput>(), serde_fields::<TemplateInput>());
    assert_eq!(rule_fields::<VerifyCodeInput>(), serde_fields::<VerifyCodeInput>());
    assert_eq!(rule_fields::<CreateVerifiedNumberInput>(), serde_fields::<CreateVerifiedNumberInput>());
    assert_eq!(rule_fields::<SubmitVerifiedNumberCodeInput>(), serde_fields::<SubmitVerifiedNumberCodeInput>());
    assert_eq!(rule_fields::<ListProfilesQuery>(), serde_fields::<ListProfilesQuery>());
    assert_eq!(rule_fields::<ListVerifiedNumbersQuery>(), serde_fields::<ListVerifiedNumbersQuery>());
    assert_eq!(rule_fields::<PageQuery>(), serde_fields::<PageQuery>());
    // A model whose unnamed members pass through is read as a map: its named fields are its struct's.
    let channel = serde_json::to_value(ChannelInput {
        messaging_template_id: Some(String::new()),
        app_name: Some(String::new()),
        alpha_sender: Some(Nullable::Null),
        code_length: Some(5),
        whitelisted_destinations: Some(vec![]),
        default_verification_timeout_secs: Some(300),
        sender_phone_number: Some(Nullable::Null),
        template_id: Some(Nullable::Null),
        waba_id: Some(Nullable::Null),
        extra: Map::new(),
    })
    .unwrap();
    let written: Vec<&str> = channel.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(rule_fields::<ChannelInput>(), written);
    let extra = json!({"messaging_template": {"id": "x"}});
    assert!(check_input(&extra, &ChannelInput::RULES, "").is_empty(), "an unnamed member passes through");
    assert_eq!(check_input(&extra, &TemplateInput::RULES, "").len(), 2, "missing text, unknown member");
}

#[test]
fn each_verification_type_is_a_start_variant_with_its_models_rules() {
    let common = || ("+15551234567".to_owned(), "12ade33a-21c0-473b-b055-b3c836e1c292".to_owned());
    let (phone_number, verify_profile_id) = common();
    let sms = StartSms { phone_number, verify_profile_id, timeout_secs: Some(60), custom_code: None };
    let (phone_number, verify_profile_id) = common();
    let call = StartCall { phone_number, verify_profile_id, timeout_secs: None, custom_code: None, extension: None };
    let (phone_number, verify_profile_id) = common();
    let flashcall = StartFlashcall { phone_number, verify_profile_id, timeout_secs: None };
    let (phone_number, verify_profile_id) = common();
    let psd2 = StartPsd2 {
        phone_number,
        verify_profile_id,
        timeout_secs: None,
        amount: "1.00".into(),
        currency: Psd2Currency::EUR,
        payee: "Shop".into(),
    };
    let variants = [
        (StartVerification::Sms(sms.clone()), serde_fields::<StartSms>()),
        (StartVerification::Call(call), serde_fields::<StartCall>()),
        (StartVerification::Flashcall(flashcall), serde_fields::<StartFlashcall>()),
        (StartVerification::Whatsapp(sms), serde_fields::<StartSms>()),
        (StartVerification::Psd2(psd2), serde_fields::<StartPsd2>()),
    ];
    let mut tags = Vec::new();
    for (variant, fields) in variants {
        let tag = serde_json::to_value(&variant).unwrap()["type"].as_str().unwrap().to_owned();
        let (_, rules) = START_VARIANTS.iter().find(|(name, _)| *name == tag).expect("a start variant");
        assert_eq!(rules.fields.iter().map(|f| f.name).collect::<Vec<_>>(), fields, "{tag}");
        tags.push(tag);
    }
    assert_eq!(tags, VERIFICATION_TYPES);
    // When `type` is unknown, a flash call's rules are checked: they must be just the shared fields.
    let shared: Vec<&str> = START_VARIANTS[0]
        .1
        .fields
        .iter()
        .map(|f| f.name)
        .filter(|name| START_VARIANTS.iter().all(|(_, rules)| rules.fields.iter().any(|f| f.name == *name)))
        .collect();
    assert_eq!(rule_fields::<StartFlashcall>(), shared);
}

/// The pointers `check` reports as missing in an empty object.
fn missing_in_empty(check: impl Fn(&Value) -> Vec<Violation>) -> Vec<String> {
    let violations = check(&json!({}));
    violations.into_iter().filter(|v| v.kind == ViolationKind::Missing).map(|v| v.pointer).collect()
}

fn missing_fields<T: InputModel>() -> Vec<String> {
    missing_in_empty(|body| check_input(body, &T::RULES, ""))
}

#[test]
fn each_input_model_requires_the_fields_the_api_requires() {
    // Stated here from the spec's `required` lists (and, for profiles and verified numbers, their inline request
    // bodies), not read from the models: an Option field that lost its optionality in the macro fails this.
    assert_eq!(missing_fields::<CreateProfileInput>(), ["/name"]);
    assert!(missing_fields::<UpdateProfileInput>().is_empty());
    assert!(missing_fields::<ChannelInput>().is_empty());
    assert_eq!(missing_fields::<TemplateInput>(), ["/text"]);
    assert_eq!(missing_fields::<VerifyCodeInput>(), ["/phone_number", "/code", "/verify_profile_id"]);
    assert_eq!(missing_fields::<CreateVerifiedNumberInput>(), ["/phone_number", "/verification_method"]);
    assert_eq!(missing_fields::<SubmitVerifiedNumberCodeInput>(), ["/verification_code"]);
    assert!(missing_fields::<ListProfilesQuery>().is_empty());
    assert!(missing_fields::<ListVerifiedNumbersQuery>().is_empty());
    assert!(missing_fields::<PageQuery>().is_empty());
    let shared = ["/phone_number", "/verify_profile_id"];
    for kind in ["sms", "call", "flashcall", "whatsapp"] {
        let start = missing_in_empty(|_| check_start_verification(&json!({ "type": kind })));
        assert_eq!(start, shared, "{kind}");
    }
    let psd2 = missing_in_empty(|_| check_start_verification(&json!({"type": "psd2"})));
    assert_eq!(psd2, ["/phone_number", "/verify_profile_id", "/amount", "/currency", "/payee"]);
    assert_eq!(missing_in_empty(check_start_verification), ["/type", "/phone_number", "/verify_profile_id"]);
}

#[test]
fn an_unknown_member_of_a_start_is_told_the_fields_of_its_type() {
    let violations = check_start_verification(&json!({"type": "call", "phone_number": "+15551234567", "nope": 1}));
    let unknown = violations.iter().find(|v| v.pointer == "/nope").expect("the unknown member is named");
    assert_eq!(unknown.kind, ViolationKind::Unknown);
    let accepted = unknown.message.split("accepted fields: ").nth(1).expect("the accepted fields are listed");
    let names: Vec<&str> = accepted.split(", ").collect();
    // `type` is checked apart from the model's table and not listed: naming it too took the client over its budget.
    assert_eq!(names, ["phone_number", "verify_profile_id", "timeout_secs", "custom_code", "extension"]);
}

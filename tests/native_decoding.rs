//! Decoding of every example: for each of the spec's 21 operations, its 200 example (written, or assembled from
//! the schema's property examples) is accepted as the response of the endpoint the client builds for that
//! operation, whose method and path must match the spec. The request examples pass the client's validation.
//! The seed documents' older shapes and the error envelopes decode too.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json as j, Value};
use support::{json, seed, spec};
use telnyx_verify_wasm::internals::endpoints::{self as ep, Endpoint};
use telnyx_verify_wasm::internals::response::{check_success, parse_error_envelope, Unwrap};
use telnyx_verify_wasm::ErrorCode;

const ID: &str = "12ade33a-21c0-473b-b055-b3c836e1c292";
const PHONE: &str = "+13035551234";

/// The endpoint the client builds for each operationId of the spec.
fn endpoint_for(operation: &str) -> Endpoint {
    let id = json(j!(ID));
    let phone = json(j!(PHONE));
    let result = match operation {
        "CreateVerificationSms" => {
            ep::start_verification(&json(j!({"type": "sms", "phone_number": PHONE, "verify_profile_id": ID})))
        }
        "CreateVerificationCall" => {
            ep::start_verification(&json(j!({"type": "call", "phone_number": PHONE, "verify_profile_id": ID})))
        }
        "CreateFlashcallVerification" => {
            ep::start_verification(&json(j!({"type": "flashcall", "phone_number": PHONE, "verify_profile_id": ID})))
        }
        "CreateWhatsappVerification" => {
            ep::start_verification(&json(j!({"type": "whatsapp", "phone_number": PHONE, "verify_profile_id": ID})))
        }
        "RetrieveVerification" => ep::get_verification(&id),
        "VerifyVerificationCodeById" => ep::verify_code_by_id(&id, &json(j!({"code": "17686"}))),
        "ListVerifications" => ep::list_verifications(&phone),
        "VerifyVerificationCodeByPhoneNumber" => {
            ep::verify_code(&json(j!({"phone_number": PHONE, "code": "17686", "verify_profile_id": ID})))
        }
        "ListProfiles" => ep::list_profiles(&json(j!(null))),
        "CreateVerifyProfile" => ep::create_profile(&json(j!({"name": "x"}))),
        "GetVerifyProfile" => ep::get_profile(&id),
        "UpdateVerifyProfile" => ep::update_profile(&id, &json(j!({}))),
        "DeleteProfile" => ep::delete_profile(&id),
        "ListProfileMessageTemplates" => Ok(ep::list_templates()),
        "CreateMessageTemplate" => ep::create_template(&json(j!({"text": "x"}))),
        "UpdateMessageTemplate" => ep::update_template(&id, &json(j!({"text": "x"}))),
        "ListVerifiedNumbers" => ep::list_verified_numbers(&json(j!(null))),
        "CreateVerifiedNumber" => {
            ep::create_verified_number(&json(j!({"phone_number": PHONE, "verification_method": "sms"})))
        }
        "GetVerifiedNumber" => ep::get_verified_number(&phone),
        "DeleteVerifiedNumber" => ep::delete_verified_number(&phone),
        "VerifyVerificationCode" => ep::submit_verified_number_code(&phone, &json(j!({"verification_code": "123456"}))),
        other => panic!("the spec has an operation the client does not cover: {other}"),
    };
    result.expect("valid input")
}

/// Every `(path, method, operation)` in the spec.
fn operations(spec: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if ["get", "post", "patch", "delete"].contains(&method.as_str()) {
                out.push((path.clone(), method.to_uppercase(), operation.clone()));
            }
        }
    }
    out
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(spec, spec.pointer(pointer).unwrap_or_else(|| panic!("unresolved {reference}")))
        }
        None => schema,
    }
}

/// An instance assembled from a schema's examples: each property's `example`, or its default, enum, or a
/// recursively assembled value.
fn assemble(spec: &Value, schema: &Value) -> Value {
    let schema = resolve(spec, schema);
    if let Some(example) = schema.get("example") {
        return example.clone();
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = serde_json::Map::new();
        for part in all {
            if let Value::Object(m) = assemble(spec, part) {
                merged.extend(m);
            }
        }
        return Value::Object(merged);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values[0].clone();
    }
    let kind = match &schema["type"] {
        Value::Array(types) => types.iter().find(|t| *t != "null").cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    match kind.as_str() {
        Some("array") => Value::Array(vec![assemble(spec, &schema["items"])]),
        Some("string") => schema.get("default").cloned().unwrap_or(j!("text")),
        Some("integer") | Some("number") => schema.get("default").cloned().unwrap_or(j!(1)),
        Some("boolean") => schema.get("default").cloned().unwrap_or(j!(false)),
        _ => {
            let mut object = serde_json::Map::new();
            for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                object.insert(name.clone(), assemble(spec, property));
            }
            Value::Object(object)
        }
    }
}

#[test]
fn every_operation_maps_to_an_endpoint_with_the_spec_method_and_path() {
    let spec = spec();
    let ops = operations(&spec);
    assert_eq!(ops.len(), 21);
    for (path, method, operation) in &ops {
        let endpoint = endpoint_for(operation["operationId"].as_str().unwrap());
        assert_eq!(endpoint.request.method.as_str(), method, "{path}");
        let template: Vec<&str> = path.split('/').collect();
        let built: Vec<&str> = endpoint.request.path.split('?').next().unwrap().split('/').collect();
        assert_eq!(template.len(), built.len(), "{path} vs {}", endpoint.request.path);
        for (t, b) in template.iter().zip(&built) {
            assert!(t.starts_with('{') || t == b, "{path} vs {}", endpoint.request.path);
        }
    }
}

#[test]
fn every_200_example_decodes_written_or_assembled() {
    let spec = spec();
    let mut checked = 0;
    for (path, method, operation) in operations(&spec) {
        let endpoint = endpoint_for(operation["operationId"].as_str().unwrap());
        let content = &operation["responses"]["200"]["content"]["application/json"];
        let mut examples = vec![assemble(&spec, &content["schema"])];
        if let Some(written) = content.get("example") {
            examples.push(written.clone());
        }
        for example in examples {
            let unwrap = check_success(endpoint.expect, &json(example.clone()))
                .unwrap_or_else(|e| panic!("{method} {path}: {e}\n{example:#}"));
            let expected =
                if example.get("data").is_some() && !example["data"].is_array() { Unwrap::Data } else { Unwrap::Whole };
            assert_eq!(unwrap, expected, "{method} {path}");
            checked += 1;
        }
    }
    assert_eq!(checked, 24, "21 assembled + 3 written examples");
}

#[test]
fn every_request_example_passes_validation() {
    let spec = spec();
    let mut checked = 0;
    for (path, _, operation) in operations(&spec) {
        let Some(content) = operation.pointer("/requestBody/content/application~1json") else { continue };
        let id = operation["operationId"].as_str().unwrap();
        let mut bodies: Vec<Value> = vec![assemble(&spec, &content["schema"])];
        for example in
            content.get("examples").and_then(Value::as_object).into_iter().flatten().map(|(_, e)| e["value"].clone())
        {
            bodies.push(example);
        }
        for body in bodies {
            let result = match id {
                "CreateVerificationSms"
                | "CreateVerificationCall"
                | "CreateFlashcallVerification"
                | "CreateWhatsappVerification" => {
                    let kind = path.rsplit('/').next().unwrap();
                    let mut input = body.as_object().unwrap().clone();
                    input.insert("type".into(), j!(kind));
                    ep::start_verification(&json(Value::Object(input)))
                }
                "VerifyVerificationCodeById" => ep::verify_code_by_id(&json(j!(ID)), &json(j!({"code": body["code"]}))),
                "VerifyVerificationCodeByPhoneNumber" => {
                    let mut input = body.as_object().unwrap().clone();
                    input.insert("phone_number".into(), j!(PHONE));
                    ep::verify_code(&json(Value::Object(input)))
                }
                "CreateVerifyProfile" => ep::create_profile(&json(body.clone())),
                "UpdateVerifyProfile" => ep::update_profile(&json(j!(ID)), &json(body.clone())),
                "CreateMessageTemplate" => ep::create_template(&json(body.clone())),
                "UpdateMessageTemplate" => ep::update_template(&json(j!(ID)), &json(body.clone())),
                "CreateVerifiedNumber" => {
                    // Assembled from property examples, the body pairs `extension` with "sms"; the extension is
                    // call-only (fact sheet §3.6), as the spec's own written example with it shows.
                    let mut input = body.as_object().unwrap().clone();
                    if input.contains_key("extension") {
                        input.insert("verification_method".into(), j!("call"));
                    }
                    ep::create_verified_number(&json(Value::Object(input)))
                }
                "VerifyVerificationCode" => ep::submit_verified_number_code(&json(j!(PHONE)), &json(body.clone())),
                other => panic!("unexpected request body on {other}"),
            };
            result.unwrap_or_else(|e| panic!("{id}: {e}\n{body:#}"));
            checked += 1;
        }
    }
    assert_eq!(checked, 15, "12 assembled bodies + 3 written verified-number examples");
}

#[test]
fn the_psd2_example_of_the_historic_spec_passes_validation() {
    let psd2 = support::fixture("psd2-2023-subset.json");
    let schema = &psd2["components"]["schemas"]["CreateVerificationRequestPSD2"];
    let mut body = assemble(&psd2, schema).as_object().unwrap().clone();
    body.insert("type".into(), j!("psd2"));
    let endpoint = ep::start_verification(&json(Value::Object(body))).expect("valid");
    assert_eq!(endpoint.request.path, "/verifications/psd2");
}

#[test]
fn the_seed_documents_older_shapes_decode() {
    let cases = [
        ("quickstart_profile_response", ep::get_profile(&json(j!(ID))).unwrap()),
        ("reference_profile_response", ep::create_profile(&json(j!({"name": "x"}))).unwrap()),
        ("quickstart_verification_response", endpoint_for("CreateVerificationSms")),
        ("quickstart_verify_code_response", endpoint_for("VerifyVerificationCodeByPhoneNumber")),
    ];
    for (key, endpoint) in cases {
        assert_eq!(check_success(endpoint.expect, &json(seed(key))), Ok(Unwrap::Data), "{key}");
    }
}

#[test]
fn unknown_fields_unknown_enum_values_and_naive_timestamps_are_accepted() {
    let body = json(j!({"data": {
        "id": ID, "status": "sms_delivery_failed", "type": "psd2_verification",
        "created_at": "2020-09-14T17:03:32.965812", "brand_new_field": {"nested": [1, 2]}
    }}));
    assert_eq!(check_success(endpoint_for("RetrieveVerification").expect, &body), Ok(Unwrap::Data));
    let rejected = json(j!({"data": {"phone_number": PHONE, "response_code": "rejected"}}));
    assert_eq!(check_success(endpoint_for("VerifyVerificationCodeById").expect, &rejected), Ok(Unwrap::Data));
}

#[test]
fn a_body_that_breaks_the_documented_shape_is_a_decode_error() {
    let verify = endpoint_for("VerifyVerificationCodeByPhoneNumber").expect;
    let cases = [
        (verify, j!({"data": {"phone_number": PHONE}}), "/data/response_code"),
        (verify, j!({"data": {"phone_number": PHONE, "response_code": 1}}), "/data/response_code"),
        (verify, j!({"result": "accepted"}), "/data"),
        (verify, j!([1, 2]), "/data"),
        // serde_json alone would read a struct from an array, field by field; the API never answers so.
        (verify, j!({"data": [PHONE, "accepted"]}), "/data"),
        (endpoint_for("ListProfiles").expect, j!({"data": [["profile"]]}), "/data/0"),
        (endpoint_for("GetVerifyProfile").expect, j!({"data": "profile"}), "/data"),
        (
            endpoint_for("GetVerifyProfile").expect,
            j!({"data": {"sms": {"code_length": "six"}}}),
            "/data/sms/code_length",
        ),
        (endpoint_for("ListProfiles").expect, j!({"data": {}}), "/data"),
        (endpoint_for("ListProfiles").expect, j!({"data": [{"name": 5}]}), "/data/0/name"),
        (endpoint_for("ListProfiles").expect, j!({"data": [], "meta": {"total_pages": "3"}}), "/meta/total_pages"),
        (endpoint_for("CreateVerifiedNumber").expect, j!("ok"), "the body"),
    ];
    for (expect, body, pointer) in cases {
        let error = check_success(expect, &json(body.clone())).unwrap_err();
        assert_eq!(error.code, ErrorCode::DecodeError, "{body}");
        assert!(error.message.contains(pointer), "{body}: {}", error.message);
        assert!(
            !error.message.contains("profile\"") && !error.message.contains("six"),
            "no body content: {}",
            error.message
        );
    }
}

#[test]
fn error_envelopes_decode_with_string_or_integer_codes() {
    let seed_errors = parse_error_envelope(&json(seed("reference_error_response")));
    assert_eq!(seed_errors.len(), 1);
    let e = &seed_errors[0];
    assert_eq!(
        (e.code.as_str(), e.title.as_str(), e.pointer.as_deref(), e.parameter.as_deref()),
        ("10015", "Invalid sorting value", Some("/sort"), Some("string"))
    );
    assert_eq!(e.url.as_deref(), Some("https://developers.telnyx.com/docs/overview/errors/10015"));
    assert!(e.detail.as_deref().unwrap().starts_with("The value provided"));

    let spec = spec();
    let generic =
        parse_error_envelope(&json(j!({"errors": [spec["components"]["schemas"]["Error"]["example"].clone()]})));
    assert_eq!((generic[0].code.as_str(), generic[0].pointer.as_deref()), ("20207", Some("/street_address")));

    let integer = parse_error_envelope(&json(
        j!({"errors": [{"code": 10009, "title": "Authentication failed"}, "junk", {"title": "no code"}]}),
    ));
    assert_eq!(integer.len(), 2, "non-object entries are skipped");
    assert_eq!((integer[0].code.as_str(), integer[0].title.as_str()), ("10009", "Authentication failed"));
    assert_eq!(integer[1].code, "");
    assert!(parse_error_envelope(&json(j!({"message": "nope"}))).is_empty());
}

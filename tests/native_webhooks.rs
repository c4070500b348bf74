//! Webhook signatures natively: the RFC 8032 §7.1 Ed25519 test vectors through the crate's key and signature
//! handling, the whole `verify_webhook` (headers by name in any case, the window, every failure code), and the
//! sandbox's emitted events verifying with its public key.
#![cfg(all(not(target_arch = "wasm32"), feature = "sandbox"))]

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use telnyx_verify_wasm::internals::webhooks::public_key;
use telnyx_verify_wasm::sandbox::{Body, Random, Request, Sandbox, DEFAULT_LIMITS};
use telnyx_verify_wasm::webhooks::{self, sign, verify_webhook, DEFAULT_TOLERANCE_SECS};
use telnyx_verify_wasm::{ErrorCode, EventType};

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

/// RFC 8032 §7.1, TEST 1 to 3: secret key, public key, message, signature.
const VECTORS: [(&str, &str, &str, &str); 3] = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
];

#[test]
fn rfc_8032_vectors() {
    use ed25519_dalek::{Signature, Signer};
    for (secret, public, message, signature) in VECTORS {
        let seed: [u8; 32] = hex(secret).try_into().unwrap();
        assert_eq!(webhooks::public_key_of(&seed), STANDARD.encode(hex(public)), "the public key of the secret");
        let key = public_key(&STANDARD.encode(hex(public))).expect("the vector's key is accepted");
        let expected = Signature::from_bytes(&hex(signature).try_into().unwrap());
        assert!(key.verify_strict(&hex(message), &expected).is_ok(), "the vector's signature verifies");
        let ours = ed25519_dalek::SigningKey::from_bytes(&seed).sign(&hex(message));
        assert_eq!(ours, expected, "deterministic signing gives the vector's signature");
        let mut flipped = hex(message);
        flipped.push(0);
        assert!(key.verify_strict(&flipped, &expected).is_err());
    }
}

const SEED: [u8; 32] = [7; 32];
const NOW: i64 = 1_795_348_800;
const BODY: &str = r#"{"data":{"event_type":"verify.failed","id":"e1","payload":{"id":"v1","type":"call","delivery_status":"delivery_failed"},"record_type":"event"}}"#;

fn check(
    body: &str,
    headers: &[(&str, &str)],
    key: &str,
    now: i64,
) -> Result<telnyx_verify_wasm::WebhookEvent, ErrorCode> {
    verify_webhook(body.as_bytes(), headers.iter().copied(), key, now, DEFAULT_TOLERANCE_SECS).map_err(|e| e.code)
}

#[test]
fn verify_webhook_accepts_a_signed_event_and_refuses_everything_else() {
    let key = webhooks::public_key_of(&SEED);
    let (signature, timestamp) = sign(BODY.as_bytes(), &SEED, NOW);
    let good = [("Telnyx-Signature-Ed25519", signature.as_str()), ("TELNYX-TIMESTAMP", timestamp.as_str())];
    let event = check(BODY, &good, &key, NOW + 300).expect("verified");
    assert_eq!(event.event_type, EventType::Failed);
    assert_eq!(event.payload.delivery_status.as_deref(), Some("delivery_failed"));
    let other_key = webhooks::public_key_of(&[8; 32]);
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str, i64, ErrorCode);
    let cases: [Case; 7] = [
        (&BODY.replace("failed", "sent"), good.to_vec(), &key, NOW, ErrorCode::WebhookSignatureInvalid),
        (BODY, good.to_vec(), &other_key, NOW, ErrorCode::WebhookSignatureInvalid),
        (BODY, good.to_vec(), &key, NOW + 301, ErrorCode::WebhookTimestampOutOfRange),
        (BODY, good[..1].to_vec(), &key, NOW, ErrorCode::WebhookSignatureMissing),
        (BODY, [good[0], good[0], good[1]].to_vec(), &key, NOW, ErrorCode::WebhookSignatureInvalid),
        (BODY, [good[0], ("telnyx-timestamp", "-5")].to_vec(), &key, NOW, ErrorCode::WebhookTimestampInvalid),
        (BODY, good.to_vec(), "AAAA", NOW, ErrorCode::WebhookKeyInvalid),
    ];
    for (body, headers, key, now, code) in cases {
        assert_eq!(check(body, &headers, key, now).map(|_| ()), Err(code), "{headers:?}");
    }
    let (signature, timestamp) = sign(b"[1]", &SEED, NOW);
    let not_an_event = [("telnyx-signature-ed25519", signature.as_str()), ("telnyx-timestamp", timestamp.as_str())];
    assert_eq!(check("[1]", &not_an_event, &key, NOW).map(|_| ()), Err(ErrorCode::WebhookPayloadInvalid));
}

/// The eight encodings of points of small order (the identity, order 2, 4 and 8), as libsodium blocks them.
const SMALL_ORDER_KEYS: [&str; 8] = [
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
];

#[test]
fn a_small_order_key_is_refused_through_verify_webhook() {
    use ed25519_dalek::{Signature, Verifier, VerifyingKey};
    // R = the identity, S = 0: under the cofactorless equation this "signs" every body for the identity key.
    let mut forged = [0u8; 64];
    forged[0] = 1;
    let identity = VerifyingKey::from_bytes(&hex(SMALL_ORDER_KEYS[0]).try_into().unwrap()).unwrap();
    let (_, timestamp) = sign(BODY.as_bytes(), &SEED, NOW);
    let message = format!("{timestamp}|{BODY}");
    assert!(
        identity.verify(message.as_bytes(), &Signature::from_bytes(&forged)).is_ok(),
        "the vector bites: a verifier without the small-order check accepts the forgery"
    );
    let forged = STANDARD.encode(forged);
    let headers = [("telnyx-signature-ed25519", forged.as_str()), ("telnyx-timestamp", timestamp.as_str())];
    for key in SMALL_ORDER_KEYS {
        let key = STANDARD.encode(hex(key));
        assert_eq!(check(BODY, &headers, &key, NOW).map(|_| ()), Err(ErrorCode::WebhookKeyInvalid), "{key}");
    }
}

/// The group order L, little-endian.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

#[test]
fn a_non_canonical_signature_is_refused_through_verify_webhook() {
    let key = webhooks::public_key_of(&SEED);
    let (signature, timestamp) = sign(BODY.as_bytes(), &SEED, NOW);
    let mut bytes: [u8; 64] = STANDARD.decode(&signature).unwrap().try_into().unwrap();
    // S + L: the same scalar modulo L, so a verifier that reduces S would accept it (signature malleability).
    let mut carry = 0u16;
    for (s, l) in bytes[32..].iter_mut().zip(L) {
        let sum = u16::from(*s) + u16::from(l) + carry;
        *s = sum as u8;
        carry = sum >> 8;
    }
    assert_eq!(carry, 0, "S + L fits 256 bits");
    let malleated = STANDARD.encode(bytes);
    assert_ne!(malleated, signature);
    let good = [("telnyx-signature-ed25519", signature.as_str()), ("telnyx-timestamp", timestamp.as_str())];
    let bad = [("telnyx-signature-ed25519", malleated.as_str()), ("telnyx-timestamp", timestamp.as_str())];
    assert!(check(BODY, &good, &key, NOW).is_ok(), "the canonical signature verifies");
    assert_eq!(check(BODY, &bad, &key, NOW).map(|_| ()), Err(ErrorCode::WebhookSignatureInvalid));
}

struct Counter(u32);
impl Random for Counter {
    fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        self.0
    }
}

#[test]
fn the_sandbox_signs_what_it_emits() {
    let mut sandbox = Sandbox::new(DEFAULT_LIMITS);
    sandbox.set_webhook_seed(SEED);
    let mut random = Counter(1);
    let now = NOW as f64 * 1000.0;
    let mut call = |method: &'static str, path: &str, body: serde_json::Value| {
        let request = Request { method, path, authorization: Some("Bearer t"), body: Body::Json(body) };
        sandbox.handle(request, now, &mut random).body
    };
    let profile =
        call("POST", "/verify_profiles", serde_json::json!({"name": "x", "webhook_url": "https://h.example/w"}));
    let id = profile["data"]["id"].as_str().unwrap().to_owned();
    call("POST", "/verifications/sms", serde_json::json!({"phone_number": "+13035550150", "verify_profile_id": id}));
    let key = sandbox.webhook_public_key();
    let kinds: Vec<_> = sandbox
        .webhooks()
        .iter()
        .rev()
        .map(|d| {
            let headers = d.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            verify_webhook(d.body.as_bytes(), headers, &key, NOW, 300).expect("verifies").event_type
        })
        .collect();
    assert_eq!(kinds, [EventType::Sent, EventType::Failed], "+1 303 555-0150 is in the fictional range");
    assert!(sandbox.webhooks().iter().all(|d| d.url == "https://h.example/w" && d.status.is_none()));
}

//! The events a verification emits to its profile's `webhook_url`, in Telnyx's envelope and signed as Telnyx
//! signs them (see `crate::webhooks`), with timestamps from the sandbox's clock.

use serde_json::Value;

use super::ids::{timestamp, uuid};
use super::{number, object, Random, Sandbox, Verification, WebhookDelivery};

/// The North American fictional range 555-0100 to 555-0199: `+1`, a 3-digit area code, `55501`, two digits.
pub fn undeliverable(phone: &str) -> bool {
    let digits = phone.strip_prefix("+1").unwrap_or_default();
    digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()) && digits.get(3..8) == Some("55501")
}

/// One signed delivery of `event` about `verification`.
#[allow(clippy::too_many_arguments)]
pub fn emit(
    sb: &Sandbox,
    verification: &Verification,
    event: &str,
    delivery_status: &str,
    url: &str,
    failover_url: Option<String>,
    now: f64,
    random: &mut dyn Random,
) -> WebhookDelivery {
    let event_id = uuid(random);
    let payload = object([
        ("id", Value::String(verification.id.clone())),
        ("type", Value::String(verification.kind.clone())),
        ("status", Value::String(verification.status.clone())),
        ("delivery_status", Value::String(delivery_status.into())),
        ("phone_number", Value::String(verification.phone_number.clone())),
        ("profile_id", Value::String(verification.profile_id.clone())),
        ("timeout_secs", number(verification.timeout_secs)),
        ("record_type", Value::String("verification".into())),
        ("created_at", Value::String(timestamp(verification.created_ms))),
        ("updated_at", Value::String(timestamp(now))),
    ]);
    let envelope = object([
        (
            "data",
            object([
                ("event_type", Value::String(event.into())),
                ("id", Value::String(event_id.clone())),
                ("occurred_at", Value::String(format!("{}Z", timestamp(now)))),
                ("payload", payload),
                ("record_type", Value::String("event".into())),
            ]),
        ),
        ("meta", object([("attempt", Value::from(1)), ("delivered_to", Value::String(url.into()))])),
    ]);
    let body = envelope.to_string();
    let (signature, timestamp_header) =
        crate::webhooks::sign(body.as_bytes(), &sb.webhook_seed, (now / 1000.0).floor() as i64);
    WebhookDelivery {
        id: event_id,
        url: url.to_owned(),
        failover_url,
        headers: vec![
            ("content-type".into(), "application/json".into()),
            (crate::webhooks::SIGNATURE_HEADER.into(), signature),
            (crate::webhooks::TIMESTAMP_HEADER.into(), timestamp_header),
        ],
        body,
        status: None,
        delivered_to: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fictional_range_is_undeliverable() {
        assert!(undeliverable("+13035550100") && undeliverable("+12125550199"));
        assert!(!undeliverable("+13035550200") && !undeliverable("+13035551234") && !undeliverable("+443035550100"));
    }
}

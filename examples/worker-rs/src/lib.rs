//! A Cloudflare Worker in Rust that puts phone verification behind two routes, with the Telnyx Verify client
//! called as a Rust API:
//!
//! - `POST /verifications` `{"phone_number": "+13035551234"}` starts an SMS verification;
//! - `POST /verifications/check` `{"phone_number": "...", "code": "12345"}` checks the code.
//!
//! Configuration: the secret `TELNYX_API_KEY` and the variable `VERIFY_PROFILE_ID`; `TELNYX_BASE_URL` points the
//! client elsewhere (a sandbox server, for tests).

use serde::{Deserialize, Serialize};
use telnyx_verify_wasm::{Client, ClientOptions, ResponseCode, StartSms, StartVerification, VerifyCodeInput};
use worker::{event, Context, Env, Method, Request, Response, Result};

#[derive(Deserialize)]
struct Start {
    phone_number: String,
}

#[derive(Deserialize)]
struct Check {
    phone_number: String,
    code: String,
}

#[derive(Serialize)]
struct Started {
    id: Option<String>,
    status: Option<String>,
}

#[derive(Serialize)]
struct Checked {
    verified: bool,
}

/// The client's error for the caller: its stable code and message (neither carries the key), and the API's
/// status or 502.
fn failure(error: &telnyx_verify_wasm::Error) -> Result<Response> {
    let status = if error.is_validation() { 400 } else { error.status.filter(|s| (400..500).contains(s)).unwrap_or(502) };
    Ok(Response::from_json(&Failure { code: error.code.as_str(), message: &error.message })?.with_status(status))
}

#[derive(Serialize)]
struct Failure<'a> {
    code: &'a str,
    message: &'a str,
}

#[event(fetch)]
async fn fetch(mut req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let key = env.secret("TELNYX_API_KEY")?.to_string();
    let profile = env.var("VERIFY_PROFILE_ID")?.to_string();
    let mut options = ClientOptions::with_api_key(key);
    if let Ok(base) = env.var("TELNYX_BASE_URL") {
        options.base_url = base.to_string();
    }
    let client = match Client::new(options) {
        Ok(client) => client,
        Err(error) => return Response::error(format!("configuration: {}", error.code), 500),
    };
    match (req.method(), req.path().as_str()) {
        (Method::Post, "/verifications") => {
            let Start { phone_number } = req.json().await?;
            let input =
                StartVerification::Sms(StartSms { phone_number, verify_profile_id: profile, ..Default::default() });
            match client.start_verification(&input).await {
                Ok(verification) => Response::from_json(&Started {
                    id: verification.id,
                    status: verification.status.map(|s| s.to_string()),
                }),
                Err(error) => failure(&error),
            }
        }
        (Method::Post, "/verifications/check") => {
            let Check { phone_number, code } = req.json().await?;
            let input = VerifyCodeInput { phone_number, code, verify_profile_id: profile };
            match client.verify_code(&input).await {
                Ok(result) => {
                    Response::from_json(&Checked { verified: result.response_code == ResponseCode::Accepted })
                }
                Err(error) => failure(&error),
            }
        }
        _ => Response::error("not found", 404),
    }
}

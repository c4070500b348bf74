//! The client as an async Rust API, for any wasm32 Rust code (a workers-rs Worker, a Leptos, Dioxus or Yew
//! app) and as the engine of the JS `VerifyClient`:
//!
//! ```ignore
//! let client = Client::new(ClientOptions::with_api_key(key))?;
//! let verification = client.start_verification(&StartVerification::Sms(StartSms {
//!     phone_number: "+13035551234".into(),
//!     verify_profile_id: profile_id,
//!     ..Default::default()
//! })).await?;
//! ```
//!
//! Inputs are validated by the same rules as the JS API's before anything is sent; answers are decoded into
//! the models. The attempts loop lives here: per-attempt timeout (headers and body), the pure retry decision
//! of `crate::retry`, server-requested delays, backoff with jitter, an overall deadline and cancellation.

pub(crate) mod js;
pub(crate) mod pages;
mod transport;

pub use pages::Pages;

use std::rc::Rc;

use js_sys::{Function, Promise};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

use crate::endpoints::{self, Endpoint};
use crate::error::{Error, ErrorCode};
use crate::model::*;
use crate::options::ClientOptions;
use crate::response::{check_success, decode, error_from_status, Expect, Unwrap};
use crate::retry::{decide, Decision, Outcome, RetryPolicy};
use transport::{attempt, Answer, Body, Failure, Listener};

/// What a retry hook is told: the failure, and how long the client waits before the next attempt.
#[derive(Debug)]
pub struct RetryInfo<'a> {
    /// 1 for the first retry.
    pub attempt: u32,
    /// How long the client waits before the retry, in milliseconds (the server's `Retry-After`, or the backoff).
    pub delay_ms: f64,
    /// Why the attempt failed.
    pub error: &'a Error,
}

/// A hook called before each retry.
pub type OnRetry = Rc<dyn Fn(&RetryInfo<'_>)>;

/// Per-call settings; every field overrides the client's when set.
#[derive(Clone, Default)]
pub struct CallOptions {
    /// Each attempt's time limit, headers and body (`ClientOptions::timeout_ms` otherwise).
    pub timeout_ms: Option<u32>,
    /// The whole call's time limit, across retries.
    pub deadline_ms: Option<u32>,
    /// How many retries at most (`0`: none).
    pub max_retries: Option<u32>,
    /// Retry creates like reads: a verification may then be sent twice.
    pub unsafe_retries: bool,
    /// Cancels the call; it then fails with `ErrorCode::Aborted`.
    pub signal: Option<AbortSignal>,
    /// Called before each retry of this call.
    pub on_retry: Option<OnRetry>,
}

/// A client of the Telnyx Verify API. Cheap to clone and to keep for the life of a Worker.
#[derive(Clone)]
pub struct Client {
    options: Rc<ClientOptions>,
    fetch: Option<Function>,
    on_retry: Option<OnRetry>,
    /// What every call of this client uses, unless the call is made with its own (the JS skin's methods).
    call: CallOptions,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("options", &self.options).field("custom_fetch", &self.fetch.is_some()).finish()
    }
}

impl Client {
    /// A client with checked options (a `validation_failed` error names the first bad one).
    pub fn new(options: ClientOptions) -> Result<Client, Error> {
        Ok(Client { options: Rc::new(options.checked()?), fetch: None, on_retry: None, call: CallOptions::default() })
    }

    /// Sends through `fetch` instead of the global one: a sandbox's fetch, a service binding, a proxy. It is
    /// called with one `Request` and no receiver, and must return a `Response` or a promise of one.
    pub fn with_fetch(mut self, fetch: Function) -> Client {
        self.fetch = Some(fetch);
        self
    }

    /// Calls `hook` before each retry.
    pub fn with_on_retry(mut self, hook: impl Fn(&RetryInfo<'_>) + 'static) -> Client {
        self.on_retry = Some(Rc::new(hook));
        self
    }

    /// A client whose calls use `call`: a timeout, a deadline, retries, an `AbortSignal`. A client is cheap to
    /// clone, so one call gets its own with `client.clone().with_call_options(…)`.
    ///
    /// ```no_run
    /// # #[cfg(target_arch = "wasm32")]
    /// # async fn run(client: &telnyx_verify_wasm::Client, signal: web_sys::AbortSignal) -> Result<(), telnyx_verify_wasm::Error> {
    /// use telnyx_verify_wasm::CallOptions;
    ///
    /// let call = CallOptions { timeout_ms: Some(5_000), signal: Some(signal), ..Default::default() };
    /// let profile = client.clone().with_call_options(call).get_profile("12ade33a-21c0-473b-b055-b3c836e1c292").await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_call_options(mut self, call: CallOptions) -> Client {
        self.call = call;
        self
    }

    /// Sets (or, with `None`, removes) the retry hook as a shared function.
    pub fn with_on_retry_hook(mut self, hook: Option<OnRetry>) -> Client {
        self.on_retry = hook;
        self
    }

    /// The checked options this client was made with.
    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    // ---- Verify profiles ----------------------------------------------------------------------

    /// Creates a verify profile: `POST /verify_profiles`.
    pub async fn create_profile(&self, input: &CreateProfileInput) -> Result<VerifyProfile, Error> {
        self.fetch_as(endpoints::create_profile(&value(input)?)).await
    }

    /// A profile by id: `GET /verify_profiles/{id}`.
    pub async fn get_profile(&self, id: &str) -> Result<VerifyProfile, Error> {
        self.fetch_as(endpoints::get_profile(&id.into())).await
    }

    /// Changes a profile (only the fields given): `PATCH /verify_profiles/{id}`.
    pub async fn update_profile(&self, id: &str, input: &UpdateProfileInput) -> Result<VerifyProfile, Error> {
        self.fetch_as(endpoints::update_profile(&id.into(), &value(input)?)).await
    }

    /// Resolves to the deleted profile.
    pub async fn delete_profile(&self, id: &str) -> Result<VerifyProfile, Error> {
        self.fetch_as(endpoints::delete_profile(&id.into())).await
    }

    /// One page of profiles, filtered and paged by `query`.
    pub async fn list_profiles(&self, query: &ListProfilesQuery) -> Result<Page<VerifyProfile>, Error> {
        self.fetch_as(endpoints::list_profiles(&value(query)?)).await
    }

    /// Every profile, page after page (`while let Some(profile) = pages.next().await { … }`).
    pub fn iterate_profiles(&self, query: &ListProfilesQuery) -> Pages<VerifyProfile> {
        Pages::new(self.clone(), value(query), endpoints::list_profiles, self.call.clone())
    }

    // ---- Message templates --------------------------------------------------------------------

    /// The message templates a profile can use (`{{app_name}}`, `{{code}}`).
    pub async fn list_templates(&self) -> Result<Page<MessageTemplate>, Error> {
        self.fetch_as(Ok(endpoints::list_templates())).await
    }

    /// Creates a message template.
    pub async fn create_template(&self, input: &TemplateInput) -> Result<MessageTemplate, Error> {
        self.fetch_as(endpoints::create_template(&value(input)?)).await
    }

    /// Changes a message template's text.
    pub async fn update_template(&self, id: &str, input: &TemplateInput) -> Result<MessageTemplate, Error> {
        self.fetch_as(endpoints::update_template(&id.into(), &value(input)?)).await
    }

    // ---- Verifications ------------------------------------------------------------------------

    /// Sends a code by SMS, call, flash call, WhatsApp or PSD2 SMS.
    pub async fn start_verification(&self, input: &StartVerification) -> Result<Verification, Error> {
        self.fetch_as(endpoints::start_verification(&value(input)?)).await
    }

    /// A verification by id: its status, type and timeout.
    pub async fn get_verification(&self, id: &str) -> Result<Verification, Error> {
        self.fetch_as(endpoints::get_verification(&id.into())).await
    }

    /// The verifications sent to `phone_number` (E.164).
    pub async fn list_verifications(&self, phone_number: &str) -> Result<Page<Verification>, Error> {
        self.fetch_as(endpoints::list_verifications(&phone_number.into())).await
    }

    /// A wrong code is `Ok` with `ResponseCode::Rejected`, not an error.
    pub async fn verify_code(&self, input: &VerifyCodeInput) -> Result<VerifyCodeResult, Error> {
        self.fetch_as(endpoints::verify_code(&value(input)?)).await
    }

    /// Checks a code for the verification `id` (or reports the outcome of your own `custom_code` check).
    /// A wrong code is `Ok` with `ResponseCode::Rejected`.
    pub async fn verify_code_by_id(&self, id: &str, input: &VerifyCodeByIdInput) -> Result<VerifyCodeResult, Error> {
        self.fetch_as(endpoints::verify_code_by_id(&id.into(), &value(input)?)).await
    }

    // ---- Verified numbers ---------------------------------------------------------------------

    /// Starts verifying a number you own (for caller ID), by SMS or call.
    pub async fn create_verified_number(
        &self,
        input: &CreateVerifiedNumberInput,
    ) -> Result<VerifiedNumberRequest, Error> {
        self.fetch_as(endpoints::create_verified_number(&value(input)?)).await
    }

    /// One page of your verified numbers.
    pub async fn list_verified_numbers(&self, query: &ListVerifiedNumbersQuery) -> Result<Page<VerifiedNumber>, Error> {
        self.fetch_as(endpoints::list_verified_numbers(&value(query)?)).await
    }

    /// Every verified number, page after page.
    pub fn iterate_verified_numbers(&self, query: &ListVerifiedNumbersQuery) -> Pages<VerifiedNumber> {
        Pages::new(self.clone(), value(query), endpoints::list_verified_numbers, self.call.clone())
    }

    /// A verified number by its E.164 number.
    pub async fn get_verified_number(&self, phone_number: &str) -> Result<VerifiedNumber, Error> {
        self.fetch_as(endpoints::get_verified_number(&phone_number.into())).await
    }

    /// Deletes a verified number; resolves to what was deleted.
    pub async fn delete_verified_number(&self, phone_number: &str) -> Result<VerifiedNumber, Error> {
        self.fetch_as(endpoints::delete_verified_number(&phone_number.into())).await
    }

    /// Submits the code sent by `create_verified_number`, which completes the verification.
    pub async fn submit_verified_number_code(
        &self,
        phone_number: &str,
        input: &SubmitVerifiedNumberCodeInput,
    ) -> Result<VerifiedNumber, Error> {
        self.fetch_as(endpoints::submit_verified_number_code(&phone_number.into(), &value(input)?)).await
    }

    // ---- Sending ------------------------------------------------------------------------------

    /// Sends `endpoint` and decodes the part of the answer its caller receives (`send` checked its shape).
    async fn fetch_as<T: DeserializeOwned>(&self, endpoint: Result<Endpoint, Error>) -> Result<T, Error> {
        decode(&self.send(endpoint?, &self.call).await?.into_json())
    }

    /// Sends a built endpoint with per-call options and resolves to the checked answer. Invalid input never
    /// gets here: building the endpoint validated it.
    pub(crate) async fn send(&self, endpoint: Endpoint, call: &CallOptions) -> Result<Answered, Error> {
        let policy = self.retry_policy(call);
        let timeout_ms = f64::from(call.timeout_ms.unwrap_or(self.options.timeout_ms));
        let deadline = call.deadline_ms.or(self.options.deadline_ms).map(|ms| js::now_ms() + f64::from(ms));
        let on_retry = call.on_retry.as_ref().or(self.on_retry.as_ref());
        let signal = call.signal.as_ref();
        let mut retries_done = 0;
        loop {
            let time_left = deadline.map_or(timeout_ms, |d| timeout_ms.min(d - js::now_ms()).max(0.0));
            let result = attempt(&self.options, self.fetch.as_ref(), &endpoint.request, time_left, signal).await;
            let (outcome, error) = match judge(endpoint.expect, result) {
                Judged::Final(result) => return result.map_err(|error| self.redacted(error)),
                Judged::Retryable(outcome, error) => (outcome, self.redacted(error)),
            };
            let Decision::Retry { delay_ms } = decide(&policy, endpoint.class, outcome, retries_done, js::jitter())
            else {
                return Err(error);
            };
            if deadline.is_some_and(|d| js::now_ms() + delay_ms >= d) {
                return Err(error); // no time left for another attempt
            }
            retries_done += 1;
            if let Some(hook) = on_retry {
                hook(&RetryInfo { attempt: retries_done, delay_ms, error: &error });
            }
            wait(delay_ms, signal).await;
        }
    }

    /// `error` without the API key, wherever the server echoed it.
    fn redacted(&self, error: Error) -> Error {
        match &self.options.api_key {
            Some(key) => error.redacted(key),
            None => error,
        }
    }

    /// The client's retry policy with this call's overrides.
    fn retry_policy(&self, call: &CallOptions) -> RetryPolicy {
        let retry = self.options.retry;
        RetryPolicy {
            max_retries: call.max_retries.unwrap_or(retry.max_retries),
            unsafe_retries: call.unsafe_retries || retry.unsafe_retries,
            ..retry
        }
    }
}

/// What one attempt's result means for the call: its result, or a failure that a retry might mend.
enum Judged {
    Final(Result<Answered, Error>),
    Retryable(Outcome, Error),
}

fn judge(expect: Expect, result: Result<Answer, Failure>) -> Judged {
    match result {
        Ok(answer) if (200..300).contains(&answer.status) => Judged::Final(success(expect, answer)),
        Ok(answer) => {
            let json = answer.body.as_ref().map(|body| &body.json);
            let error = error_from_status(answer.status, json, answer.retry_after_ms.map(|ms| ms / 1000.0));
            let outcome = Outcome::Status {
                status: answer.status,
                retry_after_ms: answer.retry_after_ms,
                should_retry: answer.should_retry,
            };
            Judged::Retryable(outcome, error)
        }
        Err(Failure::Aborted) => Judged::Final(Err(aborted())),
        Err(Failure::Timeout) => Judged::Retryable(
            Outcome::Timeout,
            Error::new(ErrorCode::Timeout, "No complete response before the timeout"),
        ),
        Err(Failure::NotSent(reason)) => Judged::Retryable(Outcome::NotSent, network_error(&reason)),
        Err(Failure::Network(reason)) => Judged::Retryable(Outcome::Network, network_error(&reason)),
        Err(Failure::Unreadable(reason)) => {
            Judged::Final(Err(Error::new(ErrorCode::DecodeError, format!("The response cannot be read: {reason}"))))
        }
    }
}

/// A 2xx answer: its JSON body, checked against what the endpoint answers.
fn success(expect: Expect, answer: Answer) -> Result<Answered, Error> {
    let Some(body) = answer.body else {
        let message = format!("The HTTP {} response body is not JSON", answer.status);
        return Err(Error { status: Some(answer.status), ..Error::new(ErrorCode::DecodeError, message) });
    };
    match check_success(expect, &body.json) {
        Ok(part) => Ok(Answered { body, part }),
        Err(error) => Err(Error { status: Some(answer.status), ..error }),
    }
}

/// Waits `ms`, unless `signal` aborts first (the next attempt then reports the abort).
async fn wait(ms: f64, signal: Option<&AbortSignal>) {
    let (delay, _timer) = js::delay(ms);
    let _listener;
    let waiting = match signal {
        Some(signal) => {
            let mut listener = None;
            let aborted = Promise::new(&mut |resolve, _| listener = Some(Listener::add(signal, &resolve)));
            _listener = listener;
            Promise::race(&js_sys::Array::of2(&delay, &aborted))
        }
        None => delay,
    };
    let _ = JsFuture::from(waiting).await;
}

fn aborted() -> Error {
    Error::new(ErrorCode::Aborted, "The call was aborted by its AbortSignal")
}

fn network_error(reason: &str) -> Error {
    let message =
        if reason.is_empty() { "The request failed".to_owned() } else { format!("The request failed: {reason}") };
    Error::new(ErrorCode::NetworkError, message)
}

/// A typed input as the JSON the endpoint builders validate.
fn value<T: Serialize>(input: &T) -> Result<Value, Error> {
    endpoints::value_of(input)
}

/// A 2xx answer whose body has the documented shape.
pub struct Answered {
    body: Body,
    part: Unwrap,
}

impl Answered {
    /// The whole body, as the core reads it.
    pub fn json(&self) -> &Value {
        &self.body.json
    }

    /// The part the caller receives (`data`, or the whole body), as the core reads it.
    pub fn into_json(self) -> Value {
        match (self.part, self.body.json) {
            (Unwrap::Data, Value::Object(mut members)) => members.remove("data").unwrap_or_default(),
            (_, json) => json,
        }
    }

    /// The same part as the runtime's `JSON.parse` reads the body: what JS callers receive, with every member
    /// the API sent (models name only the documented ones).
    #[cfg(feature = "js")]
    pub fn to_js(&self) -> Result<wasm_bindgen::JsValue, Error> {
        use crate::response::{not_documented, Mismatch};
        let body = js::parse_json(&self.body.text)
            .map_err(|_| not_documented(Mismatch { pointer: String::new(), problem: "is not JSON".to_owned() }))?;
        Ok(match self.part {
            Unwrap::Data => js_sys::Reflect::get(&body, &"data".into()).unwrap_or_default(),
            Unwrap::Whole => body,
        })
    }
}

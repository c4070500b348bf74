//! TypeScript declarations for the inputs, results and errors, emitted into the generated `.d.ts`. Field
//! names are the API's snake_case names; enum-like response fields are open (`OpenString`) because the API
//! has renamed statuses and types before.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A string union that still accepts values the API adds later. */
export type OpenString<T extends string> = T | (string & {});

export interface VerifyClientOptions {
  /** Telnyx API key. Keep it on a server or in an edge function; omit it when `baseUrl` is your own backend. */
  apiKey?: string;
  /** Default `https://api.telnyx.com/v2`. */
  baseUrl?: string;
  /** Default: the global `fetch`. A sandbox's `fetch`, a proxy or a service binding fit here. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Per attempt, covering headers and body. Default 30000. */
  timeoutMs?: number;
  /** Extra headers sent with every request (the API key always wins over an `Authorization` here). */
  headers?: Record<string, string>;
  /** Retries after a transient failure (see `CallOptions.retry`). Default 2; 0 to 10. */
  maxRetries?: number;
  /** The longest server-requested delay (`Retry-After`) to wait for; beyond it the call gives up. Default 60000. */
  maxRetryDelayMs?: number;
  /** Bounds a whole call, retries and waits included (none by default). */
  deadlineMs?: number;
  /** Called before each retry. */
  onRetry?: (info: RetryInfo) => void;
  /**
   * In a browser page an `apiKey` is refused: anyone who opens the page could read it. Keep the key on a server
   * or in an edge function instead. `true` allows it anyway (internal tools).
   */
  dangerouslyAllowBrowser?: boolean;
}

/** What `onRetry` receives: the failure, and how long the client waits before the next attempt. */
export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: VerifyError;
}

export interface CallOptions {
  /** Overrides the client's `timeoutMs` (per attempt, headers and body) for this call. */
  timeoutMs?: number;
  /** Bounds this call, retries and waits included. */
  deadlineMs?: number;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /**
   * "safe" (default): reads and idempotent writes are retried on network errors, timeouts, 408, 429 and 5xx;
   * creates (starting a verification, checking a code, creating a profile) only on 429 or when the request
   * provably never left. "unsafe" retries creates like reads: a verification may then be sent twice.
   */
  retry?: "safe" | "unsafe";
  /** Overrides the client's `onRetry` for this call. */
  onRetry?: (info: RetryInfo) => void;
  /** Cancels the call; it then rejects with `code: "aborted"`. */
  signal?: AbortSignal;
}

/** Settings of one channel of a profile. Extra properties are passed through, as the API allows. */
export interface ChannelSettings {
  messaging_template_id?: string;
  /** `^[A-Za-z0-9 -]{1,30}$` */
  app_name?: string;
  /** SMS only. `^[A-Za-z0-9 ]{1,11}$`; default "Telnyx". */
  alpha_sender?: string | null;
  /** Default 5. */
  code_length?: number;
  /** ISO 3166-1 alpha-2 codes, or `["*"]` for every destination. */
  whitelisted_destinations?: string[];
  /** Default 300. */
  default_verification_timeout_secs?: number;
  /** WhatsApp only. */
  sender_phone_number?: string | null;
  /** WhatsApp only. */
  template_id?: string | null;
  /** WhatsApp only. */
  waba_id?: string | null;
  [extra: string]: unknown;
}

export interface CreateProfileInput {
  name: string;
  webhook_url?: string;
  webhook_failover_url?: string;
  language?: string;
  daily_spend_limit?: number;
  daily_spend_limit_enabled?: boolean;
  sms?: ChannelSettings;
  call?: ChannelSettings;
  flashcall?: ChannelSettings;
  whatsapp?: ChannelSettings;
  psd2?: Pick<ChannelSettings, "default_verification_timeout_secs">;
}

/** Everything optional; `flashcall` cannot be changed after creation. */
export type UpdateProfileInput = Partial<Omit<CreateProfileInput, "flashcall">>;

export interface VerifyProfile {
  id?: string;
  name?: string;
  record_type?: string;
  created_at?: string;
  updated_at?: string;
  webhook_url?: string | null;
  webhook_failover_url?: string | null;
  language?: string | null;
  daily_spend_limit?: number | null;
  daily_spend_limit_enabled?: boolean | null;
  sms?: ChannelSettings | null;
  call?: ChannelSettings | null;
  flashcall?: ChannelSettings | null;
  whatsapp?: ChannelSettings | null;
  psd2?: ChannelSettings | null;
  [extra: string]: unknown;
}

export interface ListProfilesQuery {
  filter?: { name?: string };
  page?: { number?: number; size?: number };
}

export interface ListVerifiedNumbersQuery {
  page?: { number?: number; size?: number };
}

export interface PageMeta {
  page_number?: number;
  page_size?: number;
  total_pages?: number;
  total_results?: number;
}

/** A list answer: the items and, where the API pages, `meta`. */
export interface Page<T> {
  data: T[];
  meta?: PageMeta;
}

export interface TemplateInput {
  /** May use `{{app_name}}` and `{{code}}`. */
  text: string;
}

export interface MessageTemplate {
  id?: string;
  text?: string;
}

export type VerificationType = OpenString<"sms" | "call" | "flashcall" | "whatsapp" | "psd2">;
export type VerificationStatus = OpenString<"pending" | "accepted" | "invalid" | "expired" | "error">;

interface StartVerificationBase {
  /** E.164, such as `+13035551234`. */
  phone_number: string;
  verify_profile_id: string;
  /** Overrides the profile's default. */
  timeout_secs?: number;
}

export type StartVerificationInput =
  | (StartVerificationBase & { type: "sms" | "whatsapp"; custom_code?: string | null })
  | (StartVerificationBase & { type: "call"; custom_code?: string | null; extension?: string | null })
  | (StartVerificationBase & { type: "flashcall" })
  | (StartVerificationBase & {
      type: "psd2";
      /** Decimal string, such as "99.99". */
      amount: string;
      currency: "USD" | "EUR" | "GBP" | "AUD" | "CAD";
      payee: string;
    });

export interface Verification {
  id?: string;
  type?: VerificationType;
  status?: VerificationStatus;
  phone_number?: string;
  verify_profile_id?: string;
  timeout_secs?: number;
  custom_code?: string | null;
  record_type?: string;
  /** Timestamps may lack a timezone (`2020-09-14T17:03:32.965812`). */
  created_at?: string;
  updated_at?: string;
  [extra: string]: unknown;
}

export interface VerifyCodeInput {
  phone_number: string;
  code: string;
  verify_profile_id: string;
}

export type VerifyCodeByIdInput = { code: string } | { status: "accepted" | "rejected" };

/** A wrong code is `response_code: "rejected"`, not an error. */
export interface VerifyCodeResult {
  phone_number: string;
  response_code: OpenString<"accepted" | "rejected">;
}

export interface CreateVerifiedNumberInput {
  phone_number: string;
  verification_method: "sms" | "call";
  /** Call only: DTMF after answer, `^[0-9A-D*#wW]*$`, at most 50. */
  extension?: string;
}

export interface VerifiedNumberRequest {
  phone_number?: string;
  verification_method?: string;
}

export interface VerifiedNumber {
  phone_number?: string;
  record_type?: string;
  verified_at?: string;
  [extra: string]: unknown;
}

export interface SubmitVerifiedNumberCodeInput {
  verification_code: string;
}

export type VerifyErrorCode =
  | "validation_failed"
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "request_timeout"
  | "conflict"
  | "unprocessable"
  | "rate_limited"
  | "server_error"
  | "http_error"
  | "network_error"
  | "timeout"
  | "aborted"
  | "decode_error";

/** One entry of Telnyx's `errors` list; validation errors use the same shape. */
export interface ApiErrorDetail {
  /** Telnyx's code (e.g. "10015"), or for validation: missing_field, unknown_field, invalid_value, not_allowed. */
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  meta?: { url?: string };
}

/** Every rejection of this package is a `VerifyError`; test with `isVerifyError`. */
export interface VerifyError extends Error {
  name: "TelnyxVerifyError";
  code: VerifyErrorCode;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** JSON pointer of the offending field, such as `/sms/app_name`. */
  field?: string;
  errors: ApiErrorDetail[];
  /** Seconds the server asked to wait before retrying. */
  retryAfter?: number;
}

export function isVerifyError(value: unknown): value is VerifyError;
"#;

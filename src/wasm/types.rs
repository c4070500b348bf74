//! TypeScript declarations of what exists only on the JS side: the client's options (functions, signals),
//! the retry hook, and the error object. The models (inputs, answers) are generated from the Rust types by
//! tsify (`src/model/`); the methods' signatures come from wasm-bindgen.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The input of `startVerification`: `type` selects the channel (and the path); it is not sent. */
export type StartVerificationInput = StartVerification;

export interface VerifyClientOptions {
  /** Telnyx API key. Keep it on a server or in an edge function; omit it when `baseUrl` is your own backend. */
  apiKey?: string;
  /** Default `https://api.telnyx.com/v2`. */
  baseUrl?: string;
  /**
   * Default: the global `fetch`. A sandbox's `fetch`, a proxy or a service binding fit here. It is called with
   * one `Request` (method, headers, body and signal set) and no `this`.
   */
  fetch?: (request: Request) => Promise<Response> | Response;
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
  /** The largest response body read; a larger one is a `decode_error`. Default 1048576 (1 MiB). */
  maxResponseBytes?: number;
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

"#;

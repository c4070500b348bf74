// Every failure as JSON with a `code`: refusals decided on the way (thrown as Refusal), configuration errors, and
// the package's errors. What Telnyx says reaches callers only as our own codes: a short list of input problems
// keeps its field pointer (UPSTREAM_INPUT_ERRORS); everything else is `upstream_error`, its details in the log.
// Never the key, an account detail or a stack.
import { isVerifyError } from 'telnyx-verify-wasm';
import { ConfigError } from './config.js';
import { Refusal, json } from './http.js';

export { Refusal };

/** A 429 naming the limit, with Retry-After. (The route's log line and the admin page's stats count it.) */
export function limited({ limit, retryAfter }, meta) {
  meta.limit = limit;
  return new Refusal(
    429,
    'rate_limited',
    `Too many requests (${limit}); retry in ${retryAfter} s.`,
    { limit, retry_after: retryAfter },
    { 'retry-after': String(retryAfter) },
  );
}

/** Telnyx error codes that describe the caller's input, as our code, message and field. */
export const UPSTREAM_INPUT_ERRORS = {
  10002: { code: 'invalid_phone_number', message: 'The phone number is not valid.', field: '/phone_number' },
  10016: { code: 'invalid_phone_number', message: 'The phone number must be +E.164.', field: '/phone_number' },
  10001: { code: 'inactive_phone_number', message: 'The phone number is not in service.', field: '/phone_number' },
};

/** Any failure as a JSON response; `meta` gathers what the log line reports. */
export function answerError(error, meta) {
  if (error instanceof Refusal) {
    meta.code = error.code;
    return json({ code: error.code, message: error.message, ...error.extra }, error.status, error.headers);
  }
  if (error instanceof ConfigError) {
    meta.code = 'configuration_error';
    meta.detail = error.message;
    return json({ code: 'configuration_error', message: `The backend is misconfigured: ${error.message}` }, 500);
  }
  if (!isVerifyError(error)) {
    meta.code = 'internal_error';
    meta.detail = String(error?.name ?? typeof error);
    return json({ code: 'internal_error', message: 'Unexpected error.' }, 500);
  }
  meta.code = error.code;
  const status = error.status;
  meta.detail = `${error.code} ${status ?? ''} ${(error.errors ?? []).map((e) => e.code).join(',')}`.trim();
  if (error.code === 'validation_failed')
    return json({ code: error.code, message: error.message, field: error.field }, 400);
  if (status === 429) {
    const retryAfter = Math.max(1, Math.ceil(error.retryAfter ?? 1));
    return json(
      {
        code: 'rate_limited',
        limit: 'upstream',
        message: 'The verification service is busy; retry shortly.',
        retry_after: retryAfter,
      },
      429,
      { 'retry-after': String(retryAfter) },
    );
  }
  const known = (error.errors ?? []).map((e) => UPSTREAM_INPUT_ERRORS[e.code]).find(Boolean);
  if (status >= 400 && status < 500 && known) {
    meta.code = known.code;
    return json(known, 400);
  }
  if (error.code === 'timeout' || error.code === 'aborted')
    return json({ code: 'timeout', message: 'The verification service did not answer in time.' }, 504);
  meta.code = 'upstream_error';
  return json({ code: 'upstream_error', message: 'The verification service could not complete the request.' }, 502);
}

// The demo page's backend as a Cloudflare Worker. The browser never sees the Telnyx key: it lives in the secret
// TELNYX_API_KEY, and the page calls only these three routes (same field names as the API):
//   POST /profiles              → createProfile
//   POST /verifications         → startVerification, at most one per number per COOLDOWN_SECONDS and DAILY_CAP
//                                 per number per UTC day (429 with Retry-After)
//   POST /verifications/check   → verifyCode
//   POST /webhooks/telnyx       Telnyx's signed delivery events (verify.sent / delivered / failed): verified with
//                               the secret TELNYX_PUBLIC_KEY (the sandbox's key in sandbox mode); 2xx only for a
//                               verified event; a second delivery of the same event id changes nothing
//   GET  /verifications/{id}    the delivery status those events reported, for the page
// Without a key the Worker answers from the sandbox, which lives in one Durable Object so that a verification
// started through one isolate can be checked through another; GET /_sandbox/outbox shows its messages.
// The limits' counters live in a Durable Object per phone number: isolate memory would be a toy.
import { VerifyClient, createSandbox, isVerifyError, verifyWebhook } from 'telnyx-verify-wasm';

export { RateLimiter } from './limiter.js';
export { DeliveryLog } from './deliveries.js';

const MAX_WEBHOOK_BYTES = 64 * 1024;

export default {
  async fetch(request, env) {
    const origin = request.headers.get('origin');
    const allowed = (env.ALLOWED_ORIGIN ?? '').split(',').map((o) => o.trim()).filter(Boolean);
    if (origin && !allowed.includes(origin)) return json({ code: 'forbidden_origin', message: 'This origin may not call this backend.' }, 403);
    const cors = origin ? { 'access-control-allow-origin': origin, vary: 'origin' } : {};
    if (request.method === 'OPTIONS') {
      return new Response(null, { status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' } });
    }
    const response = await route(request, env).catch((error) => answerError(error));
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    return response;
  },
};

async function route(request, env) {
  const { pathname, searchParams } = new URL(request.url);
  const sandboxMode = !env.TELNYX_API_KEY;
  if (request.method === 'GET' && pathname === '/_sandbox/outbox' && sandboxMode) {
    // Re-wrapped: a response from another object has immutable headers, and CORS headers are added below.
    const answer = await sandboxStub(env).fetch(`https://sandbox/_sandbox/outbox?${searchParams}`);
    return json(await answer.json(), answer.status);
  }
  if (request.method === 'POST' && pathname === '/webhooks/telnyx') return receiveWebhook(request, env);
  const status = pathname.match(/^\/verifications\/([0-9a-f-]{36})$/);
  if (request.method === 'GET' && status) {
    return json(await deliveryLog(env, status[1]).status(status[1]));
  }
  const routes = { '/profiles': 'createProfile', '/verifications': 'startVerification', '/verifications/check': 'verifyCode' };
  const method = request.method === 'POST' ? routes[pathname] : undefined;
  if (!method) return json({ code: 'not_found', message: 'POST /profiles, /verifications or /verifications/check.' }, 404);

  let input;
  try {
    input = await request.json();
  } catch {
    return json({ code: 'bad_json', message: 'The request body must be JSON.' }, 400);
  }
  const client = clientFor(env);
  if (method === 'createProfile' && sandboxMode && input && typeof input === 'object' && input.webhook_url === undefined) {
    // The sandbox's events come back to this Worker, as Telnyx's would to a deployed one.
    input = { ...input, webhook_url: `${new URL(request.url).origin}/webhooks/telnyx` };
  }
  if (method !== 'startVerification') return json(await client[method](input));

  // Reserve a slot for this number before sending; give it back if nothing was sent.
  const phone = typeof input?.phone_number === 'string' ? input.phone_number : '';
  if (!/^\+[1-9]\d{1,14}$/.test(phone)) return json(await client.startVerification(input)); // rejects: validation
  const limiter = env.LIMITER.get(env.LIMITER.idFromName(phone));
  const limits = { cooldownSecs: Number(env.COOLDOWN_SECONDS ?? 30), dailyCap: Number(env.DAILY_CAP ?? 10) };
  const reservation = await limiter.reserve(limits, Date.now());
  if (!reservation.ok) {
    return json({ code: 'rate_limited', message: reservation.reason, retryAfter: reservation.retryAfter }, 429, { 'retry-after': String(reservation.retryAfter) });
  }
  try {
    return json(await client.startVerification(input));
  } catch (error) {
    // Give the slot back only when nothing can have been sent: invalid input, or a 4xx answer. After a 5xx, a
    // timeout or a network failure the SMS may have gone out, so the slot stays taken.
    const nothingSent = isVerifyError(error) && (error.code === 'validation_failed' || (error.status >= 400 && error.status < 500));
    if (nothingSent) await limiter.release(reservation.token);
    throw error;
  }
}

function clientFor(env) {
  if (env.TELNYX_API_KEY) {
    return new VerifyClient({ apiKey: env.TELNYX_API_KEY, ...(env.TELNYX_BASE_URL ? { baseUrl: env.TELNYX_BASE_URL } : {}) });
  }
  const stub = sandboxStub(env);
  return new VerifyClient({ headers: { Authorization: 'Bearer sandbox' }, fetch: (request) => stub.fetch(request) });
}

const sandboxStub = (env) => env.SANDBOX.get(env.SANDBOX.idFromName('sandbox'));
const deliveryLog = (env, verificationId) => env.DELIVERIES.get(env.DELIVERIES.idFromName(verificationId));

/**
 * A Telnyx webhook: verified before anything else (the raw body, exactly as received), then recorded once per
 * event id in the verification's Durable Object. 401 for a bad signature or timestamp, 400 for anything else
 * that does not verify; neither touches any state.
 */
export async function receiveWebhook(request, env, sandboxKey) {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_WEBHOOK_BYTES) return json({ code: 'payload_too_large', message: 'Webhook bodies are small.' }, 413);
  const raw = new Uint8Array(await request.arrayBuffer());
  if (raw.length > MAX_WEBHOOK_BYTES) return json({ code: 'payload_too_large', message: 'Webhook bodies are small.' }, 413);
  const key = env.TELNYX_API_KEY ? env.TELNYX_PUBLIC_KEY : sandboxKey ?? (await sandboxPublicKey(env));
  let event;
  try {
    event = verifyWebhook(raw, request.headers, key ?? '');
  } catch (error) {
    const unauthenticated = isVerifyError(error) && /^webhook_(signature|timestamp)/.test(error.code);
    return json({ code: isVerifyError(error) ? error.code : 'invalid', message: 'The webhook did not verify.' }, unauthenticated ? 401 : 400);
  }
  const verificationId = event.payload?.id;
  if (typeof verificationId !== 'string' || !/^[0-9a-f-]{36}$/.test(verificationId)) {
    return json({ code: 'webhook_payload_invalid', message: 'The event names no verification.' }, 400);
  }
  const outcome = await deliveryLog(env, verificationId).record(event, new TextDecoder().decode(raw));
  return json({ received: true, duplicate: outcome.duplicate });
}

async function sandboxPublicKey(env) {
  const answer = await sandboxStub(env).fetch('https://sandbox/_sandbox/webhook-public-key');
  return (await answer.json()).public_key;
}

/** The package's errors as JSON: code, message, field, Telnyx's list. Never the key, never a stack. */
function answerError(error) {
  if (!isVerifyError(error)) return json({ code: 'internal_error', message: 'Unexpected error.' }, 500);
  const status = error.code === 'validation_failed' ? 400 : error.status ?? (error.code === 'timeout' ? 504 : 502);
  const body = { code: error.code, message: error.message, field: error.field, errors: error.errors, retryAfter: error.retryAfter };
  return json(body, status, error.retryAfter !== undefined ? { 'retry-after': String(Math.ceil(error.retryAfter)) } : {});
}

function json(value, status = 200, headers = {}) {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/**
 * The sandbox, one instance for the whole deployment. Its state is in memory: it resets when the object is evicted.
 * Its webhooks go to this Worker's own `/webhooks/telnyx` handler, signed and verified like Telnyx's.
 */
export class SandboxObject {
  constructor(ctx, env) {
    this.env = env;
    this.sandbox = null;
  }

  async fetch(request) {
    this.sandbox ??= createSandbox();
    const url = new URL(request.url);
    if (url.pathname === '/_sandbox/outbox') return json(this.sandbox.outbox(url.searchParams.get('phone_number') ?? undefined));
    if (url.pathname === '/_sandbox/webhook-public-key') return json({ public_key: this.sandbox.webhookPublicKey });
    const answer = await this.sandbox.fetch(request);
    // Delivered in-process (a Worker cannot fetch its own URL): the same handler a real delivery reaches.
    const key = this.sandbox.webhookPublicKey;
    await this.sandbox.deliverWebhooks((target, init) => receiveWebhook(new Request(target, init), this.env, key));
    return answer;
  }
}

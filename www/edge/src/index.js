// Phone verification behind a page, as a Cloudflare Worker you can deploy as is. The Telnyx key stays in the
// secret TELNYX_API_KEY; the profile is pinned by VERIFY_PROFILE_ID; every start and every check passes abuse
// limits kept in Durable Objects. Routes (JSON in and out, the API's field names):
//   GET  /config                 what the page needs: mode, channels, countries, the Turnstile site key
//   POST /verifications          start: { phone_number, type } and nothing else; Turnstile first when configured
//   POST /verifications/check    check: { phone_number, code }; a number's wrong codes lock it out for a while
//   GET  /verifications/{id}     the delivery status Telnyx's webhooks reported, for the page
//   POST /webhooks/telnyx        Telnyx's signed delivery events, verified with TELNYX_PUBLIC_KEY
//   POST /admin/profiles         create a Verify profile; only with `Authorization: Bearer <ADMIN_TOKEN>`, and
//                                absent when ADMIN_TOKEN is not set
//   GET  /_sandbox/outbox        sandbox mode only: what the user would have received
// Without TELNYX_API_KEY the Worker answers from the package's sandbox, kept in a Durable Object's storage, with
// its own profile, so `make demo` works with no configuration. Variables, limits and defaults: README "Deploy it".
import { VerifyClient, countryOf, isVerifyError } from 'telnyx-verify-wasm';
import { deliveryLog, sandboxStub } from './bindings.js';
import { ConfigError, configOf } from './config.js';
import { Refusal, json, readJson } from './http.js';
import { checkCounter, clientAddress, reserve, startCounters } from './limits.js';
import { logRequest } from './log.js';
import { verifyTurnstile } from './turnstile.js';
import { receiveWebhook } from './webhooks.js';

export { RateLimiter } from './limiter.js';
export { DeliveryLog } from './deliveries.js';
export { SandboxObject } from './sandbox.js';

const E164 = /^\+[1-9]\d{1,14}$/;

export default {
  async fetch(request, env) {
    const meta = { method: request.method, route: 'unknown', startedAt: Date.now() };
    let response;
    try {
      response = await handle(request, env, meta);
    } catch (error) {
      response = answerError(error, meta);
    }
    meta.status = response.status;
    logRequest(meta);
    return response;
  },
};

async function handle(request, env, meta) {
  const config = configOf(env);
  const origin = request.headers.get('origin');
  // CORS is not authentication: a request without Origin (curl, a script) passes here and meets the same limits.
  if (origin && !config.origins.includes(origin)) throw new Refusal(403, 'forbidden_origin', 'This origin may not call this backend.');
  const cors = origin ? { 'access-control-allow-origin': origin, vary: 'origin' } : {};
  if (request.method === 'OPTIONS') {
    meta.route = 'preflight';
    return new Response(null, {
      status: 204,
      headers: { ...cors, 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type, cf-turnstile-response', 'access-control-max-age': '600' },
    });
  }
  let response;
  try {
    response = await route(request, env, config, meta);
  } catch (error) {
    // Refusals carry the CORS headers too, or the page could not read why (a 429 would look like a network error).
    response = answerError(error, meta);
  }
  for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
  return response;
}

async function route(request, env, config, meta) {
  const { pathname, searchParams } = new URL(request.url);
  const on = (method, path) => request.method === method && pathname === path && (meta.route = `${method} ${path}`);
  if (on('POST', '/verifications')) return start(request, env, config, meta);
  if (on('POST', '/verifications/check')) return check(request, env, config, meta);
  if (on('GET', '/config')) return json(await publicConfig(request, env, config));
  if (on('POST', '/webhooks/telnyx')) return receiveWebhook(request, env);
  const status = pathname.match(/^\/verifications\/([0-9a-f-]{36})$/);
  if (request.method === 'GET' && status) {
    meta.route = 'GET /verifications/{id}';
    return json(await deliveryLog(env, status[1]).status(status[1]));
  }
  if (config.adminToken && on('POST', '/admin/profiles')) return createProfile(request, env, config);
  if (config.sandbox && on('GET', '/_sandbox/outbox')) return json(await sandboxStub(env).outbox(searchParams.get('phone_number') ?? undefined));
  throw new Refusal(404, 'not_found', 'POST /verifications or /verifications/check; GET /config or /verifications/{id}.');
}

/** What the page needs to know: the mode, what it may ask for, and whether it must show the Turnstile widget. */
async function publicConfig(request, env, config) {
  return {
    mode: config.sandbox ? 'sandbox' : 'live',
    verify_profile_id: (await pinnedProfile(request, env, config)) ?? null,
    types: config.types,
    countries: config.countries === '*' ? ['*'] : [...config.countries],
    turnstile_site_key: config.turnstile?.siteKey ?? null,
  };
}

async function start(request, env, config, meta) {
  const body = await readJson(request);
  const input = narrow(body, ['phone_number', 'type']);
  const phone = phoneOf(input, meta);
  const type = input.type ?? config.types[0];
  if (!config.types.includes(type)) {
    throw new Refusal(400, 'validation_failed', `type must be one of: ${config.types.join(', ')}.`, { field: '/type' });
  }
  const country = countryOf(phone);
  meta.country = country;
  if (config.countries !== '*' && !config.countries.has(country)) {
    throw new Refusal(403, 'destination_not_allowed', 'Verifications are not sent to this country.', { field: '/phone_number' });
  }
  if (config.turnstile) {
    const token = request.headers.get('cf-turnstile-response');
    if (!token) throw new Refusal(403, 'turnstile_required', 'Complete the challenge first (the cf-turnstile-response header).');
    const outcome = await verifyTurnstile(config.turnstile, token, request.headers.get('cf-connecting-ip'));
    if (!outcome.ok) {
      meta.detail = outcome.reason;
      throw new Refusal(403, 'turnstile_failed', 'The challenge did not verify; try it again.');
    }
  }
  const profileId = await requireProfile(request, env, config, body);
  const counters = await startCounters(config, { phone, address: clientAddress(request) });
  const slot = await reserve(env.LIMITER, counters, now(config));
  if (!slot.ok) throw limited(slot, meta);
  try {
    return json(await clientFor(config, env).startVerification({ type, phone_number: phone, verify_profile_id: profileId }, callOptions(config, request)));
  } catch (error) {
    // Give the slots back only when nothing can have been sent: the request was refused before it left, or
    // answered 4xx. After a 5xx, a timeout or a network failure the message may have gone out.
    if (nothingSent(error)) await slot.release();
    throw error;
  }
}

async function check(request, env, config, meta) {
  const body = await readJson(request);
  const input = narrow(body, ['phone_number', 'code']);
  const phone = phoneOf(input, meta);
  if (typeof input.code !== 'string' || !/^[0-9A-Za-z]{1,32}$/.test(input.code)) {
    throw new Refusal(400, 'validation_failed', 'code must be the code the user received.', { field: '/code' });
  }
  const profileId = await requireProfile(request, env, config, body);
  // Every check takes a slot; a right code gives them all back. So concurrent guesses are counted too.
  const counter = await checkCounter(config, phone);
  const slot = await reserve(env.LIMITER, [counter], now(config));
  if (!slot.ok) throw limited(slot, meta);
  let result;
  try {
    result = await clientFor(config, env).verifyCode({ phone_number: phone, code: input.code, verify_profile_id: profileId }, callOptions(config, request));
  } catch (error) {
    if (nothingSent(error)) await slot.release();
    throw error;
  }
  meta.code = result.response_code;
  if (result.response_code === 'accepted') await env.LIMITER.get(env.LIMITER.idFromName(counter.name)).reset();
  return json(result);
}

/** The admin route: a profile on the owner's account, behind ADMIN_TOKEN (compared in constant time). */
async function createProfile(request, env, config) {
  const presented = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  if (!(await sameSecret(presented, config.adminToken))) {
    throw new Refusal(401, 'unauthorized', 'POST /admin/profiles needs Authorization: Bearer <ADMIN_TOKEN>.', {}, { 'www-authenticate': 'Bearer' });
  }
  let input = await readJson(request);
  if (config.sandbox && input.webhook_url === undefined) input = { ...input, webhook_url: webhookUrl(request) };
  return json(await clientFor(config, env).createProfile(input, callOptions(config, request)));
}

async function sameSecret(presented, secret) {
  const digest = async (text) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(presented), digest(secret)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** The body's members, refusing anything else: a page may not choose the profile, a custom code or a timeout. */
function narrow(body, allowed) {
  for (const key of Object.keys(body)) {
    if (allowed.includes(key)) continue;
    if (key === 'verify_profile_id') continue; // checked against the pinned one by requireProfile
    throw new Refusal(400, 'unexpected_field', `Only ${allowed.join(' and ')} may be sent here.`, { field: `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` });
  }
  return body;
}

function phoneOf(input, meta) {
  if (typeof input.phone_number !== 'string' || !E164.test(input.phone_number)) {
    throw new Refusal(400, 'validation_failed', 'phone_number must be +E.164: a plus and up to 15 digits.', { field: '/phone_number' });
  }
  meta.phone = input.phone_number;
  return input.phone_number;
}

/** The pinned profile; a different one in the body is refused. 503 when none is configured yet. */
async function requireProfile(request, env, config, body) {
  const pinned = await pinnedProfile(request, env, config);
  if (!pinned) throw new Refusal(503, 'not_configured', 'Set VERIFY_PROFILE_ID (create a profile with POST /admin/profiles).');
  if (body.verify_profile_id !== undefined && body.verify_profile_id !== pinned) {
    throw new Refusal(400, 'profile_not_allowed', 'This backend uses its configured profile; do not send verify_profile_id.', { field: '/verify_profile_id' });
  }
  return pinned;
}

/** Sandbox mode's own profile id, once known (the sandbox's object keeps it in storage; only the value is kept
 * here, never a pending promise: a request may not wait on another request's I/O). */
const sandboxProfiles = new WeakMap();

async function pinnedProfile(request, env, config) {
  if (config.profileId || !config.sandbox) return config.profileId;
  if (!sandboxProfiles.has(config)) {
    const destinations = config.countries === '*' ? ['*'] : [...config.countries];
    sandboxProfiles.set(config, await sandboxStub(env).profileId(webhookUrl(request), destinations));
  }
  return sandboxProfiles.get(config);
}

const webhookUrl = (request) => `${new URL(request.url).origin}/webhooks/telnyx`;

function limited({ limit, retryAfter }, meta) {
  meta.limit = limit;
  return new Refusal(429, 'rate_limited', `Too many requests (${limit}); retry in ${retryAfter} s.`, { limit, retry_after: retryAfter }, { 'retry-after': String(retryAfter) });
}

const nothingSent = (error) => isVerifyError(error) && (error.code === 'validation_failed' || (error.status >= 400 && error.status < 500));

const now = (config) => Date.now() + config.clockOffsetMs;

/** Per call: bounded by DEADLINE_MS, and cancelled with the incoming request when the runtime gives it a signal. */
function callOptions(config, request) {
  const signal = request.signal instanceof AbortSignal ? request.signal : undefined;
  return { deadlineMs: config.deadlineMs, ...(signal ? { signal } : {}) };
}

/** One client per isolate and configuration, reused across requests. */
const clients = new WeakMap();

function clientFor(config, env) {
  if (!clients.has(config)) {
    const client = config.sandbox
      ? new VerifyClient({ headers: { Authorization: 'Bearer sandbox' }, fetch: (request) => sandboxStub(env).fetch(request) })
      : new VerifyClient({ apiKey: config.apiKey, ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) });
    clients.set(config, client);
  }
  return clients.get(config);
}



/**
 * Any failure as JSON. Refusals as decided; the package's errors with their code, but what Telnyx says about the
 * account (401/403: the key, permissions) and server-side failures become a generic `upstream_error`, their details
 * going to the log only. Never the key, never a stack.
 */
function answerError(error, meta) {
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
  if (error.code === 'validation_failed') return json({ code: error.code, message: error.message, field: error.field }, 400);
  if (status === 429) {
    const retryAfter = Math.max(1, Math.ceil(error.retryAfter ?? 1));
    return json({ code: 'rate_limited', limit: 'upstream', message: 'The verification service is busy; retry shortly.', retry_after: retryAfter }, 429, { 'retry-after': String(retryAfter) });
  }
  if (status >= 400 && status < 500 && status !== 401 && status !== 403) {
    return json({ code: error.code, message: error.message, field: error.field, errors: error.errors }, status);
  }
  meta.detail = `${error.code} ${status ?? ''} ${(error.errors ?? []).map((e) => e.code).join(',')}`.trim();
  if (error.code === 'timeout' || error.code === 'aborted') return json({ code: 'timeout', message: 'The verification service did not answer in time.' }, 504);
  return json({ code: 'upstream_error', message: 'The verification service could not be reached.' }, 502);
}


// Phone verification behind a page, as a Cloudflare Worker you can deploy as is. The Telnyx key stays in the
// secret TELNYX_API_KEY; the profile is pinned by VERIFY_PROFILE_ID; every start and every check passes abuse
// limits kept in Durable Objects, which decide by their own clocks. MODE is explicit: `live` (wrangler.toml's
// default) needs the key, `sandbox` answers from the package's sandbox. Routes, variables and limits: docs/edge.md
// "The edge function" and "Deploy it".
import { sandboxStub, verificationLog } from './bindings.js';
import { configOf } from './config.js';
import { adminGuard, adminPage, adminStats, createProfile } from './admin.js';
import { count } from './stats.js';
import { check } from './check.js';
import { answerError } from './errors.js';
import { Refusal, json } from './http.js';
import { UUID_PATTERN } from './input.js';
import { logRequest } from './log.js';
import { pinnedProfile } from './profile.js';
import { start } from './start.js';
import { receiveWebhook } from './webhooks.js';

export { RateLimiter } from './limiter.js';
export { VerificationLog } from './verifications.js';
export { SandboxObject } from './sandbox.js';
export { GuardCell } from './guard-cell.js';
export { StatsShard } from './stats.js';

/** The routes: method, path (a string, or a pattern whose groups are the handler's arguments), handler, and when
 * the route exists. A handler returns a Response, or a value answered as JSON.
 * @type {[string, string | RegExp, (...args: any[]) => unknown, ((config: any) => boolean)?][]} */
const ROUTES = [
  ['POST', '/verifications', start],
  ['POST', '/verifications/check', check],
  ['GET', '/config', publicConfig],
  ['POST', '/webhooks/telnyx', (request, env, config, meta) => receiveWebhook(request, env, { meta })],
  ['GET', new RegExp(`^/verifications/(${UUID_PATTERN})$`), verificationStatus],
  ['POST', '/admin/profiles', createProfile, (config) => Boolean(config.adminToken)],
  ['GET', '/admin', adminPage, (config) => Boolean(config.adminToken)],
  ['GET', '/admin/stats', adminStats, (config) => Boolean(config.adminToken)],
  ['POST', '/admin/guard', adminGuard, (config) => Boolean(config.adminToken)],
  ['GET', '/_sandbox/outbox', outbox, (config) => config.sandbox],
];

export default {
  async fetch(request, env) {
    /** @type {Parameters<typeof logRequest>[0] & Record<string, unknown>} */
    const meta = { method: request.method, route: 'unknown', startedAt: Date.now() };
    const response = await answered(() => withCors(request, env, meta), meta);
    meta.status = response.status;
    logRequest(meta);
    // Refusals by a limit or by the fraud guard, for the admin page (a configuration error has nothing to count).
    if (meta.limit) await answered(() => count(env, configOf(env), { [`refused:${meta.limit}`]: 1 }), {});
    return response;
  },
};

/** `respond()`'s answer, or its failure as JSON. */
async function answered(respond, meta) {
  try {
    return await respond();
  } catch (error) {
    return answerError(error, meta);
  }
}

/** CORS around the routes: allowed origins get their headers on every answer, refusals included (or the page
 * could not read why). It is not authentication: a request without Origin passes and meets the same limits. */
async function withCors(request, env, meta) {
  const config = configOf(env);
  const origin = request.headers.get('origin');
  // The Worker's own pages (the admin page) are its own origin.
  const own = origin === new URL(request.url).origin;
  if (origin && !own && !config.origins.includes(origin))
    throw new Refusal(403, 'forbidden_origin', 'This origin may not call this backend.');
  const cors = origin && !own ? { 'access-control-allow-origin': origin, vary: 'origin' } : {};
  if (request.method === 'OPTIONS') {
    meta.route = 'preflight';
    return new Response(null, {
      status: 204,
      headers: {
        ...cors,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, cf-turnstile-response, authorization',
        'access-control-max-age': '600',
      },
    });
  }
  const response = await answered(() => route(request, env, config, meta), meta);
  for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
  return response;
}

async function route(request, env, config, meta) {
  const { pathname } = new URL(request.url);
  for (const [method, path, handler, enabled = () => true] of ROUTES) {
    const match = typeof path === 'string' ? (pathname === path ? [] : null) : pathname.match(path)?.slice(1);
    if (request.method !== method || !match || !enabled(config)) continue;
    meta.route = `${method} ${typeof path === 'string' ? path : '/verifications/{id}'}`;
    const answer = await handler(request, env, config, meta, ...match);
    return answer instanceof Response ? answer : json(answer);
  }
  throw new Refusal(
    404,
    'not_found',
    'POST /verifications or /verifications/check; GET /config or /verifications/{id}.',
  );
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

/** A verification's state and delivery events (types and times): never a number or a body. */
async function verificationStatus(request, env, config, meta, id) {
  const status = await verificationLog(env, id).status(id);
  if (!status)
    throw new Refusal(404, 'verification_not_found', 'This deployment started no verification with this id.');
  return status;
}

/** Sandbox mode: what the user of one number would have received. */
async function outbox(request, env) {
  const phone = new URL(request.url).searchParams.get('phone_number');
  if (!phone)
    throw new Refusal(400, 'validation_failed', "phone_number is required: the outbox shows one number's messages.", {
      field: '/phone_number',
    });
  return sandboxStub(env).outbox(phone);
}

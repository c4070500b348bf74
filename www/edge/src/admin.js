// The owner's routes, behind ADMIN_TOKEN (compared in constant time); none exists without ADMIN_TOKEN.
//   POST /admin/profiles   a profile on the owner's account
//   GET  /admin            the admin page (admin-page.js): what the Worker sent, refused and blocked
//   GET  /admin/stats      the page's numbers as JSON (admin-stats.js)
//   POST /admin/guard      unblock, allow or disallow a prefix or a country in the fraud guard
import { ADMIN_PAGE } from './admin-page.js';
import { statsOf } from './admin-stats.js';
import { ownerAction } from './guardian.js';
import { Refusal, readJson } from './http.js';
import { callOptions, clientFor, webhookUrl } from './profile.js';

export async function createProfile(request, env, config) {
  await requireAdmin(request, config);
  let input = await readJson(request);
  if (config.sandbox && input.webhook_url === undefined) input = { ...input, webhook_url: webhookUrl(request) };
  return clientFor(config, env).createProfile(input, callOptions(config, request).options);
}

export async function requireAdmin(request, config) {
  const presented = (request.headers.get('authorization') ?? '').replace(/^Bearer\s+/i, '');
  if (!(await sameSecret(presented, config.adminToken))) {
    throw new Refusal(
      401,
      'unauthorized',
      'Admin routes need Authorization: Bearer <ADMIN_TOKEN>.',
      {},
      { 'www-authenticate': 'Bearer' },
    );
  }
}

async function sameSecret(presented, secret) {
  const digest = async (text) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(presented), digest(secret)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** GET /admin: the page (it signs in with the token and reads /admin/stats itself). */
export function adminPage() {
  return new Response(ADMIN_PAGE, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
      'cache-control': 'no-store',
      // Its Unblock and Allow buttons must not be clickable inside another site's frame.
      'x-frame-options': 'DENY',
    },
  });
}

/** GET /admin/stats: the last 24 hours by hour, conversion by country and by the worst prefixes, the active
 * blocks. The same numbers as the page; no number, prefixes only (docs/edge.md "The fraud guard"). */
export async function adminStats(request, env, config) {
  await requireAdmin(request, config);
  return statsOf(env, config);
}

/** POST /admin/guard `{ action: "unblock" | "allow" | "disallow", scope: "prefix" | "country", key }`. */
export async function adminGuard(request, env, config) {
  await requireAdmin(request, config);
  const input = await readJson(request);
  if (!['unblock', 'allow', 'disallow'].includes(input.action))
    throw new Refusal(400, 'validation_failed', 'action must be unblock, allow or disallow.', { field: '/action' });
  const prefix = new RegExp(`^\\+\\d{${config.limits.prefixDigits}}$`);
  const valid =
    input.scope === 'country' ? /^[A-Z]{2}$/.test(input.key) : input.scope === 'prefix' && prefix.test(input.key);
  if (!valid)
    throw new Refusal(
      400,
      'validation_failed',
      `key must be a country code (scope country) or a prefix of ${config.limits.prefixDigits} digits after the + (scope prefix).`,
      { field: '/key' },
    );
  if (!config.guard) throw new Refusal(409, 'guard_off', 'The fraud guard is off (GUARD=off).');
  await ownerAction(env, config, input);
  return { done: true, ...input };
}

// POST /admin/profiles: a profile on the owner's account, behind ADMIN_TOKEN (compared in constant time). The route
// does not exist without ADMIN_TOKEN.
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
    throw new Refusal(401, 'unauthorized', 'Admin routes need Authorization: Bearer <ADMIN_TOKEN>.', {}, { 'www-authenticate': 'Bearer' });
  }
}

async function sameSecret(presented, secret) {
  const digest = async (text) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(presented), digest(secret)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

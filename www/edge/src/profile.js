// The profile every verification uses and the client that sends them, one of each per isolate and configuration.
// The page never chooses either: live mode pins VERIFY_PROFILE_ID; sandbox mode makes its own profile once.
import { VerifyClient } from 'telnyx-verify-wasm';
import { sandboxStub } from './bindings.js';
import { Refusal } from './http.js';

/** Sandbox mode's own profile id, once known. Only the value is kept, never a pending promise: a request may not
 * wait on another request's I/O. */
const sandboxProfiles = new WeakMap();

export async function pinnedProfile(request, env, config) {
  if (config.profileId || !config.sandbox) return config.profileId;
  if (!sandboxProfiles.has(config)) {
    const destinations = config.countries === '*' ? ['*'] : [...config.countries];
    sandboxProfiles.set(config, await sandboxStub(env).profileId(webhookUrl(request), destinations));
  }
  return sandboxProfiles.get(config);
}

/** The pinned profile; a different one in the body is refused. 503 when none is configured yet. */
export async function requireProfile(request, env, config, body) {
  const pinned = await pinnedProfile(request, env, config);
  if (!pinned)
    throw new Refusal(503, 'not_configured', 'Set VERIFY_PROFILE_ID (create a profile with POST /admin/profiles).');
  if (body.verify_profile_id !== undefined && body.verify_profile_id !== pinned) {
    throw new Refusal(
      400,
      'profile_not_allowed',
      'This backend uses its configured profile; do not send verify_profile_id.',
      { field: '/verify_profile_id' },
    );
  }
  return pinned;
}

export const webhookUrl = (request) => `${new URL(request.url).origin}/webhooks/telnyx`;

const clients = new WeakMap();

/** One client per isolate and configuration, reused across requests. */
export function clientFor(config, env) {
  if (!clients.has(config)) {
    const client = config.sandbox
      ? new VerifyClient({
          headers: { Authorization: 'Bearer sandbox' },
          fetch: (request) => sandboxStub(env).fetch(request),
        })
      : new VerifyClient({ apiKey: config.apiKey, ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) });
    clients.set(config, client);
  }
  return clients.get(config);
}

/**
 * Per call: bounded by DEADLINE_MS, cancelled with the incoming request when the runtime gives it a signal, and
 * watched: `sent.maybe` turns true as soon as any attempt ended in a way that may have reached Telnyx (a 5xx, a
 * timeout, a network failure), so a slot is given back only when no attempt can have sent anything.
 */
export function callOptions(config, request) {
  const signal = request.signal instanceof AbortSignal ? request.signal : undefined;
  const sent = { maybe: false };
  const onRetry = ({ error }) => {
    if (!nothingSent(error)) sent.maybe = true;
  };
  return { options: { deadlineMs: config.deadlineMs, onRetry, ...(signal ? { signal } : {}) }, sent };
}

/** Whether a failed attempt provably sent nothing: refused before it left, or answered 4xx. */
export const nothingSent = (error) =>
  error?.code === 'validation_failed' || (error?.status >= 400 && error?.status < 500);

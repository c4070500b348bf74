// Telnyx's signed delivery events (verify.sent, .delivered, .failed), verified before anything else and recorded
// once per event id in the verification's Durable Object. Also called in-process by the sandbox's object, which
// cannot fetch its own Worker's URL.
import { isVerifyError, verifyWebhook } from 'telnyx-verify-wasm';
import { sandboxStub, verificationLog } from './bindings.js';
import { configOf } from './config.js';
import { Refusal, json, readLimited } from './http.js';
import { UUID } from './input.js';
import { outcome } from './guardian.js';
import { bestEffort } from './log.js';
import { count } from './stats.js';

const MAX_WEBHOOK_BYTES = 64 * 1024;

/**
 * A Telnyx webhook: verified before anything else (the raw body, exactly as received), then recorded once per
 * event id in the verification's Durable Object (its type, status and time; never the body). 401 for a bad signature or timestamp, 400 for anything else
 * that does not verify; neither touches any state.
 */
/** @param {Request} request @param {any} env @param {{ sandboxKey?: string, meta?: object }} [options] */
export async function receiveWebhook(request, env, { sandboxKey, meta = {} } = {}) {
  const config = configOf(env);
  const raw = await readLimited(request, MAX_WEBHOOK_BYTES);
  const key = config.sandbox ? (sandboxKey ?? (await sandboxStub(env).publicKey())) : config.publicKey;
  if (!key) throw new Refusal(503, 'not_configured', 'Set TELNYX_PUBLIC_KEY to receive webhooks.');
  let event;
  try {
    event = verifyWebhook(raw, request.headers, key);
  } catch (error) {
    const unauthenticated = isVerifyError(error) && /^webhook_(signature|timestamp)/.test(error.code);
    return json(
      { code: isVerifyError(error) ? error.code : 'invalid', message: 'The webhook did not verify.' },
      unauthenticated ? 401 : 400,
    );
  }
  const verificationId = event.payload?.id;
  if (typeof verificationId !== 'string' || !UUID.test(verificationId)) {
    return json({ code: 'webhook_payload_invalid', message: 'The event names no verification.' }, 400);
  }
  const recorded = await verificationLog(env, verificationId).record(event);
  if (!recorded.duplicate) {
    const kind = { 'verify.delivered': 'delivered', 'verify.failed': 'failed' }[event.event_type];
    // A failed delivery counts against its prefix as a start that never converts.
    // Recorded: the guard's log and the counts must not make Telnyx retry a delivery already kept.
    if (kind === 'failed')
      await bestEffort(meta, 'guard', () => outcome(env, recorded.guarded, verificationId, 'failed'));
    if (kind) await bestEffort(meta, 'stats', () => count(env, config, { [kind]: 1 }));
  }
  return json({ received: true, duplicate: recorded.duplicate });
}

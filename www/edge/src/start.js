// POST /verifications: `{ phone_number, type }` and nothing else. Refused before anything is sent when the input,
// the country, Turnstile or a limit says no; the slots are given back only when no attempt can have sent a message.
// The answer carries the verification's id: the page checks the code with it (check.js), nobody else can.
import { countryOf } from 'telnyx-verify-wasm';
import { verificationLog } from './bindings.js';
import { limited } from './errors.js';
import { Refusal, readJson } from './http.js';
import { clientAddress } from './address.js';
import { reserve, startBudget, startCounters } from './limits.js';
import { callOptions, clientFor, nothingSent, requireProfile } from './profile.js';
import { verifyTurnstile } from './turnstile.js';
import { admit, started } from './guardian.js';
import { count } from './stats.js';
import { bestEffort } from './log.js';
import { narrow, phoneOf } from './input.js';

export async function start(request, env, config, meta) {
  const body = await readJson(request);
  const input = narrow(body, ['phone_number', 'type']);
  const phone = phoneOf(input, meta);
  const type = input.type ?? config.types[0];
  if (!config.types.includes(type)) {
    throw new Refusal(400, 'validation_failed', `type must be one of: ${config.types.join(', ')}.`, { field: '/type' });
  }
  // ZZ: a destination the table does not know, as the guard and the admin page name it.
  const country = countryOf(phone) ?? 'ZZ';
  meta.country = country;
  if (config.countries !== '*' && !config.countries.has(country)) {
    throw new Refusal(403, 'destination_not_allowed', 'Verifications are not sent to this country.', {
      field: '/phone_number',
    });
  }
  await passTurnstile(request, config, meta);
  const profileId = await requireProfile(request, env, config, body);
  await admit(env, config, phone, meta);

  const counters = await startCounters(config, { phone, address: clientAddress(request) });
  const slot = await reserve(env.LIMITER, { ...counters, budget: startBudget(config), key: phone });
  if (!slot.ok) throw limited(slot, meta);
  const { options, sent } = callOptions(config, request);
  let verification;
  try {
    verification = await clientFor(config, env).startVerification(
      { type, phone_number: phone, verify_profile_id: profileId },
      options,
    );
  } catch (error) {
    if (!sent.maybe && nothingSent(error)) await slot.release();
    throw error;
  }
  // Sent: from here a failure of the guard's log or the counts must not hide the verification from its user.
  const guarded = await bestEffort(meta, 'guard', () => started(env, config, phone, verification.id));
  await verificationLog(env, verification.id).open({
    timeoutSecs: verification.timeout_secs ?? DEFAULT_TIMEOUT_SECS,
    guarded,
  });
  await bestEffort(meta, 'stats', () => count(env, config, { starts: 1, [`country:${country}:starts`]: 1 }));
  meta.verification = verification.id;
  return verification;
}

/** Telnyx's default code lifetime, when the answer does not say. */
const DEFAULT_TIMEOUT_SECS = 300;

async function passTurnstile(request, config, meta) {
  if (!config.turnstile) return;
  const token = request.headers.get('cf-turnstile-response');
  if (!token)
    throw new Refusal(403, 'turnstile_required', 'Complete the challenge first (the cf-turnstile-response header).');
  const outcome = await verifyTurnstile(config.turnstile, token, request.headers.get('cf-connecting-ip'));
  if (!outcome.ok) {
    meta.detail = outcome.reason;
    throw new Refusal(403, 'turnstile_failed', 'The challenge did not verify; try it again.');
  }
}

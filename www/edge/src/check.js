// POST /verifications/check: `{ verification_id, code }`. The id is the capability the start returned, so only
// whoever started a verification can spend its attempts: a stranger who knows the phone number cannot make its
// owner's right code fail. An id this deployment did not start, or one that expired or was verified, is answered
// here (404) without calling Telnyx. Wrong codes are limited per verification (CHECK_ATTEMPTS, then it is dead and
// the user starts again, which the start limits meter), per client address (unknown ids too) and per deployment (429).
import { verificationLog } from './bindings.js';
import { limited } from './errors.js';
import { Refusal, readJson } from './http.js';
import { UUID, narrow } from './input.js';
import { clientAddress } from './address.js';
import { checkBudget, checkCounter, reserve } from './limits.js';
import { callOptions, clientFor, nothingSent } from './profile.js';
import { outcome } from './guardian.js';
import { count } from './stats.js';
import { bestEffort } from './log.js';

export async function check(request, env, config, meta) {
  const input = narrow(await readJson(request), ['verification_id', 'code']);
  if (typeof input.verification_id !== 'string' || !UUID.test(input.verification_id)) {
    throw new Refusal(400, 'validation_failed', 'verification_id must be the id the start answered.', {
      field: '/verification_id',
    });
  }
  if (typeof input.code !== 'string' || !/^[0-9]{1,32}$/.test(input.code)) {
    throw new Refusal(400, 'validation_failed', 'code must be the digits the user received.', { field: '/code' });
  }
  const id = input.verification_id;
  meta.verification = id;
  // Every check takes a slot in the address's wrong-code counter, guesses at ids that do not exist included; a right
  // code gives it back. So concurrent guesses are counted too.
  const addressSlot = await reserve(env.LIMITER, { first: [await checkCounter(config, clientAddress(request))] });
  if (!addressSlot.ok) throw limited(addressSlot, meta);
  const record = verificationLog(env, id);
  const attempt = await record.attempt(config.limits.checkAttempts);
  if (!attempt.ok && attempt.reason === 'exhausted') {
    throw limited({ limit: 'verification_attempts', retryAfter: Math.max(1, config.limits.cooldownSecs) }, meta);
  }
  if (!attempt.ok)
    throw new Refusal(404, 'verification_not_found', 'No pending verification has this id: start a new one.', {
      field: '/verification_id',
    });
  // The deployment's budget counts checks of real verifications only: unknown ids cost Telnyx nothing, and must not
  // let anyone spend everyone's budget.
  const budgetSlot = await reserve(env.LIMITER, { budget: checkBudget(config), key: id });
  if (!budgetSlot.ok) {
    await Promise.all([addressSlot.release(), record.settle('unsent')]);
    throw limited(budgetSlot, meta);
  }
  const slot = { release: () => Promise.all([addressSlot.release(), budgetSlot.release()]) };

  const { options, sent } = callOptions(config, request);
  let result;
  try {
    result = await clientFor(config, env).verifyCodeById(id, { code: input.code }, options);
  } catch (error) {
    if (!sent.maybe && nothingSent(error)) await Promise.all([slot.release(), record.settle('unsent')]);
    throw error;
  }
  meta.code = result.response_code;
  if (result.response_code === 'accepted') {
    const [, guarded] = await Promise.all([slot.release(), record.settle('accepted')]);
    // Accepted: the guard's log and the counts are bookkeeping, and must not turn the answer into an error.
    await Promise.all([
      bestEffort(meta, 'guard', () => outcome(env, guarded, id, 'converted')),
      bestEffort(meta, 'stats', () => count(env, config, { converted: 1 })),
    ]);
  }
  return { verification_id: id, response_code: result.response_code };
}

// The Worker's side of the conversion breaker (guard.js, guard-cell.js): where a number's prefix is judged, and the
// calls a start, a right code and a failed delivery make. GUARD=off turns it off. A failure of the breaker's own
// storage never blocks a start (the fixed limits still hold): it is logged, and the start goes on.
import { countryOf } from 'telnyx-verify-wasm';
import { Refusal } from './http.js';
import { cellName } from './guard-cell.js';
import { bestEffort } from './log.js';

/** The cell that judges `phone`'s prefix, and the prefix as the owner configured its length. */
export function placeOf(config, phone) {
  // Never the last four digits, which tell one subscriber from the next (a short number, or a long PREFIX_DIGITS).
  const prefix = phone.slice(0, Math.min(1 + config.limits.prefixDigits, phone.length - 4));
  const country = countryOf(phone) ?? 'ZZ';
  const shard = [...prefix].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7) % config.limits.shards;
  return { prefix, place: { country, shard, shards: config.limits.shards } };
}

const cellOf = (env, place) => env.GUARD_CELLS.get(env.GUARD_CELLS.idFromName(cellName(place.country, place.shard)));

/** Refuses a start to a blocked prefix or country: 403 `destination_blocked`, before anything is sent. */
export async function admit(env, config, phone, meta) {
  if (!config.guard) return;
  // The breaker's storage failing lets the start through: the fixed limits still hold, and the log line says so.
  const verdict = await bestEffort(meta, 'guard', () => verdictFor(env, config, phone));
  if (!verdict || verdict.ok) return;
  meta.limit = `guard_${verdict.scope}`;
  throw new Refusal(
    403,
    'destination_blocked',
    `Verifications to this ${verdict.scope === 'prefix' ? 'number range' : 'country'} are paused: too few of them were completed. Retry in ${verdict.retryAfter} s.`,
    { scope: verdict.scope, retry_after: verdict.retryAfter },
    { 'retry-after': String(verdict.retryAfter) },
  );
}

/** The cell's verdict on `phone`'s prefix, its country judged afresh when the cell's verdict is over a minute old. */
async function verdictFor(env, config, phone) {
  const { prefix, place } = placeOf(config, phone);
  const cell = cellOf(env, place);
  let verdict = await cell.admit(prefix, config.guard);
  if (verdict.stale) {
    // Once a minute per cell: the country's numbers from every shard, judged, kept in this cell; then ask again.
    const all = await summaries(env, config, place.country);
    const sum = (part) =>
      all.reduce((a, s) => ({ judged: a.judged + s[part].judged, converted: a.converted + s[part].converted }), {
        judged: 0,
        converted: 0,
      });
    await cell.judgeCountry(sum('current'), sum('record'), config.guard);
    verdict = await cell.admit(prefix, config.guard);
  }
  return verdict;
}

/** A start was sent: the breaker logs it; what the verification's record keeps to report its outcome later. */
export async function started(env, config, phone, verificationId) {
  if (!config.guard) return null;
  const { prefix, place } = placeOf(config, phone);
  await cellOf(env, place).started(prefix, verificationId, config.guard);
  return { prefix, place };
}

/** A right code (`converted`) or a failed delivery (`failed`) for a verification the breaker logged. */
export async function outcome(env, guarded, verificationId, kind) {
  if (!guarded) return;
  await cellOf(env, guarded.place).outcome(guarded.prefix, verificationId, kind);
}

/** The owner's call on a prefix or a country: every shard of a country, or the prefix's one cell. */
export async function ownerAction(env, config, { action, scope, key }) {
  if (scope === 'country') {
    const shards = Array.from({ length: config.limits.shards }, (_, shard) => ({ country: key, shard }));
    await Promise.all(shards.map((place) => cellOf(env, place).ownerAction(action, 'country')));
    return;
  }
  const { prefix, place } = placeOf(config, `${key}0000`);
  await cellOf(env, place).ownerAction(action, `prefix:${prefix}`);
}

/** Every cell of `country`: its summaries, for the admin page. */
export function summaries(env, config, country) {
  return Promise.all(
    Array.from({ length: config.limits.shards }, (_, shard) => cellOf(env, { country, shard }).summary(config.guard)),
  );
}

// Which counters a request takes a slot in, and taking them. Keys are HMAC-SHA256 of the number, prefix or
// address with LIMITER_KEY, so storage and logs never hold a number in clear and nobody without the key can tell
// which object counts which number. The deployment's budgets are sharded: no single object is on every request's
// path (see docs/edge.md "The request path").

const encoder = new TextEncoder();
const keys = new WeakMap();

async function hmac(config, text) {
  if (!keys.has(config)) {
    keys.set(
      config,
      crypto.subtle.importKey('raw', encoder.encode(config.limiterKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'sign',
      ]),
    );
  }
  const mac = await crypto.subtle.sign('HMAC', await keys.get(config), encoder.encode(text));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const HOUR = 3600;
const DAY = 86_400;

/** A counter: the object's name and the rules a slot in it must meet, in the order a refusal is reported. */
const counter = (name, rules) => ({ name, rules });

/** The per-number counter of a start: the cooldown, then the hourly and daily caps. */
async function numberCounter(config, phone) {
  const l = config.limits;
  return counter(await hmac(config, `number:${phone}`), [
    ...(l.cooldownSecs > 0 ? [{ limit: 'number_cooldown', max: 1, windowSecs: l.cooldownSecs }] : []),
    { limit: 'number_hourly', max: l.numberHourly, windowSecs: HOUR },
    { limit: 'number_daily', max: l.numberDaily, windowSecs: DAY },
  ]);
}

/** A start's counters: the client address first (the caller's own), then the number and its prefix. */
export async function startCounters(config, { phone, address }) {
  const l = config.limits;
  const [addressKey, prefixKey, number] = await Promise.all([
    hmac(config, `ip:${address}`),
    hmac(config, `prefix:${phone.slice(0, 1 + l.prefixDigits)}`),
    numberCounter(config, phone),
  ]);
  return {
    first: [
      counter(addressKey, [
        { limit: 'ip_hourly', max: l.ipHourly, windowSecs: HOUR },
        { limit: 'ip_daily', max: l.ipDaily, windowSecs: DAY },
      ]),
    ],
    others: [number, counter(prefixKey, [{ limit: 'prefix_hourly', max: l.prefixHourly, windowSecs: HOUR }])],
  };
}

/** The wrong codes of a client address (a slot per check, given back when the code was right). */
export async function checkCounter(config, address) {
  return counter(await hmac(config, `checks:${address}`), [
    { limit: 'check_ip_hourly', max: config.limits.checkIpHourly, windowSecs: HOUR },
  ]);
}

/**
 * A budget of the whole deployment, split over `shards` objects: shard i allows floor(max / shards), plus one for
 * the first `max % shards`, so the shards' allowances sum to `max` exactly. A request starts at the shard its key
 * hashes to and moves on to the next only when that one is full, so the budget is used whole (the sum is exact)
 * and, until it is nearly spent, a request touches one object.
 */
export function shardedBudget({ name, limit, max, windowSecs, shards }) {
  const count = Math.min(shards, max);
  return Array.from({ length: count }, (_, i) =>
    counter(`${name}:${i}`, [{ limit, max: Math.floor(max / count) + (i < max % count ? 1 : 0), windowSecs }]),
  );
}

export const startBudget = (config) =>
  shardedBudget({
    name: 'deployment-starts',
    limit: 'global_daily',
    max: config.limits.globalDaily,
    windowSecs: DAY,
    shards: config.limits.shards,
  });
export const checkBudget = (config) =>
  shardedBudget({
    name: 'deployment-checks',
    limit: 'check_global_hourly',
    max: config.limits.checkGlobalHourly,
    windowSecs: HOUR,
    shards: config.limits.shards,
  });

/** A slot held in one counter, to give back if nothing was sent. */
const held = (stub, token) => ({ release: () => stub.release(token) });
const stubOf = (namespace, name) => namespace.get(namespace.idFromName(name));

async function takeOne(namespace, { name, rules }) {
  const stub = stubOf(namespace, name);
  const answer = await stub.take(rules);
  return answer.ok ? { ok: true, slot: held(stub, answer.token) } : answer;
}

/** One slot of a sharded budget, from the shard `key` picks on; or the refusal that frees first. */
async function takeShard(namespace, shards, key) {
  const first = [...key].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7) % shards.length;
  const refusals = [];
  for (let i = 0; i < shards.length; i++) {
    const answer = await takeOne(namespace, shards[(first + i) % shards.length]);
    if (answer.ok) return answer;
    refusals.push(answer);
  }
  return { ...refusals[0], retryAfter: Math.min(...refusals.map((r) => r.retryAfter)) };
}

/**
 * Takes a slot in every counter, or in none: the `first` counters alone (the caller's own, so that a caller over
 * its limit is refused before it can hold anyone else's slot, even for an instant), then the `others` and the
 * sharded `budget` together. When one refuses, or a take fails, the slots taken are given back (deleted).
 * Resolves to `{ ok: true, release }` or to a refusal `{ ok: false, limit, retryAfter }`.
 * @param {DurableObjectNamespace} namespace
 * @param {{ first?: object[], others?: object[], budget?: object, key?: string }} counters
 */
export async function reserve(namespace, { first = [], others = [], budget, key }) {
  const taken = [];
  const release = () => Promise.all(taken.map((slot) => slot.release()));
  for (const [i, counters] of [first, others].entries()) {
    const settled = await Promise.allSettled([
      ...counters.map((c) => takeOne(namespace, c)),
      ...(i === 1 && budget?.length ? [takeShard(namespace, budget, key)] : []),
    ]);
    const answers = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
    taken.push(...answers.filter((a) => a.ok).map((a) => a.slot));
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) {
      await release();
      throw failure.reason;
    }
    const refusals = answers.filter((a) => !a.ok);
    if (refusals.length > 0) {
      await release();
      // The first refused counter names the limit; Retry-After is when every refused one has room.
      return { ...refusals[0], retryAfter: Math.max(...refusals.map((r) => r.retryAfter)) };
    }
  }
  return { ok: true, release };
}

// Which counters a request touches, and taking slots in all of them at once. Keys are HMAC-SHA256 of the
// number, prefix or IP with LIMITER_KEY, so storage and logs never hold a number in clear and nobody without the
// key can tell which object counts which number.

const encoder = new TextEncoder();
const keys = new WeakMap();

async function hmac(config, text) {
  if (!keys.has(config)) {
    keys.set(config, crypto.subtle.importKey('raw', encoder.encode(config.limiterKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  }
  const mac = await crypto.subtle.sign('HMAC', await keys.get(config), encoder.encode(text));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const HOUR = 3600;
const DAY = 86_400;

/**
 * The client's address for the IP limit: CF-Connecting-IP (set by Cloudflare, not by the client), an IPv6 address
 * cut to its /64 (one subscriber holds a whole /64). Without it (local runs), one shared "unknown" bucket.
 */
export function clientAddress(request) {
  const ip = request.headers.get('cf-connecting-ip') ?? 'unknown';
  if (!ip.includes(':')) return ip;
  const groups = ip.split('::')[0].split(':');
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The counters a start takes a slot in, with their rules, in the order a refusal is reported. */
export async function startCounters(config, { phone, address }) {
  const l = config.limits;
  const number = [
    ...(l.cooldownSecs > 0 ? [{ limit: 'number_cooldown', max: 1, windowSecs: l.cooldownSecs }] : []),
    { limit: 'number_hourly', max: l.numberHourly, windowSecs: HOUR },
    { limit: 'number_daily', max: l.numberDaily, windowSecs: DAY },
  ];
  const [numberKey, addressKey, prefixKey] = await Promise.all([
    hmac(config, `number:${phone}`),
    hmac(config, `ip:${address}`),
    hmac(config, `prefix:${phone.slice(0, 1 + l.prefixDigits)}`),
  ]);
  return [
    { name: numberKey, rules: number },
    {
      name: addressKey,
      rules: [{ limit: 'ip_hourly', max: l.ipHourly, windowSecs: HOUR }, { limit: 'ip_daily', max: l.ipDaily, windowSecs: DAY }],
    },
    { name: prefixKey, rules: [{ limit: 'prefix_hourly', max: l.prefixHourly, windowSecs: HOUR }] },
    // One object for the deployment's budget: at most GLOBAL_DAILY_CAP starts a day, a few hundred requests.
    { name: 'global', rules: [{ limit: 'global_daily', max: l.globalDaily, windowSecs: DAY }] },
  ];
}

/** The counter of a number's wrong codes: a slot per check, given back when the code was right. */
export async function checkCounter(config, phone) {
  const l = config.limits;
  return {
    name: await hmac(config, `checks:${phone}`),
    rules: [
      { limit: 'check_failures', max: l.checkFailures, windowSecs: l.checkWindowSecs },
      { limit: 'check_daily_failures', max: l.checkDailyFailures, windowSecs: DAY },
    ],
  };
}

/**
 * Takes a slot in every counter, or in none: when one refuses, the others are given back. Resolves to
 * `{ ok: true, release }` or to the refusal that frees last (`{ ok: false, limit, retryAfter }`).
 */
export async function reserve(namespace, counters, now) {
  const stubs = counters.map(({ name }) => namespace.get(namespace.idFromName(name)));
  const answers = await Promise.all(stubs.map((stub, i) => stub.take(counters[i].rules, now)));
  const release = () => Promise.all(answers.map((answer, i) => (answer.ok ? stubs[i].release(answer.token) : undefined)));
  const refusals = answers.filter((answer) => !answer.ok);
  if (refusals.length === 0) return { ok: true, release };
  await release();
  // The first refused counter names the limit; Retry-After is when every refused one has room.
  return { ...refusals[0], retryAfter: Math.max(...refusals.map((r) => r.retryAfter)) };
}

// The Worker's configuration, read from its variables and secrets once per isolate and checked whole. A variable
// that does not parse is a ConfigError: every request is then answered 500 `configuration_error` naming the
// variable (never its value), so a typo cannot leave the Worker running with no limits (fail closed).
//
// Every limit, its default and why: docs/edge.md, "Deploy it".
import { ConfigError, countries, optionalPattern, optionalUrl, reader } from './config-values.js';

export { ConfigError };

/** The channels a page may ask for. psd2 needs an amount and a payee the start route does not take. */
const TYPES = ['sms', 'call', 'flashcall', 'whatsapp'];

/** Limits that have no business being larger; a value above is a typo (an extra zero) more likely than intent. */
const MAX_COUNT = 1_000_000;
/** The most slots one counter object holds (its log is one stored value, about 60 bytes a slot). */
const MAX_PER_OBJECT = 10_000;
const MAX_SECONDS = 7 * 86_400;

/** Used as LIMITER_KEY in MODE=sandbox only, when none is set: there are no real numbers to protect there. */
const SANDBOX_LIMITER_KEY = 'sandbox-mode-limiter-key-not-a-secret';

/** `live` talks to Telnyx with TELNYX_API_KEY; `sandbox` answers from the package's sandbox. Never inferred. */
const MODES = ['live', 'sandbox'];

export const DEFAULTS = {
  MODE: 'live',
  ALLOWED_ORIGIN: '',
  ALLOWED_COUNTRIES: 'US,CA',
  ALLOWED_TYPES: 'sms',
  COOLDOWN_SECONDS: '60',
  NUMBER_HOURLY_CAP: '5',
  DAILY_CAP: '10',
  IP_HOURLY_CAP: '10',
  IP_DAILY_CAP: '20',
  PREFIX_DIGITS: '7',
  PREFIX_HOURLY_CAP: '10',
  GLOBAL_DAILY_CAP: '500',
  CHECK_ATTEMPTS: '5',
  CHECK_IP_HOURLY_FAILURES: '20',
  CHECK_GLOBAL_HOURLY_FAILURES: '2000',
  DEPLOYMENT_SHARDS: '16',
  GUARD: 'on',
  GUARD_WINDOW_SECONDS: '3600',
  GUARD_MIN_STARTS: '20',
  GUARD_MIN_CONVERSION: '20',
  GUARD_BLOCK_SECONDS: '3600',
  GUARD_GRACE_SECONDS: '300',
  DEADLINE_MS: '10000',
  TURNSTILE_SITEVERIFY_URL: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
};

const read = new WeakMap();

/** The configuration of `env`, parsed once; throws the same ConfigError on every call when it does not parse. */
export function configOf(env) {
  if (!read.has(env)) {
    try {
      read.set(env, { config: parse(env) });
    } catch (error) {
      read.set(env, { error });
    }
  }
  const { config, error } = read.get(env);
  if (error) throw error;
  return config;
}

function parse(env) {
  const { text, whole, count, list } = reader(env, DEFAULTS, MAX_COUNT);

  const mode = text('MODE');
  if (!MODES.includes(mode)) throw new ConfigError('MODE', `must be ${MODES.join(' or ')}`);
  const sandbox = mode === 'sandbox';
  const apiKey = text('TELNYX_API_KEY') || undefined;
  if (sandbox && apiKey)
    throw new ConfigError('TELNYX_API_KEY', 'must not be set with MODE=sandbox (remove it, or set MODE=live)');
  if (!sandbox && !apiKey)
    throw new ConfigError(
      'TELNYX_API_KEY',
      'must be set with MODE=live (a secret: `wrangler secret put TELNYX_API_KEY`)',
    );
  const config = {
    sandbox,
    apiKey,
    baseUrl: optionalUrl(text('TELNYX_BASE_URL'), 'TELNYX_BASE_URL'),
    publicKey: optionalPattern(
      text('TELNYX_PUBLIC_KEY'),
      'TELNYX_PUBLIC_KEY',
      /^[A-Za-z0-9+/]{43}=$/,
      'must be the base64 Ed25519 public key from the portal (44 characters)',
    ),
    profileId: optionalPattern(
      text('VERIFY_PROFILE_ID'),
      'VERIFY_PROFILE_ID',
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      'must be a profile id (a UUID)',
    ),
    adminToken: optionalPattern(
      text('ADMIN_TOKEN'),
      'ADMIN_TOKEN',
      /^[\x21-\x7e]{32,}$/,
      'must be at least 32 printable characters (e.g. `openssl rand -hex 32`)',
    ),
    limiterKey: optionalPattern(
      text('LIMITER_KEY'),
      'LIMITER_KEY',
      /^[\x21-\x7e]{32,}$/,
      'must be at least 32 printable characters (e.g. `openssl rand -hex 32`)',
    ),
    origins: list('ALLOWED_ORIGIN').map((origin) => {
      const url = optionalUrl(origin, 'ALLOWED_ORIGIN');
      if (new URL(url).origin !== origin)
        throw new ConfigError('ALLOWED_ORIGIN', 'must list origins (scheme://host[:port], no path), comma-separated');
      return origin;
    }),
    countries: countries(list('ALLOWED_COUNTRIES')),
    types: list('ALLOWED_TYPES').map((type) => {
      if (!TYPES.includes(type)) throw new ConfigError('ALLOWED_TYPES', `must list channels among ${TYPES.join(', ')}`);
      return type;
    }),
    limits: {
      cooldownSecs: whole('COOLDOWN_SECONDS', { min: 0, max: MAX_SECONDS }),
      numberHourly: count('NUMBER_HOURLY_CAP'),
      numberDaily: count('DAILY_CAP'),
      ipHourly: count('IP_HOURLY_CAP'),
      ipDaily: count('IP_DAILY_CAP'),
      prefixDigits: whole('PREFIX_DIGITS', { min: 1, max: 15 }),
      prefixHourly: count('PREFIX_HOURLY_CAP'),
      globalDaily: count('GLOBAL_DAILY_CAP'),
      checkAttempts: count('CHECK_ATTEMPTS'),
      checkIpHourly: count('CHECK_IP_HOURLY_FAILURES'),
      checkGlobalHourly: count('CHECK_GLOBAL_HOURLY_FAILURES'),
      shards: whole('DEPLOYMENT_SHARDS', { min: 1, max: 256 }),
    },
    guard: guardOf(text, whole, count('PREFIX_HOURLY_CAP')),
    deadlineMs: whole('DEADLINE_MS', { min: 1000, max: 120_000 }),
    turnstile: undefined,
  };
  if (config.types.length === 0) throw new ConfigError('ALLOWED_TYPES', 'must list at least one channel');
  // A counter keeps its whole log in one stored value, rewritten on each take: keep each one's log small.
  for (const [name, max] of /** @type {[string, number][]} */ ([
    ['GLOBAL_DAILY_CAP', config.limits.globalDaily],
    ['CHECK_GLOBAL_HOURLY_FAILURES', config.limits.checkGlobalHourly],
  ])) {
    if (max / config.limits.shards > MAX_PER_OBJECT)
      throw new ConfigError(
        name,
        `must be at most ${MAX_PER_OBJECT} times DEPLOYMENT_SHARDS (raise DEPLOYMENT_SHARDS)`,
      );
  }
  for (const name of [
    'NUMBER_HOURLY_CAP',
    'DAILY_CAP',
    'IP_HOURLY_CAP',
    'IP_DAILY_CAP',
    'PREFIX_HOURLY_CAP',
    'CHECK_IP_HOURLY_FAILURES',
  ]) {
    if (Number(text(name)) > MAX_PER_OBJECT) throw new ConfigError(name, `must be at most ${MAX_PER_OBJECT}`);
  }
  if (!sandbox && !config.limiterKey)
    throw new ConfigError(
      'LIMITER_KEY',
      'must be set with MODE=live (the limits key their counters by an HMAC of the number)',
    );
  config.limiterKey ??= SANDBOX_LIMITER_KEY;
  const secret = text('TURNSTILE_SECRET');
  if (secret) {
    const siteKey = text('TURNSTILE_SITE_KEY');
    if (!siteKey)
      throw new ConfigError(
        'TURNSTILE_SITE_KEY',
        'must be set with TURNSTILE_SECRET (the page needs it to show the widget)',
      );
    config.turnstile = {
      secret,
      siteKey,
      siteverifyUrl: optionalUrl(text('TURNSTILE_SITEVERIFY_URL'), 'TURNSTILE_SITEVERIFY_URL'),
    };
  }
  return Object.freeze(config);
}

/** The conversion breaker's settings (docs/edge.md "The fraud guard"), or null with GUARD=off. */
function guardOf(text, whole, prefixHourly) {
  const mode = text('GUARD');
  if (mode !== 'on' && mode !== 'off') throw new ConfigError('GUARD', 'must be on or off');
  if (mode === 'off') return null;
  const seconds = (name) => whole(name, { min: 1, max: MAX_SECONDS }) * 1000;
  const windowMs = seconds('GUARD_WINDOW_SECONDS');
  const graceMs = seconds('GUARD_GRACE_SECONDS');
  // A start past its grace counts as unconverted: a grace as long as the window would judge nothing.
  if (graceMs * 2 > windowMs)
    throw new ConfigError('GUARD_GRACE_SECONDS', 'must be at most half of GUARD_WINDOW_SECONDS');
  const minStarts = whole('GUARD_MIN_STARTS', { min: 1, max: MAX_COUNT });
  return Object.freeze({
    windowMs,
    minStarts,
    // PREFIX_HOURLY_CAP lets a prefix send only so many starts in a window: a prefix minimum above what it can send
    // would never be reached, and every prefix would be judged by its country only.
    prefixMinStarts: Math.max(1, Math.min(minStarts, Math.floor((prefixHourly * windowMs * 0.8) / 3_600_000))),
    // 0 would never block: GUARD=off says that.
    minConversion: whole('GUARD_MIN_CONVERSION', { min: 1, max: 100 }),
    blockMs: seconds('GUARD_BLOCK_SECONDS'),
    graceMs,
  });
}

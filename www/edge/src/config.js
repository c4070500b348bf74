// The Worker's configuration, read from its variables and secrets once per isolate and checked whole. A variable
// that does not parse is a ConfigError: every request is then answered 500 `configuration_error` naming the
// variable (never its value), so a typo cannot leave the Worker running with no limits (fail closed).
//
// Every limit, its default and why: docs/edge.md, "Deploy it".
import { checkObjectCaps, guardOf, limitsOf, MAX_COUNT } from './config-limits.js';
import { ConfigError, countries, optionalPattern, optionalUrl, reader } from './config-values.js';

export { ConfigError };

/** The channels a page may ask for. psd2 needs an amount and a payee the start route does not take. */
const TYPES = ['sms', 'call', 'flashcall', 'whatsapp'];

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

const parsed = new WeakMap();

/** The configuration of `env`, parsed once; throws the same ConfigError on every call when it does not parse. */
export function configOf(env) {
  if (!parsed.has(env)) {
    try {
      parsed.set(env, { config: parse(env) });
    } catch (error) {
      parsed.set(env, { error });
    }
  }
  const { config, error } = parsed.get(env);
  if (error) throw error;
  return config;
}

function parse(env) {
  const read = reader(env, DEFAULTS, MAX_COUNT);
  const { text, whole, list } = read;

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
    limits: limitsOf(read),
    guard: guardOf(read, read.count('PREFIX_HOURLY_CAP')),
    deadlineMs: whole('DEADLINE_MS', { min: 1000, max: 120_000 }),
    turnstile: undefined,
  };
  if (config.types.length === 0) throw new ConfigError('ALLOWED_TYPES', 'must list at least one channel');
  checkObjectCaps(read, config.limits);
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

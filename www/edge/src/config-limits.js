// The Worker's abuse limits and its fraud guard's settings, from their variables (config.js reads the rest).
//
// Every limit, its default and why: docs/edge.md, "Deploy it".
import { ConfigError } from './config-values.js';

/** Limits that have no business being larger; a value above is a typo (an extra zero) more likely than intent. */
export const MAX_COUNT = 1_000_000;
/** The most slots one counter object holds (its log is one stored value, about 60 bytes a slot). */
const MAX_PER_OBJECT = 10_000;
const MAX_SECONDS = 7 * 86_400;

/** The limits, each in its own range (from config-values.js's reader); checkObjectCaps checks them together. */
export function limitsOf({ whole, count }) {
  return {
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
  };
}

/** Throws when a limit asks one counter object to hold more slots than it can (run after the other checks). */
export function checkObjectCaps({ text }, limits) {
  // A counter keeps its whole log in one stored value, rewritten on each take: keep each one's log small.
  for (const [name, max] of /** @type {[string, number][]} */ ([
    ['GLOBAL_DAILY_CAP', limits.globalDaily],
    ['CHECK_GLOBAL_HOURLY_FAILURES', limits.checkGlobalHourly],
  ])) {
    if (max / limits.shards > MAX_PER_OBJECT)
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
}

/** The conversion breaker's settings (docs/edge.md "The fraud guard"), or null with GUARD=off. */
export function guardOf({ text, whole }, prefixHourly) {
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

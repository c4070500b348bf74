// The conversion breaker's rules, as pure functions (guard-cell.js keeps the data). Pumped codes are never entered:
// healthy traffic converts at 60-80 %, pumped traffic at almost 0. Over a trailing window, once enough starts have
// had their grace period, a prefix or a country converting below the threshold is blocked for a while.
//
// A start counts once it is judged: its code was entered (converted), its delivery failed (verify.failed), or its
// grace period passed without a right code. A prefix with fewer judged starts than its minimum (GUARD_MIN_STARTS,
// or less when PREFIX_HOURLY_CAP lets a prefix send fewer in a window) is judged by its country. A country with a long record of good conversion is blocked only on a large drop (RECORD_DROP).

/** A country's record counts when it has this many times the minimum of judged starts… */
export const RECORD_MIN_FACTOR = 10;
/** …and then blocks only below this share of its record's conversion (a 75 % relative drop). */
export const RECORD_DROP = 0.25;

/** `{ judged, converted }` of a log of starts `{ t, c, f }` at `now`. */
export function tally(log, now, { windowMs, graceMs }) {
  let judged = 0;
  let converted = 0;
  for (const start of log) {
    if (start.t <= now - windowMs) continue;
    if (start.c) converted++;
    if (start.c || start.f || start.t <= now - graceMs) judged++;
  }
  return { judged, converted };
}

export const rate = ({ judged, converted }) => (judged === 0 ? 1 : converted / judged);

/** Whether `current` (a tally) converts too little, given the minimums and (for a country) its `record`. */
export function converting(current, guard, record, minStarts = guard.minStarts) {
  if (current.judged < minStarts) return true;
  const threshold = guard.minConversion / 100;
  if (rate(current) >= threshold) return true;
  const longRecord = record && record.judged >= RECORD_MIN_FACTOR * guard.minStarts && rate(record) >= threshold;
  // Never below half the threshold: the record includes the attack's own hours, and must not erode with them.
  return longRecord ? rate(current) >= Math.max(threshold / 2, rate(record) * RECORD_DROP) : false;
}

/** The hour a time falls in, as a number (ms since the epoch / 3600000, floored). */
export const hourOf = (t) => Math.floor(t / 3_600_000);

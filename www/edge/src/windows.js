// Sliding windows over a log of the times slots were taken, as pure functions (the RateLimiter object stores the
// log; test/windows.test.mjs checks these against a plain reference model). "At most 5 in 3600 s" holds over every
// hour, not per clock hour, so a burst at a window's edge cannot double it.
//
// A log entry is `{ t, token }`. Time never runs backwards: a counter decides by the latest time it has seen (its
// clock, or a time it saw before if the clock stepped back), so an entry is never "in the future", is dropped only
// once it has left the longest window, and no order of arrival frees a slot.

/** `rules`: `[{ limit: 'number_hourly', max: 5, windowSecs: 3600 }, …]`. The longest window, in ms. */
export const longestMs = (rules) => Math.max(...rules.map((rule) => rule.windowSecs)) * 1000;

/** The time to decide by: the clock, or the latest time seen before (`seen`, and any entry's) if it reads earlier. */
export const effectiveNow = (seen, log, clockNow) => Math.max(clockNow, seen, ...log.map((entry) => entry.t));

/** The entries that still count in some window at `now`, oldest first, at most as many as the largest `max`. */
export function pruned(log, windowMs, keep, now) {
  return log.filter((entry) => entry.t > now - windowMs).slice(-keep);
}

/** The first rule with no room at `now`, as `{ ok: false, limit, retryAfter }` (whole seconds, at least 1). */
export function refusal(rules, log, now) {
  for (const { limit, max, windowSecs } of rules) {
    const inWindow = log.filter((entry) => entry.t > now - windowSecs * 1000);
    if (inWindow.length >= max) {
      // Room again when all but max - 1 of the entries in the window have left it.
      const freeing = inWindow[inWindow.length - max];
      return { ok: false, limit, retryAfter: Math.max(1, Math.ceil((freeing.t + windowSecs * 1000 - now) / 1000)) };
    }
  }
  return undefined;
}

export const largestMax = (rules) => Math.max(...rules.map((rule) => rule.max));
